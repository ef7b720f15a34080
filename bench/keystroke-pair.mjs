// Two builds of the module compared on the same keystrokes in one Node process: programme A's full
// form (30 cost lines), each edit applied to both sessions (FormSession.set plus applying the delta,
// as bench/keystroke.mjs), the order alternating, so drift in the machine's speed falls on both
// alike. For a build setting whose cost is a few per cent (a size setting, say), where two separate
// runs of bench/keystroke.mjs differ by more than that on a shared machine. Prints µs per keystroke.
//   node bench/keystroke-pair.mjs PKG_A PKG_B [edits] [--answer]
// With --answer the edits type into the applicant's name (a text answer outside the tables)
// instead of the amounts.
// PKG_A and PKG_B are directories as scripts/build-wasm writes pkg/ (yoken.js, yoken_bg.wasm,
// packs/*.ykp built by the same source): two directories, since one imported twice is one module
// (copy pkg/ for an A/A check). Pin it to one core: taskset -c 1 node bench/keystroke-pair.mjs …
import path from 'node:path';
import { stats } from './stats.mjs';
import { answerEdit, typedEdit } from './edits.mjs';
import { widgetSession } from './widget-session.mjs';

const answer = process.argv.includes('--answer');
const [a, b, count] = process.argv.slice(2).filter((x) => x !== '--answer');
if (!a || !b || path.resolve(a) === path.resolve(b)) {
  console.error('usage: node bench/keystroke-pair.mjs PKG_A PKG_B [edits] [--answer] (two different directories)');
  process.exit(2);
}
const edits = Number(count ?? 20000);

/** A session on the full form, run by the module in `dir`, with its times. */
async function side(dir) {
  return { dir, ...await widgetSession(dir), times: [] };
}

const sides = [await side(a), await side(b)];
for (let i = 0; i < edits; i += 1) {
  const { path: editPath, value } = answer ? answerEdit(i) : typedEdit(i);
  for (const s of i % 2 === 0 ? sides : [...sides].reverse()) {
    const t = performance.now();
    s.view.apply(s.session.set(editPath, value));
    s.times.push(performance.now() - t);
  }
}
const warm = 500;
const us = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' && k !== 'n' ? Math.round(v * 10000) / 10 : v]));
console.log(JSON.stringify({
  edits,
  rows: 30,
  edited: answer ? 'applicant.name' : 'budget.lines[*].amount',
  a: { pkg: a, ...us(stats(sides[0].times.slice(warm))) },
  b: { pkg: b, ...us(stats(sides[1].times.slice(warm))) },
}, null, 1));
