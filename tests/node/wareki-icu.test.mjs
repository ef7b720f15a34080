// Outside oracle for 和暦 formatting: the ICU Japanese calendar that Node ships, over every day
// from 1989-01-08 (平成元年) to 2030-12-31, against the optimised wasm build in pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm.mjs';

const yoken = await loadWasm();

test('formatWareki agrees with Intl ja-JP-u-ca-japanese for every day 1989-01-08 … 2030-12-31', () => {
  const icu = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { dateStyle: 'long', timeZone: 'UTC' });
  let days = 0;
  const mismatches = [];
  for (let t = Date.UTC(1989, 0, 8); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
    const iso = new Date(t).toISOString().slice(0, 10);
    const ours = yoken.formatWareki(iso);
    const theirs = icu.format(new Date(t));
    if (ours !== theirs) mismatches.push(`${iso}: ${ours} ≠ ${theirs}`);
    // And every formatted date reads back to the same day.
    const back = yoken.parseWareki(theirs);
    if (back.iso !== iso) mismatches.push(`${iso}: parseWareki(${theirs}) = ${back.iso}`);
    days += 1;
  }
  assert.equal(days, 15_333);
  assert.deepEqual(mismatches.slice(0, 10), []);
});
