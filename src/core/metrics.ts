// Metric actuals per rep for a period, with provenance. One Engine per run holds the per-table work that
// does not depend on the metric (rep index of every row, period and filter masks), so a 1M-row source is
// scanned once per metric, never per rep.
import type { Aggregate, MetricSpec, Model, Rep, SourceSpec, Unit } from './model.js';
import type { Period, Provenance } from './results.js';
import { codedIssue, type DataIssue, type Table } from './table.js';
import { addDerivedColumns } from './derived-columns.js';
import { conditionMask, filterMisses, filterText, invisibleInFilter, looks, rowFilter, showLookAlike, type RowFilter } from './filter.js';
import { headerOf } from './roster.js';
import {
  aggregateSelected,
  attributeRows,
  repCodesOf,
  repLookup,
  selectByMask,
  selectInPeriod,
  type RepCodes,
  type RepIndex,
  type RepLookup,
  type Selection,
} from './attribution.js';
import { codeCounts, maskOfRows, periodKey, periodRows, type CodeCounts, type PeriodRows, type PeriodRowsCache } from './period-rows.js';
import * as fmt from './format.js';
import { aggregationText, kindValues, rowsRead, type MetricValues } from './rules/metrics/index.js';
import { said, type Said, type Text } from './says.js';
import { problem, type Problem } from '../messages/index.js';
import { aggregateCredited, creditedColumns, excludeBadOrders, refundRowsOf, splitCredit, type SplitCredit } from './split-credit.js';
import { rollupsOf, rollupText, type Rollups } from './rollup.js';

export type { MetricValues } from './rules/metrics/index.js';

/** A source as the engine holds it: derived columns added, every row's rep, and its split credit when it has one. */
export interface EngineSource {
  spec: SourceSpec;
  table: Table;
  /** Roster index of every row, built on first use: the paths that can read `repCodes` instead never build it. */
  readonly repIdx: RepIndex;
  /** A coded rep column's codes and each code's roster index, when a row's rep is its code's (no split credit). */
  repCodes: RepCodes | null;
  credit?: SplitCredit;
}

export interface Engine {
  model: Model;
  lookup: RepLookup;
  nReps: number;
  sources: Map<string, EngineSource>;
  /** Reps scored on their team's rows (scheme `rollups:`), and the row → group maps per source and layer. */
  rollups: Rollups;
  rollupRows: Map<string, Int32Array>;
  periodMasks: Map<string, Uint8Array>;
  /** Per source and period: its rows in the period (periodKey), and the counts per code of coded columns over them. */
  periodRows: PeriodRowsCache;
  codeCounts: Map<string, CodeCounts>;
  filterMasks: Map<string, Uint8Array | null | { error: string; column: string }>;
  filterParts: Map<string, RowFilter | { missing: string }>;
  /** Collected once per distinct message. */
  issues: DataIssue[];
  issueKeys: Set<string>;
  periods: Map<string, PeriodContext>;
  /** The period a run over a shared engine scores (its data warnings are said); else the first one asked for. */
  scored?: string;
  /** Periods a growth metric of the scored period compares with, in this run: their data warnings are said too. */
  compared: Set<string>;
  /** The growth metric whose comparison is being computed: a data warning of that period names it. */
  comparedBy?: string;
}

interface PeriodContext {
  period: Period;
  cache: Map<string, MetricValues>;
  busy: Set<string>;
  /** Computed as a period whose data warnings are said (scored, or compared with the scored one), with them. */
  warned: boolean;
}

/** `periodRows`: the caller's cache of the sources' rows per period, filled as the engine lists them. */
export function createEngine(model: Model, tables: ReadonlyMap<string, Table>, reps: readonly Rep[], periodRows: PeriodRowsCache = new Map()): Engine {
  const lookup = repLookup(reps);
  const sources = new Map<string, EngineSource>();
  for (const spec of model.sources) {
    const raw = tables.get(spec.name);
    if (!raw) continue;
    const table = addDerivedColumns(raw, spec);
    const repCodes = spec.split ? null : repCodesOf(table, spec.rep, lookup);
    let repIdx: RepIndex | null = null;
    const s: EngineSource = {
      spec,
      table,
      repCodes,
      get repIdx(): RepIndex {
        repIdx ??= attributeRows(table, spec.rep, lookup);
        return repIdx;
      },
    };
    if (spec.split) {
      s.credit = splitCredit(table, spec, creditedColumns(model, spec, table), refundRowsOf(model, spec, table));
      excludeBadOrders(s.repIdx, s.credit);
    }
    sources.set(spec.name, s);
  }
  return {
    model,
    lookup,
    nReps: reps.length,
    sources,
    rollups: rollupsOf(model, reps),
    rollupRows: new Map(),
    periodMasks: new Map(),
    periodRows,
    codeCounts: new Map(),
    filterMasks: new Map(),
    filterParts: new Map(),
    issues: [],
    issueKeys: new Set(),
    periods: new Map(),
    compared: new Set(),
  };
}

/**
 * A run over a shared engine: the masks and metric values already computed are reused, but the run collects
 * its own issues, so each period's result reports the rows of that period only, and says the data warnings of
 * its own period (a backtest's later months too).
 */
export function engineForRun(shared: Engine, period: Period): Engine {
  return { ...shared, issues: [], issueKeys: new Set(), scored: period.label, compared: new Set(), comparedBy: undefined };
}

export function addIssue(engine: Engine, issue: DataIssue): void {
  const key = `${issue.source ?? ''}\u0000${issue.row ?? ''}\u0000${issue.reason}`;
  if (engine.issueKeys.has(key)) return;
  engine.issueKeys.add(key);
  engine.issues.push(issue);
}

/** The rows of a source in a period, listed once per run (or per shared engine). */
export function periodRowsOf(engine: Engine, source: string, period: Period): PeriodRows | null {
  const s = engine.sources.get(source);
  if (!s) return null;
  const key = periodKey(source, period);
  let p = engine.periodRows.get(key);
  if (!p) {
    p = periodRows(s.table, s.spec, period);
    engine.periodRows.set(key, p);
  }
  return p;
}

/** The same rows as a mask, for the paths that read one (split credit, collections). */
export function periodMaskOf(engine: Engine, source: string, period: Period): Uint8Array | null {
  const key = `${source}\u0000${period.label}`;
  let m = engine.periodMasks.get(key);
  if (!m) {
    const p = periodRowsOf(engine, source, period);
    if (!p) return null;
    m = maskOfRows(p);
    engine.periodMasks.set(key, m);
  }
  return m;
}

/** Per code of a coded column of a source: its rows in the period and the first of them. undefined: not coded. */
export function codeCountsOf(engine: Engine, source: string, period: Period, column: string): CodeCounts | undefined {
  const key = `${source}\u0000${period.label}\u0000${column}`;
  let c = engine.codeCounts.get(key);
  if (!c) {
    const col = engine.sources.get(source)?.table.columns.get(column);
    if (col?.type !== 'string' || !col.coded) return undefined;
    c = codeCounts(col.coded.codes, col.coded.dict.length, periodRowsOf(engine, source, period)!);
    engine.codeCounts.set(key, c);
  }
  return c;
}

function filterPartsOf(engine: Engine, agg: Aggregate): RowFilter | { missing: string } {
  const key = `${agg.source}\u0000${JSON.stringify(agg.filter)}`;
  let f = engine.filterParts.get(key);
  if (!f) {
    f = rowFilter(engine.sources.get(agg.source)!.table, agg.filter);
    engine.filterParts.set(key, f);
  }
  return f;
}

/**
 * The rows an aggregate of a source takes in the period, for each rep or (`layer`) team of a rollup layer: from
 * the period's rows with the rep per code and the filter per code, or from masks when a split credits rows apart.
 */
function selectionOf(engine: Engine, source: string, s: EngineSource, period: Period, agg: Aggregate, filter: RowFilter, layer?: number): Selection {
  if (s.credit) {
    const repIdx = layer === undefined ? s.repIdx : rollupRowsOf(engine, source, s, layer);
    return selectByMask(repIdx, periodMaskOf(engine, source, period)!, filterMaskOf(engine, agg) as Uint8Array | null);
  }
  const rows = periodRowsOf(engine, source, period)!;
  if (layer === undefined) return selectInPeriod(rows, s.repCodes ?? s.repIdx, filter);
  const groupOfRep = engine.rollups.layers[layer]!.groupOfRep;
  const rc = s.repCodes;
  const rep = rc ? { codes: rc.codes, perCode: rc.perCode.map((r) => (r >= 0 ? groupOfRep[r]! : r)) } : rollupRowsOf(engine, source, s, layer);
  return selectInPeriod(rows, rep, filter);
}

function filterMaskOf(engine: Engine, agg: Aggregate): Uint8Array | null | { error: string; column: string } {
  if (agg.filter.length === 0) return null;
  const key = `${agg.source}\u0000${JSON.stringify(agg.filter)}`;
  const cached = engine.filterMasks.get(key);
  if (cached !== undefined) return cached;
  const s = engine.sources.get(agg.source)!;
  let out: Uint8Array | { error: string; column: string } | null = null;
  for (const c of agg.filter) {
    const m = conditionMask(s.table, c);
    if (!m) {
      out = { error: `filter column "${c.column}" is not in source "${agg.source}"`, column: c.column };
      break;
    }
    if (out === null) out = m;
    else {
      const acc = out as Uint8Array;
      for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! & m[i]!;
    }
  }
  engine.filterMasks.set(key, out);
  return out;
}

function contextFor(engine: Engine, period: Period): PeriodContext {
  let c = engine.periods.get(period.label);
  if (!c) {
    c = { period, cache: new Map(), busy: new Set(), warned: false };
    engine.periods.set(period.label, c);
  }
  // Values computed before without their data warnings said (another run's earlier period): once more, with them.
  if (!c.warned && warnsOfData(engine, period)) {
    c.cache = new Map();
    c.warned = true;
  }
  return c;
}

function filled<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}

function allNull(engine: Engine, steps: (Text | undefined)[], extra: Partial<Provenance> = {}): MetricValues {
  const s = steps.filter((x): x is Text => x !== undefined);
  return { values: new Array<number | null>(engine.nReps).fill(null), provenance: filled(engine.nReps, () => ({ ...extra, steps: [...s] })) };
}

/** Column unit for formatting an inline aggregate (money column → money). */
function unitOfAggregate(engine: Engine, agg: Aggregate, metricUnit?: Unit): Unit | undefined {
  if (metricUnit) return metricUnit;
  if (agg.fn === 'count' || agg.fn === 'count_distinct') return 'count';
  const col = agg.column === undefined ? undefined : engine.sources.get(agg.source)?.table.columns.get(agg.column);
  return col?.type === 'money' ? 'money' : col?.type === 'percent' ? 'percent' : 'number';
}

/** Row → group of a rollup layer, for one source (cached). */
function rollupRowsOf(engine: Engine, source: string, s: EngineSource, layer: number): Int32Array {
  const key = `${source}\u0000${layer}`;
  let out = engine.rollupRows.get(key);
  if (!out) {
    const groupOfRep = engine.rollups.layers[layer]!.groupOfRep;
    out = new Int32Array(s.table.rowCount);
    for (let i = 0; i < out.length; i++) {
      const r = s.repIdx[i]!;
      out[i] = r >= 0 ? groupOfRep[r]! : r;
    }
    engine.rollupRows.set(key, out);
  }
  return out;
}

/** `personal`: a value given per rep (input metrics) is the rep's own, also for a team lead. */
function evalAggregate(engine: Engine, ctx: PeriodContext, agg: Aggregate, unit: Unit | undefined, label: string, personal = false): MetricValues {
  const minor = engine.model.currency.minorUnit;
  const s = engine.sources.get(agg.source);
  const ftext = filterText(agg.filter);
  const base: Partial<Provenance> = { source: agg.source, aggregation: aggregationText(agg), ...(ftext ? { filter: ftext } : {}) };
  if (!s) {
    const known = engine.model.sources.some((x) => x.name === agg.source);
    const p = problem(known ? 'KPI2721' : 'KPI2722', { metric: label, source: agg.source });
    addIssue(engine, codedIssue(p, { file: engine.model.schemeFile, source: agg.source, severity: 'error', action: 'skipped' }));
    return allNull(engine, [said('step.noDataBecause', { why: said(known ? 'step.sourceNotRead' : 'step.sourceUndefined', { source: agg.source }) })], base);
  }
  base.file = s.table.file;
  const filter = filterPartsOf(engine, agg);
  const fail = (p: Problem): MetricValues => {
    addIssue(engine, codedIssue(p, { file: s.table.file, source: agg.source, severity: 'error', action: 'skipped' }));
    // The problem itself as the reason, said in the run's language (a key that is a problem's code).
    return allNull(engine, [said('step.noDataBecause', { why: { key: p.code, values: p.params } })], base);
  };
  if ('missing' in filter) return fail(problem('KPI2723', { metric: label, column: filter.missing, source: agg.source }));
  if (agg.filter.length > 0 && warnsOfData(engine, ctx.period)) filterWarnings(engine, agg, s, label, ctx.period);
  const selection = selectionOf(engine, agg.source, s, ctx.period, agg, filter);
  if (agg.fn === 'count_distinct' && agg.column !== undefined && warnsOfData(engine, ctx.period))
    distinctWarnings(engine, agg, s, selection, label, ctx.period);
  // A split source credits shares of its rows: its own sums, over masks.
  const credited = (repIdx: RepIndex, n: number, credit: SplitCredit) =>
    aggregateCredited(
      s.table,
      repIdx,
      periodMaskOf(engine, agg.source, ctx.period)!,
      filterMaskOf(engine, agg) as Uint8Array | null,
      agg.fn,
      agg.column,
      n,
      credit,
    );
  const out = s.credit ? credited(s.repIdx, engine.nReps, s.credit) : aggregateSelected(s.table, selection, agg.fn, agg.column, engine.nReps);
  if ('error' in out) return fail(problem('KPI2730', { metric: label, errorTerm: out.error.term, ...out.error.values }));
  if (!personal && warnsOfData(engine, ctx.period)) blankWarnings(engine, agg, s, selection, out.blanks, label, ctx.period);
  // Team leads and managers: the same aggregate over their team's rows, one pass per layer of disjoint teams.
  const rolled = personal ? new Map<number, Said>() : new Map(engine.rollups.groups.map((g) => [g.rep, rollupText(g, engine.lookup.reps)] as const));
  if (!personal) {
    engine.rollups.layers.forEach((layer, k) => {
      const n = layer.groups.length;
      const team = s.credit
        ? credited(rollupRowsOf(engine, agg.source, s, k), n, s.credit)
        : aggregateSelected(s.table, selectionOf(engine, agg.source, s, ctx.period, agg, filter, k), agg.fn, agg.column, n);
      if ('error' in team) return;
      layer.groups.forEach((g, j) => {
        out.values[g.rep] = team.values[j]!;
        out.rows[g.rep] = team.rows[j]!;
        out.blanks[g.rep] = team.blanks[j]!;
      });
    });
  }
  const credit = s.credit && s.spec.split ? creditText(agg, s.spec.split.share, s.credit) : undefined;
  const dated = s.spec.date !== undefined || s.spec.period !== undefined;
  const provenance = out.values.map((v, r): Provenance => {
    const rows = out.rows[r]!;
    const blanks = out.blanks[r]!;
    const rowsText = dated ? said('v.rowsIn', { n: rows, period: ctx.period.label }) : said('v.rowsUndated', { n: rows });
    const team = rolled.get(r);
    const steps: Text[] = team === undefined ? [] : [said('step.teamRows', { team })];
    const value = fmt.valueText(v, unit, minor);
    steps.push(
      agg.column === undefined
        ? said('step.actualCount', { rows: rowsText, value })
        : said('step.actualAgg', { aggregation: aggregationText(agg), rows: rowsText, value }),
    );
    if (blanks > 0) steps.push(said('step.blanksIgnored', { n: blanks, column: agg.column ?? '' }));
    if (credit !== undefined && rows > 0) steps.push(credit);
    return { ...base, rows, steps };
  });
  return { values: out.values, provenance };
}

/** How a split source credits this aggregate, for the explanation. */
function creditText(agg: Aggregate, shareColumn: string, credit: SplitCredit): Said {
  const share = credit.scale === 'points' ? said('credit.points', { share: shareColumn }) : shareColumn;
  const each = said('credit.each', { share });
  const column = agg.column ?? '';
  const how: Record<Aggregate['fn'], Said> = {
    sum: said('credit.sum', { share, column }),
    count: agg.column !== undefined ? said('credit.countWith', { share, column }) : said('credit.count', { share }),
    avg: said('credit.avg', { column, each }),
    min: said('credit.min', { column, each }),
    max: said('credit.max', { column, each }),
    count_distinct: said('credit.count_distinct'),
  };
  return said('credit.line', { how: how[agg.fn] });
}

/** The period being scored: the run's own, or the first one metrics were asked for (earlier periods only feed growth metrics). */
function isScoredPeriod(engine: Engine, period: Period): boolean {
  if (engine.scored !== undefined) return engine.scored === period.label;
  const first = engine.periods.keys().next();
  return !first.done && first.value === period.label;
}

/**
 * Whether the data warnings of `period` are said (blank values, filter values no row holds or holds in another
 * spelling, one value counted distinct in several spellings): the scored period, and a period a growth metric
 * compares it with (a blank amount or a won deal written "won" last month, left out, makes this month's growth look
 * larger without a word). A shared engine that first computed a period as a comparison said them then, in that run.
 */
function warnsOfData(engine: Engine, period: Period): boolean {
  return isScoredPeriod(engine, period) || engine.compared.has(period.label);
}

/**
 * The period a data warning names: the scored one as it is, or one a growth metric compares it with, saying so
 * (a warning about October in a November run would otherwise read as about the wrong month).
 */
function periodSaid(
  engine: Engine,
  period: Period,
): { periodTerm: 'term.period.scored' | 'term.period.compared'; period: string; growth: string; scored: string } {
  const growth = isScoredPeriod(engine, period) ? undefined : engine.comparedBy;
  const scored = engine.scored ?? engine.periods.keys().next().value ?? '';
  return { periodTerm: growth === undefined ? 'term.period.scored' : 'term.period.compared', period: period.label, growth: growth ?? '', scored };
}

/**
 * A filter value no row of the period holds zeroes the metric for everyone: say so, with the values that do
 * occur and look like it (won / WON / Wonn → Won). Invisible characters in a filter value are ignored: say that too.
 */
function filterWarnings(engine: Engine, agg: Aggregate, s: { spec: SourceSpec; table: Table }, label: string, period: Period): void {
  const base = { file: s.table.file, source: agg.source, severity: 'warning' as const, action: 'kept' as const };
  for (const v of invisibleInFilter(agg.filter)) {
    addIssue(
      engine,
      codedIssue(problem('KPI2724', { metric: label, value: v.value, column: v.column, text: v.text }), {
        ...base,
        column: headerOf(s.spec, v.column),
        value: v.value,
      }),
    );
  }
  const inPeriod = periodRowsOf(engine, agg.source, period)!;
  for (const miss of filterMisses(s.table, agg.filter, inPeriod, (column) => codeCountsOf(engine, agg.source, period, column))) {
    if (miss.effect === 'variants') {
      const first = miss.first !== undefined && miss.first >= 0 ? s.table.rowNumbers[miss.first] : undefined;
      const shown = miss.near.map((x) => `"${showLookAlike(x)}"`).join(', ');
      const p = problem('KPI2725', {
        metric: label,
        n: miss.rows ?? 0,
        source: agg.source,
        ...periodSaid(engine, period),
        row: first ?? '?',
        shown,
        column: miss.column,
        near: miss.near.length,
        value: miss.value,
        effectTerm: miss.keeps ? 'term.notCounted' : 'term.notLeftOut',
      });
      addIssue(
        engine,
        codedIssue(p, { ...base, column: headerOf(s.spec, miss.column), value: showLookAlike(miss.near[0]!), ...(first !== undefined ? { row: first } : {}) }),
      );
      continue;
    }
    const near = miss.near.map((x) => `"${x}"`).join(', ');
    const said = {
      metric: label,
      value: miss.value,
      column: miss.column,
      source: agg.source,
      ...periodSaid(engine, period),
      effectTerm: MISS_EFFECT[miss.effect],
    };
    const p =
      miss.near.length === 0
        ? problem('KPI2726', said)
        : problem('KPI2727', { ...said, ...{ near }, nearTerm: miss.close ? 'term.closestValues' : 'term.someValues' });
    addIssue(engine, codedIssue(p, { ...base, column: headerOf(s.spec, miss.column), value: miss.value }));
  }
}

/**
 * A distinct count over text that a person reads as one value in several spellings (`ACME Corp`, `Acme Corp`,
 * `ＡＣＭＥ Corp`): each spelling is another customer, so the count is too high without a word. Said once per metric,
 * with the first row of a second spelling. Excel's own UNIQUE and pivot distinct counts ignore case.
 */
function distinctWarnings(engine: Engine, agg: Aggregate, s: { spec: SourceSpec; table: Table }, selection: Selection, label: string, period: Period): void {
  const col = s.table.columns.get(agg.column!);
  if (col?.type !== 'string') return;
  const coded = col.coded;
  const vals = coded ? null : col.values;
  // The first row of every distinct value counted (rows credited to a rep, in the period, passing the filter).
  const firstRow = new Map<string, number>();
  let ids = false;
  selection((rows, _, k) => {
    for (let j = 0; j < k && !ids; j++) {
      const i = rows[j]!;
      const raw = coded ? coded.dict[coded.codes[i]!] : vals![i];
      const v = raw?.trim();
      if (v && !firstRow.has(v)) firstRow.set(v, i);
      if (firstRow.size > 200_000) ids = true; // a column of ids: not worth comparing every value
    }
  });
  if (ids) return;
  const byLook = new Map<string, string[]>();
  for (const v of firstRow.keys()) {
    const k = looks(v);
    const list = byLook.get(k);
    if (list === undefined) byLook.set(k, [v]);
    else list.push(v);
  }
  noValueWarning(engine, agg, s, firstRow, label, period);
  const groups = [...byLook.values()].filter((g) => g.length > 1);
  if (groups.length === 0) return;
  // The row that first counted a second spelling of the same value.
  const seconds = groups.flatMap((g) =>
    g
      .map((v) => firstRow.get(v)!)
      .sort((a, b) => a - b)
      .slice(1),
  );
  const at = seconds.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
  const shown = groups
    .slice(0, 3)
    .map((g) => g.map((v) => `"${showLookAlike(v)}"`).join(' = '))
    .join('; ');
  const p = problem('KPI2745', {
    metric: label,
    n: seconds.length,
    column: agg.column!,
    source: agg.source,
    ...periodSaid(engine, period),
    shown: groups.length > 3 ? `${shown}; …` : shown,
  });
  addIssue(
    engine,
    codedIssue(p, {
      file: s.table.file,
      source: agg.source,
      row: s.table.rowNumbers[at]!,
      column: headerOf(s.spec, agg.column!),
      value: showLookAlike(coded ? (coded.dict[coded.codes[at]!] ?? '') : (vals![at] ?? '')).trim(),
      severity: 'warning',
      action: 'kept',
    }),
  );
}

/**
 * No value as programs write it, in their own case: SQL's NULL (SQL Server's "Save results as"), MySQL's \N,
 * pandas' nan and <NA>, (null), a pivot table's (blank) / (空白). Not "None", "N/A" or "NAT": a customer, a category
 * or a code may be called that.
 */
const NO_VALUE = /^(?:NULL|null|Null|\\N|nan|NaN|<NA>|\(null\)|\(blank\)|[(（]空白[)）])$/;

/**
 * A distinct count over a column holding a program's word for no value (`NULL` from a database export): each rep
 * whose counted rows hold it has one more, where an empty cell counts for nothing. Said once per metric (KPI2182),
 * with the first such value and row.
 */
function noValueWarning(
  engine: Engine,
  agg: Aggregate,
  s: { spec: SourceSpec; table: Table },
  firstRow: ReadonlyMap<string, number>,
  label: string,
  period: Period,
): void {
  let at = -1;
  let value = '';
  for (const [v, i] of firstRow) {
    if (v.length <= 7 && NO_VALUE.test(v) && (at < 0 || i < at)) {
      at = i;
      value = v;
    }
  }
  if (at < 0) return;
  const row = s.table.rowNumbers[at]!;
  const p = problem('KPI2182', { metric: label, column: agg.column!, source: agg.source, ...periodSaid(engine, period), value, row });
  addIssue(
    engine,
    codedIssue(p, { file: s.table.file, source: agg.source, row, column: headerOf(s.spec, agg.column!), value, severity: 'warning', action: 'kept' }),
  );
}

/** What a blank does to each aggregate of a number column (count and count_distinct count non-blank cells: no issue). */
const BLANK_EFFECT = {
  sum: 'term.blank.sum',
  avg: 'term.blank.avg',
  min: 'term.blank.min',
  max: 'term.blank.max',
} as const;

/** Rows named in the message before "… +n". */
const BLANK_ROWS_SHOWN = 5;

/**
 * Rows a sum, avg, min or max counts (credited, in the period, passing the filter) whose column is blank: a won deal
 * with no amount. The sum adds nothing for them, the others leave them out; a person paying from the figure would
 * not know. So are the rows a condition of the filter on a number column (`amount > 0`, written to leave out
 * refunds) leaves out only because the cell is blank, whatever the metric does with the rows (a count of won deals
 * with amount > 0 drops a won deal with no amount just as a sum does). Said once per metric and column with the count
 * and the first rows, and the run is not final. A filter that says what a blank does (`blank`, `not_blank` on the
 * column) has decided: nothing is said.
 */
function blankWarnings(engine: Engine, agg: Aggregate, s: EngineSource, selection: Selection, blanks: Int32Array, label: string, period: Period): void {
  const decided = (column: string) => agg.filter.some((c) => c.column === column && (c.op === 'blank' || c.op === 'not_blank'));
  // A blank passes only `ne` and `not_in`: any other condition on a column leaves every blank out.
  const leavesOut = (column: string) => agg.filter.some((c) => c.column === column && c.op !== 'ne' && c.op !== 'not_in');
  const column = agg.column;
  if (column !== undefined && agg.fn !== 'count' && agg.fn !== 'count_distinct' && blanks.some((n) => n > 0)) {
    const col = s.table.columns.get(column);
    if (col !== undefined && col.type !== 'string' && !decided(column) && !leavesOut(column))
      reportBlanks(engine, agg, s, selection, column, col.values, label, period, BLANK_EFFECT[agg.fn]);
  }
  for (const on of new Set(agg.filter.map((c) => c.column))) {
    const col = s.table.columns.get(on);
    // A blank date is often an event not yet happened (an unpaid invoice's paid date): only numbers are said.
    if (col === undefined || col.type === 'string' || col.type === 'date' || decided(on) || !leavesOut(on)) continue;
    const vals = col.values;
    let any = false;
    for (let i = 0; i < vals.length && !any; i++) any = Number.isNaN(vals[i]!);
    if (!any) continue;
    const rest = { ...agg, filter: agg.filter.filter((c) => c.column !== on) };
    const parts = filterPartsOf(engine, rest);
    if ('missing' in parts) continue;
    reportBlanks(engine, agg, s, selectionOf(engine, agg.source, s, period, rest, parts), on, vals, label, period, 'term.blank.filtered');
  }
}

/** The rows of `selection` whose `column` is blank, said once (KPI2748) with their count and the first rows. */
function reportBlanks(
  engine: Engine,
  agg: Aggregate,
  s: EngineSource,
  selection: Selection,
  column: string,
  vals: Float64Array,
  label: string,
  period: Period,
  howTerm: (typeof BLANK_EFFECT)[keyof typeof BLANK_EFFECT] | 'term.blank.filtered',
): void {
  // Each row once (a row counts for one rep), in file order.
  const blank: number[] = [];
  selection((rows, _, k) => {
    for (let j = 0; j < k; j++) if (Number.isNaN(vals[rows[j]!]!)) blank.push(rows[j]!);
  });
  if (blank.length === 0) return;
  blank.sort((a, b) => a - b);
  const shown = blank.slice(0, BLANK_ROWS_SHOWN).map((i) => s.table.rowNumbers[i]!);
  const more = blank.length - shown.length;
  const p = problem('KPI2748', {
    metric: label,
    n: blank.length,
    source: agg.source,
    ...periodSaid(engine, period),
    column,
    rows: shown.join(', ') + (more > 0 ? `, … +${more}` : ''),
    whichTerm: howTerm === 'term.blank.filtered' ? 'term.blank.wouldCount' : 'term.blank.counts',
    howTerm,
  });
  addIssue(
    engine,
    codedIssue(p, {
      file: s.table.file,
      source: agg.source,
      row: shown[0]!,
      column: headerOf(s.spec, column),
      value: '',
      severity: 'warning',
      action: 'kept',
    }),
  );
}

const MISS_EFFECT = {
  everyone: 'term.filterEveryone',
  list: 'term.filterList',
  excludes: 'term.filterExcludes',
} as const;

/** Values of every metric for `period` (lazy, cached per period). */
export function metricValues(engine: Engine, period: Period, name: string): MetricValues {
  const ctx = contextFor(engine, period);
  const hit = ctx.cache.get(name);
  if (hit) return hit;
  const spec = engine.model.metrics.find((m) => m.name === name);
  if (!spec) {
    addIssue(engine, codedIssue(problem('KPI2728', { metric: name }), { file: engine.model.schemeFile, severity: 'error', action: 'skipped' }));
    return allNull(engine, [said('step.noDataBecause', { why: said('step.metricUndefined', { metric: name }) })]);
  }
  if (ctx.busy.has(name)) {
    addIssue(engine, codedIssue(problem('KPI2729', { metric: name }), { file: engine.model.schemeFile, severity: 'error', action: 'skipped' }));
    return allNull(engine, [said('step.noDataBecause', { why: said('step.metricSelf', { metric: name }) })]);
  }
  ctx.busy.add(name);
  const out = compute(engine, ctx, spec);
  ctx.busy.delete(name);
  // A non-finite value (overflow) never leaves the core.
  out.values = out.values.map((v) => (v === null || !Number.isFinite(v) ? null : v === 0 ? 0 : v));
  ctx.cache.set(name, out);
  return out;
}

function compute(engine: Engine, ctx: PeriodContext, spec: MetricSpec): MetricValues {
  const given = rowsRead(spec).some((r) => r.given);
  return kindValues(spec, {
    model: engine.model,
    spec,
    period: ctx.period,
    nReps: engine.nReps,
    // A value given per rep (input) is the rep's own, also for a team lead: never rolled up.
    aggregate: (agg, unit) => evalAggregate(engine, ctx, agg, unit, spec.name, given),
    metric: (name, period = ctx.period) => {
      if (period.label === ctx.period.label || !warnsOfData(engine, ctx.period)) return metricValues(engine, period, name);
      engine.compared.add(period.label);
      const outer = engine.comparedBy;
      engine.comparedBy = spec.name;
      try {
        return metricValues(engine, period, name);
      } finally {
        engine.comparedBy = outer;
      }
    },
    unitOfAggregate: (agg) => unitOfAggregate(engine, agg),
    fileOf: (source) => engine.sources.get(source)?.table.file,
  });
}

/** Actual of every metric for every rep: rep id → metric name → value (null = no data). */
export function computeMetrics(
  model: Model,
  tables: ReadonlyMap<string, Table>,
  reps: readonly Rep[],
  period: Period,
  /** An engine over the same model, tables and reps, shared by several periods (values cached per period). */
  engine: Engine = createEngine(model, tables, reps),
): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const rep of reps) out.set(rep.id, new Map());
  for (const m of model.metrics) {
    const v = metricValues(engine, period, m.name);
    reps.forEach((rep, r) => {
      out.get(rep.id)!.set(m.name, v.values[r] ?? null);
    });
  }
  return out;
}
