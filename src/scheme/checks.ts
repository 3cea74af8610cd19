// Cross-reference checks over a built Model: names that must exist, weights that must add up, bands with
// no gaps, metric definitions with no cycles, and the SMART warnings that need no data.
import type { Aggregate, BonusSpec, CommissionSpec, Gate, MetricSpec, Model, SourceSpec, ColumnType } from '../core/model.js';
import { checkBasis, checkClawback, checkPlans } from './checks-plan.js';
import type { Context } from './context.js';
import { exprRefs } from '../core/expr.js';
import { checkDefinition, metricsRead, sourcesRead } from '../core/rules/metrics/index.js';
import { needsTarget, scoringFindings } from '../core/rules/scoring/index.js';
import { bonusMode } from '../core/rules/bonus/index.js';
import { closest } from './suggest.js';
import { problem } from '../messages/index.js';
import type { PathSegment } from './positions.js';
import type { Broken } from './build.js';
import { checkSmart } from './smart-checks.js';
import { isAdditive } from '../core/decompose.js';
import { dayFromIso } from '../core/period.js';
import { clean15 } from '../core/money.js';
import { MAX_SCORE, type RangeTerm } from './ranges.js';

const NUMERIC: ColumnType[] = ['number', 'money', 'percent'];

export function checkModel(ctx: Context, model: Model, broken: Broken = { sources: new Set(), metrics: new Set() }): void {
  // A name that failed to build was already reported: it maps to undefined, so it is not called unknown again.
  const sources = new Map<string, SourceSpec | undefined>(model.sources.map((s) => [s.name, s]));
  const metrics = new Map<string, MetricSpec | undefined>(model.metrics.map((m) => [m.name, m]));
  for (const b of broken.sources) sources.set(b, undefined);
  for (const b of broken.metrics) metrics.set(b, undefined);

  for (const s of model.sources) checkSource(ctx, s);
  for (const m of model.metrics) checkMetric(ctx, m, sources, metrics);
  checkCycles(ctx, model.metrics, metrics);
  for (const m of model.metrics) checkDecomposition(ctx, m);
  checkWeights(ctx, model, metrics);
  checkTargetRoles(ctx, model);
  checkRollups(ctx, model);
  checkGates(ctx, model.gates, ['gates'], metrics);
  checkPercentTargets(ctx, model);
  checkBonus(ctx, model.bonus, ['bonus'], metrics);
  if (model.commission) checkCommission(ctx, model.commission, ['commission'], metrics, sources);
  checkPlans(ctx, model, metrics, sources);
  checkSmart(ctx, model);
}

export function columnTypes(s: SourceSpec): Map<string, ColumnType> {
  const types = new Map(s.columns.map((c) => [c.name, c.type] as const));
  for (const d of s.derived) types.set(d.name, 'number');
  return types;
}

function checkSource(ctx: Context, s: SourceSpec): void {
  const at = ['sources', s.name];
  const types = new Map(s.columns.map((c) => [c.name, c.type] as const));
  const names = [...types.keys()];
  const need = (key: 'rep' | 'date' | 'period' | 'key', want?: ColumnType) => {
    const col = s[key];
    if (col === undefined) return;
    const t = types.get(col);
    if (t === undefined) ctx.error([...at, key], problem('KPI5120', { column: col, source: s.name, suggestion: closest(col, names) }));
    else if (want && t !== want) ctx.error([...at, key], problem('KPI5121', { column: col, want, type: t }));
  };
  need('rep');
  need('date', 'date');
  need('period');
  need('key');
  if (s.split) {
    for (const part of ['order', 'share'] as const) {
      const col = s.split[part];
      const t = types.get(col);
      if (t === undefined) ctx.error([...at, 'split', part], problem('KPI5120', { column: col, source: s.name, suggestion: closest(col, names) }));
      else if (part === 'share' && t !== 'percent' && t !== 'number') ctx.error([...at, 'split', part], problem('KPI5122', { column: col, type: t }));
    }
    if (s.rep === undefined) ctx.error([...at, 'split'], problem('KPI5123'));
  }
  for (const d of s.derived) {
    const dat = [...at, 'derived_columns', d.name];
    if (types.has(d.name)) ctx.error(dat, problem('KPI5124', { name: d.name }), true);
    const refs = d.kind === 'days_between' ? [d.from, d.to] : [...exprRefs(d.formula)];
    refs.forEach((r, i) => {
      const t = types.get(r);
      const where = d.kind === 'days_between' ? [...dat, 'days_between', i] : [...dat, 'formula'];
      if (t === undefined) ctx.error(where, problem('KPI5120', { column: r, source: s.name, suggestion: closest(r, names) }));
      else if (d.kind === 'days_between' && t !== 'date') ctx.error(where, problem('KPI5125', { column: r, type: t }));
      else if (d.kind === 'formula' && !NUMERIC.includes(t)) ctx.error(where, problem('KPI5126', { column: r, type: t }));
    });
  }
}

export function checkAggregate(ctx: Context, a: Aggregate, at: PathSegment[], sources: Map<string, SourceSpec | undefined>): void {
  const s = sources.get(a.source);
  if (!s) {
    if (!sources.has(a.source)) ctx.error([...at, 'source'], problem('KPI5127', { source: a.source, suggestion: closest(a.source, sources.keys()) }));
    return;
  }
  if (!s.rep) ctx.error([...at, 'source'], problem('KPI5128', { source: s.name }));
  const types = columnTypes(s);
  const names = [...types.keys()];
  if (a.column !== undefined) {
    const t = types.get(a.column);
    if (t === undefined) ctx.error([...at, 'column'], problem('KPI5120', { column: a.column, source: s.name, suggestion: closest(a.column, names) }));
    else if ((a.fn === 'sum' || a.fn === 'avg') && !NUMERIC.includes(t))
      ctx.error([...at, 'column'], problem('KPI5129', { fn: a.fn, column: a.column, type: t }));
    else if ((a.fn === 'min' || a.fn === 'max') && t === 'string') ctx.error([...at, 'column'], problem('KPI5130', { fn: a.fn, column: a.column }));
  }
  for (const c of a.filter) {
    const t = types.get(c.column);
    const p = [...at, 'filter', c.column];
    if (t === undefined) {
      ctx.error(p, problem('KPI5120', { column: c.column, source: s.name, suggestion: closest(c.column, names) }), true);
      continue;
    }
    const values = 'value' in c ? [c.value] : 'values' in c ? c.values : 'min' in c ? [c.min, c.max] : [];
    if (t === 'date') {
      for (const v of values) {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
          ctx.error(p, problem('KPI5131', { column: c.column, value: JSON.stringify(v) ?? String(v) }));
        else if (dayFromIso(v) === null) ctx.error(p, problem('KPI5132', { value: v }));
      }
    } else if (NUMERIC.includes(t)) {
      for (const v of values) if (typeof v !== 'number') ctx.error(p, problem('KPI5133', { column: c.column, type: t, value: JSON.stringify(v) ?? String(v) }));
    } else if (['gt', 'gte', 'lt', 'lte', 'between'].includes(c.op)) {
      ctx.error(p, problem('KPI5134', { column: c.column, op: c.op }));
    }
  }
}

function checkMetric(ctx: Context, m: MetricSpec, sources: Map<string, SourceSpec | undefined>, metrics: Map<string, MetricSpec | undefined>): void {
  const at = ['metrics', m.name];
  // The kind says what it reads (checkDefinition); here: that it is there, with positions and suggestions.
  checkDefinition(m, {
    aggregate: (agg, path) => checkAggregate(ctx, agg, [...at, ...path], sources),
    metric(name, path, inFormula) {
      if (metrics.has(name)) return;
      ctx.error([...at, ...path], problem(inFormula ? 'KPI5221' : 'KPI5220', { metric: name, suggestion: closest(name, metrics.keys()) }));
    },
    numberPerRep(source, column, path) {
      const s = sources.get(source);
      if (!s) {
        if (!sources.has(source)) ctx.error([...at, ...path.source], problem('KPI5127', { source, suggestion: closest(source, sources.keys()) }));
        return;
      }
      const t = columnTypes(s).get(column);
      if (t === undefined)
        ctx.error([...at, ...path.column], problem('KPI5120', { column, source: s.name, suggestion: closest(column, columnTypes(s).keys()) }));
      else if (!NUMERIC.includes(t)) ctx.error([...at, ...path.column], problem('KPI5136', { column, type: t }));
      if (!s.rep) ctx.error([...at, ...path.source], problem('KPI5135', { source: s.name }));
    },
  });
  const t = m.target;
  // What the metric's scoring method says of its own settings (a linear line needs its threshold and stretch …).
  for (const f of scoringFindings(m)) {
    if (f.severity === 'error') ctx.error([...at, ...f.path], f.problem);
    else ctx.warn([...at, ...f.path], f.problem);
  }
  if (t.threshold && t.stretch && t.threshold.kind === t.stretch.kind) {
    const lo = t.threshold.kind === 'relative' ? t.threshold.fraction : t.threshold.value;
    const hi = t.stretch.kind === 'relative' ? t.stretch.fraction : t.stretch.value;
    const ordered = m.direction === 'higher_is_better' ? lo < hi : lo > hi;
    if (!ordered) ctx.error([...at, 'target', 'threshold'], problem('KPI5224', { higher: m.direction === 'higher_is_better' ? 1 : 0 }));
  }
}

function checkCycles(ctx: Context, list: MetricSpec[], metrics: Map<string, MetricSpec | undefined>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        ctx.error(['metrics', name], problem('KPI5225', { cycle: cycle.join(' → ') }), true);
      }
      return;
    }
    const m = metrics.get(name);
    if (!m) return;
    state.set(name, 'visiting');
    for (const r of metricsRead(m)) visit(r, [...trail, name]);
    state.set(name, 'done');
  };
  for (const m of list) visit(m.name, []);
}

function checkWeights(ctx: Context, model: Model, metrics: Map<string, MetricSpec | undefined>): void {
  for (const [role, byMetric] of model.weights) {
    let sum = 0;
    for (const [metric, w] of byMetric) {
      const at = ['weights', role, metric];
      sum += w;
      if (Number.isNaN(w)) continue;
      const m = metrics.get(metric);
      if (!m) {
        if (!metrics.has(metric)) ctx.error(at, problem('KPI5220', { metric: metric, suggestion: closest(metric, metrics.keys()) }), true);
        continue;
      }
      if (w === 0) ctx.warn(at, problem('KPI5320', { metric, role }), 'relevant');
      const t = m.target;
      const hasTarget = t.default !== undefined || t.byRole.has(role) || t.byTeam.size > 0 || t.byRep.size > 0 || model.targetsFile !== undefined;
      if (!hasTarget && needsTarget(m.scoring) && w > 0) {
        ctx.error(at, problem('KPI5321', { metric, role }), true);
      } else if (
        t.default === undefined &&
        !t.byRole.has(role) &&
        w > 0 &&
        needsTarget(m.scoring) &&
        (t.byTeam.size > 0 || t.byRep.size > 0 || model.targetsFile)
      ) {
        ctx.warn(at, problem('KPI5322', { metric, role }), 'specific', true);
      }
      if (!m.unit) ctx.warn(['metrics', metric], problem('KPI5229', { metric }), 'specific', true);
      // The loader uses the name when no label is given.
      if (m.label === m.name) ctx.warn(['metrics', metric], problem('KPI5230', { metric }), 'specific', true);
      if (!timeBound(model, m, metrics)) ctx.warn(['metrics', metric], problem('KPI5231', { metric }), 'time-bound', true);
    }
    // Exactly 100 as the total score is computed (15 significant digits): 33.3333333 × 3 = 99.9999999 would
    // put a rep at 100 % on every metric at 99.9999999 %, in the tier below 100 %.
    if (Number.isFinite(sum) && clean15(sum) !== 1) {
      ctx.error(['weights', role], problem('KPI5323', { role, sum: clean15(sum * 100) }), true);
    }
  }
  if (model.roster.kind === 'inline') {
    model.roster.reps.forEach((r, i) => {
      if (!model.weights.has(r.role)) ctx.error(['reps', i, 'role'], problem('KPI5324', { role: r.role, suggestion: closest(r.role, model.weights.keys()) }));
    });
  }
}

/**
 * A `by_role` target for a role without weights applies to no one (every rep's role must have weights), so the
 * reps it was meant for are scored against another target without a word: `AE` for `ae`, `senior-ae` for `senior_ae`.
 */
function checkTargetRoles(ctx: Context, model: Model): void {
  for (const m of model.metrics) {
    for (const role of m.target.byRole.keys()) {
      if (model.weights.has(role)) continue;
      ctx.error(
        ['metrics', m.name, 'target', 'by_role', role],
        problem('KPI5330', { role, metric: m.name, suggestion: closest(role, model.weights.keys()) }),
        true,
      );
    }
  }
}

/** A target per year or quarter is split into months: only for metrics that add up over months. */
function checkDecomposition(ctx: Context, m: MetricSpec): void {
  const t = m.target;
  if (t.per === undefined) return;
  const at = ['metrics', m.name, 'target', 'per'];
  if (!isAdditive(m)) {
    ctx.error(at, problem('KPI5226', { per: t.per }));
  }
  for (const key of ['threshold', 'stretch'] as const) {
    if (t[key]?.kind === 'absolute') ctx.error(['metrics', m.name, 'target', key], problem('KPI5227', { per: t.per, key }));
  }
}

/** A rolled-up role needs weights; a manager rollup needs a manager column (or inline managers). */
function checkRollups(ctx: Context, model: Model): void {
  for (const [role, basis] of model.rollups ?? []) {
    const at = ['rollups', role];
    if (!model.weights.has(role)) ctx.error(at, problem('KPI5325', { role, suggestion: closest(role, model.weights.keys()) }), true);
    if (model.roster.kind === 'inline') {
      const reps = model.roster.reps;
      if (!reps.some((r) => r.role === role)) ctx.warn(at, problem('KPI5326', { role }), 'relevant', true);
      if (basis === 'manager' && !reps.some((r) => r.manager !== undefined)) {
        ctx.error(at, problem('KPI5327'), true);
      }
    } else if (basis === 'manager' && !model.roster.source.columns.some((c) => c.name === 'manager')) {
      ctx.error(at, problem('KPI5328'), true);
    }
  }
}

function timeBound(model: Model, m: MetricSpec, metrics: Map<string, MetricSpec | undefined>, seen = new Set<string>()): boolean {
  if (seen.has(m.name)) return true;
  seen.add(m.name);
  const sourceOk = (name: string) => {
    const s = model.sources.find((x) => x.name === name);
    return !s || s.date !== undefined || s.period !== undefined;
  };
  const metricOk = (name: string): boolean => {
    const x = metrics.get(name);
    return !x || timeBound(model, x, metrics, seen);
  };
  // Time-bound when every source it reads puts rows in periods and every metric it reads is time-bound.
  return sourcesRead(m).every(sourceOk) && metricsRead(m).every(metricOk);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function checkGates(ctx: Context, gates: readonly Gate[], at: PathSegment[], metrics: Map<string, MetricSpec | undefined>): void {
  gates.forEach((g, i) => {
    if (!metrics.has(g.metric)) ctx.error([...at, i, 'metric'], problem('KPI5220', { metric: g.metric, suggestion: closest(g.metric, metrics.keys()) }));
  });
}

/**
 * A percentage metric's actual is a fraction (a 30 % win rate is 0.3), so `target: 80` is 8,000 %: every rep would
 * score near 0 and the run would look normal. Meant as percent points, surely: past 1000 % (the most any score or
 * tier may be), a target, bound or gate level of a percentage metric is an error saying how to write it.
 */
function checkPercentTargets(ctx: Context, model: Model): void {
  const check = (x: number | undefined, at: PathSegment[], whatTerm: RangeTerm, metric: string) => {
    if (x === undefined || !Number.isFinite(x) || Math.abs(x) <= MAX_SCORE) return;
    // A bound written "80%" is 80 % of the target, so an absolute 80 % bound is written 0.8.
    const meant = whatTerm === 'term.s.aTarget' || whatTerm === 'term.s.aGateLevel' ? `${round(x / 100)} or "${round(x)}%"` : `${round(x / 100)}`;
    ctx.error(at, problem('KPI5228', { whatTerm, value: round(x), pct: round(x * 100).toLocaleString('en-US'), metric, meant }));
  };
  for (const m of model.metrics) {
    if (m.unit !== 'percent' || m.target === undefined) continue;
    const at: PathSegment[] = ['metrics', m.name, 'target'];
    const t = m.target;
    check(t.default, [...at, 'default'], 'term.s.aTarget', m.name);
    for (const [key, map] of [
      ['by_role', t.byRole],
      ['by_team', t.byTeam],
      ['by_rep', t.byRep],
    ] as const) {
      for (const [k, v] of map) check(v, [...at, key, k], 'term.s.aTarget', m.name);
    }
    for (const key of ['threshold', 'stretch'] as const) {
      const b = t[key];
      if (b?.kind === 'absolute') check(b.value, [...at, key], key === 'threshold' ? 'term.s.aThreshold' : 'term.s.aStretch', m.name);
    }
  }
  const units = new Map(model.metrics.map((m) => [m.name, m.unit] as const));
  model.gates.forEach((g, i) => {
    if (g.of === 'actual' && units.get(g.metric) === 'percent') check(g.level, ['gates', i, 'level'], 'term.s.aGateLevel', g.metric);
  });
}

/** Bands must be contiguous: each `to` is the next `from`; only the last may be open-ended. */
export function checkBands(
  ctx: Context,
  bands: readonly { from: number; to?: number }[],
  at: PathSegment[],
  what: 'band' | 'tier' | 'commissionTier',
  fromZero: boolean,
): void {
  const whatTerm = `term.s.${what}` as const;
  const whatsTerm = `term.s.${what}s` as const;
  const f = (x: number) => (fromZero ? `${round(x * 100)}%` : String(round(x)));
  if (fromZero && bands[0] && bands[0].from > 0) {
    ctx.error([...at, 0, 'from'], problem('KPI5410', { from: f(bands[0].from), whatTerm }));
  }
  bands.forEach((b, i) => {
    if (b.to !== undefined && b.to <= b.from) ctx.error([...at, i, 'to'], problem('KPI5411', { to: f(b.to), from: f(b.from) }));
    const next = bands[i + 1];
    if (!next) return;
    if (b.to === undefined) {
      ctx.error([...at, i], problem('KPI5412', { whatTerm }));
    } else if (next.from > b.to) {
      ctx.error([...at, i + 1, 'from'], problem('KPI5413', { whatsTerm, to: f(b.to), from: f(next.from), whatTerm }));
    } else if (next.from < b.to) {
      ctx.error([...at, i + 1, 'from'], problem('KPI5414', { whatsTerm, from: f(next.from), to: f(b.to), whatTerm }));
    }
  });
  const last = bands[bands.length - 1];
  if (last && last.to !== undefined) {
    ctx.error([...at, bands.length - 1, 'to'], problem('KPI5415', { to: f(last.to), whatTerm }));
  }
}

export function checkBonus(ctx: Context, b: BonusSpec, at: PathSegment[], metrics: Map<string, MetricSpec | undefined>): void {
  // Named tiers are bands from 0 without gaps or overlaps; the mode checks the rest (order, pay that falls).
  const mode = bonusMode(b);
  if (mode.named) checkBands(ctx, mode.tiers(b), [...at, 'tiers'], 'tier', true);
  for (const f of mode.lint(b)) {
    if (f.severity === 'error') ctx.error([...at, ...f.path], f.problem);
    else ctx.warn([...at, ...f.path], f.problem);
  }
  checkBasis(ctx, b, at, metrics);
}

export function checkCommission(
  ctx: Context,
  c: CommissionSpec,
  at: PathSegment[],
  metrics: Map<string, MetricSpec | undefined>,
  sources: Map<string, SourceSpec | undefined>,
): void {
  const m = metrics.get(c.metric);
  if (!metrics.has(c.metric)) ctx.error([...at, 'metric'], problem('KPI5220', { metric: c.metric, suggestion: closest(c.metric, metrics.keys()) }));
  else if (m?.unit && m.unit !== 'money') ctx.warn([...at, 'metric'], problem('KPI5418', { metric: c.metric, unit: m.unit }));
  checkBands(
    ctx,
    c.tiers.map((t) => ({ from: t.from, to: t.to })),
    [...at, 'tiers'],
    'commissionTier',
    false,
  );
  if (c.tiers[0] && c.tiers[0].from !== 0) ctx.error([...at, 'tiers', 0, 'from'], problem('KPI5419'));
  if (c.clawback && m) checkClawback(ctx, c.clawback, [...at, 'clawback'], m, sources);
}
