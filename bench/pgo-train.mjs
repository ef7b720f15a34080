// The training run of the profile-guided server build (scripts/build-pgo): every spec case of
// every programme (tests/cases/<programme>/*.form.json, `{today, form}`) posted to a running
// `yoken serve`, with and without traces, in rounds, four requests at a time, beside the other
// routes and a few refusals. Deliberately not the benchmarks' forms (bench/forms, bench/corpus.mjs):
// the build is trained on what the rules are written against, and measured on something else.
// With `--answers FILE`, every check's answer (its status and a SHA-256 of its body) is written to
// FILE, or, when FILE exists, compared with it: the guided build must answer as the build it was
// trained with did.
//   node bench/pgo-train.mjs BASE_URL [rounds] [--answers FILE]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const answersAt = args.indexOf('--answers');
const answersFile = answersAt >= 0 ? args.splice(answersAt, 2)[1] : null;
const [base, roundsArg] = args;
const rounds = Number(roundsArg ?? 20);
if (!base || !(rounds >= 1)) {
  console.error('usage: node bench/pgo-train.mjs BASE_URL [rounds] [--answers FILE]');
  process.exit(2);
}
/** The server's address without a trailing slash; every path below starts with one. */
const origin = base.replace(/\/$/, '');
const cases = fileURLToPath(new URL('../tests/cases/', import.meta.url));

/** Every request of one round: `[path, body]` (body null for a GET). */
function requests() {
  const out = [['/healthz', null], ['/v1/programmes', null], ['/openapi.json', null]];
  for (const programme of fs.readdirSync(cases).sort()) {
    for (const file of fs.readdirSync(path.join(cases, programme)).sort()) {
      if (!file.endsWith('.form.json')) continue;
      const { today, form } = JSON.parse(fs.readFileSync(path.join(cases, programme, file), 'utf8'));
      const url = `/v1/programmes/${programme}/validate?today=${today}`;
      const body = JSON.stringify(form);
      out.push([url, body], [`${url}&trace=false`, body]);
    }
  }
  // Refusals take their own paths through the server: not JSON, a programme it does not have.
  out.push(['/v1/programmes/maff-mohouhin-r7/validate', '{"budget": '], ['/v1/programmes/no-such/validate', '{}']);
  return out;
}

/** Waits until the server answers `/healthz` (it may still be starting), at most ten seconds. */
async function ready() {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  console.error(`pgo-train: no answer from ${origin}/healthz within ten seconds`);
  process.exit(1);
}

await ready();
const all = requests();
let next = 0;
let answered = 0;
const statuses = {};
/** Each request's answer in the first round, by its place in the round. */
const answers = [];
async function worker() {
  while (next < all.length * rounds) {
    const at = next;
    const [url, body] = all[at % all.length];
    next += 1;
    const res = await fetch(origin + url, body === null ? {} : {
      method: 'POST', headers: { 'content-type': 'application/json' }, body,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (at < all.length && url.includes('/validate')) {
      answers[at] = `${res.status} ${url} ${createHash('sha256').update(bytes).digest('hex')}`;
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    answered += 1;
  }
}
await Promise.all([worker(), worker(), worker(), worker()]);
if (!statuses[200]) {
  console.error(`pgo-train: no request answered 200 (${JSON.stringify(statuses)})`);
  process.exit(1);
}
if (answersFile) {
  const ours = answers.filter(Boolean);
  if (fs.existsSync(answersFile)) {
    const theirs = JSON.parse(fs.readFileSync(answersFile, 'utf8'));
    const differ = ours.filter((a, i) => a !== theirs[i]);
    if (differ.length || ours.length !== theirs.length) {
      console.error(`pgo-train: ${differ.length} of ${ours.length} answers differ from ${answersFile}, e.g. ${differ[0]}`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(answersFile, JSON.stringify(ours));
  }
}
console.log(JSON.stringify({ requests: answered, statuses, answersCompared: answersFile !== null }));
