// The amounts taken off a payout that is floored at 0 (rounding many lines: money.roundParts).
import { clean15 } from './money.js';

/**
 * When the payout is floored at 0, the amounts taken off are applied only up to what was added: in order, each
 * takes what is left. Returns the applied part of each.
 */
export function appliedInOrder(added: number, takenOff: readonly number[]): number[] {
  let left = Math.max(0, added);
  return takenOff.map((x) => {
    const a = Math.min(x, left);
    left = clean15(left - a);
    return a;
  });
}
