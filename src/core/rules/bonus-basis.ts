// What the bonus tiers are keyed on, and how the multiplier reaches the bonus. Two bases: the total score (the
// default) or one metric's achievement (`basis: revenue`, the guides' 奖金系数 on 业绩达标); and two forms:
// base × multiplier, or base × multiplier × total score (`times_score`, the combined form
// base × coefficient(revenue achievement) × KPI score).
import type { BonusSpec, StepTier } from '../model.js';
import type { MetricResult } from '../results.js';
import { bonusMode, multiplierFor } from './bonus/index.js';
import { clean15 } from '../money.js';
import * as fmt from '../format.js';
import { said, type Said } from '../says.js';

export interface BasisValue {
  /** The number the tiers are looked up with; null when it cannot be known (no achievement). */
  key: number | null;
  /** "total score" or "revenue achievement". */
  what: Said;
}

export function basisOf(spec: BonusSpec, totalScore: number, metrics: readonly MetricResult[]): BasisValue {
  if (spec.basis === undefined) return { key: totalScore, what: said('basis.totalScore') };
  const m = metrics.find((x) => x.metric === spec.basis);
  const a = m?.achievement ?? null;
  return { key: a === null || !Number.isFinite(a) ? null : a, what: said('basis.achievement', { metric: spec.basis }) };
}

export interface BasisMultiplier {
  tier: StepTier | null;
  /** From the tiers or points at the basis (the 奖金系数). */
  coefficient: number;
  /** What multiplies the base, before the cap: the coefficient, or coefficient × total score. */
  multiplier: number;
  /** The steps `kpi explain` prints, made when asked. */
  steps: () => Said[];
}

/** The multiplier of the base bonus, before `max_multiplier`. */
export function basisMultiplier(spec: BonusSpec, basis: BasisValue, totalScore: number): BasisMultiplier {
  const key = basis.key;
  if (key === null) {
    const what = spec.basis === undefined ? said('basis.totalScore') : said('basis.achievement', { metric: spec.basis });
    return { tier: null, coefficient: 0, multiplier: 0, steps: () => [said('basis.none', { what })] };
  }
  const { tier, multiplier: coefficient } = multiplierFor(spec, key);
  const multiplier = spec.timesScore ? clean15(coefficient * totalScore) : coefficient;
  const steps = (): Said[] => {
    // The total score is said as a bare percentage (as before the basis existed); a metric's achievement by name.
    const at = spec.basis === undefined ? fmt.pct(key) : said('basis.at', { metric: spec.basis, value: fmt.pct(key) });
    const name = said(spec.basis === undefined ? 'basis.multiplier' : 'basis.coefficient');
    const first = bonusMode(spec).basisStep({ tier, multiplier: coefficient }, at, name);
    if (!spec.timesScore) return [first];
    return [first, said('basis.times', { name, coefficient: fmt.trimmed(coefficient, 4), score: fmt.pct(totalScore), multiplier: fmt.trimmed(multiplier, 6) })];
  };
  return { tier, coefficient, multiplier, steps };
}
