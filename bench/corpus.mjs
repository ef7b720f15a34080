// A deterministic corpus of Programme A forms (maff-mohouhin-r7): valid, invalid and half-filled,
// with 0–30 cost lines. Shared by the yoken/peer agreement test and the benchmarks. Values stay
// within what the JS peer implements (no dates, no 和暦), so the two can be compared exactly.

/** mulberry32: a small seeded PRNG. */
export function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sets `value` at a dotted path with [i] indices in a plain object (a page's or a test's own model). */
export function setIn(target, path, value) {
  const steps = path.split('.').flatMap((part) => {
    const m = part.match(/^([^[]+)((?:\[\d+\])*)$/);
    return [m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
  });
  let node = target;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) { node[step] = value; return; }
    if (node[step] == null) node[step] = typeof steps[i + 1] === 'number' ? [] : {};
    if (Array.isArray(node[step])) while (node[step].length < (typeof steps[i + 1] === 'number' ? steps[i + 1] : 0)) node[step].push({});
    node = node[step];
  });
}

const ORG_TYPES = ['一般社団法人', '公益財団法人', '民間事業者', '会社', '個人事業主', '国立研究開発法人', '国立大学法人', '農林漁業者の組織する団体', '事業協同組合', 'その他', '株式会社'];
const YES_NO = ['yes', 'no', true, false, 'はい', 'いいえ', '', 'maybe'];
const ELIGIBILITY = ['plan_and_ability', 'accounting', 'records', 'public_use', 'in_japan', 'responsibility', 'no_gang_members', 'trusted_notifier', 'aims_certification', 'criteria_a', 'criteria_b', 'criteria_c', 'criteria_d', 'criteria_e'];
const ATTACHMENTS = ['form_1_1', 'form_1_2', 'form_1_3', 'form_1_4', 'overview', 'business_history', 'financial_reports', 'articles', 'form_1_5', 'borrowing_consultation'];
const CATEGORIES = ['人件費', '謝金', '賃金', '旅費', '備品費', '会議費', '事務費', '消耗品費', '翻訳費', '委託費', '弁護士費用', '調査・評価に係る経費', '土地購入費', 'タクシー代', ' 委託費 ', '「事務費」'];
const DESCRIPTIONS = ['事務局職員', '倉庫の建物改修', 'アルバイトの賞与', '事故処理', '意見交換会後の懇親会', '仕入控除税額分', '巡回監視の委託', 'ガイドライン印刷', '通勤手当', '用地の賃借', ''];
const AMOUNTS = ['1234', '1,234', '１，２３４', '1,234千円', '1,234,000円', '1,234,500円', '-5', '1.5', '0', '500', '600', '10,000', '12,345', '¥2,000', '499', '31,270', ''];
const SOURCES = ['external', 'self', 'group100', 'related', 'friend'];

/** One form; `full` answers everything (a complete application), otherwise a random mix. */
export function form(random, { full = false, lines } = {}) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const maybe = (p) => full || random() < p;
  const f = {};
  if (maybe(0.9)) f.project = { subprojects: pick([['guideline'], ['patrol'], ['guideline', 'patrol'], []]) };
  if (full) f.project.subprojects = ['guideline', 'patrol'];
  f.applicant = {};
  if (maybe(0.8)) f.applicant.name = pick(['一般社団法人 品種保護協会', '株式会社ミツバ', '山田種苗店']);
  if (maybe(0.8)) f.applicant.org_type = full ? '一般社団法人' : pick(ORG_TYPES);
  if (maybe(0.8)) f.applicant.legal_personality = full ? 'yes' : pick(YES_NO);
  f.eligibility = {};
  for (const q of ELIGIBILITY) if (maybe(0.7)) f.eligibility[q] = full ? 'yes' : pick(YES_NO);
  if (maybe(0.6)) f.history = { revoked_within_3_years: full ? 'no' : pick(YES_NO) };
  if (maybe(0.6)) f.other_subsidy = { applied: full ? 'no' : pick(YES_NO) };
  if (maybe(0.6)) f.finance = { borrowing: full ? 'no' : pick(YES_NO) };
  if (maybe(0.6)) f.submission = { attachments: full ? ATTACHMENTS.slice(0, 5).concat(['financial_reports', 'articles']) : ATTACHMENTS.filter(() => random() < 0.6) };
  if (maybe(0.7)) {
    const n = lines ?? Math.floor(random() * 31);
    f.budget = { lines: [] };
    for (let i = 0; i < n; i += 1) {
      const line = {};
      if (maybe(0.6)) line.subprogramme = pick(['guideline', 'patrol']);
      if (maybe(0.95)) line.category = full ? pick(CATEGORIES.slice(0, 12)) : pick(CATEGORIES);
      if (maybe(0.7)) line.description = pick(DESCRIPTIONS);
      if (maybe(0.95)) line.amount = full ? pick(['1,234', '500', '12,345', '１，２３４', '600']) : pick(AMOUNTS);
      if (maybe(0.4)) line.source = full ? 'external' : pick(SOURCES);
      f.budget.lines.push(line);
    }
    if (maybe(0.3)) f.budget.requested_total = pick(['1,234', '31,270', '99,999']);
  }
  return f;
}

/** `n` forms from `seed`. */
export function corpus(n, seed = 20251122) {
  const random = prng(seed);
  return Array.from({ length: n }, () => form(random));
}

/** The two forms the benchmarks time: a complete application with 30 cost lines, and a half-filled one. */
export const BENCH_FORMS = {
  full: () => form(prng(7), { full: true, lines: 30 }),
  half: () => form(prng(11), { lines: 10 }),
};

// `node bench/corpus.mjs --write` writes bench/forms/{full,half}.json for the native benchmark.
if (globalThis.process && import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--write')) {
  const fs = await import('node:fs');
  const dir = new URL('./forms/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(BENCH_FORMS)) {
    fs.writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(make(), null, 1)}\n`);
  }
}
