// A static file server for www/ (at /) and pkg/ (at /pkg/) on 127.0.0.1, with the strict CSP the
// widget must work under. Used by the browser tests; `node scripts/serve-static.mjs [port]` runs it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.ts': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Maps a URL path to a file under www/ or pkg/, refusing anything that escapes them. */
function resolve(urlPath) {
  let rel = decodeURIComponent(urlPath.split('?')[0]);
  let base = path.join(root, 'www');
  if (rel.startsWith('/pkg/')) { base = path.join(root, 'pkg'); rel = rel.slice(4); }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(base, '.' + rel);
  return file.startsWith(base + path.sep) ? file : null;
}

/** Starts the server; resolves to { server, url }. Port 0 picks a free port. */
export function startStaticServer(port = 0) {
  const server = http.createServer((req, res) => {
    let file = null;
    try { file = resolve(req.url); } catch { file = null; }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startStaticServer(Number(process.argv[2] ?? 8080));
  console.log(`yoken demo: ${url}`);
}
