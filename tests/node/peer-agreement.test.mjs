// The JS peer (bench/peer.mjs: ajv + json-logic-js) and yoken agree on every finding the peer
// implements — same codes at the same paths — for a 10,000-form generated corpus of Programme A.
// The benchmarks compare their speed on the same work; this keeps that comparison honest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWasm } from './wasm.mjs';
import { corpus } from '../../bench/corpus.mjs';
import { createPeer, PEER_CODES } from '../../bench/peer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pack = JSON.parse(fs.readFileSync(path.join(root, 'packs/maff-mohouhin-r7.json'), 'utf8'));
const yoken = await loadWasm();
const peer = createPeer(pack);

const key = (d) => `${d.code} @ ${d.path}`;
const multiset = (items) => items.map(key).sort();

test('yoken and the JS peer give the same findings for 10,000 generated forms', () => {
  const forms = corpus(10_000);
  const mismatches = [];
  let compared = 0;
  for (const [i, form] of forms.entries()) {
    const report = JSON.parse(yoken.validateJson('maff-mohouhin-r7', JSON.stringify(form), '2025-12-01', false));
    const ours = multiset(report.diagnostics.filter((d) => PEER_CODES.has(d.code)));
    const theirs = multiset(peer(form));
    compared += ours.length;
    if (ours.join('\n') !== theirs.join('\n')) {
      const only = (a, b) => a.filter((x) => !b.includes(x));
      mismatches.push({ i, yokenOnly: only(ours, theirs), peerOnly: only(theirs, ours), form });
    }
  }
  assert.deepEqual(mismatches.slice(0, 3), []);
  assert.ok(compared > 100_000, `findings compared: ${compared}`);
});
