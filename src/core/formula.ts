// Spreadsheet formulas built together with the value a spreadsheet will compute for them. The report writes a
// live formula only when that value equals the core's figure; otherwise it writes the core's value and says so.
// So a recalculation in Excel/LibreOffice can never show a number different from the CLI's.

import { roundHalfAwayFromZero } from './money.js';

/** A formula fragment and its value as a spreadsheet computes it (NaN for an error such as #DIV/0!). */
export interface F {
  f: string;
  v: number;
  /** Text result (LOOKUP of a label, REPT). */
  s?: string;
  /** A reference to an empty cell (a spreadsheet reads it as 0 in arithmetic, ISNUMBER says false). */
  blank?: boolean;
}

const fmtNum = (x: number): string => {
  if (!Number.isFinite(x)) throw new Error('non-finite literal');
  // Shortest round-trip form; exponent form is valid in Excel and LibreOffice formulas too.
  return String(x).replace('e+', 'E+').replace('e-', 'E-');
};

/** Spreadsheets compare with a relative tolerance (LibreOffice: rtl::math::approxEqual, ~2^-48). */
function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  const d = Math.abs(a - b);
  return d < Math.max(Math.abs(a), Math.abs(b)) * 2 ** -48;
}

export const lit = (x: number): F => ({ f: x < 0 ? `(${fmtNum(x)})` : fmtNum(x), v: x });
export const ref = (address: string, value: number | null): F => (value === null ? { f: address, v: 0, blank: true } : { f: address, v: value });
/** A row of numbers written into the formula (`{0,50000,100000}`), for a lookup over a table with no cells. */
export const arrayConstant = (xs: readonly number[]): string => `{${xs.map(fmtNum).join(',')}}`;
export const textRef = (address: string, value: string): F => ({ f: address, v: NaN, s: value });

const bin = (op: string, a: F, b: F, v: number): F => ({ f: `(${a.f}${op}${b.f})`, v });
export const add = (a: F, b: F) => bin('+', a, b, a.v + b.v);
export const sub = (a: F, b: F) => bin('-', a, b, a.v - b.v);
export const mul = (a: F, b: F) => bin('*', a, b, a.v * b.v);
export const div = (a: F, b: F) => bin('/', a, b, b.v === 0 ? NaN : a.v / b.v);

// MIN and MAX skip empty cells (MIN(empty, 5) is 5, not 0); with nothing left they give 0.
const numbersOf = (xs: F[]): number[] => xs.filter((x) => !x.blank).map((x) => x.v);
export const min = (...xs: F[]): F => {
  const v = numbersOf(xs);
  return { f: `MIN(${xs.map((x) => x.f).join(',')})`, v: v.length ? Math.min(...v) : 0 };
};
export const max = (...xs: F[]): F => {
  const v = numbersOf(xs);
  return { f: `MAX(${xs.map((x) => x.f).join(',')})`, v: v.length ? Math.max(...v) : 0 };
};
/** N(x): an empty cell as 0, so MIN and MAX see it. */
export const n = (x: F): F => ({ f: `N(${x.f})`, v: x.blank ? 0 : x.v });

/** Clip to [0, cap], as every metric score is. */
export const clip = (x: F, cap: number): F => min(lit(cap), max(lit(0), x));

export type Cmp = '<' | '<=' | '>' | '>=' | '=' | '<>';
export interface Cond {
  f: string;
  v: boolean;
}
export function cmp(a: F, op: Cmp, b: F): Cond {
  const eq = a.s !== undefined || b.s !== undefined ? a.s === b.s : approxEqual(a.v, b.v);
  const lt = !eq && a.v < b.v;
  const v = { '<': lt, '<=': lt || eq, '>': !lt && !eq, '>=': !lt, '=': eq, '<>': !eq }[op];
  return { f: `${a.f}${op}${b.f}`, v };
}
export const and = (...cs: Cond[]): Cond => ({ f: `AND(${cs.map((c) => c.f).join(',')})`, v: cs.every((c) => c.v) });
export const not = (c: Cond): Cond => ({ f: `NOT(${c.f})`, v: !c.v });
/** ISNUMBER(x): false for an empty cell or text. */
export const isNumber = (x: F): Cond => ({ f: `ISNUMBER(${x.f})`, v: !x.blank && x.s === undefined && !Number.isNaN(x.v) });
/** A text literal ("" included), for IF results and comparisons with text cells. */
export const text = (s: string): F => ({ f: `"${s.replace(/"/g, '""')}"`, v: NaN, s });

/** IF evaluates only the branch taken, like the spreadsheet (an error in the other branch does not matter). */
export function iff(c: Cond, a: F, b: F): F {
  const t = c.v ? a : b;
  return { f: `IF(${c.f},${a.f},${b.f})`, v: t.v, ...(t.s !== undefined ? { s: t.s } : {}) };
}

/** ROUND: half away from zero after cutting to 15 significant digits, as Excel and LibreOffice do. */
export function round(x: F, places: number): F {
  return { f: `ROUND(${x.f},${places})`, v: Number.isNaN(x.v) ? NaN : roundHalfAwayFromZero(x.v, places) };
}

/** SUM over cells in order (sequential addition; LibreOffice's compensated sum differs at most in the last bit). */
export function sum(address: string, values: number[]): F {
  return { f: `SUM(${address})`, v: values.reduce((s, x) => s + x, 0) };
}

/**
 * LOOKUP(x, froms, results): the last `from` ≤ x (approximate compare), #N/A below the first.
 * `froms` must be ascending, as step tiers are.
 */
export function lookup(x: F, fromsRange: string, froms: number[], resultsRange: string, results: (number | string)[]): F {
  let k = -1;
  for (let i = 0; i < froms.length; i++) if (froms[i]! < x.v || approxEqual(froms[i]!, x.v)) k = i;
  const r = k < 0 ? undefined : results[k];
  const f = `LOOKUP(${x.f},${fromsRange},${resultsRange})`;
  if (r === undefined) return { f, v: NaN };
  return typeof r === 'string' ? { f, v: NaN, s: r } : { f, v: r };
}

/** The same number to the last bits a spreadsheet might differ in (order of operations). */
export function sameNumber(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b), 1) * 1e-12;
}

/** The same money to the cent (minor unit). */
export function sameMoney(a: number, b: number, minorUnit: number): boolean {
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 0.5 * 10 ** -minorUnit;
}

/** Strip the outermost parentheses our builder adds, for readability: "(A1/B1)" → "A1/B1". */
export function formulaText(x: F): string {
  let s = x.f;
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1);
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
