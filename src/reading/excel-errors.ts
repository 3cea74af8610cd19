// Error values of a spreadsheet saved as text. A CSV saved from a sheet whose lookup failed holds `#N/A` (Excel,
// WPS) or `Err:502` (LibreOffice) where the value should be: in a number or date column it is not a number or a date
// and its row is reported, but in a text column it reads as any text, so a stage of `#N/A` silently drops a won
// deal from a filtered sum and `#REF!` counts as one more distinct customer. (In a workbook such a cell is an error
// cell, reported as KPI2401/2402.) Found after the read, on the text columns the scheme uses; reported once per
// column (first row and how many rows), the rows kept. (A program's word for no value, `NULL`, changes a figure only
// in a distinct count: core/metrics.ts says it there, KPI2182.)

import type { SourceSpec } from '../core/model.js';
import type { Column, DataIssue, Table } from '../core/table.js';
import { textColumnWarnings, type ColumnFinding } from './mangled-ids.js';

/** Excel's and WPS's error values (the same in every language), Google Sheets' #ERROR!, LibreOffice's Err:nnn. */
const ERROR_VALUE =
  /^(?:#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|ERROR!)|Err:\d{3})$/i;

const isErrorValue = (v: string | null | undefined): boolean =>
  v != null && v.length <= 14 && (v[0] === '#' || v[0] === 'E' || v[0] === 'e') && ERROR_VALUE.test(v);

/**
 * One data issue per text column of `table` holding a spreadsheet's error value. The rep column is left out: a rep
 * id of `#N/A` is not in the roster, and its rows are reported and not counted already (KPI2201).
 */
export function excelErrors(table: Table, spec: SourceSpec): DataIssue[] {
  return textColumnWarnings(table, spec, (c) => c.name === spec.period || c.name === spec.rep, scan);
}

/** The column's first error value and how many rows hold one. */
function scan(col: Column & { type: 'string' }): ColumnFinding | null {
  let first = -1;
  let count = 0;
  let value = '';
  const see = (v: string, i: number): void => {
    if (first < 0) {
      first = i;
      value = v;
    }
    count++;
  };
  if (col.coded) {
    // Decided once per distinct value, then counted per row.
    const { codes, dict } = col.coded;
    const errors = dict.map(isErrorValue);
    if (!errors.includes(true)) return null;
    for (let i = 0; i < codes.length; i++) if (errors[codes[i] as number]) see(dict[codes[i] as number] as string, i);
  } else {
    const values = col.values;
    for (let i = 0; i < values.length; i++) if (isErrorValue(values[i])) see(values[i] as string, i);
  }
  return count > 0 ? { code: 'KPI2181', value, first, count } : null;
}
