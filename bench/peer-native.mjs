// Node running the JS peer from bytes to bytes (JSON text in, findings as JSON text out), the
// counterpart of benches/validate.rs. Prints {"full": validations/s, "half": …} as JSON.
// Usage: node bench/peer-native.mjs [seconds per form]
import fs from 'node:fs';
import { createPeer } from './peer.mjs';

const pack = JSON.parse(fs.readFileSync(new URL('../packs/maff-mohouhin-r7.json', import.meta.url), 'utf8'));
const peer = createPeer(pack);
const seconds = Number(process.argv[2] ?? 5);
const out = {};
for (const name of ['full', 'half']) {
  const text = fs.readFileSync(new URL(`./forms/${name}.json`, import.meta.url), 'utf8');
  const once = () => JSON.stringify(peer(JSON.parse(text))).length;
  for (let i = 0; i < 2000; i += 1) once(); // warm-up: let the JIT settle
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i += 1) once();
    n += 100;
    now = process.hrtime.bigint();
  }
  out[name] = Math.round(n / (Number(now - start) / 1e9));
}
console.log(JSON.stringify(out));
