// 回款 commission: paid on cash collected in the period (a payment is in the period by its payment date). Each
// payment earns its share of its invoice (partial payments pro rata; what is paid beyond the invoice earns
// nothing), times the aging coefficient of the days from invoice to payment; the commission tiers (or the one
// rate) apply to the sum of those weighted amounts.
import type { AgingBand, ColumnType, CommissionSpec, Component } from '../../model.js';
import { commissionFor, commissionFormula, constantCommissionTable } from '../commission/index.js';
import { clean15 } from '../../money.js';
import { min, mul, type F } from '../../formula.js';
import * as fmt from '../../format.js';
import { said } from '../../says.js';
import type { ComponentRule, Payment } from './rule.js';

type C = Extract<Component, { kind: 'collection' }>;

/** The coefficient of the first band holding `days` (days ≤ up_to; the last band is open). */
export function agingCoefficient(aging: readonly AgingBand[], days: number): number {
  for (const b of aging) if (b.upTo === undefined || days <= b.upTo) return b.coefficient;
  return 0;
}

/** Days from invoice to payment: whole calendar days, a payment before its invoice (prepaid) counts as 0. */
export function agingDays(invoiceDay: number, paidDay: number): number {
  return Math.max(0, paidDay - invoiceDay);
}

export interface InvoiceState {
  /** Cash of this invoice paid before this payment (earlier payments, any period). */
  paidBefore: number;
  /** The invoice's amount, when the source says it. */
  invoiceAmount: number | null;
  /** What the invoice pays commission on (its base column), when given; else the invoice amount. */
  base: number | null;
}

/**
 * The part of the commission base one payment earns: its share of the invoice still unpaid, times the base.
 * Without an invoice amount the cash itself. Never negative, never beyond the invoice.
 */
export function creditedShare(paid: number, s: InvoiceState): number {
  if (!(paid > 0)) return 0;
  if (s.invoiceAmount === null || !(s.invoiceAmount > 0)) return paid;
  const open = Math.max(0, s.invoiceAmount - Math.max(0, s.paidBefore));
  const counted = Math.min(paid, open);
  const base = s.base ?? s.invoiceAmount;
  return clean15((counted / s.invoiceAmount) * base);
}

/** Σ credited × coefficient over the payments. */
function weightedCollected(payments: readonly Payment[]): number {
  return clean15(payments.reduce((s, p) => s + p.credited * p.coefficient, 0));
}

/** The component's tiers as a commission on the weighted amount. */
const specOf = (c: C): CommissionSpec => ({ metric: c.name, mode: c.mode, tiers: c.tiers, ...(c.maxPayout !== undefined ? { maxPayout: c.maxPayout } : {}) });

const rateOf = (c: C): number | null => (c.tiers.length === 1 ? c.tiers[0]!.rate : null);

export const collection: ComponentRule<C> = {
  // Its source, filter and the columns it maps, each of the type it is read as.
  check(c, x) {
    if (!x.source(c.source, ['source'])) return;
    x.aggregate({ source: c.source, fn: 'count', filter: c.filter }, []);
    const need = (key: string, col: string | undefined, want: ColumnType[]): void => {
      if (col !== undefined) x.column(c.source, col, [key], want);
    };
    need('paid', c.paid, ['money']);
    need('paid_date', c.paidDate, ['date']);
    need('invoice_date', c.invoiceDate, ['date']);
    need('invoice', c.invoice, ['string', 'number']);
    need('invoice_amount', c.invoiceAmount, ['money']);
    need('base', c.base, ['money']);
  },
  value(c, input, money) {
    const payments = input.payments ?? [];
    const weighted = weightedCollected(payments);
    const r = commissionFor(specOf(c), weighted);
    const cash = clean15(payments.reduce((s, p) => s + p.paid, 0));
    const parts = r.slices.map((s) => `${money(s.amount)} × ${fmt.pct(s.rate, 4)}`).join(' + ') || '0';
    const detail = payments.map((p) => {
      const shown = {
        row: p.row,
        invoice: p.invoice === '' ? said('pay.invoiceRow', { row: p.row }) : p.invoice,
        paid: money(p.paid),
        days: p.days,
        coefficient: fmt.pct(p.coefficient),
        amount: money(clean15(p.credited * p.coefficient)),
      };
      return p.credited !== p.paid ? said('pay.paymentCredited', { ...shown, credited: money(p.credited) }) : said('pay.payment', shown);
    });
    return {
      amount: r.commission,
      basis: weighted,
      rate: rateOf(c),
      text: said('pay.collection', { label: c.label, cash: money(cash), n: payments.length, weighted: money(weighted), parts, amount: money(r.commission) }),
      detail,
    };
  },
  inverse: (c) => {
    const best = c.aging[0];
    return best && best.upTo !== undefined ? said('pay.collectionHint', { days: best.upTo, coefficient: fmt.pct(best.coefficient) }) : null;
  },
  formula(c, v, cells) {
    // As a commission component: one rate paid is weighted × the rate cell; else the mode's formula with the tiers in it.
    if (v.rate === null || c.tiers.length > 1) return commissionFormula(specOf(c), cells.basis, constantCommissionTable(c.tiers));
    const f: F = mul(cells.basis, cells.rate);
    return c.maxPayout !== undefined ? min(f, { f: String(c.maxPayout), v: c.maxPayout }) : f;
  },
};
