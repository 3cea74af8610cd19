// What every commission mode provides: the commission on an amount (with its slices), its explanation, its
// inverse (the amount where the rate goes up) and its formula. Modes are registered in ./index.ts.
import type { CommissionTier } from '../../model.js';
import type { CommissionSlice } from '../../results.js';
import type { F } from '../../formula.js';

/** The Scheme sheet's commission tiers as cell references holding their values, ascending by `from`. */
export interface CommissionTable {
  rows: { from: F; to: F | null; rate: F }[];
  fromRange: string;
  rateRange: string;
}

export interface CommissionModeRule {
  /** The slices and their sum, before the cap; tiers ascending, amount > 0. */
  value(tiers: readonly CommissionTier[], amount: number): CommissionSlice[];
  /** How the slices make the commission, for `kpi explain`: "50,000.00 × 1% + 20,000.00 × 2%". */
  explain(slices: readonly CommissionSlice[], money: (x: number) => string): string;
  /** The most any amount can earn, before the cap (Infinity when an open tier pays a rate above 0); tiers ascending. */
  highest(tiers: readonly CommissionTier[]): number;
  /** Tiers whose rates make the commission fall as the amount rises (a warning for each), by index; none: []. */
  falls(tiers: readonly CommissionTier[]): number[];
  /** The amount above `amount` at which the commission rate goes up, or null at the top tier. */
  inverse(tiers: readonly CommissionTier[], amount: number): number | null;
  /** The commission before the cap over the amount cell and the tier table (0 for an amount ≤ 0). */
  formula(amount: F, table: CommissionTable): F;
}
