// Deduction kinds ("red lines"), keyed by the column of the deductions file they come from: points come off the
// total score, amounts off the payout; neither takes a figure below zero.
import * as fmt from '../format.js';
import { div, lit, max, min, sub, type F } from '../formula.js';
import { clean15 } from '../money.js';
import { said, type Said } from '../says.js';

export interface DeductionKindRule {
  /** Applies the rep's total: to the score before deductions (points) or to bonus + commission (amounts). */
  apply(from: number, total: number): number;
  /** The step for `kpi explain` when the floor at zero applies (something could not come off in full). */
  explain(from: number, total: number, after: number, money: (x: number) => string): Said;
  /** Deductions have no inverse: "what it takes" leaves them as they are. */
  inverse: null;
  /** `apply` as a formula over the figure it comes off and the total in the file. */
  formula(from: F, total: F): F;
}

/** The columns of the deductions file, one kind each (a new kind: add it here and a module below; docs/rules.md). */
export type DeductionKind = 'points' | 'amount';

// Typed (not `satisfies`) so every kind is called through the one interface; a missing or unknown kind still fails.
export const DEDUCTION_KINDS: Record<DeductionKind, DeductionKindRule> = {
  points: {
    apply: (from, total) => Math.max(0, clean15(from - total / 100)),
    explain: (from, total, after) =>
      said(from - total / 100 < 0 ? 'bonus.totalScoreFloor' : 'bonus.totalScore', { before: fmt.pct(from), points: fmt.trimmed(total), total: fmt.pct(after) }),
    inverse: null,
    formula: (from, total) => max(lit(0), sub(from, div(total, lit(100)))),
  },
  amount: {
    // The amount actually taken: never more than bonus + commission, so the payout is not below 0.
    apply: (from, total) => Math.min(total, from),
    explain: (from, total, after, money) => said('bonus.deductionsApplied', { after: money(after), total: money(total), from: money(from) }),
    inverse: null,
    formula: (from, total) => min(total, from),
  },
};
