// Number formatting for provenance steps (`kpi explain`): fixed, locale-free, deterministic.
import type { Unit } from './model.js';
import { roundToUnits } from './money.js';
import { NO_DATA, type Text } from './says.js';

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** x with exactly `places` decimals, rounded like Excel, thousands grouped: 48250 → "48,250.00". */
export function fixed(x: number, places: number): string {
  if (!Number.isFinite(x)) return String(x);
  const units = roundToUnits(x, places);
  const neg = units < 0;
  let s = String(Math.abs(units));
  if (s.includes('e')) return String(x); // astronomically large: leave as is
  if (places > 0) {
    s = s.padStart(places + 1, '0');
    s = `${group(s.slice(0, -places))}.${s.slice(-places)}`;
  } else s = group(s);
  return neg ? `-${s}` : s;
}

/** Up to `places` decimals, trailing zeros dropped: 60000 → "60,000", 4.5 → "4.5". */
export function trimmed(x: number, places = 2): string {
  const s = fixed(x, places);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The one percentage style of kpi (steps, notes, tables): 0.8042 → "80.42%", 0.4 → "40%". */
export function pct(x: number, places = 2): string {
  return `${trimmed(x * 100, places)}%`;
}

/** A percentage with exactly `places` decimals, for columns that line up: 0.825 → "82.5%", 1 → "100.0%". */
export function pctFixed(x: number, places = 1): string {
  return `${fixed(x * 100, places)}%`;
}

/** A metric value in its unit: money with the currency's minor unit, percent as %, others trimmed. */
function value(x: number, unit: Unit | undefined, minorUnit: number): string {
  if (unit === 'money') return fixed(x, minorUnit);
  if (unit === 'percent') return pct(x);
  return trimmed(x);
}

/** Like value() but money trimmed too, for compact formula lines. */
export function short(x: number | null, unit: Unit | undefined): string {
  if (x === null) return 'no data';
  if (unit === 'percent') return pct(x);
  return trimmed(x);
}

/** value(), with "no data" as a sentence (rendered in the run's language). */
export function valueText(x: number | null, unit: Unit | undefined, minorUnit: number): Text {
  return x === null ? NO_DATA : value(x, unit, minorUnit);
}

/** short(), with "no data" as a sentence. */
export function shortText(x: number | null, unit: Unit | undefined): Text {
  return x === null ? NO_DATA : short(x, unit);
}
