// YTD true-up: for a plan paid quarterly or with a draw, the payout of a year-to-date run is what was earned
// year to date less what was already paid; a negative result is not paid as a negative but carried as a balance
// (owed back, or netted against the next true-up).
import { clean15 } from '../money.js';

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
