// Scoring a rep, step 3: the bonus multiplier (the tiers or points on the total score, or on a metric's
// achievement: the basis), its cap, and the base bonus it multiplies, prorated.
import type { Rep } from './model.js';
import type { MetricResult } from './results.js';
import type { Plan } from './plan-model.js';
import * as fmt from './format.js';
import { clean15 } from './money.js';
import { fin } from './payout.js';
import { capMultiplier } from './rules/bonus/index.js';
import { basisMultiplier, basisOf, type BasisMultiplier, type BasisValue } from './rules/bonus-basis.js';
import { PRORATIONS, type Proration } from './rules/proration.js';
import { said, type Text } from './says.js';
import type { RunScope } from './rep-scope.js';

export interface RepBonus {
  basis: BasisValue;
  multiplier: BasisMultiplier;
  proration: Proration;
  proratedBase: number;
  /** The steps `kpi explain` prints, made when asked (a JSON run never prints them). */
  steps: () => Text[];
}

export function repBonus(run: RunScope, rep: Rep, plan: Plan, metrics: MetricResult[], totalScore: number): RepBonus {
  const basis = basisOf(plan.bonus, totalScore, metrics);
  const bm = basisMultiplier(plan.bonus, basis, totalScore);
  const proration = PRORATIONS[plan.bonus.proration];
  const pro = proration.value(rep, run.period);
  const proratedBase = fin(clean15(rep.baseBonus * pro.fraction));
  const steps = (): Text[] => {
    const steps: Text[] = bm.steps();
    const capped = capMultiplier(plan.bonus, bm.multiplier);
    if (capped !== bm.multiplier) steps.push(said('bonus.multiplierCapped', { multiplier: fmt.trimmed(capped, 4) }));
    const proStep = proration.explain(rep, pro, rep.baseBonus, proratedBase, run.money);
    if (proStep) steps.push(proStep);
    return steps;
  };
  return { basis, multiplier: bm, proration: pro, proratedBase, steps };
}
