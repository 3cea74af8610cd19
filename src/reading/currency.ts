// Currency marks written beside an amount ($, ¥, €, USD, 元, …): which currencies each may stand for, so an
// amount in another currency is reported instead of being summed as the scheme's own.

import { problem, type Problem } from '../messages/index.js';

/** What the scheme says its money is: the ISO code and the symbol it prints. */
export interface CurrencyRule {
  code: string;
  symbol: string;
}

/** `$` alone is written by exports in every dollar country: it is accepted for any of these. */
const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'TWD', 'MXN', 'ARS', 'CLP', 'COP'];

/** Marks other than a bare ISO code, and the codes each may mean. `¥` is both yuan and yen. */
const MARKS: Record<string, readonly string[]> = {
  $: DOLLARS,
  '¥': ['CNY', 'JPY'],
  '￥': ['CNY', 'JPY'],
  '€': ['EUR'],
  '£': ['GBP'],
  '₩': ['KRW'],
  '₹': ['INR'],
  '₽': ['RUB'],
  '₺': ['TRY'],
  '₫': ['VND'],
  '฿': ['THB'],
  '₱': ['PHP'],
  '₪': ['ILS'],
  '₦': ['NGN'],
  '₴': ['UAH'],
  US$: ['USD'],
  HK$: ['HKD'],
  NT$: ['TWD'],
  S$: ['SGD'],
  A$: ['AUD'],
  AU$: ['AUD'],
  C$: ['CAD'],
  CA$: ['CAD'],
  NZ$: ['NZD'],
  MX$: ['MXN'],
  R$: ['BRL'],
  'CN¥': ['CNY'],
  'JP¥': ['JPY'],
  RMB: ['CNY'],
  人民币: ['CNY'],
  元: ['CNY'],
  円: ['JPY'],
  美元: ['USD'],
  欧元: ['EUR'],
  日元: ['JPY'],
  港币: ['HKD'],
  港元: ['HKD'],
  英镑: ['GBP'],
};

/** ISO 4217 codes recognised when written beside an amount (a code not listed is just text: "not a number"). */
const CODES = new Set(
  (
    'USD EUR CNY CNH JPY GBP HKD TWD SGD KRW INR AUD CAD NZD CHF SEK NOK DKK PLN CZK HUF RUB TRY BRL MXN ARS CLP COP ' +
    'PEN ZAR THB MYR IDR PHP VND ILS AED SAR QAR KWD BHD OMR EGP NGN KES PKR BDT LKR UAH RON BGN ISK MOP'
  ).split(' '),
);

const SYMBOL_CHARS = '$¥￥€£₩₹₽₺₫฿₱₪₦₴';
const PREFIX = new RegExp(`^(?:[A-Z]{1,3}\\$|[A-Z]{2}¥|[A-Z]{3}|人民币|[${SYMBOL_CHARS}])`);
const SUFFIX = new RegExp(`(?:[A-Z]{3}|人民币|美元|欧元|日元|港币|港元|英镑|[元円${SYMBOL_CHARS}])$`);

/**
 * Every mark a workbook's number format may show (`[$€-407]`, `"¥"#,##0.00`, `#,##0.00 [$USD]`), in a fixed
 * order: a style's mark is kept as its index here (see xlsx/styles.ts).
 */
export const CURRENCY_MARKS: readonly string[] = [...Object.keys(MARKS), ...CODES];

/** The codes a mark may stand for; null when it is not a currency mark. */
function codesOf(mark: string): readonly string[] | null {
  return MARKS[mark] ?? (CODES.has(mark) ? [mark] : null);
}

const NAMES: Record<string, 'term.dollars' | 'term.yuanOrYen'> = { $: 'term.dollars', '¥': 'term.yuanOrYen', '￥': 'term.yuanOrYen' };

/**
 * A currency mark at the start (`prefix`) or end of `t`: its length, and the reason it is not the scheme's
 * currency (null when it is). Returns null when there is no mark.
 */
export function currencyMark(
  t: string,
  rule: CurrencyRule,
  at: 'prefix' | 'suffix',
): { length: number; foreign: ((value: string, formatted?: boolean) => Problem) | null } | null {
  const own = rule.symbol.trim();
  if (own !== '' && (at === 'prefix' ? t.startsWith(own) : t.endsWith(own))) return { length: own.length, foreign: null };
  const m = (at === 'prefix' ? PREFIX : SUFFIX).exec(t);
  if (!m) return null;
  const mark = m[0];
  const codes = codesOf(mark);
  if (codes === null) return null;
  if (codes.includes(rule.code)) return { length: mark.length, foreign: null };
  const named = NAMES[mark];
  const code = rule.code;
  if (named !== undefined) {
    return { length: mark.length, foreign: (value, formatted) => problem(formatted ? 'KPI2153' : 'KPI2115', { value, currencyTerm: named, mark, code }) };
  }
  const currency = codes.length === 1 && codes[0] !== mark ? `${codes[0]} (${mark})` : mark;
  return {
    length: mark.length,
    foreign: (value, formatted) => (formatted ? problem('KPI2152', { value, currency, code, mark }) : problem('KPI2114', { value, currency, code })),
  };
}

/**
 * Why a number cell shown with currency mark `mark` by its number format is not the scheme's money; null when
 * the mark is the scheme's own. The cell holds a plain number, so only the format says it is €500, not $500.
 */
export function foreignFormat(mark: string, rule: CurrencyRule): ((value: string) => Problem) | null {
  const judged = currencyMark(mark, rule, 'prefix') ?? currencyMark(mark, rule, 'suffix');
  if (judged === null || judged.foreign === null) return null;
  const foreign = judged.foreign;
  return (value) => foreign(value, true);
}

/**
 * The currency mark written beside an amount, wherever the sign and brackets are (-$5, ($5), 5元, 1,234.00 USD-),
 * and the codes it may stand for; null when there is none. For reading without a scheme (`kpi peek`), where the
 * file's own marks say what its currency is.
 */
export function currencyIn(text: string): { mark: string; codes: readonly string[] } | null {
  const t = text
    .trim()
    .replace(/^\(|\)$/g, '')
    .trim()
    .replace(/^[-+\u2212]\s*/, '')
    .replace(/\s*[-\u2212]$/, '');
  for (const m of [PREFIX.exec(t), SUFFIX.exec(t)]) {
    const codes = m === null ? null : codesOf(m[0]);
    if (m !== null && codes !== null) return { mark: m[0], codes };
  }
  return null;
}
