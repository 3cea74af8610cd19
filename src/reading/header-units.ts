// Amounts whose header names their unit: `金额(万元)`, `销售额（千元）`, `Revenue (000)`, `Amount in thousands`,
// `Bookings $K`, as Chinese and English finance exports write them. Read as written, 1.5 would be 1.5 yuan or dollars,
// and beside targets in yuan everyone shows near 0 % (or far above 100 % the other way round). The scheme says a
// column's unit with `scale:`; a header that names one the scheme did not declare is reported, so such a run is not
// taken for a normal one.

import type { SourceSpec } from '../core/model.js';
import { codedIssue, type DataIssue } from '../core/table.js';
import { type Problem, problem } from '../messages/index.js';

export interface HeaderUnit {
  /** The unit as the header writes it (万元, (000), $K). */
  unit: string;
  factor: number;
}

const CHINESE: Readonly<Record<string, number>> = {
  千: 1e3,
  万: 1e4,
  萬: 1e4,
  十万: 1e5,
  十萬: 1e5,
  百万: 1e6,
  百萬: 1e6,
  千万: 1e7,
  千萬: 1e7,
  亿: 1e8,
  億: 1e8,
};
const ENGLISH: Readonly<Record<string, number>> = {
  k: 1e3,
  '000': 1e3,
  "'000": 1e3,
  '000s': 1e3,
  thousand: 1e3,
  thousands: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  '000,000': 1e6,
  bn: 1e9,
  b: 1e9,
  billion: 1e9,
  billions: 1e9,
};

const CN_UNIT = '(十万|十萬|百万|百萬|千万|千萬|万|萬|千|亿|億)';
const CURRENCY_WORDS = ['usd', 'eur', 'gbp', 'cny', 'rmb', 'jpy', 'hkd', 'twd', 'aud', 'cad', 'sgd', 'chf'];
const CURRENCY = String.raw`(?:[$€£¥￥]|\b(?:${CURRENCY_WORDS.join('|')})\b)`;
const EN_UNIT = "(k|mm|mn|m|bn|b|'?000(?:,000)?|thousands?|millions?|billions?|mio)";

/** Each shape with the group that names the unit. */
const SHAPES: readonly RegExp[] = [
  // 万元, 千元, 百万元, 万美元, 万港元 …: a unit before a currency word.
  new RegExp(`${CN_UNIT}(?:人民币|美元|港元|港币|欧元|日元|元)`),
  // (万), （千）, 单位：万, 单位:万元
  new RegExp(`[(（\\[【]\\s*${CN_UNIT}\\s*[)）\\]】]`),
  new RegExp(`单位\\s*[:：]?\\s*${CN_UNIT}`),
  // (000), ('000), (000s), (k), (mn), (USD 000), (000 USD), (in thousands), (USD millions)
  new RegExp(String.raw`[(\[]\s*(?:in\s+)?(?:${CURRENCY}\s*)?${EN_UNIT}s?(?:\s*${CURRENCY})?\s*[)\]]`, 'i'),
  // $K, $000, USD 000, USD m, K$, k USD
  new RegExp(String.raw`${CURRENCY}\s*${EN_UNIT}\b`, 'i'),
  new RegExp(String.raw`\b${EN_UNIT}\s*(?:[$€£¥￥]|\b(?:usd|eur|gbp|cny|rmb|jpy|hkd)\b)`, 'i'),
  // in thousands, '000, 000s, thousands of dollars
  /\bin\s+(thousands|millions|billions)\b/i,
  /(?:^|[\s_/-])('000|000s)(?=$|[\s_/)-])/i,
  /\b(thousands|millions|billions)\s+of\b/i,
];

/**
 * What every shape needs (one of the Chinese units, a bracket, a currency, 000 or an English unit word): a header
 * holding none of them (after NFKC, lower-cased; the shapes' case-insensitive letters are ASCII) names no unit, and
 * the nine expressions are not run for it. Compiling them on their first run took ~5 ms of every `kpi validate`.
 */
const MARKS = ['万', '萬', '千', '亿', '億', '(', '[', '【', '$', '€', '£', '¥', '￥', '000', 'thousand', 'million', 'billion'];
const mayNameUnit = (h: string): boolean => {
  const lower = h.toLowerCase();
  return MARKS.some((m) => lower.includes(m)) || CURRENCY_WORDS.some((w) => lower.includes(w));
};

/** The unit a header names for its amounts, or null. */
export function headerUnit(header: string): HeaderUnit | null {
  const h = header.normalize('NFKC');
  return mayNameUnit(h) ? unitByShapes(h) : null;
}

/** Tests only: the unit by the shapes alone, without the check for their marks (a header already in NFKC). */
export function unitByShapes(h: string): HeaderUnit | null {
  for (const re of SHAPES) {
    const m = re.exec(h);
    if (m === null) continue;
    const word = m[1] ?? '';
    const factor = CHINESE[word] ?? ENGLISH[word.toLowerCase()];
    if (factor !== undefined) return { unit: m[0].trim(), factor };
  }
  return null;
}

const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * The money and number columns of `spec` whose header names a unit the scheme did not declare (KPI2166) or declared
 * otherwise (KPI2167): one warning each, at the header row. `scale: 1` says the values are meant as written.
 */
export function headerUnitIssues(spec: SourceSpec, headerRow: number): DataIssue[] {
  const out: DataIssue[] = [];
  for (const c of spec.columns) {
    if (c.type !== 'money' && c.type !== 'number') continue;
    if (c.scale === 1) continue;
    const u = headerUnit(c.header);
    if (u === null || u.factor === c.scale) continue;
    const said = { header: c.header, unit: u.unit, factor: grouped(u.factor), example: grouped(1.5 * u.factor) };
    const p = c.scale === undefined ? problem('KPI2166', said) : problem('KPI2167', { ...said, scale: grouped(c.scale) });
    out.push(
      codedIssue(p, { file: spec.fileAsWritten, source: spec.name, row: headerRow, column: c.header, value: c.header, severity: 'warning', action: 'kept' }),
    );
  }
  return out;
}

/**
 * A value of a column in 万元 (scale: 10000) rounded to the currency's minor unit (KPI2112 says it at the column's
 * places: 1.234568) as the currency's amount, the one the figures hold: "1.2345678" × 10,000 rounded to 12345.68.
 */
export function roundedInCurrency(p: Problem, factor: number, minor: number): Problem {
  const rounded = String(p.params.rounded);
  const point = rounded.indexOf('.');
  const digits = rounded.slice(0, point) + rounded.slice(point + 1);
  const at = point + Math.round(Math.log10(factor)); // the column's places are the currency's and these
  const whole = digits.slice(0, at).replace(/^(-?)0+(?=\d)/, '$1');
  return problem('KPI2168', { value: String(p.params.value), factor: grouped(factor), minor, rounded: minor > 0 ? `${whole}.${digits.slice(at)}` : whole });
}
