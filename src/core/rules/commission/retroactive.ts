// retroactive: the whole amount at the rate of the tier it reaches.
import * as fmt from '../../format.js';
import { cmp, iff, lit, lookup, mul } from '../../formula.js';
import { clean15 } from '../../money.js';
import type { CommissionModeRule } from './rule.js';

export const retroactive: CommissionModeRule = {
  value(tiers, amount) {
    const t = tiers.find((x) => amount >= x.from && (x.to === undefined || amount < x.to));
    return t ? [{ from: t.from, ...(t.to !== undefined ? { to: t.to } : {}), rate: t.rate, amount, commission: clean15(amount * t.rate) }] : [];
  },
  explain: (slices, money) => slices.map((s) => `${money(s.amount)} × ${fmt.pct(s.rate, 4)}`).join(' + ') || '0',
  // The whole amount at the reached tier's rate: the most is the best tier's top; a lower rate higher up cuts pay.
  highest: (tiers) => Math.max(0, ...tiers.map((t) => (t.to === undefined ? (t.rate > 0 ? Infinity : 0) : t.to * t.rate))), // bounded spread: one plan's tiers
  falls: (tiers) => tiers.flatMap((t, i) => (i > 0 && t.rate < tiers[i - 1]!.rate ? [i] : [])),
  inverse: (tiers, amount) => tiers.find((t) => t.from > amount)?.from ?? null,
  // Tiers are contiguous from 0 (the scheme checks it): the last `from` at or below the amount is its tier.
  formula(amount, t) {
    const rate = lookup(
      amount,
      t.fromRange,
      t.rows.map((r) => r.from.v),
      t.rateRange,
      t.rows.map((r) => r.rate.v),
    );
    return iff(cmp(amount, '>', lit(0)), mul(amount, rate), lit(0));
  },
};
