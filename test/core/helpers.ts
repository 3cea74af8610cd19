// Hand-built models and tables for core tests (no YAML loader, no files).
import { DEFAULT_SMART } from '../../src/core/model.js';
import type { BonusSpec, ColumnType, MetricDef, MetricSpec, Model, Rep, ScoringSpec, SourceSpec, TargetSpec } from '../../src/core/model.js';
import type { Column, Table } from '../../src/core/table.js';
import type { Period } from '../../src/core/results.js';
import { dayFromIso, parsePeriod } from '../../src/core/period.js';

export type Cell = string | number | null;

/** Column values as written: money in currency units (converted to minor units at scale 2), dates as ISO. */
export function column(type: ColumnType, values: Cell[], scale = 2): Column {
  if (type === 'string') return { type, values: values.map((v) => (v === null ? null : String(v))) };
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (v === null || v === '') out[i] = NaN;
    else if (type === 'date') out[i] = typeof v === 'number' ? v : (dayFromIso(v) ?? NaN);
    else if (type === 'money') out[i] = Math.round(Number(v) * 10 ** scale);
    else out[i] = Number(v);
  });
  return type === 'money' ? { type, values: out, scale } : { type, values: out };
}

export function table(source: string, cols: Record<string, [ColumnType, Cell[]]>, file = `${source}.csv`): Table {
  const columns = new Map<string, Column>();
  let n = 0;
  for (const [name, [type, values]] of Object.entries(cols)) {
    columns.set(name, column(type, values));
    n = values.length;
  }
  // Row 1 is the header, so data rows are 2..n+1 as in a spreadsheet.
  return { source, file, rowCount: n, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2), columns };
}

export function source(name: string, over: Partial<SourceSpec> = {}): SourceSpec {
  return {
    name,
    file: `/x/${name}.csv`,
    fileAsWritten: `${name}.csv`,
    format: 'csv',
    encoding: 'auto',
    decimal: '.',
    dateOrder: 'ymd',
    onBadRow: 'skip',
    columns: [],
    rep: 'rep',
    date: 'date',
    derived: [],
    ...over,
  };
}

export function target(
  over: Partial<Omit<TargetSpec, 'byRole' | 'byTeam' | 'byRep'>> & {
    byRole?: Record<string, number>;
    byTeam?: Record<string, number>;
    byRep?: Record<string, number>;
  } = {},
): TargetSpec {
  const { byRole, byTeam, byRep, ...rest } = over;
  return { byRole: new Map(Object.entries(byRole ?? {})), byTeam: new Map(Object.entries(byTeam ?? {})), byRep: new Map(Object.entries(byRep ?? {})), ...rest };
}

export function metric(name: string, def: MetricDef, over: Partial<MetricSpec> = {}): MetricSpec {
  return {
    name,
    label: name,
    direction: 'higher_is_better',
    def,
    target: target(),
    scoring: { method: 'ratio', cap: 1.5 } as ScoringSpec,
    ...over,
  };
}

export function rep(id: string, over: Partial<Rep> = {}): Rep {
  return { id, name: id, team: 'T', role: 'ae', baseBonus: 1000, ...over };
}

export const noBonus: BonusSpec = { mode: 'step', tiers: [{ label: 'All', from: 0, multiplier: 1 }], points: [], proration: 'none' };

/**
 * Step tiers from [label, from, multiplier], lowest first: each band ends where the next begins, the last is open.
 * No proration unless `over` says so.
 */
export function stepBonus(tiers: readonly (readonly [string, number, number])[], over: Partial<BonusSpec> = {}): BonusSpec {
  return {
    mode: 'step',
    tiers: tiers.map(([label, from, multiplier], i) => {
      const to = tiers[i + 1]?.[1];
      return to === undefined ? { label, from, multiplier } : { label, from, to, multiplier };
    }),
    points: [],
    proration: 'none',
    ...over,
  };
}

/** The step tiers most tests pay on: below 80 % nothing, 80 % → 0.8, 100 % → 1.2, 120 % → 1.6. */
export const FOUR_TIERS = [
  ['Below', 0, 0],
  ['Near', 0.8, 0.8],
  ['On', 1, 1.2],
  ['Stretch', 1.2, 1.6],
] as const;

/** Linear points: no bonus at 50 %, the base bonus at 100 %, twice it at 150 %. No proration unless `over` says so. */
export function linearBonus(over: Partial<BonusSpec> = {}): BonusSpec {
  return {
    mode: 'linear',
    tiers: [],
    points: [
      { score: 0.5, multiplier: 0 },
      { score: 1, multiplier: 1 },
      { score: 1.5, multiplier: 2 },
    ],
    proration: 'none',
    ...over,
  };
}

export type ModelOver = Omit<Partial<Model>, 'weights'> & { weights?: Model['weights'] | Record<string, Record<string, number>> };

export function model(over: ModelOver = {}): Model {
  const { weights, ...rest } = over;
  const w = weights instanceof Map ? weights : new Map(Object.entries(weights ?? {}).map(([role, ws]) => [role, new Map(Object.entries(ws))] as const));
  return {
    schemeFile: '/x/scheme.yaml',
    name: 'Test scheme',
    currency: { code: 'USD', minorUnit: 2, symbol: '$' },
    sources: [],
    roster: { kind: 'inline', reps: [] },
    metrics: [],
    gates: [],
    bonus: noBonus,
    smart: { ...DEFAULT_SMART },
    ...rest,
    weights: w,
  };
}

export function period(label: string): Period {
  const p = parsePeriod(label);
  if ('error' in p) throw new Error(p.error.key);
  return p;
}
