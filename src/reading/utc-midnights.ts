// Dates exported as UTC timestamps of a local midnight (red team): a system east of Greenwich that keeps 1 November
// as midnight in Beijing writes it 2026-10-31T16:00:00.000Z (JavaScript's toISOString, MongoDB and many web exports).
// kpi takes the date as written (README: dates with a time), so every row is read a day early and the rows of a
// month's first day count in the month before, with no word. Which it is shows in the column: every time in it is
// the same UTC time, a whole or half hour from 11:00 to 23:59 (midnight from UTC+1 to UTC+13; two such times an
// hour apart where the zone keeps summer time). Said once per column, with the first row and the count (KPI2148,
// rows kept as written, NOT FINAL). A time west of Greenwich (05:00Z for New York) is the local date already.
// Workbook date cells alike, by the time of day their number holds (KPI2149): a script's Date written by exceljs or
// SheetJS is saved as its UTC time, and a date format hides it (2026-10-31 shown, 16:00 held, 1 November meant).

import type { SourceSpec } from '../core/model.js';
import { codedIssue, type DataIssue } from '../core/table.js';
import { problem } from '../messages/index.js';
import { dayToIso } from './values.js';

/** What one column's timestamps showed (moved between threads by the parallel read). */
export interface MidnightsSeen {
  /** Rows whose value is a UTC time that may be a local midnight; the first of them. */
  count: number;
  row: number;
  raw: string;
  /** The distinct times seen (hh:mm), at most two. */
  times: string[];
  /** A value with a time that is not such a UTC time: the column holds real times (or several kinds). */
  other: boolean;
  /** The first was a workbook date cell (its number's time of day), not a text. */
  serial: boolean;
}

const UTC_TIME = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:Z|[+-]00:?00|UTC|GMT)$/i;

export class UtcMidnights {
  /** By column index; undefined until a value with a time was seen there. */
  seen: (MidnightsSeen | undefined)[] = [];

  /** A date text of column `col`, row `row`, longer than a date alone. */
  see(col: number, text: string, row: number): void {
    const s = this.column(col);
    if (s.other) return;
    const m = UTC_TIME.exec(text);
    if (m === null || Number(m[3] ?? 0) !== 0 || /[1-9]/.test(m[4] ?? '')) s.other = true;
    else this.time(s, Number(m[1]), Number(m[2]), text, row);
  }

  /**
   * A workbook date cell of column `col` whose number has a time of day (`serial` is not whole; `day` is its date).
   * A script's local midnight written by exceljs or SheetJS from a JavaScript Date is saved as its UTC time: 1
   * November in Beijing is the serial of 31 October 16:00, shown as 2026-10-31 under a date format.
   */
  seeSerial(col: number, serial: number, day: number, row: number): void {
    const s = this.column(col);
    if (s.other) return;
    const minutes = (serial - Math.floor(serial)) * 1440;
    const whole = Math.round(minutes);
    if (Math.abs(minutes - whole) > 1e-4)
      s.other = true; // seconds: a real time
    else this.time(s, Math.floor(whole / 60), whole % 60, `${dayToIso(day)} ${hhmm(whole)}`, row, true);
  }

  private column(col: number): MidnightsSeen {
    let s = this.seen[col];
    if (s === undefined) {
      s = { count: 0, row: 0, raw: '', times: [], other: false, serial: false };
      this.seen[col] = s;
    }
    return s;
  }

  /** A time h:min of a value: one more that may be a local midnight written in UTC, or a sign of real times. */
  private time(s: MidnightsSeen, h: number, min: number, raw: string, row: number, serial = false): void {
    if (h < 11 || h > 23 || (min !== 0 && min !== 30 && min !== 45)) {
      s.other = true;
      return;
    }
    const time = hhmm(h * 60 + min);
    if (!s.times.includes(time)) s.times.push(time);
    if (notOneZone(s.times)) s.other = true;
    if (s.count++ === 0) {
      s.row = row;
      s.raw = raw;
      s.serial = serial;
    }
  }

  /** Parallel read: what a worker saw in the rows after this thread's, its rows moved on by `rowOffset`. */
  merge(part: readonly (MidnightsSeen | undefined)[], rowOffset: number): void {
    part.forEach((p, col) => {
      if (p === undefined || p === null) return;
      const s = this.seen[col];
      if (s === undefined) {
        this.seen[col] = { ...p, times: [...p.times], row: p.row + rowOffset };
        return;
      }
      if (s.count === 0 && p.count > 0) {
        s.row = p.row + rowOffset;
        s.raw = p.raw;
        s.serial = p.serial;
      }
      s.count += p.count;
      s.other ||= p.other;
      for (const t of p.times) if (!s.times.includes(t)) s.times.push(t);
      if (notOneZone(s.times)) s.other = true;
    });
  }

  /** After the last row: one warning per column whose every time is a local midnight written in UTC. */
  issues(spec: SourceSpec): DataIssue[] {
    const out: DataIssue[] = [];
    this.seen.forEach((s, col) => {
      if (s === undefined || s.other || s.count < 2) return;
      const first = s.times[0]!;
      const east = 24 * 60 - minutes(first);
      const offset = `+${String(Math.floor(east / 60)).padStart(2, '0')}:${String(east % 60).padStart(2, '0')}`;
      const column = spec.columns[col]?.header ?? '';
      const p = problem(s.serial ? 'KPI2149' : 'KPI2148', { value: s.raw, time: first, offset, count: s.count });
      out.push(codedIssue(p, { file: spec.fileAsWritten, source: spec.name, row: s.row, column, value: s.raw, severity: 'warning', action: 'kept' }));
    });
    return out;
  }
}

/** Times (hh:mm) that are not one zone's midnight: more than two, or two that are not an hour apart (summer time). */
function notOneZone(times: readonly string[]): boolean {
  return times.length > 2 || (times.length === 2 && Math.abs(minutes(times[0]!) - minutes(times[1]!)) !== 60);
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
