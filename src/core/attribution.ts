// Putting rows in reps and periods, and aggregating them per rep in one tight pass over typed arrays.
import { problem, type Problem } from '../messages/index.js';
import type { AggregateFn, Rep, SourceSpec } from './model.js';
import type { Period } from './results.js';
import { codedIssue, type Column, type DataIssue, type Table } from './table.js';
import { codeCounts, maskOfRows, periodRows, type CodeCounts, type PeriodRows } from './period-rows.js';
import type { RowFilter } from './filter.js';
import { RowList } from './row-list.js';
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

/**
 * The rep of every row of a coded rep column, decided once per distinct id: the roster index of each code (-1: blank
 * or unknown id). Ids match after trimming; case-only differences match too. null when the column is not coded.
 */
export interface RepCodes {
  codes: Uint16Array;
  perCode: Int32Array;
}

function resolver(lookup: RepLookup): (raw: string) => number {
  return (raw) => {
    const id = clean(raw);
    const exact = lookup.byId.get(id);
    if (exact !== undefined) return exact;
    const ci = lookup.byLower.get(id.toLowerCase());
    return ci === undefined ? -1 : ci;
  };
}

export function repCodesOf(table: Table, repColumn: string | undefined, lookup: RepLookup): RepCodes | null {
  const col = repColumn === undefined ? undefined : table.columns.get(repColumn);
  if (col?.type !== 'string' || !col.coded) return null;
  const resolve = resolver(lookup);
  return { codes: col.coded.codes, perCode: Int32Array.from(col.coded.dict, (id) => resolve(id ?? '')) };
}

/** Roster index of every row (-1: blank or unknown id). Ids match after trimming; case-only differences match too. */
export function attributeRows(table: Table, repColumn: string | undefined, lookup: RepLookup): RepIndex {
  const n = table.rowCount;
  const out = lookup.reps.length < 0x7fff ? new Int16Array(n) : new Int32Array(n);
  const coded = repCodesOf(table, repColumn, lookup);
  if (coded) {
    const { codes, perCode } = coded;
    for (let i = 0; i < n; i++) out[i] = perCode[codes[i]!]!;
    return out;
  }
  out.fill(-1);
  const col = repColumn === undefined ? undefined : table.columns.get(repColumn);
  if (!col) return out;
  const resolve = resolver(lookup);
  const memo = new Map<string, number>();
  for (let i = 0; i < n; i++) {
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

interface Unknown {
  count: number;
  /** Index of its first row in the period. */
  first: number;
  /** Its rows, once there is a second (most unknown ids are one stray row each). */
  rows: RowList | null;
}
interface CaseOnly {
  count: number;
  first: number;
  rep: string;
}

/**
 * Issues for rows in the period: one per unknown rep id (rows not counted), one per id matched only ignoring case.
 * `rep` is the rep of every row, or of every code of a coded rep column (then `counts`, the codes' counts in the
 * period, may be given when already taken).
 */
export function attributionIssues(
  table: Table,
  spec: SourceSpec,
  rep: RepIndex | RepCodes,
  inPeriod: PeriodRows,
  lookup: RepLookup,
  periodLabel: string,
  counts?: CodeCounts,
): DataIssue[] {
  const col = spec.rep === undefined ? undefined : table.columns.get(spec.rep);
  const header = headerOf(spec, spec.rep ?? 'rep');
  if (!col) {
    if (spec.rep === undefined) return [];
    return [
      codedIssue(problem('KPI2208', { column: spec.rep }), { file: table.file, source: table.source, column: header, severity: 'error', action: 'skipped' }),
    ];
  }
  // Each roster id cleaned once, not once per row.
  const cleanIds = lookup.reps.map((r) => clean(r.id));
  const found =
    'perCode' in rep && col.type === 'string' && col.coded
      ? byCode(table, rep, inPeriod, cleanIds, col.coded.dict, counts)
      : byRow(table, col, rep as RepIndex, inPeriod, cleanIds);
  const { unknown, caseOnly } = found;
  const issues: DataIssue[] = [];
  for (const [raw, e] of [...unknown].sort((a, b) => a[1].first - b[1].first)) {
    const first = table.rowNumbers[e.first]!;
    const p = raw === '' ? problem('KPI2202', { n: e.count, period: periodLabel, first }) : unknownRep(raw, e.count, periodLabel, first, lookup);
    issues.push({
      file: table.file,
      source: table.source,
      row: first,
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
    issues.push(
      codedIssue(p, {
        file: table.file,
        source: table.source,
        row: table.rowNumbers[e.first]!,
        column: header,
        value: raw,
        severity: 'warning',
        action: 'kept',
      }),
    );
  }
  return issues;
}

type Found = { unknown: Map<string, Unknown>; caseOnly: Map<string, CaseOnly> };

/** Unknown and case-only ids row by row (a rep of its own per row: a plain column, split credit). */
function byRow(table: Table, col: Column, repIdx: RepIndex, inPeriod: PeriodRows, cleanIds: readonly string[]): Found {
  const unknown = new Map<string, Unknown>();
  const caseOnly = new Map<string, CaseOnly>();
  const coded = col.type === 'string' ? col.coded : undefined;
  const trimmed = coded?.dict.map((id) => (id ?? '').trim());
  const rawAt = (i: number): string => {
    if (coded) return trimmed![coded.codes[i]!]!;
    if (col.type === 'string') return (col.values[i] ?? '').trim();
    const v = col.values[i]!;
    return Number.isNaN(v) ? '' : String(v);
  };
  const rows = inPeriod.rows;
  for (let k = 0; k < inPeriod.count; k++) {
    const i = rows === null ? k : rows[k]!;
    const idx = repIdx[i]!;
    if (idx === NOT_CREDITED) continue;
    const raw = rawAt(i);
    if (idx >= 0) {
      const rep = cleanIds[idx]!;
      if (raw === rep) continue;
      const e = caseOnly.get(raw);
      if (e) e.count++;
      else caseOnly.set(raw, { count: 1, first: i, rep });
      continue;
    }
    const e = unknown.get(raw);
    if (e) {
      e.count++;
      (e.rows ??= RowList.of([table.rowNumbers[e.first]!])).push(table.rowNumbers[i]!);
    } else unknown.set(raw, { count: 1, first: i, rows: null });
  }
  return { unknown, caseOnly };
}

/** The same, decided once per code from the codes' counts in the period; a second pass only for the rows of unknown ids. */
function byCode(table: Table, rep: RepCodes, inPeriod: PeriodRows, cleanIds: readonly string[], dict: readonly (string | null)[], counts?: CodeCounts): Found {
  const unknown = new Map<string, Unknown>();
  const caseOnly = new Map<string, CaseOnly>();
  const { perCode, codes } = rep;
  const cc = counts ?? codeCounts(codes, dict.length, inPeriod);
  /** Per code: its unknown id's entry, when it is one. */
  const unknownOf: (Unknown | undefined)[] = [];
  for (let c = 0; c < dict.length; c++) {
    const count = cc.counts[c]!;
    if (count === 0) continue;
    const first = cc.first[c]!;
    const raw = (dict[c] ?? '').trim();
    const idx = perCode[c]!;
    if (idx >= 0) {
      const id = cleanIds[idx]!;
      if (raw === id) continue;
      const e = caseOnly.get(raw);
      if (!e) caseOnly.set(raw, { count, first, rep: id });
      else {
        e.count += count;
        // The rep of its first row, as row by row.
        if (first < e.first) Object.assign(e, { first, rep: id });
      }
      continue;
    }
    let e = unknown.get(raw);
    if (!e) unknown.set(raw, (e = { count, first, rows: null }));
    else {
      e.count += count;
      e.first = Math.min(e.first, first);
    }
    unknownOf[c] = e;
  }
  const listed = [...unknown.values()].filter((e) => e.count > 1);
  if (listed.length > 0) {
    for (const e of listed) e.rows = new RowList(1); // grown as row by row, so the lists are alike
    const rows = inPeriod.rows;
    for (let k = 0; k < inPeriod.count; k++) {
      const i = rows === null ? k : rows[k]!;
      const e = unknownOf[codes[i]!];
      if (e?.rows) e.rows.push(table.rowNumbers[i]!);
    }
  }
  return { unknown, caseOnly };
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

/** How many rows periodRows would list; by a date column without listing them. */
export function rowsInPeriod(table: Table, spec: Pick<SourceSpec, 'date' | 'period'>, period: Period): number {
  const name = spec.date ?? spec.period;
  const col = name === undefined ? undefined : table.columns.get(name);
  if (col?.type !== 'date') return periodRows(table, spec, period).count;
  const vals = col.values;
  const { start, end } = period;
  const n = table.rowCount;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const d = vals[i]!;
    if (d >= start && d <= end) k++;
  }
  return k;
}

/** Rows in the period (core/period-rows.ts) as a mask: 1 = in the period. */
export function periodMask(table: Table, spec: Pick<SourceSpec, 'date' | 'period'>, period: Period): Uint8Array {
  return maskOfRows(periodRows(table, spec, period));
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
 * The rows an aggregate takes, in file order, and the rep (or team) each counts for, handed over a chunk at a time:
 * `take(k)` reads the first k entries of `rows` and `reps`. Kept apart from the sums, so that every way of choosing
 * the rows (masks, or the period's rows with per-code tables) feeds the same arithmetic.
 */
export type Selection = (take: (rows: Int32Array, reps: Int32Array, k: number) => void) => void;

const CHUNK = 1 << 14;

/** Rows with a rep (`repIdx` ≥ 0), in the period and passing the filter (null = no filter), read from masks. */
export function selectByMask(repIdx: RepIndex, inPeriod: Uint8Array, pass: Uint8Array | null): Selection {
  return (take) => {
    const rows = new Int32Array(CHUNK);
    const reps = new Int32Array(CHUNK);
    let k = 0;
    for (let i = 0; i < repIdx.length; i++) {
      const r = repIdx[i]!;
      if (r < 0 || !inPeriod[i] || (pass !== null && !pass[i])) continue;
      rows[k] = i;
      reps[k] = r;
      if (++k === CHUNK) {
        take(rows, reps, k);
        k = 0;
      }
    }
    if (k > 0) take(rows, reps, k);
  };
}

/**
 * The same rows, read from the period's rows only: the rep of a row from its code (or from `rep` per row), each
 * coded condition from a flag per code, the others from their mask.
 */
export function selectInPeriod(inPeriod: PeriodRows, rep: RepIndex | RepCodes, filter: RowFilter): Selection {
  return (take) => {
    const rows = new Int32Array(CHUNK);
    const reps = new Int32Array(CHUNK);
    const m = inPeriod.count;
    // The period's rows a block at a time, each block's rows picked by a small function of its own (below).
    for (let j = 0; j < m; j += CHUNK) {
      const k = pickRows(inPeriod.rows, j, Math.min(m, j + CHUNK), rep, filter, rows, reps);
      if (k > 0) take(rows, reps, k);
    }
  };
}

/**
 * Of the period's rows `from` to `to` (places in `list`; null: every row), those with a rep that pass the filter,
 * into `rows` and `reps` from 0 on; how many. Without a branch on the row's values: each row is written at the next
 * place, and that place moves on only for a row taken (a stage filter over rows in no order of stage makes such a
 * branch guess wrong often). A small function of its own, so that V8 optimises its loop soon, apart from the
 * aggregate that takes the rows. At 10M rows (2M in the period) this and the period's rows listed the same way took
 * about a fifth off the score (session 14, docs/benchmark.md).
 */
function pickRows(list: Int32Array | null, from: number, to: number, rep: RepIndex | RepCodes, filter: RowFilter, rows: Int32Array, reps: Int32Array): number {
  const { codes: fcodes, flags, mask } = filter;
  const nc = fcodes.length;
  const byCode = 'perCode' in rep;
  const codes = byCode ? rep.codes : null;
  const perCode = byCode ? rep.perCode : null;
  const repIdx = byCode ? null : rep;
  // The first coded condition (most filters have one) read without going through the lists.
  const f0 = nc > 0 ? flags[0]! : null;
  const c0 = nc > 0 ? fcodes[0]! : null;
  let k = 0;
  for (let j = from; j < to; j++) {
    const i = list === null ? j : list[j]!;
    const r = perCode !== null ? perCode[codes![i]!]! : repIdx![i]!;
    let ok = +(r >= 0);
    if (f0 !== null) ok &= +(f0[c0![i]!] !== 0);
    if (mask !== null) ok &= +(mask[i] !== 0);
    for (let c = 1; c < nc; c++) ok &= +(flags[c]![fcodes[c]![i]!] !== 0);
    rows[k] = i;
    reps[k] = r;
    k += ok;
  }
  return k;
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
  return aggregateSelected(table, selectByMask(repIdx, inPeriod, pass), fn, column, nReps);
}

/** Aggregates `column` per rep (or team) over the rows `select` hands over: see aggregateByRep. */
export function aggregateSelected(
  table: Table,
  select: Selection,
  fn: AggregateFn,
  column: string | undefined,
  nReps: number,
): AggOutcome | { error: AggError } {
  const rows = new Int32Array(nReps);
  const blanks = new Int32Array(nReps);
  const values: (number | null)[] = new Array<number | null>(nReps).fill(null);
  const col = column === undefined ? undefined : table.columns.get(column);
  const why = (term: AggError['term']): { error: AggError } => ({ error: { term, values: { column: column ?? '', source: table.source, fn } } });
  if (column !== undefined && !col) return why('term.agg.columnMissing');
  if (!col) {
    if (fn !== 'count') return why('term.agg.needsColumn');
    select((_, reps, k) => {
      for (let j = 0; j < k; j++) rows[reps[j]!]!++;
    });
    for (let r = 0; r < nReps; r++) values[r] = rows[r]!;
    return { values, rows, blanks };
  }
  if (col.type === 'string') {
    if (fn !== 'count' && fn !== 'count_distinct') return why('term.agg.textColumn');
    const sets = fn === 'count_distinct' ? Array.from({ length: nReps }, () => new Set<string>()) : null;
    const coded = col.coded;
    // A coded column: each code's text, trimmed, once (null: blank).
    const textOf = coded?.dict.map((s) => (s == null || s.trim() === '' ? null : s.trim()));
    const vals = coded ? null : col.values;
    select((at, reps, k) => {
      for (let j = 0; j < k; j++) {
        const i = at[j]!;
        const r = reps[j]!;
        let t: string | null;
        if (coded) t = textOf![coded.codes[i]!]!;
        else {
          const s = vals![i];
          t = s == null || s.trim() === '' ? null : s.trim();
        }
        if (t === null) {
          blanks[r]!++;
          continue;
        }
        rows[r]!++;
        if (sets) sets[r]!.add(t);
      }
    });
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
  select((at, reps, k) => {
    for (let j = 0; j < k; j++) {
      const r = reps[j]!;
      const v = vals[at[j]!]!;
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
  });
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
