// The yanked-crate check (scripts/yanked.mjs) against a local stand-in for the crates.io index:
// a locked yanked version fails the check by name, an unyanked one passes, path crates are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registryPackages, indexPath } from '../../scripts/yanked.mjs';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/yanked.mjs');
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const lock = (packages) => `version = 4\n${packages.map(([name, version, source]) => `\n[[package]]\nname = "${name}"\nversion = "${version}"\n${source ? `source = "${source}"\n` : ''}`).join('')}`;

test('index paths follow the crates.io layout', () => {
  assert.deepEqual(['a', 'ab', 'abc', 'serde', 'Cargo-Deny'].map(indexPath), ['1/a', '2/ab', '3/a/abc', 'se/rd/serde', 'ca/rg/cargo-deny']);
  assert.deepEqual(registryPackages(lock([['yoken', '0.1.0'], ['serde', '1.0.1', CRATES_IO]])), [{ name: 'serde', version: '1.0.1' }]);
});

test('a yanked locked version fails the check and is named', async () => {
  const index = {
    'se/rd/serde': [{ name: 'serde', vers: '1.0.1', yanked: false }, { name: 'serde', vers: '1.0.2', yanked: true }],
  };
  const server = http.createServer((req, res) => {
    const entries = index[req.url.slice(1)];
    if (!entries) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(entries.map((e) => JSON.stringify(e)).join('\n'));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const env = { ...process.env, YOKEN_CRATES_INDEX: `http://127.0.0.1:${server.address().port}` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-yanked-'));
  const run = (packages) => {
    fs.writeFileSync(path.join(dir, 'Cargo.lock'), lock(packages));
    // Asynchronously, so this process's server can answer.
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [script, path.join(dir, 'Cargo.lock')], { env });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('close', (status) => resolve({ status, stderr }));
    });
  };
  try {
    const ok = await run([['yoken', '0.1.0'], ['serde', '1.0.1', CRATES_IO]]);
    assert.equal(ok.status, 0, ok.stderr);
    const bad = await run([['serde', '1.0.2', CRATES_IO]]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /serde 1\.0\.2 has been yanked/);
    const unknown = await run([['serde', '9.9.9', CRATES_IO]]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /serde 9\.9\.9 is not in the crates.io index/);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
