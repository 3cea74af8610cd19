// Months written with a dot in a period column (2026.1, 2026.11). As text, 2026.1 is January (README). But a CSV saved
// from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1 as well: Excel keeps the
// number, not the zero (KPI2136 refuses the number cell itself). Which one a file means shows in the column: a writer
// that keeps the zero writes October as 2026.10, so `2026.1` beside `2026.10` is January; `2026.1` beside `2026.11`,
// `2026.12` or a padded `2026.01` and no `2026.10` may be October, and is reported once (KPI2137, rows kept).

import type { SourceSpec } from '../core/model.js';
import { codedIssue, type DataIssue } from '../core/table.js';
import { problem } from '../messages/index.js';

/** What the column's dotted months showed; null until one did (moved between threads by the parallel read). */
export interface DotsSeen {
  /** Rows holding YYYY.1, and the first of them. */
  ones: number;
  oneRow: number;
  oneRaw: string;
  /** Some value YYYY.10: the writer keeps the zero. */
  ten: boolean;
  /** The first value YYYY.11, YYYY.12 or YYYY.0M: October may be in the file, and not written YYYY.10. */
  late: string | null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export class PeriodDots {
  seen: DotsSeen | null = null;

  /** A period text of row `row`: cheap for anything that is not YYYY.M or YYYY.MM. */
  see(text: string, row: number): void {
    const n = text.length;
    if ((n !== 6 && n !== 7) || text.charCodeAt(4) !== 46) return;
    for (let i = 0; i < 4; i++) if (!isDigit(text.charCodeAt(i))) return;
    const a = text.charCodeAt(5);
    if (n === 6) {
      if (a !== 49 /* 1 */) return;
      const s = this.state();
      if (s.ones++ === 0) {
        s.oneRow = row;
        s.oneRaw = text;
      }
      return;
    }
    const b = text.charCodeAt(6);
    if (!isDigit(b)) return;
    if (a === 49 && b === 48)
      this.state().ten = true; // YYYY.10
    else if ((a === 49 && (b === 49 || b === 50)) || (a === 48 && b !== 48)) {
      const s = this.state();
      s.late ??= text;
    }
  }

  private state(): DotsSeen {
    this.seen ??= { ones: 0, oneRow: 0, oneRaw: '', ten: false, late: null };
    return this.seen;
  }

  /** Parallel read: what a worker saw in the rows after this thread's, its rows moved on by `rowOffset`. */
  merge(part: DotsSeen | null, rowOffset: number): void {
    if (part === null) return;
    const s = this.state();
    if (part.ones > 0 && s.ones === 0) {
      s.oneRow = part.oneRow + rowOffset;
      s.oneRaw = part.oneRaw;
    }
    s.ones += part.ones;
    s.ten ||= part.ten;
    s.late ??= part.late;
  }

  /** After the last row: the warning, when the column's YYYY.1 may be October. */
  issue(spec: SourceSpec, column: string): DataIssue | null {
    const s = this.seen;
    if (s === null || s.ones === 0 || s.ten || s.late === null) return null;
    const p = problem('KPI2137', { value: s.oneRaw, late: s.late, count: s.ones });
    return codedIssue(p, { file: spec.fileAsWritten, source: spec.name, row: s.oneRow, column, value: s.oneRaw, severity: 'warning', action: 'kept' });
  }
}
