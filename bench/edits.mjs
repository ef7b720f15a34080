// The typed edits the Node keystroke benchmarks replay on programme A's full form (30 cost lines):
// one character more per edit, half-width, full-width and with a unit, walking the rows by 7s.
// The same edits as examples/keystroke.rs, so native and Node figures describe the same work.

const WORDS = ['1', '12', '12,', '12,3', '12,34', '12,345', '１', '１２', '１２３千円'];

/** The `i`th edit: its row, the amount field it sets and the text typed there. */
export function typedEdit(i) {
  const row = (i * 7) % 30;
  return { row, path: `budget.lines[${row}].amount`, value: WORDS[i % WORDS.length] };
}

const NAME = '一般社団法人 品種保護協会';
const TYPED = [...'あいうえおかきくけこ'];

/** The `i`th edit to a text answer outside the tables: the applicant's name, typed on one
 *  character at a time (as examples/keystroke.rs does with ANSWER=1). */
export function answerEdit(i) {
  return { path: 'applicant.name', value: NAME + TYPED.slice(0, i % TYPED.length).join('') };
}
