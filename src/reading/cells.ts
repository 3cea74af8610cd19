// Cell values from our XLSX reader (reading/xlsx/) → plain values: text, numbers, booleans and dates pass
// through; a cell that cannot be used (an error, a formula without a saved result, a cell inside a merged
// range) arrives as a CellProblem and becomes an error on its row.

import { booleanReason, dayToIso, numberFromCell, parseDateText, parseNumberText, serialToDay, type Note, type NumberStyle } from './values.js';
import { CellProblem } from './xlsx/sheet.js';
import { problem } from '../messages/index.js';

const MS_PER_DAY = 86_400_000;
/** 1950-01-01: the first day a workbook number in a date column is read as (as for serials written as text). */
const FIRST_WORKBOOK_DAY = -7305;

/**
 * A workbook number in a date column as a day. Before 1950 it is a number typed where a date belongs, not a date
 * of sales data: 2026.11 (a month typed with a dot) is serial 2026, 1905-07-18, which would sit silently outside
 * every period.
 */
export function serialDay(serial: number, date1904: boolean, note: Note): number {
  const day = serialToDay(serial, date1904, note);
  if (day < FIRST_WORKBOOK_DAY) {
    note.error = problem('KPI2129', { value: String(serial), date: dayToIso(day) });
    return NaN;
  }
  return day;
}

/**
 * A workbook number in a period column as its label text, or null with the reason. Excel keeps 2026.10 (October
 * typed with a dot) as the number 2026.1, which is also January typed that way: which one it was cannot be told.
 */
export function periodNumberText(n: number, note: Note): string | null {
  const text = String(n);
  if (/^\d{4}\.1$/.test(text)) {
    note.error = problem('KPI2136', { value: text });
    return null;
  }
  return text;
}

export type Plain = string | number | boolean | Date | null;

export function unwrapCell(v: unknown, note: Note): Plain {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    default:
      break;
  }
  if (v instanceof Date) return v;
  if (v instanceof CellProblem) {
    note.error = v.reason;
    return null;
  }
  note.error = problem('KPI2117');
  return null;
}

/** A cell in a string column: numbers as written, dates as ISO (from the UTC fields: Excel's wall clock). */
export function cellString(v: Plain): string | null {
  if (v === null) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const ms = v.getTime();
  const day = Math.floor(ms / MS_PER_DAY);
  return ms === day * MS_PER_DAY ? dayToIso(day) : v.toISOString().slice(0, 19).replace('T', ' ');
}

/** number and percent columns: Excel percent cells already hold the fraction. */
export function cellNumber(v: Plain, style: NumberStyle, note: Note): number {
  if (typeof v === 'number') return numberFromCell(v, note);
  if (typeof v === 'string') return parseNumberText(v, style, note);
  return notA(v, 'term.number', note);
}

/** date columns: a date cell, a serial number whatever its format (Chinese date formats), or text. */
export function cellDate(v: Plain, order: 'ymd' | 'mdy' | 'dmy', date1904: boolean, note: Note): number {
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) {
      note.error = problem('KPI2121', { value: 'Invalid Date' });
      return NaN;
    }
    return Math.floor(ms / MS_PER_DAY); // UTC fields only: never local time
  }
  if (typeof v === 'number') return serialDay(v, date1904, note);
  if (typeof v === 'string') return parseDateText(v, order, note);
  return notA(v, 'term.date', note);
}

/**
 * A value of the wrong kind (a boolean or date where a number is wanted). Blank is not an error. A boolean,
 * plain or a formula's result, gets the same words as the text TRUE/FALSE in a CSV file.
 */
export function notA(v: Plain, what: 'term.number' | 'term.date' | 'term.money', note: Note): number {
  if (v === null) return NaN;
  if (typeof v === 'boolean') {
    note.error = booleanReason(v ? 'TRUE' : 'FALSE', what === 'term.date' ? 'term.date' : 'term.number');
    return NaN;
  }
  note.error =
    v instanceof Date ? problem('KPI2119', { date: cellString(v) ?? '', whatTerm: what }) : problem('KPI2118', { value: shownCell(v), whatTerm: what });
  return NaN;
}

/** A cell as text for an issue's value. */
export function shownCell(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (v instanceof CellProblem) return v.shown;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}
