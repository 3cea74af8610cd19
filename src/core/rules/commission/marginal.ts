// marginal: each slice [from, to) of the amount at its own rate, like tax brackets.
import * as fmt from '../../format.js';
import { add, lit, max, min, mul, sub, type F } from '../../formula.js';
import { clean15 } from '../../money.js';
import type { CommissionModeRule } from './rule.js';

export const marginal: CommissionModeRule = {
  value(tiers, amount) {
    return tiers.flatMap((t) => {
      if (amount <= t.from) return [];
      const top = t.to === undefined ? amount : Math.min(amount, t.to);
      const part = clean15(top - t.from);
      if (part <= 0) return [];
      return [{ from: t.from, ...(t.to !== undefined ? { to: t.to } : {}), rate: t.rate, amount: part, commission: clean15(part * t.rate) }];
    });
  },
  explain: (slices, money) => slices.map((s) => `${money(s.amount)} × ${fmt.pct(s.rate, 4)}`).join(' + ') || '0',
  // Each slice at its own rate: the most is every bounded slice in full; a lower rate higher up only slows it.
  highest: (tiers) => tiers.reduce((s, t) => s + (t.to === undefined ? (t.rate > 0 ? Infinity : 0) : (t.to - t.from) * t.rate), 0),
  falls: () => [],
  inverse: (tiers, amount) => tiers.find((t) => t.from > amount)?.from ?? null,
  formula(amount, t) {
    // Σ MAX(0, MIN(amount, to) − from) × rate; the open top tier: MAX(0, amount − from) × rate.
    const parts = t.rows.map((r) => mul(max(lit(0), sub(r.to ? min(amount, r.to) : amount, r.from)), r.rate));
    return parts.reduce((s: F | null, p) => (s ? add(s, p) : p), null) ?? lit(0);
  },
};
