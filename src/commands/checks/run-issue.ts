// What the checks of a run (run-checks.ts) find, and where each finding goes: a scheme diagnostic (an error stops
// every command that pays), or a data issue of the run (in the outputs, and in `kpi validate` at its place).
import { codedIssue, type DataIssue } from '../../core/table.js';
import type { Diagnostic } from '../../scheme/diagnostics.js';
import type { PathSegment } from '../../scheme/positions.js';
import type { Problem } from '../../messages/index.js';

const LIST = 5;

/** A problem with the run as a whole: a data issue in the outputs, a positioned diagnostic in `kpi validate`. */
export interface RunIssue {
  issue: DataIssue;
  diagnostic: Diagnostic;
}

export interface RunChecks {
  /** Errors stop every command that pays; warnings are shown. */
  diagnostics: Diagnostic[];
  /** Problems with the data of the period as a whole; they join the run's data issues (and make it not final). */
  runIssues: RunIssue[];
}

export type At = (p: PathSegment[], atKey?: boolean) => { line: number; col: number };

/** What the checks have found so far, in the order found, and how a finding is placed in the scheme. */
export interface Findings extends RunChecks {
  schemeFile: string;
  at: At;
}

/** A diagnostic of the scheme, at `path`. */
export function inScheme(out: Findings, severity: 'error' | 'warning', path: PathSegment[], found: Problem, atKey = false): void {
  out.diagnostics.push({ severity, file: out.schemeFile, ...out.at(path, atKey), ...coded(found) });
}

/** A data issue of a whole file (the run is not final), shown by `kpi validate` at `path` in the scheme. */
export function fileIssue(
  out: Findings,
  found: Problem,
  where: { file: string; source?: string; row?: number },
  path: PathSegment[],
  atKey = false,
  extra: Partial<Diagnostic> = {},
): void {
  out.runIssues.push({
    issue: codedIssue(found, { ...where, severity: 'warning', action: 'kept' }),
    diagnostic: { severity: 'warning', file: out.schemeFile, ...out.at(path, atKey), ...coded(found), ...extra },
  });
}

/** A data issue at a row of a file (the run is not final), shown by `kpi validate` there. */
export function rowIssue(out: Findings, issue: DataIssue): void {
  out.runIssues.push({ issue, diagnostic: issueDiagnostic(issue) });
}

export function issueDiagnostic(i: DataIssue): Diagnostic {
  const what = [i.column ? `column "${i.column}"` : '', i.value !== undefined ? `value "${i.value}"` : ''].filter(Boolean).join(', ');
  const action = i.action === 'skipped' ? ' (row skipped)' : i.action === 'stopped' ? ' (run stopped)' : '';
  const d: Diagnostic = {
    severity: i.action === 'stopped' ? 'error' : 'warning',
    file: i.file,
    line: i.row ?? 0,
    col: 0,
    message: `${what ? what + ': ' : ''}${i.reason}${action}`,
    code: i.code,
  };
  if (i.params !== undefined) d.params = i.params;
  d.issue = { action: i.action, reason: i.reason };
  if (i.column !== undefined) d.issue.column = i.column;
  if (i.value !== undefined) d.issue.value = i.value;
  if (i.row !== undefined) d.issue.row = i.row;
  if (i.line !== undefined) d.issue.line = i.line;
  return d;
}

/** A problem as a diagnostic's message, code and values. */
export function coded(p: Problem): Pick<Diagnostic, 'message' | 'code' | 'params'> {
  return { message: p.text, code: p.code, params: p.params };
}

export function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** The first few of a list, then how many more as "… +3": the words around it say what they are, in any language. */
export function sample(ids: string[]): string {
  return ids.slice(0, LIST).join(', ') + (ids.length > LIST ? `, … +${ids.length - LIST}` : '');
}
