// bench/keystroke-profile.mjs, which BENCHMARKS.md's "where a keystroke goes" comes from: on a short
// run of the shipped module it sees the module's own code, puts every sample in one part, and
// refuses a bad edit count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (...args) => spawnSync(process.execPath, ['bench/keystroke-profile.mjs', ...args], { cwd: root, encoding: 'utf8' });

test('the keystroke profile splits a keystroke into the module, the glue, decoding, apply and GC', () => {
  const r = run('600');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.edits, 600);
  assert.ok(out.samples > 0);
  assert.deepEqual(Object.keys(out.percent), ['engine', 'glue', 'decode', 'apply', 'gc', 'other']);
  const sum = Object.values(out.percent).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 100) < 0.5, `shares add up to ${sum}`);
  // The module's code is most of a keystroke: a profile that did not recognise it would say 0.
  assert.ok(out.percent.engine > 20, JSON.stringify(out.percent));
  assert.ok(out.percent.other < 50, JSON.stringify(out.percent));
});

test('the keystroke profile refuses an edit count that is not a positive number', () => {
  const r = run('none');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: node bench\/keystroke-profile\.mjs/);
});
