// Numbers as Chinese users write them: full-width digits and signs (１２３．５、８０％、￥), and amounts in 万 (10,000)
// or 亿 (100,000,000): "10万", "1.5万", "¥3.2亿元". Read exactly: the decimal point is moved in the text, never by a
// floating-point multiplication. Forms that could be read two ways ("1万2千", "十万", "10万%") are refused with a
// reason, never guessed. Pure string functions, used by the scheme (always) and by data columns that declare
// `chinese_numbers: true`.
import { problem, type ProblemCode, type ProblemParams } from '../messages/index.js';

/** Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space → their ASCII; ￥ (U+FFE5) → ¥. */
export function halfWidth(s: string): string {
  // Fast exit for the usual text: nothing in the full-width block.
  if (!/[\uFF01-\uFF5E\u3000\uFFE5]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c === 0xffe5) out += '¥';
    else out += ch;
  }
  return out;
}

const UNITS: Readonly<Record<string, number>> = { 万: 4, 萬: 4, 亿: 8, 億: 8 };
/** sign, currency prefix, digits (groups of three with commas, or plain), decimals, unit, an optional 元. */
const WAN = /^([+-]?)\s*([^\d\s+\-.,]*)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([万萬亿億])\s*元?$/u;
const CHINESE_NUMERALS = /[〇零一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/u;

export type WanResult = { text: string } | { error: string; problem: { code: ProblemCode; params: ProblemParams; text: string } } | null;

/**
 * "1.5万" → { text: "15000" }, "¥3.2亿元" → { text: "¥320000000" }; null when the text has no 万 or 亿 (read it
 * as usual); an error for a form that is not one number times one unit.
 */
export function expandWan(text: string): WanResult {
  const t = halfWidth(text).trim();
  if (!/[万萬亿億]/u.test(t)) return null;
  const m = WAN.exec(t);
  if (!m) {
    const p =
      /\d/.test(t) && /[万萬亿億].*[\d万萬亿億千百]/u.test(t)
        ? problem('KPI1101', { text })
        : CHINESE_NUMERALS.test(t)
          ? problem('KPI1102', { text })
          : problem('KPI1103', { text });
    return { error: p.text, problem: p };
  }
  const [, sign = '', prefix = '', whole = '', decimals = '', unit = '万'] = m;
  const shift = UNITS[unit]!;
  const digits = whole.replace(/,/g, '') + decimals;
  const point = whole.replace(/,/g, '').length + shift;
  const padded = digits.padEnd(point, '0');
  const intPart = padded.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(point).replace(/0+$/, '');
  return { text: `${sign}${prefix}${intPart}${frac ? `.${frac}` : ''}` };
}

const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PERCENT = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/;

/** A number written in a scheme: 0.8, "80%", "８０％", "10万", "1,500". Percentages become fractions. */
export function schemeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = halfWidth(v).trim();
  const p = PERCENT.exec(t);
  if (p) return Number(p[1]) / 100;
  const w = expandWan(t);
  if (w !== null) return 'text' in w && PLAIN_NUMBER.test(w.text) ? Number(w.text) : undefined;
  return t !== v.trim() && PLAIN_NUMBER.test(t) ? Number(t.replace(/,/g, '')) : undefined;
}

/** An amount written in a scheme: 30000, "3万", "３００００" (a percentage is not an amount). */
export function schemeAmount(v: unknown): number | undefined {
  return isPercentWritten(v) ? undefined : schemeNumber(v);
}

/** Whether a scheme value is written as a percentage ("80%", "８０％"). */
export function isPercentWritten(v: unknown): boolean {
  return typeof v === 'string' && PERCENT.test(halfWidth(v));
}

/** Why a scheme text is not a number, for the diagnostic; undefined when it is one. */
export function schemeNumberProblem(v: string): string | undefined {
  return chineseNumberProblem(v)?.text;
}

/** The coded problem of a text with 万 or 亿 that is not one number times one unit; undefined otherwise. */
export function chineseNumberProblem(v: string): { code: ProblemCode; params: ProblemParams; text: string } | undefined {
  if (schemeNumber(v) !== undefined) return undefined;
  const w = expandWan(v);
  return w && 'problem' in w ? w.problem : undefined;
}
