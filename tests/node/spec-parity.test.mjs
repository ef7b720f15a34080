// Parity: every spec case through the optimised wasm build gives the same bytes as the native
// build recorded in tests/cases/<programme>/<case>.report.json (written by `cargo test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadWasm } from './wasm.mjs';

const yoken = await loadWasm();
const casesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases');
const root = path.resolve(casesDir, '../..');

function specCases() {
  const out = [];
  for (const programme of fs.readdirSync(casesDir).sort()) {
    const dir = path.join(casesDir, programme);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.form.json')) out.push({ programme, file: path.join(dir, file) });
    }
  }
  return out;
}

test('wasm validateJson returns the native bytes for every spec case', () => {
  const cases = specCases();
  assert.ok(cases.length >= 10, `spec corpus found: ${cases.length}`);
  for (const { programme, file } of cases) {
    const { today, form } = JSON.parse(fs.readFileSync(file, 'utf8'));
    const expected = JSON.stringify(JSON.parse(fs.readFileSync(file.replace('.form.json', '.report.json'), 'utf8')));
    const viaJson = yoken.validateJson(programme, JSON.stringify(form), today);
    assert.equal(viaJson, expected, path.basename(file));
    // The object API gives the same report.
    assert.equal(JSON.stringify(yoken.validate(programme, form, today)), expected, path.basename(file));
  }
});

test('programmes() lists every built-in pack (one per file in packs/, by file name) with its questions, selection first', () => {
  const list = yoken.programmes();
  const files = fs.readdirSync(path.join(root, 'packs')).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(list.map((p) => `${p.id}.json`), files);
  const a = list.find((p) => p.id === 'maff-mohouhin-r7');
  assert.equal(a.questions[0].id, 'project.subprojects');
  assert.ok(a.questions.some((q) => q.id === 'applicant.org_type' && q.options.length >= 11));
  assert.ok(a.clauses.some((c) => c.id === '第5 2 (7) ア' && c.text === '法人であること'));
  assert.equal(a.fiscal_year_label, '令和7年度');
  // programme(id): one entry, the same as in the list (what the widget asks for at start-up).
  for (const p of list) assert.deepEqual(yoken.programme(p.id), p);
});

test('a call that cannot be served throws an Error with a code; findings never throw', () => {
  const code = (f) => { try { f(); return null; } catch (e) { return [e.name, e.code, typeof e.messageJa]; } };
  assert.deepEqual(code(() => yoken.validate('no-such', {}, '2025-06-01')), ['YokenError', 'programme.unknown', 'string']);
  assert.deepEqual(code(() => yoken.programme('no-such')), ['YokenError', 'programme.unknown', 'string']);
  assert.deepEqual(code(() => yoken.validate('maff-hinshu-r7', {}, '6/1')), ['YokenError', 'today.invalid', 'string']);
  assert.deepEqual(code(() => yoken.validate('maff-hinshu-r7', [1, 2], '2025-06-01')), ['YokenError', 'form.not_object', 'string']);
  assert.deepEqual(code(() => yoken.validateJson('maff-hinshu-r7', '{"a":', '2025-06-01')), ['YokenError', 'form.not_json', 'string']);
  const r = yoken.validate('maff-hinshu-r7', { project: { subprogramme: 'nonsense' } }, '2025-06-01');
  assert.equal(r.diagnostics[0].code, 'answer.unknown_option');
});

test('a ministry pack built by `yoken pack build` loads in wasm; its JSON and a broken pack do not', () => {
  const bin = process.env.YOKEN_BIN ?? path.join(root, 'target/debug/yoken');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-pack-'));
  const pack = JSON.parse(fs.readFileSync(path.join(root, 'packs/maff-hinshu-r7.json'), 'utf8'));
  pack.id = 'city-seedlings-r7';
  fs.writeFileSync(path.join(dir, 'city.json'), JSON.stringify(pack));
  execFileSync(bin, ['pack', 'build', path.join(dir, 'city.json'), '--out', dir], { encoding: 'utf8' });
  const info = yoken.loadPack(fs.readFileSync(path.join(dir, 'city-seedlings-r7.ykp')));
  assert.equal(info.id, 'city-seedlings-r7');
  assert.equal(yoken.hasProgramme('city-seedlings-r7'), true);
  assert.equal(yoken.validate('city-seedlings-r7', {}, '2025-06-01').programme.id, 'city-seedlings-r7');
  // The pack's JSON is checked and built by the command line, not in the browser.
  assert.throws(() => yoken.loadPack(new TextEncoder().encode(JSON.stringify(pack))),
    (e) => e.code === 'pack.invalid' && /rule pack's JSON/.test(e.message) && /yoken pack build/.test(e.message));
  // A damaged compiled pack (one byte changed) is refused, never misread.
  const damaged = fs.readFileSync(path.join(dir, 'city-seedlings-r7.ykp'));
  damaged[damaged.length - 100] ^= 0x40;
  assert.throws(() => yoken.loadPack(damaged), (e) => e.code === 'pack.invalid' && /damaged/.test(e.message));
  // A pack whose cases fail is refused by the build, which writes nothing for it.
  pack.cases[0].expect.overall = 'ineligible';
  pack.id = 'broken-r7';
  fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(pack));
  const run = spawnSync(bin, ['pack', 'build', path.join(dir, 'broken.json'), '--out', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /REFUSED .*expected Ineligible/s);
  assert.equal(fs.existsSync(path.join(dir, 'broken-r7.ykp')), false);
});

// Issue 9 in wasm: `{normalise: true}` adds the form with each readable value in its canonical
// spelling; checking that form again gives the same verdicts, figures, dates and errors.
test('re-validating a Report\'s normalised form in wasm gives the same verdict', () => {
  const withoutNotes = (report) => {
    const { normalised_form: _n, summary: _s, ...rest } = report;
    return { ...rest, diagnostics: rest.diagnostics.filter((d) => d.severity !== 'info') };
  };
  let rewritten = 0;
  for (const { programme, file } of specCases()) {
    const { today, form } = JSON.parse(fs.readFileSync(file, 'utf8'));
    const first = yoken.validate(programme, form, today, { normalise: true });
    assert.equal(typeof first.normalised_form, 'object', path.basename(file));
    if (JSON.stringify(first.normalised_form) !== JSON.stringify(form)) rewritten += 1;
    const second = yoken.validate(programme, first.normalised_form, today, { normalise: true });
    assert.deepEqual(withoutNotes(second), withoutNotes(first), path.basename(file));
    assert.deepEqual(second.normalised_form, first.normalised_form, `${path.basename(file)}: normalising is idempotent`);
    // A session with the option carries it through its deltas.
    const session = new yoken.FormSession(programme, today, { normalise: true });
    session.load(form);
    assert.deepEqual(session.report().normalised_form, first.normalised_form, path.basename(file));
    assert.equal('normalised_form' in yoken.validate(programme, form, today), false);
  }
  assert.ok(rewritten >= 20, `cases with values to normalise: ${rewritten}`);
});
