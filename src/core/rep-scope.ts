// What every step of scoring one rep shares (rep-metrics, rep-score, rep-bonus, rep-commission, rep-lines,
// rep-payout): the run's scheme, period and engine, and how money is shown in the steps.
import type { Model } from './model.js';
import type { Period } from './results.js';
import type { Engine } from './metrics.js';

export interface RunScope {
  model: Model;
  period: Period;
  engine: Engine;
  /** The currency's minor unit (2: cents). */
  minor: number;
  /** An amount as the steps show it, to the minor unit. */
  money: (x: number) => string;
}

/** Finite or null (and never -0): a figure that may be missing. */
export const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);
