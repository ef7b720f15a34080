// yoken form renderer: builds a programme's whole form from its pack (what `programme(id)` of the
// wasm API returns), with the same data-yoken attributes a hand-annotated page carries, so the
// widget (yoken-widget.js) drives both alike.
//
// What it builds, in the pack's `form` order: each section with its title and help; sub-headings;
// each question with its label, help, ※必須/任意, clause and the control its type calls for
// (radios for yes/no, radios or a list for a choice, checkboxes for a list of choices, text,
// amounts with their unit and a numeric keyboard, whole numbers, year/month/day parts accepting
// 和暦); tables with the pack's columns, a row template, add/remove buttons, each row's figures,
// the sums and the typed 計 row; figures with their formula worked out; computed dates with their
// rule; the files-to-mail plan; then the verdict, the "why", and the submit button. Every text is
// written in Japanese with its English in data-en (the widget switches languages).
//
// Nothing here computes anything: outputs name a path in the Report, which the widget fills in.

/** The widget's own words, in both languages. */
export const WORDS = {
  required: { ja: '※必須', en: 'Required' },
  requiredWhen: { ja: '※条件により必須', en: 'Required in some cases' },
  optional: { ja: '※任意', en: 'Optional' },
  yes: { ja: 'はい', en: 'Yes' },
  no: { ja: 'いいえ', en: 'No' },
  choose: { ja: '選択してください', en: 'Choose' },
  year: { ja: '年', en: 'year' },
  month: { ja: '月', en: 'month' },
  day: { ja: '日', en: 'day' },
  dateHint: {
    ja: '西暦で入力してください（例：2025年6月2日）。和暦（令和7、R7）でも入力できます。',
    en: 'Western calendar, e.g. 2025, 6, 2. Era years (令和7, R7) are accepted too.',
  },
  cellDateHint: { ja: '日付は和暦・西暦どちらでも（R7.6.1、2025-06-01）。', en: 'Dates in 和暦 or 西暦 (R7.6.1, 2025-06-01).' },
  addRow: { ja: '行を追加', en: 'Add a row' },
  removeRow: { ja: '削除', en: 'Remove' },
  actions: { ja: '操作', en: 'Actions' },
  sums: { ja: '計（自動計算）', en: 'Sums (computed)' },
  typedTotals: { ja: '計（記入）', en: 'Totals (as written)' },
  subtotal: { ja: '小計', en: 'Subtotal' },
  files: { ja: 'メールで送るファイル（この画面で確認するだけで、送信はされません）', en: 'Files to e-mail (checked here, not uploaded)' },
  filesHint: {
    ja: '圧縮ファイルは送れません。定められた大きさ以下になるようにメールを分け、件名を表示します。',
    en: 'Archives are not accepted; mails are grouped under the size limit with the subject required.',
  },
  verdict: { ja: '判定', en: 'Verdict' },
  why: { ja: '判定の根拠（要件ごとの条項）', en: 'Why: each requirement with its clause' },
  submit: { ja: '入力内容を確認する', en: 'Check my answers' },
  print: { ja: '印刷する', en: 'Print' },
  documents: { ja: '様式をダウンロード', en: 'Download the 様式' },
  clearDraft: { ja: '下書きを消去', en: 'Clear draft' },
  unrestored: { ja: '復元できなかった下書きの項目', en: 'Draft entries that could not be restored' },
};

const UNIT = { yen: { ja: '円', en: 'yen' }, thousand_yen: { ja: '千円', en: 'thousand yen' } };

/** An element; `text` is set as text (never HTML); an attribute that is null or false is left out. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** A span in Japanese with its English in data-en (the widget swaps them). */
function say(message, attrs = {}) {
  return el('span', { ...attrs, text: message.ja, 'data-en': message.en });
}

/** Sets a bilingual aria-label (the widget swaps it with the language). */
function ariaLabel(e, message) {
  e.setAttribute('aria-label', message.ja);
  e.dataset.ariaJa = message.ja;
  e.dataset.ariaEn = message.en;
  return e;
}

const join = (a, b, sep = ' ') => ({ ja: `${a.ja}${sep}${b.ja}`, en: `${a.en}${sep}${b.en}` });

let uid = 0;
/** A unique element id from a form path (paths may hold any character but . [ ]). */
function idFor(kind, path) {
  uid += 1;
  return `yk-${kind}-${String(path).replace(/[^A-Za-z0-9_-]/g, '_')}-${uid}`;
}

function requiredMark(q) {
  if (q.required) return say(WORDS.required, { class: 'req must' });
  if (q.required_when) return say(WORDS.requiredWhen, { class: 'req must' });
  return say(WORDS.optional, { class: 'req' });
}

function clauseMark(clause) {
  return clause ? el('span', { class: 'clause', text: `（${clause}）` }) : null;
}

function widthClass(display, fallback) {
  return `w-${display?.width ?? fallback}`;
}

/** The label row: the question, ※必須/任意 and its clause. */
function labelParts(q) {
  return [say(q.label), document.createTextNode(' '), requiredMark(q), clauseMark(q.clause)];
}

function hint(text, id) {
  return text ? el('p', { class: 'hint', id, text: text.ja, 'data-en': text.en }) : null;
}

function choiceInput(type, q, value, label) {
  return el('label', {},
    el('input', { type, name: type === 'radio' ? q.id : null, 'data-yoken': q.id, value }),
    document.createTextNode(' '), say(label));
}

/** One question, as its answer type calls for. */
function question(q) {
  const hintId = q.help ? idFor('hint', q.id) : null;
  const common = { 'data-yoken-field': true, 'data-yoken-asked': q.id };
  if (q.scope?.length) common['data-yoken-scope'] = q.scope.join(' ');
  const radios = q.type === 'choice' && (q.display?.control === 'radios' || (q.display?.control !== 'select' && q.options.length <= 5));
  if (q.type === 'yes_no' || radios || q.type === 'multi_choice') {
    const options = q.type === 'yes_no'
      ? [['yes', WORDS.yes], ['no', WORDS.no]]
      : q.options.map((o) => [o.value, o.label]);
    const type = q.type === 'multi_choice' ? 'checkbox' : 'radio';
    const box = el('div', { class: q.type === 'yes_no' ? 'yoken-choices inline' : 'yoken-choices' },
      ...options.map(([v, l]) => choiceInput(type, q, v, l)));
    const fs = el('fieldset', { class: 'field', ...common, 'aria-describedby': hintId },
      el('legend', {}, ...labelParts(q)), hint(q.help, hintId), box);
    return fs;
  }
  if (q.type === 'date') {
    // The pack's own help says how to write the date, or else the widget's.
    const dateHint = q.help ? null : idFor('hint', q.id);
    const part = (name, size, mode) => el('label', {},
      ariaLabel(el('input', { 'data-yoken': q.id, 'data-yoken-part': name, inputmode: mode, size, class: `w-part w-${name}`, autocomplete: 'off' }),
        join(q.label, WORDS[name], '：')),
      document.createTextNode(' '), say(WORDS[name]));
    return el('fieldset', { class: 'field', ...common, 'aria-describedby': [hintId, dateHint].filter(Boolean).join(' ') },
      el('legend', {}, ...labelParts(q)), hint(q.help, hintId), dateHint ? hint(WORDS.dateHint, dateHint) : null,
      el('div', { class: 'yoken-inputs date-parts' }, part('year', 6, 'text'), part('month', 3, 'numeric'), part('day', 3, 'numeric')));
  }
  const id = idFor('q', q.id);
  let input;
  if (q.type === 'choice') {
    input = el('select', { id, 'data-yoken': q.id },
      el('option', { value: '', text: WORDS.choose.ja, 'data-en': WORDS.choose.en }),
      ...q.options.map((o) => el('option', { value: o.value, text: o.label.ja, 'data-en': o.label.en })));
  } else if (q.type === 'text' && (q.display?.lines ?? 1) > 1) {
    input = el('textarea', { id, 'data-yoken': q.id, rows: q.display.lines, class: widthClass(q.display, 'long') });
  } else {
    const numeric = q.type === 'amount' || q.type === 'integer';
    input = el('input', {
      id,
      'data-yoken': q.id,
      autocomplete: 'off',
      inputmode: numeric ? 'numeric' : null,
      class: `${widthClass(q.display, q.type === 'text' ? 'long' : q.type === 'amount' ? 'medium' : 'short')}${numeric ? ' num' : ''}`,
    });
  }
  if (hintId) input.setAttribute('aria-describedby', hintId);
  const unit = q.type === 'amount' && UNIT[q.unit ?? 'yen'] ? say(UNIT[q.unit ?? 'yen'], { class: 'unit' }) : null;
  const control = unit ? el('span', { class: 'yoken-inputs with-unit' }, input, document.createTextNode(' '), unit) : input;
  return el('div', { class: 'field', ...common },
    el('label', { for: id }, ...labelParts(q)), hint(q.help, hintId), control);
}

/** The options of a category column: its names (a list), or, where aliases are accepted, a text
 * input with suggestions. */
function categoryControl(column, attrs, listId) {
  const names = column.categories ?? [];
  if (column.display?.control !== 'select' && names.some((c) => c.aliases?.length)) {
    return el('input', { ...attrs, list: listId, class: 'w-medium', autocomplete: 'off' });
  }
  const seen = new Set();
  return el('select', attrs,
    el('option', { value: '', text: '—' }),
    ...names.filter((c) => !seen.has(c.name) && seen.add(c.name)).map((c) => el('option', { value: c.name, text: c.name, 'data-en': `${c.name} (${c.label_en})` })));
}

/** The control of one cell (or one field of a record). */
function cellControl(table, column, info, attrs, listId) {
  const label = column.label;
  let control;
  switch (column.kind) {
    case 'choice':
      control = el('select', attrs,
        column.default ? null : el('option', { value: '', text: '—' }),
        ...column.options.map((o) => el('option', { value: o.value, text: o.label.ja, 'data-en': o.label.en, selected: o.value === column.default })));
      break;
    case 'subprogramme':
      control = el('select', attrs, el('option', { value: '', text: '—' }),
        ...info.subprogrammes.map((s) => el('option', { value: s.id, text: s.title.ja, 'data-en': s.title.en })));
      break;
    case 'category':
      control = categoryControl(column, attrs, listId);
      break;
    case 'group': {
      const groups = [...new Set(table.columns.flatMap((c) => (c.categories ?? []).map((x) => x.group)).filter(Boolean))];
      control = el('select', attrs, el('option', { value: '', text: '—' }), ...groups.map((g) => el('option', { value: g, text: g })));
      break;
    }
    case 'text':
      control = (column.display?.lines ?? 1) > 1
        ? el('textarea', { ...attrs, rows: column.display.lines, class: widthClass(column.display, 'medium') })
        : el('input', { ...attrs, autocomplete: 'off', class: widthClass(column.display, 'medium') });
      break;
    case 'amount':
      control = el('input', { ...attrs, inputmode: 'numeric', autocomplete: 'off', class: `${widthClass(column.display, 'medium')} num` });
      break;
    case 'number':
      control = el('input', { ...attrs, inputmode: 'decimal', autocomplete: 'off', class: `${widthClass(column.display, 'short')} num` });
      break;
    default: // date, tax_remark
      control = el('input', { ...attrs, autocomplete: 'off', class: widthClass(column.display, 'medium') });
  }
  return { control, label };
}

/** A category column's names and aliases, offered as suggestions to a text input. */
function categoryList(table) {
  const column = table.columns.find((c) => c.kind === 'category' && c.display?.control !== 'select' && c.categories?.some((x) => x.aliases?.length));
  if (!column) return null;
  const id = idFor('categories', table.id);
  const names = [...new Set(column.categories.flatMap((c) => [c.name, ...(c.aliases ?? [])]))].sort();
  return { id, list: el('datalist', { id }, ...names.map((n) => el('option', { value: n }))) };
}

/** A table of rows: head, body filled by the widget from the template, sums, typed 計 row. */
function rowsTable(table, info) {
  const rowsPath = `${table.path}.${table.rows}`;
  const list = categoryList(table);
  const summed = (c) => c.kind === 'amount' && !c.per_unit;
  const head = el('tr', {},
    ...table.columns.map((c) => el('th', { scope: 'col' }, say(c.label), c.kind === 'amount' ? el('span', { class: 'unit', text: `（${UNIT[c.unit]?.ja ?? ''}）`, 'data-en': ` (${UNIT[c.unit]?.en ?? ''})` }) : null)),
    ...table.row_figures.map((f) => el('th', { scope: 'col', class: 'computed-col' }, say(f.label))),
    el('th', { scope: 'col' }, say(WORDS.actions, { class: 'yoken-visually-hidden' })));
  const row = el('tr', { 'data-yoken-row': true },
    ...table.columns.map((c) => {
      const { control, label } = cellControl(table, c, info, { 'data-yoken-cell': c.key }, list?.id);
      ariaLabel(control, label);
      return el('td', {}, control);
    }),
    ...table.row_figures.map((f) => el('td', { class: 'computed-cell' }, el('output', { 'data-yoken-row-output': `figures.${f.value}.display` }))),
    el('td', {}, el('button', { type: 'button', class: 'secondary', 'data-yoken-remove-row': true, text: WORDS.removeRow.ja, 'data-en': WORDS.removeRow.en })));
  const template = el('template', { 'data-yoken-template': rowsPath });
  template.content.append(row);
  const foot = [];
  if (table.columns.some(summed)) {
    foot.push(el('tr', { class: 'sums' },
      ...table.columns.map((c, i) => (i === 0
        ? el('th', { scope: 'row' }, say(WORDS.sums))
        : el('td', { class: 'num' }, summed(c) ? el('output', { 'data-yoken-output': `tables.${table.id}.sums.${c.key}.display` }) : null))),
      ...table.row_figures.map(() => el('td')), el('td')));
  }
  if (table.totals) {
    const keys = [...table.totals.columns, ...(table.totals.other_keys ?? [])];
    foot.push(el('tr', { class: 'typed-totals' },
      ...table.columns.map((c, i) => {
        if (i === 0) return el('th', { scope: 'row' }, say(WORDS.typedTotals));
        if (!keys.includes(c.key)) return el('td');
        const input = el('input', { 'data-yoken': `${table.path}.${table.totals.key}.${c.key}`, autocomplete: 'off', inputmode: c.kind === 'amount' ? 'numeric' : null, class: c.kind === 'amount' ? 'w-medium num' : 'w-medium' });
        ariaLabel(input, join(WORDS.typedTotals, c.label));
        return el('td', {}, input);
      }),
      ...table.row_figures.map(() => el('td')), el('td')));
  }
  const wrap = el('div', { class: 'table-wrap', 'data-yoken-field': true, tabindex: '0', role: 'region', 'aria-label': table.label.ja, 'data-aria-ja': table.label.ja, 'data-aria-en': table.label.en },
    el('table', { class: 'budget' },
      el('caption', {}, say(table.label), clauseMark(table.clause)),
      el('thead', {}, head),
      el('tbody', { 'data-yoken-rows': rowsPath }),
      foot.length ? el('tfoot', {}, ...foot) : null));
  const parts = [list?.list, wrap, template,
    el('p', {}, el('button', { type: 'button', class: 'secondary', 'data-yoken-add-row': rowsPath, text: WORDS.addRow.ja, 'data-en': WORDS.addRow.en }))];
  if (table.subtotals) {
    parts.push(el('dl', { class: 'totals' }, ...info.subprogrammes.flatMap((s) => [
      el('dt', {}, say({ ja: `${WORDS.subtotal.ja}（${s.title.ja}）`, en: `${WORDS.subtotal.en}: ${s.title.en}` })),
      el('dd', {}, el('output', { 'data-yoken-output': `tables.${table.id}.subtotals.${s.id}.${table.subtotals}.display` })),
    ])));
  }
  for (const s of table.typed_sums ?? []) {
    const id = idFor('sum', `${table.path}.${s.key}`);
    const input = el('input', { id, 'data-yoken': `${table.path}.${s.key}`, inputmode: 'numeric', autocomplete: 'off', class: 'w-medium num' });
    parts.push(el('div', { class: 'field', 'data-yoken-field': true },
      el('label', { for: id }, say(s.label), document.createTextNode(' '), say(WORDS.optional, { class: 'req' }), clauseMark(s.clause)),
      el('span', { class: 'yoken-inputs with-unit' }, input, document.createTextNode(' '), say(UNIT[table.unit] ?? UNIT.yen, { class: 'unit' }))));
  }
  return parts;
}

/** A table without rows: one record of fields, then its figures. */
function recordTable(table, info) {
  const fields = table.columns.map((c) => {
    const id = idFor('f', `${table.path}.${c.key}`);
    const { control } = cellControl(table, c, info, { id, 'data-yoken': `${table.path}.${c.key}` });
    const unit = c.kind === 'amount' ? say(UNIT[c.unit] ?? UNIT.yen, { class: 'unit' }) : null;
    return el('div', { class: 'field', 'data-yoken-field': true },
      el('label', { for: id }, say(c.label), document.createTextNode(' '), say(c.required ? WORDS.required : WORDS.optional, { class: c.required ? 'req must' : 'req' })),
      unit ? el('span', { class: 'yoken-inputs with-unit' }, control, document.createTextNode(' '), unit) : control);
  });
  const figures = table.row_figures.map((f) => el('p', { class: 'computed' },
    say(f.label), document.createTextNode('：'),
    el('output', { class: 'inline', 'data-yoken-output': `tables.${table.id}.rows[0].figures.${f.value}.display` })));
  return [el('fieldset', { class: 'record' },
    el('legend', {}, say(table.label), clauseMark(table.clause)), ...fields, ...figures)];
}

function tableItem(table, info) {
  const parts = table.rows ? rowsTable(table, info) : recordTable(table, info);
  return el('div', { class: 'yoken-table', 'data-yoken-asked': table.path, 'data-yoken-table': table.id }, ...parts);
}

function figureItem(figure) {
  const base = `figures.${figure.id}`;
  return el('div', { class: 'computed yoken-figure', 'data-yoken-figure': figure.id },
    el('p', { class: 'yoken-figure-value' },
      say(figure.label), clauseMark(figure.clause), document.createTextNode('：'),
      el('output', { class: 'inline', 'data-yoken-output': `${base}.said|${base}.value.display` })),
    el('p', { class: 'formula' }, el('output', { class: 'inline', 'data-yoken-output': `${base}.worked|${base}.formula` })));
}

function dateItem(date) {
  const base = `dates.${date.id}`;
  return el('div', { class: 'computed yoken-date', 'data-yoken-date': date.id },
    el('p', {}, say(date.label), clauseMark(date.clause), document.createTextNode('：'),
      el('output', { class: 'inline', 'data-yoken-output': `${base}.wareki` })),
    el('p', { class: 'rule' }, el('output', { class: 'inline', 'data-yoken-output': `${base}.rule` })));
}

function filesItem(info) {
  const id = idFor('files', info.id);
  const hintId = idFor('hint', 'files');
  return el('div', { class: 'field' },
    el('label', { for: id }, say(WORDS.files), document.createTextNode(' '), say(WORDS.optional, { class: 'req' }), clauseMark(info.submission?.clause)),
    hint(WORDS.filesHint, hintId),
    el('input', { id, type: 'file', multiple: true, 'data-yoken-files': true, 'aria-describedby': hintId }),
    el('div', { class: 'plan', 'data-yoken-plan': true, 'aria-live': 'polite' }));
}

/**
 * Fills `form` with the programme's whole form (`info`: what `programme(id)` returns). The page
 * keeps its own header; `[data-yoken-title]` elements get the programme's title.
 */
export function renderForm(form, info) {
  const questions = new Map(info.questions.map((q) => [q.id, q]));
  const tables = new Map((info.tables ?? []).map((t) => [t.id, t]));
  const figures = new Map((info.figures ?? []).map((f) => [f.id, f]));
  const dates = new Map((info.dates ?? []).map((d) => [d.id, d]));
  for (const t of document.querySelectorAll('[data-yoken-title]')) {
    t.textContent = info.title.ja;
    t.dataset.en = info.title.en;
  }
  const top = [
    el('div', { class: 'draft-bar' },
      el('p', { 'data-yoken-status': true, role: 'status' }),
      el('button', { type: 'button', class: 'secondary', 'data-yoken-clear-draft': true, text: WORDS.clearDraft.ja, 'data-en': WORDS.clearDraft.en })),
    el('details', { class: 'yoken-unrestored', 'data-yoken-unrestored': true, hidden: true },
      el('summary', {}, say(WORDS.unrestored)), el('ul')),
    el('div', { class: 'yoken-summary', 'data-yoken-summary': true, hidden: true, role: 'alert' }),
  ];
  const sections = info.form.map((s) => {
    const body = [];
    let group = null;
    for (const item of s.items) {
      let node;
      switch (item.kind) {
        case 'heading':
          group = el('div', { class: 'subsection', 'data-yoken-group': true },
            el('h3', { text: item.heading.ja, 'data-en': item.heading.en }), hint(item.help));
          body.push(group);
          continue;
        case 'question': node = question(questions.get(item.id)); break;
        case 'table': node = tableItem(tables.get(item.id), info); break;
        case 'figure': node = figureItem(figures.get(item.id)); break;
        case 'date': node = dateItem(dates.get(item.id)); break;
        case 'files': node = filesItem(info); break;
        default: continue;
      }
      (group ?? { append: (n) => body.push(n) }).append(node);
    }
    const headingId = idFor('section', s.id);
    return el('section', { class: 'yoken-section', 'data-yoken-group': true, 'data-yoken-section': s.id, 'aria-labelledby': headingId },
      el('h2', { id: headingId, text: s.title.ja, 'data-en': s.title.en }), hint(s.help), ...body);
  });
  const result = el('section', { class: 'result' },
    el('h2', { text: WORDS.verdict.ja, 'data-en': WORDS.verdict.en }),
    el('div', { class: 'verdict', 'data-yoken-verdict': true, role: 'status', 'aria-live': 'polite' }),
    el('details', { 'data-yoken-why': true },
      el('summary', { text: WORDS.why.ja, 'data-en': WORDS.why.en }), el('div', { 'data-yoken-why-body': true })),
    el('p', { class: 'actions' },
      el('button', { type: 'submit', text: WORDS.submit.ja, 'data-en': WORDS.submit.en }),
      document.createTextNode(' '),
      el('button', { type: 'button', class: 'secondary', 'data-yoken-print': true, text: WORDS.print.ja, 'data-en': WORDS.print.en }),
      ...(info.documents?.length ? [document.createTextNode(' '),
        el('button', { type: 'button', class: 'secondary', 'data-yoken-documents': true, text: WORDS.documents.ja, 'data-en': WORDS.documents.en })] : [])),
    ...(info.documents?.length ? [el('div', { class: 'downloads', 'data-yoken-downloads': true, 'aria-live': 'polite' })] : []));
  form.replaceChildren(...top, ...sections, result);
  form.setAttribute('novalidate', '');
}
