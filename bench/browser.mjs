// The browser half of the benchmarks, in headless Chromium (Debian's, through playwright-core):
//   1. keystroke → Report: bench/page/keystroke.html replays typed edits through yoken and the JS
//      peer on one page, served cross-origin isolated (COOP/COEP) so timers have 5 µs resolution;
//   2. cold start: the demo page from `yoken serve`, page load → first Report, cache off and warm
//      (the same tab again, and a new tab);
//   3. the widget: keystroke → message shown, in the demo page with 30 cost lines.
// Writes target/bench/browser.json. Usage: node bench/browser.mjs [edits per form]
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startYoken, ROOT } from '../tests/browser/server.mjs';
import { stats } from './stats.mjs';
import { coldStart } from './cold-start.mjs';
import { serveBench } from './static-server.mjs';

const EDITS = Number(process.argv[2] ?? 2400);
const OUT = path.join(ROOT, 'target/bench');
fs.mkdirSync(OUT, { recursive: true });

// The peer as a page would ship it: one ES module with ajv and json-logic-js bundled in.
await esbuild.build({
  entryPoints: [path.join(ROOT, 'bench/peer.mjs')],
  bundle: true, format: 'esm', platform: 'browser', minify: true,
  outfile: path.join(ROOT, 'bench/dist/peer.js'), logLevel: 'warning',
});

async function keystrokes(browser) {
  const server = await serveBench();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/page/keystroke.html?edits=${EDITS}`);
  await page.locator('body[data-done="true"]').waitFor({ timeout: 600_000 });
  const results = await page.evaluate(() => window.benchResults);
  await page.close();
  server.close();
  if (results.error || errors.length) throw new Error(results.error ?? errors.join('\n'));
  return results;
}

/** Keystroke → the widget has shown the Report's messages, in the demo page with 30 cost lines. */
async function widget(browser, url, keystrokes) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  await page.locator('input[data-yoken="project.subprojects"][value="guideline"]').check();
  for (let i = 1; i < 30; i += 1) await page.locator('[data-yoken-add-row="budget.lines"]').click();
  const rows = page.locator('tbody[data-yoken-rows] [data-yoken-row]');
  for (let i = 0; i < 30; i += 1) {
    await rows.nth(i).locator('[data-yoken-cell="category"]').selectOption(['人件費', '委託費', '旅費', '事務費'][i % 4]);
    await rows.nth(i).locator('[data-yoken-cell="amount"]').fill(String(100 + i));
  }
  await page.evaluate(() => {
    window.__lat = [];
    let started = null;
    document.addEventListener('keydown', () => { started = performance.now(); }, true);
    document.addEventListener('yoken:report', () => {
      if (started !== null) { window.__lat.push(performance.now() - started); started = null; }
    });
  });
  const cell = rows.nth(15).locator('[data-yoken-cell="amount"]');
  await cell.click();
  let typed = 0;
  while (typed < keystrokes) {
    await cell.press('Control+a');
    await cell.press('Backspace');
    for (const ch of '12,345') await cell.press(ch);
    typed += 7;
  }
  const samples = await page.evaluate(() => window.__lat);
  const total = await page.locator('[data-yoken-output="tables.budget.sums.amount.display"]').textContent();
  await context.close();
  return { rows: 30, total, ...stats(samples) };
}

const browser = await launchChromium();
try {
  const results = { keystroke: await keystrokes(browser) };
  const yoken = await startYoken();
  try {
    results.coldStart = await coldStart(browser, `${yoken.url}mohouhin.html`, 20);
    results.widget = await widget(browser, `${yoken.url}mohouhin.html`, 200);
  } finally {
    yoken.stop();
  }
  results.chromium = browser.version();
  fs.writeFileSync(path.join(OUT, 'browser.json'), `${JSON.stringify(results, null, 1)}\n`);
  console.log(JSON.stringify({
    full: results.keystroke.full.yoken.all, peerFull: results.keystroke.full.peer.all,
    coldStart: {
      off: results.coldStart.cacheOff.median, warm: results.coldStart.warm.median, newTab: results.coldStart.newTab.median,
      blank: results.coldStart.blankPage.dclMedian, blankNewTab: results.coldStart.blankPage.newTabDclMedian,
    },
    widget: { median: results.widget.median, p95: results.widget.p95 },
  }));
} finally {
  await browser.close();
}
