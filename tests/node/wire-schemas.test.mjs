// What the wasm API returns validates against the checked-in JSON Schemas (schema/): the programme
// list a page renders from, and the Report of every spec case. ajv in strict 2020-12 mode, so a
// field the schema calls required but the output leaves out is caught here, not by a client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadWasm } from './wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = (name) => JSON.parse(fs.readFileSync(path.join(root, 'schema', name), 'utf8'));

function validator(name) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema(name));
  return (value, what) => assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

test('every programme the wasm API lists matches schema/programmes.schema.json', async () => {
  const yoken = await loadWasm();
  const check = validator('programmes.schema.json');
  const list = yoken.programmes();
  assert.ok(list.length >= 3);
  check(list, 'programmes()');
  for (const p of list) check([yoken.programme(p.id)], `programme(${p.id})`);
});

test('the Report of every spec case matches schema/report.schema.json', async () => {
  const yoken = await loadWasm();
  const check = validator('report.schema.json');
  let n = 0;
  for (const dir of fs.readdirSync(path.join(root, 'tests/cases'))) {
    for (const file of fs.readdirSync(path.join(root, 'tests/cases', dir)).filter((f) => f.endsWith('.form.json'))) {
      const { today, form } = JSON.parse(fs.readFileSync(path.join(root, 'tests/cases', dir, file), 'utf8'));
      check(yoken.validate(dir, form, today), `${dir}/${file}`);
      n += 1;
    }
  }
  assert.ok(n > 50, `only ${n} cases`);
});
