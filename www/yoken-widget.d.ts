// Types of the yoken widget (`import { start } from 'yoken/widget'`). The widget starts itself on
// every `form[data-yoken-programme]` of the page when loaded; `start` is for forms added later.

/** A text in both languages. */
export interface Message {
  ja: string;
  en: string;
}

/** One finding of the Report. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'review' | 'info';
  path: string;
  clause?: string;
  message: Message;
}

/** The Report (`yoken-report/2.2`); schema/report.schema.json describes every field. */
export interface Report {
  format: string;
  /** The rules receipt: which pack (id, version, content hash) and which engine checked. */
  programme: { id: string; title: Message; fiscal_year: string; source: string; issued?: string; hash: string; engine: string };
  today: string;
  overall: { verdict: 'eligible' | 'ineligible' | 'incomplete'; missing: string[] };
  verdicts: Array<Record<string, unknown>>;
  not_asked?: string[];
  tables?: Array<Record<string, unknown>>;
  figures?: Array<Record<string, unknown>>;
  dates?: Array<Record<string, unknown>>;
  diagnostics: Diagnostic[];
  summary: Record<string, number>;
  [key: string]: unknown;
}

/** A change to the Report after one edit (`yoken-delta/4.1`). */
export type Delta = Record<string, unknown>;

/** What `form.yoken` gives the page's own code. */
export interface YokenFormHandle {
  /** The day the form is checked as of (YYYY-MM-DD). */
  readonly today: string;
  /** The form as the JSON object the core reads: what to send to the server to check again. */
  form(): Record<string, unknown>;
  /** The current Report. */
  report(): Report | null;
}

declare global {
  interface HTMLFormElement {
    /** Set by the widget on each form it drives. */
    yoken?: YokenFormHandle;
  }
  interface HTMLElementEventMap {
    /** After each check: the Report, the delta from the previous one, and the time taken. */
    'yoken:report': CustomEvent<{ report: Report; delta: Delta | null; ms: number }>;
    /** A submit with no errors. */
    'yoken:valid': CustomEvent<{ report: Report }>;
    /** The checker failed (a bug in yoken, never the applicant's); it restarts with the input kept. */
    'yoken:error': CustomEvent<{ code: 'internal.panic'; message: string; restarted: boolean }>;
  }
}

/** A started form's controller (opaque to pages). */
export interface YokenFormController {
  readonly form: HTMLFormElement;
  readonly report: Report | null;
}

/**
 * Starts the widget on every `form[data-yoken-programme]` under `root` not yet started; a form
 * with `data-yoken-render` is first built from its programme's pack.
 */
export function start(root?: ParentNode): Promise<YokenFormController[]>;

/** Today's date in Japan as YYYY-MM-DD (the default `today` of the widget, CLI and server). */
export function todayInJapan(now?: Date): string;

/** Splits a form path (`budget.lines[3].amount`) into keys and indices; null if it is not one. */
export function parsePath(path: string): Array<string | number> | null;

/** A trace label without the enumerator its clause already names. */
export function labelAfterClause(clause: string, label: string): string;

/** The Report kept current from a first Report and the deltas that follow. */
export class ReportView {
  constructor(report: Report);
  apply(delta: Delta): void;
  report(): Report;
}
