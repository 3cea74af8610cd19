// What every bonus mode provides: the multiplier at a total score, its explanation, its inverse (the next
// score where the multiplier goes up, for "what it takes") and its formula. Modes are registered in ./index.ts.
import type { BonusSpec, StepTier } from '../../model.js';
import type { F } from '../../formula.js';
import type { Said } from '../../says.js';

/** The Scheme sheet's tier (or point) table, as cell references holding their values; rows sorted by score. */
export interface TierTable {
  /** Per row, in ascending order of `from` (step) or `score` (linear). */
  rows: { from: F; multiplier: F; label: F }[];
  /** Whole columns of the table, for LOOKUP. */
  fromRange: string;
  multiplierRange: string;
  labelRange: string;
}

export interface BonusModeRule {
  /** The multiplier at a total score, before the cap; with the step tier holding it (step mode). */
  value(spec: BonusSpec, score: number): { tier: StepTier | null; multiplier: number };
  /** The step for `kpi explain`. */
  explain(spec: BonusSpec, score: number, v: { tier: StepTier | null; multiplier: number }): Said;
  /** The highest multiplier any score gives, before the cap (what `max_multiplier` and `max_payout` are checked against). */
  highest(spec: BonusSpec): number;
  /** The next total score above `score` where the multiplier goes up, with its tier; null at the top. */
  inverse(spec: BonusSpec, score: number): { score: number; tier: StepTier | null } | null;
  /** The multiplier (before the cap) over the total score cell and the tier table. */
  formula(spec: BonusSpec, score: F, table: TierTable): F;
  /** The tier label over the same cells; null when the mode has no tiers. */
  labelFormula(spec: BonusSpec, score: F, table: TierTable): F | null;
}
