// A SPIFF: a fixed amount per qualifying row, counted by a metric (¥500 per new key account won).
import type { Component } from '../../model.js';
import { mul } from '../../formula.js';
import * as fmt from '../../format.js';
import { said } from '../../says.js';
import { problem } from '../../../messages/index.js';
import type { ComponentRule } from './rule.js';

type C = Extract<Component, { kind: 'spiff' }>;

export const spiff: ComponentRule<C> = {
  // An amount per unit: a metric counting rows, else a warning (¥500 per yuan of revenue is surely not meant).
  check(c, x) {
    const m = x.metric(c.metric, ['metric']);
    if (m?.unit && m.unit !== 'count') x.warn(['metric'], problem('KPI5524', { amount: c.amount, metric: c.metric, unit: m.unit }));
  },
  value(c, input, money) {
    const n = input.metric(c.metric)?.actual ?? null;
    const units = n === null || !(n > 0) ? 0 : n;
    const amount = units * c.amount;
    return {
      amount,
      basis: units,
      rate: c.amount,
      text: said('pay.spiff', { label: c.label, units: fmt.trimmed(units), each: money(c.amount), metric: c.metric, amount: money(amount) }),
    };
  },
  inverse: (c, _input, _v, money) => said('pay.spiffHint', { metric: c.metric, amount: money(c.amount) }),
  formula: (_c, _v, cells) => mul(cells.basis, cells.rate),
};
