// Bonus multiplier from tiers, proration and commission.
import type { BonusSpec, CommissionSpec, Rep, StepTier } from './model.js';
import type { CommissionSlice, Period } from './results.js';
import { clean15 } from './money.js';
import { dayFromIso, daysInPeriod } from './period.js';

/** The step tier holding `score`: from ≤ score < to (to absent = open-ended); null when none does. */
export function stepTier(tiers: readonly StepTier[], score: number): StepTier | null {
  return tiers.find((t) => score >= t.from && (t.to === undefined || score < t.to)) ?? null;
}

/** Multiplier interpolated between points (sorted by score); flat beyond the first and last point. */
function linearMultiplier(points: BonusSpec['points'], score: number): number {
  const pts = [...points].sort((a, b) => a.score - b.score);
  const first = pts[0];
  if (!first) return 0;
  if (score <= first.score) return first.multiplier;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (score <= b.score) {
      if (b.score === a.score) return b.multiplier;
      return a.multiplier + ((score - a.score) / (b.score - a.score)) * (b.multiplier - a.multiplier);
    }
  }
  return pts[pts.length - 1]!.multiplier;
}

/** Bonus multiplier for a total score, before the cap; with the step tier in step mode. */
export function multiplierFor(spec: BonusSpec, score: number): { tier: StepTier | null; multiplier: number } {
  if (spec.mode === 'step') {
    const tier = stepTier(spec.tiers, score);
    return { tier, multiplier: tier?.multiplier ?? 0 };
  }
  return { tier: null, multiplier: linearMultiplier(spec.points, score) };
}

export function capMultiplier(spec: BonusSpec, m: number): number {
  const v = spec.maxMultiplier !== undefined ? Math.min(m, spec.maxMultiplier) : m;
  return Number.isFinite(v) ? Math.max(0, v) : 0;
}

/**
 * Fraction of the period employed. calendar_days: a start date inside the period gives
 * (period end − start date + 1) / days in period; a start after the period gives 0; otherwise 1.
 */
export function prorationFor(rep: Rep, period: Period, mode: BonusSpec['proration']): { fraction: number; employed: number; days: number } {
  const days = daysInPeriod(period);
  if (mode !== 'calendar_days' || rep.startDate === undefined) return { fraction: 1, employed: days, days };
  const start = dayFromIso(rep.startDate);
  if (start === null || start <= period.start) return { fraction: 1, employed: days, days };
  if (start > period.end) return { fraction: 0, employed: 0, days };
  const employed = period.end - start + 1;
  return { fraction: employed / days, employed, days };
}

/**
 * Commission on `amount`. marginal: each slice [from, to) at its own rate, like tax brackets. retroactive:
 * the whole amount at the rate of the tier it reaches. A negative or missing amount earns nothing.
 */
export function commissionFor(spec: CommissionSpec, amount: number | null): { commission: number; slices: CommissionSlice[] } {
  const slices: CommissionSlice[] = [];
  if (amount === null || !(amount > 0)) return { commission: 0, slices };
  const tiers = [...spec.tiers].sort((a, b) => a.from - b.from);
  let total = 0;
  if (spec.mode === 'marginal') {
    for (const t of tiers) {
      if (amount <= t.from) continue;
      const top = t.to === undefined ? amount : Math.min(amount, t.to);
      const part = clean15(top - t.from);
      if (part <= 0) continue;
      const c = clean15(part * t.rate);
      total += c;
      slices.push({ from: t.from, ...(t.to !== undefined ? { to: t.to } : {}), rate: t.rate, amount: part, commission: c });
    }
  } else {
    const t = tiers.find((x) => amount >= x.from && (x.to === undefined || amount < x.to));
    if (t) {
      total = clean15(amount * t.rate);
      slices.push({ from: t.from, ...(t.to !== undefined ? { to: t.to } : {}), rate: t.rate, amount, commission: total });
    }
  }
  total = clean15(total);
  if (spec.maxPayout !== undefined) total = Math.min(total, spec.maxPayout);
  return { commission: Number.isFinite(total) ? Math.max(0, total) : 0, slices };
}
