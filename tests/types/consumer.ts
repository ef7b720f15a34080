// A page's code using the npm package `yoken`: the wasm API and the widget, type-checked by
// tests/node/package.test.mjs with the package's own .d.ts files.
import init, { programme, validate } from 'yoken';
import { start, todayInJapan, parsePath, labelAfterClause, ReportView, type Report, type Diagnostic } from 'yoken/widget';

await init();
const info = programme('maff-mohouhin-r7');
const today: string = todayInJapan();
const report: Report = validate('maff-mohouhin-r7', {}, today, { trace: false });
const errors: Diagnostic[] = report.diagnostics.filter((d) => d.severity === 'error');
const view = new ReportView(report);
const again: Report = view.report();
const steps: Array<string | number> | null = parsePath('budget.lines[3].amount');
const label: string = labelAfterClause('第5 2 (7) ア', 'ア 法人ですか');

const controllers = await start(document);
const form = document.querySelector('form');
form?.addEventListener('yoken:report', (event) => {
  const verdict: 'eligible' | 'ineligible' | 'incomplete' = event.detail.report.overall.verdict;
  const ms: number = event.detail.ms;
  console.log(verdict, ms);
});
form?.addEventListener('yoken:error', (event) => console.log(event.detail.restarted));
const sent: Record<string, unknown> | undefined = form?.yoken?.form();
console.log(info, errors, again, steps, label, controllers.length, sent);
