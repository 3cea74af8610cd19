// Rows credited to a rep but dated before the rep's start date (the roster's `start_date`). Nobody sells before
// joining: such rows are a leaver's orders moved with the accounts to the newcomer, or a wrong id, and they paid
// the newcomer (with or without proration) without a word. Said per source and rep with the first row and the
// count, as a data issue: the run is not final until someone has looked.
import { attributeRows, repCodesOf, repLookup } from '../../core/attribution.js';
import { periodKey } from '../../core/period-rows.js';
import type { SourceSpec } from '../../core/model.js';
import type { Table } from '../../core/table.js';
import type { Period } from '../../core/results.js';
import { dayFromIso, isoFromDay } from '../../core/period.js';
import { headerOf } from '../../core/roster.js';
import { comparesWith, sourcesBehind } from '../../core/rules/metrics/index.js';
import { problem, type Problem } from '../../messages/index.js';
import type { Prepared } from '../pipeline.js';
import { periodRowsCache } from '../period-rows-cache.js';

export interface EarlyRows {
  file: string;
  source: string;
  /** The first such row, as the file numbers it. */
  row: number;
  column: string;
  value: string;
  problem: Problem;
}

export function rowsBeforeStart(run: Pick<Prepared, 'model' | 'tables' | 'period' | 'reps'>): EarlyRows[] {
  const starts = run.reps.map((r) => (r.startDate === undefined ? null : dayFromIso(r.startDate)) ?? Number.NaN);
  const read = periodsRead(run);
  const out: EarlyRows[] = [];
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    const periods = read.get(spec.name);
    if (!table || !periods || spec.date === undefined || spec.rep === undefined) continue;
    const col = table.columns.get(spec.date);
    if (col?.type !== 'date') continue;
    const from = periods.reduce((lo, p) => Math.min(lo, p.start), Number.POSITIVE_INFINITY);
    if (!starts.some((s) => s > from)) continue;
    const dates = col.values;
    const found = new Map<number, { first: number; n: number }>();
    const see = (i: number, r: number): void => {
      const f = found.get(r);
      if (f) f.n++;
      else found.set(r, { first: i, n: 1 });
    };
    const lookup = repLookup(run.reps);
    const coded = repCodesOf(table, spec.rep, lookup);
    const listed = periods.length === 1 ? listedRows(run, spec, table, periods[0] as Period) : null;
    if (coded !== null && listed !== null) {
      // One period, listed by the scoring (ascending): only its rows are read, their rep decided per text code.
      const { codes, perCode } = coded;
      for (let k = earlyRow(listed, 0, codes, perCode, dates, starts); k < listed.length; k = earlyRow(listed, k + 1, codes, perCode, dates, starts)) {
        const i = listed[k]!;
        see(i, perCode[codes[i]!]!);
      }
    } else {
      const reps = attributeRows(table, spec.rep, lookup);
      for (let i = 0; i < table.rowCount; i++) {
        const r = reps[i]!;
        const d = dates[i]!;
        if (r < 0 || !(d < starts[r]!) || !periods.some((p) => d >= p.start && d <= p.end)) continue;
        see(i, r);
      }
    }
    for (const [r, f] of [...found].sort((a, b) => a[1].first - b[1].first)) {
      const rep = run.reps[r]!;
      const row = table.rowNumbers[f.first]!;
      const date = isoFromDay(dates[f.first]!);
      out.push({
        file: table.file,
        source: spec.name,
        row,
        column: headerOf(spec, spec.date),
        value: date,
        problem: problem('KPI2790', { n: f.n, source: spec.name, rep: rep.id, start: rep.startDate ?? '', row, date }),
      });
    }
  }
  return out;
}

/**
 * The first place in `listed` from `k` on whose row is dated before its rep's start (`listed.length`: none). A small
 * loop in a function of its own, so that V8 optimises it soon (see export-ends.ts daysWithRows).
 */
function earlyRow(listed: Int32Array, k: number, codes: Uint16Array, perCode: Int32Array, dates: Float64Array, starts: readonly number[]): number {
  for (; k < listed.length; k++) {
    const i = listed[k]!;
    const r = perCode[codes[i]!]!;
    if (r >= 0 && dates[i]! < starts[r]!) return k;
  }
  return k;
}

/**
 * The rows of `spec` dated in `period` as the scoring of these tables listed them (period-rows-cache.ts), when it
 * did, by the same date column (a derived one is only on the scoring's copy); null otherwise.
 */
function listedRows(run: Pick<Prepared, 'tables'>, spec: SourceSpec, table: Table, period: Period): Int32Array | null {
  const listed = periodRowsCache(run.tables).get(periodKey(spec.name, period));
  if (listed === undefined || listed.rows === null || listed.rowCount !== table.rowCount) return null;
  if (spec.derived.some((d) => d.name === spec.date)) return null;
  return listed.rows.subarray(0, listed.count);
}

/** Per source, the periods whose rows the run reads: the one scored, and those growth metrics compare it with. */
function periodsRead(run: Pick<Prepared, 'model' | 'period'>): Map<string, Period[]> {
  const out = new Map(run.model.sources.map((s) => [s.name, [run.period]]));
  const specs = new Map(run.model.metrics.map((m) => [m.name, m]));
  for (const m of run.model.metrics) {
    const compared = comparesWith(m, run.period);
    if (compared) for (const s of sourcesBehind(compared.metric, specs)) out.get(s)?.push(compared.period);
  }
  return out;
}
