// Number formatting for provenance steps (`kpi explain`): fixed, locale-free, deterministic.
import type { Unit } from './model.js';
import { roundToUnits } from './money.js';
import { NO_DATA, type Text } from './says.js';

/** Digits with a comma before each group of three from the right: "1234567" → "1,234,567" (digits only). */
function group(intDigits: string): string {
  const n = intDigits.length;
  if (n <= 3) return intDigits;
  // By slices, not a look-ahead regular expression: a 1M-row run formats numbers for 500 reps' steps. Anything but
  // digits ("Infinity" from an absurd amount) goes the regular expression's way, as before.
  for (let i = 0; i < n; i++) {
    const c = intDigits.charCodeAt(i);
    if (c < 48 || c > 57) return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  let head = n % 3 || 3;
  let s = intDigits.slice(0, head);
  for (; head < n; head += 3) s += `,${intDigits.slice(head, head + 3)}`;
  return s;
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
  if (!s.includes('.')) return s;
  // The zeros at the end, then the point if nothing is left after it.
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (end < s.length && s.charCodeAt(end - 1) === 46) end--;
  return end === s.length ? s : s.slice(0, end);
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
