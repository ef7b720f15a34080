// The JavaScript peer: Programme A's (maff-mohouhin-r7) eligibility and budget rules written the
// way a ministry's web team would without yoken — ajv (JSON Schema) for the shape of each field,
// json-logic-js for the requirement, check and attachment rules, and plain code for the cost
// lines. It reports {code, path} pairs in yoken's vocabulary so the two can be compared exactly
// (tests/node/peer-agreement.test.mjs) and timed side by side (bench/).
//
// Not a general engine: the rules below are this programme's, read from the same pack file only
// for the option lists and clause texts a team would copy into their own code. It does yen sums
// with JS numbers, as such a team would (exact here: whole yen far below 2^53); it exists only
// as the benchmark's foil — nothing yoken ships does arithmetic in JavaScript.
import Ajv from 'ajv';
import jsonLogic from 'json-logic-js';

const YES = new Set(['yes', 'true', 'はい']);
const NO = new Set(['no', 'false', 'いいえ']);

const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const get = (o, path) => path.split('.').reduce((x, k) => (x == null ? undefined : x[k]), o);
const normalise = (s) => s.normalize('NFKC').replace(/[\s「」『』]/g, '');

/** Builds the peer for a pack (the programme's option lists). */
export function createPeer(pack) {
  const questions = new Map(pack.questions.map((q) => [q.id, q]));
  const orgOptions = questions.get('applicant.org_type').options;
  const countsAs = new Map(orgOptions.map((o) => [o.value, [o.value, ...(o.counts_as ?? [])]]));
  const attachmentItems = pack.attachments.items;
  // The cost lines' table (yoken-pack/2): its columns, keyword rules and the cap figure.
  const budget = pack.tables.find((t) => t.id === 'budget');
  const column = (key) => budget.columns.find((c) => c.key === key);

  // ---- ajv: the shape of every field (types, enums, lengths).
  const yesNo = { enum: ['yes', 'no', 'true', 'false', 'はい', 'いいえ', true, false, '', null] };
  const props = {};
  const put = (path, schema) => {
    const keys = path.split('.');
    let o = props;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) o[k] = schema;
      else { o[k] = o[k] ?? { type: 'object', properties: {} }; o = o[k].properties; }
    });
  };
  for (const q of pack.questions) {
    if (q.type === 'yes_no') put(q.id, yesNo);
    else if (q.type === 'choice') put(q.id, { enum: [...q.options.map((o) => o.value), '', null] });
    else if (q.type === 'text') put(q.id, { type: ['string', 'null'], maxLength: q.max_length ?? 2000 });
  }
  put('project.subprojects', { type: 'array', items: { enum: pack.subprogrammes.map((s) => s.id) } });
  put('submission.attachments', { type: 'array', items: { enum: attachmentItems.map((a) => a.id) } });
  const ajv = new Ajv({ allErrors: true, strict: false });
  const checkShape = ajv.compile({ type: 'object', properties: props });

  // ---- json-logic: requirements, checks, attachment rules over normalised answers
  // (yes/no → true/false, absent → null).
  const listed = ['農林漁業者の組織する団体', '商工業者の組織する団体', '民間事業者', '公益社団法人', '公益財団法人', '一般社団法人', '一般財団法人', '特定非営利活動法人', '事業協同組合', '事業協同組合連合会', '独立行政法人'];
  const houjinTypes = ['公益社団法人', '公益財団法人', '一般社団法人', '一般財団法人', '特定非営利活動法人', '事業協同組合', '事業協同組合連合会', '独立行政法人', '会社', '農業協同組合等', '商工会等', '国立大学法人'];
  jsonLogic.add_operation('kind_in', (orgType, list) => (orgType == null ? null : (countsAs.get(orgType) ?? [orgType]).some((k) => list.includes(k))));
  const v = (path) => ({ var: path });
  const houjinType = { kind_in: [v('applicant.org_type'), houjinTypes] };
  const privateCompany = { kind_in: [v('applicant.org_type'), ['民間事業者']] };
  const yesOf = (path) => ({ '===': [v(path), true] });
  const noOf = (path) => ({ '===': [v(path), false] });
  const isHoujin = { or: [{ '===': [houjinType, true] }, yesOf('applicant.legal_personality')] };
  const checks = [
    { code: 'mohouhin.contradiction.legal_personality', path: 'applicant.legal_personality', rule: { and: [{ '===': [houjinType, true] }, noOf('applicant.legal_personality')] } },
    { code: 'mohouhin.contradiction.criteria_a', path: 'eligibility.criteria_a', rule: { and: [isHoujin, noOf('eligibility.criteria_a')] } },
    { code: 'mohouhin.contradiction.criteria_a', path: 'eligibility.criteria_a', rule: { and: [yesOf('eligibility.criteria_a'), noOf('applicant.legal_personality')] } },
    { code: 'mohouhin.review.past_revocation', path: 'history.revoked_within_3_years', rule: yesOf('history.revoked_within_3_years') },
    { code: 'mohouhin.note.trusted_notifier', path: 'eligibility.trusted_notifier', rule: yesOf('eligibility.trusted_notifier') },
    { code: 'mohouhin.warning.duplicate_application', path: 'other_subsidy.applied', rule: yesOf('other_subsidy.applied') },
    { code: 'mohouhin.note.borrowing_plan', path: 'finance.borrowing', rule: yesOf('finance.borrowing') },
  ];
  const privateYes = { '===': [privateCompany, true] };
  const privateNo = { '===': [privateCompany, false] };
  const attachmentRules = {
    business_history: privateYes,
    financial_reports: { or: [privateYes, yesOf('applicant.legal_personality')] },
    articles: { and: [privateNo, yesOf('applicant.legal_personality')] },
    form_1_5: { and: [privateNo, noOf('applicant.legal_personality')] },
    borrowing_consultation: yesOf('finance.borrowing'),
  };
  const firstToFifth = ['eligibility.plan_and_ability', 'eligibility.accounting', 'eligibility.records', 'eligibility.public_use', 'eligibility.in_japan', 'eligibility.responsibility', 'eligibility.no_gang_members'];
  const seventh = ['eligibility.aims_certification', 'eligibility.criteria_a', 'eligibility.criteria_b', 'eligibility.criteria_c', 'eligibility.criteria_d', 'eligibility.criteria_e'];

  // ---- the cost lines.
  const categorySpec = column('category').categories;
  const categories = categorySpec.items.map((c) => ({ name: c.name, keys: [c.name, ...(c.aliases ?? [])].map(normalise) }));
  const forbidden = (categorySpec.forbidden ?? []).flatMap((f) => f.names.map(normalise));
  const exclusions = budget.rules.filter((r) => r.words).map((r) => ({ keywords: r.words.any.map(normalise), categories: r.when?.in }));
  const procurement = new Set(column('source').options.filter((o) => o.finding).map((o) => o.value));
  const cap = Number(pack.figures.find((f) => f.id === 'cap').value.thousand_yen) * 1000;

  /** A typed amount in a 千円 cell → { yen } or { code }. */
  function amount(raw) {
    const text = (typeof raw === 'number' ? String(raw) : String(raw)).normalize('NFKC').trim();
    if (/^[-−▲△(]/.test(text)) return { code: 'number.negative' };
    const m = text.match(/^(¥)?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s*(千円|円)?$/);
    if (!m) return { code: 'number.unexpected_character' };
    if (m[3] && !/^\.0{1,2}$/.test(m[3])) return { code: 'number.fraction' };
    const n = Number(m[2].replaceAll(',', ''));
    const yenWritten = m[1] || m[4] === '円';
    if (yenWritten) {
      if (n % 1000 !== 0) return { code: 'money.not_whole_thousands' };
      return { yen: n, converted: true };
    }
    return { yen: n * 1000 };
  }

  /** Checks one form; returns [{code, path}]. */
  return function check(form) {
    const out = [];
    const emit = (code, path) => out.push({ code, path });
    // Field shapes.
    const invalid = new Set();
    if (!checkShape(form)) {
      for (const e of checkShape.errors) {
        const path = e.instancePath.slice(1).split('/').filter((k) => !/^\d+$/.test(k)).join('.');
        if (invalid.has(path) || !questions.has(path) && path !== 'project.subprojects' && path !== 'submission.attachments') continue;
        invalid.add(path);
        const q = questions.get(path);
        const type = q?.type ?? 'multi_choice';
        const code = type === 'yes_no' ? 'answer.not_yes_no'
          : type === 'text' ? (e.keyword === 'maxLength' ? 'answer.too_long' : 'answer.not_text')
          : e.keyword === 'type' ? 'answer.not_a_list' : 'answer.unknown_option';
        emit(code, path);
      }
    }
    // Normalised answers: yes/no as booleans, blank or invalid as null.
    const data = {};
    const set = (path, value) => {
      const keys = path.split('.');
      let o = data;
      keys.slice(0, -1).forEach((k) => { o = o[k] = o[k] ?? {}; });
      o[keys.at(-1)] = value;
    };
    for (const q of pack.questions) {
      const raw = get(form, q.id);
      if (blank(raw) || invalid.has(q.id)) { set(q.id, null); continue; }
      if (q.type === 'yes_no') set(q.id, raw === true || YES.has(String(raw).toLowerCase()) ? true : NO.has(String(raw).toLowerCase()) || raw === false ? false : null);
      else set(q.id, typeof raw === 'string' ? raw.trim() : raw);
    }
    const subprojects = invalid.has('project.subprojects') ? null : get(form, 'project.subprojects');
    const selected = Array.isArray(subprojects) ? [...new Set(subprojects)] : [];
    const attached = invalid.has('submission.attachments') ? null : get(form, 'submission.attachments');

    // Required answers.
    for (const q of pack.questions) if (q.required && !invalid.has(q.id) && get(data, q.id) === null) emit('answer.required', q.id);
    if (!invalid.has('project.subprojects') && selected.length === 0) emit('answer.required', 'project.subprojects');

    // Requirements (第5): the decisive failures, only while a part is applied for.
    const orgFails = get(data, 'applicant.org_type') != null && jsonLogic.apply({ kind_in: [v('applicant.org_type'), listed] }, data) === false;
    const failed = (paths) => paths.filter((p) => jsonLogic.apply(noOf(p), data));
    const failedOneToFive = failed(firstToFifth);
    const failedSeventh = failed(seventh);
    const sixOrSevenFails = jsonLogic.apply(noOf('eligibility.trusted_notifier'), data) && failedSeventh.length > 0;
    if (selected.length > 0 && (orgFails || failedOneToFive.length || sixOrSevenFails)) {
      if (orgFails) emit('requirement.not_met', 'applicant.org_type');
      for (const p of failedOneToFive) emit('requirement.not_met', p);
      if (sixOrSevenFails) for (const p of ['eligibility.trusted_notifier', ...failedSeventh]) emit('requirement.not_met', p);
    }

    // Checks and attachments.
    for (const c of checks) if (jsonLogic.apply(c.rule, data) === true) emit(c.code, c.path);
    if (Array.isArray(attached)) {
      for (const item of attachmentItems) {
        const rule = attachmentRules[item.id];
        if ((rule === undefined || jsonLogic.apply(rule, data) === true) && !attached.includes(item.id)) emit('attachment.missing', 'submission.attachments');
      }
    }

    // Cost lines.
    const b = form.budget;
    if (b && typeof b === 'object' && Array.isArray(b.lines)) {
      let total = 0;
      let complete = true;
      let personnelNoted = false;
      b.lines.slice(0, budget.max_rows ?? 500).forEach((line, i) => {
        const at = `budget.lines[${i}]`;
        if (!line || typeof line !== 'object' || Object.values(line).every(blank)) return;
        let sub = null;
        const typedSub = blank(line.subprogramme) ? null : String(line.subprogramme).trim();
        if (typedSub && (selected.length === 0 || selected.includes(typedSub))) sub = typedSub;
        else if (typedSub) emit('budget.subprogramme_not_applied', `${at}.subprogramme`);
        else if (selected.length === 1) sub = selected[0];
        else if (selected.length > 1) emit('budget.cell_required', `${at}.subprogramme`);
        let category = null;
        if (blank(line.category)) emit('budget.cell_required', `${at}.category`);
        else {
          const key = normalise(String(line.category));
          category = categories.find((c) => c.keys.includes(key))?.name ?? null;
          if (!category) emit(forbidden.includes(key) ? 'budget.category_forbidden' : 'budget.category_not_allowed', `${at}.category`);
        }
        const description = blank(line.description) ? '' : normalise(String(line.description));
        let yen = null;
        if (blank(line.amount)) { complete = false; emit('budget.cell_required', `${at}.amount`); }
        else {
          const a = amount(line.amount);
          if (a.code) { complete = false; emit(a.code, `${at}.amount`); } else {
            yen = a.yen;
            total += yen;
            if (a.converted) emit('amount.converted', `${at}.amount`);
          }
        }
        if (description) {
          for (const e of exclusions) {
            if (e.categories && !e.categories.includes(category)) continue;
            if (e.keywords.some((k) => description.includes(k))) emit('budget.excluded_cost', `${at}.description`);
          }
        }
        if (category === '人件費' && !personnelNoted) { personnelNoted = true; emit('mohouhin.note.personnel_costs', `${at}.category`); }
        if (category === '備品費' && yen !== null && yen >= 500000) emit('mohouhin.note.restricted_property', `${at}.amount`);
        if (!blank(line.source) && line.source !== 'external') emit(procurement.has(line.source) ? 'budget.profit_exclusion' : 'answer.unknown_option', `${at}.source`);
        void sub;
      });
      // The total is unknown while a line's amount is: no cap finding then.
      if (complete && total > cap) emit('budget.over_cap', 'budget');
      if (!blank(b.requested_total)) {
        const a = amount(b.requested_total);
        if (a.code) emit(a.code, 'budget.requested_total');
        else {
          if (a.converted) emit('amount.converted', 'budget.requested_total');
          if (complete && a.yen !== total) emit('budget.total_mismatch', 'budget.requested_total');
        }
      }
    }
    return out;
  };
}

/** The codes the peer implements: the agreement test compares exactly these. */
export const PEER_CODES = new Set([
  'answer.required', 'answer.not_yes_no', 'answer.unknown_option', 'answer.not_a_list', 'answer.not_text', 'answer.too_long',
  'requirement.not_met', 'attachment.missing',
  'mohouhin.contradiction.legal_personality', 'mohouhin.contradiction.criteria_a', 'mohouhin.review.past_revocation',
  'mohouhin.note.trusted_notifier', 'mohouhin.warning.duplicate_application', 'mohouhin.note.borrowing_plan',
  'budget.subprogramme_not_applied', 'budget.cell_required', 'budget.category_not_allowed', 'budget.category_forbidden',
  'budget.excluded_cost', 'budget.profit_exclusion', 'budget.over_cap', 'budget.total_mismatch',
  'mohouhin.note.personnel_costs', 'mohouhin.note.restricted_property',
  'number.negative', 'number.fraction', 'number.unexpected_character', 'money.not_whole_thousands', 'amount.converted',
]);
