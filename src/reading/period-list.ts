// The rows of the run's period, listed by the reading threads (issue 14): the period is known before the read, and
// the score's first pass over every row's date (core/period-rows.ts rowsBetween) ran on the main thread alone after
// the read, ~25 ms at 1M rows, ~120 at 10M. Each reading thread lists the rows of its own part once it is read (their
// indexes from the part's start, and the days of the period they are dated; builder.ts listPeriod); the merge joins
// the parts in file order, the rows moved on by the rows before them. The result is what rowsBetween lists over the
// finished date column (test/reading/period-list.test.ts holds them equal): the core takes it in place of its own.
import type { PeriodRows } from '../core/period-rows.js';

/** A part's list as a reading thread hands it over: rows from the part's start; `seen[1 + k]`: day k of the period. */
export interface PeriodListPart {
  rows: Int32Array;
  count: number;
  seen: Uint8Array;
}

export class PeriodList {
  private rows: Int32Array;
  private m = 0;
  /** 1 + the period's days: slot 0 takes the rows outside it (written without a branch, never read). */
  private readonly seen: Uint8Array;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {
    this.rows = new Int32Array(4096);
    this.seen = new Uint8Array(end - start + 2);
  }

  /**
   * Rows [from, to) of a date column (`dates`: whole days, NaN blank), listed after those before. Without a branch on
   * the date, as rowsBetween: every row is written at the next place, and the place moves on only for a row in the
   * period (over dates in no order a branch guesses wrong often).
   */
  add(dates: Float64Array, from: number, to: number): void {
    if (this.m + to - from > this.rows.length) this.room(Math.max(this.m + to - from, this.rows.length * 2));
    const rows = this.rows;
    const seen = this.seen;
    const start = this.start;
    const end = this.end;
    let m = this.m;
    for (let i = from; i < to; i++) {
      const d = dates[i] as number;
      const hit = +(d >= start) & +(d <= end);
      rows[m] = i;
      m += hit;
      // Outside the period (NaN included): (…) * 0 is 0 or NaN, and NaN | 0 is 0: slot 0.
      seen[((d - start + 1) * hit) | 0] = 1;
    }
    this.m = m;
  }

  private room(size: number): void {
    const next = new Int32Array(size);
    next.set(this.rows.subarray(0, this.m));
    this.rows = next;
  }

  /**
   * Room for `rows` rows in all, made once: a list never holds more rows than its read keeps, and the pages of a
   * large array are only taken from the system as they are written, so room never written costs nothing. Grown by
   * doubling, a list touched about twice its size in copies (~15 µs a page on this project's machine).
   */
  reserve(rows: number): void {
    if (rows > this.rows.length) this.room(rows);
  }

  /** The list so far, to hand to the thread that merges (its own arrays: they can be moved, not copied). */
  part(): PeriodListPart {
    return { rows: this.rows, count: this.m, seen: this.seen };
  }

  /** The rows of a part read after this list's rows, `offset` rows on (the rows kept before the part). */
  append(part: PeriodListPart, offset: number): void {
    const n = part.count;
    if (this.m + n > this.rows.length) this.room(Math.max(this.m + n, this.rows.length * 2));
    const rows = this.rows;
    const from = part.rows;
    for (let k = 0; k < n; k++) rows[this.m + k] = (from[k] as number) + offset;
    this.m += n;
    const seen = this.seen;
    for (let k = 1; k < seen.length; k++) seen[k] = (seen[k] as number) | (part.seen[k] as number);
  }

  /** As rowsBetween lists the rows of a table of `rowCount` rows (its days as daysSeen finds them). */
  listed(rowCount: number): PeriodRows {
    const m = this.m;
    // Not copied to size: the room never written was never taken from the system (reserve).
    const rows = this.rows.subarray(0, m);
    const seen = this.seen.slice(1);
    const first = seen.indexOf(1);
    const last = seen.lastIndexOf(1);
    return {
      rowCount,
      rows,
      count: m,
      days: {
        seen,
        first: first < 0 ? Number.POSITIVE_INFINITY : this.start + first,
        last: last < 0 ? Number.NEGATIVE_INFINITY : this.start + last,
      },
    };
  }
}
