// Programme B's 交付申請書 (別記様式2) in Chromium: questions follow the chosen sub-programme, the
// 円 table shows A+B and the 1/2 limit per row from the Report, the 備考 rule suggests the
// closest form, and the 実績報告 deadline is computed from a 和暦 completion date.
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

const row = (page, i) => page.locator('tbody[data-yoken-rows] [data-yoken-row]').nth(i);
const radio = (page, path, value) => page.locator(`input[data-yoken="${path}"][value="${value}"]`);

test('the 1/2 rule, the row sums and the 備考 remark, each explained next to its cell', async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.locator('[data-yoken-show-for="project.subprogramme=variety_registration"]').first().isHidden(), true);
  await radio(page, 'project.subprogramme', 'variety_registration').check();
  assert.equal(await page.locator('[data-yoken-show-for="project.subprogramme=variety_registration"]').first().isVisible(), true);
  await radio(page, 'variety.important_for_exports', 'no').check();
  const r = row(page, 0);
  await r.locator('[data-yoken-cell="category"]').fill('国内代理人手数料');
  await r.locator('[data-yoken-cell="total"]').fill('１，００１');
  await r.locator('[data-yoken-cell="subsidy"]').fill('501');
  await r.locator('[data-yoken-cell="own"]').fill('500');
  await r.locator('[data-yoken-cell="remark"]').fill('なし');
  await r.locator('[data-yoken-row-output="figures.max_subsidy.display"]', { hasText: '500円' }).waitFor();
  assert.equal(await r.locator('[data-yoken-row-output="figures.sum.display"]').textContent(), '1,001円');
  await r.locator('[data-yoken-cell="subsidy"]').focus();
  await r.locator('[data-yoken-cell="remark"]').focus();
  await r.locator('[data-yoken-cell="remark"]').press('Tab');
  await r.locator('.yoken-msg--error', { hasText: '500円までです（記入額501円、超過1円）' }).waitFor();
  await r.locator('.yoken-msg--error', { hasText: '「該当なし」のことですか' }).waitFor();
  await r.locator('[data-yoken-cell="remark"]').fill('該当なし');
  await r.locator('[data-yoken-cell="subsidy"]').fill('500');
  await r.locator('[data-yoken-cell="own"]').fill('501');
  await r.locator('.yoken-msg--error').first().waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-yoken-output="tables.budget.sums.total.display"]').textContent(), '1,001円');
  assert.equal(await page.locator('[data-yoken-output="figures.requested.value.display"]').textContent(), '500円');
  assert.deepEqual(errors, []);
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

test('an ineligible answer (already under way) is explained by 第11 1', async () => {
  const { context, page } = await open();
  await radio(page, 'project.subprogramme', 'infringement_countermeasures').check();
  await radio(page, 'project.already_underway', 'yes').check();
  await page.locator('[data-yoken="applicant.name"]').focus();
  await page.locator('.yoken-msg--error', { hasText: '第11 1の要件を満たさない' }).waitFor();
  assert.equal(await page.locator('[data-yoken-verdict]').textContent(), '応募の要件を満たしていません');
  await assertWidgetInSync(page, assert);
  await context.close();
});
