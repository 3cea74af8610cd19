// ratio (the default): achievement = actual / target; lower is better: target / actual (actual ≤ 0 → the cap).
// Target 0: actual > 0 → the cap (the limit of actual / target), actual = 0 → 100 %, actual < 0 → 0. Negative
// target: 100 % when met, else 0.
import * as fmt from '../../format.js';
import { cmp, iff, lit } from '../../formula.js';
import { achievementOf } from './achievement.js';
import type { ScoringRule } from './rule.js';
import { said } from '../../says.js';

export type RatioSpec = { method: 'ratio'; cap: number };

export const ratio: ScoringRule<RatioSpec> = {
  name: said('method.ratio'),
  options: {},
  build: (cap) => ({ method: 'ratio', cap }),
  needsTarget: true,
  zeroTarget: ({ higherIsBetter }) => (higherIsBetter ? 'divides' : undefined),
  highest: () => Infinity,
  value({ spec, direction, target }, actual) {
    const T = target.target!;
    const lower = direction === 'lower_is_better';
    if (T < 0) return { raw: (lower ? actual <= T : actual >= T) ? 1 : 0, note: said('snote.negativeTarget') };
    if (lower) {
      if (actual <= 0) return { raw: spec.cap, note: said(actual === 0 ? 'snote.lowerZero' : 'snote.lowerNegative') };
      return { raw: T / actual };
    }
    if (T === 0) {
      if (actual > 0) return { raw: spec.cap, note: said('snote.target0Above') };
      return { raw: actual === 0 ? 1 : 0, note: said('snote.target0') };
    }
    return { raw: actual / T };
  },
  explain({ direction, target }, actual, raw) {
    const ach = achievementOf(actual, target.target, direction);
    return ach === null ? fmt.pct(raw) : said('line.achievement', { achievement: fmt.pct(ach) });
  },
  inverse({ direction, target }, score) {
    const T = target.target!;
    if (T < 0) return score <= 1 ? T : null;
    if (direction === 'lower_is_better') return T === 0 ? 0 : score > 0 ? T / score : null;
    if (T === 0) return score <= 1 ? 0 : null;
    return score * T;
  },
  formula({ spec, direction, target }, c) {
    // The formula of the case this row is in: the plain one is the achievement cell.
    const T = target.target!;
    const lower = direction === 'lower_is_better';
    const met = iff(cmp(c.actual, lower ? '<=' : '>=', c.target), lit(1), lit(0));
    if (T < 0) return met;
    if (lower) return iff(cmp(c.actual, '<=', lit(0)), lit(spec.cap), c.achievement);
    if (T === 0) return iff(cmp(c.actual, '>', lit(0)), lit(spec.cap), iff(cmp(c.actual, '=', lit(0)), lit(1), lit(0)));
    return c.achievement;
  },
};
