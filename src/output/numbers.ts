// Number display shared by every output, on the core's one rounding and formatting (core/money.ts, core/format.ts):
// pure functions, no locale surprises, fixed en-US grouping.
import type { Unit } from '../core/model.js';
import { fixed, pctFixed, trimmed } from '../core/format.js';
import { roundHalfAwayFromZero, roundToUnits } from '../core/money.js';

export interface CurrencyInfo {
  code: string;
  minorUnit: number;
  symbol: string;
}

/** A number safe for JSON and spreadsheets: NaN/±Infinity become null, −0 becomes 0. */
export function finiteOrNull(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

/** "$1,234.50", "-$12.00", "¥1,235" (minorUnit 0). */
export function formatMoney(x: number, c: CurrencyInfo): string {
  const s = fixed(x, c.minorUnit);
  return s.startsWith('-') ? `-${c.symbol}${s.slice(1)}` : c.symbol + s;
}

/**
 * Money as the scheme's money_display asks: standard, or from 10,000 up in units of 万 to two decimals
 * ("¥12.85万"; smaller amounts stay exact). Display only.
 */
export function formatMoneyAs(x: number, c: CurrencyInfo, display: 'standard' | 'wan', compact = false): string {
  const r = roundHalfAwayFromZero(x, c.minorUnit);
  if (display !== 'wan' || Math.abs(r) < 10_000) return compact ? formatMoneyCompact(x, c) : formatMoney(x, c);
  return (r < 0 ? '-' : '') + c.symbol + fixed(Math.abs(r) / 10_000, 2) + '万';
}

/** Money in a metric cell: cents only when there are any, to keep the table narrow. */
function formatMoneyCompact(x: number, c: CurrencyInfo): string {
  const whole = roundToUnits(x, c.minorUnit) % 10 ** c.minorUnit === 0;
  return formatMoney(x, whole ? { ...c, minorUnit: 0 } : c);
}

/** A fraction as a percentage with fixed decimals: 0.825 → "82.5%" (the core's one percentage style). */
export function formatPercent(x: number, places = 1): string {
  return pctFixed(x, places);
}

/** A metric's actual or target as a person reads it, by the metric's unit (unknown unit: plain number). */
export function formatByUnit(x: number | null, unit: Unit | undefined, c: CurrencyInfo): string {
  if (x === null || !Number.isFinite(x)) return '—';
  switch (unit) {
    case 'money':
      return formatMoneyCompact(x, c);
    case 'percent':
      return formatPercent(x);
    case 'count':
      return trimmed(x, 0);
    case 'days':
      return trimmed(x, 1);
    default:
      return trimmed(x, 2);
  }
}

/** Whole days since 1970-01-01 → a Date at UTC midnight (for workbook metadata). */
export function dayToDate(day: number): Date {
  return new Date(day * 86_400_000);
}
