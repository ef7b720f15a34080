// The forms the widget renders from the packs, in Chromium: questions that appear and disappear
// with the answers (a hidden answer is kept on the page and in the draft but neither checked nor
// sent), amounts over a limit said in words, the "why" in the reader's language, drafts saved
// under an older pack, English from the pack, and a keyboard-only fill of every demo form from a
// spec case that ends with the case's verdict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { startYoken, ROOT, yokenBin } from './server.mjs';
import { launchChromium, watchErrors, assertWidgetInSync, reopenOffline } from './chromium.mjs';

let server, browser;
before(async () => { server = await startYoken(); browser = await launchChromium(); });
after(async () => { await browser?.close(); server?.stop(); });

/** Opens a demo page; `today` is written into the form before the widget starts. */
async function open(name, { today, context } = {}) {
  const ctx = context ?? await browser.newContext();
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  if (today) {
    await page.route(`**/${name}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('data-yoken-render', `data-yoken-render data-yoken-today="${today}"`);
      await route.fulfill({ response, body });
    });
  }
  await page.goto(`${server.url}${name}`);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  return { context: ctx, page, errors };
}

const radio = (page, p, value) => page.locator(`input[data-yoken="${p}"][value="${value}"]`);
const asked = (page, p) => page.locator(`[data-yoken-asked="${p}"]`);
const sent = (page) => page.evaluate(() => document.querySelector('form').yoken.form());

test('a question asked only for some answers appears and disappears; its answer is kept but not sent', async () => {
  const { context, page, errors } = await open('monozukuri.html');
  // 資本金 is asked of companies only (2.4.1 A) ①).
  assert.equal(await asked(page, 'applicant.capital').isHidden(), true);
  await page.locator('[data-yoken="applicant.kind"]').selectOption('company');
  await asked(page, 'applicant.capital').waitFor();
  await page.locator('[data-yoken="applicant.capital"]').fill('５，０００万円');
  assert.equal((await sent(page)).applicant.capital, '５，０００万円');
  await page.locator('[data-yoken="applicant.kind"]').selectOption('npo');
  await asked(page, 'applicant.capital').waitFor({ state: 'hidden' });
  await asked(page, 'applicant.npo_conditions').waitFor();
  assert.equal((await sent(page)).applicant.capital, undefined, 'a hidden answer is not sent');
  assert.equal(await page.locator('[data-yoken="applicant.capital"]').inputValue(), '５，０００万円', 'nor lost');
  await page.locator('[data-yoken="applicant.kind"]').selectOption('company');
  await asked(page, 'applicant.capital').waitFor();
  assert.equal((await sent(page)).applicant.capital, '５，０００万円');
  // 基本要件④ is asked from 21 employees on, typed in full-width digits.
  assert.equal(await asked(page, 'plan.childcare').isHidden(), true);
  await page.locator('[data-yoken="applicant.employees"]').fill('２１');
  await asked(page, 'plan.childcare').waitFor();
  await page.locator('[data-yoken="applicant.employees"]').fill('20人');
  await asked(page, 'plan.childcare').waitFor({ state: 'hidden' });
  // The global frame's section exists only for the global frame.
  assert.equal(await page.locator('[data-yoken-section="global"]').isHidden(), true);
  await radio(page, 'application.frame', 'global').check();
  await page.locator('[data-yoken-section="global"]').waitFor();
  assert.deepEqual(errors, []);
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('figures show their formula with the numbers; an amount over the cap is said as such', async () => {
  const { context, page } = await open('mohouhin.html');
  await page.locator('input[data-yoken="project.subprojects"][value="patrol"]').check();
  const row = page.locator('tbody[data-yoken-rows="budget.lines"] > [data-yoken-row]').nth(0);
  await row.locator('[data-yoken-cell="category"]').selectOption('人件費');
  await row.locator('[data-yoken-cell="amount"]').fill('32,000');
  const headroom = page.locator('[data-yoken-figure="headroom"]');
  await headroom.locator('output', { hasText: '上限を730千円超えています' }).first().waitFor();
  assert.equal(await headroom.locator('.formula').textContent(), '上限までの残り = 31,270千円 − 32,000千円 = 上限を730千円超えています');
  assert.doesNotMatch(await headroom.textContent(), /-730/);
  await row.locator('[data-yoken-cell="amount"]').fill('30,000');
  await headroom.locator('output', { hasText: '1,270千円' }).first().waitFor();
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('the why: clause numbers once, answers as はい/いいえ and option labels', async () => {
  const { context, page } = await open('mohouhin.html');
  await page.locator('input[data-yoken="project.subprojects"][value="guideline"]').check();
  await page.locator('[data-yoken="applicant.org_type"]').selectOption('その他');
  await radio(page, 'eligibility.trusted_notifier', 'no').check();
  await radio(page, 'eligibility.criteria_a', 'yes').check();
  await radio(page, 'eligibility.accounting', 'no').check();
  await page.locator('details[data-yoken-why] summary').click();
  const why = page.locator('[data-yoken-why-body]');
  await why.locator('li').first().waitFor();
  const text = await why.textContent();
  assert.match(text, /第5 2 \(7\) ア 法人ですか — はい/);
  assert.doesNotMatch(text, /ア ア|\(2\) \(2\)|第5 1 第5 1/, text);
  assert.match(text, /— その他（上記のいずれにも当たらない）/, 'an option is shown by its label');
  assert.doesNotMatch(text, /— (yes|no)\b/);
  await page.locator('[data-yoken-lang]').click();
  await why.locator('li', { hasText: '— Yes' }).first().waitFor();
  await context.close();
});

test('a draft saved under an older pack: what still fits is restored, the rest is listed and kept', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(`yoken:draft:maff-mohouhin-r7:${location.pathname}`, JSON.stringify({
      version: 'an-older-pack',
      rows: { 'budget.lines': 2 },
      values: [
        { path: 'applicant.name', part: null, value: '旧版の協会', checked: null },
        { path: 'applicant.fax', part: null, value: '03-0000-0000', checked: null },
        { path: 'applicant.org_type', part: null, value: '廃止された種類', checked: null },
        { path: 'applicant.legal_personality', part: null, value: 'yes', checked: true },
        { path: 'project.subprojects', part: null, value: 'retired_part', checked: true },
        { path: 'budget.lines[1].amount', part: null, value: '４００', checked: null },
      ],
    }));
  });
  await page.goto(`${server.url}mohouhin.html`);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  assert.equal(await page.locator('[data-yoken="applicant.name"]').inputValue(), '旧版の協会');
  assert.equal(await radio(page, 'applicant.legal_personality', 'yes').isChecked(), true);
  assert.equal(await page.locator('tbody[data-yoken-rows="budget.lines"] > [data-yoken-row]').nth(1).locator('[data-yoken-cell="amount"]').inputValue(), '４００');
  assert.match(await page.locator('[data-yoken-status]').textContent(), /3件の項目は今のフォームにありません/);
  const list = page.locator('[data-yoken-unrestored]');
  assert.equal(await list.isVisible(), true);
  const items = await list.locator('li').allTextContents();
  assert.deepEqual(items, ['applicant.fax: 03-0000-0000', 'applicant.org_type: 廃止された種類', 'project.subprojects: retired_part']);
  // The next save keeps them, under the current version.
  await page.locator('[data-yoken="applicant.name"]').fill('新版の協会');
  await page.waitForTimeout(400);
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem(`yoken:draft:maff-mohouhin-r7:${location.pathname}`)));
  const version = await page.evaluate(async () => (await import('/pkg/yoken.js')).programme('maff-mohouhin-r7').version);
  assert.equal(draft.version, version);
  assert.deepEqual(draft.unrestored.map((v) => v.path), ['applicant.fax', 'applicant.org_type', 'project.subprojects']);
  await page.reload();
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  assert.equal(await page.locator('[data-yoken="applicant.name"]').inputValue(), '新版の協会');
  assert.equal(await list.locator('li').count(), 3, 'still listed after a reload');
  await page.locator('[data-yoken-clear-draft]').click();
  assert.equal(await list.isHidden(), true);
  await context.close();
});

test('English comes from the pack: sections, questions, options, columns', async () => {
  const { context, page } = await open('monozukuri.html');
  await page.locator('[data-yoken-lang]').click();
  await page.locator('h2', { hasText: '2. The applicant (2.4.1)' }).waitFor();
  assert.equal(await page.locator('[data-yoken="applicant.kind"] option[value="company"]').textContent(), 'a company');
  assert.equal(await page.locator('th', { hasText: 'cost category' }).count(), 1);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-yoken-summary] h2', { hasText: 'There is a problem' }).waitFor();
  await context.close();
});

// ---- Keyboard only ----------------------------------------------------------------------------

/** A form as path → value ("budget.lines[0].amount" → "31,270"; lists stay lists). */
function flatten(value, prefix = '', out = new Map()) {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
  return out;
}

/** A date as the three parts a person types (和暦 year as written). */
function dateParts(text) {
  const m = text.match(/^(.+?)年(\d+)月(\d+)日$/) ?? text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? { year: m[1], month: m[2], day: m[3] } : { year: text, month: '', day: '' };
}

/** What has the focus, as the widget names it. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { kind: 'none' };
    let p = e.dataset.yoken;
    if (e.dataset.yokenCell !== undefined) {
      const row = e.closest('[data-yoken-row]');
      const rows = row.parentElement.closest('[data-yoken-rows]');
      p = `${rows.dataset.yokenRows}[${[...rows.querySelectorAll(':scope > [data-yoken-row]')].indexOf(row)}].${e.dataset.yokenCell}`;
    }
    const kind = e.type === 'submit' ? 'submit' : e.dataset.yokenAddRow ? 'add' : e.tagName === 'SELECT' ? 'select'
      : e.type === 'radio' || e.type === 'checkbox' ? e.type : e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' ? 'text' : 'other';
    const group = e.type === 'radio' ? [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(e.name)}"]`)] : [];
    return {
      kind, path: p, value: e.value, part: e.dataset.yokenPart ?? null, add: e.dataset.yokenAddRow,
      options: e.tagName === 'SELECT' ? [...e.options].map((o) => o.value) : null,
      selected: e.tagName === 'SELECT' ? e.selectedIndex : null,
      group: group.map((r) => r.value), checked: group.findIndex((r) => r.checked), checkedSelf: e.checked,
      rows: e.dataset.yokenAddRow ? document.querySelectorAll(`[data-yoken-rows="${CSS.escape(e.dataset.yokenAddRow)}"] > [data-yoken-row]`).length : null,
    };
  });
}

/** Fills the page's form from a spec case's form with the keyboard alone: Tab, arrows, Space, typing, Enter. */
async function keyboardFill(page, form) {
  const plan = flatten(form);
  const rowsWanted = (rowsPath) => Math.max(0, ...[...plan.keys()].filter((k) => k.startsWith(`${rowsPath}[`)).map((k) => Number(k.slice(rowsPath.length + 1).split(']')[0]) + 1));
  const done = new Set();
  let tab = true;
  for (let step = 0; step < 1500; step += 1) {
    if (tab) await page.keyboard.press('Tab');
    tab = true;
    const f = await focused(page);
    if (f.kind === 'submit') return done;
    const want = plan.get(f.path);
    if (f.kind === 'radio' && want !== undefined && !done.has(f.path)) {
      const target = f.group.indexOf(want);
      const from = f.checked < 0 ? f.group.indexOf(f.value) : f.checked;
      if (target === from && !f.checkedSelf) await page.keyboard.press('Space');
      for (let i = from; i < target; i += 1) await page.keyboard.press('ArrowDown');
      for (let i = from; i > target; i -= 1) await page.keyboard.press('ArrowUp');
      done.add(f.path);
    } else if (f.kind === 'checkbox' && Array.isArray(want) && want.includes(f.value) && !f.checkedSelf) {
      await page.keyboard.press('Space');
      done.add(f.path);
    } else if (f.kind === 'select' && want !== undefined && !done.has(f.path)) {
      const target = f.options.indexOf(want);
      assert.ok(target >= 0, `${f.path}: no option ${want}`);
      for (let i = f.selected; i < target; i += 1) await page.keyboard.press('ArrowDown');
      for (let i = f.selected; i > target; i -= 1) await page.keyboard.press('ArrowUp');
      done.add(f.path);
    } else if (f.kind === 'text' && want !== undefined && !done.has(`${f.path}#${f.part}`)) {
      await page.keyboard.type(f.part ? dateParts(want)[f.part] : want);
      done.add(`${f.path}#${f.part}`);
      done.add(f.path);
    } else if (f.kind === 'add' && f.rows < rowsWanted(f.add)) {
      await page.keyboard.press('Enter'); // the new row's first cell takes the focus
      tab = false;
    }
  }
  throw new Error('the submit button was never reached');
}

const KEYBOARD_CASES = [
  ['mohouhin.html', 'maff-mohouhin-r7', 'a26-budget-consistent-total'],
  ['hinshu.html', 'maff-hinshu-r7', 'b23-fixed-rate-allows-full-subsidy'],
  ['monozukuri.html', 'chuokai-monozukuri-20', 'c01-small-manufacturer-two-thirds'],
];

for (const [name, programme, caseName] of KEYBOARD_CASES) {
  test(`keyboard only: ${name} filled from spec case ${caseName} gives the case's verdict and figures`, async () => {
    const { today, form } = JSON.parse(fs.readFileSync(path.join(ROOT, `tests/cases/${programme}/${caseName}.form.json`), 'utf8'));
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, `tests/cases/${programme}/${caseName}.report.json`), 'utf8'));
    const { context, page, errors } = await open(name, { today });
    const filled = await keyboardFill(page, form);
    const missed = [...flatten(form).keys()].filter((k) => !filled.has(k));
    assert.deepEqual(missed, [], 'every answer of the case was reached by Tab');
    await page.keyboard.press('Enter'); // the submit button
    const report = await page.evaluate(() => document.querySelector('form').yoken.report());
    assert.equal(report.overall.verdict, expected.overall.verdict);
    const figures = (r) => Object.fromEntries((r.figures ?? []).map((f) => [f.id, f.value?.value ?? null]));
    assert.deepEqual(figures(report), figures(expected));
    const codes = (r) => r.diagnostics.map((d) => `${d.path} ${d.code}`).sort();
    assert.deepEqual(codes(report), codes(expected));
    assert.equal(await page.locator('[data-yoken-summary]').isHidden(), true, 'no errors to summarise');
    assert.match(await page.locator('[data-yoken-status]').textContent(), /エラーはありません/);
    assert.deepEqual(errors, []);
    await assertWidgetInSync(page, assert);
    await context.close();
  });
}

test('a pack that cannot be fetched: the page says so in both languages, nothing breaks', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.route('**/packs/*.ykp', (route) => route.abort());
  await page.goto(`${server.url}monozukuri.html`);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  await page.locator('[role="alert"]', { hasText: 'チェック機能（規則）を読み込めませんでした' }).waitFor();
  assert.match(await page.locator('form').textContent(), /could not be loaded/);
  assert.ok(errors.some((e) => e.includes('the checker could not start')), 'logged for the page developer');
  await context.close();
});

/** Sets `data-yoken-today` on the form as the page parses it, before the widget reads it (works
 * for pages the service worker serves too, which request routing cannot rewrite). */
async function pinToday(context, today) {
  await context.addInitScript((day) => {
    new MutationObserver((_, observer) => {
      const form = document.querySelector('form[data-yoken-programme]');
      if (form) { form.dataset.yokenToday = day; observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  }, today);
}

/** Clicks 「様式をダウンロード」 and saves every file the page offers into `dir`. */
async function downloadDocuments(page, dir, { anyway = false } = {}) {
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.locator('[data-yoken-documents]').click();
  if (anyway) await page.locator('[data-yoken-documents-anyway]').click();
  await page.locator('[data-yoken-downloads] a[download]').first().waitFor();
  const offered = await page.locator('[data-yoken-downloads] a[download]').count();
  for (let i = 0; i < 100 && downloads.length < offered; i += 1) await new Promise((r) => setTimeout(r, 50));
  assert.equal(downloads.length, offered, 'each file offered was downloaded');
  const saved = [];
  for (const d of downloads) {
    const file = path.join(dir, d.suggestedFilename());
    await d.saveAs(file);
    saved.push({ name: d.suggestedFilename(), size: fs.statSync(file).size });
  }
  return saved;
}

/** What an officer's `yoken check` says of the files in `dir`. */
function officerCheck(programme, today, dir) {
  const run = spawnSync(yokenBin(), ['check', '-p', programme, '--today', today, '--format', 'json', dir], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `${run.status}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout).application;
}

const findings = (r) => r.diagnostics.map((d) => `${d.path} ${d.code} ${d.message.ja}`).sort();
const figureValues = (r) => Object.fromEntries((r.figures ?? []).map((f) => [f.id, f.value?.value ?? null]));

test('様式 download, offline: the files the browser makes give the officer the browser\'s verdict and findings', async (t) => {
  const programme = 'maff-mohouhin-r7';
  const { today, form } = JSON.parse(fs.readFileSync(path.join(ROOT, `tests/cases/${programme}/a26-budget-consistent-total.form.json`), 'utf8'));
  const own = await startYoken();
  const context = await browser.newContext({ acceptDownloads: true });
  await pinToday(context, today);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await reopenOffline(page, `${own.url}mohouhin.html`, own);
  assert.equal(await page.evaluate(() => document.querySelector('form').yoken.today), today);
  // The writer is not part of the checker: nothing of it is loaded before the click.
  const writerLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/xlsx/')));
  await keyboardFill(page, form);
  assert.equal(await writerLoaded(), false);
  const report = await page.evaluate(() => document.querySelector('form').yoken.report());
  assert.equal(report.summary.error, 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-download-'));
  const clicked = Date.now();
  const saved = await downloadDocuments(page, dir);
  t.diagnostic(`click to files saved, the writer loaded from the service worker's cache: ${Date.now() - clicked} ms`);
  assert.equal(await writerLoaded(), true);
  assert.deepEqual(saved.map((s) => s.name).sort(), [
    '別紙様式1-2_応募者に関する事項_' + form.applicant.name + '.xlsx',
    '別紙様式1-4_経費内訳書_' + form.applicant.name + '.xlsx',
  ].sort());
  t.diagnostic(`downloaded: ${saved.map((s) => `${s.name} ${s.size} bytes`).join(', ')}`);
  // Each link states the file's real size, and the mail plan counts the files.
  for (const s of saved) {
    assert.equal(await page.locator(`[data-yoken-document="${s.name}"]`).getAttribute('data-size'), String(s.size));
    await page.locator('[data-yoken-plan] li', { hasText: s.name }).first().waitFor();
  }
  const officer = officerCheck(programme, today, dir);
  assert.equal(officer.report.overall.verdict, report.overall.verdict);
  assert.deepEqual(findings(officer.report), findings(report));
  assert.deepEqual(figureValues(officer.report), figureValues(report));
  assert.deepEqual(officer.notes, []);
  // The browser's files are byte for byte what `yoken render` makes of the same form and day.
  const sent = await page.evaluate(() => document.querySelector('form').yoken.form());
  const native = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-render-'));
  fs.writeFileSync(path.join(native, 'form.json'), JSON.stringify(sent));
  const render = spawnSync(yokenBin(), ['render', '-p', programme, path.join(native, 'form.json'), '--today', today, '--out', path.join(native, 'out')], { encoding: 'utf8' });
  assert.equal(render.status, 0, render.stderr);
  for (const s of saved) {
    assert.ok(fs.readFileSync(path.join(dir, s.name)).equals(fs.readFileSync(path.join(native, 'out', s.name))), `${s.name}: the same bytes`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('様式 download with errors: refused first, then made with the errors on a cover sheet the officer sees again', async () => {
  const programme = 'maff-hinshu-r7';
  const { today, form } = JSON.parse(fs.readFileSync(path.join(ROOT, `tests/cases/${programme}/b23-fixed-rate-allows-full-subsidy.form.json`), 'utf8'));
  const context = await browser.newContext({ acceptDownloads: true });
  await pinToday(context, today);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}hinshu.html`);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  await keyboardFill(page, form);
  // An amount typed in 万円 is an error: the download asks first.
  await page.locator('tbody[data-yoken-rows="budget.rows"] [data-yoken-cell="total"]').first().fill('10万円');
  await page.locator('[data-yoken-documents]').click();
  await page.locator('[data-yoken-downloads] .yoken-msg--error', { hasText: 'エラーが' }).waitFor();
  assert.equal(await page.locator('[data-yoken-downloads] a[download]').count(), 0);
  const report = await page.evaluate(() => document.querySelector('form').yoken.report());
  assert.ok(report.summary.error > 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-download-'));
  page.removeAllListeners('download');
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.locator('[data-yoken-documents-anyway]').click();
  await page.locator('[data-yoken-downloads] a[download]').first().waitFor();
  for (let i = 0; i < 100 && downloads.length < 1; i += 1) await new Promise((r) => setTimeout(r, 50));
  assert.equal(downloads.length, 1, 'one 様式 for the plan (別記様式1)');
  await downloads[0].saveAs(path.join(dir, downloads[0].suggestedFilename()));
  assert.match(downloads[0].suggestedFilename(), /^別記様式1_事業実施計画_/);
  const officer = officerCheck(programme, today, dir);
  assert.equal(officer.report.overall.verdict, report.overall.verdict);
  assert.deepEqual(findings(officer.report), findings(report));
  assert.ok(officer.findings.some((f) => f.path === 'budget.rows[0].total' && f.cell === '別記様式1!C15'), JSON.stringify(officer.findings));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the widget marks its start-up for the page to time (User Timing yoken:*), in order, with the programme', async () => {
  const { context, page, errors } = await open('hinshu.html');
  const marks = await page.evaluate(() => performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('yoken:'))
    .map((m) => ({ name: m.name, at: m.startTime, programme: m.detail?.programme })));
  assert.deepEqual(marks.map((m) => m.name),
    ['yoken:start', 'yoken:module', 'yoken:pack', 'yoken:form', 'yoken:first-report']);
  assert.ok(marks.every((m) => m.programme === 'maff-hinshu-r7'), JSON.stringify(marks));
  for (let i = 1; i < marks.length; i += 1) assert.ok(marks[i].at >= marks[i - 1].at, JSON.stringify(marks));
  // The last mark comes after the form is drawn and its first Report shown.
  assert.ok(await page.locator('[data-yoken-verdict]').count() > 0);
  assert.deepEqual(errors, []);
  await context.close();
});
