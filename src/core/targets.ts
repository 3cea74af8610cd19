// Targets per rep and metric: targets-file row for the period > rep > team > role > default.
import { MAX_SCORE, type Bound, type MetricSpec, type Rep, type SourceSpec } from './model.js';
import type { Period, TargetOrigin } from './results.js';
import { codedIssue, type Column, type DataIssue, type Table } from './table.js';
import { problem, type MessageKey, type Problem } from '../messages/index.js';
import { numericAt } from './derived-columns.js';
import { normaliseLabel } from './period.js';
import { decompose as decomposeTarget, isAdditive, monthLabel, monthsOf, type LastYear, type Written } from './decompose.js';
import { periodMask, type RepLookup } from './attribution.js';
import { headerOf } from './roster.js';
import { said, type Said, type Text } from './says.js';

/** One rep's target for one metric, with its threshold and stretch as absolute actuals. */
export interface ResolvedTarget {
  target: number | null;
  origin: TargetOrigin;
  /** e.g. "role senior_ae", "default", "targets file row 12". */
  originText: Text;
  threshold: number | null;
  stretch: number | null;
  /** Something to warn about how the target was found: a year's target split evenly for want of last year's data. */
  warning?: Problem;
  /** Months of the period the targets file has rows for, when it does not cover all of them (the rows are unused). */
  partialFile?: string[];
}

export interface FileTarget {
  target: number;
  threshold?: number;
  stretch?: number;
  row: number;
}

/** A cell as trimmed text ('' when blank): ids and metric names may be read as numbers. */
function text(c: Column, i: number): string {
  if (c.type === 'string') return (c.values[i] ?? '').trim();
  const v = c.values[i]!;
  return Number.isNaN(v) ? '' : String(v);
}

/** Key of a (rep index, metric) pair. */
export const targetKey = (rep: number, metric: string): string => `${rep}\u0000${metric}`;

/** The targets file's column that dates its rows: `date`, else `period:` or a column mapped as `period`. */
export function targetsPeriodColumn(table: Table, spec: SourceSpec): string | undefined {
  return spec.period ?? (spec.date === undefined && table.columns.has('period') ? 'period' : undefined);
}

/** 1 for each row of the targets file that applies to `period` (a label of exactly this period, or dated in it). */
export function targetRowsInPeriod(table: Table, spec: SourceSpec, period: Period): Uint8Array {
  const periodName = targetsPeriodColumn(table, spec);
  const pcol = periodName === undefined ? undefined : table.columns.get(periodName);
  if (pcol && pcol.type === 'string') {
    const inPeriod = new Uint8Array(table.rowCount);
    for (let i = 0; i < table.rowCount; i++) {
      const p = normaliseLabel(pcol.values[i] ?? '');
      inPeriod[i] = p && p.kind === period.kind && p.start === period.start && p.end === period.end ? 1 : 0;
    }
    return inPeriod;
  }
  return periodMask(table, { ...(spec.date !== undefined ? { date: spec.date } : {}), ...(periodName !== undefined ? { period: periodName } : {}) }, period);
}

/** Whether a row is labelled with a month, quarter or year overlapping `period` (what a target is decomposed from). */
export function overlapsPeriod(table: Table, spec: SourceSpec, period: Period): boolean {
  const periodName = targetsPeriodColumn(table, spec);
  const pcol = periodName === undefined ? undefined : table.columns.get(periodName);
  if (pcol?.type !== 'string') return false;
  for (let i = 0; i < table.rowCount; i++) {
    const p = normaliseLabel(pcol.values[i] ?? '');
    if (p && p.kind !== 'ytd' && p.start <= period.end && p.end >= period.start) return true;
  }
  return false;
}

/**
 * Rows of the targets file for `period` (label equal to the period's, after normalising 2026/11 → 2026-11; or,
 * with a date column, dated inside it). Threshold/stretch in the file are absolute actuals. A repeated
 * (rep, metric) keeps the first row and reports the others; unknown reps or metrics are reported.
 */
export function targetsFromFile(
  table: Table,
  spec: SourceSpec,
  lookup: RepLookup,
  metrics: readonly MetricSpec[],
  period: Period,
): { targets: Map<string, FileTarget>; issues: DataIssue[] } {
  const targets = new Map<string, FileTarget>();
  const issues: DataIssue[] = [];
  const col = (name: string) => table.columns.get(name);
  const repCol = col(spec.rep ?? 'rep');
  const metricCol = col('metric');
  const targetCol = col('target');
  const issue = (row: number | undefined, column: string, p: Problem, value?: string, action: 'skipped' | 'kept' = 'skipped'): void => {
    issues.push(
      codedIssue(p, {
        file: table.file,
        source: table.source,
        ...(row !== undefined ? { row } : {}),
        column: headerOf(spec, column),
        ...(value !== undefined ? { value } : {}),
        severity: 'warning',
        action,
      }),
    );
  };
  if (!repCol || !metricCol || !targetCol) {
    issue(undefined, !repCol ? 'rep' : !metricCol ? 'metric' : 'target', problem('KPI2502'));
    return { targets, issues };
  }
  const inPeriod = targetRowsInPeriod(table, spec, period);
  const names = new Set(metrics.map((m) => m.name));
  const units = new Map(metrics.map((m) => [m.name, m.unit] as const));
  for (let i = 0; i < table.rowCount; i++) {
    if (!inPeriod[i]) continue;
    const row = table.rowNumbers[i]!;
    const id = text(repCol, i);
    const metric = text(metricCol, i);
    const exact = lookup.byId.get(id);
    const r = exact ?? lookup.byLower.get(id.toLowerCase());
    if (r === undefined || r < 0) {
      issue(row, spec.rep ?? 'rep', problem('KPI2503', { id }), id);
      continue;
    }
    // As in the data files: a case-only difference is the rep, but said (the file may mean someone else).
    if (exact === undefined) issue(row, spec.rep ?? 'rep', problem('KPI2504', { id, rep: lookup.reps[r]!.id }), id, 'kept');
    if (!names.has(metric)) {
      issue(row, 'metric', problem('KPI2505', { metric }), metric);
      continue;
    }
    const target = numericAt(targetCol, i);
    if (target === null || !Number.isFinite(target)) {
      issue(row, 'target', problem('KPI2506', { id, metric }));
      continue;
    }
    const th = col('threshold');
    const st = col('stretch');
    const thv = th ? numericAt(th, i) : null;
    const stv = st ? numericAt(st, i) : null;
    const points = percentPoints(units.get(metric), [target, thv, stv]);
    if (points !== null) {
      const name = (['target', 'threshold', 'stretch'] as const)[points.at]!;
      const x = points.value;
      const pct = (v: number) => Number(v.toPrecision(12));
      issue(row, name, problem('KPI2507', { nameTerm: `term.${name}`, id, metric, x, pct: pct(x * 100), fraction: pct(x / 100) }), String(x));
      continue;
    }
    const key = targetKey(r, metric);
    const first = targets.get(key);
    if (first) {
      issue(row, 'metric', problem('KPI2508', { id, metric, period: period.label, first: first.row }), metric);
      continue;
    }
    const t: FileTarget = { target, row };
    if (thv !== null && Number.isFinite(thv)) t.threshold = thv;
    if (stv !== null && Number.isFinite(stv)) t.stretch = stv;
    targets.set(key, t);
  }
  return { targets, issues };
}

/**
 * A percentage metric's actual is a fraction (30 % is 0.3), so a file value of 80 is 8000 %: percent points, surely
 * (a row of `80` beside rows of `80%` reads as 80). Past 1000 %, the most any score may be, the first such value
 * (and its place in `values`) is returned and the row is not used; null when the values are fine.
 */
function percentPoints(unit: MetricSpec['unit'], values: readonly (number | null)[]): { at: number; value: number } | null {
  if (unit !== 'percent') return null;
  const at = values.findIndex((v) => v !== null && Number.isFinite(v) && Math.abs(v) > MAX_SCORE);
  return at < 0 ? null : { at, value: values[at] as number };
}

/** A targets-file row of a month, a quarter or a year, for decomposition. */
export interface SpanRows {
  month: Map<number, FileTarget>;
  quarter: Map<number, FileTarget>;
  year?: FileTarget;
}

/**
 * Rows of the targets file labelled with a month, a quarter or the whole of `year`, by (rep, metric): what a
 * period's target is decomposed from when no row names the period exactly. The first row of a span wins (a
 * second one is reported when its own period is scored).
 */
export function targetRowsOfYear(table: Table, spec: SourceSpec, lookup: RepLookup, metrics: readonly MetricSpec[], year: number): Map<string, SpanRows> {
  const out = new Map<string, SpanRows>();
  const col = (name: string) => table.columns.get(name);
  const repCol = col(spec.rep ?? 'rep');
  const metricCol = col('metric');
  const targetCol = col('target');
  const pcol = col(spec.period ?? 'period');
  if (!repCol || !metricCol || !targetCol || !pcol || pcol.type !== 'string') return out;
  const names = new Set(metrics.map((m) => m.name));
  const units = new Map(metrics.map((m) => [m.name, m.unit] as const));
  for (let i = 0; i < table.rowCount; i++) {
    const p = normaliseLabel(pcol.values[i] ?? '');
    if (!p || p.kind === 'ytd') continue;
    const { year: y, months } = monthsOf(p);
    if (y !== year) continue;
    const id = text(repCol, i);
    const metric = text(metricCol, i);
    const r = lookup.byId.get(id) ?? lookup.byLower.get(id.toLowerCase());
    const target = numericAt(targetCol, i);
    if (r === undefined || r < 0 || !names.has(metric) || target === null || !Number.isFinite(target)) continue;
    if (percentPoints(units.get(metric), [target]) !== null) continue; // not used, as in targetsFromFile
    const key = targetKey(r, metric);
    let e = out.get(key);
    if (!e) {
      e = { month: new Map(), quarter: new Map() };
      out.set(key, e);
    }
    const row: FileTarget = { target, row: table.rowNumbers[i]! };
    if (p.kind === 'month' && !e.month.has(months[0]!)) e.month.set(months[0]!, row);
    else if (p.kind === 'quarter' && !e.quarter.has(Math.ceil(months[0]! / 3))) e.quarter.set(Math.ceil(months[0]! / 3), row);
    else if (p.kind === 'year' && !e.year) e.year = row;
  }
  return out;
}

/** What decomposing a target needs: the scored period, last year's monthly totals of the metric, the grain. */
export interface DecomposeContext {
  period: Period;
  /** Rows of the targets file for months, quarters and the year, by (rep, metric) key. */
  spans?: SpanRows;
  lastYear: () => LastYear;
  /** Decimals of a month target (money: the minor unit; counts: whole). */
  places: number;
  show: (x: number) => string;
}

/** A target split evenly for want of last year's data: the metric, and why (a sentence of the core, by its key and values). */
function evenWarning(m: MetricSpec, why: Said): Problem {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(why.values ?? {})) values[k] = Array.isArray(v) ? v.join(', ') : (v as string | number);
  return problem('KPI2712', { ...values, metric: m.name, becauseTerm: why.key as MessageKey });
}

function bound(b: Bound | undefined, target: number | null): number | null {
  if (!b) return null;
  if (b.kind === 'absolute') return Number.isFinite(b.value) ? b.value : null;
  if (target === null) return null;
  const v = b.fraction * target;
  return Number.isFinite(v) ? v : null;
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * The rep's target for the metric and where it came from. With `decompose`, a sum or count metric without a
 * row for the period takes the sum of its month targets: from month, quarter or year rows of the targets file,
 * else from the inline target written `per` month, quarter or year (core/decompose.ts).
 */
export function resolveTarget(metric: MetricSpec, rep: Rep, fromFile?: FileTarget, fileName?: string, decompose?: DecomposeContext): ResolvedTarget {
  const t = metric.target;
  const basis = t.split ?? 'even';
  const fileRow = (row: number): Said => (fileName ? said('target.file', { file: fileName, row }) : said('target.fileRow', { row }));
  let partial: string[] | undefined;
  if (!fromFile && decompose?.spans && isAdditive(metric)) {
    const s = decompose.spans;
    const { year, months } = monthsOf(decompose.period);
    const find = (m: number): Written | undefined => {
      const mr = s.month.get(m);
      if (mr) return { value: mr.target, per: 'month', index: m, from: fileRow(mr.row) };
      const q = Math.ceil(m / 3);
      const qr = s.quarter.get(q);
      if (qr) return { value: qr.target, per: 'quarter', index: q, from: fileRow(qr.row) };
      if (s.year) return { value: s.year.target, per: 'year', index: 1, from: fileRow(s.year.row) };
      return undefined;
    };
    const d = decomposeTarget(year, months, find, basis, decompose.lastYear, decompose.places, decompose.show);
    if (d) {
      return {
        target: d.target,
        origin: 'file',
        originText: d.text,
        threshold: bound(t.threshold, d.target),
        stretch: bound(t.stretch, d.target),
        ...(d.evenSaid ? { warning: evenWarning(metric, d.evenSaid) } : {}),
      };
    }
    const covered = months.filter((m) => find(m) !== undefined);
    if (covered.length > 0) partial = covered.map((m) => monthLabel(year, m));
  }
  if (fromFile) {
    const target = fromFile.target;
    return {
      target,
      origin: 'file',
      originText: fileRow(fromFile.row),
      threshold: finite(fromFile.threshold) ? fromFile.threshold : bound(t.threshold, target),
      stretch: finite(fromFile.stretch) ? fromFile.stretch : bound(t.stretch, target),
    };
  }
  let target: number | null = null;
  let origin: ResolvedTarget['origin'] = 'none';
  let originText: Text = said('target.none');
  const byRep = t.byRep.get(rep.id);
  const byTeam = t.byTeam.get(rep.team);
  const byRole = t.byRole.get(rep.role);
  if (finite(byRep)) [target, origin, originText] = [byRep, 'rep', said('target.rep', { id: rep.id })];
  else if (finite(byTeam)) [target, origin, originText] = [byTeam, 'team', said('target.team', { team: rep.team })];
  else if (finite(byRole)) [target, origin, originText] = [byRole, 'role', said('target.role', { role: rep.role })];
  else if (finite(t.default)) [target, origin, originText] = [t.default, 'default', said('target.default')];
  if (target !== null && t.per !== undefined && decompose) {
    const written = target;
    const per = t.per;
    const { year, months } = monthsOf(decompose.period);
    const find = (m: number): Written => ({ value: written, per, index: per === 'month' ? m : per === 'quarter' ? Math.ceil(m / 3) : 1, from: originText });
    const d = decomposeTarget(year, months, find, basis, decompose.lastYear, decompose.places, decompose.show);
    if (d) {
      const perText = per === 'month' && months.length === 1 ? said('target.perMonth', { from: originText }) : d.text;
      return {
        target: d.target,
        origin,
        originText: perText,
        threshold: bound(t.threshold, d.target),
        stretch: bound(t.stretch, d.target),
        ...(d.evenSaid ? { warning: evenWarning(metric, d.evenSaid) } : {}),
        ...(partial ? { partialFile: partial } : {}),
      };
    }
  }
  return { target, origin, originText, threshold: bound(t.threshold, target), stretch: bound(t.stretch, target), ...(partial ? { partialFile: partial } : {}) };
}
