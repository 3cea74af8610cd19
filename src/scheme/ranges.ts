// The sane range of every number in a scheme. A number outside it is a typo or a unit mix-up (`cap: 150` for
// 150 %, `multiplier: 150` for 1.5, `base_bonus: 1e308`), and far out it stops payouts being exact to the cent.
// Every range error comes from here, so the limits and their wording stay in one place.
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';

/**
 * Money written in a scheme (base bonus, payout caps, commission bounds), in minor units: 10^14 (1 trillion at
 * 2 decimals). Ten times it (the largest multiplier) is 10^15 minor units, still exact: the core keeps 15
 * significant digits, and 10^15 < 2^53.
 */
export const MAX_MONEY_MINOR = 1e14;
/** Bonus multipliers (tiers, points, `max_multiplier`): 10 × the base bonus. */
export const MAX_MULTIPLIER = 10;
/** Scores and bounds of scores, as fractions (caps, tier bounds, band scores, relative threshold/stretch): 1000 %. */
export const MAX_SCORE = 10;
/** An actual a scheme compares with (targets, absolute bounds, band bounds, gate levels, numbers in filters and formulas). */
export const MAX_VALUE = 1e15;
/** Commission rates: at most the whole amount. */
export const MAX_RATE = 1;
/** Weights, in percent points. */
export const MAX_WEIGHT = 100;
/** smart.max_target_over_best. */
export const MAX_TARGET_FACTOR = 1000;

const show = (x: number): string => (Math.abs(x) >= 1e21 || (x !== 0 && Math.abs(x) < 1e-6) ? String(x) : x.toLocaleString('en-US', { maximumFractionDigits: 6 }));
const pct = (x: number): string => `${Math.round(x * 1e6) / 1e4}%`;

/** Money in currency units: 0 ≤ x and x in minor units ≤ MAX_MONEY_MINOR. */
export function checkMoney(ctx: Context, at: PathSegment[], x: number, minorUnit: number, what = 'an amount'): boolean {
  const max = MAX_MONEY_MINOR / 10 ** minorUnit;
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, `${what} must be a number from 0 up to ${show(max)}`);
  if (x > max) {
    return fail(ctx, at, `${show(x)} is too large for ${what}: at most ${show(max)}, so that every payout stays exact to the ${minorUnit ? 'cent' : 'unit'}`);
  }
  return true;
}

/**
 * A score, or a bound of one, as a fraction in [0, MAX_SCORE]. `written` is the value as in the YAML: a bare number
 * above the limit was almost surely meant as percent points (cap: 150), and the message says how to write that.
 */
export function checkScore(ctx: Context, at: PathSegment[], x: number, written: unknown, what: string): boolean {
  if (!Number.isFinite(x)) return fail(ctx, at, `${what} must be a number or a percentage like "80%"`);
  if (x < 0) return fail(ctx, at, `${what} must not be negative`);
  if (x <= MAX_SCORE) return true;
  const hint = typeof written === 'number' ? `; write "${written}%" if you meant ${written} percent` : '';
  return fail(ctx, at, `${typeof written === 'number' ? `${show(x)} means ${pct(x)} here, but` : `${pct(x)}:`} ${what} is at most ${pct(MAX_SCORE)}${hint}`);
}

export function checkMultiplier(ctx: Context, at: PathSegment[], x: number, what = 'a multiplier'): boolean {
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, `${what} must be a number from 0 up to ${MAX_MULTIPLIER}`);
  if (x <= MAX_MULTIPLIER) return true;
  return fail(ctx, at, `${what} of ${show(x)} pays ${show(x)} × the base bonus; it is at most ${MAX_MULTIPLIER}${x >= 20 ? ` (write ${show(x / 100)} for ${show(x)} %)` : ''}`);
}

/** An actual or a bound on one: finite, |x| ≤ MAX_VALUE. */
export function checkValue(ctx: Context, at: PathSegment[], x: number, what = 'a value'): boolean {
  if (Number.isFinite(x) && Math.abs(x) <= MAX_VALUE) return true;
  return fail(ctx, at, `${Number.isFinite(x) ? show(x) : String(x)} is out of range for ${what}: at most ${show(MAX_VALUE)} either side of 0`);
}

export function checkRate(ctx: Context, at: PathSegment[], x: number, written: unknown): boolean {
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, 'a commission rate must not be negative');
  if (x <= MAX_RATE) return true;
  const hint = typeof written === 'number' ? `; write "${written}%" if you meant ${written} percent` : '';
  return fail(ctx, at, `rate ${typeof written === 'number' ? `${show(x)} means ${pct(x)} of the amount` : pct(x)}: a commission rate is at most 100%${hint}`);
}

export function checkWeight(ctx: Context, at: PathSegment[], points: number): boolean {
  if (points <= MAX_WEIGHT) return true;
  return fail(ctx, at, `a weight of ${show(points)} is more than 100 (weights are percent points and add up to 100 per role)`);
}

export function checkTargetFactor(ctx: Context, at: PathSegment[], x: number): boolean {
  if (x <= MAX_TARGET_FACTOR) return true;
  return fail(ctx, at, `max_target_over_best is at most ${MAX_TARGET_FACTOR}`);
}

function fail(ctx: Context, at: PathSegment[], message: string): false {
  ctx.error(at, message);
  return false;
}
