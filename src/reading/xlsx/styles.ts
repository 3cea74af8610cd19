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
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\') i++;
    else if (c === ';' && !inQuote) return code.slice(0, i);
  }
  return code;
}

/**
 * Format kind by style index (the cell's `s`); an index past the end is a plain number, as Excel shows it.
 * A number shown with a currency mark is FMT_MARKED + the mark's index (built-in currency formats 5–8 and
 * 41–44 show the reader's own locale's symbol, so they say nothing and stay plain numbers).
 */
export function readStyles(xml: string | undefined): Uint8Array {
  if (xml === undefined) return new Uint8Array(0);
  const custom = new Map<number, number>();
  const kinds: number[] = [];
  let inCellXfs = false;
  for (const t of startTags(xml, new Set(['numFmt', 'cellXfs', 'cellStyleXfs', 'xf', 'cellStyles', 'dxfs', 'extLst']))) {
    if (t.name === 'numFmt') {
      const code = t.attrs.get('formatCode') ?? '';
      const kind = formatKind(code);
      const mark = kind === FMT_NUMBER ? currencyOfFormat(code) : null;
      // About a hundred marks: FMT_MARKED + index stays within a byte.
      custom.set(Number(t.attrs.get('numFmtId')), mark === null ? kind : FMT_MARKED + CURRENCY_MARKS.indexOf(mark));
    } else if (t.name === 'cellXfs') inCellXfs = !t.selfClosing;
    else if (t.name !== 'xf') inCellXfs = false;
    else if (inCellXfs) {
      const id = Number(t.attrs.get('numFmtId') ?? 0);
      kinds.push(custom.get(id) ?? builtInKind(id));
    }
  }
  return Uint8Array.from(kinds);
}
