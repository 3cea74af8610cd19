// One raw value (a CSV field or a workbook cell) read as one column type, with the parsers and in the order
// the RowSink uses for `kpi score` (reading/row-sink.ts: csvRow and xlsxRow): text cleaned as everywhere
// (NFC, invisible characters removed), numbers by the file's number style and currency, period labels as
// their canonical label. What peek shows is what score reads; test/reading/profile-vs-score.test.ts holds the
// two together on real files.

import { cellDate, cellNumber, cellString, notA, periodNumberText, unwrapCell } from '../cells.js';
import { moneyFromNumber, parseDateText, parseMoneyText, parseNumberText, type Note, type NumberStyle } from '../values.js';
import { readPeriodLabel } from '../../core/period.js';
import { cleanText } from '../../core/text.js';
import { problem } from '../../messages/index.js';
import type { CellValue } from '../xlsx/workbook.js';

/** What peek infers. `period` is a text column holding period labels (2026-11, 2026-Q4); the rest are the scheme's types. */
export type ProfileType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'period';

/** A field of a CSV file (text), or a workbook cell; null/undefined is an empty cell. */
export type RawValue = string | CellValue | null | undefined;

export interface ReadSettings {
  /** CSV fields (text) or workbook cells. */
  csv: boolean;
  /** Decimal separator (declared or not) and currency, as in a scheme. */
  style: NumberStyle;
  dateOrder: 'ymd' | 'mdy' | 'dmy';
  date1904: boolean;
  /** Decimal places of money (the currency's minor unit). */
  minorUnit: number;
}

/**
 * The value as score reads it: text (cleaned; null when blank), a number (percent as a fraction), money in
 * integer minor units, a date as a day number, a period as its canonical label; NaN for blank numbers. A bad
 * value sets `note.error`; `note.sep` says what a number showed about the decimal separator.
 */
export function readAs(type: ProfileType, v: RawValue, s: ReadSettings, note: Note): string | number | null {
  if (s.csv) {
    const raw = typeof v === 'string' ? v : '';
    if (raw.includes('\0')) note.error = problem('KPI2116');
    const text = cleanText(raw).text;
    switch (type) {
      case 'text':
        return text === '' ? null : text;
      case 'period':
        return text === '' ? null : periodLabel(text, s, note);
      case 'number':
      case 'percent':
        return parseNumberText(text, s.style, note);
      case 'money':
        return parseMoneyText(text, s.style, s.minorUnit, note);
      default:
        return parseDateText(text, s.dateOrder, note);
    }
  }
  let p = unwrapCell(v, note);
  if (typeof p === 'string') p = cleanText(p).text;
  switch (type) {
    case 'text':
      return cellString(p);
    case 'period': {
      const t = typeof p === 'number' ? periodNumberText(p, note) : cellString(p);
      return t === null ? null : periodLabel(t, s, note);
    }
    case 'number':
    case 'percent':
      return cellNumber(p, s.style, note);
    case 'money':
      return typeof p === 'number'
        ? moneyFromNumber(p, s.minorUnit, note)
        : typeof p === 'string'
          ? parseMoneyText(p, s.style, s.minorUnit, note)
          : notA(p, 'term.money', note);
    default:
      return cellDate(p, s.dateOrder, s.date1904, note);
  }
}

/** As score stores a period column: the canonical label (2026-11, 2026-Q4); a label it cannot read is an error. */
function periodLabel(text: string, s: ReadSettings, note: Note): string | null {
  const r = readPeriodLabel(text, s.dateOrder);
  if ('error' in r) {
    if (note.error === null) note.error = r.error;
    return null;
  }
  return r.label;
}

/** Whether a value counts as blank: score keeps no value for it and reports nothing. */
export function isBlank(v: RawValue): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === 'string' && cleanText(v).text === '';
}
