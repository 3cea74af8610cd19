// What each cell style's number format makes of a number: a date, a percent, a plain number or text.
// A cell's `s` attribute indexes `cellXfs`; each `xf` names a number format, built in (by id) or custom.

import { startTags } from './xml.js';

export const FMT_NUMBER = 0;
export const FMT_DATE = 1;
export const FMT_PERCENT = 2;
export const FMT_TEXT = 3;
export type FormatKind = typeof FMT_NUMBER | typeof FMT_DATE | typeof FMT_PERCENT | typeof FMT_TEXT;
export const FORMAT_KIND_NAMES = ['number', 'date', 'percent', 'text'] as const;

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
export function formatKind(code: string): FormatKind {
  const section = firstSection(code);
  if (/\[(h+|m+|s+)\]/i.test(section)) return FMT_DATE;
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_.|\*./g, '');
  if (/[ymdhs年月日時时分秒]/i.test(bare.replace(/general/gi, ''))) return FMT_DATE;
  if (bare.includes('%')) return FMT_PERCENT;
  if (bare.trim() === '@') return FMT_TEXT;
  return FMT_NUMBER;
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

/** Format kind by style index (the cell's `s`); an index past the end is a plain number, as Excel shows it. */
export function readStyles(xml: string | undefined): Uint8Array {
  if (xml === undefined) return new Uint8Array(0);
  const custom = new Map<number, FormatKind>();
  const kinds: number[] = [];
  let inCellXfs = false;
  for (const t of startTags(xml, new Set(['numFmt', 'cellXfs', 'cellStyleXfs', 'xf', 'cellStyles', 'dxfs', 'extLst']))) {
    if (t.name === 'numFmt') {
      custom.set(Number(t.attrs.get('numFmtId')), formatKind(t.attrs.get('formatCode') ?? ''));
    } else if (t.name === 'cellXfs') inCellXfs = !t.selfClosing;
    else if (t.name !== 'xf') inCellXfs = false;
    else if (inCellXfs) {
      const id = Number(t.attrs.get('numFmtId') ?? 0);
      kinds.push(custom.get(id) ?? builtInKind(id));
    }
  }
  return Uint8Array.from(kinds);
}
