// The amounts taken off a payout that is floored at 0 (rounding many lines: money.roundParts), and a line's name.
import { clean15 } from './money.js';
import type { PayLine } from './results.js';
import { said, type Text } from './says.js';

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

/** A line's name as a sentence: a component's label as the scheme gives it; clawbacks, 红线 and paid to date in words. */
export function lineLabel(l: Pick<PayLine, 'kind' | 'name' | 'label'>): Text {
  if (l.kind === 'clawback') return said('pay.label.clawback', { order: l.name });
  if (l.kind === 'red_line') return said('pay.label.redLine', { rule: l.name });
  if (l.kind === 'paid_to_date') return said('pay.label.paidToDate');
  return l.label;
}
