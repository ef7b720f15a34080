// The foundation page in real Chromium: type as a person would, read the result from the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startYoken } from './server.mjs';
import { launchChromium, watchErrors } from './chromium.mjs';

let server, url, browser;
before(async () => {
  server = await startYoken();
  ({ url } = server);
  browser = await launchChromium();
});
after(async () => { await browser?.close(); server?.stop(); });

test('typing １２，３４５千円 shows 12,345 千円 without a reload', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.locator('#version').filter({ hasText: /\d+\.\d+\.\d+/ }).waitFor();
  await page.locator('#amount').pressSequentially('１２，３４５千円');
  await page.locator('#amount-out', { hasText: '12,345 千円' }).waitFor();
  assert.equal(await page.locator('#amount-out').textContent(), '12,345 千円');
  assert.equal(await page.locator('#amount').inputValue(), '１２，３４５千円', 'the typed text is never changed');
  assert.equal(await page.locator('#amount').getAttribute('aria-invalid'), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a yen amount in the 千円 field is converted with a note; a bad one names the reason', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  const amount = page.locator('#amount');
  await amount.fill('12,345,000円');
  await page.locator('#amount-out', { hasText: '12,345 千円' }).waitFor();
  assert.match(await page.locator('#amount-out').textContent(), /12,345,000円を12,345千円として読み取りました/);
  await amount.fill('▲500');
  await page.locator('#amount-out', { hasText: 'マイナス' }).waitFor();
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  await page.close();
});

test('a 和暦 date is read live, and a date outside its era names the right one', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  const date = page.locator('#date');
  await date.pressSequentially('Ｒ７．６．１');
  await page.locator('#date-out', { hasText: '令和7年6月1日（2025-06-01、令和7年度）' }).waitFor();
  await date.fill('平成31年5月1日');
  await page.locator('#date-out', { hasText: '令和元年5月1日' }).waitFor();
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  await page.close();
});

test('user text is shown as text, never as HTML', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('#amount').fill('<img src=x onerror=alert(1)>');
  await page.locator('#amount-out.error').waitFor();
  assert.equal(await page.locator('#amount-out img').count(), 0);
  await page.close();
});
