// One grammar of form paths: the widget's parsePath on the list the core is tested on too
// (tests/fixtures/form-paths.json, tests/form_paths.rs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePath, todayInJapan } from '../../www/yoken-widget.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/form-paths.json', import.meta.url), 'utf8'));

test('the widget reads the shared list of paths as the core does', () => {
  assert.ok(fixture.paths.length > 20);
  for (const { path, steps } of fixture.paths) {
    assert.deepEqual(parsePath(path), steps, JSON.stringify(path));
  }
});

test('the widget defaults today to the date in Japan, as the server does', () => {
  // 2025-06-01 15:30 UTC is already 2 June in Japan; 14:59 UTC is still 1 June (JST is UTC+9).
  assert.equal(todayInJapan(new Date(Date.UTC(2025, 5, 1, 15, 30))), '2025-06-02');
  assert.equal(todayInJapan(new Date(Date.UTC(2025, 5, 1, 14, 59))), '2025-06-01');
  // The last millisecond of a year in Japan, and the first of the next.
  assert.equal(todayInJapan(new Date(Date.UTC(2025, 11, 31, 14, 59, 59, 999))), '2025-12-31');
  assert.equal(todayInJapan(new Date(Date.UTC(2025, 11, 31, 15))), '2026-01-01');
});

test('today in Japan agrees with the Asia/Tokyo time zone at every half hour of three years', () => {
  // The widget shifts the instant by nine hours; the zone database says the same (no DST since 1951).
  const tokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 30 * 60 * 1000) {
    for (const at of [t, t - 1]) assert.equal(todayInJapan(new Date(at)), tokyo.format(new Date(at)), new Date(at).toISOString());
  }
});
