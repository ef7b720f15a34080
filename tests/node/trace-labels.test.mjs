// The widget's "why" drops the enumerator a trace label repeats from its clause by the same rule as
// the core's text rendering: both are held to tests/fixtures/trace-labels.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { labelAfterClause } from '../../www/yoken-widget.js';

test('labelAfterClause agrees with the core on every example', () => {
  const examples = JSON.parse(fs.readFileSync(new URL('../fixtures/trace-labels.json', import.meta.url), 'utf8'));
  assert.ok(examples.length >= 5);
  for (const { clause, label, shown } of examples) assert.equal(labelAfterClause(clause, label), shown, `${clause} / ${label}`);
});
