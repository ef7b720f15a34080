// Cold start: the demo page from `yoken serve`, navigation start → the widget's first Report, with
// the cache off (a new browser context each time) and warm — the same tab again, and a new tab of
// the same browser context each time — beside the floor: a page with no script under the same
// three conditions. Imported by bench/browser.mjs (part of
// scripts/bench). Run alone, with a built pkg/ and the yoken binary that tests/browser/server.mjs
// starts (YOKEN_BIN, or target/debug/yoken):
//   node bench/cold-start.mjs [runs]                  this package's figures, as JSON
//   node bench/cold-start.mjs --pair A B [runs]       two packages (pkg directories) in one run,
//                                                     each from its own server, alternating
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startYoken } from '../tests/browser/server.mjs';
import { median } from './stats.mjs';
import { serveBench } from './static-server.mjs';

/** What the page logs when the widget's first Report came (see FIRST_REPORT). */
const REPORTED = 'yoken-cold-start:first-report';

/**
 * Notes, in the page, when DOMContentLoaded fired and when the widget's first Report came, and
 * says the latter on the console: the bench waits for that message rather than polling the page
 * (`waitForFunction` evaluates Playwright's injected script in the page, ≈ 6 ms of its main thread
 * in the middle of the start-up, which the blank page does not pay).
 */
const FIRST_REPORT = `(${((reported) => {
  window.__cold = {};
  document.addEventListener('DOMContentLoaded', () => { window.__cold.dcl = performance.now(); }, { once: true });
  document.addEventListener('yoken:report', () => {
    if (window.__cold.report !== undefined) return;
    window.__cold.report = performance.now();
    console.debug(reported);
  });
}).toString()})(${JSON.stringify(REPORTED)});`;

/** A tab that times its loads (FIRST_REPORT), as will every tab opened later in its context;
 *  with `cacheOff`, in a new context with the cache disabled. */
async function timedTab(browser, { cacheOff }) {
  const context = await browser.newContext();
  await context.addInitScript(FIRST_REPORT);
  const page = await context.newPage();
  if (cacheOff) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  return { context, page };
}

/**
 * Navigation start → the first Report (and DOMContentLoaded), for one load of `url`, with the
 * widget's start-up marks (User Timing `yoken:*`, ms from navigation start).
 */
async function firstReport(page, url) {
  const reported = page.waitForEvent('console', { predicate: (m) => m.text() === REPORTED, timeout: 60000 });
  // Both awaited together: a failed navigation leaves no wait behind to reject unhandled.
  await Promise.all([page.goto(url), reported]);
  return page.evaluate(() => ({
    ...window.__cold,
    marks: Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('yoken:')).reverse().map((m) => [m.name.slice(6), m.startTime])),
  }));
}

/** The widget's start-up in phases, each from the mark before it (ms): the module instantiated
 *  (importing the glue, compiling or taking V8's cached code), the pack read, the form drawn from
 *  it, the first check shown. */
const PHASES = [['module', 'start'], ['pack', 'module'], ['form', 'pack'], ['first-report', 'form']];

function summary(xs) {
  const phase = (name, from) => median(xs.map((x) => x.marks[name] - x.marks[from]));
  return {
    runs: xs.length, median: median(xs.map((x) => x.report)), dclMedian: median(xs.map((x) => x.dcl)),
    afterDclMedian: median(xs.map((x) => x.report - x.dcl)),
    startMedian: median(xs.map((x) => x.marks.start)),
    phases: Object.fromEntries(PHASES.map(([name, from]) => [name, phase(name, from)])),
    all: xs,
  };
}

/** One load of `url` in a new tab of `context` (closed after): navigation start → what `read` gives. */
async function inNewTab(context, url, read) {
  const page = await context.newPage();
  try {
    return await read(page, url);
  } finally {
    await page.close();
  }
}

/**
 * Cold start of each page in `urls` (one per package), `runs` times each, the pages alternating
 * which goes first: cache off (a first visit in a new context), then warm, after one visit filled
 * the HTTP cache, the code caches and the service worker — the same tab again, and a new tab of
 * that context (a new renderer, which has none of the last one's compiled code in memory).
 */
async function coldStarts(browser, urls, runs) {
  const off = urls.map(() => []);
  const warm = urls.map(() => []);
  const newTab = urls.map(() => []);
  const order = (i) => (i % 2 ? [...urls.keys()].reverse() : [...urls.keys()]);
  for (let i = 0; i < runs; i += 1) {
    for (const k of order(i)) {
      const { context, page } = await timedTab(browser, { cacheOff: true });
      off[k].push(await firstReport(page, urls[k]));
      await context.close();
    }
  }
  const tabs = [];
  for (const url of urls) {
    const tab = await timedTab(browser, { cacheOff: false });
    await firstReport(tab.page, url);
    await tab.page.evaluate(async () => { await navigator.serviceWorker?.ready; });
    tabs.push(tab);
  }
  for (let i = 0; i < runs; i += 1) for (const k of order(i)) warm[k].push(await firstReport(tabs[k].page, urls[k]));
  for (let i = 0; i < runs; i += 1) {
    for (const k of order(i)) newTab[k].push(await inNewTab(tabs[k].context, urls[k], firstReport));
  }
  for (const { context } of tabs) await context.close();
  return urls.map((_, k) => ({ cacheOff: summary(off[k]), warm: summary(warm[k]), newTab: summary(newTab[k]) }));
}

/** Page load → the widget's first Report, cache off and warm, with the floor measured in the same run. */
export async function coldStart(browser, url, runs) {
  const [page] = await coldStarts(browser, [url], runs);
  return { ...page, blankPage: await blankPage(browser, runs) };
}

/** The same machine's floor: a page with one heading and no script, navigation start →
 *  DOMContentLoaded, in each of the yoken page's conditions — a tab that has been there before
 *  (warm), a new tab of that context (warm, a new renderer), and a new browser context with the
 *  cache disabled each time (cache off: a first visit, which also pays for the context's new
 *  renderer). */
async function blankPage(browser, runs) {
  const server = await serveBench();
  const blank = `http://127.0.0.1:${server.address().port}/bench/page/blank.html`;
  const domContentLoaded = (page) => page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  const warm = [];
  const tab = await timedTab(browser, { cacheOff: false });
  for (let i = 0; i < runs; i += 1) {
    await tab.page.goto(blank);
    warm.push(await domContentLoaded(tab.page));
  }
  const newTab = [];
  for (let i = 0; i < runs; i += 1) {
    newTab.push(await inNewTab(tab.context, blank, async (page, url) => { await page.goto(url); return domContentLoaded(page); }));
  }
  await tab.context.close();
  const off = [];
  for (let i = 0; i < runs; i += 1) {
    const { context, page } = await timedTab(browser, { cacheOff: true });
    await page.goto(blank);
    off.push(await domContentLoaded(page));
    await context.close();
  }
  server.close();
  return {
    runs, dclMedian: median(warm), all: warm, newTabDclMedian: median(newTab), newTabAll: newTab,
    cacheOffDclMedian: median(off), cacheOffAll: off,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const pair = args[0] === '--pair' ? args.splice(0, 3).slice(1) : null;
  const runs = Number(args[0] ?? (pair ? 20 : 10));
  if ((pair && pair.length !== 2) || !(runs >= 1)) {
    console.error('usage: node bench/cold-start.mjs [runs] | --pair PKG_A PKG_B [runs]');
    process.exit(2);
  }
  const browser = await launchChromium();
  const servers = [];
  try {
    const pick = ({ median: m, dclMedian, afterDclMedian, startMedian, phases }) => ({ median: m, dclMedian, afterDclMedian, startMedian, phases });
    if (pair) {
      for (const pkg of pair) servers.push(await startYoken(['--www', 'www', '--pkg', pkg]));
      const pages = await coldStarts(browser, servers.map((s) => `${s.url}mohouhin.html`), runs);
      console.log(JSON.stringify(Object.fromEntries(pages.map((p, k) => [pair[k], { cacheOff: pick(p.cacheOff), warm: pick(p.warm), newTab: pick(p.newTab) }]))));
    } else {
      servers.push(await startYoken());
      const cold = await coldStart(browser, `${servers[0].url}mohouhin.html`, runs);
      console.log(JSON.stringify({
        cacheOff: pick(cold.cacheOff), warm: pick(cold.warm), newTab: pick(cold.newTab),
        blank: { warm: cold.blankPage.dclMedian, newTab: cold.blankPage.newTabDclMedian, cacheOff: cold.blankPage.cacheOffDclMedian },
      }));
    }
  } finally {
    for (const s of servers) s.stop();
    await browser.close();
  }
}
