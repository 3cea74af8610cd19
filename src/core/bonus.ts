// The bonus rules as the rest of the program calls them: the multiplier from the tiers (rules/bonus), its cap,
// proration (rules/proration.ts) and commission (rules/commission). Each rule's own module has the details.
import type { BonusSpec, StepTier } from './model.js';
import { bonusMode } from './rules/bonus/index.js';

export { capMultiplier, stepTier } from './rules/bonus/index.js';
export { commissionFor } from './rules/commission/index.js';
export { prorationFor } from './rules/proration.js';

/** Bonus multiplier for a total score, before the cap; with the step tier in step mode. */
export function multiplierFor(spec: BonusSpec, score: number): { tier: StepTier | null; multiplier: number } {
  return bonusMode(spec).value(spec, score);
}
