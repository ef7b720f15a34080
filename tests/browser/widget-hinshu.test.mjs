// Programme B rendered from its pack in Chromium: the document chosen decides which 様式 is shown
// (plan and application: 経費の配分; 別記様式4; 別記様式5), the questions follow the chosen
// sub-programme, the 円 table shows A+B and the 1/2 limit per row from the Report, the 備考 rule
// suggests the closest form, and the 実績報告 deadline is computed from a 和暦 completion date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startYoken } from './server.mjs';
import { launchChromium, watchErrors, assertWidgetInSync } from './chromium.mjs';

let server, browser;
before(async () => { server = await startYoken(); browser = await launchChromium(); });
after(async () => { await browser?.close(); server?.stop(); });

async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}hinshu.html`);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  return { context, page, errors };
}

const rows = (page, table) => page.locator(`tbody[data-yoken-rows="${table}"] > [data-yoken-row]`);
const radio = (page, path, value) => page.locator(`input[data-yoken="${path}"][value="${value}"]`);
const field = (page, path) => page.locator(`[data-yoken-asked="${path}"]`);

test('the sub-programme and the document decide which questions and 様式 appear; hidden answers are not sent', async () => {
  const { context, page, errors } = await open();
  // Nothing chosen yet: no requirement questions, no table.
  assert.equal(await field(page, 'variety.bred_in_japan').isHidden(), true);
  assert.equal(await page.locator('[data-yoken-section="requirements"]').isHidden(), true);
  assert.equal(await page.locator('[data-yoken-section="budget"]').isHidden(), true);
  await radio(page, 'project.subprogramme', 'variety_registration').check();
  await field(page, 'variety.bred_in_japan').waitFor();
  assert.equal(await field(page, 'trademark.produced_in_japan').isHidden(), true);
  await radio(page, 'variety.bred_in_japan', 'no').check();
  let sent = await page.evaluate(() => document.querySelector('form').yoken.form());
  assert.equal(sent.variety.bred_in_japan, 'no');
  // Another sub-programme: the variety questions go, their answer stays on the page but is not sent.
  await radio(page, 'project.subprogramme', 'trademark_registration').check();
  await field(page, 'variety.bred_in_japan').waitFor({ state: 'hidden' });
  await field(page, 'trademark.produced_in_japan').waitFor();
  sent = await page.evaluate(() => document.querySelector('form').yoken.form());
  assert.equal(sent.variety, undefined);
  assert.equal(await radio(page, 'variety.bred_in_japan', 'no').isChecked(), true);
  assert.equal(await page.locator('[data-yoken-verdict]').textContent(), '判定に必要な回答がまだあります（判定に必要な未回答：3件）');
  // The document: the plan shows 経費の配分, the tax report only 別記様式4.
  await radio(page, 'document.kind', 'plan').check();
  await page.locator('[data-yoken-section="budget"]').waitFor();
  assert.equal(await page.locator('[data-yoken-section="tax_report"]').isHidden(), true);
  await radio(page, 'document.kind', 'tax_report').check();
  await page.locator('[data-yoken-section="tax_report"]').waitFor();
  assert.equal(await page.locator('[data-yoken-section="budget"]').isHidden(), true);
  const report = await page.evaluate(() => document.querySelector('form').yoken.report());
  assert.deepEqual(report.not_asked, ['budget', 'advance']);
  assert.deepEqual(errors, []);
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('the 1/2 rule, the row sums and the 備考 remark, each explained next to its cell; rows added and removed', async () => {
  const { context, page, errors } = await open();
  await radio(page, 'document.kind', 'application').check();
  await radio(page, 'project.subprogramme', 'variety_registration').check();
  await radio(page, 'variety.important_for_exports', 'no').check();
  const r = rows(page, 'budget.rows').nth(0);
  await r.locator('[data-yoken-cell="category"]').fill('国内代理人手数料');
  await r.locator('[data-yoken-cell="total"]').fill('１，００１');
  await r.locator('[data-yoken-cell="subsidy"]').fill('501');
  await r.locator('[data-yoken-cell="own"]').fill('500');
  await r.locator('[data-yoken-cell="remark"]').fill('なし');
  await r.locator('[data-yoken-row-output="figures.max_subsidy.display"]', { hasText: '500円' }).waitFor();
  assert.equal(await r.locator('[data-yoken-row-output="figures.sum.display"]').textContent(), '1,001円');
  await r.locator('[data-yoken-cell="remark"]').press('Tab');
  await r.locator('.yoken-msg--error', { hasText: '500円までです（記入額501円、超過1円）' }).waitFor();
  await r.locator('.yoken-msg--error', { hasText: '「該当なし」のことですか' }).waitFor();
  await r.locator('[data-yoken-cell="remark"]').fill('該当なし');
  await r.locator('[data-yoken-cell="subsidy"]').fill('500');
  await r.locator('[data-yoken-cell="own"]').fill('501');
  await r.locator('.yoken-msg--error').first().waitFor({ state: 'detached' });
  // A second row, then removing it: the sums follow the Report.
  await page.locator('[data-yoken-add-row="budget.rows"]').click();
  const second = rows(page, 'budget.rows').nth(1);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.yokenCell), 'category', 'focus moves to the new row');
  await second.locator('[data-yoken-cell="category"]').fill('翻訳費');
  await second.locator('[data-yoken-cell="total"]').fill('2,000');
  await second.locator('[data-yoken-cell="subsidy"]').fill('1,000');
  await second.locator('[data-yoken-cell="own"]').fill('1,000');
  await second.locator('[data-yoken-cell="remark"]').fill('該当なし');
  await page.locator('[data-yoken-output="tables.budget.sums.total.display"]', { hasText: '3,001円' }).waitFor();
  await page.locator('[data-yoken-output$="figures.requested.value.display"]', { hasText: '1,500円' }).waitFor();
  await second.locator('[data-yoken-remove-row]').click();
  await page.locator('[data-yoken-output="tables.budget.sums.total.display"]', { hasText: '1,001円' }).waitFor();
  assert.equal(await page.locator('[data-yoken-output$="figures.requested.value.display"]').textContent(), '500円');
  assert.equal(await rows(page, 'budget.rows').count(), 1);
  assert.deepEqual(errors, []);
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('別記様式4: the record and its figures; 別記様式5: the claim rows', async () => {
  const { context, page } = await open();
  await radio(page, 'project.subprogramme', 'trademark_registration').check();
  await radio(page, 'document.kind', 'tax_report').check();
  const f = (key) => page.locator(`[data-yoken="tax_report.${key}"]`);
  await f('confirmed_amount').fill('1,000,000');
  await f('reduced_deduction').fill('２０，０００');
  await f('confirmed_deduction').fill('50,000');
  await f('refund').fill('30,000');
  await page.locator('[data-yoken-output="tables.tax_report.rows[0].figures.refund.display"]', { hasText: '30,000円' }).waitFor();
  await assertWidgetInSync(page, assert);
  await radio(page, 'document.kind', 'advance_payment').check();
  const r = rows(page, 'advance.rows').nth(0);
  await r.locator('[data-yoken-cell="total_cost"]').fill('3,000,000');
  await r.locator('[data-yoken-cell="subsidy"]').fill('3,000,000');
  await r.locator('[data-yoken-cell="received"]').fill('1,000,000');
  await r.locator('[data-yoken-cell="request"]').fill('500,000');
  await r.locator('[data-yoken-row-output="figures.remaining.display"]', { hasText: '1,500,000円' }).waitFor();
  const sent = await page.evaluate(() => document.querySelector('form').yoken.form());
  assert.equal(sent.tax_report, undefined, 'the hidden 様式4 is not sent');
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('a 和暦 completion date gives the 実績報告 deadline with its counting rule', async () => {
  const { context, page } = await open();
  const part = (p) => page.locator(`[data-yoken="dates.completion"][data-yoken-part="${p}"]`);
  await part('year').fill('令和8');
  await part('month').fill('１');
  await part('day').fill('31');
  await page.locator('[data-yoken-output="dates.report_due.wareki"]', { hasText: '令和8年3月1日' }).waitFor();
  assert.match(await page.locator('[data-yoken-output="dates.report_due.rule"]').textContent(), /民法第143条/);
  await assertWidgetInSync(page, assert);
  await context.close();
});

test('an ineligible answer (already under way) is explained by 第11 1, in the why too', async () => {
  const { context, page } = await open();
  await radio(page, 'project.subprogramme', 'infringement_countermeasures').check();
  await radio(page, 'project.already_underway', 'yes').check();
  await page.locator('[data-yoken="applicant.name"]').focus();
  await page.locator('.yoken-msg--error', { hasText: '第11 1の要件を満たさない' }).waitFor();
  assert.equal(await page.locator('[data-yoken-verdict]').textContent(), '応募の要件を満たしていません');
  await page.locator('details[data-yoken-why] summary').click();
  const why = page.locator('[data-yoken-why-body]');
  await why.locator('li', { hasText: '第11 1' }).first().waitFor();
  assert.match(await why.textContent(), /— はい/, 'answers read はい/いいえ in Japanese');
  assert.doesNotMatch(await why.textContent(), /— (yes|no)\b/);
  assert.doesNotMatch(await why.textContent(), /① ①|② ②|③ ③|④ ④/, 'no doubled enumerators');
  await assertWidgetInSync(page, assert);
  await context.close();
});
