// One keystroke in Node, timed in one run for both sides: yoken's FormSession.set plus applying its
// delta to the page's copy of the Report (the widget's path), and the hand-written JavaScript of
// bench/handwritten.mjs re-checking the whole form. Programme A's full form (30 cost lines), the
// same typed edits for both, alternating which goes first. Prints JSON (µs per keystroke).
//   node bench/keystroke.mjs [edits]
import { check } from './handwritten.mjs';
import { stats } from './stats.mjs';
import { typedEdit } from './edits.mjs';
import { FULL_FORM, widgetSession } from './widget-session.mjs';

const edits = Number(process.argv[2] ?? 20000);
const { session, view } = await widgetSession();
const model = JSON.parse(FULL_FORM);
const y = [];
const h = [];
let sink = 0;
for (let i = 0; i < edits; i += 1) {
  const { row, path, value } = typedEdit(i);
  const runYoken = () => {
    const t = performance.now();
    view.apply(session.set(path, value));
    y.push(performance.now() - t);
  };
  const runHand = () => {
    const t = performance.now();
    model.budget.lines[row].amount = value;
    sink += check(model).findings.length;
    h.push(performance.now() - t);
  };
  if (i % 2 === 0) { runYoken(); runHand(); } else { runHand(); runYoken(); }
}
const us = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' && k !== 'n' ? Math.round(v * 10000) / 10 : v]));
const warm = 200;
console.log(JSON.stringify({
  edits,
  rows: 30,
  yoken: us(stats(y.slice(warm))),
  handwritten: us(stats(h.slice(warm))),
  sink,
}, null, 1));
