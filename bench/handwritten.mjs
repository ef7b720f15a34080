// The simplest hand-written JavaScript a ministry's web team might put on Programme A's page
// (maff-mohouhin-r7) instead of yoken: on every keystroke it re-checks the whole form — the
// eligibility tree (第5 1, 第5 2 (1)–(7)), each cost line's amount, the row sum and the cap of
// 31,270千円 (第8) — with no library, no messages in two languages, no figures to show, no dates.
// It is the keystroke benchmark's floor (bench/keystroke.mjs): yoken per edit should be no slower.
// Like bench/peer.mjs it adds yen with JS numbers (exact here, whole thousands far below 2^53);
// nothing yoken ships does arithmetic in JavaScript.

const YES = new Set(['yes', 'true', 'はい', true]);
const NO = new Set(['no', 'false', 'いいえ', false]);
const LISTED = new Set(['農林漁業者の組織する団体', '農業協同組合等', '商工業者の組織する団体', '商工会等', '民間事業者', '会社',
  '公益社団法人', '公益財団法人', '一般社団法人', '一般財団法人', '特定非営利活動法人', '事業協同組合', '事業協同組合連合会',
  '独立行政法人', '国立研究開発法人']);
const CATEGORIES = new Set(['人件費', '謝金', '賃金', '旅費', '賃借料及び使用料', '備品費', '会議費', '事務費', '弁護士等費用',
  '委託費', '調査・評価に係る経費', '事業を実施するために必要なその他の経費']);
const CAP = 31270; // 千円 (第8)

/** yes → true, no → false, anything else → undefined (unanswered). */
function yesNo(v) {
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

/** 千円 from what was typed: full-width digits, commas, 円 or 千円; NaN when unreadable. */
function thousandYen(text) {
  if (typeof text !== 'string') return typeof text === 'number' ? text : NaN;
  let t = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  let yen = false;
  if (t.endsWith('千円')) t = t.slice(0, -2);
  else if (t.endsWith('円')) { t = t.slice(0, -1); yen = true; }
  if (!/^\d+$/.test(t)) return NaN;
  const n = Number(t);
  return yen ? (n % 1000 === 0 ? n / 1000 : NaN) : n;
}

/** Checks the whole form: [{path, code}], the verdict, the total and the room under the cap. */
export function check(form) {
  const out = [];
  const e = form.eligibility ?? {};
  const a = form.applicant ?? {};
  // 第5 1: an organisation of a listed kind; 第5 2 (1)-(5): all met; (6) or (7) ア-オ.
  const basics = ['plan_and_ability', 'accounting', 'records', 'public_use', 'in_japan', 'responsibility', 'no_gang_members'].map((k) => yesNo(e[k]));
  for (const [i, k] of ['plan_and_ability', 'accounting', 'records', 'public_use', 'in_japan', 'responsibility', 'no_gang_members'].entries()) {
    if (basics[i] === false) out.push({ path: `eligibility.${k}`, code: 'requirement.not_met' });
  }
  const notifier = yesNo(e.trusted_notifier);
  const aiming = ['aims_certification', 'criteria_a', 'criteria_b', 'criteria_c', 'criteria_d', 'criteria_e'].map((k) => yesNo(e[k]));
  const seven = aiming.every((x) => x === true) ? true : aiming.some((x) => x === false) ? false : undefined;
  const sixOrSeven = notifier === true || seven === true ? true : notifier === false && seven === false ? false : undefined;
  const kind = a.org_type ? LISTED.has(a.org_type) : undefined;
  if (kind === false) out.push({ path: 'applicant.org_type', code: 'requirement.not_met' });
  const parts = [kind, ...basics, sixOrSeven];
  const verdict = parts.some((x) => x === false) ? 'ineligible' : parts.every((x) => x === true) ? 'eligible' : 'incomplete';
  // The cost lines: a category from the list, a readable amount; their sum and the cap.
  let total = 0;
  let readable = true;
  const lines = form.budget?.lines ?? [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? {};
    if (line.category && !CATEGORIES.has(line.category)) out.push({ path: `budget.lines[${i}].category`, code: 'budget.category_not_allowed' });
    if (line.amount === undefined || line.amount === '') continue;
    const n = thousandYen(line.amount);
    if (Number.isNaN(n)) { out.push({ path: `budget.lines[${i}].amount`, code: 'amount.invalid' }); readable = false; } else total += n;
  }
  if (readable && total > CAP) out.push({ path: 'budget.lines', code: 'budget.over_cap' });
  return { findings: out, verdict, total: readable ? total : null, headroom: readable ? CAP - total : null };
}
