// "What it takes": the next tier up and, per weighted metric, the actual that alone would reach it.
import type { MetricSpec, Model } from './model.js';
import type { NextTier, RepResult, WhatItTakes } from './results.js';
import { multiplierFor } from './bonus.js';
import { fin, payoutOf } from './payout.js';
import { invertPoints, linearPoints, type ResolvedTarget } from './scoring.js';

const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

/** The next tier (step) or point (linear) above the rep's total score, and what each weighted metric alone needs. */
export function nextTier(model: Model, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[]): NextTier | undefined {
  const b = model.bonus;
  let tierScore: number | null = null;
  let tier: NextTier['tier'] = null;
  if (b.mode === 'step') {
    const up = [...b.tiers].sort((x, y) => x.from - y.from).find((t) => t.from > rep.totalScore);
    if (up) [tierScore, tier] = [up.from, up];
  } else {
    const up = [...b.points].sort((x, y) => x.score - y.score).find((p) => p.score > rep.totalScore);
    if (up) tierScore = up.score;
  }
  if (tierScore === null) return undefined;
  const payout = payoutOf(b, {
    proratedBase: rep.proratedBase,
    multiplier: multiplierFor(b, tierScore).multiplier,
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

/**
 * Smallest change of direction-wise improvement: the actual at which the metric's score reaches `score`
 * (before clipping), or null when no actual does (above the cap, no target, a binary already scored).
 */
export function actualForScore(m: Pick<MetricSpec, 'direction' | 'scoring'>, t: ResolvedTarget, current: number | null, score: number): number | null {
  const s = m.scoring;
  const lower = m.direction === 'lower_is_better';
  if (score > s.cap + 1e-12) return null;
  if (s.method === 'bands') {
    const from = current ?? 0;
    let best: number | null = null;
    for (const b of s.bands) {
      if (b.score < score - 1e-12) continue;
      // a band already holding the actual would already score; a band below can only be entered at `to`,
      // which it excludes, so only bands starting above the actual count
      if (b.from > from && (best === null || b.from < best)) best = b.from;
    }
    return best;
  }
  const T = t.target;
  if (T === null) return null;
  if (s.method === 'binary') return score <= Math.min(1, s.cap) + 1e-12 ? T : null;
  if (s.method === 'ratio') {
    if (T < 0) return score <= 1 ? T : null;
    if (lower) return T === 0 ? 0 : score > 0 ? T / score : null;
    if (T === 0) return score <= 1 ? 0 : null;
    return score * T;
  }
  const pts = linearPoints(s, m.direction, t);
  if (!pts) return null;
  const x = invertPoints(pts, score);
  if (x === null) return null;
  return lower ? -x : x;
}
