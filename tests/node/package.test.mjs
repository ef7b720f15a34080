// The npm package `yoken` (pkg/) holds the widget beside the wasm glue: the same files the demo
// pages load, an `exports` entry for `yoken/widget`, and types that a TypeScript page compiles
// against (tests/types/consumer.ts, checked with tsc --strict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WIDGET = ['yoken-widget.js', 'yoken-form.js', 'yoken-widget.d.ts', 'yoken.css'];

test('the package ships the widget the demo pages load, byte for byte', () => {
  for (const file of WIDGET) {
    assert.ok(fs.readFileSync(path.join(root, 'pkg', file)).equals(fs.readFileSync(path.join(root, 'www', file))), `pkg/${file} is www/${file}`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'pkg/package.json'), 'utf8'));
  assert.equal(pkg.name, 'yoken');
  assert.deepEqual(pkg.exports['./widget'], { types: './yoken-widget.d.ts', default: './yoken-widget.js' });
  for (const file of WIDGET) assert.ok(pkg.files.includes(file), `${file} is published`);
  for (const page of ['mohouhin.html', 'hinshu.html', 'monozukuri.html', 'annotated.html']) {
    const html = fs.readFileSync(path.join(root, 'www', page), 'utf8');
    assert.match(html, /<script type="module" src="\.\/pkg\/yoken-widget\.js"><\/script>/, `${page} loads the packaged widget`);
  }
});

test('a TypeScript page type-checks against the package (tsc --strict)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-types-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(root, 'pkg'), path.join(dir, 'node_modules/yoken'), 'dir');
  fs.copyFileSync(path.join(root, 'tests/types/consumer.ts'), path.join(dir, 'consumer.ts'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler',
      lib: ['esnext', 'dom'], types: [], skipLibCheck: false,
    },
    files: ['consumer.ts'],
  }));
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc found errors:\n${e.stdout}${e.stderr}`);
  }
  // And tsc is not a rubber stamp: a wrong use is refused.
  fs.appendFileSync(path.join(dir, 'consumer.ts'), "\nconst wrong: number = todayInJapan();\n");
  assert.throws(() => execFileSync(process.execPath, [tsc, '-p', dir], { stdio: 'pipe' }));
});

test('the shipped modules name no path of the machine that built them, and their panics still name a file', () => {
  const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
  for (const file of ['pkg/yoken_bg.wasm', 'pkg/xlsx/yoken_xlsx_bg.wasm']) {
    const text = fs.readFileSync(path.join(root, file)).toString('latin1');
    for (const local of [cargoHome, path.join(os.homedir(), '.rustup'), root]) {
      assert.ok(!text.includes(`${local}/`), `${file} holds ${local}/`);
    }
    // A panic's location is written relative to the standard library's and the crates' sources.
    assert.match(text, /\/rustc\/[0-9a-f]+\/library\/(core|alloc|std)\/src\//, `${file}: std's files as /rustc/<commit>/library/…`);
    assert.match(text, /\/cargo\/registry\/src\/[^/]+\/[a-z_-]+-[0-9.]+\/src\//, `${file}: crates as /cargo/registry/src/…`);
  }
});
