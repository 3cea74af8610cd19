// "What it takes": the next tier up and, per metric that counts for the rep, the actual that alone would reach
// it, never beyond the metric's `range`; and, when a zero_bonus gate blocks the bonus, what meets that gate.
import type { MetricSpec, Model } from './model.js';
import type { GateUnlock, MetricResult, NextTier, RepResult, WhatItTakes } from './results.js';
import * as fmt from './format.js';
import { bonusMode } from './rules/bonus/index.js';
import { GATE_OF } from './rules/gates.js';
import { fin, payoutOf } from './payout.js';
import { actualForScore } from './rules/scoring/index.js';
import type { ResolvedTarget } from './targets.js';

const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

/** An actual the metric cannot take: the reason, or null when it is within its range (or it has none). */
function outOfRange(spec: MetricSpec, actual: number): string | null {
  const r = spec.range;
  if (!r) return null;
  if (actual > r.max) return `beyond its range (at most ${fmt.short(r.max, spec.unit)})`;
  if (actual < r.min) return `beyond its range (at least ${fmt.short(r.min, spec.unit)})`;
  return null;
}

function payoutAt(model: Model, rep: RepResult, score: number, zeroed: boolean): number {
  const b = model.bonus;
  return payoutOf(b, {
    proratedBase: rep.proratedBase,
    multiplier: bonusMode(b).value(b, score).multiplier,
    zeroed,
    commission: rep.commission,
    deductionAmount: rep.deductionAmount,
  }).payout;
}

/** The failed zero_bonus gates of the rep, each with the actual that meets it; undefined when none fails. */
export function gateUnlocks(model: Model, rep: RepResult): GateUnlock[] | undefined {
  const failed = rep.gates.filter((g) => g.effect === 'zero_bonus' && !g.passed);
  if (!failed.length) return undefined;
  const payout = fin(payoutAt(model, rep, rep.totalScore, false));
  return failed.map((g) => {
    const spec = model.metrics.find((x) => x.name === g.metric);
    const m = rep.metrics.find((x) => x.metric === g.metric);
    let needed = m ? finOrNull(GATE_OF[g.of].inverse(g.level, spec, m)) : null;
    if (needed !== null && spec && outOfRange(spec, needed)) needed = null;
    const change = needed === null || m?.actual === null || m === undefined ? null : finOrNull(needed - (m.actual ?? 0));
    return { metric: g.metric, reason: g.reason, actualNeeded: needed, change, payout };
  });
}

/** What `m` alone needs for `gain` more total score (before deductions), or why it cannot. */
function alone(spec: MetricSpec, target: ResolvedTarget, m: MetricResult, gain: number, zeroedByGate: boolean): WhatItTakes {
  if (zeroedByGate) return { metric: m.metric, change: null, actualNeeded: null, why: 'its gate zeroes its contribution' };
  const needed = finOrNull(actualForScore(spec, target, m.actual, m.score + gain / m.weight));
  if (needed === null) return { metric: m.metric, change: null, actualNeeded: null };
  const why = outOfRange(spec, needed);
  if (why) return { metric: m.metric, change: null, actualNeeded: null, why };
  const change = finOrNull(needed - (m.actual ?? 0));
  return { metric: m.metric, change, actualNeeded: change === null ? null : needed };
}

/** The next tier (step) or point (linear) above the rep's total score, and what each counting metric alone needs. */
export function nextTier(model: Model, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[]): NextTier | undefined {
  const b = model.bonus;
  const up = bonusMode(b).inverse(b, rep.totalScore);
  if (up === null) return undefined;
  const { score: tierScore, tier } = up;
  const zeroed = rep.bonusZeroedBy !== undefined;
  // Score needed before deductions, since points come off afterwards.
  const gain = tierScore + rep.deductionPoints / 100 - rep.scoreBeforeDeductions;
  const perMetric: WhatItTakes[] = [];
  rep.metrics.forEach((m, i) => {
    // Only metrics that count for the rep's role: a weight of 0 cannot lift the score.
    if (!(m.weight > 0)) return;
    const gated = rep.gates.some((g) => g.metric === m.metric && g.effect === 'zero_metric' && !g.passed);
    perMetric.push(alone(specs[i]!, targets[i]!, m, gain, gated));
  });
  const next: NextTier = { tier, score: fin(tierScore), payout: fin(payoutAt(model, rep, tierScore, zeroed)), perMetric };
  if (zeroed) next.payoutOnceUnlocked = fin(payoutAt(model, rep, tierScore, false));
  return next;
}
