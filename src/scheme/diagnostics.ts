// A problem found in a scheme (or its data), pointing at a place the user can open.
import { english, issueText, problemText, type ProblemCode, type ProblemParams, type Translate } from '../messages/index.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** File as the user named it (scheme or data file). */
  file: string;
  /** 1-based; 0 when the problem has no single place (e.g. an empty file). */
  line: number;
  col: number;
  /** In English (for JSON and code without a run language); shown in the run's language from `code` and `params`. */
  message: string;
  /** Stable code (docs/problems.md) and the values its message needs. Required: no problem is reported without one. */
  code: ProblemCode;
  params?: ProblemParams;
  /** A data issue shown as a diagnostic (kpi validate): its column, value and what happened to the row, for the text. */
  issue?: { column?: string; value?: string; action: 'skipped' | 'kept' | 'stopped'; row?: number; line?: number; reason: string };
  /** The message names its own place (a reader's error): print it as it is, without file:line:col. */
  placeInMessage?: boolean;
  /** SMART criterion a warning is about, when it is one. */
  smart?: 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time-bound';
}

/** A problem of a scheme file (src/scheme): it always has its stable code (KPI1xxx, KPI5xxx; docs/problems.md). */
export type SchemeDiagnostic = Diagnostic & { code: ProblemCode; params: ProblemParams };

/** One line for people; `t` the run's language (English when absent, or when called as a map callback). */
export function formatDiagnostic(d: Diagnostic, lang?: Translate | number): string {
  const t = typeof lang === 'function' ? lang : english;
  const message = diagnosticText(d, t);
  if (d.placeInMessage) return printable(`${d.code} ${message}`);
  const where = d.line <= 0 ? d.file : d.col > 0 ? `${d.file}:${d.line}:${d.col}` : `${d.file}:${d.line}`;
  const tag = d.severity === 'warning' ? (d.smart ? t('validate.warningSmart', { smart: t(`smart.${d.smart}`) }) : t('validate.warning')) : '';
  return `${where}  ${d.code} ${tag}${printable(message)}`;
}

/** A diagnostic's message in the run's language, from its code and values. */
export function diagnosticText(d: Diagnostic, t: Translate): string {
  const i = d.issue;
  if (i === undefined) return problemText(d, d.message, t);
  const what = [i.column ? t('issue.column', { column: i.column }) : '', i.value !== undefined ? t('issue.value', { value: i.value }) : '']
    .filter(Boolean)
    .join(t('list.sep'));
  const text = issueText({ ...i, code: d.code, params: d.params }, t);
  const action = i.action === 'skipped' ? t('issue.rowSkipped') : i.action === 'stopped' ? t('issue.runStopped') : '';
  return (what ? t('issue.context', { what, text }) : text) + action;
}

/**
 * Text from data files may hold control characters (NUL, ESC …) that would garble or re-colour a terminal:
 * show them escaped, as \x1b.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Errors first, then by file, line, column: a stable order for people and for tests. */
export function sortDiagnostics<D extends Diagnostic>(ds: D[]): D[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...ds].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
