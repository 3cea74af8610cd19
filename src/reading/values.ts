// Text → typed value, by the column's declared type. Pure functions; no Date objects (no time zones).
// Each parser returns NaN for a blank and, for a bad value, NaN with `note.error` set to the reason.

import type { DayNumber } from '../core/table.js';
import { timeOfDayProblem } from '../core/time-of-day.js';
import { halfWidth } from '../core/chinese-numbers.js';
import { isoFromDay, namedDate, noDateOrderProblem, type NamedDate } from '../core/period.js';
import { currencyMark, type CurrencyRule } from './currency.js';
import { problem, type Problem } from '../messages/index.js';

/** Filled in by the parsers; the caller resets it per value. */
export interface Note {
  /** Why the value cannot be read (a problem with its code); null when it can. */
  error: Problem | null;
  warning: Problem | null;
  /**
   * What the value said about the file's decimal separator (SEP_* bits), for sources that do not declare
   * `decimal`: a point, a comma, or nothing certain (a value like 1.500 that reads two ways).
   */
  sep: number;
}

export const newNote = (): Note => ({ error: null, warning: null, sep: 0 });

/** Readable only with a decimal point (12.5, 1,234.56). */
export const SEP_DOT = 1;
/** Readable only with a decimal comma (12,5, 1.234,56). */
export const SEP_COMMA = 2;
/** Reads as two different numbers (1.500, 12,000): depends on which separator marks decimals. */
export const SEP_GUESS = 4;

/** How numbers written as text are read in one source. */
export interface NumberStyle {
  decimal: '.' | ',';
  /** false: the scheme did not say; a decimal point is assumed and every reading that depends on it is flagged. */
  declared: boolean;
  currency: CurrencyRule;
}

/** The style of a scheme that says nothing (tests, benchmarks): decimal point, not declared, US dollars. */
export const DEFAULT_STYLE: NumberStyle = { decimal: '.', declared: false, currency: { code: 'USD', symbol: '$' } };

/** A number written as text, split into its decimal digits so money can be scaled without float error. */
interface Decimal {
  negative: boolean;
  /** Integer digits (may be empty) and fraction digits, without separators. */
  int: string;
  frac: string;
  /** Power of ten from an exponent (1.5E+3). */
  exp: number;
  /** Written in scientific notation (an exponent, even E+0). */
  sci: boolean;
  percent: boolean;
}

const PLAIN_DOT = /^-?\d+(?:\.\d+)?$/;
const PLAIN_INT = /^-?\d+$/;
const EXPONENT = /(?<=\d)[eE]([+-]?\d{1,4})$/;
const SPACES = ' \u00a0\u202f\u2009';
const BOOLEAN = /^(?:true|false)$/i;
/** Beyond this a number is not exact in a double, and a sum of them loses units: treated as a typo or a corruption. */
const MAX_NUMBER = Number.MAX_SAFE_INTEGER;
const isSign = (c: string | undefined): boolean => c === '-' || c === '+' || c === '\u2212';

/** A true/false value where a number is wanted: the same words for text ("TRUE") and workbook booleans. */
export function booleanReason(shown: string, what: 'term.number' | 'term.date'): Problem {
  return problem('KPI2105', { value: shown, whatTerm: what });
}

const FULL_WIDTH_DIGIT = /[\uFF0B\uFF0D\uFF10-\uFF19]/;

/** Why a text is not a number, before the text is known (splitDecimal): made into a problem by the caller. */
type Why = (value: string) => Problem;
const why = {
  // Full-width digits (a Chinese input method): said as such, with the half-width form (read only under chinese_numbers).
  notNumber: (value: string) => (FULL_WIDTH_DIGIT.test(value) ? problem('KPI2177', { value, read: halfWidth(value) }) : problem('KPI2101', { value })),
  twoPoints: (value: string) => problem('KPI2102', { value }),
  twoCommas: (value: string) => problem('KPI2103', { value }),
  misplaced:
    (sep: string): Why =>
    (value) =>
      problem('KPI2104', { value, sep }),
  twoSigns: (value: string) => problem('KPI2106', { value }),
  decimalComma: (value: string) => problem('KPI2109', { value }),
  dashOnly: (value: string) => problem('KPI2174', { value }),
  boolean: (value: string) => problem('KPI2105', { value, whatTerm: 'term.number' }),
} satisfies Record<string, Why | ((sep: string) => Why)>;

/** Digits and separators read with `decimal` as the decimal mark: the digits, or why they are not a number. */
function readDigits(body: string, decimal: '.' | ','): { int: string; frac: string } | Why {
  const parts = body.split(decimal);
  if (parts.length > 2) return decimal === '.' ? why.twoPoints : why.twoCommas;
  const intRaw = parts[0] ?? '';
  const frac = parts[1] ?? '';
  if (parts.length === 2 && frac === '' && intRaw === '') return why.notNumber;
  if (!/^\d*$/.test(frac)) {
    return /^[\d.,]*$/.test(frac) ? why.misplaced(decimal === '.' ? ',' : '.') : why.notNumber;
  }
  let int = intRaw;
  if (!/^\d*$/.test(intRaw)) {
    // Thousands separators: one kind, a first group of 1–3 digits (not a lone 0), then groups of three.
    const sepChars = decimal === '.' ? ',' + SPACES + "'" : '.' + SPACES + "'";
    const sep = [...intRaw].find((c) => c < '0' || c > '9');
    if (sep === undefined || !sepChars.includes(sep)) return why.notNumber;
    const groups = intRaw.split(sep);
    const first = groups[0] ?? '';
    if (!/^[1-9]\d{0,2}$/.test(first) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) {
      return why.misplaced(sep);
    }
    int = groups.join('');
  }
  if (int === '' && frac === '') return why.notNumber;
  return { int, frac };
}

/** Digits as a canonical decimal string, to tell whether two readings are the same number. */
const canonical = (d: { int: string; frac: string }): string => `${d.int.replace(/^0+(?=\d)/, '')}.${d.frac.replace(/0+$/, '')}`;

/**
 * Splits `text` into a Decimal, or returns a reason it is not a number. `text` is trimmed and not blank.
 * Currency marks are checked against the scheme's currency; without a declared decimal separator, `note.sep`
 * says what the value tells about it.
 */
function splitDecimal(text: string, style: NumberStyle, note: Note): Decimal | Why {
  if (BOOLEAN.test(text)) return why.boolean;
  let t = text;
  let negative = false;
  let signs = 0;
  let parens = false;
  // An accounting negative: (1,234.00), or in full-width parentheses as Chinese Excel and WPS may save it. A pair
  // of one width only: a lone or mismatched parenthesis is not a number.
  if ((t.startsWith('(') && t.endsWith(')')) || (t.startsWith('\uFF08') && t.endsWith('\uFF09'))) {
    negative = true;
    parens = true;
    signs++;
    t = t.slice(1, -1).trim();
  }
  const takeSign = (): void => {
    const c = t[0];
    if (isSign(c)) {
      if (c !== '+') negative = true;
      signs++;
      t = t.slice(1).trimStart();
    }
  };
  takeSign();
  const pre = currencyMark(t, style.currency, 'prefix');
  if (pre) {
    if (pre.foreign !== null) return pre.foreign;
    t = t.slice(pre.length).trimStart();
    takeSign(); // $-1,234 as well as -$1,234
  }
  // A dash alone ($-, ¥ -): 0 in an accounting format, saved as shown, or "none": not guessed, said. Parentheses
  // with nothing inside (`()`, `（¥）`) are no dash: not a number.
  if (t === '' && signs === 1 && negative && !parens) return why.dashOnly;
  // A trailing minus (SAP: 1,234.00-), before or after a currency suffix.
  const takeTrailingSign = (): void => {
    if (t.length > 1 && (t.endsWith('-') || t.endsWith('\u2212'))) {
      negative = true;
      signs++;
      t = t.slice(0, -1).trimEnd();
    }
  };
  takeTrailingSign();
  const post = currencyMark(t, style.currency, 'suffix');
  if (post) {
    if (post.foreign !== null) return post.foreign;
    t = t.slice(0, t.length - post.length).trimEnd();
    takeTrailingSign();
  }
  if (signs > 1 || isSign(t[0])) return why.twoSigns;
  let percent = false;
  if (t.endsWith('%') || t.endsWith('％')) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  let exp = 0;
  const e = EXPONENT.exec(t);
  if (e) {
    exp = Number(e[1]);
    t = t.slice(0, e.index);
  }
  const letter = /\p{L}/u.exec(t);
  // A letter among digits (12,8OO.00): name it. Anything stranger (control characters, symbols): not a number.
  if (letter && /\d/.test(t) && /^[\p{L}\d.,' \u00a0\u202f\u2009]+$/u.test(t)) {
    const c = letter[0];
    const digit = c === 'O' || c === 'o' ? '0' : c === 'l' || c === 'I' ? '1' : '';
    return (value) => (digit ? problem('KPI2107', { value, letter: c, digit }) : problem('KPI2108', { value, letter: c }));
  }
  if (letter) return why.notNumber;
  let digits: { int: string; frac: string } | Why;
  if (style.declared) digits = readDigits(t, style.decimal);
  else {
    // Undeclared: read with a decimal point, and say what the value shows about the separator.
    const dot = readDigits(t, '.');
    const comma = readDigits(t, ',');
    if (typeof dot !== 'function' && typeof comma === 'function') {
      if (t.includes('.') || t.includes(',')) note.sep |= SEP_DOT;
      digits = dot;
    } else if (typeof dot === 'function' && typeof comma !== 'function') {
      note.sep |= SEP_COMMA;
      digits = why.decimalComma;
    } else if (typeof dot !== 'function' && typeof comma !== 'function' && canonical(dot) !== canonical(comma)) {
      note.sep |= SEP_GUESS;
      digits = dot;
    } else digits = dot;
  }
  if (typeof digits === 'function') return digits;
  return { negative, int: digits.int, frac: digits.frac, exp, sci: e !== null, percent };
}

/** number and percent columns: `12%` → 0.12; a plain number is taken as written (a fraction in percent columns). */
export function parseNumberText(text: string, style: NumberStyle, note: Note): number {
  const t = text.trim();
  if (t === '') return NaN;
  if (PLAIN_INT.test(t) || (style.declared && style.decimal === '.' && PLAIN_DOT.test(t))) return inRange(Number(t), t, note);
  const d = splitDecimal(t, style, note);
  if (typeof d === 'function') {
    note.error = d(t);
    return NaN;
  }
  // Let Number() do the one correctly rounded conversion from the decimal string.
  const n = Number(`${d.negative ? '-' : ''}${d.int || '0'}.${d.frac || '0'}e${d.exp - (d.percent ? 2 : 0)}`);
  return inRange(n, t, note);
}

/** A number within ±(2^53 − 1): beyond that it is not exact and sums of it lose units. */
function inRange(n: number, shown: string, note: Note): number {
  if (!(Math.abs(n) <= MAX_NUMBER)) {
    note.error = problem('KPI2110', { value: shown });
    return NaN;
  }
  return n === 0 ? 0 : n;
}

/** A workbook number cell in a number or percent column: finite and in range. */
export function numberFromCell(value: number, note: Note): number {
  if (!Number.isFinite(value)) {
    note.error = problem('KPI2101', { value: String(value) });
    return NaN;
  }
  return inRange(value, String(value), note);
}

/**
 * money columns: exact integer minor units at `scale` decimal places ("0.1" → 10 at scale 2).
 * More decimals than the scale: rounded half away from zero, with a warning.
 */
export function parseMoneyText(text: string, style: NumberStyle, scale: number, note: Note): number {
  if (style.declared || scale < 3) {
    const fast = plainMoney(
      text,
      0,
      text.length,
      style.decimal === '.' ? 46 : 44,
      scale,
      style.decimal === '.' ? 44 : 46,
      symbolCode(style.currency),
      style.declared,
    );
    // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
    if (fast === fast) {
      if (!style.declared && text.includes('.')) note.sep |= SEP_DOT;
      return fast; // not NaN
    }
  }
  return parseMoneyGeneral(text, style, scale, note);
}

/** parseMoneyText without the fast path: every value read by the rules (tests hold plainMoney to it). */
export function parseMoneyGeneral(text: string, style: NumberStyle, scale: number, note: Note): number {
  const t = text.trim();
  if (t === '') return NaN;
  const d = splitDecimal(t, style, note);
  if (typeof d === 'function') {
    note.error = d(t);
    return NaN;
  }
  if (d.percent) {
    note.error = problem('KPI2111', { value: t });
    return NaN;
  }
  if (d.sci) return scientificMoney(d, scale, t, note);
  return floatNoise(d, scale) ?? scaleDecimal(d, scale, t, note);
}

/**
 * An amount in scientific notation is never read (KPI2165): Excel writes one to a CSV file as it shows it (a number
 * too wide for its column in General format, or a Scientific format), keeping 6 significant digits of
 * 123,456,789,012.34, and `1.5E+3` in a Scientific format may stand for 1,503 as well. No export writes an amount of
 * money this way in full (pandas does only beyond 10^16, which no amount here reaches), so every such text is
 * refused alike rather than guessing which ones are exact. An amount too large to keep exact says so first.
 */
function scientificMoney(d: Decimal, scale: number, t: string, note: Note): number {
  const probe = newNote();
  scaleDecimal(d, scale, t, probe);
  note.error = probe.error ?? problem('KPI2165', { value: t });
  return NaN;
}

/**
 * A double written the way pandas and JavaScript write one (shortest round trip: 0.1 + 0.2 as 0.30000000000000004,
 * 16.9 as 16.900000000000002) whose 15 significant digits, as Excel shows it, fit the minor unit: that amount in
 * minor units, without a warning (as moneyFromNumber reads the same value from a workbook cell). Undefined when the
 * text is anything else: more decimals than the currency are then rounded with a warning.
 */
function floatNoise(d: Decimal, scale: number): number | undefined {
  if (d.exp !== 0 || d.frac.length <= scale || d.int.length + d.frac.length < 16) return undefined;
  const written = `${d.int.replace(/^0+(?=\d)/, '') || '0'}.${d.frac}`;
  const v = Number(written);
  if (String(v) !== written) return undefined; // not how a program writes a double: a real amount of many decimals
  const clean = splitDecimal(String(Number(v.toPrecision(15))), NUMBER_CELL, newNote()) as Decimal;
  const probe = newNote();
  const n = scaleDecimal(clean, scale, written, probe);
  if (probe.warning !== null || probe.error !== null) return undefined;
  return d.negative && n !== 0 ? -n : n;
}

/**
 * Money as exports write it, read without allocating: `[(][-][symbol]digits[.digits][)]`, where the digits may
 * be grouped in threes by `group` (the mark that is not the decimal `point`, e.g. 1,234,567.89) and `symbol` is
 * the char code of the scheme's own one-character currency symbol (-1: none). At most `scale` decimals, at most
 * 15 digits: integer arithmetic below 2^53 is exact. NaN means "take the general path", which reads (or
 * reports) everything else. `declared`: the scheme says which mark is the decimal one; when it does not, a
 * grouped value without decimals (1,500) or with three (1.500) reads two ways and is left to the general path.
 */
export function plainMoney(t: string, start: number, end: number, point: number, scale: number, group = -1, symbol = -1, declared = true): number {
  let i = start;
  let last = end - 1;
  if (last < i) return NaN;
  let neg = false;
  if (t.charCodeAt(i) === 40 /* ( */) {
    if (t.charCodeAt(last) !== 41 /* ) */) return NaN;
    neg = true;
    i++;
    last--;
  }
  if (t.charCodeAt(i) === 45 /* - */) {
    if (neg) return NaN; // (-5): two signs, the general path says so
    neg = true;
    i++;
  }
  if (t.charCodeAt(i) === symbol) i++;
  let acc = 0;
  let digits = 0;
  let fracDigits = -1;
  /** Digits since the last group mark; -1 before the first mark. */
  let run = -1;
  let grouped = false;
  for (; i <= last; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      digits++;
      if (fracDigits >= 0) fracDigits++;
      else if (run >= 0) run++;
    } else if (c === point && fracDigits < 0 && digits > 0) {
      if (grouped && run !== 3) return NaN;
      fracDigits = 0;
    } else if (c === group && fracDigits < 0) {
      // The first group has 1–3 digits and does not start with 0; every later one has exactly three.
      if (grouped ? run !== 3 : digits === 0 || digits > 3 || t.charCodeAt(i - digits) === 48) return NaN;
      grouped = true;
      run = 0;
    } else return NaN;
  }
  if (digits === 0 || digits > 15 || fracDigits === 0 || fracDigits > scale) return NaN;
  if (grouped && fracDigits < 0 && (run !== 3 || !declared)) return NaN;
  if (!declared && fracDigits === 3) return NaN; // 1.500 may be 1500 written with a decimal comma
  const pow = POW10[scale - Math.max(0, fracDigits)];
  if (pow === undefined) return NaN;
  const n = acc * pow;
  if (!(n <= Number.MAX_SAFE_INTEGER)) return NaN;
  return neg && n !== 0 ? -n : n;
}

/** The scheme's own currency symbol as one char code for plainMoney; -1 when it is longer (US$) or none. */
export function symbolCode(rule: CurrencyRule): number {
  const own = rule.symbol.trim();
  return own.length === 1 && !/[\d.,()\-+\s]/.test(own) ? own.charCodeAt(0) : -1;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

function scaleDecimal(d: Decimal, scale: number, shown: string, note: Note): number {
  const digits = (d.int + d.frac).replace(/^0+(?=\d)/, '');
  // Position of the decimal point within `digits` once scaled to minor units.
  const point = digits.length - d.frac.length + d.exp + scale;
  let kept: string;
  let rest: string;
  if (point >= digits.length) {
    kept = digits + '0'.repeat(point - digits.length);
    rest = '';
  } else if (point <= 0) {
    kept = '0';
    rest = '0'.repeat(-point) + digits;
  } else {
    kept = digits.slice(0, point);
    rest = digits.slice(point);
  }
  let n = Number(kept);
  if (rest !== '' && /[1-9]/.test(rest)) {
    if (rest.charCodeAt(0) >= 53 /* '5' */) n += 1; // half away from zero (sign applied after)
    const rounded = (d.negative ? -n : n) / 10 ** scale;
    note.warning = problem('KPI2112', { value: shown, scale, rounded: rounded.toFixed(scale) });
  }
  if (!Number.isSafeInteger(n)) {
    note.error = problem('KPI2113', { value: shown });
    return NaN;
  }
  return d.negative && n !== 0 ? -n : n;
}

/** How JavaScript writes a number (String(n)): a decimal point, no marks. */
const NUMBER_CELL: NumberStyle = { decimal: '.', declared: true, currency: { code: '', symbol: '' } };

/** A number cell of a workbook in a money column. Float noise (16.900000000000002) is not a warning. */
export function moneyFromNumber(value: number, scale: number, note: Note): number {
  if (!Number.isFinite(value)) {
    note.error = problem('KPI2101', { value: String(value) });
    return NaN;
  }
  // Common case: no more decimals than the minor unit. If n / 10^scale gives back exactly `value`, the
  // shortest decimal form of `value` is n / 10^scale, so n is exact.
  const pow = POW10[scale];
  if (pow !== undefined) {
    const n = Math.round(value * pow);
    if (Number.isSafeInteger(n) && n / pow === value) return n === 0 ? 0 : n;
  }
  const exact = splitDecimal(String(Math.abs(value)), NUMBER_CELL, newNote()) as Decimal;
  exact.negative = value < 0;
  const probe = newNote();
  const n = scaleDecimal(exact, scale, String(value), probe);
  if (probe.warning === null || probe.error !== null) {
    if (probe.error !== null) note.error = probe.error;
    return n;
  }
  // Excel shows 15 significant digits; if that fits the minor unit, the extra digits were float noise.
  const shown = Number(value.toPrecision(15));
  const clean = splitDecimal(String(Math.abs(shown)), NUMBER_CELL, newNote()) as Decimal;
  clean.negative = shown < 0;
  return scaleDecimal(clean, scale, String(value), note);
}

// ---- dates -------------------------------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Years isoDayFast reads by table: each month's first day number and length, 1900-01 to 2299-12. */
const TABLE_FROM = 1900;
const MONTH_FIRST = new Int32Array(400 * 12);
const MONTH_DAYS = new Uint8Array(400 * 12);
for (let k = 0; k < MONTH_FIRST.length; k++) {
  const y = TABLE_FROM + Math.floor(k / 12);
  const m = (k % 12) + 1;
  MONTH_FIRST[k] = daysFromCivil(y, m, 1);
  MONTH_DAYS[k] = daysInMonth(y, m);
}

/** Excel's last serial (9999-12-31). */
const MAX_SERIAL = 2958465;

/**
 * An Excel serial number as a DayNumber. The 1900 system keeps Lotus's phantom 1900-02-29 (serial 60);
 * the 1904 system counts from 1904-01-01. The time of day (fraction) is dropped.
 */
export function serialToDay(serial: number, date1904: boolean, note: Note): DayNumber {
  const whole = Math.floor(serial);
  if (!(whole >= (date1904 ? 0 : 1)) || whole > MAX_SERIAL) {
    note.error = problem('KPI2123', { value: String(serial) });
    return NaN;
  }
  if (date1904) return whole - 24107;
  if (whole === 60) {
    note.error = problem('KPI2124');
    return NaN;
  }
  return whole < 60 ? whole - 25568 : whole - 25569;
}

/** A time after the date, captured (the fourth group of the patterns using it) to be checked by timeOfDayProblem. */
const TIME = String.raw`(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?))?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})${TIME}$`);
const YMD_CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}:\d{2}(?::\d{2})?))?$/;
/** A Chinese weekday after the date (2026年11月5日 星期四, 2026-11-05（周四）): checked against the date, then dropped. */
const WEEKDAY = /\s*[（(]?(?:星期|礼拜|禮拜|周|週)([日天一二三四五六])[)）]?\s*/;
const WEEKDAYS = '日一二三四五六';
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d+(?:\.\d+)?$/;
/** 1950-01-01. */
const MIN_TEXT_SERIAL = 18264;

function checked(y: number, m: number, d: number, t: string, note: Note, time?: string): DayNumber {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    note.error = problem('KPI2121', { value: t });
    return NaN;
  }
  return clockChecked(daysFromCivil(y, m, d), t, time, note);
}

/** The day, or NaN with the reason when the time written after it is no time of day (25:00, 24:60). */
function clockChecked(day: DayNumber, t: string, time: string | undefined, note: Note): DayNumber {
  const clock = time === undefined ? null : timeOfDayProblem(time);
  if (clock === null) return day;
  note.error = clock(t);
  return NaN;
}

/** date columns: ISO, 2026/11/1, 2026年11月1日, 20261101, Excel serials; 11/01/2026 only with a date order. */
/**
 * YYYY-MM-DD, YYYY/M/D or YYYY.M.D (month and day of one or two digits, no time) at [start, end) without
 * copying: the shapes of the ISO and year-first patterns of parseDateText, read the same way. NaN without
 * note.error when it is not one of them; NaN with note.error when it is one but not a real day.
 */
export function isoDayFast(s: string, start: number, end: number, note: Note): DayNumber {
  const len = end - start;
  if (len === 10 && s.charCodeAt(start + 4) === 45 && s.charCodeAt(start + 7) === 45) {
    // yyyy-mm-dd, the shape of almost every export: digits by arithmetic, the day by table. Anything else here
    // (another year, an impossible day, a letter) is left to the loop below.
    const y0 = s.charCodeAt(start) - 48;
    const y1 = s.charCodeAt(start + 1) - 48;
    const y2 = s.charCodeAt(start + 2) - 48;
    const y3 = s.charCodeAt(start + 3) - 48;
    const m0 = s.charCodeAt(start + 5) - 48;
    const m1 = s.charCodeAt(start + 6) - 48;
    const d0 = s.charCodeAt(start + 8) - 48;
    const d1 = s.charCodeAt(start + 9) - 48;
    // >>> 0: negatives become large
    if (y0 >>> 0 <= 9 && y1 >>> 0 <= 9 && y2 >>> 0 <= 9 && y3 >>> 0 <= 9 && m0 >>> 0 <= 9 && m1 >>> 0 <= 9 && d0 >>> 0 <= 9 && d1 >>> 0 <= 9) {
      const at = (y0 * 1000 + y1 * 100 + y2 * 10 + y3 - TABLE_FROM) * 12 + m0 * 10 + m1 - 1;
      const d = d0 * 10 + d1;
      const m = m0 * 10 + m1;
      if (m >= 1 && m <= 12 && at >= 0 && at < MONTH_FIRST.length && d >= 1 && d <= (MONTH_DAYS[at] as number)) return (MONTH_FIRST[at] as number) + d - 1;
    }
  }
  if (len < 8 || len > 10) return NaN;
  const y0 = s.charCodeAt(start) - 48;
  const y1 = s.charCodeAt(start + 1) - 48;
  const y2 = s.charCodeAt(start + 2) - 48;
  const y3 = s.charCodeAt(start + 3) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return NaN; // >>> 0: negatives become large
  const sep = s.charCodeAt(start + 4);
  // ISO takes '-' twice; the year-first pattern '/' or '.' in either place.
  const dash = sep === 45;
  if (!dash && sep !== 47 && sep !== 46) return NaN;
  let i = start + 5;
  let m = 0;
  let digits = 0;
  for (; i < end && digits < 3; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >>> 0 > 9) break;
    m = m * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 2 || i >= end) return NaN;
  const sep2 = s.charCodeAt(i);
  if (dash ? sep2 !== 45 : sep2 !== 47 && sep2 !== 46) return NaN;
  let d = 0;
  digits = 0;
  for (i++; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >>> 0 > 9) return NaN;
    d = d * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 2) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    note.error = problem('KPI2121', { value: s.slice(start, end) });
    return NaN;
  }
  return daysFromCivil(y, m, d);
}

export function parseDateText(text: string, order: 'ymd' | 'mdy' | 'dmy', note: Note): DayNumber {
  const fast = isoDayFast(text, 0, text.length, note);
  // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
  if (fast === fast || note.error !== null) return fast;
  const t = text.trim();
  if (t === '') return NaN;
  if (BOOLEAN.test(t)) {
    note.error = booleanReason(t, 'term.date');
    return NaN;
  }
  // Full-width digits and marks (２０２６－１１－０５) read as their ASCII forms; a weekday after the date
  // (2026年11月5日 星期四) is checked against the day it names. Messages quote the value as written.
  let u = halfWidth(t);
  const w = WEEKDAY.exec(u);
  const weekday = w !== null && w.index > 0 ? w[1]!.replace('天', '日') : null;
  if (w !== null && weekday !== null) u = `${u.slice(0, w.index)} ${u.slice(w.index + w[0].length)}`.trim();
  const day = dayOfText(u, t, order, note);
  if (weekday === null || Number.isNaN(day)) return day;
  const actual = WEEKDAYS[(((day + 4) % 7) + 7) % 7]!; // 1970-01-01, day 0, was a Thursday
  if (actual === weekday) return day;
  note.error = problem('KPI2128', { value: t, date: isoFromDay(day), weekday: `星期${actual}` });
  return NaN;
}

/** parseDateText's reading of `u` (half-width, no weekday); `t` is the value as written, for messages. */
function dayOfText(u: string, t: string, order: 'ymd' | 'mdy' | 'dmy', note: Note): DayNumber {
  const m = ISO.exec(u) ?? YMD_SLASH.exec(u) ?? YMD_CJK.exec(u);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), t, note, m[4]);
  const c = COMPACT.exec(u);
  if (c) return checked(Number(c[1]), Number(c[2]), Number(c[3]), t, note);
  if (SERIAL.test(u)) {
    const serial = Number(u);
    // A bare number is read as an Excel serial only from 1950 on: "2026" is a year, not 1905-07-18.
    if (serial >= MIN_TEXT_SERIAL) return serialToDay(serial, false, note);
    note.error = problem('KPI2122', { value: t });
    return NaN;
  }
  const s = YEAR_LAST.exec(u);
  if (s) {
    if ((s[3] ?? '').length === 2) {
      note.error = problem('KPI2125', { value: t });
      return NaN;
    }
    if (order === 'ymd') {
      note.error = noDateOrderProblem(t, Number(s[3]), Number(s[1]), Number(s[2]));
      return NaN;
    }
    const a = Number(s[1]);
    const b = Number(s[2]);
    const [mo, da] = order === 'mdy' ? [a, b] : [b, a];
    const day = checked(Number(s[3]), mo, da, t, note);
    if (!Number.isNaN(day)) return clockChecked(day, t, s[4], note);
    note.error = problem('KPI2127', { value: t, orderTerm: order === 'mdy' ? 'term.mdy' : 'term.dmy' });
    return day;
  }
  const n = namedDate(u);
  if (n !== null) return namedDay(n, t, note);
  note.error = problem('KPI2122', { value: t });
  return NaN;
}

const ENGLISH_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A date with an English month name (3-Nov-2026, Nov 3, 2026, Tuesday, November 3, 2026): the name says which number
 * is the month, so no date_order is needed. A two-digit year (03-NOV-26) is refused, as 1/2/26 is: 26 could be the
 * day or the year, and its century is a guess. A weekday written before it is checked, as after a Chinese date.
 */
function namedDay(n: NamedDate, t: string, note: Note): DayNumber {
  if (n.twoDigitYear) {
    note.error = problem('KPI2125', { value: t });
    return NaN;
  }
  const day = checked(n.y, n.m, n.d, t, note, n.time);
  if (n.weekday === undefined || Number.isNaN(day)) return day;
  const actual = (((day + 4) % 7) + 7) % 7; // 1970-01-01, day 0, was a Thursday
  if (actual === n.weekday) return day;
  note.error = problem('KPI2128', { value: t, date: isoFromDay(day), weekday: ENGLISH_WEEKDAYS[actual]! });
  return NaN;
}

/** A calendar date as YYYY-MM-DD (for date cells landing in string columns): the core's one converter. */
export { isoFromDay as dayToIso } from '../core/period.js';
