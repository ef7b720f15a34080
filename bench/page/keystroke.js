// Runs in headless Chromium (bench/browser.mjs): replays the same typed edits through yoken's
// FormSession (the widget's path) and through the JS peer (ajv + json-logic-js, re-checking the
// whole form as a hand-written page would), alternating which goes first, and times each call.
// Also times stateless validate() per edit.
import init, * as yoken from '/pkg/yoken.js';
import { createPeer } from '/bench/dist/peer.js';
import { BENCH_FORMS, prng, setIn } from '/bench/corpus.mjs';
import { ReportView } from '/www/yoken-widget.js';
import { stats } from '/bench/stats.mjs';

const ID = 'maff-mohouhin-r7';
const TODAY = '2025-12-01';



/** Typed edits: fields are typed one character at a time, so each keystroke is one edit. */
function edits(form, count, seed) {
  const random = prng(seed);
  const rows = form.budget?.lines?.length ?? 0;
  const words = {
    amount: ['12,345', '１，２３４', '600', '3,000,000円', '▲5', '999'],
    description: ['巡回監視の委託', 'ガイドライン印刷', '事務局職員'],
  };
  const out = [];
  while (out.length < count) {
    const r = random();
    if (rows && r < 0.85) {
      const row = Math.floor(random() * rows);
      const cell = random() < 0.75 ? 'amount' : 'description';
      const word = words[cell][Math.floor(random() * words[cell].length)];
      for (let i = 1; i <= word.length; i += 1) out.push([`budget.lines[${row}].${cell}`, word.slice(0, i)]);
    } else {
      const q = ['eligibility.criteria_a', 'eligibility.no_gang_members', 'finance.borrowing', 'applicant.legal_personality'][Math.floor(random() * 4)];
      out.push([q, random() < 0.5 ? 'yes' : 'no']);
    }
  }
  return out.slice(0, count);
}


function replay(name, makeForm, pack, count) {
  const peer = createPeer(pack);
  const peerModel = makeForm();
  const session = new yoken.FormSession(ID, TODAY, { trace: false });
  const view = new ReportView(session.load(makeForm()));
  const statelessModel = makeForm();
  const y = [], p = [], s = [];
  let findings = 0;
  for (const [i, [path, value]] of edits(makeForm(), count, name === 'full' ? 1 : 2).entries()) {
    const runYoken = () => {
      const t = performance.now();
      view.apply(session.set(path, value));
      findings += view.report().diagnostics.length;
      y.push(performance.now() - t);
    };
    const runPeer = () => {
      const t = performance.now();
      setIn(peerModel, path, value);
      findings += peer(peerModel).length;
      p.push(performance.now() - t);
    };
    if (i % 2 === 0) { runYoken(); runPeer(); } else { runPeer(); runYoken(); }
    setIn(statelessModel, path, value);
    const t = performance.now();
    yoken.validate(ID, statelessModel, TODAY, { trace: false });
    s.push(performance.now() - t);
  }
  const first = 20;
  return {
    edits: count,
    yoken: { all: stats(y), first20: stats(y.slice(0, first)), rest: stats(y.slice(first)) },
    peer: { all: stats(p), first20: stats(p.slice(0, first)), rest: stats(p.slice(first)) },
    stateless: { all: stats(s), first20: stats(s.slice(0, first)), rest: stats(s.slice(first)) },
    findings,
  };
}

async function main() {
  await init({ module_or_path: '/pkg/yoken_bg.wasm' });
  yoken.loadPack(new Uint8Array(await (await fetch(`/pkg/packs/${ID}.ykp`)).arrayBuffer()));
  const pack = await (await fetch('/packs/maff-mohouhin-r7.json')).json();
  const count = Number(new URLSearchParams(location.search).get('edits') ?? 2400);
  const results = {
    crossOriginIsolated: self.crossOriginIsolated,
    userAgent: navigator.userAgent,
    full: replay('full', BENCH_FORMS.full, pack, count),
    half: replay('half', BENCH_FORMS.half, pack, count),
  };
  window.benchResults = results;
  document.body.dataset.done = 'true';
}

main().catch((e) => { window.benchResults = { error: String(e?.stack ?? e) }; document.body.dataset.done = 'true'; });
