// One keystroke in Node, timed in one run for both sides: yoken's FormSession.set plus applying its
// delta to the page's copy of the Report (the widget's path), and the hand-written JavaScript of
// bench/handwritten.mjs re-checking the whole form. Programme A's full form (30 cost lines), the
// same typed edits for both, alternating which goes first: first into the cost lines' amounts (the
// target's edits), then as many into the applicant's name (a text answer outside the tables, which
// no figure reads: `answer`). Prints JSON (µs per keystroke).
//   node bench/keystroke.mjs [edits]
import { check } from './handwritten.mjs';
import { stats } from './stats.mjs';
import { answerEdit, typedEdit } from './edits.mjs';
import { FULL_FORM, widgetSession } from './widget-session.mjs';

const edits = Number(process.argv[2] ?? 20000);
const { session, view } = await widgetSession();
const model = JSON.parse(FULL_FORM);
let sink = 0;

/** `edits` keystrokes, `edit(i)` giving the `i`th: its path, its text and how the hand-written
 *  page's model takes it. Both sides' times, µs. */
function typed(edit) {
  const y = [];
  const h = [];
  for (let i = 0; i < edits; i += 1) {
    const { path, value, put } = edit(i);
    const runYoken = () => {
      const t = performance.now();
      view.apply(session.set(path, value));
      y.push(performance.now() - t);
    };
    const runHand = () => {
      const t = performance.now();
      put(value);
      sink += check(model).findings.length;
      h.push(performance.now() - t);
    };
    if (i % 2 === 0) { runYoken(); runHand(); } else { runHand(); runYoken(); }
  }
  return { y, h };
}

const amounts = typed((i) => {
  const { row, path, value } = typedEdit(i);
  return { path, value, put: (v) => { model.budget.lines[row].amount = v; } };
});
const answers = typed((i) => ({ ...answerEdit(i), put: (v) => { model.applicant.name = v; } }));
const us = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' && k !== 'n' ? Math.round(v * 10000) / 10 : v]));
const warm = 200;
console.log(JSON.stringify({
  edits,
  rows: 30,
  yoken: us(stats(amounts.y.slice(warm))),
  handwritten: us(stats(amounts.h.slice(warm))),
  answer: {
    path: 'applicant.name',
    yoken: us(stats(answers.y.slice(warm))),
    handwritten: us(stats(answers.h.slice(warm))),
  },
  sink,
}, null, 1));
