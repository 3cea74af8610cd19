// A commission on its own metric (new-customer revenue at 3 %, renewals at 1 %): the commission rules of the
// scheme's `commission`, on another metric.
import type { Component } from '../../model.js';
import { commissionFor, commissionFormula, constantCommissionTable } from '../commission/index.js';
import { mul, min, type F } from '../../formula.js';
import * as fmt from '../../format.js';
import { orNoData, said } from '../../says.js';
import type { ComponentRule } from './rule.js';

type C = Extract<Component, { kind: 'commission' }>;

export const commission: ComponentRule<C> = {
  check: (c, x) => x.commission(c.commission, []),
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
    // One rate, paid: basis × the rate cell (capped). Tiers, or nothing to pay on: the mode's formula over the
    // basis cell with the tiers written into it (they have no cells of their own), 0 for no basis.
    if (v.rate === null || c.commission.tiers.length > 1) return commissionFormula(c.commission, cells.basis, constantCommissionTable(c.commission.tiers));
    const f: F = mul(cells.basis, cells.rate);
    return c.commission.maxPayout !== undefined ? min(f, { f: String(c.commission.maxPayout), v: c.commission.maxPayout }) : f;
  },
};
