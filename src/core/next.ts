// "What it takes": the next tier up and, per metric that counts for the rep, the actual that alone would reach
// it, never beyond the metric's `range`; and, when a zero_bonus gate blocks the bonus, what meets that gate.
import type { BonusSpec, MetricSpec, Model } from './model.js';
import type { GateUnlock, MetricResult, NextTier, RepResult, WhatItTakes } from './results.js';
import * as fmt from './format.js';
import { bonusMode } from './rules/bonus/index.js';
import { GATE_OF } from './rules/gates.js';
import { fin, payoutOf } from './payout.js';
import { actualForScore } from './rules/scoring/index.js';
import type { ResolvedTarget } from './targets.js';
import { said, type Said } from './says.js';

const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

/** An actual the metric cannot take: the reason, or null when it is within its range (or it has none). */
function outOfRange(spec: MetricSpec, actual: number): Said | null {
  const r = spec.range;
  if (!r) return null;
  if (actual > r.max) return said('next.atMost', { value: fmt.short(r.max, spec.unit) });
  if (actual < r.min) return said('next.atLeast', { value: fmt.short(r.min, spec.unit) });
  return null;
}

/**
 * The payout with the tiers looked up at `key` (the total score, or the basis metric's achievement), the rest as
 * it is; `times_score` multiplies by the total score `score`. A 红线 that zeroes the bonus keeps it zeroed.
 */
function payoutAt(b: BonusSpec, rep: RepResult, key: number | null, score: number, zeroed: boolean): number {
  const coefficient = key === null ? 0 : bonusMode(b).value(b, key).multiplier;
  return payoutOf(b, {
    proratedBase: rep.proratedBase,
    multiplier: coefficient * (b.timesScore ? score : 1),
    zeroed: zeroed || rep.bonusZeroedByRedLine !== undefined,
    commission: rep.commission,
    deductionAmount: rep.deductionAmount,
  }).payout;
}

/** The failed zero_bonus gates of the rep, each with the actual that meets it; undefined when none fails. */
export function gateUnlocks(model: Model, rep: RepResult, bonus: BonusSpec = model.bonus): GateUnlock[] | undefined {
  const failed = rep.gates.filter((g) => g.effect === 'zero_bonus' && !g.passed);
  if (!failed.length) return undefined;
  const key = bonus.basis === undefined ? rep.totalScore : (rep.basis?.value ?? null);
  const payout = fin(payoutAt(bonus, rep, key, rep.totalScore, false));
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
  if (zeroedByGate) return { metric: m.metric, change: null, actualNeeded: null, why: said('next.gateZeroes') };
  const needed = finOrNull(actualForScore(spec, target, m.actual, m.score + gain / m.weight));
  if (needed === null) return { metric: m.metric, change: null, actualNeeded: null };
  const why = outOfRange(spec, needed);
  if (why) return { metric: m.metric, change: null, actualNeeded: null, why };
  const change = finOrNull(needed - (m.actual ?? 0));
  return { metric: m.metric, change, actualNeeded: change === null ? null : needed };
}

/** The next tier (step) or point (linear) above the rep's total score, and what each counting metric alone needs. */
export function nextTier(model: Model, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[], bonus: BonusSpec = model.bonus): NextTier | undefined {
  const b = bonus;
  if (b.basis !== undefined) return nextOnBasis(b, rep, specs, targets);
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
  const next: NextTier = { tier, score: fin(tierScore), payout: fin(payoutAt(b, rep, tierScore, tierScore, zeroed)), perMetric };
  if (zeroed) next.payoutOnceUnlocked = fin(payoutAt(b, rep, tierScore, tierScore, false));
  return next;
}

/**
 * Tiers keyed on one metric's achievement: the next tier is reached by that metric alone, at tier.from × its
 * target (target / tier.from when lower is better). The payout there keeps everything else as it is.
 */
function nextOnBasis(b: BonusSpec, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[]): NextTier | undefined {
  const i = rep.metrics.findIndex((m) => m.metric === b.basis);
  const m = rep.metrics[i];
  const spec = specs[i];
  const T = targets[i]?.target ?? null;
  if (!m || !spec || T === null || !(T > 0)) return undefined;
  const up = bonusMode(b).inverse(b, m.achievement ?? 0);
  if (up === null) return undefined;
  const zeroed = rep.bonusZeroedBy !== undefined;
  const payout = payoutAt(b, rep, up.score, rep.totalScore, zeroed);
  const needed = spec.direction === 'lower_is_better' ? (up.score > 0 ? T / up.score : null) : up.score * T;
  let actualNeeded = needed === null ? null : finOrNull(needed);
  const why = actualNeeded === null ? null : outOfRange(spec, actualNeeded);
  if (why) actualNeeded = null;
  const change = actualNeeded === null ? null : finOrNull(actualNeeded - (m.actual ?? 0));
  const next: NextTier = {
    tier: up.tier,
    score: fin(up.score),
    payout: fin(payout),
    perMetric: [{ metric: m.metric, change, actualNeeded: change === null ? null : actualNeeded, ...(why ? { why } : {}) }],
  };
  if (zeroed) next.payoutOnceUnlocked = fin(payoutAt(b, rep, up.score, rep.totalScore, false));
  return next;
}
