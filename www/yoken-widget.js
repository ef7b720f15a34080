// yoken widget: live checking of a web form with the yoken rules (WebAssembly). It ships in the
// npm package `yoken` beside the wasm glue (`import { start } from 'yoken/widget'`, or one module
// script), and works in two ways:
//
// 1. Rendered from the pack — the page holds an empty form and the widget builds the whole form
//    (sections, questions, tables, figures, dates, files, verdict) from the programme's pack:
//
//      <script type="module" src="/node_modules/yoken/yoken-widget.js"></script>
//      <form data-yoken-programme="maff-mohouhin-r7" data-yoken-render></form>
//
// 2. Hand-annotated — an existing form whose inputs name the form paths they stand for:
//
//      <form data-yoken-programme="maff-mohouhin-r7">
//        <input id="name" data-yoken="applicant.name">
//        <select data-yoken="applicant.org_type">…</select>
//      </form>
//
// Form attributes: data-yoken-programme (required), data-yoken-render (build the form from the
// pack), data-yoken-pkg (where the wasm package is; default: beside this file), data-yoken-pack
// (the compiled pack's URL, `yoken pack build`; default: packs/<id>.ykp in the package), data-yoken-today
// (YYYY-MM-DD or 和暦; default today in Japan, as on the server), data-yoken-draft="off" (no draft),
// data-yoken-sw (a service worker URL to register for offline use), data-yoken-demo (a valid
// submit is not sent).
// Inputs: data-yoken="path"; date parts data-yoken-part="year|month|day"; table rows in a
// container data-yoken-rows="budget.lines" with children data-yoken-row and cells
// data-yoken-cell="amount"; a <template data-yoken-template="budget.lines"> and buttons
// data-yoken-add-row="budget.lines" / data-yoken-remove-row. Outputs: data-yoken-output="path in
// the Report" (e.g. figures.requested.value.display, tables.budget.sums.total.display,
// dates.report_due.wareki; `a|b` shows the first that is present), data-yoken-row-output in rows
// (a path in the row's Report part, e.g. figures.sum.display).
// Shown only when asked: data-yoken-asked="path" (hidden while the Report lists the path under
// not_asked), data-yoken-scope="sub-programme ids" (hidden unless one of them is chosen),
// data-yoken-group (hidden when everything asked inside it is hidden), data-yoken-show-for=
// "path=value". An input inside anything hidden is not sent to the core nor submitted; what was
// typed in it stays on the page and in the draft.
// Optional: data-yoken-summary, data-yoken-verdict, data-yoken-why (a <details>), data-yoken-lang,
// data-yoken-clear-draft, data-yoken-files + data-yoken-plan, data-yoken-print,
// data-yoken-documents + data-yoken-downloads (the 様式 as .xlsx, made in the browser by the
// writer module pkg/xlsx/ from the pack's JSON — packs/<id>.json, or data-yoken-pack-json —
// both loaded on that click), data-yoken-unrestored, data-yoken-title; texts with data-en (English) switch with the language.
//
// For the page's code: each check dispatches `yoken:report` (bubbling; detail {report, delta, ms})
// on the form, and `form.yoken` gives {today, form(), report()}: the form as JSON exactly as the
// core reads it (what to send to the server for re-validation) and the current Report.
//
// The widget never changes or clears what the user typed, never inserts user text as HTML, and
// never does arithmetic: every figure shown comes from the Report.

import { el, renderForm, WORDS } from './yoken-form.js';

const VERDICT = {
  eligible: { ja: '応募の要件を満たしています', en: 'The requirements are met' },
  ineligible: { ja: '応募の要件を満たしていません', en: 'The requirements are not met' },
  incomplete: { ja: '判定に必要な回答がまだあります', en: 'More answers are needed for a verdict' },
};
const SEVERITY = {
  error: { ja: 'エラー', en: 'Error' },
  warning: { ja: '注意', en: 'Warning' },
  review: { ja: '審査で判断', en: 'For review' },
  info: { ja: '情報', en: 'Note' },
};
const TEXT = {
  summaryTitle: { ja: '入力内容に問題があります', en: 'There is a problem' },
  missing: { ja: '判定に必要な未回答：{n}件', en: 'Unanswered questions needed for the verdict: {n}' },
  restored: { ja: '前回の入力（下書き）を復元しました。', en: 'Your earlier answers (draft) were restored.' },
  partlyRestored: {
    ja: '前回の入力（下書き）を復元しました。フォームが更新されたため、{n}件の項目は今のフォームにありません（下に一覧があります。下書きには残してあります）。',
    en: 'Your earlier answers (draft) were restored. The form has changed since: {n} entries have no place in it now (listed below, and kept in the draft).',
  },
  cleared: { ja: '下書きを消去しました。', en: 'The draft was cleared.' },
  ready: { ja: '入力内容にエラーはありません。', en: 'No errors in the form.' },
  restarting: { ja: 'チェック機能でエラーが起きたため再起動しました。入力内容は失われていません。', en: 'The checker hit an internal error and restarted. Your input is kept.' },
  broken: { ja: 'チェック機能でエラーが起きました。入力内容は失われていません。ページを再読み込みしてください。', en: 'The checker failed. Your input is kept; reload the page.' },
  unavailable: { ja: 'チェック機能（規則）を読み込めませんでした。接続を確かめてページを再読み込みしてください。', en: 'The checker (its rules) could not be loaded. Check the connection and reload the page.' },
  why: { ja: '判定の根拠', en: 'Why' },
  rate: { ja: '補助率', en: 'Rate' },
  mails: { ja: 'メール{n}通に分けて送ります（1通{limit}以下）', en: 'Send as {n} mail(s) (at most {limit} each)' },
  body: { ja: '本文に必ず記載：', en: 'State in the mail body:' },
  refused: { ja: '送れないファイル', en: 'Files that cannot be sent' },
  documentsErrors: {
    ja: 'エラーが{n}件あります。直してから様式をダウンロードしてください。このまま作る場合は、エラーの一覧を表紙に付けます。',
    en: 'There are {n} error(s). Fix them before downloading the 様式; made now, the files carry the list of errors on a cover sheet.',
  },
  documentsAnyway: { ja: 'エラーの一覧を表紙に付けてダウンロード', en: 'Download with the errors on a cover sheet' },
  documentsMaking: { ja: '様式のファイルを作っています…', en: 'Making the 様式 files…' },
  documentsMade: { ja: '様式のファイルを作りました（この端末の中で作成。どこにも送信していません）：', en: 'The 様式 files are ready (made on this device; nothing was sent anywhere):' },
  documentsFailed: { ja: '様式のファイルを作れませんでした。ページを再読み込みしてください。入力内容は失われていません。', en: 'The 様式 files could not be made. Reload the page; your input is kept.' },
  bytes: { ja: '{n}バイト', en: '{n} bytes' },
};

/** The media type of the 様式 files. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const writers = new Map();

/**
 * Loads the 様式 writer (pkg/xlsx/, a wasm module of its own) once per package URL, and only when
 * the applicant first asks for the files: the checker's module does not carry it.
 */
function loadWriter(pkgUrl) {
  const glue = new URL('xlsx/yoken_xlsx.js', pkgUrl).href;
  // A failed load is forgotten, so the next click tries again.
  return loadModule(writers, glue, new URL('xlsx/yoken_xlsx_bg.wasm', pkgUrl))
    .catch((e) => { writers.delete(glue); throw e; });
}

const loaded = new Map();

/** Loads a wasm-bindgen module — its glue and its .wasm — once per URL into `cache`. */
function loadModule(cache, glueUrl, wasmUrl) {
  if (!cache.has(glueUrl)) {
    cache.set(glueUrl, (async () => {
      // The .wasm download starts with the glue's, not after it: one round trip fewer.
      const wasm = fetch(wasmUrl);
      const mod = await import(glueUrl);
      await mod.default({ module_or_path: wasm });
      return mod;
    })());
  }
  return cache.get(glueUrl);
}

/** Loads the wasm package (the checker) once per URL. */
function loadYoken(pkgUrl) {
  return loadModule(loaded, new URL('yoken.js', pkgUrl).href, new URL('yoken_bg.wasm', pkgUrl));
}

const packs = new Map();

/** Fetches a pack's bytes once per URL (the compiled pack is started beside the module's download). */
function fetchPack(url) {
  if (!packs.has(url)) {
    packs.set(url, fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    }));
  }
  return packs.get(url);
}

/**
 * Leaves a User Timing mark `yoken:NAME` (detail `{programme}`) for a form's start-up: `start`,
 * `module` (the checker instantiated), `pack` (its pack read), `form` (drawn from the pack, for a
 * rendered form) and `first-report` (the first check shown). DevTools' Performance panel shows
 * them; `performance.getEntriesByName('yoken:pack')` reads them.
 */
function mark(name, programme) {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
    performance.mark(`yoken:${name}`, { detail: { programme } });
  }
}

/** The packs loaded so far, to load again into a fresh instance (after a trap). */
const loadedPacks = new Set();

/** Loads a compiled pack into `yoken` and returns the programme's description (`programme()`'s). */
function loadPack(yoken, bytes) {
  const info = yoken.loadPack(bytes);
  loadedPacks.add(bytes);
  return info;
}

/** The most rows a restored draft may ask for (a draft in storage could say anything). */
const MAX_DRAFT_ROWS = 1000;

let instances = 0;

/**
 * A fresh instance of the package (new memory, new state) from the module already compiled: after
 * a wasm trap the old instance cannot be trusted. The glue is imported again under a new URL so
 * that its module-level state is new too.
 */
async function freshYoken(pkgUrl, old) {
  instances += 1;
  const mod = await import(new URL(`yoken.js?instance=${instances}`, pkgUrl).href);
  const compiled = old?.default?.__wbindgen_wasm_module;
  await mod.default({ module_or_path: compiled ?? fetch(new URL('yoken_bg.wasm', pkgUrl)) });
  for (const bytes of loadedPacks) mod.loadPack(bytes);
  return mod;
}

/** Japan's offset from UTC in milliseconds: nine hours, with no daylight saving since 1951. */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Today's date in Japan as YYYY-MM-DD: the same default `today` as the command line and the server
 * (yoken's one policy, the same rule as the native shell's `today_in_japan`: UTC+9; the core never
 * reads a clock, it is passed this). Written by shifting the instant rather than with Intl's
 * Asia/Tokyo time zone: the first Intl.DateTimeFormat with a time zone loads the zone data, about
 * 40 ms on a page's first visit (a Chromium CPU profile of the demo's cold start).
 */
export function todayInJapan(now = new Date()) {
  return new Date(now.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The largest list index a form path may name (as the core's `MAX_INDEX`). */
const MAX_INDEX = 10000;

/**
 * Splits `budget.lines[3].amount` into ['budget', 'lines', 3, 'amount'], by the core's grammar of
 * form paths (src/text/form_path.rs; both are tested on tests/fixtures/form-paths.json): keys of any
 * characters but `.`, `[` and `]`; indices without leading zeros, at most 10,000. `null` when the
 * text is not a form path.
 */
export function parsePath(path) {
  if (typeof path !== 'string') return null;
  const steps = [];
  for (const segment of path.split('.')) {
    const m = segment.match(/^([^[\]]+)((?:\[(?:0|[1-9][0-9]{0,4})\])*)$/);
    if (!m) return null;
    steps.push(m[1]);
    for (const idx of m[2].matchAll(/\[([0-9]+)\]/g)) {
      const n = Number(idx[1]);
      if (n > MAX_INDEX) return null;
      steps.push(n);
    }
  }
  return steps;
}

const warned = new Set();

/** Sets `value` at `path` in `obj`; a page that names no form path is told once on the console. */
function setPath(obj, path, value) {
  const keys = parsePath(path);
  if (!keys) {
    if (!warned.has(path)) console.warn(`yoken: "${path}" is not a form path; the field is not checked`);
    warned.add(path);
    return;
  }
  let o = obj;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) { o[k] = value; return; }
    if (o[k] === undefined) o[k] = typeof keys[i + 1] === 'number' ? [] : {};
    o = o[k];
  });
}

/** Reads a path in the Report; in arrays, a name picks the element whose id/subprogramme/index matches. */
function readPath(obj, path) {
  const keys = parsePath(path);
  if (!keys) return undefined;
  let o = obj;
  for (const k of keys) {
    if (o == null) return undefined;
    if (Array.isArray(o) && typeof k !== 'number') o = o.find((x) => x && (x.id === k || x.subprogramme === k));
    else o = o[k];
  }
  return o;
}

/**
 * A trace label without the enumerator its clause already names: clause `第5 2 (7) ア` with
 * label `ア 法人ですか` reads `第5 2 (7) ア 法人ですか`. The same rule as the core's text rendering
 * (`label_after_clause` in src/report/render.rs); both are tested on tests/fixtures/trace-labels.json.
 */
export function labelAfterClause(clause, label) {
  const tokens = String(clause).split(/\s+/).filter(Boolean);
  for (let k = tokens.length; k >= 1; k -= 1) {
    const tail = tokens.slice(tokens.length - k).join(' ');
    if (label.startsWith(tail)) {
      const rest = label.slice(tail.length);
      if (rest === '' || rest.startsWith(' ') || rest.startsWith('　')) return rest.replace(/^[ 　]+/, '');
    }
  }
  return label;
}

/** The first path of `a|b|c` present in `obj`. */
function readFirst(obj, paths) {
  for (const p of paths.split('|')) {
    const v = readPath(obj, p);
    if (v != null) return v;
  }
  return undefined;
}


let idCounter = 0;
function ensureId(e, hint) {
  if (!e.id) e.id = `yk-${hint.replace(/[^A-Za-z0-9_-]/g, '-')}-${(idCounter += 1)}`;
  return e.id;
}

/** The value the core reads for one path from its inputs (in DOM order), as typed; undefined: absent. */
function valueOf(els) {
  const first = els[0];
  if (first.dataset.yokenPart) {
    // A date typed in three parts is one text: 2025年6月2日 or 令和7年6月2日 (no arithmetic).
    const p = {};
    for (const e of els) p[e.dataset.yokenPart] = e.value;
    const blank = ['year', 'month', 'day'].every((k) => !(p[k] ?? '').trim());
    return blank ? '' : `${(p.year ?? '').trim()}年${(p.month ?? '').trim()}月${(p.day ?? '').trim()}日`;
  }
  if (first.type === 'radio') return els.find((e) => e.checked)?.value;
  if (first.type === 'checkbox') {
    return first.hasAttribute('data-yoken-bool') ? first.checked : els.filter((e) => e.checked).map((e) => e.value);
  }
  if (first.tagName === 'SELECT' && first.multiple) return [...first.selectedOptions].map((o) => o.value);
  if (first.type === 'file') return undefined;
  return els[els.length - 1].value;
}

/** Puts a delta's `value` for `key` into `target`: null means the Report no longer has it. */
function put(target, key, value) {
  if (value === null) delete target[key]; else target[key] = value;
}

/** The lists whose items a delta may change field by field, and the delta's key for that. */
const CHANGES = [['figures', 'figure_changes'], ['tables', 'table_changes']];
const PARTS = ['overall', 'summary', 'verdicts', 'dates', 'not_asked', 'figures', 'tables', 'row_indices', 'paths', 'normalised_form'];

/**
 * The Report as the page knows it: the first full Report, then kept current from the core's
 * deltas (yoken-delta/4: a part that is absent did not change; rows come per table; a figure or a
 * table's totals come as the fields that changed, null for one now absent, and its subtotals as
 * those that changed; the paths with findings come whole first, then as splices). Nothing is
 * computed here; the pieces are only put back together.
 */
export class ReportView {
  constructor(report) {
    const { format, programme, today } = report;
    this.header = { format, programme, today };
    this.parts = {};
    this.byPath = new Map();
    this.rows = new Map();
    for (const key of PARTS) if (key in report) this.parts[key] = report[key];
    this.parts.tables = [];
    this.parts.row_indices = {};
    for (const { rows, ...totals } of report.tables ?? []) {
      this.parts.tables.push(totals);
      this.parts.row_indices[totals.id] = rows.map((r) => r.index);
      for (const r of rows) this.rows.set(`${totals.id}#${r.index}`, r);
    }
    this.parts.paths = [];
    for (const d of report.diagnostics) {
      if (!this.byPath.has(d.path)) { this.byPath.set(d.path, []); this.parts.paths.push(d.path); }
      this.byPath.get(d.path).push(d);
    }
  }

  apply(delta) {
    for (const key of PARTS) {
      if (key in delta) put(this.parts, key, delta[key]);
    }
    for (const [key, changes] of CHANGES) {
      if (!delta[changes]) continue;
      // A new list: a Report handed out earlier keeps the figures it was given.
      const list = [...this.parts[key]];
      for (const change of delta[changes]) {
        const i = list.findIndex((x) => x.id === change.id);
        const next = { ...list[i] };
        for (const [field, value] of Object.entries(change)) {
          // A table's subtotals that changed, each whole, by sub-programme (yoken-delta/4).
          if (field === 'subtotal_changes') {
            next.subtotals = next.subtotals.map((s) => value.find((c) => c.subprogramme === s.subprogramme) ?? s);
          } else {
            put(next, field, value);
          }
        }
        list[i] = next;
      }
      this.parts[key] = list;
    }
    for (const [id, rows] of Object.entries(delta.rows ?? {})) {
      for (const r of rows) this.rows.set(`${id}#${r.index}`, r);
    }
    // The list of paths with findings, changed as splice() takes it (yoken-delta/4).
    if (delta.paths_splice) {
      const { at, remove, insert } = delta.paths_splice;
      // A copy: the list a delta brought whole is the page's to keep.
      const paths = [...this.parts.paths];
      paths.splice(at, remove, ...insert);
      this.parts.paths = paths;
    }
    for (const c of delta.changed) {
      if (c.diagnostics.length) this.byPath.set(c.path, c.diagnostics); else this.byPath.delete(c.path);
    }
  }

  /** The whole Report, in the core's order. */
  report() {
    const { row_indices: indices = {}, paths = [], ...parts } = this.parts;
    const out = { ...this.header, ...parts };
    out.tables = (out.tables ?? []).map((t) => ({ ...t, rows: (indices[t.id] ?? []).map((i) => this.rows.get(`${t.id}#${i}`)) }));
    // A Report leaves out empty lists; a delta says "now empty" with one.
    for (const key of ['tables', 'figures', 'not_asked', 'dates']) if (Array.isArray(out[key]) && out[key].length === 0) delete out[key];
    out.diagnostics = paths.flatMap((p) => this.byPath.get(p) ?? []);
    return out;
  }
}

/** The first element matching `selector` in the form, else in the page. */
function find(form, selector) {
  return form.querySelector(selector) ?? document.querySelector(selector);
}

class YokenForm {
  constructor(form, yoken, pkgUrl, info, packUrl) {
    this.form = form;
    this.yoken = yoken;
    this.pkgUrl = pkgUrl;
    this.packUrl = packUrl;
    this.generated = [];
    this.restarts = 0;
    this.programme = form.dataset.yokenProgramme;
    this.today = form.dataset.yokenToday || todayInJapan();
    this.info = info ?? yoken.programme(this.programme); // throws a YokenError for an unknown id
    this.questions = new Map(this.info.questions.map((q) => [q.id, q]));
    // The form lives beside the engine; each edit sends one field and gets back what changed.
    this.session = new yoken.FormSession(this.programme, this.today, { trace: false });
    this.view = null;
    this.touched = new WeakSet();
    this.shown = new Map(); // element -> messages currently displayed
    this.submitted = false;
    this.report = null;
    this.lastVerdict = null;
    this.lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
    this.draftKey = `yoken:draft:${this.programme}:${location.pathname}`;
    this.summary = find(form, '[data-yoken-summary]');
    this.verdict = find(form, '[data-yoken-verdict]');
    this.status = find(form, '[data-yoken-status]');
    this.unrestored = [];
    this.translate(form);
    this.bind();
    // A table written with no rows starts with one, from its template.
    for (const rows of form.querySelectorAll('[data-yoken-rows]')) {
      if (!rows.querySelector(':scope > [data-yoken-row]')) this.addRow(rows.dataset.yokenRows, false);
    }
    const restored = form.dataset.yokenDraft !== 'off' && this.restoreDraft();
    this.update();
    if (restored) {
      if (this.unrestored.length) this.say(TEXT.partlyRestored, { n: this.unrestored.length });
      else this.say(TEXT.restored);
    }
    this.showUnrestored();
    // For the page's own code: the form as the core reads it (to send to the server) and the Report.
    form.yoken = Object.freeze({ today: this.today, form: () => this.collect(), report: () => this.report });
  }

  t(m) { return m[this.lang] ?? m.ja; }

  say(message, values = {}) {
    this.said = { message, values };
    if (this.status) this.status.textContent = Object.entries(values).reduce((text, [k, v]) => text.replace(`{${k}}`, v), this.t(message));
  }

  /** Every input the widget reads, with the path it stands for now. */
  inputs() {
    const out = [];
    for (const e of this.form.querySelectorAll('[data-yoken]')) {
      if (!e.closest('[data-yoken-row]')) out.push({ e, path: e.dataset.yoken });
    }
    for (const rows of this.form.querySelectorAll('[data-yoken-rows]')) {
      [...rows.querySelectorAll(':scope > [data-yoken-row]')].forEach((row, i) => {
        for (const e of row.querySelectorAll('[data-yoken-cell]')) {
          out.push({ e, path: `${rows.dataset.yokenRows}[${i}].${e.dataset.yokenCell}`, row, index: i });
        }
      });
    }
    return out;
  }

  /** Whether an input is inside something the widget (or the page) hides. */
  hiddenInput(e) {
    const hidden = e.closest('[hidden]');
    return hidden !== null && this.form.contains(hidden);
  }

  /**
   * The whole form as the JSON object the core reads (values exactly as typed); what is hidden
   * (a question not asked, a sub-programme not chosen) is left out.
   */
  collect() {
    const groups = new Map();
    for (const { e, path } of this.inputs()) {
      if (this.hiddenInput(e)) continue;
      if (!groups.has(path)) groups.set(path, []);
      groups.get(path).push(e);
    }
    const form = {};
    for (const [path, els] of groups) {
      const value = valueOf(els);
      if (value !== undefined) setPath(form, path, value);
    }
    return form;
  }

  /** The path an input stands for now and every input for that path, or null if it is not the core's. */
  fieldOf(e) {
    if (e.dataset?.yoken !== undefined && !e.closest('[data-yoken-row]')) {
      const path = e.dataset.yoken;
      const els = [...this.form.querySelectorAll('[data-yoken]')].filter((x) => x.dataset.yoken === path && !x.closest('[data-yoken-row]'));
      return { path, els };
    }
    if (e.dataset?.yokenCell !== undefined) {
      const row = e.closest('[data-yoken-row]');
      const rows = row?.parentElement?.closest('[data-yoken-rows]');
      if (!rows || row.parentElement !== rows) return null;
      const index = [...rows.querySelectorAll(':scope > [data-yoken-row]')].indexOf(row);
      const els = [...row.querySelectorAll('[data-yoken-cell]')].filter((x) => x.dataset.yokenCell === e.dataset.yokenCell);
      return { path: `${rows.dataset.yokenRows}[${index}].${e.dataset.yokenCell}`, els };
    }
    return null;
  }

  bind() {
    const onInput = (ev) => {
      const field = this.fieldOf(ev.target);
      if (!field) return; // not an input the core reads
      this.applyConditions();
      this.update(field);
      this.saveDraftSoon();
    };
    const onRows = () => {
      this.applyConditions();
      this.update();
      this.saveDraftSoon();
    };
    this.form.addEventListener('input', onInput);
    this.form.addEventListener('change', onInput);
    this.form.addEventListener('focusout', (ev) => {
      if (ev.target.matches?.('[data-yoken], [data-yoken-cell]')) {
        this.touched.add(ev.target);
        // Date parts count as one field: left when focus leaves all three.
        this.render();
      }
    });
    this.form.addEventListener('submit', (ev) => this.onSubmit(ev));
    this.form.addEventListener('click', (ev) => {
      const add = ev.target.closest('[data-yoken-add-row]');
      if (add) { ev.preventDefault(); this.addRow(add.dataset.yokenAddRow, true); onRows(); }
      const remove = ev.target.closest('[data-yoken-remove-row]');
      if (remove) { ev.preventDefault(); remove.closest('[data-yoken-row]')?.remove(); onRows(); }
    });
    for (const b of document.querySelectorAll('[data-yoken-lang]')) {
      b.addEventListener('click', () => this.setLang(this.lang === 'ja' ? 'en' : 'ja'));
    }
    for (const b of document.querySelectorAll('[data-yoken-clear-draft]')) {
      b.addEventListener('click', () => this.clearDraft());
    }
    for (const b of document.querySelectorAll('[data-yoken-print]')) {
      b.addEventListener('click', () => window.print());
    }
    const why = find(this.form, '[data-yoken-why]');
    if (why) why.addEventListener('toggle', () => { if (why.open) this.renderWhy(why); });
    const files = this.form.querySelector('[data-yoken-files]');
    if (files) files.addEventListener('change', () => this.renderPlan());
    for (const b of this.form.querySelectorAll('[data-yoken-documents]')) {
      b.addEventListener('click', () => this.downloadDocuments(false));
    }
    this.summary?.addEventListener('click', (ev) => {
      const a = ev.target.closest('a[href^="#"]');
      if (!a) return;
      const target = document.getElementById(a.getAttribute('href').slice(1));
      if (target) { ev.preventDefault(); target.focus(); target.scrollIntoView({ block: 'center' }); }
    });
    this.applyConditions();
  }

  /**
   * Hides what the Report says is not asked (data-yoken-asked), questions of sub-programmes not
   * chosen (data-yoken-scope), and groups with nothing asked left in them (data-yoken-group).
   * True when anything changed.
   */
  applyAsked() {
    if (!this.report) return false;
    const notAsked = new Set(this.report.not_asked ?? []);
    const chosen = new Set((this.report.verdicts ?? []).map((v) => v.subprogramme));
    let changed = false;
    const set = (e, hidden) => {
      if (e.hidden !== hidden) { e.hidden = hidden; changed = true; }
    };
    for (const e of this.form.querySelectorAll('[data-yoken-asked]')) {
      const scope = e.dataset.yokenScope?.split(' ').filter(Boolean) ?? [];
      set(e, notAsked.has(e.dataset.yokenAsked) || (scope.length > 0 && !scope.some((id) => chosen.has(id))));
    }
    // Innermost groups first, so a section sees its sub-sections' state.
    for (const g of [...this.form.querySelectorAll('[data-yoken-group]')].reverse()) {
      const asked = [...g.querySelectorAll('[data-yoken-asked]')];
      set(g, asked.length > 0 && asked.every((e) => e.hidden));
    }
    return changed;
  }

  /** Containers shown only for an answer: data-yoken-show-for="project.subprogramme=variety_registration". */
  applyConditions() {
    const form = this.collect();
    for (const c of this.form.querySelectorAll('[data-yoken-show-for]')) {
      const [path, value] = c.dataset.yokenShowFor.split('=');
      const v = readPath(form, path);
      c.hidden = Array.isArray(v) ? !v.includes(value) : v !== value;
    }
  }

  addRow(rowsPath, focus) {
    const rows = this.form.querySelector(`[data-yoken-rows="${CSS.escape(rowsPath)}"]`);
    const template = this.form.querySelector(`template[data-yoken-template="${CSS.escape(rowsPath)}"]`);
    if (!rows || !template) return null;
    const row = template.content.firstElementChild.cloneNode(true);
    rows.append(row);
    this.translate(row);
    if (focus) row.querySelector('input, select')?.focus();
    return row;
  }

  /**
   * One wasm call: with `field` ({path, els}) only that field is sent; without, the whole form
   * (start, rows added or removed, draft restored, submit). The page then shows what the Report says.
   */
  update(field) {
    const started = performance.now();
    let delta = null;
    try {
      const value = field ? valueOf(field.els) : undefined;
      if (!this.view) {
        this.view = new ReportView(this.session.load(this.collect()));
      } else if (field && value !== undefined) {
        delta = this.session.set(field.path, value);
        this.view.apply(delta);
      } else {
        delta = this.session.replace(this.collect());
        this.view.apply(delta);
      }
      this.report = this.view.report();
      // Questions shown or hidden by this answer change what the form holds: check it again
      // (each round can only hide what depends on earlier answers, so this settles quickly).
      for (let round = 0; round < 8 && this.applyAsked(); round += 1) {
        delta = this.session.replace(this.collect());
        this.view.apply(delta);
        this.report = this.view.report();
      }
    } catch (e) {
      console.error('yoken:', e);
      if (e instanceof WebAssembly.RuntimeError) this.recover(e);
      else this.say(TEXT.broken);
      return;
    }
    this.render();
    this.form.dispatchEvent(new CustomEvent('yoken:report', {
      bubbles: true,
      detail: { report: this.report, delta, ms: performance.now() - started },
    }));
  }

  /**
   * After a wasm trap (a panic in yoken: a bug, never the applicant's fault): tell the page
   * (`yoken:error`, bubbling, detail {code, message, restarted}), start a fresh instance and check
   * the whole form again from what the page holds — nothing typed is lost. At most three restarts
   * per page; after that the form stays usable without live checks and says so.
   */
  async recover(error) {
    const message = globalThis.yokenLastPanic ?? String(error);
    globalThis.yokenLastPanic = undefined;
    this.restarts += 1;
    const restarted = this.restarts <= 3;
    this.form.dispatchEvent(new CustomEvent('yoken:error', {
      bubbles: true, detail: { code: 'internal.panic', message, restarted },
    }));
    if (!restarted) { this.say(TEXT.broken); return; }
    this.say(TEXT.restarting);
    try {
      this.yoken = await freshYoken(this.pkgUrl, this.yoken);
      this.session = new this.yoken.FormSession(this.programme, this.today, { trace: false });
      this.view = null;
      this.update();
    } catch (e) {
      console.error('yoken: restart failed', e);
      this.say(TEXT.broken);
    }
  }

  /** Messages by path, in the Report's order. */
  byPath() {
    const map = new Map();
    for (const d of this.report?.diagnostics ?? []) {
      if (!map.has(d.path)) map.set(d.path, []);
      map.get(d.path).push(d);
    }
    return map;
  }

  render() {
    if (!this.report) return;
    const byPath = this.byPath();
    const seenContainers = new Set();
    for (const { e, path } of this.inputs()) {
      const container = this.containerOf(e);
      if (seenContainers.has(container)) continue;
      seenContainers.add(container);
      const group = this.groupInputs(container, e);
      const messages = byPath.get(path) ?? [];
      const visible = this.submitted || group.some((g) => this.touched.has(g));
      const focused = group.includes(document.activeElement);
      const previous = this.shown.get(container) ?? [];
      // Reward early, punish late: while a field is being edited, fixed problems disappear at
      // once, new ones wait until the user leaves it.
      let show = visible ? messages : [];
      if (focused && !this.submitted) show = messages.filter((m) => previous.some((p) => p.code === m.code && p.message.ja === m.message.ja));
      this.showMessages(container, group, show);
    }
    this.renderOutputs();
    this.renderVerdict();
    this.renderSummary();
  }

  /** Where a field's messages go: its [data-yoken-field], fieldset, table cell, or parent. */
  containerOf(e) {
    return e.closest('[data-yoken-field], fieldset, td') ?? e.parentElement;
  }

  groupInputs(container, e) {
    const inputs = [...container.querySelectorAll('[data-yoken], [data-yoken-cell]')];
    return inputs.length ? inputs : [e];
  }

  showMessages(container, group, messages) {
    let box = container.querySelector(':scope > .yoken-messages');
    this.shown.set(container, messages);
    if (!messages.length) {
      box?.remove();
      for (const g of group) {
        g.removeAttribute('aria-invalid');
        this.describe(g, null);
      }
      return;
    }
    if (!box) {
      box = el('div', { class: 'yoken-messages' });
      const anchor = container.querySelector(':scope > input, :scope > select, :scope > textarea, :scope > .yoken-inputs, :scope > .yoken-choices');
      if (anchor) anchor.before(box); else container.append(box);
      ensureId(box, 'messages');
    }
    box.replaceChildren(...messages.map((d) => el('p', { class: `yoken-msg yoken-msg--${d.severity}` },
      el('span', { class: 'yoken-visually-hidden', text: `${this.t(SEVERITY[d.severity])}：` }),
      document.createTextNode(this.t(d.message)),
      d.clause ? el('span', { class: 'yoken-clause', text: `（${d.clause}）` }) : null)));
    const invalid = messages.some((d) => d.severity === 'error');
    for (const g of group) {
      if (invalid) g.setAttribute('aria-invalid', 'true'); else g.removeAttribute('aria-invalid');
      this.describe(g, box.id);
    }
  }

  /** Adds or removes the messages box from aria-describedby, keeping the page's own ids. */
  describe(input, id) {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && !x.startsWith('yk-messages-'));
    if (id) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
  }

  renderOutputs() {
    for (const o of document.querySelectorAll('[data-yoken-output]')) {
      const v = readFirst(this.report, o.dataset.yokenOutput);
      o.textContent = v == null ? (o.dataset.yokenEmpty ?? '—') : (typeof v === 'object' ? this.t(v) : String(v));
    }
    for (const rows of this.form.querySelectorAll('[data-yoken-rows]')) {
      const section = parsePath(rows.dataset.yokenRows)?.[0];
      const table = (this.report.tables ?? []).find((t) => t.path === section);
      [...rows.querySelectorAll(':scope > [data-yoken-row]')].forEach((row, i) => {
        const figures = table?.rows.find((r) => r.index === i);
        for (const o of row.querySelectorAll('[data-yoken-row-output]')) {
          const v = figures ? readPath(figures, o.dataset.yokenRowOutput) : undefined;
          o.textContent = v == null ? '' : String(v);
        }
      });
    }
  }

  renderVerdict() {
    if (!this.verdict) return;
    const v = this.report.overall.verdict;
    const missing = this.report.overall.missing.length;
    const text = this.t(VERDICT[v]) + (v === 'incomplete' ? `（${this.t(TEXT.missing).replace('{n}', missing)}）` : '');
    this.verdict.dataset.verdict = v;
    // The live region speaks only when the verdict changes.
    if (text !== this.lastVerdict) {
      this.verdict.textContent = text;
      this.lastVerdict = text;
    }
  }

  /** The GOV.UK error summary: after a submit attempt, every error with a link to its field. */
  renderSummary() {
    if (!this.summary) return;
    const errors = (this.report.diagnostics ?? []).filter((d) => d.severity === 'error');
    if (!this.submitted || errors.length === 0) {
      this.summary.hidden = true;
      this.summary.replaceChildren();
      return;
    }
    const targets = new Map(this.inputs().map(({ e, path }) => [path, e]));
    const items = errors.map((d) => {
      const target = targets.get(d.path) ?? this.nearest(targets, d.path);
      const text = this.t(d.message);
      return el('li', {}, target ? el('a', { href: `#${ensureId(target, d.path)}`, text }) : document.createTextNode(text));
    });
    this.summary.replaceChildren(el('h2', { text: this.t(TEXT.summaryTitle) }), el('ul', {}, ...items));
    this.summary.hidden = false;
  }

  /** The input for a path like `budget.lines` or `submission.attachments` (first under it). */
  nearest(targets, path) {
    for (const [p, e] of targets) if (p.startsWith(`${path}.`) || p.startsWith(`${path}[`)) return e;
    return null;
  }

  onSubmit(ev) {
    this.submitted = true;
    this.update();
    const errors = this.report?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (errors.length) {
      ev.preventDefault();
      this.summary?.setAttribute('tabindex', '-1');
      this.summary?.focus();
    } else {
      this.say(TEXT.ready);
      this.form.dispatchEvent(new CustomEvent('yoken:valid', { detail: { report: this.report } }));
      if (this.form.hasAttribute('data-yoken-demo')) ev.preventDefault();
    }
  }

  /** The "why": the verdicts' trace trees, with clause numbers, asked for only when opened. */
  renderWhy(details) {
    const report = this.yoken.validate(this.programme, this.collect(), this.today);
    const mark = { pass: '✓', fail: '✗', unknown: '？' };
    const node = (t) => el('li', { class: `yoken-trace yoken-trace--${t.outcome}` },
      el('span', { class: 'yoken-trace-mark', text: `${mark[t.outcome]} ` }),
      el('span', { class: 'yoken-clause', text: `${t.clause} ` }),
      document.createTextNode(labelAfterClause(t.clause, this.t(t.label))),
      t.value ? el('span', { class: 'yoken-trace-value', text: ` — ${this.answerText(t.field, t.value)}` }) : null,
      t.reading ? el('p', { class: 'yoken-reading', text: this.t(t.reading) }) : null,
      t.children?.length ? el('ul', {}, ...t.children.map(node)) : null);
    const body = details.querySelector('[data-yoken-why-body]') ?? details.appendChild(el('div', { 'data-yoken-why-body': '' }));
    body.replaceChildren(...report.verdicts.map((v) => el('section', {},
      el('h3', { text: `${this.t(v.title)}（${v.clause}）: ${this.t(VERDICT[v.verdict])}` }),
      el('p', { text: `${this.t(TEXT.rate)}: ${this.t(v.rate.label)}（${v.rate.clause}）` }),
      v.trace ? el('ul', {}, node(v.trace)) : null)));
  }

  /** An answer as the reader's language says it: はい/いいえ, an option's label. */
  answerText(field, value) {
    const q = field ? this.questions.get(field) : undefined;
    if (q?.type === 'yes_no' && (value === 'yes' || value === 'no')) return this.t(WORDS[value]);
    const option = q?.options?.find((o) => o.value === value);
    return option ? this.t(option.label) : value;
  }

  /** The files-to-mail plan: the 様式 files made here and the files chosen, with their sizes. */
  renderPlan() {
    const box = this.form.querySelector('[data-yoken-plan]');
    if (!box) return;
    const input = this.form.querySelector('[data-yoken-files]');
    const chosen = input?.files ? [...input.files].map((f) => ({ name: f.name, size: f.size, type: f.type })) : [];
    const files = [...this.generated, ...chosen];
    if (!files.length) return;
    const spec = this.info.submission;
    const applicant = spec ? readPath(this.collect(), spec.applicant_question) : undefined;
    const plan = this.yoken.planSubmission(this.programme, files, typeof applicant === 'string' ? applicant : undefined);
    if (!plan) return;
    const parts = [
      el('p', { class: 'yoken-plan-head', text: this.t(TEXT.mails).replace('{n}', plan.mails.length).replace('{limit}', plan.limit) }),
      el('ol', { class: 'yoken-mails' }, ...plan.mails.map((m) => el('li', { 'data-mail': String(m.number) },
        el('p', { class: 'yoken-subject', text: m.subject }),
        el('p', { class: 'yoken-size', text: m.display }),
        el('ul', {}, ...m.files.map((f) => el('li', { text: f })))))),
    ];
    if (plan.refused.length) {
      parts.push(el('p', { class: 'yoken-msg yoken-msg--error', text: this.t(TEXT.refused) }),
        el('ul', { class: 'yoken-refused' }, ...plan.refused.map((r) => el('li', { text: `${r.name}: ${this.t(r.reason)}` }))));
    }
    for (const n of plan.notes) parts.push(el('p', { class: 'yoken-msg yoken-msg--warning', text: this.t(n) }));
    parts.push(el('p', { text: `${this.t(TEXT.body)}${plan.body_items.map((b) => this.t(b)).join('、')}（${plan.clause}）` }));
    box.replaceChildren(...parts);
  }

  /**
   * Makes the 様式 files in this browser (offline too, once the page has been visited) and offers
   * them as downloads, then adds them to the files-to-mail plan with their real sizes. A form with
   * errors is refused unless the applicant asks again: then each file lists them on a cover sheet.
   */
  async downloadDocuments(withFindings) {
    const box = find(this.form, '[data-yoken-downloads]');
    if (!box) return;
    const errors = this.report?.summary?.error ?? 0;
    if (errors > 0 && !withFindings) {
      const anyway = el('button', { type: 'button', class: 'secondary', 'data-yoken-documents-anyway': true, text: this.t(TEXT.documentsAnyway) });
      anyway.addEventListener('click', () => this.downloadDocuments(true));
      box.replaceChildren(el('p', { class: 'yoken-msg yoken-msg--error', text: this.t(TEXT.documentsErrors).replace('{n}', errors) }), anyway);
      return;
    }
    box.replaceChildren(el('p', { text: this.t(TEXT.documentsMaking) }));
    let docs;
    try {
      // The writer reads the pack's JSON (it holds the 様式 layouts; the compiled pack the
      // checker loaded leaves them out), beside the compiled one unless the page says otherwise.
      const jsonUrl = this.form.dataset.yokenPackJson
        ? new URL(this.form.dataset.yokenPackJson, location.href).href
        : this.packUrl.replace(/\.ykp$/, '.json');
      const [writer, json] = await Promise.all([loadWriter(this.pkgUrl), fetchPack(jsonUrl)]);
      if (!writer.hasProgramme(this.programme)) writer.loadPack(new TextDecoder().decode(json));
      docs = writer.documents(this.programme, JSON.stringify(this.collect()), this.today, withFindings);
    } catch (e) {
      console.error('yoken: the 様式 could not be made', e);
      const text = e?.name === 'YokenError' ? (this.lang === 'en' ? e.message : e.messageJa) : this.t(TEXT.documentsFailed);
      box.replaceChildren(el('p', { class: 'yoken-msg yoken-msg--error', role: 'alert', text }));
      return;
    }
    for (const old of box.querySelectorAll('a[download]')) URL.revokeObjectURL(old.href);
    const links = docs.map((d) => el('li', {}, el('a', {
      href: URL.createObjectURL(new Blob([d.bytes], { type: XLSX })),
      download: d.file,
      'data-yoken-document': d.file,
      'data-size': String(d.bytes.length),
      text: `${this.t(d.title)}：${d.file}（${this.t(TEXT.bytes).replace('{n}', d.bytes.length.toLocaleString('ja-JP'))}）`,
    })));
    box.replaceChildren(el('p', { text: this.t(TEXT.documentsMade) }), el('ul', { class: 'yoken-documents' }, ...links));
    this.generated = docs.map((d) => ({ name: d.file, size: d.bytes.length, type: XLSX }));
    this.renderPlan();
    for (const a of box.querySelectorAll('a[download]')) a.click();
  }

  /** ja/en: page texts marked data-en, and every message the widget shows. */
  setLang(lang) {
    this.lang = lang;
    document.documentElement.lang = lang;
    this.translate(document);
    this.lastVerdict = null;
    this.render();
    if (this.said) this.say(this.said.message, this.said.values);
    this.showUnrestored();
    const why = find(this.form, '[data-yoken-why]');
    if (why?.open) this.renderWhy(why);
    this.renderPlan();
  }

  translate(root) {
    for (const e of root.querySelectorAll('[data-en]')) {
      if (e.dataset.ja === undefined) e.dataset.ja = e.textContent;
      e.textContent = this.lang === 'en' ? e.dataset.en : e.dataset.ja;
    }
    for (const e of root.querySelectorAll('[data-aria-en]')) {
      e.setAttribute('aria-label', this.lang === 'en' ? e.dataset.ariaEn : e.dataset.ariaJa);
    }
  }

  // Drafts: every value as typed, by input, plus the number of rows of each table.
  saveDraftSoon() {
    if (this.form.dataset.yokenDraft === 'off') return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveDraft(), 250);
  }

  saveDraft() {
    const rows = {};
    for (const r of this.form.querySelectorAll('[data-yoken-rows]')) rows[r.dataset.yokenRows] = r.querySelectorAll(':scope > [data-yoken-row]').length;
    const values = this.inputs().filter(({ e }) => e.type !== 'file').map(({ e, path }) => ({
      path, part: e.dataset.yokenPart ?? null, value: e.value,
      checked: e.type === 'radio' || e.type === 'checkbox' ? e.checked : null,
    }));
    const draft = { version: this.info.version, rows, values, unrestored: this.unrestored };
    try { localStorage.setItem(this.draftKey, JSON.stringify(draft)); } catch { /* storage full or off */ }
  }

  /**
   * Puts a draft's values back where their fields still are. A draft saved under another version
   * of the pack may hold fields the form no longer has (or options it no longer offers): those
   * are kept in `this.unrestored`, listed to the user and saved again with the draft, never
   * dropped.
   */
  restoreDraft() {
    let draft;
    try { draft = JSON.parse(localStorage.getItem(this.draftKey) ?? 'null'); } catch { draft = null; }
    // A draft is data from storage, not trusted: a wrong shape is ignored, a row count is capped.
    if (!Array.isArray(draft?.values)) return false;
    for (const [path, count] of Object.entries(draft.rows ?? {})) {
      const rows = this.form.querySelector(`[data-yoken-rows="${CSS.escape(path)}"]`);
      const wanted = Number.isInteger(count) ? Math.min(count, MAX_DRAFT_ROWS) : 0;
      while (rows && rows.querySelectorAll(':scope > [data-yoken-row]').length < wanted) this.addRow(path, false);
    }
    const inputs = this.inputs();
    const left = [];
    const entries = [...draft.values, ...(Array.isArray(draft.unrestored) ? draft.unrestored : [])];
    for (const v of entries) {
      if (typeof v?.path !== 'string' || typeof v.value !== 'string') continue;
      const part = typeof v.part === 'string' ? v.part : null;
      const checked = typeof v.checked === 'boolean' ? v.checked : null;
      const matches = inputs.filter(({ e, path }) => path === v.path && (e.dataset.yokenPart ?? null) === part);
      let placed;
      if (checked !== null) {
        const same = matches.filter(({ e }) => (e.type === 'radio' || e.type === 'checkbox') && e.value === v.value);
        for (const { e } of same) e.checked = checked;
        placed = same.length > 0 || !checked;
      } else {
        const fields = matches.filter(({ e }) => e.type !== 'radio' && e.type !== 'checkbox');
        for (const { e } of fields) e.value = v.value;
        // A list that no longer offers the value would show it as blank: not restored.
        placed = fields.some(({ e }) => e.value === v.value) || v.value.trim() === '';
      }
      if (!placed && !left.some((x) => x.path === v.path && x.part === part && x.value === v.value)) {
        left.push({ path: v.path, part, value: v.value, checked });
      }
    }
    this.unrestored = left;
    this.applyConditions();
    return true;
  }

  /** Lists the draft entries that have no place in the form now. */
  showUnrestored() {
    const box = find(this.form, '[data-yoken-unrestored]');
    if (!box) return;
    box.hidden = this.unrestored.length === 0;
    const list = box.querySelector('ul') ?? box.appendChild(el('ul'));
    list.replaceChildren(...this.unrestored.map((v) => el('li', {},
      el('code', { text: v.part ? `${v.path}（${this.t(WORDS[v.part] ?? { ja: v.part, en: v.part })}）` : v.path }),
      document.createTextNode(`: ${v.value}`))));
  }

  clearDraft() {
    try { localStorage.removeItem(this.draftKey); } catch { /* ignore */ }
    this.unrestored = [];
    this.showUnrestored();
    this.form.reset();
    for (const rows of this.form.querySelectorAll('[data-yoken-rows]')) {
      rows.replaceChildren();
      this.addRow(rows.dataset.yokenRows, false);
    }
    this.submitted = false;
    this.touched = new WeakSet();
    this.applyConditions();
    this.update();
    this.say(TEXT.cleared);
  }
}

/**
 * Starts the widget on every form marked data-yoken-programme under `root` (once per form: a form
 * already started is left alone). Resolves to the forms' controllers once all are checked.
 */
export async function start(root = document) {
  const forms = [...root.querySelectorAll('form[data-yoken-programme]:not([data-yoken-started])')];
  for (const form of forms) form.dataset.yokenStarted = 'true';
  const controllers = [];
  for (const form of forms) {
    const pkg = new URL(form.dataset.yokenPkg || './', form.dataset.yokenPkg ? location.href : import.meta.url).href;
    const id = form.dataset.yokenProgramme;
    // The module holds no pack: the programme's compiled pack is fetched beside it.
    const packUrl = form.dataset.yokenPack
      ? new URL(form.dataset.yokenPack, location.href).href
      : new URL(`packs/${encodeURIComponent(id)}.ykp`, pkg).href;
    let yoken;
    // The description the pack's loading gave, so it is not read a second time (45 KB of JSON for
    // programme A); a pack loaded by an earlier form, or one (`data-yoken-pack`) of another
    // programme than the form names, is described by `programme()` (which refuses an unknown id).
    let info = null;
    mark('start', id);
    try {
      const module = loadYoken(pkg).then((m) => { mark('module', id); return m; });
      const [mod, pack] = await Promise.all([module, fetchPack(packUrl)]);
      yoken = mod;
      if (!yoken.hasProgramme(id)) {
        const loaded = loadPack(yoken, pack);
        if (loaded.id === id) info = loaded;
      }
      mark('pack', id);
    } catch (e) {
      console.error('yoken: the checker could not start', e);
      const status = find(form, '[data-yoken-status]');
      const text = TEXT.unavailable;
      if (status) status.textContent = document.documentElement.lang === 'en' ? text.en : text.ja;
      else form.prepend(el('p', { class: 'yoken-msg yoken-msg--error', role: 'alert', text: `${text.ja} / ${text.en}` }));
      continue;
    }
    if (form.hasAttribute('data-yoken-render')) {
      info ??= yoken.programme(id);
      renderForm(form, info);
      mark('form', id);
    }
    controllers.push(new YokenForm(form, yoken, pkg, info, packUrl));
    mark('first-report', id);
    const sw = form.dataset.yokenSw;
    if (sw && 'serviceWorker' in navigator) navigator.serviceWorker.register(sw, { updateViaCache: 'none' }).catch((e) => console.warn('yoken: service worker', e));
  }
  document.documentElement.dataset.yokenReady = 'true';
  return controllers;
}

// Starts itself in a page; imported elsewhere (Node tests) it only provides its helpers.
if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start());
  else start();
}
