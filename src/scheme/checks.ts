// Cross-reference checks over a built Model: names that must exist, weights that must add up, bands with
// no gaps, metric definitions with no cycles, and the SMART warnings that need no data.
import type { Aggregate, BonusSpec, CommissionSpec, Gate, MetricSpec, Model, Operand, SourceSpec, ColumnType } from '../core/model.js';
import { checkBasis, checkClawback, checkPlans } from './checks-plan.js';
import type { Context } from './context.js';
import { exprRefs } from '../core/expr.js';
import { metricsRead } from '../core/rules/metrics/index.js';
import { needsTarget } from '../core/rules/scoring/index.js';
import { didYouMean } from './suggest.js';
import type { PathSegment } from './positions.js';
import type { Broken } from './build.js';
import { checkSmart } from './smart-checks.js';
import { isAdditive } from '../core/decompose.js';
import { dayFromIso } from '../core/period.js';
import { MAX_SCORE } from './ranges.js';

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
    if (t === undefined) ctx.error([...at, key], `"${col}" is not a column of source "${s.name}"${didYouMean(col, names)}`);
    else if (want && t !== want) ctx.error([...at, key], `"${col}" must be a ${want} column to place rows in a period (it is ${t})`);
  };
  need('rep');
  need('date', 'date');
  need('period');
  need('key');
  if (s.split) {
    for (const part of ['order', 'share'] as const) {
      const col = s.split[part];
      const t = types.get(col);
      if (t === undefined) ctx.error([...at, 'split', part], `"${col}" is not a column of source "${s.name}"${didYouMean(col, names)}`);
      else if (part === 'share' && t !== 'percent' && t !== 'number') ctx.error([...at, 'split', part], `the share column "${col}" must be a percent or number column (it is ${t})`);
    }
    if (s.rep === undefined) ctx.error([...at, 'split'], `split credit needs the source's "rep" column: the rep each row credits`);
  }
  for (const d of s.derived) {
    const dat = [...at, 'derived_columns', d.name];
    if (types.has(d.name)) ctx.error(dat, `derived column "${d.name}" has the same name as a mapped column`, true);
    const refs = d.kind === 'days_between' ? [d.from, d.to] : [...exprRefs(d.formula)];
    refs.forEach((r, i) => {
      const t = types.get(r);
      const where = d.kind === 'days_between' ? [...dat, 'days_between', i] : [...dat, 'formula'];
      if (t === undefined) ctx.error(where, `"${r}" is not a column of source "${s.name}"${didYouMean(r, names)}`);
      else if (d.kind === 'days_between' && t !== 'date') ctx.error(where, `days_between needs date columns; "${r}" is ${t}`);
      else if (d.kind === 'formula' && !NUMERIC.includes(t)) ctx.error(where, `"${r}" is a ${t} column; formulas need number, money or percent columns`);
    });
  }
}

export function checkAggregate(ctx: Context, a: Aggregate, at: PathSegment[], sources: Map<string, SourceSpec | undefined>): void {
  const s = sources.get(a.source);
  if (!s) {
    if (!sources.has(a.source)) ctx.error([...at, 'source'], `unknown source "${a.source}"${didYouMean(a.source, sources.keys())}`);
    return;
  }
  if (!s.rep) ctx.error([...at, 'source'], `source "${s.name}" has no "rep" column, so its rows cannot be attributed to reps`);
  const types = columnTypes(s);
  const names = [...types.keys()];
  if (a.column !== undefined) {
    const t = types.get(a.column);
    if (t === undefined) ctx.error([...at, 'column'], `"${a.column}" is not a column of source "${s.name}"${didYouMean(a.column, names)}`);
    else if ((a.fn === 'sum' || a.fn === 'avg') && !NUMERIC.includes(t)) ctx.error([...at, 'column'], `cannot ${a.fn} "${a.column}": it is a ${t} column`);
    else if ((a.fn === 'min' || a.fn === 'max') && t === 'string') ctx.error([...at, 'column'], `cannot take the ${a.fn} of "${a.column}": it is a text column`);
  }
  for (const c of a.filter) {
    const t = types.get(c.column);
    const p = [...at, 'filter', c.column];
    if (t === undefined) {
      ctx.error(p, `"${c.column}" is not a column of source "${s.name}"${didYouMean(c.column, names)}`, true);
      continue;
    }
    const values = 'value' in c ? [c.value] : 'values' in c ? c.values : 'min' in c ? [c.min, c.max] : [];
    if (t === 'date') {
      for (const v of values) {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.error(p, `"${c.column}" is a date column: compare it with dates like 2026-11-01, not ${JSON.stringify(v)}`);
        else if (dayFromIso(v) === null) ctx.error(p, `${v} is not a date of the calendar (check the day of the month): no row could be compared with it`);
      }
    } else if (NUMERIC.includes(t)) {
      for (const v of values) if (typeof v !== 'number') ctx.error(p, `"${c.column}" is a ${t} column: compare it with numbers, not ${JSON.stringify(v)}`);
    } else if (['gt', 'gte', 'lt', 'lte', 'between'].includes(c.op)) {
      ctx.error(p, `"${c.column}" is a text column: ${c.op} needs a number or date column`);
    }
  }
}

function checkOperand(ctx: Context, o: Operand, at: PathSegment[], sources: Map<string, SourceSpec | undefined>, metrics: Map<string, MetricSpec | undefined>): void {
  if ('metric' in o) {
    if (!metrics.has(o.metric)) ctx.error(at, `unknown metric "${o.metric}"${didYouMean(o.metric, metrics.keys())}`);
  } else checkAggregate(ctx, o, at, sources);
}

function checkMetric(ctx: Context, m: MetricSpec, sources: Map<string, SourceSpec | undefined>, metrics: Map<string, MetricSpec | undefined>): void {
  const at = ['metrics', m.name];
  const d = m.def;
  switch (d.kind) {
    case 'aggregate':
      checkAggregate(ctx, d, at, sources);
      break;
    case 'ratio':
      checkOperand(ctx, d.numerator, [...at, 'numerator'], sources, metrics);
      checkOperand(ctx, d.denominator, [...at, 'denominator'], sources, metrics);
      break;
    case 'derived':
      for (const r of exprRefs(d.formula)) {
        if (!metrics.has(r)) ctx.error([...at, 'formula'], `unknown metric "${r}" in formula${didYouMean(r, metrics.keys())}`);
      }
      break;
    case 'input': {
      const s = sources.get(d.source);
      if (!s) {
        if (!sources.has(d.source)) ctx.error([...at, 'source'], `unknown source "${d.source}"${didYouMean(d.source, sources.keys())}`);
      } else {
        const t = columnTypes(s).get(d.column);
        if (t === undefined) ctx.error([...at, 'column'], `"${d.column}" is not a column of source "${s.name}"${didYouMean(d.column, columnTypes(s).keys())}`);
        else if (!NUMERIC.includes(t)) ctx.error([...at, 'column'], `"${d.column}" must be a number column to be a metric value (it is ${t})`);
        if (!s.rep) ctx.error([...at, 'source'], `source "${s.name}" has no "rep" column, so its values cannot be given per rep`);
      }
      break;
    }
    case 'growth':
      if (!metrics.has(d.metric)) ctx.error([...at, 'metric'], `unknown metric "${d.metric}"${didYouMean(d.metric, metrics.keys())}`);
      break;
  }
  const t = m.target;
  if (m.scoring.method === 'linear') {
    if (!t.threshold) ctx.error([...at, 'target'], 'linear scoring needs a "threshold" in the target (e.g. threshold: 60%)');
    if (!t.stretch) ctx.error([...at, 'target'], 'linear scoring needs a "stretch" in the target (e.g. stretch: 150%)');
  }
  if (t.threshold && t.stretch && t.threshold.kind === t.stretch.kind) {
    const lo = t.threshold.kind === 'relative' ? t.threshold.fraction : t.threshold.value;
    const hi = t.stretch.kind === 'relative' ? t.stretch.fraction : t.stretch.value;
    const ordered = m.direction === 'higher_is_better' ? lo < hi : lo > hi;
    if (!ordered) ctx.error([...at, 'target', 'threshold'], `threshold must be ${m.direction === 'higher_is_better' ? 'below' : 'above'} stretch for a ${m.direction.replace(/_/g, ' ')} metric`);
  }
  if (m.scoring.method === 'bands') checkBands(ctx, m.scoring.bands, [...at, 'scoring', 'bands'], 'band', false);
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
        ctx.error(['metrics', name], `metrics refer to each other in a cycle: ${cycle.join(' → ')}`, true);
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
        if (!metrics.has(metric)) ctx.error(at, `unknown metric "${metric}"${didYouMean(metric, metrics.keys())}`, true);
        continue;
      }
      if (w === 0) ctx.warn(at, `weight 0: "${metric}" does not count for role ${role}; drop it or give it a weight`, 'relevant');
      const t = m.target;
      const hasTarget = t.default !== undefined || t.byRole.has(role) || t.byTeam.size > 0 || t.byRep.size > 0 || model.targetsFile !== undefined;
      if (!hasTarget && needsTarget(m.scoring) && w > 0) {
        ctx.error(at, `"${metric}" is weighted for role ${role} but has no target (add target: { default: … } or by_role: { ${role}: … })`, true);
      } else if (t.default === undefined && !t.byRole.has(role) && w > 0 && needsTarget(m.scoring) && (t.byTeam.size > 0 || t.byRep.size > 0 || model.targetsFile)) {
        ctx.warn(at, `"${metric}" has no default target for role ${role}: reps without a team, rep or targets-file target will be scored 0`, 'specific', true);
      }
      if (!m.unit) ctx.warn(['metrics', metric], `"${metric}" has no unit (money, count, percent, number, days, score)`, 'specific', true);
      // The loader uses the name when no label is given.
      if (m.label === m.name) ctx.warn(['metrics', metric], `"${metric}" has no label: say in words what it measures`, 'specific', true);
      if (!timeBound(model, m, metrics)) ctx.warn(['metrics', metric], `"${metric}" reads a source with no "date" or "period" column, so it is not limited to the period`, 'time-bound', true);
    }
    if (Number.isFinite(sum) && Math.abs(sum - 1) > 1e-9) {
      ctx.error(['weights', role], `weights of role ${role} add up to ${round(sum * 100)}, not 100`, true);
    }
  }
  if (model.roster.kind === 'inline') {
    model.roster.reps.forEach((r, i) => {
      if (!model.weights.has(r.role)) ctx.error(['reps', i, 'role'], `role "${r.role}" has no weights${didYouMean(r.role, model.weights.keys())}`);
    });
  }
}

/** A target per year or quarter is split into months: only for metrics that add up over months. */
function checkDecomposition(ctx: Context, m: MetricSpec): void {
  const t = m.target;
  if (t.per === undefined) return;
  const at = ['metrics', m.name, 'target', 'per'];
  if (!isAdditive(m)) {
    ctx.error(at, `per: ${t.per} splits a target into months, which only works for a sum or a count; a rate or an average has the same target every month: drop "per"`);
  }
  for (const key of ['threshold', 'stretch'] as const) {
    if (t[key]?.kind === 'absolute') ctx.error(['metrics', m.name, 'target', key], `with per: ${t.per}, write ${key} as a percentage of the target (e.g. "60%"): an absolute ${key} cannot be split into months`);
  }
}

/** A rolled-up role needs weights; a manager rollup needs a manager column (or inline managers). */
function checkRollups(ctx: Context, model: Model): void {
  for (const [role, basis] of model.rollups ?? []) {
    const at = ['rollups', role];
    if (!model.weights.has(role)) ctx.error(at, `role "${role}" has no weights${didYouMean(role, model.weights.keys())}: add weights.${role}`, true);
    if (model.roster.kind === 'inline') {
      const reps = model.roster.reps;
      if (!reps.some((r) => r.role === role)) ctx.warn(at, `no rep in the roster has role "${role}"`, 'relevant', true);
      if (basis === 'manager' && !reps.some((r) => r.manager !== undefined)) {
        ctx.error(at, `a manager rollup needs "manager" on the reps who report to someone (manager: rep id)`, true);
      }
    } else if (basis === 'manager' && !model.roster.source.columns.some((c) => c.name === 'manager')) {
      ctx.error(at, `a manager rollup needs a "manager" column in reps.columns (the id of each rep's manager)`, true);
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
  const operandOk = (o: Operand): boolean => ('metric' in o ? metricOk(o.metric) : sourceOk(o.source));
  const metricOk = (name: string): boolean => {
    const x = metrics.get(name);
    return !x || timeBound(model, x, metrics, seen);
  };
  const d = m.def;
  switch (d.kind) {
    case 'aggregate':
    case 'input':
      return sourceOk(d.source);
    case 'ratio':
      return operandOk(d.numerator) && operandOk(d.denominator);
    case 'derived':
      return [...exprRefs(d.formula)].every(metricOk);
    case 'growth':
      return metricOk(d.metric);
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function checkGates(ctx: Context, gates: readonly Gate[], at: PathSegment[], metrics: Map<string, MetricSpec | undefined>): void {
  gates.forEach((g, i) => {
    if (!metrics.has(g.metric)) ctx.error([...at, i, 'metric'], `unknown metric "${g.metric}"${didYouMean(g.metric, metrics.keys())}`);
  });
}

/**
 * A percentage metric's actual is a fraction (a 30 % win rate is 0.3), so `target: 80` is 8,000 %: every rep would
 * score near 0 and the run would look normal. Meant as percent points, surely: past 1000 % (the most any score or
 * tier may be), a target, bound or gate level of a percentage metric is an error saying how to write it.
 */
function checkPercentTargets(ctx: Context, model: Model): void {
  const check = (x: number | undefined, at: PathSegment[], what: string, metric: string) => {
    if (x === undefined || !Number.isFinite(x) || Math.abs(x) <= MAX_SCORE) return;
    // A bound written "80%" is 80 % of the target, so an absolute 80 % bound is written 0.8.
    const meant = what === 'a target' || what === 'a gate level' ? `${round(x / 100)} or "${round(x)}%"` : `${round(x / 100)}`;
    ctx.error(at, `${what} of ${round(x)} means ${round(x * 100).toLocaleString('en-US')}% for the percentage metric "${metric}" (its actual is a fraction: 30% is 0.3); write ${meant} if you meant ${round(x)} percent`);
  };
  for (const m of model.metrics) {
    if (m.unit !== 'percent' || m.target === undefined) continue;
    const at: PathSegment[] = ['metrics', m.name, 'target'];
    const t = m.target;
    check(t.default, [...at, 'default'], 'a target', m.name);
    for (const [key, map] of [['by_role', t.byRole], ['by_team', t.byTeam], ['by_rep', t.byRep]] as const) {
      for (const [k, v] of map) check(v, [...at, key, k], 'a target', m.name);
    }
    for (const key of ['threshold', 'stretch'] as const) {
      const b = t[key];
      if (b?.kind === 'absolute') check(b.value, [...at, key], `a ${key}`, m.name);
    }
  }
  const units = new Map(model.metrics.map((m) => [m.name, m.unit] as const));
  model.gates.forEach((g, i) => {
    if (g.of === 'actual' && units.get(g.metric) === 'percent') check(g.level, ['gates', i, 'level'], 'a gate level', g.metric);
  });
}

/** Bands must be contiguous: each `to` is the next `from`; only the last may be open-ended. */
export function checkBands(ctx: Context, bands: { from: number; to?: number }[], at: PathSegment[], what: string, fromZero: boolean): void {
  const f = (x: number) => (fromZero ? `${round(x * 100)}%` : String(round(x)));
  if (fromZero && bands[0] && bands[0].from > 0) {
    ctx.error([...at, 0, 'from'], `scores below ${f(bands[0].from)} fall in no ${what}: the first ${what} should start at 0`);
  }
  bands.forEach((b, i) => {
    if (b.to !== undefined && b.to <= b.from) ctx.error([...at, i, 'to'], `"to" (${f(b.to)}) must be above "from" (${f(b.from)})`);
    const next = bands[i + 1];
    if (!next) return;
    if (b.to === undefined) {
      ctx.error([...at, i], `only the last ${what} may leave out "to"`);
    } else if (next.from > b.to) {
      ctx.error([...at, i + 1, 'from'], `gap between ${what}s: values from ${f(b.to)} up to ${f(next.from)} fall in no ${what}`);
    } else if (next.from < b.to) {
      ctx.error([...at, i + 1, 'from'], `${what}s overlap: ${f(next.from)}–${f(b.to)} is in two ${what}s (a ${what} includes its "from" and excludes its "to")`);
    }
  });
  const last = bands[bands.length - 1];
  if (last && last.to !== undefined) {
    ctx.error([...at, bands.length - 1, 'to'], `values of ${f(last.to)} and above fall in no ${what}: leave out "to" on the last ${what}`);
  }
}

export function checkBonus(ctx: Context, b: BonusSpec, at: PathSegment[], metrics: Map<string, MetricSpec | undefined>): void {
  if (b.mode === 'step') {
    checkBands(ctx, b.tiers, [...at, 'tiers'], 'tier', true);
    b.tiers.forEach((t, i) => {
      const prev = b.tiers[i - 1];
      if (prev && t.multiplier < prev.multiplier) ctx.warn([...at, 'tiers', i, 'multiplier'], `multiplier ${t.multiplier} is lower than the tier below it (${prev.multiplier}): a higher score would pay less`);
    });
  } else {
    b.points.forEach((p, i) => {
      const prev = b.points[i - 1];
      if (prev && p.score <= prev.score) ctx.error([...at, 'points', i, 'score'], 'points must be in increasing order of score');
    });
  }
  checkBasis(ctx, b, at, metrics);
}

export function checkCommission(
  ctx: Context, c: CommissionSpec, at: PathSegment[], metrics: Map<string, MetricSpec | undefined>, sources: Map<string, SourceSpec | undefined>,
): void {
  const m = metrics.get(c.metric);
  if (!metrics.has(c.metric)) ctx.error([...at, 'metric'], `unknown metric "${c.metric}"${didYouMean(c.metric, metrics.keys())}`);
  else if (m?.unit && m.unit !== 'money') ctx.warn([...at, 'metric'], `commission is paid on "${c.metric}", whose unit is ${m.unit}, not money`);
  checkBands(ctx, c.tiers.map((t) => ({ from: t.from, to: t.to })), [...at, 'tiers'], 'commission tier', false);
  if (c.tiers[0] && c.tiers[0].from !== 0) ctx.error([...at, 'tiers', 0, 'from'], 'the first commission tier should start at 0');
  if (c.clawback && m) checkClawback(ctx, c.clawback, [...at, 'clawback'], m, sources);
}
