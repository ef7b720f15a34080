// The widget's session on programme A's full form (30 cost lines), as the Node keystroke benchmarks
// drive it: the module of a pkg/ directory loaded with its compiled pack, a FormSession on the form
// of bench/forms/full.json, and the page's ReportView of its first answer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReportView } from '../www/yoken-widget.js';

/** The programme the keystroke benchmarks edit. */
export const ID = 'maff-mohouhin-r7';

/** The full form's JSON text. */
export const FULL_FORM = fs.readFileSync(new URL('forms/full.json', import.meta.url), 'utf8');

/** The project's own package (what scripts/build-wasm writes). */
const PKG = fileURLToPath(new URL('../pkg', import.meta.url));

/** A session on the full form, run by the module in the pkg directory `dir` (the project's own
 *  by default): `{session, view}`. */
export async function widgetSession(dir = PKG) {
  const root = path.resolve(dir);
  const yoken = await import(pathToFileURL(path.join(root, 'yoken.js')).href);
  yoken.initSync({ module: fs.readFileSync(path.join(root, 'yoken_bg.wasm')) });
  yoken.loadPack(fs.readFileSync(path.join(root, 'packs', `${ID}.ykp`)));
  const session = new yoken.FormSession(ID, '2025-12-01', { trace: false });
  return { session, view: new ReportView(session.load(JSON.parse(FULL_FORM))) };
}
