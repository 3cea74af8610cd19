// YTD true-up: for a plan paid quarterly or with a draw, the payout of a year-to-date run is what was earned
// year to date less what was already paid; a negative result is not paid as a negative but carried as a balance
// (owed back, or netted against the next true-up).
import { clean15 } from '../money.js';
import { add, lit, max, min, sub, type F } from '../formula.js';

export interface TrueUp {
  earned: number;
  paidToDate: number;
  /** max(0, earned − paid to date). */
  payout: number;
  /** min(0, earned − paid to date): carried, never paid. 0 or negative. */
  carried: number;
}

export function trueUp(earned: number, paidToDate: number): TrueUp {
  const d = clean15(earned - paidToDate);
  return { earned, paidToDate, payout: Math.max(0, d), carried: Math.min(0, d) || 0 };
}

/** The cells the carried balance is computed from: the rep's bonus, commission, amount off (paid to date included). */
export interface TrueUpCells {
  bonus: F;
  commission: F;
  /** Everything taken off the payout, the paid-to-date amount included. */
  amountOff: F;
  paidToDate: F;
}

/**
 * The carried balance as a formula: MIN(0, earned − paid to date), where earned year to date is bonus +
 * commission − what else comes off, at least 0 (as trueUp is given it).
 */
export function carriedFormula(c: TrueUpCells): F {
  const earned = max(lit(0), sub(add(c.bonus, c.commission), sub(c.amountOff, c.paidToDate)));
  return min(lit(0), sub(earned, c.paidToDate));
}
