// step: the multiplier of the band the total score falls in applies to the whole base. A band includes its lower
// bound and excludes its upper bound; no band → multiplier 0.
import type { StepTier } from '../../model.js';
import * as fmt from '../../format.js';
import { lookup } from '../../formula.js';
import type { BonusModeRule } from './rule.js';
import { said } from '../../says.js';

/** The step tier holding `score`: from ≤ score < to (to absent = open-ended); null when none does. */
export function stepTier(tiers: readonly StepTier[], score: number): StepTier | null {
  return tiers.find((t) => score >= t.from && (t.to === undefined || score < t.to)) ?? null;
}

const sorted = (tiers: readonly StepTier[]): StepTier[] => [...tiers].sort((a, b) => a.from - b.from);

export const step: BonusModeRule = {
  value(spec, score) {
    const tier = stepTier(spec.tiers, score);
    return { tier, multiplier: tier?.multiplier ?? 0 };
  },
  explain(_spec, score, { tier }) {
    if (!tier) return said('bonus.noTier', { score: fmt.pct(score) });
    const shown = { label: tier.label, from: fmt.pct(tier.from), score: fmt.pct(score), multiplier: fmt.trimmed(tier.multiplier, 4) };
    return tier.to !== undefined ? said('bonus.tierTo', { ...shown, to: fmt.pct(tier.to) }) : said('bonus.tier', shown);
  },
  highest: (spec) => Math.max(0, ...spec.tiers.map((t) => t.multiplier)), // bounded spread: one plan's tiers
  inverse(spec, score) {
    const up = sorted(spec.tiers).find((t) => t.from > score);
    return up ? { score: up.from, tier: up } : null;
  },
  // Tiers are contiguous from 0 (the scheme checks it), so the last `from` at or below the score is its tier.
  formula(spec, score, t) {
    const tiers = sorted(spec.tiers);
    return lookup(
      score,
      t.fromRange,
      tiers.map((x) => x.from),
      t.multiplierRange,
      tiers.map((x) => x.multiplier),
    );
  },
  labelFormula(spec, score, t) {
    const tiers = sorted(spec.tiers);
    return lookup(
      score,
      t.fromRange,
      tiers.map((x) => x.from),
      t.labelRange,
      tiers.map((x) => x.label),
    );
  },
};
