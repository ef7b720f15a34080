// validateObject, the name pages written against an earlier version call, is validate: the same
// Report for the same form, with the normalised form's numbers as numbers (when it walked the
// objects with serde-wasm-bindgen, such a number came back as serde_json's own object).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm.mjs';
import { corpus } from '../../bench/corpus.mjs';

const yoken = await loadWasm();

test('validateObject gives what validate gives', () => {
  for (const [i, form] of corpus(200, 4242).entries()) {
    for (const options of [{ trace: false }, { trace: true }, { normalise: true }]) {
      const viaJson = yoken.validate('maff-mohouhin-r7', form, '2025-12-01', options);
      const viaObject = yoken.validateObject('maff-mohouhin-r7', form, '2025-12-01', options);
      assert.deepEqual(viaObject, viaJson, `form ${i}, ${JSON.stringify(options)}`);
    }
  }
  // NaN cannot be JSON: both read it as null (an unanswered question), never as a number.
  const nan = { applicant: { legal_personality: NaN } };
  assert.deepEqual(yoken.validateObject('maff-mohouhin-r7', nan, '2025-12-01', {}), yoken.validate('maff-mohouhin-r7', nan, '2025-12-01', {}));
});

test('a number in the normalised form comes back as that number', () => {
  const form = { applicant: { legal_personality: 'yes' }, note: { count: 12.5, large: 1234567 } };
  for (const call of [yoken.validate, yoken.validateObject]) {
    const report = call('maff-mohouhin-r7', form, '2025-12-01', { normalise: true });
    assert.deepEqual(report.normalised_form.note, { count: 12.5, large: 1234567 });
  }
});
