// step: the multiplier of the band the total score falls in applies to the whole base. A band includes its lower
// bound and excludes its upper bound; no band → multiplier 0.
import type { StepTier } from '../../model.js';
import * as fmt from '../../format.js';
import { lookup } from '../../formula.js';
import type { BonusModeRule } from './rule.js';
import { said } from '../../says.js';
import { problem } from '../../../messages/index.js';

/** The step tier holding `score`: from ≤ score < to (to absent = open-ended); null when none does. */
export function stepTier(tiers: readonly StepTier[], score: number): StepTier | null {
  return tiers.find((t) => score >= t.from && (t.to === undefined || score < t.to)) ?? null;
}

const sorted = (tiers: readonly StepTier[]): StepTier[] => [...tiers].sort((a, b) => a.from - b.from);

export const step: BonusModeRule = {
  named: true,
  tiers: (spec) => spec.tiers,
  rows: (spec) =>
    spec.tiers
      .map((t, i) => ({ label: t.label, from: t.from, to: t.to ?? null, multiplier: t.multiplier, at: ['tiers', i, 'from'] }))
      .sort((a, b) => a.from - b.from),
  // The bands themselves are checked contiguous from 0 by the scheme (checkBands); here: pay that falls as the score rises.
  lint: (spec) =>
    spec.tiers.flatMap((t, i) => {
      const prev = spec.tiers[i - 1];
      return prev && t.multiplier < prev.multiplier
        ? [{ severity: 'warning' as const, path: ['tiers', i, 'multiplier'], problem: problem('KPI5416', { multiplier: t.multiplier, prev: prev.multiplier }) }]
        : [];
    }),
  reach(spec, pay) {
    const tiers = sorted(spec.tiers);
    const top = Math.max(0, ...tiers.map((t) => pay(t.multiplier))); // bounded spread: one plan's tiers
    const first = tiers.find((t) => pay(t.multiplier) > 0);
    const best = top > 0 ? tiers.find((t) => pay(t.multiplier) === top) : undefined;
    return { threshold: first ? first.from : null, top: best ? best.from : null };
  },
  basisStep({ tier }, at, name) {
    if (!tier) return said('basis.noTier', { at, name });
    const shown = { label: tier.label, from: fmt.pct(tier.from), at, name, value: fmt.trimmed(tier.multiplier, 4) };
    return tier.to !== undefined ? said('basis.tierTo', { ...shown, to: fmt.pct(tier.to) }) : said('basis.tier', shown);
  },
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
