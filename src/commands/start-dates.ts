// Rows credited to a rep but dated before the rep's start date (the roster's `start_date`). Nobody sells before
// joining: such rows are a leaver's orders moved with the accounts to the newcomer, or a wrong id, and they paid
// the newcomer (with or without proration) without a word. Said per source and rep with the first row and the
// count, as a data issue: the run is not final until someone has looked.
import { attributeRows, repLookup } from '../core/attribution.js';
import type { Period } from '../core/results.js';
import { dayFromIso, isoFromDay } from '../core/period.js';
import { headerOf } from '../core/roster.js';
import { comparesWith, sourcesBehind } from '../core/rules/metrics/index.js';
import { problem, type Problem } from '../messages/index.js';
import type { Prepared } from './pipeline.js';

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
    const reps = attributeRows(table, spec.rep, repLookup(run.reps));
    const dates = col.values;
    const found = new Map<number, { first: number; n: number }>();
    for (let i = 0; i < table.rowCount; i++) {
      const r = reps[i]!;
      const d = dates[i]!;
      if (r < 0 || !(d < starts[r]!) || !periods.some((p) => d >= p.start && d <= p.end)) continue;
      const f = found.get(r);
      if (f) f.n++;
      else found.set(r, { first: i, n: 1 });
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
