// The one exact split of kpi: an amount divided by weights into parts at a grain (cents, whole units) that add
// up to the amount exactly. Used for split credit (an order's amount over its reps), target decomposition (a
// year's target over its months) and `kpi targets` (a span's target over its periods).
import type { Unit } from './model.js';
import { roundToUnits } from './money.js';

/**
 * `total` split by `weights` into parts at `places` decimals that add up to `total` exactly: each part is rounded
 * down in whole units, and the units left over go to the largest remainders (ties to the earlier part). Weights
 * that are not all finite and ≥ 0, or that sum to 0, split evenly. A negative total (a refund) splits the same way.
 */
export function splitByWeights(total: number, weights: readonly number[], places: number): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const units = roundToUnits(total, places);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum > 0 && weights.every((w) => w >= 0 && Number.isFinite(w)) ? weights.map((w) => w / sum) : weights.map(() => 1 / n);
  const exact = shares.map((s) => units * s);
  const floor = exact.map((x) => Math.floor(Math.round(x * 1e6) / 1e6));
  let left = units - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - floor[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) floor[order[k]!.i]! += 1;
  const f = 10 ** places;
  return floor.map((u) => (u === 0 ? 0 : u / f));
}

/** Decimals a target is split and rounded to, by unit: money to the currency's minor unit, counts whole. */
export function grainOf(unit: Unit | undefined, minorUnit: number): number {
  switch (unit) {
    case 'money':
      return minorUnit;
    case 'count':
      return 0;
    case 'percent':
      return 3; // 0.1 %
    case 'days':
      return 1;
    default:
      return 2;
  }
}
