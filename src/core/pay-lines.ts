// Rounding a payout made of many lines: every line to the minor unit, nudged (largest remainder) so that the
// lines add up exactly to the rounded payout — the rule of money.roundComponents, for any number of lines.
import { clean15, roundToUnits } from './money.js';

/**
 * `values` ≥ 0 with `signs` (+1 added, −1 taken off); returns each rounded so Σ sign × rounded equals the rounded
 * payout. Ties go to the earlier line (deterministic). Works in integer minor units.
 */
export function roundParts(values: readonly number[], signs: readonly (1 | -1)[], payout: number, places: number): number[] {
  const p = roundToUnits(payout, places);
  const exact = values.map((v) => clean15(v * 10 ** places));
  const r = exact.map((v) => roundToUnits(v, 0));
  let diff = p - r.reduce((s, x, i) => s + signs[i]! * x, 0);
  let guard = 0;
  while (diff !== 0 && guard++ < 10_000) {
    const dir = diff > 0 ? 1 : -1;
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < r.length; i++) {
      const step = dir * signs[i]!;
      if (r[i]! + step < 0) continue;
      const gain = Math.round(step * (exact[i]! - r[i]!) * 1e6) / 1e6;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    if (best < 0) break;
    r[best] = r[best]! + dir * signs[best]!;
    diff -= dir;
  }
  return r.map((u) => (u === 0 ? 0 : u / 10 ** places));
}

/**
 * When the payout is floored at 0, the amounts taken off are applied only up to what was added: in order, each
 * takes what is left. Returns the applied part of each.
 */
export function appliedInOrder(added: number, takenOff: readonly number[]): number[] {
  let left = Math.max(0, added);
  return takenOff.map((x) => {
    const a = Math.min(x, left);
    left = clean15(left - a);
    return a;
  });
}
