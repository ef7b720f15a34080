// Where a keystroke's time goes in Node, from a V8 CPU profile of the shipped module (pkg/): the
// widget's path of bench/keystroke.mjs (FormSession.set, then ReportView.apply), sampled by the
// inspector in this process, each sample's own time put in one part:
//   engine    the module's own code (wasm: the check, the delta and its JSON text);
//   glue      wasm-bindgen's glue (pkg/yoken.js): strings in and out, and JSON.parse of the delta
//             text (V8 counts a built-in's time to the JavaScript function calling it);
//   decode    TextDecoder turning the delta's UTF-8 into a JavaScript string;
//   apply     the page's copy of the Report brought up to date (ReportView.apply);
//   gc        V8's garbage collector;
//   other     this loop, and whatever else V8 does (the inspector answering Profiler.stop is left out).
// Sampling adds its own cost, so the time per keystroke here is above bench/keystroke.mjs's; the
// shares are the figure. Prints JSON.
//   node bench/keystroke-profile.mjs [edits]
import { Session } from 'node:inspector/promises';
import { typedEdit } from './edits.mjs';
import { widgetSession } from './widget-session.mjs';

const edits = Number(process.argv[2] ?? 20000);
if (!(edits >= 1)) {
  console.error('usage: node bench/keystroke-profile.mjs [edits]');
  process.exit(2);
}
const { session, view } = await widgetSession();
const keystroke = (i) => {
  const { path, value } = typedEdit(i);
  view.apply(session.set(path, value));
};
// Warmed up first, as bench/keystroke.mjs leaves its first edits out.
const warm = Math.min(2000, edits);
for (let i = 0; i < warm; i += 1) keystroke(i);

/** The part of a keystroke a profile node's own time belongs to (see the header). */
function partOf({ functionName, url }) {
  if (url.startsWith('wasm://')) return 'engine';
  if (functionName === '(garbage collector)') return 'gc';
  // The glue's TextEncoder writing the edit's path and text into the module's memory.
  if (url.endsWith('/pkg/yoken.js') || functionName === 'encodeInto') return 'glue';
  if (functionName === 'decode' || functionName === 'decodeUTF8') return 'decode';
  if (url.endsWith('/yoken-widget.js')) return 'apply';
  // The inspector answering Profiler.stop: not a keystroke's.
  if (functionName === 'dispatch' && url === '') return 'profiler';
  return 'other';
}

const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', { interval: 50 });
await inspector.post('Profiler.start');
const started = performance.now();
for (let i = warm; i < warm + edits; i += 1) keystroke(i);
const elapsed = performance.now() - started;
const { profile } = await inspector.post('Profiler.stop');
inspector.disconnect();

const part = new Map(profile.nodes.map((n) => [n.id, partOf(n.callFrame)]));
const micros = { engine: 0, glue: 0, decode: 0, apply: 0, gc: 0, other: 0 };
// timeDeltas[i] is the time before sample i: the time since the previous sample is charged to it.
profile.samples.forEach((id, i) => {
  const p = part.get(id);
  if (p !== 'profiler') micros[p] += profile.timeDeltas[i];
});
const total = Object.values(micros).reduce((a, b) => a + b, 0);
const share = Object.fromEntries(Object.entries(micros).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
console.log(JSON.stringify({
  edits,
  samples: profile.samples.length,
  usPerKeystrokeProfiled: Math.round((elapsed * 10000) / edits) / 10,
  percent: share,
}, null, 1));
