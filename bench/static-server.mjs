// The benchmarks' static server: the benchmark pages and the built package from the checkout,
// cross-origin isolated (COOP + COEP) so that a page's timers have 5 µs resolution, never cached.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT } from '../tests/browser/server.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };
const SERVED = ['bench/', 'pkg/', 'www/', 'packs/'];

/** A static server for the benchmark page, cross-origin isolated (COOP + COEP). */
export function serveBench() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(ROOT, rel);
    if (!SERVED.some((p) => rel.startsWith(p)) || !file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
