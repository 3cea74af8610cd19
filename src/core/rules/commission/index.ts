// The commission modes, one module each, keyed by `commission.mode`; with what every mode shares, stated once:
// a missing or non-positive amount earns nothing; `max_payout` caps the sum of the slices.
import type { CommissionSpec, CommissionTier } from '../../model.js';
import type { CommissionSlice, RepResult } from '../../results.js';
import { arrayConstant, lit, max, min, n, type F } from '../../formula.js';
import { allocateUnits, clean15, roundToUnits } from '../../money.js';
import { marginal } from './marginal.js';
import { retroactive } from './retroactive.js';
import type { CommissionModeRule, CommissionTable } from './rule.js';

export const COMMISSION_MODES = { marginal, retroactive } satisfies Record<CommissionSpec['mode'], CommissionModeRule>;

export const commissionMode = (spec: CommissionSpec): CommissionModeRule => COMMISSION_MODES[spec.mode];

export interface Commission {
  slices: CommissionSlice[];
  /** Σ slices, before the cap. */
  beforeCap: number;
  /** After `max_payout`. */
  commission: number;
}

export function commissionFor(spec: CommissionSpec, amount: number | null): Commission {
  if (amount === null || !(amount > 0)) return { slices: [], beforeCap: 0, commission: 0 };
  const tiers = [...spec.tiers].sort((a, b) => a.from - b.from);
  const slices = commissionMode(spec).value(tiers, amount);
  const sum = clean15(slices.reduce((s, x) => s + x.commission, 0));
  const beforeCap = Number.isFinite(sum) ? Math.max(0, sum) : 0;
  return { slices, beforeCap, commission: spec.maxPayout !== undefined ? Math.min(beforeCap, spec.maxPayout) : beforeCap };
}

/** The commission after the cap as a formula over the amount cell (and the cap's cell, when there is one). */
export function commissionFormula(spec: CommissionSpec, amount: F, table: CommissionTable, cap?: F | null): F {
  // N(): no data is an empty cell, which MIN and MAX would skip instead of reading as 0.
  const c = max(lit(0), commissionMode(spec).formula(n(amount), table));
  return spec.maxPayout !== undefined ? min(cap ?? lit(spec.maxPayout), c) : c;
}

/**
 * Tiers with no cells of their own (a pay component's, on the Pay lines sheet and a scorecard) as a table of
 * constants: the formula carries them (`MIN(x,50000)`, `LOOKUP(x,{0,50000},{0.01,0.02})`), still live over its amount.
 */
export function constantCommissionTable(tiers: readonly CommissionTier[]): CommissionTable {
  const sorted = [...tiers].sort((a, b) => a.from - b.from);
  return {
    rows: sorted.map((t) => ({ from: lit(t.from), to: t.to === undefined ? null : lit(t.to), rate: lit(t.rate) })),
    fromRange: arrayConstant(sorted.map((t) => t.from)),
    rateRange: arrayConstant(sorted.map((t) => t.rate)),
  };
}

export type { CommissionTable } from './rule.js';

/** The slices as money that adds up: each slice's commission rounded so that Σ slices + capAdjustment = commission. */
export interface CommissionLines {
  /** Rounded commission per slice, in slice order. */
  slices: number[];
  /** Σ slices, rounded (the commission before the cap). */
  beforeCap: number;
  /** 0, or what the commission's max_payout takes off (negative). */
  capAdjustment: number;
}

export function commissionLines(
  r: Pick<RepResult, 'commissionSlices' | 'commissionBeforeCap' | 'commission' | 'rounded' | 'lines'>,
  places: number,
): CommissionLines {
  // `commission` holds the components too (pay lines of sign +1): the main commission is what they leave.
  const plus = (r.lines ?? []).filter((l) => l.sign > 0);
  const total = roundToUnits(r.rounded.commission, places) - plus.reduce((s, l) => s + roundToUnits(l.rounded, places), 0);
  const main = plus.length ? clean15(r.commission - plus.reduce((s, l) => s + l.amount, 0)) : r.commission;
  const capped = r.commissionBeforeCap - main > 1e-9 * Math.max(1, Math.abs(main));
  const before = capped ? roundToUnits(r.commissionBeforeCap, places) : total;
  const units = allocateUnits(
    before,
    r.commissionSlices.map((s) => s.commission),
    places,
  );
  const money = (u: number): number => (u === 0 ? 0 : u / 10 ** places);
  return { slices: units.map(money), beforeCap: money(before), capAdjustment: money(total - before) };
}
