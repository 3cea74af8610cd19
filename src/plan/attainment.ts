// Who reached what: the shares of reps at a metric's threshold, target and stretch, and at the plan's edges of
// total score. Shared by `kpi backtest` (the distribution per period) and the SMART history checks of
// `kpi validate`. Reps without data in a period are left out: they say nothing about how hard a target is.
import type { BonusSpec, Direction, Model } from '../core/model.js';
import type { MetricResult, RepResult } from '../core/results.js';
import { bonusEdges, bonusMode, capMultiplier } from '../core/rules/bonus/index.js';

/** The guidance of the KPI literature: about 90 % of reps reach threshold, 50 % target, 10 % stretch. */
export const GUIDANCE = { threshold: 0.9, target: 0.5, stretch: 0.1 } as const;

export interface Reached {
  /** Reps counted (with data; for a metric: weighted and with a target). */
  reps: number;
  /** How many reached each level; null when the level is not defined. */
  threshold: number | null;
  target: number | null;
  stretch: number | null;
}

/** The total scores that matter for the plan as a whole. */
export interface PlanEdges {
  /** Lowest total score that pays a bonus (the first paying tier). */
  threshold: number | null;
  /** 100 %. */
  target: number;
  /** Lowest total score that earns the highest multiplier. */
  stretch: number | null;
  /** Every tier boundary (step) or point (linear) above 0, ascending: where one more point changes the pay. */
  all: number[];
}

export function planEdges(bonus: BonusSpec): PlanEdges {
  // The mode knows where its tiers or points start paying and reach the top (after max_multiplier).
  const { threshold, top } = bonusMode(bonus).reach(bonus, (m) => capMultiplier(bonus, m));
  return { threshold, target: 1, stretch: top !== null && top > 1 ? top : null, all: bonusEdges(bonus) };
}

/** Whether `actual` reaches `level`: at or above it, or at or below it when lower is better. */
function reaches(actual: number | null, level: number | null, direction: Direction): boolean {
  if (actual === null || level === null) return false;
  return direction === 'lower_is_better' ? actual <= level : actual >= level;
}

/** Total scores against the plan's edges, over the reps with data. */
/**
 * Reps with data reaching the threshold, target and stretch of the plan that pays them (`standing`: its edges and
 * what its tiers are keyed on, the total score or a bonus basis's achievement). A level no plan has is null.
 */
export function overallReached(
  reps: readonly RepResult[],
  defaults: PlanEdges,
  standing: (r: RepResult) => { edges: PlanEdges; value: (r: RepResult) => number | null },
): Reached {
  const withData = reps.filter((r) => r.hasData);
  const count = (level: (e: PlanEdges) => number | null) => {
    const defined = withData.length > 0 ? withData.some((r) => level(standing(r).edges) !== null) : level(defaults) !== null;
    if (!defined) return null;
    return withData.filter((r) => {
      const { edges, value } = standing(r);
      const l = level(edges);
      const v = value(r);
      return l !== null && v !== null && v >= l - 1e-12;
    }).length;
  };
  return { reps: withData.length, threshold: count((e) => e.threshold), target: count((e) => e.target), stretch: count((e) => e.stretch) };
}

/** One metric's actuals against each rep's own threshold, target and stretch, over the reps it counts for. */
export function metricReached(model: Model, reps: readonly Pick<RepResult, 'hasData' | 'metrics'>[], metric: string): Reached {
  const spec = model.metrics.find((m) => m.name === metric);
  const dir = spec?.direction ?? 'higher_is_better';
  const counted: MetricResult[] = [];
  for (const r of reps) {
    if (!r.hasData) continue;
    const m = r.metrics.find((x) => x.metric === metric);
    if (m && m.weight > 0 && m.target !== null) counted.push(m);
  }
  // A level no counted rep has (no threshold in the scheme) is not defined rather than reached by nobody.
  const count = (level: (m: MetricResult) => number | null) =>
    counted.some((m) => level(m) !== null) ? counted.filter((m) => reaches(m.actual, level(m), dir)).length : null;
  return { reps: counted.length, threshold: count((m) => m.threshold), target: count((m) => m.target), stretch: count((m) => m.stretch) };
}

/** Metrics weighted for some rep and given a target somewhere: those with a distribution to show. */
export function metricsWithTargets(results: readonly { reps: readonly Pick<RepResult, 'metrics'>[] }[]): { metric: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const res of results)
    for (const r of res.reps) for (const m of r.metrics) if (m.weight > 0 && m.target !== null && !seen.has(m.metric)) seen.set(m.metric, m.label);
  const order = results[0]?.reps[0]?.metrics.map((m) => m.metric) ?? [];
  return [...seen].map(([metric, label]) => ({ metric, label })).sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric));
}

export function addReached(a: Reached, b: Reached): Reached {
  const add = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : x + y);
  return { reps: a.reps + b.reps, threshold: add(a.threshold, b.threshold), target: add(a.target, b.target), stretch: add(a.stretch, b.stretch) };
}

export const NONE_REACHED: Reached = { reps: 0, threshold: null, target: null, stretch: null };

/** count / reps as a fraction; null when undefined or nobody was counted. */
export function share(count: number | null, reps: number): number | null {
  return count === null || reps === 0 ? null : count / reps;
}
