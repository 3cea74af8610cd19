// Putting rows in reps and periods, and aggregating them per rep in one tight pass over typed arrays.
import { problem, type Problem } from '../messages/index.js';
import type { AggregateFn, Rep, SourceSpec } from './model.js';
import type { Period } from './results.js';
import { codedIssue, type DataIssue, type Table } from './table.js';
import { RowList } from './row-list.js';
import { labelInPeriod } from './period.js';
import { headerOf } from './roster.js';
import { clean } from './text.js';

/**
 * repIdx of a row of a split order that could not be split (core/split-credit.ts): its rep is known, but it counts
 * for no one and is reported as a split problem, not as an unknown rep.
 */
export const NOT_CREDITED = -2;

export interface RepLookup {
  reps: readonly Rep[];
  byId: ReadonlyMap<string, number>;
  /** Lower-cased id → rep index; -1 when two roster ids differ only by case (then no case-insensitive match). */
  byLower: ReadonlyMap<string, number>;
}

export function repLookup(reps: readonly Rep[]): RepLookup {
  const byId = new Map<string, number>();
  const byLower = new Map<string, number>();
  reps.forEach((r, i) => {
    const id = clean(r.id);
    if (!byId.has(id)) byId.set(id, i);
    const low = id.toLowerCase();
    byLower.set(low, byLower.has(low) && byLower.get(low) !== i ? -1 : i);
  });
  return { reps, byId, byLower };
}

/**
 * Roster index per row (or NOT_CREDITED, -1). 16 bits a row when the roster is small enough (any roster but a
 * giant one): at 10M rows that is 20 MB less at the peak of a run.
 */
export type RepIndex = Int32Array | Int16Array;

/** Roster index of every row (-1: blank or unknown id). Ids match after trimming; case-only differences match too. */
export function attributeRows(table: Table, repColumn: string | undefined, lookup: RepLookup): RepIndex {
  const out = lookup.reps.length < 0x7fff ? new Int16Array(table.rowCount).fill(-1) : new Int32Array(table.rowCount).fill(-1);
  const col = repColumn === undefined ? undefined : table.columns.get(repColumn);
  if (!col) return out;
  const memo = new Map<string, number>();
  const resolve = (raw: string): number => {
    const id = clean(raw);
    const exact = lookup.byId.get(id);
    if (exact !== undefined) return exact;
    const ci = lookup.byLower.get(id.toLowerCase());
    return ci === undefined ? -1 : ci;
  };
  if (col.type === 'string' && col.coded) {
    // Each distinct id resolved once, then looked up per row.
    const { codes, dict } = col.coded;
    const perCode = Int32Array.from(dict, (id) => resolve(id ?? ''));
    for (let i = 0; i < table.rowCount; i++) out[i] = perCode[codes[i]!]!;
    return out;
  }
  for (let i = 0; i < table.rowCount; i++) {
    let raw: string;
    if (col.type === 'string') raw = col.values[i] ?? '';
    else {
      const v = col.values[i]!;
      raw = Number.isNaN(v) ? '' : String(v);
    }
    let idx = memo.get(raw);
    if (idx === undefined) {
      idx = resolve(raw);
      memo.set(raw, idx);
    }
    out[i] = idx;
  }
  return out;
}

/** Issues for rows in `mask`: one per unknown rep id (rows not counted), one per id matched only ignoring case. */
export function attributionIssues(table: Table, spec: SourceSpec, repIdx: RepIndex, mask: Uint8Array, lookup: RepLookup, periodLabel: string): DataIssue[] {
  const col = spec.rep === undefined ? undefined : table.columns.get(spec.rep);
  const header = headerOf(spec, spec.rep ?? 'rep');
  if (!col) {
    if (spec.rep === undefined) return [];
    return [
      codedIssue(problem('KPI2208', { column: spec.rep }), { file: table.file, source: table.source, column: header, severity: 'error', action: 'skipped' }),
    ];
  }
  // Its rows, once there is a second (most unknown ids are one stray row each).
  const unknown = new Map<string, { count: number; first: number; rows: RowList | null }>();
  const caseOnly = new Map<string, { count: number; first: number; rep: string }>();
  const coded = col.type === 'string' ? col.coded : undefined;
  const trimmed = coded?.dict.map((id) => (id ?? '').trim());
  const rawAt = (i: number): string => {
    if (coded) return trimmed![coded.codes[i]!]!;
    if (col.type === 'string') return (col.values[i] ?? '').trim();
    const v = col.values[i]!;
    return Number.isNaN(v) ? '' : String(v);
  };
  // Each roster id cleaned once, not once per row.
  const cleanIds = lookup.reps.map((r) => clean(r.id));
  for (let i = 0; i < table.rowCount; i++) {
    if (!mask[i]) continue;
    const idx = repIdx[i]!;
    if (idx === NOT_CREDITED) continue;
    if (idx >= 0) {
      const raw = rawAt(i);
      const rep = cleanIds[idx]!;
      if (raw === rep) continue;
      const e = caseOnly.get(raw);
      if (e) e.count++;
      else caseOnly.set(raw, { count: 1, first: table.rowNumbers[i]!, rep });
      continue;
    }
    const raw = rawAt(i);
    const e = unknown.get(raw);
    if (e) {
      e.count++;
      (e.rows ??= RowList.of([e.first])).push(table.rowNumbers[i]!);
    } else unknown.set(raw, { count: 1, first: table.rowNumbers[i]!, rows: null });
  }
  const issues: DataIssue[] = [];
  for (const [raw, e] of [...unknown].sort((a, b) => a[1].first - b[1].first)) {
    const p = raw === '' ? problem('KPI2202', { n: e.count, period: periodLabel, first: e.first }) : unknownRep(raw, e.count, periodLabel, e.first, lookup);
    issues.push({
      file: table.file,
      source: table.source,
      row: e.first,
      ...(e.rows ? { rows: e.rows } : {}),
      column: header,
      value: raw,
      reason: p.text,
      code: p.code,
      params: p.params,
      severity: 'warning',
      action: 'skipped',
    });
  }
  for (const [raw, e] of [...caseOnly].sort((a, b) => a[1].first - b[1].first)) {
    const p = problem('KPI2207', { id: raw, rep: e.rep, n: e.count });
    issues.push(codedIssue(p, { file: table.file, source: table.source, row: e.first, column: header, value: raw, severity: 'warning', action: 'kept' }));
  }
  return issues;
}

/**
 * An unknown rep id as a problem, saying so when it may be a roster id mangled by a spreadsheet: leading zeros lost
 * (007 → 7), written as a decimal (7.0), or a long number in scientific notation (1.23E+15). Never matched
 * automatically: the message says what to fix.
 */
function unknownRep(raw: string, n: number, period: string, first: number, lookup: RepLookup): Problem {
  const bare = (s: string): string => s.replace(/^0+(?=\d)/, '');
  const at = { id: raw, n, period, first };
  if (/^\d+$/.test(raw)) {
    const same = lookup.reps.find((r) => /^\d+$/.test(r.id) && r.id !== raw && bare(r.id) === bare(raw));
    if (same) return problem('KPI2209', { ...at, roster: same.id, quoted: raw.length > same.id.length ? raw : same.id });
  }
  const float = /^(\d+)\.0+$/.exec(raw);
  if (float && lookup.byId.has(float[1]!)) return problem('KPI2210', { ...at, roster: float[1]! });
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(raw)) return problem('KPI2211', at);
  return problem('KPI2201', at);
}

/**
 * Rows in the period: by the date column when the source has one, else by the period-label column, else all
 * rows (an undated source counts in every period).
 */
/** How many rows periodMask would mark; by a date column without building the mask. */
export function rowsInPeriod(table: Table, spec: Pick<SourceSpec, 'date' | 'period'>, period: Period): number {
  const name = spec.date ?? spec.period;
  const col = name === undefined ? undefined : table.columns.get(name);
  let n = 0;
  if (col?.type === 'date') {
    const vals = col.values;
    const { start, end } = period;
    for (let i = 0; i < table.rowCount; i++) if (vals[i]! >= start && vals[i]! <= end) n++;
    return n;
  }
  const mask = periodMask(table, spec, period);
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

export function periodMask(table: Table, spec: Pick<SourceSpec, 'date' | 'period'>, period: Period): Uint8Array {
  const n = table.rowCount;
  const out = new Uint8Array(n);
  const name = spec.date ?? spec.period;
  if (name === undefined) return out.fill(1);
  const col = table.columns.get(name);
  if (!col) return out;
  if (col.type === 'string' && col.coded) {
    const { codes, dict } = col.coded;
    const perCode = Uint8Array.from(dict, (label) => (label != null && labelInPeriod(label, period) ? 1 : 0));
    for (let i = 0; i < n; i++) out[i] = perCode[codes[i]!]!;
    return out;
  }
  if (col.type === 'string') {
    const memo = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const raw = col.values[i];
      if (raw == null) continue;
      let hit = memo.get(raw);
      if (hit === undefined) {
        hit = labelInPeriod(raw, period) ? 1 : 0;
        memo.set(raw, hit);
      }
      out[i] = hit;
    }
    return out;
  }
  const vals = col.values;
  const { start, end } = period;
  if (col.type === 'date') for (let i = 0; i < n; i++) out[i] = vals[i]! >= start && vals[i]! <= end ? 1 : 0;
  return out;
}

/** Why an aggregate cannot be taken: a `term.agg.…` message of KPI2730 and its values. */
export interface AggError {
  term: 'term.agg.columnMissing' | 'term.agg.needsColumn' | 'term.agg.textColumn';
  values: { column: string; source: string; fn: string };
}

export interface AggOutcome {
  /** Per rep; null for avg/min/max over no values. */
  values: (number | null)[];
  /** Per rep: rows that passed the filter in the period (with a value, for column aggregates). */
  rows: Int32Array;
  /** Per rep: rows that passed but had a blank value (ignored). */
  blanks: Int32Array;
}

/**
 * Aggregates `column` per rep over rows with repIdx ≥ 0, inPeriod and pass (null = no filter). Money sums are
 * exact in integer minor units and divided by 10^scale once at the end. `count` with a column counts its
 * non-blank cells; without one, rows.
 */
export function aggregateByRep(
  table: Table,
  repIdx: RepIndex,
  inPeriod: Uint8Array,
  pass: Uint8Array | null,
  fn: AggregateFn,
  column: string | undefined,
  nReps: number,
): AggOutcome | { error: AggError } {
  const n = table.rowCount;
  const rows = new Int32Array(nReps);
  const blanks = new Int32Array(nReps);
  const values: (number | null)[] = new Array<number | null>(nReps).fill(null);
  const col = column === undefined ? undefined : table.columns.get(column);
  const why = (term: AggError['term']): { error: AggError } => ({ error: { term, values: { column: column ?? '', source: table.source, fn } } });
  if (column !== undefined && !col) return why('term.agg.columnMissing');
  if (!col) {
    if (fn !== 'count') return why('term.agg.needsColumn');
    for (let i = 0; i < n; i++) {
      const r = repIdx[i]!;
      if (r < 0 || !inPeriod[i] || (pass !== null && !pass[i])) continue;
      rows[r]!++;
    }
    for (let r = 0; r < nReps; r++) values[r] = rows[r]!;
    return { values, rows, blanks };
  }
  if (col.type === 'string') {
    if (fn !== 'count' && fn !== 'count_distinct') return why('term.agg.textColumn');
    const sets = fn === 'count_distinct' ? Array.from({ length: nReps }, () => new Set<string>()) : null;
    const coded = col.coded;
    const vals = coded ? null : col.values;
    for (let i = 0; i < n; i++) {
      const r = repIdx[i]!;
      if (r < 0 || !inPeriod[i] || (pass !== null && !pass[i])) continue;
      const s = coded ? coded.dict[coded.codes[i]!] : vals![i];
      if (s == null || s.trim() === '') {
        blanks[r]!++;
        continue;
      }
      rows[r]!++;
      if (sets) sets[r]!.add(s.trim());
    }
    for (let r = 0; r < nReps; r++) values[r] = sets ? sets[r]!.size : rows[r]!;
    return { values, rows, blanks };
  }
  const vals = col.values;
  const sums = new Float64Array(nReps);
  const comp = new Float64Array(nReps); // Neumaier compensation for non-money sums
  const mins = new Float64Array(nReps).fill(Infinity);
  const maxs = new Float64Array(nReps).fill(-Infinity);
  const sets = fn === 'count_distinct' ? Array.from({ length: nReps }, () => new Set<number>()) : null;
  const exact = col.type === 'money';
  for (let i = 0; i < n; i++) {
    const r = repIdx[i]!;
    if (r < 0 || !inPeriod[i] || (pass !== null && !pass[i])) continue;
    const v = vals[i]!;
    if (Number.isNaN(v)) {
      blanks[r]!++;
      continue;
    }
    rows[r]!++;
    if (exact) sums[r]! += v;
    else {
      const s = sums[r]!;
      const t = s + v;
      comp[r]! += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      sums[r] = t;
    }
    if (v < mins[r]!) mins[r] = v;
    if (v > maxs[r]!) maxs[r] = v;
    if (sets) sets[r]!.add(v);
  }
  const unit = col.type === 'money' ? 10 ** col.scale : 1;
  for (let r = 0; r < nReps; r++) {
    const k = rows[r]!;
    const sum = sums[r]! + comp[r]!;
    let v: number | null;
    switch (fn) {
      case 'count':
        v = k;
        break;
      case 'count_distinct':
        v = sets![r]!.size;
        break;
      case 'sum':
        v = sum / unit;
        break;
      case 'avg':
        v = k === 0 ? null : sum / k / unit;
        break;
      case 'min':
        v = k === 0 ? null : mins[r]! / unit;
        break;
      case 'max':
        v = k === 0 ? null : maxs[r]! / unit;
        break;
    }
    values[r] = v !== null && !Number.isFinite(v) ? null : v === 0 ? 0 : v;
  }
  return { values, rows, blanks };
}
