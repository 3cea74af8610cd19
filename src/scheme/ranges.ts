// The sane range of every number in a scheme. A number outside it is a typo or a unit mix-up (`cap: 150` for
// 150 %, `multiplier: 150` for 1.5, `base_bonus: 1e308`), and far out it stops payouts being exact to the cent.
// Every range error comes from here, so the limits and their wording stay in one place.
import { MAX_SCORE } from '../core/model.js';
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';
import { problem, type MessageKey, type Problem } from '../messages/index.js';

/**
 * Money written in a scheme (base bonus, payout caps, commission bounds), in minor units: 10^14 (1 trillion at
 * 2 decimals). Ten times it (the largest multiplier) is 10^15 minor units, still exact: the core keeps 15
 * significant digits, and 10^15 < 2^53.
 */
const MAX_MONEY_MINOR = 1e14;
/** Bonus multipliers (tiers, points, `max_multiplier`): 10 × the base bonus. */
const MAX_MULTIPLIER = 10;
/** Scores and bounds of scores, as fractions (caps, tier bounds, band scores, relative threshold/stretch): 1000 %. */
export { MAX_SCORE };
/** An actual a scheme compares with (targets, absolute bounds, band bounds, gate levels, numbers in filters and formulas). */
export const MAX_VALUE = 1e15;
/** Commission rates: at most the whole amount. */
const MAX_RATE = 1;
/** Weights, in percent points. */
const MAX_WEIGHT = 100;
/** smart.max_target_over_best. */
const MAX_TARGET_FACTOR = 1000;

const show = (x: number): string =>
  Math.abs(x) >= 1e21 || (x !== 0 && Math.abs(x) < 1e-6) ? String(x) : x.toLocaleString('en-US', { maximumFractionDigits: 6 });
const pct = (x: number): string => `${Math.round(x * 1e6) / 1e4}%`;

/** What a range message names ("a base bonus must be …"), in the run's language. */
export type RangeTerm = Extract<MessageKey, `term.s.${string}`>;

/** Money in currency units: 0 ≤ x and x in minor units ≤ MAX_MONEY_MINOR. */
export function checkMoney(ctx: Context, at: PathSegment[], x: number, minorUnit: number, whatTerm: RangeTerm = 'term.s.anAmount'): boolean {
  const max = MAX_MONEY_MINOR / 10 ** minorUnit;
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, problem('KPI5601', { whatTerm, max: show(max) }));
  if (x > max) return fail(ctx, at, problem('KPI5602', { value: show(x), whatTerm, max: show(max), cents: minorUnit ? 1 : 0 }));
  return true;
}

/**
 * A score, or a bound of one, as a fraction in [0, MAX_SCORE]. `written` is the value as in the YAML: a bare number
 * above the limit was almost surely meant as percent points (cap: 150), and the message says how to write that.
 */
export function checkScore(ctx: Context, at: PathSegment[], x: number, written: unknown, whatTerm: RangeTerm): boolean {
  if (!Number.isFinite(x)) return fail(ctx, at, problem('KPI5603', { whatTerm }));
  if (x < 0) return fail(ctx, at, problem('KPI5604', { whatTerm }));
  if (x <= MAX_SCORE) return true;
  if (typeof written === 'number') return fail(ctx, at, problem('KPI5605', { value: show(x), pct: pct(x), whatTerm, max: pct(MAX_SCORE), written }));
  return fail(ctx, at, problem('KPI5606', { pct: pct(x), whatTerm, max: pct(MAX_SCORE) }));
}

export function checkMultiplier(ctx: Context, at: PathSegment[], x: number, whatTerm: RangeTerm = 'term.s.multiplier'): boolean {
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, problem('KPI5607', { whatTerm, max: MAX_MULTIPLIER }));
  if (x <= MAX_MULTIPLIER) return true;
  if (x >= 20) return fail(ctx, at, problem('KPI5609', { whatTerm, value: show(x), max: MAX_MULTIPLIER, fraction: show(x / 100) }));
  return fail(ctx, at, problem('KPI5608', { whatTerm, value: show(x), max: MAX_MULTIPLIER }));
}

/** An actual or a bound on one: finite, |x| ≤ MAX_VALUE. */
export function checkValue(ctx: Context, at: PathSegment[], x: number, whatTerm: RangeTerm = 'term.s.value'): boolean {
  if (Number.isFinite(x) && Math.abs(x) <= MAX_VALUE) return true;
  return fail(ctx, at, problem('KPI5610', { value: Number.isFinite(x) ? show(x) : String(x), whatTerm, max: show(MAX_VALUE) }));
}

export function checkRate(ctx: Context, at: PathSegment[], x: number, written: unknown): boolean {
  if (!Number.isFinite(x) || x < 0) return fail(ctx, at, problem('KPI5611'));
  // A bare 1 (or 1.0) is 100 %, a valid rate, but nearly always written for 1 %: paying all of the amount is too
  // costly a misreading to pass as valid. "100%" says it on purpose.
  if (written === 1) return fail(ctx, at, problem('KPI5617'));
  if (x <= MAX_RATE) return true;
  if (typeof written === 'number') return fail(ctx, at, problem('KPI5612', { value: show(x), pct: pct(x), written }));
  return fail(ctx, at, problem('KPI5613', { pct: pct(x) }));
}

export function checkWeight(ctx: Context, at: PathSegment[], points: number): boolean {
  if (points <= MAX_WEIGHT) return true;
  return fail(ctx, at, problem('KPI5614', { value: show(points) }));
}

export function checkTargetFactor(ctx: Context, at: PathSegment[], x: number): boolean {
  if (x <= MAX_TARGET_FACTOR) return true;
  return fail(ctx, at, problem('KPI5615', { max: MAX_TARGET_FACTOR }));
}

function fail(ctx: Context, at: PathSegment[], p: Problem): false {
  ctx.error(at, p);
  return false;
}
