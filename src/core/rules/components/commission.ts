// A commission on its own metric (new-customer revenue at 3 %, renewals at 1 %): the commission rules of the
// scheme's `commission`, on another metric.
import type { Component } from '../../model.js';
import { commissionFor } from '../commission/index.js';
import { mul, min, type F } from '../../formula.js';
import * as fmt from '../../format.js';
import { orNoData, said } from '../../says.js';
import type { ComponentRule } from './rule.js';

type C = Extract<Component, { kind: 'commission' }>;

export const commission: ComponentRule<C> = {
  value(c, input, money) {
    const m = input.metric(c.commission.metric);
    const base = m?.actual ?? null;
    const r = commissionFor(c.commission, base);
    const parts = r.slices.map((s) => `${money(s.amount)} × ${fmt.pct(s.rate, 4)}`).join(' + ') || '0';
    const capped = c.commission.maxPayout !== undefined && r.commission === c.commission.maxPayout;
    const one = r.slices.length === 1 && c.commission.tiers.length === 1 ? r.slices[0]!.rate : null;
    return {
      amount: r.commission,
      basis: base,
      rate: one,
      text: said(capped ? 'pay.commissionMax' : 'pay.commission', {
        label: c.label,
        metric: c.commission.metric,
        base: orNoData(base, money),
        parts,
        amount: money(r.commission),
      }),
    };
  },
  inverse: () => null,
  formula(c, v, cells) {
    // One rate from 0: basis × rate (capped). Tiered commissions are written as values with their slices.
    if (v.rate === null || v.basis === null || !(v.basis > 0)) return null;
    const f: F = mul(cells.basis, cells.rate);
    return c.commission.maxPayout !== undefined ? min(f, { f: String(c.commission.maxPayout), v: c.commission.maxPayout }) : f;
  },
};
