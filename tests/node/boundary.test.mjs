// The two ways a form can cross into wasm — JSON text (validate, the one used) and JS objects
// walked by serde-wasm-bindgen (validateObject, kept for the boundary benchmark) — give the same
// Report for the same form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm.mjs';
import { corpus } from '../../bench/corpus.mjs';

const yoken = await loadWasm();

test('validate (JSON text) and validateObject (serde-wasm-bindgen) agree', () => {
  for (const [i, form] of corpus(200, 4242).entries()) {
    for (const trace of [false, true]) {
      const viaJson = yoken.validate('maff-mohouhin-r7', form, '2025-12-01', { trace });
      const viaObject = yoken.validateObject('maff-mohouhin-r7', form, '2025-12-01', { trace });
      assert.deepEqual(viaObject, viaJson, `form ${i}, trace ${trace}`);
    }
  }
  // NaN cannot be JSON: both ways read it as null (an unanswered question), never as a number.
  const nan = { applicant: { legal_personality: NaN } };
  assert.deepEqual(yoken.validateObject('maff-mohouhin-r7', nan, '2025-12-01', {}), yoken.validate('maff-mohouhin-r7', nan, '2025-12-01', {}));
});
