// binary: 100 % when the target is met (actual ≥ target, or ≤ when lower is better), else 0.
import * as fmt from '../../format.js';
import { cmp, iff, lit } from '../../formula.js';
import type { ScoringRule } from './rule.js';
import { said } from '../../says.js';

export type BinarySpec = { method: 'binary'; cap: number };

const met = (lower: boolean, actual: number, target: number): boolean => (lower ? actual <= target : actual >= target);

export const binary: ScoringRule<BinarySpec> = {
  name: said('method.binary'),
  options: {},
  build: (cap) => ({ method: 'binary', cap }),
  needsTarget: true,
  zeroTarget: ({ higherIsBetter }) => (higherIsBetter ? 'meets' : undefined),
  highest: () => 1,
  value({ direction, target }, actual) {
    return { raw: met(direction === 'lower_is_better', actual, target.target!) ? 1 : 0 };
  },
  explain({ direction, target, unit }, actual) {
    const lower = direction === 'lower_is_better';
    const T = target.target!;
    const ok = met(lower, actual, T);
    const sign = ok ? (lower ? '≤' : '≥') : lower ? '>' : '<';
    return said(ok ? 'line.met' : 'line.notMet', { actual: fmt.short(actual, unit), sign, target: fmt.short(T, unit), score: fmt.pct(ok ? 1 : 0) });
  },
  inverse({ spec, target }, score) {
    return score <= Math.min(1, spec.cap) + 1e-12 ? target.target : null;
  },
  formula({ direction }, c) {
    return iff(cmp(c.actual, direction === 'lower_is_better' ? '<=' : '>=', c.target), lit(1), lit(0));
  },
};
