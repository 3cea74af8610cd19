// What the data itself says, read through the drafted scheme exactly as `kpi score` would read it: the latest
// month with data (the period to score), the rep ids and their names and teams (for a drafted roster), and
// each metric's average per rep and month (drafted targets, marked TODO).

import type { Model, Rep } from '../../core/model.js';
import type { Period } from '../../core/results.js';
import type { Table } from '../../core/table.js';
import { normaliseLabel, parsePeriod } from '../../core/period.js';
import { repsFromTable } from '../../core/roster.js';
import { computeMetrics } from '../../core/metrics.js';
import { readSource } from '../../reading/index.js';

/** Months of history the drafted targets average over, at most. */
const HISTORY_MONTHS = 12;

export interface DataFacts {
  period?: Period;
  /** The months the targets were averaged over (oldest first). */
  months: Period[];
  reps: Rep[];
  /** Metric → average per rep and month; absent when there was nothing to average. */
  averages: Map<string, number>;
  /** The column a drafted roster's teams came from. */
  teamColumn?: string;
}

/**
 * `measured`: the sources the metrics read; their dates decide the period and the months of history (a
 * customer list signed over years says nothing about this month's sales).
 */
export async function readFacts(model: Model, measured: ReadonlySet<string>, roleOfReps: string, repNameColumn: string | undefined): Promise<DataFacts> {
  const tables = new Map<string, Table>();
  for (const s of model.sources) tables.set(s.name, (await readSource(s, { minorUnit: model.currency.minorUnit, currency: model.currency })).table);

  let reps: Rep[];
  let teamColumn: string | undefined;
  if (model.roster.kind === 'file') {
    const t = (await readSource(model.roster.source, { minorUnit: model.currency.minorUnit, currency: model.currency })).table;
    reps = repsFromTable(t, model.roster.source).reps;
  } else {
    const drafted = draftReps(model, tables, roleOfReps, repNameColumn);
    reps = drafted.reps;
    teamColumn = drafted.teamColumn;
  }

  // The period to score: the latest month with a result (a month holding only open deals, dated ahead, is not
  // one); the targets average the months before it, or that month alone when it is the only one.
  const months = monthsWithData(model, tables, measured);
  const results = new Map<string, Map<string, Map<string, number | null>>>();
  const resultsOf = (p: Period): Map<string, Map<string, number | null>> => {
    let r = results.get(p.label);
    if (r === undefined) {
      r = computeMetrics(model, tables, reps, p);
      results.set(p.label, r);
    }
    return r;
  };
  const hasResult = (p: Period): boolean =>
    [...resultsOf(p).values()].some((values) => [...values.values()].some((v) => v !== null && Number.isFinite(v) && v !== 0));
  let at = months.length - 1;
  while (at > 0 && !hasResult(months[at] as Period)) at--;
  const period = months[at];
  const history = period === undefined ? [] : at > 0 ? months.slice(Math.max(0, at - HISTORY_MONTHS), at) : [period];
  const sums = new Map<string, { total: number; n: number }>();
  for (const p of history) {
    for (const values of resultsOf(p).values()) {
      for (const [metric, v] of values) {
        if (v === null || !Number.isFinite(v)) continue;
        const s = sums.get(metric) ?? { total: 0, n: 0 };
        s.total += v;
        s.n++;
        sums.set(metric, s);
      }
    }
  }
  const averages = new Map<string, number>();
  for (const [metric, s] of sums) if (s.n > 0) averages.set(metric, s.total / s.n);
  return { ...(period ? { period } : {}), months: history, reps, averages, ...(teamColumn ? { teamColumn } : {}) };
}

/** Every month in which a measured source has a dated (or period-labelled) row, oldest first. */
function monthsWithData(model: Model, tables: ReadonlyMap<string, Table>, measured: ReadonlySet<string>): Period[] {
  const labels = new Set<string>();
  const addDay = (day: number): void => {
    const d = new Date(day * 86_400_000);
    labels.add(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  };
  for (const s of model.sources) {
    if (s.rep === undefined || !measured.has(s.name)) continue;
    const t = tables.get(s.name);
    if (!t) continue;
    const dates = s.date ? t.columns.get(s.date) : undefined;
    if (dates?.type === 'date') for (const day of dates.values) if (Number.isFinite(day)) addDay(day);
    const periods = s.period ? t.columns.get(s.period) : undefined;
    if (periods?.type === 'string') {
      for (const v of periods.values) {
        const p = v === null ? null : normaliseLabel(v);
        if (p !== null && p.kind === 'month') addDay(p.start);
      }
    }
  }
  return [...labels]
    .sort()
    .map((l) => parsePeriod(l))
    .filter((p): p is Period => !('error' in p));
}

/**
 * A totals row's label in the rep column (合计, 小计, Total, "East Subtotal", "R1 汇总"): not a rep. Drafted as one, it
 * would sit in the roster (its rows then counted for it, never reported) and pull every drafted average down.
 */
const TOTALS_ROW =
  /^(?:.*\s)?(?:合计|合計|总计|總計|小计|小計|共计|汇总|彙總|total|totals|grand total|subtotal|sub-total|sum)[:：]?$|^(?:.+)(?:合计|合計|总计|小计|小計|汇总)$/i;

/** Reps from the ids in the data: the name from a rep-name column, the team from a team or region column. */
function draftReps(model: Model, tables: ReadonlyMap<string, Table>, role: string, nameColumn: string | undefined): { reps: Rep[]; teamColumn?: string } {
  const names = new Map<string, string>();
  const teams = new Map<string, Map<string, number>>();
  let teamColumn: string | undefined;
  const ids = new Set<string>();
  for (const s of model.sources) {
    if (s.rep === undefined) continue;
    const t = tables.get(s.name);
    const repCol = t?.columns.get(s.rep);
    if (!t || repCol?.type !== 'string') continue;
    const nameCol = nameColumn ? t.columns.get(nameColumn) : undefined;
    const teamName = ['team', 'region'].find((c) => t.columns.get(c)?.type === 'string');
    const teamCol = teamName ? t.columns.get(teamName) : undefined;
    if (teamCol && teamColumn === undefined) teamColumn = s.columns.find((c) => c.name === teamName)?.header;
    for (let i = 0; i < t.rowCount; i++) {
      const id = repCol.values[i];
      if (id === null || id === undefined || TOTALS_ROW.test(id)) continue;
      ids.add(id);
      const name = nameCol?.type === 'string' ? nameCol.values[i] : null;
      if (name && !names.has(id)) names.set(id, name);
      const team = teamCol?.type === 'string' ? teamCol.values[i] : null;
      if (team) {
        const counts = teams.get(id) ?? new Map<string, number>();
        counts.set(team, (counts.get(team) ?? 0) + 1);
        teams.set(id, counts);
      }
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const reps = [...ids].sort(collator.compare).map((id) => {
    const counts = [...(teams.get(id) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
    return { id, name: names.get(id) ?? id, team: counts[0]?.[0] ?? 'Sales', role, baseBonus: 0 };
  });
  return { reps, ...(teamColumn ? { teamColumn } : {}) };
}
