// Parity over a generated corpus: the wasm build (validateJson), the native CLI (`yoken check
// --format jsonl`) and the HTTP server (`yoken serve`) return byte-identical Reports — or the same
// error code — for valid, invalid, half-filled and hostile forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadWasm } from './wasm.mjs';
import { startYoken, yokenBin, ROOT } from '../browser/server.mjs';
import { prng } from '../../bench/corpus.mjs';

const TODAY = '2025-12-01';
const PER_PROGRAMME = 250;
const yoken = await loadWasm();


const HOSTILE = [
  '<script>alert(1)</script>', '\u202eevil\u202c', 'a\u200bb', '１２，３４５千円', '1e30', 'NaN', '-0', '',
  '   ', '¥12千円', '令和0年1月1日', '平成31年5月1日', 'R7.2.29', '999999999999999999', '▲500',
  'x'.repeat(3000), '😀'.repeat(50), '\u0000\u0001', '{"nested": true}', 'null', 'はい', 'ＹＥＳ',
];
const HOSTILE_VALUES = [...HOSTILE, 1e30, -1, 0.5, true, false, null, [], {}, [1, [2, [3]]], { a: { b: 'c' } }];

/** Every leaf path of an object, as arrays of keys/indices. */
function leaves(value, at = [], out = []) {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    if (entries.length === 0) out.push(at);
    for (const [k, v] of entries) leaves(v, [...at, k], out);
  } else out.push(at);
  return out;
}

function setAt(obj, keys, value) {
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys[keys.length - 1]] = value;
}

function deleteAt(obj, keys) {
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o?.[k];
  if (o && typeof o === 'object') {
    if (Array.isArray(o)) o.splice(keys[keys.length - 1], 1); else delete o[keys[keys.length - 1]];
  }
}

function corpus() {
  const casesDir = path.join(ROOT, 'tests/cases');
  const items = [];
  for (const programme of fs.readdirSync(casesDir).sort()) {
    const seeds = fs.readdirSync(path.join(casesDir, programme)).filter((f) => f.endsWith('.form.json')).sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(casesDir, programme, f), 'utf8')).form);
    const random = prng(programme.length * 7919);
    const pick = (xs) => xs[Math.floor(random() * xs.length)];
    for (let i = 0; i < PER_PROGRAMME; i += 1) {
      const form = structuredClone(pick(seeds));
      const kind = i % 4;
      const paths = leaves(form).filter((p) => p.length > 0);
      if (kind === 1) for (let j = 0; j < 3 && paths.length; j += 1) deleteAt(form, pick(paths)); // half-filled
      if (kind === 2 && paths.length) setAt(form, pick(paths), pick(HOSTILE_VALUES)); // hostile value
      if (kind === 3) form[pick(['unknown', 'budget', 'applicant', 'dates'])] = pick(HOSTILE_VALUES); // hostile section
      items.push({ programme, text: JSON.stringify(form) });
    }
    items.push({ programme, text: '[1, 2, 3]' }, { programme, text: '"a string"' });
  }
  return items;
}

const items = corpus();
let server;
before(async () => { server = await startYoken([]); });
after(() => server?.stop());

function viaWasm({ programme, text }) {
  try { return yoken.validateJson(programme, text, TODAY); } catch (e) { return `error:${e.code}`; }
}

function viaCli(programme, forms) {
  const file = path.join(os.tmpdir(), `yoken-parity-${process.pid}-${programme}.jsonl`);
  fs.writeFileSync(file, forms.map((f) => f.text).join('\n') + '\n');
  let stdout;
  try {
    stdout = execFileSync(yokenBin(), ['check', '-p', programme, '--today', TODAY, '--format', 'jsonl', file], { maxBuffer: 1 << 30 }).toString();
  } catch (e) {
    stdout = e.stdout.toString(); // exit 1 (findings) or 2 (unreadable lines) still prints every line
  } finally {
    fs.rmSync(file);
  }
  return stdout.split('\n').filter(Boolean).map((line) => {
    const prefix = line.indexOf(',"report":');
    if (prefix >= 0) return line.slice(prefix + ',"report":'.length, -1);
    return `error:${JSON.parse(line).error.code}`;
  });
}

async function viaHttp({ programme, text }) {
  const res = await fetch(`${server.url}v1/programmes/${programme}/validate?today=${TODAY}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: text,
  });
  const body = await res.text();
  return res.status === 200 ? body : `error:${JSON.parse(body).error.code}`;
}

test(`wasm, the CLI and the HTTP server agree byte for byte on ${items.length} generated forms`, async () => {
  const mismatches = [];
  for (const programme of [...new Set(items.map((i) => i.programme))]) {
    const forms = items.filter((i) => i.programme === programme);
    const cli = viaCli(programme, forms);
    assert.equal(cli.length, forms.length);
    for (const [i, form] of forms.entries()) {
      const wasm = viaWasm(form);
      const http = await viaHttp(form);
      if (wasm !== cli[i] || wasm !== http) mismatches.push(`${programme}#${i}: ${form.text.slice(0, 120)}`);
    }
  }
  assert.deepEqual(mismatches.slice(0, 5), []);
  const reports = items.map(viaWasm).filter((r) => !r.startsWith('error:')).length;
  assert.ok(reports > items.length * 0.9, `most forms give a Report (${reports}/${items.length})`);
});
