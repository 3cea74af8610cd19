// "What it takes": the next tier up and, per weighted metric, the actual that alone would reach it.
import type { MetricSpec, Model } from './model.js';
import type { NextTier, RepResult, WhatItTakes } from './results.js';
import { bonusMode } from './rules/bonus/index.js';
import { fin, payoutOf } from './payout.js';
import { actualForScore } from './rules/scoring/index.js';
import type { ResolvedTarget } from './targets.js';

const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

/** The next tier (step) or point (linear) above the rep's total score, and what each weighted metric alone needs. */
export function nextTier(model: Model, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[]): NextTier | undefined {
  const b = model.bonus;
  const mode = bonusMode(b);
  const up = mode.inverse(b, rep.totalScore);
  if (up === null) return undefined;
  const { score: tierScore, tier } = up;
  const payout = payoutOf(b, {
    proratedBase: rep.proratedBase,
    multiplier: mode.value(b, tierScore).multiplier,
    zeroed: rep.bonusZeroedBy !== undefined,
    commission: rep.commission,
    deductionAmount: rep.deductionAmount,
  }).payout;
  // Score needed before deductions, since points come off afterwards.
  const gain = tierScore + rep.deductionPoints / 100 - rep.scoreBeforeDeductions;
  const perMetric: WhatItTakes[] = [];
  rep.metrics.forEach((m, i) => {
    if (!(m.weight > 0)) return;
    const spec = specs[i]!;
    const zeroed = rep.gates.some((g) => g.metric === m.metric && g.effect === 'zero_metric' && !g.passed);
    const needed = zeroed ? null : actualForScore(spec, targets[i]!, m.actual, m.score + gain / m.weight);
    const actualNeeded = needed === null ? null : finOrNull(needed);
    const change = actualNeeded === null ? null : finOrNull(actualNeeded - (m.actual ?? 0));
    perMetric.push({ metric: m.metric, change, actualNeeded: change === null ? null : actualNeeded });
  });
  return { tier, score: fin(tierScore), payout: fin(payout), perMetric };
}
