// What each cell style's number format makes of a number: a date, a percent, a plain number or text.
// A cell's `s` attribute indexes `cellXfs`; each `xf` names a number format, built in (by id) or custom.

import { CURRENCY_MARKS } from '../currency.js';
import { startTags } from './xml.js';

export const FMT_NUMBER = 0;
export const FMT_DATE = 1;
export const FMT_PERCENT = 2;
export const FMT_TEXT = 3;
export type FormatKind = typeof FMT_NUMBER | typeof FMT_DATE | typeof FMT_PERCENT | typeof FMT_TEXT;
export const FORMAT_KIND_NAMES = ['number', 'date', 'percent', 'text'] as const;
/**
 * A plain number whose format shows a currency mark (`[$€-407]#,##0.00`, `"¥"#,##0`): FMT_MARKED + the mark's
 * index in CURRENCY_MARKS. Everywhere but money columns it is a plain number (it is not a date, percent or text).
 */
export const FMT_MARKED = 4;

/**
 * A plain number whose format shows it divided (`0!.0000"万"` shows 123456 as 12.3456万, `#,##0,"K"` as 123K):
 * FMT_UNIT + its index in Styles.units. Past every FMT_MARKED kind, so a reader that only tells marked formats from
 * the others takes it for one.
 */
export const FMT_UNIT = 0x100;

/** A number format that shows the number divided by `factor` (see FMT_UNIT), and the kind it has besides. */
export interface UnitFormat {
  code: string;
  factor: number;
  kind: number;
}

/** Per style index (a cell's `s`), the kind of its number format; the formats that show numbers divided. */
export interface Styles {
  kinds: Uint16Array;
  units: readonly UnitFormat[];
}

/** The currency mark a format kind carries (see FMT_MARKED); null for every other kind. */
export function markOfKind(kind: number): string | null {
  return kind >= FMT_MARKED ? (CURRENCY_MARKS[kind - FMT_MARKED] ?? null) : null;
}

/**
 * Built-in ids that are dates or times: 14–22 everywhere, 27–36 and 50–58 in East Asian locales (Chinese
 * `yyyy"年"m"月"d"日"`, Japanese eras, Korean), 45–47 minutes and seconds.
 */
function builtInKind(id: number): FormatKind {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return FMT_DATE;
  if (id === 9 || id === 10) return FMT_PERCENT;
  if (id === 49) return FMT_TEXT;
  return FMT_NUMBER;
}

/**
 * A custom format code's kind, from its first section: quoted literals, `\x` escapes and `[...]` blocks
 * (colours, conditions, locales such as `[$-804]`, `[DBNum1]`) are set aside; what remains is a date if it
 * has a date or time letter (y m d h s) or 年 月 日 時 分 秒. `[h]`, `[mm]`, `[ss]` are elapsed time: dates too.
 */
function formatKind(code: string): FormatKind {
  const section = firstSection(code);
  if (/\[(h+|m+|s+)\]/i.test(section)) return FMT_DATE;
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/[ymdhs年月日時时分秒]/i.test(bare.replace(/general/gi, ''))) return FMT_DATE;
  if (bare.includes('%')) return FMT_PERCENT;
  if (bare.trim() === '@') return FMT_TEXT;
  return FMT_NUMBER;
}

/**
 * The currency mark the first section of a format code shows: a locale block `[$€-407]` / `[$USD]`, a quoted
 * literal `"¥"`, an escaped `\€` or a bare symbol `$`, `€`, `£`, `¥`. Padding (`_€`: a space as wide as €) and
 * fill (`*€`) show no mark. Null when there is none or it is not a currency mark kpi knows.
 */
function currencyOfFormat(code: string): string | null {
  const section = firstSection(code);
  const found: string[] = [];
  for (const m of section.matchAll(/\[\$([^\]-]*)[^\]]*\]|"([^"]*)"|\\(.)|_.|\*.|([$¥￥€£₩₹₽₺₫฿₱₪₦₴元円])/gu)) {
    const mark = (m[1] ?? m[2] ?? m[3] ?? m[4])?.trim();
    if (mark) found.push(mark);
  }
  return found.find((m) => CURRENCY_MARKS.includes(m)) ?? null;
}

function firstSection(code: string): string {
  return sections(code)[0] as string;
}

/** A format code's sections (positive; negative; zero; text), split at the semicolons outside quotes. */
function sections(code: string): string[] {
  const out: string[] = [];
  let from = 0;
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\') i++;
    else if (c === ';' && !inQuote) {
      out.push(code.slice(from, i));
      from = i + 1;
    }
  }
  out.push(code.slice(from));
  return out;
}

const isDigitPlaceholder = (c: string | undefined): boolean => c === '0' || c === '#' || c === '?';

/**
 * What a number format divides a number by to show it: 1000 per comma after the last digit placeholder (`#,##0,`,
 * `0.0,,"M"`), and 10 per digit after a literal point among the digits (`0!.0000` and `0\.0000` show 123456 as
 * 12.3456: the Chinese way to show 万). The first section that divides says it; 1 when none does.
 */
export function formatDivisor(code: string): number {
  for (const section of sections(code)) {
    const d = sectionDivisor(section);
    if (d > 1) return d;
  }
  return 1;
}

function sectionDivisor(s: string): number {
  let commas = 0; // commas that scale
  let pending = 0; // commas right after a digit placeholder: grouping if another digit follows, scaling if not
  let afterDigit = false;
  let point = false; // a real decimal point seen
  let literalDigits = -1; // digits after a literal point (-1: none yet)
  let counting = false; // still in the digits right after the literal point
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (isDigitPlaceholder(c)) {
      pending = 0;
      afterDigit = true;
      if (counting) literalDigits++;
      continue;
    }
    if (c === ',' && afterDigit) {
      pending++;
      continue;
    }
    if ((c === 'E' || c === 'e') && (s[i + 1] === '+' || s[i + 1] === '-')) return 1; // scientific
    let literal = '';
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      literal = s.slice(i + 1, end === -1 ? s.length : end);
      i = end === -1 ? s.length : end;
    } else if (c === '\\' || c === '!') literal = s[++i] ?? '';
    else if (c === '[') i = s.indexOf(']', i) === -1 ? s.length : s.indexOf(']', i);
    else if (c === '_' || c === '*') i++;
    else if (c === '.') point = true;
    if (literal === '.' && afterDigit && !point && literalDigits === -1) {
      literalDigits = 0;
      counting = true;
    } else counting = false;
    commas += pending;
    pending = 0;
    afterDigit = false;
  }
  commas += pending;
  return 1000 ** commas * 10 ** Math.max(0, literalDigits);
}

/**
 * Format kind by style index (the cell's `s`); an index past the end is a plain number, as Excel shows it.
 * A number shown with a currency mark is FMT_MARKED + the mark's index (built-in currency formats 5–8 and
 * 41–44 show the reader's own locale's symbol, so they say nothing and stay plain numbers).
 */
export function readStyles(xml: string | undefined): Styles {
  const units: UnitFormat[] = [];
  if (xml === undefined) return { kinds: new Uint16Array(0), units };
  const custom = new Map<number, number>();
  const kinds: number[] = [];
  let inCellXfs = false;
  for (const t of startTags(xml, new Set(['numFmt', 'cellXfs', 'cellStyleXfs', 'xf', 'cellStyles', 'dxfs', 'extLst']))) {
    if (t.name === 'numFmt') {
      const code = t.attrs.get('formatCode') ?? '';
      const kind = formatKind(code);
      const mark = kind === FMT_NUMBER ? currencyOfFormat(code) : null;
      const marked = mark === null ? kind : FMT_MARKED + CURRENCY_MARKS.indexOf(mark);
      const factor = kind === FMT_NUMBER ? formatDivisor(code) : 1;
      custom.set(Number(t.attrs.get('numFmtId')), factor > 1 ? FMT_UNIT + units.push({ code, factor, kind: marked }) - 1 : marked);
    } else if (t.name === 'cellXfs') inCellXfs = !t.selfClosing;
    else if (t.name !== 'xf') inCellXfs = false;
    else if (inCellXfs) {
      const id = Number(t.attrs.get('numFmtId') ?? 0);
      kinds.push(custom.get(id) ?? builtInKind(id));
    }
  }
  return { kinds: Uint16Array.from(kinds), units };
}
