// The rows of a table in a period as a list of their indexes: the date column is read once per (source, period),
// and every later pass (attribution, filters, aggregates, value counts) reads only the rows of the period. What is
// decided per distinct text (a rep id, a stage) is counted once per code over those rows, never looked up per row.
import type { SourceSpec } from './model.js';
import type { Period } from './results.js';
import type { Table } from './table.js';
import { labelInPeriod } from './period.js';

export interface PeriodRows {
  /** Rows of the whole table. */
  rowCount: number;
  /** Indexes of the rows in the period, ascending; null: every row (an undated source counts in every period). */
  rows: Int32Array | null;
  /** How many rows are in the period. */
  count: number;
  /** Listed by a date column: the days of the period that have a row (daysSeen), found by the same pass. */
  days?: DaysSeen;
}

/** The dates of a period's rows: which days of the period hold one, the first and the last (±∞ when none). */
export interface DaysSeen {
  /** 1 for each day of the period (its start first) with a row dated that day. */
  seen: Uint8Array;
  first: number;
  last: number;
}

/**
 * The days of `start`…`end` the listed rows are dated (`dates` by row), as rowsBetween finds them while it lists
 * them; for rows listed another way (the run checks' export-ends.ts, when the scoring did not list them).
 */
export function daysSeen(dates: Float64Array, rows: Int32Array | null, count: number, start: number, end: number): DaysSeen {
  const seen = new Uint8Array(end - start + 1);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const d = dates[rows === null ? k : rows[k]!]!;
    if (!(d >= start && d <= end)) continue;
    seen[d - start] = 1;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return { seen, first, last };
}

/**
 * Rows of each source in each period (key: source name, NUL, period label), as a run's scoring lists them: kept by
 * a caller that asks again for the same tables (the run checks count a source's rows in the period).
 */
export type PeriodRowsCache = Map<string, PeriodRows>;

export const periodKey = (source: string, period: Period): string => `${source}\u0000${period.label}`;

/** Grows a list of row indexes by doubling, then trims it to size. `room`: the rows expected (expectedRows). */
class IndexList {
  private out: Int32Array;
  length = 0;
  constructor(max: number, room = 4096) {
    this.out = new Int32Array(Math.min(max, room));
  }
  grow(): Int32Array {
    const next = new Int32Array(this.out.length * 2);
    next.set(this.out);
    this.out = next;
    return next;
  }
  get array(): Int32Array {
    return this.out;
  }
  done(m: number, rowCount: number): PeriodRows {
    // Keep the array when little was left over; copy when much was.
    const rows = this.out.length - m > m / 8 + 1024 ? this.out.slice(0, m) : this.out.subarray(0, m);
    return { rowCount, rows, count: m };
  }
}

const SAMPLES = 4096;

/**
 * Room for the rows of `n` that `hit` takes, from SAMPLES rows evenly spread, with some to spare (three standard
 * errors of the sample, and two samples' worth for rows sorted by date): a period's list is made once at about its
 * size, grown only when the sample was that far off. Grown from
 * 4,096 by doubling, the 200,000 rows of a month of a 1M-row source took ~2.8 MB of arrays in turn, each copied
 * into the next and the last cut to size, where 0.8 MB will do; on this project's machine every page touched for
 * the first time costs ~15 µs. Counting every row first instead costs a second pass, slow until V8 optimises it.
 */
export function expectedRows(n: number, hit: (i: number) => boolean): number {
  const step = Math.max(1, Math.floor(n / SAMPLES));
  let seen = 0;
  let hits = 0;
  for (let i = 0; i < n; i += step) {
    seen++;
    if (hit(i)) hits++;
  }
  return seen === 0 ? 0 : Math.ceil(((hits + 3 * Math.sqrt(hits) + 2) * n) / seen) + 1024;
}

/** Rows whose code is flagged. */
function rowsWhere(n: number, perCode: Uint8Array, codes: Uint16Array): PeriodRows {
  const list = new IndexList(
    n,
    expectedRows(n, (i) => perCode[codes[i]!] !== 0),
  );
  let out = list.array;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (perCode[codes[i]!] === 0) continue;
    if (m === out.length) out = list.grow();
    out[m++] = i;
  }
  return list.done(m, n);
}

/**
 * Rows dated start…end, and the days they are dated (daysSeen over the rows listed, in the scoring's pass: the run
 * checks ask which days a source has rows on, export-ends.ts; a pass of their own ran mostly before V8 optimised it).
 */
function rowsBetween(vals: Float64Array, n: number, start: number, end: number): PeriodRows {
  const list = new IndexList(
    n,
    expectedRows(n, (i) => vals[i]! >= start && vals[i]! <= end),
  );
  let out = list.array;
  let m = 0;
  // Without a branch on the date: every row is written at the next place, and that place moves on only for a row in
  // the period. Over dates in no order (most exports) such a branch guesses wrong often: 10M dates, a fifth of them
  // in the period, took ~160 ms with it and ~70 without (in a loop of its own, load 6). The days are then found over
  // the rows listed (a fifth of the pass, its branches taken the same way nearly every row).
  for (let i = 0; i < n; i++) {
    if (m === out.length) out = list.grow();
    const d = vals[i]!;
    out[m] = i;
    m += +(d >= start) & +(d <= end);
  }
  const listed = list.done(m, n);
  return { ...listed, days: daysSeen(vals, listed.rows, m, start, end) };
}

/**
 * Rows in the period: by the date column when the source has one, else by the period-label column (a label whose
 * period lies in the one asked for), else every row (an undated source counts in every period). None when the
 * column is missing or holds neither dates nor text.
 */
export function periodRows(table: Table, spec: Pick<SourceSpec, 'date' | 'period'>, period: Period): PeriodRows {
  const n = table.rowCount;
  const name = spec.date ?? spec.period;
  if (name === undefined) return { rowCount: n, rows: null, count: n };
  const col = table.columns.get(name);
  const none: PeriodRows = { rowCount: n, rows: new Int32Array(0), count: 0 };
  if (!col) return none;
  if (col.type === 'string') {
    const inPeriod = (label: string | null): number => (label != null && labelInPeriod(label, period) ? 1 : 0);
    if (col.coded) return rowsWhere(n, Uint8Array.from(col.coded.dict, inPeriod), col.coded.codes);
    // Plain text: each distinct label decided once.
    const memo = new Map<string, number>();
    const vals = col.values;
    const list = new IndexList(n);
    let out = list.array;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const raw = vals[i];
      if (raw == null) continue;
      let hit = memo.get(raw);
      if (hit === undefined) {
        hit = inPeriod(raw);
        memo.set(raw, hit);
      }
      if (hit === 0) continue;
      if (m === out.length) out = list.grow();
      out[m++] = i;
    }
    return list.done(m, n);
  }
  if (col.type === 'date') return rowsBetween(col.values, n, period.start, period.end);
  return none;
}

/** The period's rows as a mask (1 = in the period), for code that reads a mask. */
export function maskOfRows(p: PeriodRows): Uint8Array {
  const out = new Uint8Array(p.rowCount);
  const rows = p.rows;
  if (rows === null) return out.fill(1);
  for (let k = 0; k < rows.length; k++) out[rows[k]!] = 1;
  return out;
}

/** The rows a mask marks, as period rows. */
export function rowsOfMask(mask: Uint8Array): PeriodRows {
  const n = mask.length;
  const list = new IndexList(n);
  let out = list.array;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    if (m === out.length) out = list.grow();
    out[m++] = i;
  }
  return list.done(m, n);
}

/** Per code of a coded column: how many rows of the period hold it, and the first of them (-1: none). */
export interface CodeCounts {
  counts: Int32Array;
  first: Int32Array;
}

export function codeCounts(codes: Uint16Array, size: number, p: PeriodRows): CodeCounts {
  const counts = new Int32Array(size);
  const first = new Int32Array(size).fill(-1);
  const rows = p.rows;
  const m = p.count;
  for (let k = 0; k < m; k++) {
    const i = rows === null ? k : rows[k]!;
    const c = codes[i]!;
    if (counts[c] === 0) first[c] = i;
    counts[c]!++;
  }
  return { counts, first };
}
