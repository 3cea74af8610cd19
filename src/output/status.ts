// Whether a run's figures are final. A run with any data issue (a row skipped, a value guessed, a source with
// no rows in the period …) is NOT FINAL: every output says so where a reader looks first, and `kpi score`
// exits 3 instead of 0, so neither a person nor a script can take it for a normal run.
import type { DataIssue } from '../core/table.js';
import { RowList } from '../core/row-list.js';
import { english, type Translate } from '../messages/index.js';

export interface RunStatus {
  final: boolean;
  /** Data issues of the run (read, scoring and run-level alike). */
  issues: number;
  /** Rows those issues left uncounted: distinct file and row (a row with two bad cells is one row skipped). */
  skipped: number;
  /** Notes: listed beside the issues, but they cannot change a figure (a column the scheme never reads). */
  notes: number;
}

/** Exit code of a paying command whose outputs were written but are not final. */
export const EXIT_NOT_FINAL = 3;

export function runStatus(issues: readonly DataIssue[]): RunStatus {
  const counted = issues.filter((i) => i.severity !== 'note');
  return { final: counted.length === 0, issues: counted.length, skipped: skippedRows(counted), notes: issues.length - counted.length };
}

/**
 * How many rows the skipped issues name: each file and row once, so a shifted row with two unreadable cells is one
 * row skipped, and a split order of three rows whose shares do not add up is three. An issue that names no row (a
 * metric that could not be computed) counts once.
 */
export function skippedRows(issues: readonly { file?: unknown; row?: unknown; rows?: unknown; action?: unknown }[]): number {
  // Each file's rows 4 bytes apiece, sorted and counted once at the end: millions of rows of one unknown rep stay
  // small. A row number no whole 32-bit number (only a hand-edited saved run has one) is counted by its text.
  const byFile = new Map<string, { rows: RowList; odd: Set<string> | null }>();
  let unplaced = 0;
  const add = (file: string, r: unknown): void => {
    if (typeof r !== 'number') return;
    let f = byFile.get(file);
    if (!f) byFile.set(file, (f = { rows: new RowList(), odd: null }));
    if ((r | 0) === r) f.rows.push(r);
    else (f.odd ??= new Set()).add(String(r));
  };
  for (const i of issues) {
    if (i.action !== 'skipped') continue;
    const file = String(i.file);
    if (typeof i.row === 'number') add(file, i.row);
    else unplaced++;
    if (Array.isArray(i.rows) || i.rows instanceof RowList) for (const r of i.rows) add(file, r);
  }
  let n = unplaced;
  for (const f of byFile.values()) n += f.rows.sortUnique().length + (f.odd?.size ?? 0);
  return n;
}

/** "2 data issues (2 rows skipped)". */
export function issueCount(s: Pick<RunStatus, 'issues' | 'skipped'>, t: Translate = english): string {
  return s.skipped ? t('status.issuesSkipped', { n: s.issues, skipped: s.skipped }) : t('status.issues', { n: s.issues });
}

/** The one-line marker every output shows; `where` says where the issues are listed in that output. */
export function notFinalLine(s: RunStatus, where: string, t: Translate = english): string {
  return t('status.notFinal', { count: issueCount(s, t), where });
}

/** The status line of outputs that always carry one (the report's Summary sheet, the JSON). */
export function statusLine(s: RunStatus, where: string, t: Translate = english): string {
  if (!s.final) return notFinalLine(s, where, t);
  return s.notes ? t('status.finalWithNotes', { n: s.notes }) : t('status.final');
}
