// validateAmount and parseWareki through the wasm API: each answer made by the core's JSON writer
// and JSON.parse, the same object the native check writes; a unit that is not `yen` or
// `thousand_yen` refused with unit.unknown in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm.mjs';

const yoken = await loadWasm();

test('an amount field is read in its unit, and converted from the other with a note', () => {
  assert.deepEqual(yoken.validateAmount('１２，３４５千円', 'thousand_yen'),
    { ok: true, unit: 'thousand_yen', yen: '12345000', value: '12345', display: '12,345 千円' });
  const converted = yoken.validateAmount('12,345,000円', 'thousand_yen');
  assert.equal(converted.value, '12345');
  assert.match(converted.note.ja, /12,345千円として読み取りました/);
  const bad = yoken.validateAmount('-5', 'yen');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'number.negative');
});

test('a unit other than yen or thousand_yen is refused, naming it', () => {
  for (const unit of ['Yen', 'thousand yen', '', '円']) {
    assert.throws(() => yoken.validateAmount('1', unit), (e) => {
      assert.equal(e.name, 'YokenError');
      assert.equal(e.code, 'unit.unknown');
      assert.ok(e.message.includes(`"${unit}"`), e.message);
      assert.ok(e.messageJa.includes(`「${unit}」`), e.messageJa);
      return true;
    });
  }
});

test('a date is read in 和暦 or 西暦', () => {
  const date = yoken.parseWareki('R7.3.18');
  assert.equal(date.ok, true);
  assert.equal(date.iso, '2025-03-18');
  assert.equal(yoken.parseWareki('令和7年3月18日').iso, '2025-03-18');
  assert.equal(yoken.parseWareki('x').ok, false);
});
