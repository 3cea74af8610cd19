// Rounding the way Excel's ROUND sees numbers: first to 15 significant digits (so 1.005, stored as
// 1.00499999999999989…, is seen as 1.005), then half away from zero, with decimal string arithmetic so no
// binary fraction can tip a half the wrong way.

/** x as Excel displays it: 15 significant digits. Non-finite → 0. */
export function clean15(x: number): number {
  if (!Number.isFinite(x)) return 0;
  if (x === 0) return 0;
  return Number(x.toPrecision(15));
}

/** Whole units of 10^-places after rounding half away from zero (e.g. cents for places = 2). */
export function roundToUnits(x: number, places: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const sign = x < 0 ? -1 : 1;
  const [mant = '0', expText] = Math.abs(x).toPrecision(15).split('e');
  const exp = expText === undefined ? 0 : Number(expText);
  const [intPart = '0', frac = ''] = mant.split('.');
  const digits = intPart + frac;
  // Position of the decimal point counted from the left of `digits`.
  const point = intPart.length + exp;
  const keep = point + places;
  let units: number;
  if (keep < 0) units = 0;
  else if (keep >= digits.length) units = Number(digits + '0'.repeat(keep - digits.length));
  else {
    const head = keep === 0 ? 0 : Number(digits.slice(0, keep));
    units = head + (digits.charCodeAt(keep) >= 53 /* '5' */ ? 1 : 0);
  }
  return units === 0 ? 0 : sign * units;
}

/** Excel's ROUND(x, places): half away from zero after 15-significant-digit cleaning. */
export function roundHalfAwayFromZero(x: number, places: number): number {
  const units = roundToUnits(x, places);
  if (units === 0) return 0;
  return places >= 0 ? units / 10 ** places : units * 10 ** -places;
}

/** Exact minor units for a value given in currency units (1.1 at scale 2 → 110, not 110.00000000000001). */
export function toMinorUnits(x: number, scale: number): number {
  return clean15(x * 10 ** scale);
}

export interface Components {
  bonus: number;
  commission: number;
  deductions: number;
}

/**
 * Rounds bonus, commission and deductions to the minor unit and nudges them (largest remainder) so that
 * bonus + commission − deductions equals the rounded payout exactly. Works in integer minor units.
 */
export function roundComponents(c: Components, payout: number, places: number): Components & { payout: number } {
  const p = roundToUnits(payout, places);
  const exact = [c.bonus, c.commission, c.deductions].map((v) => clean15(v * 10 ** places));
  const r = exact.map((v) => roundToUnits(v, 0));
  // sign of each component in the sum: bonus +, commission +, deductions −
  const signs = [1, 1, -1];
  let diff = p - (r[0]! + r[1]! - r[2]!);
  // Each step moves the sum by one unit toward the payout, choosing the component whose rounding lost the
  // most in that direction; ties go to bonus, then commission, then deductions (deterministic).
  let guard = 0;
  while (diff !== 0 && guard++ < 1000) {
    const dir = diff > 0 ? 1 : -1;
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < 3; i++) {
      const step = dir * signs[i]!; // change to apply to component i
      const next = r[i]! + step;
      if (next < 0) continue;
      // How far rounding left this component short in that direction; to 1e-6 of a unit so binary noise
      // (0.4 vs 0.40000000000000036) cannot decide a tie.
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
  const toValue = (u: number): number => (u === 0 ? 0 : u / 10 ** places);
  return { bonus: toValue(r[0]!), commission: toValue(r[1]!), deductions: toValue(r[2]!), payout: toValue(p) };
}
