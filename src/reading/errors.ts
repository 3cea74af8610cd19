// A problem that stops the run (missing header, unreadable file, a bad row under on_bad_row: stop).
// It is a problem with a stable code (docs/problems.md): its message, written for the analyst, names the file
// and, where known, the row and column, and is said in the run's language from the code and its values.
import type { DataIssue } from '../core/table.js';
import { problem, problemText, systemError, type Problem, type ProblemCode, type ProblemParams, type Translate } from '../messages/index.js';

export class DataError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  /** Stable code and the values of its message (`message` is its English text). */
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  /** The rows that made the run stop, when there are several (a roster's unreadable rows): each reported. */
  readonly issues: readonly DataIssue[];

  constructor(p: Problem, where: { file: string; row?: number | undefined; column?: string | undefined }, issues: readonly DataIssue[] = []) {
    super(p.text);
    this.name = 'DataError';
    this.code = p.code;
    this.params = p.params;
    this.issues = issues;
    this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** The problems that say a mapped header is not in the header row. */
const MISSING_HEADERS: ReadonlySet<string> = new Set(['KPI2667', 'KPI2668', 'KPI2664']);

/** A stop because a mapped header is not in the header row (which other findings may explain better). */
export function headerNotFound(e: unknown): e is DataError {
  return e instanceof DataError && MISSING_HEADERS.has(e.code);
}

/** A file that cannot be opened, in words (not ENOENT). */
export function cannotOpen(e: NodeJS.ErrnoException, fileAsWritten: string, folder: string): DataError {
  const file = fileAsWritten;
  const p =
    e.code === 'ENOENT'
      ? problem('KPI2601', { file, folder })
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? problem('KPI2602', { file })
        : e.code === 'EISDIR'
          ? problem('KPI2603', { file })
          : e.code === 'EBUSY'
            ? problem('KPI2604', { file })
            : problem('KPI2605', { file, ...systemError(e) });
  return new DataError(p, { file });
}

/** A path that is a folder: said before anything tries to read it. */
export function isFolder(file: string): DataError {
  return new DataError(problem('KPI2603', { file }), { file });
}

/**
 * A path that is not a regular file (a FIFO, /dev/zero, a socket): it has no size to check, may never end and
 * cannot be read twice, so it is refused before it is opened (opening a FIFO would wait for a writer).
 */
export function notRegular(fileAsWritten: string): DataError {
  return new DataError(problem('KPI2606', { file: fileAsWritten }), { file: fileAsWritten });
}

/** The file's bytes changed between two reads of it (a sync client or an export still writing). */
export function changedWhileRead(file: string): DataError {
  return new DataError(problem('KPI2608', { file }), { file });
}

/** A DataError's problem with the file named as the user sees it from where they are (not as the scheme wrote it). */
export function dataErrorShownAs(e: DataError, shown: string): Problem {
  const params = e.params.file === e.file ? { ...e.params, file: shown } : e.params;
  return { code: e.code, params, text: e.message.split(e.file).join(shown) };
}

/** A DataError for the terminal: its code, then its message in `t`'s language. */
export function dataErrorLine(e: DataError, t: Translate): string {
  return `${e.code} ${problemText(e, e.message, t)}`;
}
