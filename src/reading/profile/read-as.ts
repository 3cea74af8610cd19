// One raw value (a CSV field or a workbook cell) read as one column type, with the parsers and in the order
// the RowSink uses for `kpi score` (reading/row-sink.ts: csvRow and xlsxRow): what peek shows is what score
// reads. The test in test/reading/profile-vs-score.test.ts holds the two together on real files.

import { cellDate, cellNumber, cellString, notA, unwrapCell } from '../cells.js';
import { moneyFromNumber, parseDateText, parseMoneyText, parseNumberText, type Note } from '../values.js';
import { normaliseLabel } from '../../core/period.js';
import type { CellValue } from '../xlsx/workbook.js';

/** What peek infers. `period` is a text column holding period labels (2026-11, 2026-Q4); the rest are the scheme's types. */
export type ProfileType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'period';

/** A field of a CSV file (text), or a workbook cell; null/undefined is an empty cell. */
export type RawValue = string | CellValue | null | undefined;

export interface ReadSettings {
  /** CSV fields (text) or workbook cells. */
  csv: boolean;
  decimal: '.' | ',';
  dateOrder: 'ymd' | 'mdy' | 'dmy';
  date1904: boolean;
  /** Decimal places of money (the currency's minor unit). */
  minorUnit: number;
}

/**
 * The value as score reads it: text (trimmed; null when blank), a number (percent as a fraction), money in
 * integer minor units, a date as a day number; NaN for blank numbers. A bad value sets `note.error`.
 */
export function readAs(type: ProfileType, v: RawValue, s: ReadSettings, note: Note): string | number | null {
  if (s.csv) {
    const raw = typeof v === 'string' ? v : '';
    if (raw.includes('\0')) note.error = 'contains a NUL character (byte 0): the file may be damaged';
    switch (type) {
      case 'text':
      case 'period': {
        const t = raw.trim();
        if (t === '') return null;
        if (type === 'period') periodCheck(t, note);
        return t;
      }
      case 'number':
      case 'percent':
        return parseNumberText(raw, s.decimal, note);
      case 'money':
        return parseMoneyText(raw, s.decimal, s.minorUnit, note);
      default:
        return parseDateText(raw, s.dateOrder, note);
    }
  }
  const p = unwrapCell(v, note);
  switch (type) {
    case 'text':
    case 'period': {
      const t = cellString(p);
      if (type === 'period' && t !== null) periodCheck(t, note);
      return t;
    }
    case 'number':
    case 'percent':
      return cellNumber(p, s.decimal, note);
    case 'money':
      return typeof p === 'number'
        ? moneyFromNumber(p, s.minorUnit, note)
        : typeof p === 'string'
          ? parseMoneyText(p, s.decimal, s.minorUnit, note)
          : notA(p, 'an amount of money', note);
    default:
      return cellDate(p, s.dateOrder, s.date1904, note);
  }
}

/** A period label kpi cannot read puts its row in no period: peek reports it as unreadable. */
function periodCheck(t: string, note: Note): void {
  if (note.error === null && normaliseLabel(t) === null) note.error = periodError(t);
}

export function periodError(t: string): string {
  return `"${t}" is not a period label (2026-11, 2026/11, 202611, 2026-Q4): its row falls in no period`;
}

/** Whether a value counts as blank: score keeps no value for it and reports nothing. */
export function isBlank(v: RawValue): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === 'string' && v.trim() === '';
}
