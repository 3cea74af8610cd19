// Clawback: a refund or cancellation dated in this period of an order paid in an earlier period takes back what
// that order earned then — the refunded part of the order at the rep's effective commission rate of that period
// (commission ÷ commission base), never more than the order earned in all (refunds of one order add up to at
// most its amount). Refunds of this period's own orders net in the commission base as before.
import { clean15 } from '../money.js';
import { lit, max, min, mul, sub, type F } from '../formula.js';
import * as fmt from '../format.js';
import { said, type Text } from '../says.js';

export interface RefundRow {
  /** Row of the refund in its file. */
  row: number;
  order: string;
  /** The refunded amount, positive (a cancellation: the whole order). */
  refund: number;
  /** The order's amount when it was paid. */
  orderAmount: number;
  /** Refunds of the same order in earlier periods (already taken back then). */
  refundedBefore: number;
  /** The period the order was paid in ("2026-09 (paid 2026-09-14)"), and the rep's effective rate then. */
  orderPeriod: Text;
  rate: number;
  /** On a split source: the rep's (or lead's) share of the order, and the whole refund this row is a share of. */
  split?: { share: number; refund: number };
}

/** The part of the refund still within the order. */
export function refundCounted(r: Pick<RefundRow, 'refund' | 'orderAmount' | 'refundedBefore'>): number {
  return Math.max(0, Math.min(r.refund, r.orderAmount - Math.max(0, r.refundedBefore)));
}

/** What is taken back for one refund row: ≥ 0, and with the refunds before it never more than the order earned. */
export function clawbackOf(r: RefundRow): number {
  if (!(r.rate > 0) || !(r.orderAmount > 0)) return 0;
  return clean15(refundCounted(r) * r.rate);
}

export function clawbackText(r: RefundRow, amount: number, money: (x: number) => string): Text {
  const counted = refundCounted(r);
  const shown = { order: r.order, period: r.orderPeriod, counted: money(counted), rate: fmt.pct(r.rate, 4), amount: money(amount) };
  if (counted < r.refund) return said('clawback.lineCut', { ...shown, refund: money(r.refund) });
  return r.split && r.split.share < 1
    ? said('clawback.lineShare', { ...shown, whole: money(r.split.refund), share: fmt.pct(r.split.share, 4) })
    : said('clawback.line', shown);
}

/** MIN(refund, MAX(0, order − refunded before)) × rate over the line's cells. */
export function clawbackFormula(c: { refund: F; orderAmount: F; refundedBefore: F; rate: F }): F {
  return mul(max(lit(0), min(c.refund, sub(c.orderAmount, c.refundedBefore))), c.rate);
}
