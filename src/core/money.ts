// Rounding the way Excel's ROUND sees numbers: first to 15 significant digits (so 1.005, stored as
// 1.00499999999999989…, is seen as 1.005), then half away from zero, with decimal string arithmetic so no
// binary fraction can tip a half the wrong way.

/** x as Excel displays it: 15 significant digits. Non-finite → 0. */
export function clean15(x: number): number {
  if (!Number.isFinite(x)) return 0;
  if (x === 0) return 0;
  return clean15Fast(x) ?? Number(x.toPrecision(15));
}

/** clean15 by decimal digits alone: what its shortcut must always agree with (test/core/money.test.ts). */
export function clean15ByDigits(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Number(x.toPrecision(15));
}

/** 10^0 … 10^21, each exact (read from its decimal, not left to Math.pow). */
const POW10_21 = Array.from({ length: 22 }, (_, p) => Number(`1e${p}`));

/**
 * x itself when x is already the number nearest a decimal of at most 15 significant digits (an integer, an amount
 * in cents, a value clean15 returned: nearly every value a run cleans), without strings; undefined: leave it to the
 * digits. k = x × 10^p rounded to a whole number of at most 15 digits; k / 10^p (both exact, one rounding) equal to
 * x means x is the nearest number to the decimal D = k × 10^-p. The 15-digit decimal nearest x is then D (x is
 * within half a unit of its last binary place of D, ~1e-16 of x, and 15-digit decimals are ~1e-15 of x apart), so
 * toPrecision(15) says D and Number reads back x. A rounded k that misses only costs the slow way. A 1M-row run
 * cleans ~27,000 numbers, at ~0.5–0.8 µs each by toPrecision.
 */
function clean15Fast(x: number): number | undefined {
  const a = Math.abs(x);
  if (!(a >= 1e-7 && a < 1e15)) return undefined;
  const scale = POW10_21[14 - Math.floor(Math.log10(a))];
  if (scale === undefined) return undefined;
  const k = Math.round(x * scale);
  return Math.abs(k) < 1e15 && k / scale === x ? x : undefined;
}

/**
 * Excel's ROUND as digits: |x| cut to 15 significant digits (as a decimal), rounded half away from zero at
 * `places` decimals. Returns the sign and the whole units of 10^-places as a decimal string ("0" for zero).
 */
function roundedUnits(x: number, places: number): { negative: boolean; units: string } {
  if (!Number.isFinite(x) || x === 0) return { negative: false, units: '0' };
  const [mant = '0', expText = '0'] = Math.abs(x).toExponential(14).split('e');
  const digits = mant.replace('.', ''); // exactly 15 digits, the first non-zero
  // The units keep the first `keep` digits: |x| = 0.d1d2…d15 × 10^(exp+1).
  const keep = Number(expText) + 1 + places;
  let units: string;
  if (keep <= 0) units = keep === 0 && digits.charCodeAt(0) >= 53 /* '5' */ ? '1' : '0';
  else if (keep >= digits.length) units = digits + '0'.repeat(keep - digits.length);
  else {
    units = digits.slice(0, keep);
    if (digits.charCodeAt(keep) >= 53) units = incrementDecimal(units);
  }
  return { negative: x < 0 && units !== '0', units };
}

/** "1299" → "1300", "99" → "100": decimal digits plus one. */
function incrementDecimal(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && s[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(s.length);
  return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + '0'.repeat(s.length - 1 - i);
}

/** Whole units of 10^-places after Excel's ROUND (e.g. cents for places = 2); exact below 2^53 units. */
export function roundToUnits(x: number, places: number): number {
  const fast = unitsFast(x, places);
  return fast !== undefined ? fast : roundToUnitsByDigits(x, places);
}

/** roundToUnits by decimal digits alone: what unitsFast must always agree with (test/core/money.test.ts). */
export function roundToUnitsByDigits(x: number, places: number): number {
  const r = roundedUnits(x, places);
  const n = Number(r.units);
  return n === 0 ? 0 : r.negative ? -n : n;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/**
 * roundToUnits without strings, for the values far from a half unit (nearly all): |x| × 10^places differs from the
 * 15-digit value scaled by at most 6e-15 of itself (the cleaning moves |x| by half a unit of its 15th digit, at most
 * 5e-15 of it; the product is rounded once, 1.1e-16), so when its distance to the nearest half exceeds 1e-14 of it,
 * the cleaned value rounds to the same whole number. Below 1e12 units that margin is under 0.01 and the number is
 * exact. undefined: leave it to the digits (near a half, large, not finite, or an unusual number of places).
 */
function unitsFast(x: number, places: number): number | undefined {
  const scale = POW10[places];
  if (scale === undefined) return undefined;
  const y = Math.abs(x) * scale;
  if (!(y < 1e12)) return undefined;
  const whole = Math.floor(y);
  const frac = y - whole; // exact for y < 2^52
  if (Math.abs(frac - 0.5) <= y * 1e-14) return undefined;
  const n = frac > 0.5 ? whole + 1 : whole;
  return n === 0 ? 0 : x < 0 ? -n : n;
}

/**
 * Excel's ROUND(x, places), the one rounding of kpi: half away from zero after 15-significant-digit cleaning,
 * the decimal result read back as the nearest number (so 1e12-sized amounts round exactly too).
 */
export function roundHalfAwayFromZero(x: number, places: number): number {
  // Whole units over 10^places, both exact, divide to the nearest number: the same as reading "units e-places".
  const fast = unitsFast(x, places);
  return fast === undefined ? roundHalfAwayFromZeroByDigits(x, places) : fast === 0 ? 0 : fast / POW10[places]!;
}

/** roundHalfAwayFromZero by decimal digits alone (what the shortcut must agree with). */
export function roundHalfAwayFromZeroByDigits(x: number, places: number): number {
  const r = roundedUnits(x, places);
  if (r.units === '0') return 0;
  return Number(`${r.negative ? '-' : ''}${r.units}e${-places}`);
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
  const [bonus, commission, deductions] = roundParts([c.bonus, c.commission, c.deductions], [1, 1, -1], payout, places);
  const p = roundToUnits(payout, places);
  return { bonus: bonus!, commission: commission!, deductions: deductions!, payout: p === 0 ? 0 : p / 10 ** places };
}

/**
 * The same for any number of parts ≥ 0 (a payout of many pay lines): each rounded to the minor unit, `signs` +1
 * added or −1 taken off, so that Σ sign × rounded equals the rounded payout. Works in integer minor units.
 */
export function roundParts(values: readonly number[], signs: readonly (1 | -1)[], payout: number, places: number): number[] {
  const p = roundToUnits(payout, places);
  const exact = values.map((v) => clean15(v * 10 ** places));
  const r = exact.map((v) => roundToUnits(v, 0));
  let diff = p - r.reduce((s, x, i) => s + signs[i]! * x, 0);
  // Each step moves the sum by one unit toward the payout, choosing the part whose rounding lost the most in
  // that direction; ties go to the earlier part (bonus, then commission, then deductions: deterministic).
  let guard = 0;
  while (diff !== 0 && guard++ < 1000 + r.length) {
    const dir = diff > 0 ? 1 : -1;
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < r.length; i++) {
      const step = dir * signs[i]!; // change to apply to part i
      if (r[i]! + step < 0) continue;
      // How far rounding left this part short in that direction; to 1e-6 of a unit so binary noise
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
  return r.map((u) => (u === 0 ? 0 : u / 10 ** places));
}

/**
 * Splits `total` whole minor units over parts given unrounded (in currency units) so that the rounded parts add
 * up to `total` exactly: each part rounded, then the difference handed out one unit at a time to the parts whose
 * rounding lost (or gained) most; ties go to the earlier part.
 */
export function allocateUnits(total: number, parts: readonly number[], places: number): number[] {
  const exact = parts.map((v) => clean15(v * 10 ** places));
  const r = exact.map((v) => roundToUnits(v, 0));
  let diff = total - r.reduce((s, x) => s + x, 0);
  const order = exact.map((v, i) => ({ i, lost: Math.round((v - r[i]!) * 1e6) / 1e6 }));
  while (diff !== 0 && order.length > 0) {
    const dir = diff > 0 ? 1 : -1;
    order.sort((a, b) => dir * (b.lost - a.lost) || a.i - b.i);
    const best = order.find((o) => r[o.i]! + dir >= 0);
    if (!best) break;
    r[best.i] = r[best.i]! + dir;
    best.lost -= dir;
    diff -= dir;
  }
  return r;
}
