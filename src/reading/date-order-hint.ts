// A US export (11/13/2026, month first) read with date_order: dmy: 11/02/2026 is read as 11 February, and only the
// dates that cannot be day/month (11/13/2026) are reported (KPI2127), with no word on why. When each of those reads as
// a date the other way and so does every date the column kept, the file is written in the other order: the
// problems say so (KPI2120), so the user sets date_order instead of correcting rows one by one. The same for mdy.

import type { SourceSpec } from '../core/model.js';
import type { DataIssue, Table } from '../core/table.js';
import { problem } from '../messages/index.js';
import { newNote, parseDateText } from './values.js';

const MS_PER_DAY = 86_400_000;

/** After the last row: the KPI2127 issues of a date column written in the other order, said as KPI2120 instead. */
export function dateOrderHints(spec: SourceSpec, issues: DataIssue[], table: Table): void {
  const order = spec.dateOrder;
  if (order !== 'dmy' && order !== 'mdy') return;
  const other = order === 'dmy' ? 'mdy' : 'dmy';
  for (const c of spec.columns) {
    if (c.type !== 'date') continue;
    const bad = issues.filter((i) => i.code === 'KPI2127' && i.column === c.header);
    if (bad.length === 0 || !bad.every((i) => readsAs(String(i.params?.value ?? ''), other)) || !keptFit(table, c.name)) continue;
    for (const i of bad) {
      const value = String(i.params?.value ?? '');
      const was = problem('KPI2127', { value, orderTerm: `term.${order}` }).text;
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
  }
}

function readsAs(text: string, order: 'mdy' | 'dmy'): boolean {
  const note = newNote();
  return !Number.isNaN(parseDateText(text, order, note)) && note.error === null;
}

/** Every date the column kept has a day of month up to 12: read the other way, it is a date too. */
function keptFit(table: Table, name: string): boolean {
  const col = table.columns.get(name);
  if (col === undefined || col.type !== 'date') return false;
  for (const v of col.values) if (!Number.isNaN(v) && new Date(v * MS_PER_DAY).getUTCDate() > 12) return false;
  return true;
}
