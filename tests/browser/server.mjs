// Starts the real `yoken serve` (the demo command's server) on a free port with www/ and pkg/.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function yokenBin() {
  const bin = process.env.YOKEN_BIN ?? path.join(ROOT, 'target/debug/yoken');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is not built: run cargo build (or set YOKEN_BIN)`);
  return bin;
}

/** Resolves to { url, stop() } once the server prints its address. */
export function startYoken(args = ['--www', 'www', '--pkg', 'pkg']) {
  const child = spawn(yokenBin(), ['serve', '--addr', '127.0.0.1:0', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, YOKEN_LOG: 'warn' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/yoken serve: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`yoken serve exited (${code}) before listening`)));
  });
}
