// Launches Debian's Chromium through playwright-core (no browser download ever happens here).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

/**
 * Asserts that the Report the widget shows (kept from deltas of its FormSession) is exactly the
 * stateless Report for the form it would send (`form.yoken.form()`), compared key order aside.
 */
export async function assertWidgetInSync(page, assert) {
  const result = await page.evaluate(async () => {
    const f = document.querySelector('form[data-yoken-programme]');
    const pkg = new URL(f.dataset.yokenPkg || '/pkg/', location.href);
    // An instance of its own (a separate module URL): the oracle shares no state with the widget.
    const mod = await import(new URL('yoken.js?oracle', pkg).href);
    await mod.default({ module_or_path: new URL('yoken_bg.wasm', pkg) });
    const id = f.dataset.yokenProgramme;
    mod.loadPack(new Uint8Array(await (await fetch(new URL(`packs/${id}.ykp`, pkg))).arrayBuffer()));
    const canon = (v) => (Array.isArray(v) ? v.map(canon)
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
    const fresh = mod.validate(f.dataset.yokenProgramme, f.yoken.form(), f.yoken.today, { trace: false });
    return { shown: JSON.stringify(canon(f.yoken.report())), fresh: JSON.stringify(canon(fresh)) };
  });
  assert.equal(result.shown, result.fresh, 'the widget shows the stateless Report for its form');
}

/**
 * Visits `url` (served by `server`, from startYoken) until its service worker controls the page,
 * then stops the server, takes the network away and reloads: the page as an applicant opens it
 * offline after one visit.
 */
export async function reopenOffline(page, url, server) {
  await page.goto(url);
  await page.locator('html[data-yoken-ready="true"]').waitFor();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload(); // now controlled by the service worker, which has cached everything
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  server.stop(); // nothing answers on the network any more
  await new Promise((r) => setTimeout(r, 300));
  await page.context().setOffline(true);
  await page.reload();
  await page.locator('html[data-yoken-ready="true"]').waitFor();
}
