// The bonus modes, one module each, keyed by `bonus.mode`; with the cap on the multiplier, stated once.
import type { BonusSpec } from '../../model.js';
import { lit, max, min, mul, type F } from '../../formula.js';
import { linear } from './linear.js';
import type { BonusModeRule, TierTable } from './rule.js';
import { step } from './step.js';

export const BONUS_MODES = { step, linear } satisfies Record<BonusSpec['mode'], BonusModeRule>;

export const bonusMode = (spec: BonusSpec): BonusModeRule => BONUS_MODES[spec.mode];

/** The multiplier at a total score, before the cap; with the step tier holding it (step mode). */
export const multiplierFor = (spec: BonusSpec, score: number): ReturnType<BonusModeRule['value']> => bonusMode(spec).value(spec, score);

/** The multiplier after `max_multiplier`, never below 0 nor non-finite. */
export function capMultiplier(spec: BonusSpec, m: number): number {
  const v = spec.maxMultiplier !== undefined ? Math.min(m, spec.maxMultiplier) : m;
  return Number.isFinite(v) ? Math.max(0, v) : 0;
}

/**
 * The capped multiplier as a formula, the tiers looked up at `key` (the total score, or a basis metric's
 * achievement); `times` multiplies it before the cap (`times_score`: the total score).
 */
export function cappedMultiplierFormula(spec: BonusSpec, key: F, table: TierTable, times?: F): F {
  const coefficient = bonusMode(spec).formula(spec, key, table);
  const m = times ? mul(coefficient, times) : coefficient;
  return spec.maxMultiplier !== undefined ? max(lit(0), min(m, lit(spec.maxMultiplier))) : m;
}

/** The scores above 0 where the multiplier changes (tier starts, points), ascending, each once. */
export function bonusEdges(spec: BonusSpec): number[] {
  return [
    ...new Set(
      bonusMode(spec)
        .rows(spec)
        .map((r) => r.from),
    ),
  ]
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
}

/** Score bands from 0 between those edges (`to` null: open), to count reps in where the mode has no named tiers. */
export function scoreBands(spec: BonusSpec): { from: number; to: number | null }[] {
  const edges = [0, ...bonusEdges(spec)];
  return edges.map((from, i) => ({ from, to: edges[i + 1] ?? null }));
}

export type { BonusRow, TierTable } from './rule.js';
export { stepTier } from './step.js';
