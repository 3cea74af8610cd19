// `kpi targets`: on-tiptoe targets from history. Per rep and metric: the trailing average × (1 + growth), no
// more than the best period × smart.max_target_over_best and never below the average (mirrored when lower is
// better); for a span of several periods, an additive metric's total is split by last year's seasonality into
// parts that add up exactly at the metric's grain (money to the cent). Pure: scored history in, suggestions out.
import { said, type Text } from '../messages/index.js';
import type { MetricSpec, Model, Unit } from '../core/model.js';
import type { Period, RunResult } from '../core/results.js';
import { grainOf, splitByWeights } from '../core/split.js';
import { isAdditive } from '../core/decompose.js';
import { needsTarget } from '../core/rules/scoring/index.js';

export interface History {
  /** The periods before the span, oldest first, each scored with the scheme (those with data only). */
  trailing: readonly RunResult[];
  /** Each output period one year earlier, scored (with or without data), for seasonality. */
  lastYear: readonly RunResult[];
}

export type Rule = 'growth' | 'best' | 'average' | 'full';

export interface Suggestion {
  rep: string;
  name: string;
  metric: string;
  label: string;
  unit: Unit | undefined;
  direction: MetricSpec['direction'];
  /** Sum-like metrics are split over the span; rates and averages keep the same level every period. */
  additive: boolean;
  /** The rep's actuals in the trailing periods with data. */
  history: { period: string; actual: number }[];
  average: number;
  best: number;
  bestPeriod: string;
  /** The per-period level before rounding, and which rule set it. */
  level: number;
  rule: Rule;
  /** Over the whole span: the sum of the period targets (additive) or the level (not additive), rounded. */
  total: number;
  /** How the total was split: by last year's shares of each period, or evenly. */
  split: { basis: 'seasonality' | 'even' | 'none'; shares: number[]; note: Text };
  periods: { period: string; target: number }[];
  /** In the run's language when shown (say); JSON keeps its English. */
  explanation: Text;
}

export interface Skipped {
  rep: string;
  metric: string;
  reason: Text;
}

/** Fewer periods with data than this are no basis for a target. */
const MIN_HISTORY = 2;

/** Up to the grain (higher is better) or down to it (lower is better), so rounding never makes a target easier. */
function toGrain(x: number, places: number, up: boolean): number {
  const f = 10 ** places;
  const units = Math.round(x * f * 1e6) / 1e6; // shed binary noise before ceil/floor
  const r = (up ? Math.ceil(units) : Math.floor(units)) / f;
  return r === 0 ? 0 : r;
}

/** The per-period level for a rep's history: the on-tiptoe rule. */
export function levelFor(
  values: readonly number[],
  direction: MetricSpec['direction'],
  growth: number,
  factor: number,
  unit: Unit | undefined,
): { level: number; rule: Rule; average: number; best: number } {
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  const lower = direction === 'lower_is_better';
  const best = values.reduce((m, x) => (lower ? Math.min(m, x) : Math.max(m, x)), lower ? Infinity : -Infinity);
  if (lower) {
    // Better is lower: the average less the growth, no lower than best / factor, never above the average.
    let level = average * (1 - growth);
    let rule: Rule = 'growth';
    if (level < best / factor) [level, rule] = [best / factor, 'best'];
    if (level > average) [level, rule] = [average, 'average'];
    return { level, rule, average, best };
  }
  let level = average * (1 + growth);
  let rule: Rule = 'growth';
  if (best > 0 && level > best * factor) [level, rule] = [best * factor, 'best'];
  if (level < average) [level, rule] = [average, 'average'];
  // A rate nobody exceeded stays at 100 % at most.
  if (unit === 'percent' && level > Math.max(1, best)) [level, rule] = [Math.max(1, best), 'full'];
  return { level, rule, average, best };
}

/** Metrics a target is suggested for: weighted for some role and scored against a target (not bands). */
function targetedMetrics(model: Model): MetricSpec[] {
  const weighted = new Set<string>();
  for (const ws of model.weights.values()) for (const [m, w] of ws) if (w > 0) weighted.add(m);
  return model.metrics.filter((m) => weighted.has(m.name) && needsTarget(m.scoring));
}

function fmtNum(x: number, places: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: places });
}

function show(x: number, unit: Unit | undefined, minor: number): string {
  if (unit === 'percent') return `${fmtNum(x * 100, 2)}%`;
  if (unit === 'money') return x.toLocaleString('en-US', { minimumFractionDigits: minor, maximumFractionDigits: minor });
  return fmtNum(x, unit === 'count' ? 1 : 2);
}

/** Seasonality of one metric over the output periods: the company's total in each, one year earlier. */
function seasonality(metric: string, lastYear: readonly RunResult[]): { basis: 'seasonality' | 'even' | 'none'; weights: number[]; note: Text } {
  const n = lastYear.length;
  if (n <= 1) return { basis: 'none', weights: [1], note: '' };
  const totals = lastYear.map((r) => {
    let s = 0;
    for (const rep of r.reps) {
      // A team lead's rollup repeats the team's rows: counted once, through the reps.
      if (rep.rollup) continue;
      const a = rep.hasData ? rep.metrics.find((x) => x.metric === metric)?.actual : null;
      if (a !== null && a !== undefined) s += a;
    }
    return s;
  });
  const missing = lastYear.filter((_, i) => !(totals[i]! > 0)).map((r) => r.period.label);
  if (missing.length) {
    const note =
      missing.length === n
        ? said('tg.evenNone')
        : missing.length <= 3
          ? said('tg.evenFor', { periods: missing })
          : said('tg.evenSome', { n: missing.length, of: n });
    return { basis: 'even', weights: lastYear.map(() => 1), note };
  }
  return { basis: 'seasonality', weights: totals, note: said('tg.seasonality', { first: lastYear[0]!.period.label, last: lastYear[n - 1]!.period.label }) };
}

export function suggestTargets(model: Model, history: History, periods: readonly Period[], growth: number): { suggestions: Suggestion[]; skipped: Skipped[] } {
  const suggestions: Suggestion[] = [];
  const skipped: Skipped[] = [];
  const factor = model.smart.maxTargetOverBest;
  const minor = model.currency.minorUnit;
  const n = periods.length;
  const latest = history.trailing[history.trailing.length - 1];
  const reps = latest?.reps.map((r) => r.rep) ?? [];
  const byId = (a: { rep: { id: string } }, b: { rep: { id: string } }) => (a.rep.id < b.rep.id ? -1 : a.rep.id > b.rep.id ? 1 : 0);
  const metrics = targetedMetrics(model);
  const seasons = new Map(metrics.map((m) => [m.name, seasonality(m.name, history.lastYear)] as const));
  for (const rep of [...reps]
    .map((r) => ({ rep: r }))
    .sort(byId)
    .map((x) => x.rep)) {
    const weights = model.weights.get(rep.role);
    for (const m of metrics) {
      if (!(weights && (weights.get(m.name) ?? 0) > 0)) continue;
      const values: { period: string; actual: number }[] = [];
      for (const h of history.trailing) {
        const r = h.reps.find((x) => x.rep.id === rep.id);
        const a = r?.metrics.find((x) => x.metric === m.name)?.actual;
        if (r?.hasData && a !== null && a !== undefined && Number.isFinite(a)) values.push({ period: h.period.label, actual: a });
      }
      if (values.length < MIN_HISTORY) {
        skipped.push({ rep: rep.id, metric: m.name, reason: said('tg.tooFew', { n: values.length, need: MIN_HISTORY }) });
        continue;
      }
      const { level, rule, average, best } = levelFor(
        values.map((v) => v.actual),
        m.direction,
        growth,
        factor,
        m.unit,
      );
      const bestPeriod = values.find((v) => v.actual === best)!.period;
      const places = grainOf(m.unit, minor);
      const up = m.direction !== 'lower_is_better';
      const additive = isAdditive(m) && n > 1;
      const season = seasons.get(m.name)!;
      let total: number;
      let targets: number[];
      if (additive) {
        total = toGrain(level * n, places, up);
        targets = splitByWeights(total, season.weights, places);
      } else {
        total = toGrain(level, places, up);
        targets = periods.map(() => total);
      }
      const sum = season.weights.reduce((a, b) => a + b, 0);
      const shares = season.weights.map((w) => (sum > 0 ? w / sum : 1 / n));
      const v = (x: number) => show(x, m.unit, minor);
      const g = `${fmtNum(growth * 100, 2)}%`;
      const ruleText = {
        growth: said(up ? 'tg.rule.growthUp' : 'tg.rule.growthDown', { average: v(average), growth: g, level: v(level) }),
        best: said(up ? 'tg.rule.bestUp' : 'tg.rule.bestDown', { average: v(average), growth: g, best: v(best), period: bestPeriod, factor, level: v(level) }),
        average: said(up ? 'tg.rule.averageUp' : 'tg.rule.averageDown', { average: v(average) }),
        full: said('tg.rule.full', { average: v(average), growth: g, level: v(level) }),
      }[rule];
      const basis = said('tg.basis', { n: values.length, first: values[0]!.period, last: values[values.length - 1]!.period });
      const rounded = said(up ? 'tg.roundedUp' : 'tg.roundedDown', { total: v(total) });
      const spread: Text = !additive
        ? said('tg.spreadSame', { rounded: v(total) !== v(level) ? rounded : '', same: n > 1 ? said('tg.sameEvery') : '' })
        : said('tg.spreadTimes', { n, sum: v(level * n), rounded: v(total) !== v(level * n) ? rounded : '', note: season.note });
      const explanation = said('tg.explanation', { rule: ruleText, basis, best: v(best), period: bestPeriod, spread });
      suggestions.push({
        rep: rep.id,
        name: rep.name,
        metric: m.name,
        label: m.label,
        unit: m.unit,
        direction: m.direction,
        additive: isAdditive(m),
        history: values,
        average,
        best,
        bestPeriod,
        level,
        rule,
        total,
        split: { basis: additive ? season.basis : 'none', shares: additive ? shares : periods.map(() => 1 / n), note: additive ? season.note : '' },
        periods: periods.map((p, i) => ({ period: p.label, target: targets[i]! })),
        explanation,
      });
    }
  }
  return { suggestions, skipped };
}
