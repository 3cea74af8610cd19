// Months written with a dot in a period column (2026.1, 2026.11). As text, 2026.1 is January (README). But a CSV saved
// from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1 as well: Excel keeps the
// number, not the zero (KPI2136 refuses the number cell itself). Which one a file means shows in the column: a writer
// that keeps the zero writes October as 2026.10, so `2026.1` beside `2026.10` is January; `2026.1` beside `2026.11`,
// `2026.12` or a padded `2026.01` and no `2026.10` may be October, and is reported once (KPI2137, rows kept). So is
// `2026.1` beside `2026.7` to `2026.9` alone (KPI2138): read as October it follows them, read as January it leaves a
// gap, so a file of July to October exported that way is not counted in January without a word.

import type { SourceSpec } from '../core/model.js';
import { codedIssue, type DataIssue } from '../core/table.js';
import { type Problem, problem } from '../messages/index.js';

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
  /** Per year written with a dot, the months seen: bit m for month m written one way only, bit 0 for YYYY.1. */
  months: Map<number, number>;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export class PeriodDots {
  seen: DotsSeen | null = null;

  /** A period text of row `row`: cheap for anything that is not YYYY.M or YYYY.MM. */
  see(text: string, row: number): void {
    const n = text.length;
    if ((n !== 6 && n !== 7) || text.charCodeAt(4) !== 46) return;
    let year = 0;
    for (let i = 0; i < 4; i++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) return;
      year = year * 10 + c - 48;
    }
    const a = text.charCodeAt(5);
    if (!isDigit(a)) return;
    if (n === 6) {
      if (a === 48) return;
      const s = this.state();
      if (a === 49 /* 1 */) {
        if (s.ones++ === 0) {
          s.oneRow = row;
          s.oneRaw = text;
        }
        this.month(year, 0);
      } else this.month(year, a - 48);
      return;
    }
    const b = text.charCodeAt(6);
    if (!isDigit(b)) return;
    const m = (a - 48) * 10 + b - 48;
    if (m < 1 || m > 12) return;
    const s = this.state();
    if (m === 10 && a === 49)
      s.ten = true; // YYYY.10
    else s.late ??= text; // YYYY.11, YYYY.12 or YYYY.0M
    this.month(year, m);
  }

  private month(year: number, bit: number): void {
    const months = this.state().months;
    const had = months.get(year) ?? 0;
    if ((had & (1 << bit)) === 0) months.set(year, had | (1 << bit));
  }

  private state(): DotsSeen {
    this.seen ??= { ones: 0, oneRow: 0, oneRaw: '', ten: false, late: null, months: new Map() };
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
    for (const [year, bits] of part.months) s.months.set(year, (s.months.get(year) ?? 0) | bits);
  }

  /** After the last row: the warning, when the column's YYYY.1 may be October. */
  issue(spec: SourceSpec, column: string): DataIssue | null {
    const s = this.seen;
    if (s === null || s.ones === 0 || s.ten) return null;
    let p: Problem;
    if (s.late !== null) p = problem('KPI2137', { value: s.oneRaw, late: s.late, count: s.ones });
    else {
      // Only months 2 to 9 beside YYYY.1 here: October is said when it closes more of the gaps than January does.
      if (gaps(s.months, 10) >= gaps(s.months, 1)) return null;
      p = problem('KPI2138', { value: s.oneRaw, months: otherMonths(s.months), count: s.ones });
    }
    return codedIssue(p, { file: spec.fileAsWritten, source: spec.name, row: s.oneRow, column, value: s.oneRaw, severity: 'warning', action: 'kept' });
  }
}

/** Months missing between the column's first and last month, with every YYYY.1 read as month `one`. */
function gaps(months: Map<number, number>, one: number): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const seen = new Set<number>();
  for (const [year, bits] of months)
    for (let m = 0; m <= 12; m++) {
      if ((bits & (1 << m)) === 0) continue;
      const at = year * 12 + (m === 0 ? one : m) - 1;
      seen.add(at);
      if (at < first) first = at;
      if (at > last) last = at;
    }
  return last - first + 1 - seen.size;
}

/** The column's other months as written (2026.7–2026.9, or 2026.9 alone). */
function otherMonths(months: Map<number, number>): string {
  const all: [number, number][] = [];
  for (const [year, bits] of months) for (let m = 1; m <= 12; m++) if ((bits & (1 << m)) !== 0) all.push([year, m]);
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const shown = (ym: [number, number] | undefined) => (ym === undefined ? '' : `${ym[0]}.${ym[1]}`);
  const first = shown(all[0]);
  const last = shown(all.at(-1));
  return first === last ? first : `${first}–${last}`;
}
