// What every bonus mode provides: the multiplier at a total score, its explanation, its inverse (the next
// score where the multiplier goes up, for "what it takes") and its formula. Modes are registered in ./index.ts.
import type { BonusSpec, StepTier } from '../../model.js';
import type { F } from '../../formula.js';
import type { Said } from '../../says.js';
import type { SettingFinding } from '../scoring/rule.js';

/** A row of a mode's table, ascending by score: a named tier (step) or a point (linear). */
export interface BonusRow {
  /** The tier's label; null for a point (named by its number where shown). */
  label: string | null;
  /** The tier's lower bound, or the point's score. */
  from: number;
  /** The tier's upper bound (excluded); null for the open top tier and for a point. */
  to: number | null;
  multiplier: number;
  /** Where its score is in the scheme, under `bonus`: ['tiers', 2, 'from'], ['points', 1, 'score']. */
  at: (string | number)[];
}

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
  /**
   * Whether its rows are named tiers a score falls in (step: a rep has a tier, reps are counted per tier, the
   * Summary has a Tier column) rather than points the multiplier is interpolated between (linear: score bands).
   */
  named: boolean;
  /** The named tiers in the scheme's order; [] for a mode without them. */
  tiers(spec: BonusSpec): readonly StepTier[];
  /** Its table (tiers or points), ascending by score. */
  rows(spec: BonusSpec): BonusRow[];
  /** The scheme's checks of its tiers or points (paths under `bonus`): order, a multiplier that falls as the score rises. */
  lint(spec: BonusSpec): SettingFinding[];
  /** The lowest score that pays and the lowest that earns the top multiplier, `pay` giving the multiplier after its cap. */
  reach(spec: BonusSpec, pay: (multiplier: number) => number): { threshold: number | null; top: number | null };
  /** The step of `kpi explain` for a multiplier (or coefficient, `name`) looked up at `at` (a score or an achievement). */
  basisStep(v: { tier: StepTier | null; multiplier: number }, at: Said | string, name: Said): Said;
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
