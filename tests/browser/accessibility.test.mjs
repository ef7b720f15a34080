// Every demo page in Chromium, checked by axe-core (WCAG 2.1 A and AA, and axe's best practices):
// empty, with inline errors shown, and after a failed submit — no violations. At 360 px wide no
// page scrolls sideways (tables scroll inside their own box). Printed, a checked form keeps its
// answers, figures and messages and drops the buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { startYoken, ROOT } from './server.mjs';
import { launchChromium, watchErrors } from './chromium.mjs';

let server, browser;
before(async () => { server = await startYoken(); browser = await launchChromium(); });
after(async () => { await browser?.close(); server?.stop(); });

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const FORMS = ['mohouhin.html', 'hinshu.html', 'monozukuri.html', 'annotated.html'];
const PAGES = ['index.html', ...FORMS];

async function open(name, viewport = { width: 1280, height: 900 }) {
  // axe is injected as a script: the pages' CSP (script-src 'self') is bypassed for it alone.
  const context = await browser.newContext({ bypassCSP: true, viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${name}`);
  if (name !== 'index.html') await page.locator('html[data-yoken-ready="true"]').waitFor();
  return { context, page, errors };
}

async function axe(page, state) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `${await page.evaluate(() => location.pathname)} ${state}`);
  assert.ok(result.passes.length > 20, 'axe ran its rules');
}

/** Types wrong values into a few fields and leaves them, so their messages show inline. */
async function showInlineErrors(page) {
  const text = page.locator('input[data-yoken]:not([type]):visible, input[data-yoken-cell]:visible').filter({ hasNot: page.locator('[data-yoken-part]') });
  const amount = page.locator('input[inputmode="numeric"]:visible').first();
  await amount.fill('▲500');
  await amount.press('Tab');
  const date = page.locator('input[data-yoken-part="month"]:visible').first();
  if (await date.count()) { await date.fill('13'); await date.press('Tab'); }
  await page.locator('.yoken-msg').first().waitFor();
  return text;
}

for (const name of PAGES) {
  test(`axe: ${name} empty, with inline errors, after a failed submit`, async () => {
    const { context, page, errors } = await open(name);
    await axe(page, 'empty');
    if (name !== 'index.html') {
      // Open what is conditional, so that it is checked too.
      for (const [p, v] of [['document.kind', 'plan'], ['project.subprogramme', 'variety_registration'], ['applicant.kind', 'company']]) {
        const input = page.locator(`[data-yoken="${p}"]`).first();
        if (!(await input.count())) continue;
        if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(v);
        else await page.locator(`input[data-yoken="${p}"][value="${v}"]`).check();
      }
      await showInlineErrors(page);
      await axe(page, 'with inline errors');
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-yoken-summary] li').first().waitFor();
      await axe(page, 'after a failed submit');
      await page.locator('details[data-yoken-why] summary').click();
      await axe(page, 'with the why open');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const name of PAGES) {
  test(`360 px: ${name} never scrolls sideways`, async () => {
    const { context, page } = await open(name, { width: 360, height: 800 });
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await sideways(), 0, 'empty');
    if (name !== 'index.html') {
      for (const add of await page.locator('[data-yoken-add-row]:visible').all()) await add.click();
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-yoken-summary] li').first().waitFor();
      assert.equal(await sideways(), 0, 'with rows and messages');
      // The tables scroll inside their own box instead.
      for (const wrap of await page.locator('.table-wrap:visible').all()) {
        assert.equal(await wrap.evaluate((e) => getComputedStyle(e).overflowX), 'auto');
      }
    }
    await context.close();
  });
}

test('print: the checked form keeps its answers, figures and verdict; the buttons go', async () => {
  const { context, page } = await open('mohouhin.html');
  await page.locator('input[data-yoken="project.subprojects"][value="patrol"]').check();
  await page.locator('[data-yoken="applicant.name"]').fill('一般社団法人 印刷確認協会');
  const row = page.locator('tbody[data-yoken-rows="budget.lines"] > [data-yoken-row]').nth(0);
  await row.locator('[data-yoken-cell="category"]').selectOption('人件費');
  await row.locator('[data-yoken-cell="amount"]').fill('32,000');
  await page.locator('[data-yoken-figure="headroom"] output', { hasText: '上限を730千円超えています' }).first().waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['button[type="submit"]', '[data-yoken-add-row]', '[data-yoken-clear-draft]', 'header.site', '[data-yoken-remove-row]']) {
    assert.equal(await page.locator(hidden).first().isHidden(), true, `${hidden} is not printed`);
  }
  assert.equal(await page.locator('[data-yoken-figure="headroom"]').isVisible(), true);
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yoken-print-')), 'form.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const shown of ['一般社団法人 印刷確認協会', '32,000', '上限を730千円超えています', '判定']) {
    assert.ok(text.includes(shown), `the printout shows ${shown}`);
  }
  assert.ok(!text.includes('入力内容を確認する'), 'no submit button on paper');
  await context.close();
});
