// A US export (11/13/2026, month first) read with date_order: dmy: 11/02/2026 is read as 11 February, and only the
// dates that cannot be day/month (11/13/2026) are reported (KPI2127), with no word on why. When each of those reads as
// a date the other way and no value of the column written in that form reads only this way (13/11/2026 under
// dmy), the file is written in the other order: the problems say so (KPI2120), so the user sets date_order instead
// of correcting rows one by one. The same for mdy, and for a period column (11/13/2026 as a month label: no month
// 13). ISO dates and workbook date cells beside them read the same in either order, so they tell nothing.

import type { SourceSpec } from '../core/model.js';
import type { DataIssue } from '../core/table.js';
import { readPeriodLabel } from '../core/period.js';
import { problem } from '../messages/index.js';
import { newNote, parseDateText } from './values.js';

/** Day, month and year as the source's date_order reads them: 13/11/2026, 11-13-2026, 1.11.2026 14:30. */
const YEAR_LAST = /^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{4}/;

/**
 * The columns holding a value written day first or month first that reads only in the source's date_order
 * (13/11/2026 under dmy): the file is written in that order. Kept per column while reading (moved between
 * threads by the parallel read as `seen`).
 */
export class OrderProof {
  readonly seen: number[] = [];
  /** Which of the two numbers is the day: 1 under dmy, 2 under mdy, 0 when nothing needs proof. */
  private readonly day: number;

  constructor(order: SourceSpec['dateOrder']) {
    this.day = order === 'dmy' ? 1 : order === 'mdy' ? 2 : 0;
  }

  /** A value of column `col` that was read as a date (or a period label) in the source's order. */
  see(col: number, text: string): void {
    if (this.day === 0 || this.seen.includes(col)) return;
    const m = YEAR_LAST.exec(/[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text);
    if (m !== null && Number(m[this.day]) > 12) this.seen.push(col);
  }

  merge(seen: readonly number[]): void {
    for (const c of seen) if (!this.seen.includes(c)) this.seen.push(c);
  }
}

/**
 * After the last row: the issues of a date or period column written in the other order (KPI2127; a period label's
 * KPI2133 "no month 13" or KPI2121 "no such day"), said as KPI2120 instead.
 */
export function dateOrderHints(spec: SourceSpec, issues: DataIssue[], proof: OrderProof): void {
  const order = spec.dateOrder;
  if (order !== 'dmy' && order !== 'mdy') return;
  const other = order === 'dmy' ? 'mdy' : 'dmy';
  spec.columns.forEach((c, k) => {
    const label = spec.date === undefined && c.name === spec.period;
    if ((c.type !== 'date' && !label) || proof.seen.includes(k)) return;
    const written = (i: DataIssue) => String(i.params?.value ?? '');
    const bad = issues.filter(
      (i) =>
        i.column === c.header &&
        (label ? (i.code === 'KPI2133' || i.code === 'KPI2121') && YEAR_LAST.test(written(i).normalize('NFKC')) : i.code === 'KPI2127'),
    );
    if (bad.length === 0 || !bad.every((i) => (label ? labelReadsAs(written(i), other) : readsAs(written(i), other)))) return;
    for (const i of bad) {
      const value = written(i);
      const was = label ? labelProblemText(value, order) : problem('KPI2127', { value, orderTerm: `term.${order}` }).text;
      const p = problem('KPI2120', {
        value,
        orderTerm: `term.${order}`,
        otherTerm: `term.${other}`,
        order,
        other,
        count: bad.length,
      });
      // A row that spans several lines keeps its line after the message.
      Object.assign(i, { reason: p.text + (i.reason.startsWith(was) ? i.reason.slice(was.length) : ''), code: p.code, params: p.params });
    }
  });
}

function readsAs(text: string, order: 'mdy' | 'dmy'): boolean {
  const note = newNote();
  return !Number.isNaN(parseDateText(text, order, note)) && note.error === null;
}

function labelReadsAs(text: string, order: 'mdy' | 'dmy'): boolean {
  return !('error' in readPeriodLabel(text, order));
}

/** The label's own problem as the reader said it, to keep what followed it. */
function labelProblemText(text: string, order: 'mdy' | 'dmy'): string {
  const r = readPeriodLabel(text, order);
  return 'error' in r ? r.error.text : '';
}
