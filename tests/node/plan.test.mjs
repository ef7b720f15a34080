// planSubmission through the wasm API: the browser's file list in, the mails out; a list that
// cannot be read is refused with files.invalid naming the entry and the key, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm.mjs';

const yoken = await loadWasm();
const ID = 'maff-mohouhin-r7';
const MB = 1024 * 1024;

test('files are planned into mails, archives refused', () => {
  const files = [
    { name: '様式1.xlsx', size: 2 * MB, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    { name: '決算書.pdf', size: 4 * MB, type: 'application/pdf', lastModified: 1 },
    { name: '添付一式.zip', size: 1000, type: 'application/zip' },
    { name: '会社案内.pdf', size: 3 * MB },
  ];
  const plan = yoken.planSubmission(ID, files, '株式会社ミツバ');
  assert.ok(plan.mails.length >= 1);
  const sent = plan.mails.flatMap((m) => m.files).sort();
  assert.deepEqual(sent, ['会社案内.pdf', '決算書.pdf', '様式1.xlsx'].sort());
  assert.deepEqual(plan.refused.map((r) => r.name), ['添付一式.zip']);
  assert.match(plan.mails[0].subject, /株式会社ミツバ/);
  assert.equal(plan.limit, '7.0 MB');
  assert.ok(plan.mails.every((m) => Number.isInteger(m.bytes) && m.bytes <= 7_000_000));
  // A type given as null is an unknown type, as when it is left out.
  assert.deepEqual(yoken.planSubmission(ID, [{ name: 'a.pdf', size: 10, type: null }], 'A'),
    yoken.planSubmission(ID, [{ name: 'a.pdf', size: 10 }], 'A'));
});

test('a file list that cannot be read names the entry and the key', () => {
  const refused = (files, where) => assert.throws(() => yoken.planSubmission(ID, files, 'A'), (e) => {
    assert.equal(e.name, 'YokenError');
    assert.equal(e.code, 'files.invalid');
    assert.ok(e.message.includes(where), `${e.message} names ${where}`);
    assert.ok(e.messageJa.includes(where), `${e.messageJa} names ${where}`);
    return true;
  });
  refused([{ name: 'a.pdf', size: 1 }, { name: 'b.pdf', size: -1 }], 'files[1].size');
  refused([{ name: 'a.pdf', size: 1.5 }], 'files[0].size');
  refused([{ name: 'a.pdf', size: '12' }], 'files[0].size');
  refused([{ name: 'a.pdf' }], 'files[0].size');
  refused([{ size: 1 }], 'files[0].name');
  refused([{ name: 'a.pdf', size: 1, type: 3 }], 'files[0].type');
  refused(['a.pdf'], 'files[0]');
  refused({ name: 'a.pdf', size: 1 }, '[{name, size, type}');
});
