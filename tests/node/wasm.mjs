// Loads the optimised web build from pkg/ into Node (initSync with the bytes; no fetch needed).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadWasm() {
  const mod = await import(path.join(root, 'pkg/yoken.js'));
  mod.initSync({ module: fs.readFileSync(path.join(root, 'pkg/yoken_bg.wasm')) });
  return mod;
}
