// Loads the optimised web build from pkg/ into Node (initSync with the bytes; no fetch needed),
// with the built-in packs it ships as compiled files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The module with every built-in pack loaded from pkg/packs/ (the module itself holds none). */
export async function loadWasm() {
  const mod = await import(path.join(root, 'pkg/yoken.js'));
  mod.initSync({ module: fs.readFileSync(path.join(root, 'pkg/yoken_bg.wasm')) });
  const dir = path.join(root, 'pkg/packs');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ykp')).sort()) {
    if (!mod.hasProgramme(file.slice(0, -4))) mod.loadPack(fs.readFileSync(path.join(dir, file)));
  }
  return mod;
}
