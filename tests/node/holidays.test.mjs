// Outside oracle for the 行政機関の休日 calendar: every 祝日, 振替休日 and 国民の休日 from 2000 to
// 2050 agrees with the @holiday-jp/holiday_jp dataset (a maintained, independent source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadWasm } from './wasm.mjs';

const require = createRequire(import.meta.url);
const holidayJp = require('@holiday-jp/holiday_jp');
const yoken = await loadWasm();

test('祝日, 振替休日 and 国民の休日 2000–2050 match @holiday-jp/holiday_jp', () => {
  const theirs = new Map(
    holidayJp.between(new Date('2000-01-01'), new Date('2050-12-31'))
      .map((h) => [h.date.toISOString().slice(0, 10), h.name]),
  );
  const ours = new Map();
  for (let year = 2000; year <= 2050; year += 5) {
    const to = `${Math.min(year + 4, 2050)}-12-31`;
    for (const d of yoken.closedDays(`${year}-01-01`, to)) {
      if (['national_holiday', 'substitute', 'citizens'].includes(d.kind)) ours.set(d.date, d);
    }
  }
  const problems = [];
  for (const [date, name] of theirs) {
    const d = ours.get(date);
    if (!d) { problems.push(`${date} ${name}: missing`); continue; }
    if (name.includes('振替休日') !== (d.kind === 'substitute')) problems.push(`${date}: ${name} vs ${d.kind}`);
    // National holidays carry the same statutory name. The dataset calls the 2019 special days 休日
    // and adds the coming name in 2019 (「体育の日（スポーツの日）」; the renaming took effect in 2020).
    if (d.kind === 'national_holiday' && !name.startsWith('休日') && !name.startsWith(d.name.ja)) problems.push(`${date}: ${name} vs ${d.name.ja}`);
  }
  for (const date of ours.keys()) if (!theirs.has(date)) problems.push(`${date} ${ours.get(date).name.ja}: extra`);
  assert.equal(theirs.size, 895);
  assert.deepEqual(problems, []);
});

test('offices also close on weekends and 12/29–1/3; ranges are bounded', () => {
  const days = yoken.closedDays('2025-12-27', '2026-01-05');
  assert.deepEqual(days.map((d) => `${d.date} ${d.kind}`), [
    '2025-12-27 weekend', '2025-12-28 weekend', '2025-12-29 year_end', '2025-12-30 year_end',
    '2025-12-31 year_end', '2026-01-01 national_holiday', '2026-01-02 year_end', '2026-01-03 weekend', '2026-01-04 weekend',
  ]);
  assert.throws(() => yoken.closedDays('2026-01-01', '2025-01-01'), (e) => e.code === 'range.invalid');
  assert.throws(() => yoken.closedDays('2000-01-01', '2050-12-31'), (e) => e.code === 'range.invalid');
  // A bad end is named as such (not as "today"), in both languages; 和暦 is read like ISO.
  assert.throws(() => yoken.closedDays('2025-01-01', 'tomorrow'),
    (e) => e.code === 'range.invalid' && /^to "tomorrow"/.test(e.message) && /^to「tomorrow」/.test(e.messageJa));
  assert.deepEqual(yoken.closedDays('令和7年12月27日', 'R8.1.5'), days);
});
