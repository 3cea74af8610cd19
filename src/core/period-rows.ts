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
}

/**
 * Rows of each source in each period (key: source name, NUL, period label), as a run's scoring lists them: kept by
 * a caller that asks again for the same tables (the run checks count a source's rows in the period).
 */
export type PeriodRowsCache = Map<string, PeriodRows>;

export const periodKey = (source: string, period: Period): string => `${source}\u0000${period.label}`;

/** Grows a list of row indexes by doubling, then trims it to size. */
class IndexList {
  private out: Int32Array;
  length = 0;
  constructor(max: number) {
    this.out = new Int32Array(Math.min(max, 4096));
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

/** Rows whose code is flagged. */
function rowsWhere(n: number, perCode: Uint8Array, codes: Uint16Array): PeriodRows {
  const list = new IndexList(n);
  let out = list.array;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (perCode[codes[i]!] === 0) continue;
    if (m === out.length) out = list.grow();
    out[m++] = i;
  }
  return list.done(m, n);
}

function rowsBetween(vals: Float64Array, n: number, start: number, end: number): PeriodRows {
  const list = new IndexList(n);
  let out = list.array;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const d = vals[i]!;
    if (d >= start && d <= end) {
      if (m === out.length) out = list.grow();
      out[m++] = i;
    }
  }
  return list.done(m, n);
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
