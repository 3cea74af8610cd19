// Number rounding and display shared by every output. Pure functions, no locale surprises: fixed en-US grouping.
import type { Unit } from '../core/model.js';

export interface CurrencyInfo {
  code: string;
  minorUnit: number;
  symbol: string;
}

/**
 * Round half away from zero to `places` decimals, the way Excel's ROUND does: the scaled value is first cut to
 * 15 significant digits so 1.005 (really 1.00499999…) rounds to 1.01 as a person expects.
 */
export function roundHalfAway(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** places;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = Math.floor(scaled + 0.5) / f;
  return x < 0 && r !== 0 ? -r : r;
}

/** A number safe for JSON and spreadsheets: NaN/±Infinity become null, −0 becomes 0. */
export function finiteOrNull(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

const grouped = new Map<number, Intl.NumberFormat>();
function groupFormat(places: number): Intl.NumberFormat {
  let f = grouped.get(places);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: true });
    grouped.set(places, f);
  }
  return f;
}

/** "$1,234.50", "-$12.00", "¥1,235" (minorUnit 0). */
export function formatMoney(x: number, c: CurrencyInfo): string {
  const r = roundHalfAway(x, c.minorUnit);
  const body = groupFormat(c.minorUnit).format(Math.abs(r));
  return (r < 0 ? '-' : '') + c.symbol + body;
}

/**
 * Money as the scheme's money_display asks: standard, or from 10,000 up in units of 万 to two decimals
 * ("¥12.85万"; smaller amounts stay exact). Display only.
 */
export function formatMoneyAs(x: number, c: CurrencyInfo, display: 'standard' | 'wan', compact = false): string {
  const r = roundHalfAway(x, c.minorUnit);
  if (display !== 'wan' || Math.abs(r) < 10_000) return compact ? formatMoneyCompact(x, c) : formatMoney(x, c);
  return (r < 0 ? '-' : '') + c.symbol + groupFormat(2).format(roundHalfAway(Math.abs(r) / 10_000, 2)) + '万';
}

/** Money in a metric cell: cents only when there are any, to keep the table narrow. */
function formatMoneyCompact(x: number, c: CurrencyInfo): string {
  const r = roundHalfAway(x, c.minorUnit);
  const places = Number.isInteger(r) ? 0 : c.minorUnit;
  return (r < 0 ? '-' : '') + c.symbol + groupFormat(places).format(Math.abs(r));
}

/** A fraction as a percentage: 0.825 → "82.5%". */
export function formatPercent(x: number, places = 1): string {
  return groupFormat(places).format(roundHalfAway(x * 100, places)) + '%';
}

/** Up to `places` decimals, trailing zeros dropped, grouped: 1234.5 → "1,234.5". */
function formatNumber(x: number, places = 2): string {
  const r = roundHalfAway(x, places);
  const decimals = Math.min(places, (String(r).split('.')[1] ?? '').length);
  return groupFormat(decimals).format(r);
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
      return formatNumber(x, 0);
    case 'days':
      return formatNumber(x, 1);
    default:
      return formatNumber(x, 2);
  }
}

/** Whole days since 1970-01-01 → ISO date. */
export function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days since 1970-01-01 → a Date at UTC midnight (for workbook metadata). */
export function dayToDate(day: number): Date {
  return new Date(day * 86_400_000);
}
