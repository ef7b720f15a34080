// What a page downloads to run yoken: pkg/yoken_bg.wasm + pkg/yoken.js (the glue), and the widget
// (www/yoken-widget.js and its form renderer www/yoken-form.js), each raw, gzip -9 and brotli (quality 11), measured with Node's zlib.
//   node bench/size.mjs            prints the figures as JSON
//   node bench/size.mjs --check    fails when wasm + glue (brotli) is more than 5 % over the figure
//                                  recorded for this wasm route in bench/size-baseline.json
//   node bench/size.mjs --record   records the current figure for this route (after a deliberate change)
// The route (rustup or debian, see scripts/lib.sh) comes from $ROUTE; the two compilers differ a little.
import fs from 'node:fs';
import zlib from 'node:zlib';

const ROOT = new URL('..', import.meta.url);
const FILES = { wasm: 'pkg/yoken_bg.wasm', glue: 'pkg/yoken.js', widget: 'www/yoken-widget.js', renderer: 'www/yoken-form.js' };
const BASELINE = new URL('bench/size-baseline.json', ROOT);
const ALLOWED_GROWTH = 0.05;

/** Raw, gzip -9 and brotli-11 byte counts of one file. */
function measure(rel) {
  const bytes = fs.readFileSync(new URL(rel, ROOT));
  return {
    raw: bytes.length,
    gzip9: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

export function sizes() {
  const files = Object.fromEntries(Object.entries(FILES).map(([k, rel]) => [k, { file: rel, ...measure(rel) }]));
  const sum = (key) => files.wasm[key] + files.glue[key];
  return { ...files, wasmAndGlue: { raw: sum('raw'), gzip9: sum('gzip9'), brotli: sum('brotli') } };
}

if (globalThis.process && import.meta.url === `file://${process.argv[1]}`) {
  const route = process.env.ROUTE || 'rustup';
  const now = sizes();
  const baseline = fs.existsSync(BASELINE) ? JSON.parse(fs.readFileSync(BASELINE, 'utf8')) : {};
  if (process.argv.includes('--record')) {
    baseline[route] = { wasmAndGlueBrotli: now.wasmAndGlue.brotli, recorded: new Date().toISOString().slice(0, 10) };
    fs.writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`recorded ${route}: ${now.wasmAndGlue.brotli} bytes brotli`);
  } else if (process.argv.includes('--check')) {
    // A route with no figure of its own is held to the other route's (the compilers differ by little).
    const recorded = baseline[route]?.wasmAndGlueBrotli ?? Object.values(baseline)[0]?.wasmAndGlueBrotli;
    if (!recorded) {
      console.error(`size check: no figure recorded for the ${route} route in bench/size-baseline.json (run node bench/size.mjs --record)`);
      process.exit(1);
    }
    const limit = Math.floor(recorded * (1 + ALLOWED_GROWTH));
    const verdict = now.wasmAndGlue.brotli <= limit ? 'ok' : 'TOO BIG';
    console.log(`size check (${route}): wasm + glue ${now.wasmAndGlue.brotli} B brotli; recorded ${recorded}, limit ${limit} (+5 %): ${verdict}`);
    if (verdict !== 'ok') process.exit(1);
  } else {
    console.log(JSON.stringify(now, null, 1));
  }
}
