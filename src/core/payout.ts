// The payout rule, once: bonus = prorated base × multiplier (capped), then the bonus max payout; payout =
// bonus + commission − deduction amounts, never below zero. Used for the rep's payout and for "what it takes".
import type { BonusSpec } from './model.js';
import { capMultiplier } from './rules/bonus/index.js';
import { clean15 } from './money.js';
import { DEDUCTION_KINDS } from './rules/deductions.js';

/** Finite or 0: the last guard so no NaN/Infinity reaches a RunResult. */
export const fin = (x: number): number => (Number.isFinite(x) ? x || 0 : 0);

export interface PayoutInput {
  proratedBase: number;
  /** The multiplier from the tiers, before the cap. */
  multiplier: number;
  /** A zero_bonus gate failed. */
  zeroed: boolean;
  commission: number;
  deductionAmount: number;
}

export interface Payout {
  /** After the cap, 0 when a gate zeroed the bonus. */
  multiplier: number;
  /** proratedBase × multiplier, before the bonus max payout. */
  uncappedBonus: number;
  bonus: number;
  /** bonus + commission − deductions, before the floor at 0. */
  unfloored: number;
  /** The deduction amount actually taken: never more than bonus + commission. */
  deducted: number;
  payout: number;
}

export function payoutOf(spec: BonusSpec, p: PayoutInput): Payout {
  const multiplier = p.zeroed ? 0 : capMultiplier(spec, p.multiplier);
  const uncappedBonus = fin(clean15(p.proratedBase * multiplier));
  // bonus max_payout caps the bonus part only; commission has its own cap; amounts are deducted after both.
  const bonus = fin(Math.max(0, spec.maxPayout !== undefined ? Math.min(uncappedBonus, spec.maxPayout) : uncappedBonus));
  const unfloored = clean15(bonus + p.commission - p.deductionAmount);
  const deducted = DEDUCTION_KINDS.amount.apply(bonus + p.commission, p.deductionAmount);
  return { multiplier: fin(multiplier), uncappedBonus, bonus, unfloored, deducted, payout: fin(Math.max(0, clean15(bonus + p.commission - deducted))) };
}
