// Checks that no crate version in the given Cargo.lock files has been yanked from crates.io, by
// reading crates.io's sparse index (the registry these machines can reach). A yank is how a crate's
// authors withdraw a broken or vulnerable release; cargo keeps using a locked yanked version
// without a word, so this says it. Usage: node scripts/yanked.mjs Cargo.lock [more.lock…]
import fs from 'node:fs';

const INDEX = process.env.YOKEN_CRATES_INDEX ?? 'https://index.crates.io';

/** The crates.io packages of a Cargo.lock: [{name, version}] (path and git packages left out). */
export function registryPackages(lockText) {
  const out = [];
  for (const block of lockText.split(/\n\[\[package\]\]\n/).slice(1)) {
    const field = (key) => block.match(new RegExp(`^${key} = "([^"]*)"`, 'm'))?.[1];
    if (field('source')?.startsWith('registry+https://github.com/rust-lang/crates.io-index')) {
      out.push({ name: field('name'), version: field('version') });
    }
  }
  return out;
}

/** The sparse index path of a crate name (crates.io's layout: 1/, 2/, 3/a/, ab/cd/). */
export function indexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

async function yankedVersions(name) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(`${INDEX}/${indexPath(name)}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      const entries = text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
      return new Map(entries.map((e) => [e.vers, e.yanked === true]));
    } catch (e) {
      if (attempt >= 3) throw new Error(`${name}: the crates.io index could not be read (${e.message})`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function main(files) {
  if (files.length === 0) throw new Error('usage: node scripts/yanked.mjs Cargo.lock [more.lock…]');
  const wanted = new Map();
  for (const file of files) {
    for (const p of registryPackages(fs.readFileSync(file, 'utf8'))) {
      const key = `${p.name}@${p.version}`;
      if (!wanted.has(key)) wanted.set(key, { ...p, files: [] });
      wanted.get(key).files.push(file);
    }
  }
  const names = [...new Set([...wanted.values()].map((p) => p.name))];
  const index = new Map();
  for (let i = 0; i < names.length; i += 16) {
    const batch = names.slice(i, i + 16);
    const results = await Promise.all(batch.map(yankedVersions));
    batch.forEach((name, j) => index.set(name, results[j]));
  }
  const problems = [];
  for (const p of wanted.values()) {
    const yanked = index.get(p.name).get(p.version);
    if (yanked === undefined) problems.push(`${p.name} ${p.version} is not in the crates.io index (${p.files.join(', ')})`);
    else if (yanked) problems.push(`${p.name} ${p.version} has been yanked from crates.io (${p.files.join(', ')})`);
  }
  if (problems.length) {
    for (const line of problems) console.error(`yanked check: ${line}`);
    process.exit(1);
  }
  console.error(`yanked check: ${wanted.size} crate versions from ${files.join(', ')}, none yanked`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e) => { console.error(`yanked check: ${e.message}`); process.exit(2); });
}
