// Excel's dates as Dates whose UTC fields are Excel's wall clock (read them with getUTC* only: no time zone
// can move a date). Serial numbers count days from 1900-01-00 (with Lotus's 1900-02-29 that never was) or,
// in the 1904 date system, from 1904-01-01.

import { newNote, serialToDay } from '../values.js';

const MS_PER_DAY = 86_400_000;
/** serialToDay's note, reused: why a serial is not a date does not matter here (the number is kept). */
const scratch = newNote();

/** A date-formatted number as a Date; null when Excel would not show it as a date (negative, too large, 1900-02-29). */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  const day = serialToDay(serial, date1904, scratch);
  if (Number.isNaN(day)) return null;
  const whole = Math.floor(serial);
  return new Date(day * MS_PER_DAY + Math.round((serial - whole) * MS_PER_DAY));
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * A `t="d"` cell: ISO 8601 text. The wall clock as written (a zone suffix is not applied: Excel has no zones).
 * Null when it is not a real date.
 */
export function isoToDate(text: string): Date | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x))) as number[];
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || s! > 59) return null;
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms);
  const date = new Date(t);
  if (date.getUTCDate() !== d || date.getUTCFullYear() !== y) return null; // 2026-02-30
  return date;
}
