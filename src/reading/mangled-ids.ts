// Ids that Excel has already cut short. A customer, order or invoice number of 12 or more digits opened in Excel
// becomes a number: a CSV saved from it holds `1.23457E+11`, and a workbook keeps at most 15 digits
// (`6222021234567890123` → 6222021234567890000). Different ids then read the same, so a distinct count
// undercounts and two orders or invoices become one, without a word. Such a text can be found after the read, on
// the text columns the scheme uses; it is reported once per column (first row and how many rows), the rows kept.

import type { ColumnSpec, SourceSpec } from '../core/model.js';
import type { Column, DataIssue, Table } from '../core/table.js';
import { problem, type Problem } from '../messages/index.js';

/** Excel's scientific display of a General number: 1.23457E+11, 1E+15, 6.2E+18 (the exponent always signed). */
const SCIENTIFIC = /^[+-]?\d(?:\.\d+)?E\+\d{1,3}$/i;
/** More than 15 digits whose digits after the 15th are all zeros: a number cell Excel kept to 15 digits. */
const CUT_TO_15 = /^\d{15}0+$/;

/** Excel's scientific display (KPI2163); a long run of digits, cut to 15 (KPI2164) or not (LONG); else null. */
const LONG = 1;
function kindOf(v: string): 'KPI2163' | 'KPI2164' | typeof LONG | null {
  const c = v.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45)) return null; // the first character decides most texts
  if (v.length >= 4 && v.length <= 24 && SCIENTIFIC.test(v)) return 'KPI2163';
  if (v.length >= 16 && /^\d+$/.test(v)) return CUT_TO_15.test(v) ? 'KPI2164' : LONG;
  return null;
}

/**
 * One data issue per text column of `table` holding ids Excel cut short. A long id ending in zeros is one only when
 * every long id of the column does, and there are two or more: a real 16-digit id ends in 0 one time in ten.
 */
export function mangledIds(table: Table, spec: SourceSpec): DataIssue[] {
  // A period column holds canonical labels.
  return textColumnWarnings(table, spec, (c) => c.name === spec.period, scan);
}

/** What a scan of a text column found: its problem, the first such value and its row index, how many rows. */
export interface ColumnFinding {
  code: 'KPI2163' | 'KPI2164' | 'KPI2181';
  value: string;
  first: number;
  count: number;
}

/**
 * One warning per text column of `table` (but those `skip` names) in which `scan` finds something, at the column's
 * first such row, with the value and how many rows hold one; the rows are kept.
 */
export function textColumnWarnings(
  table: Table,
  spec: SourceSpec,
  skip: (c: ColumnSpec) => boolean,
  scan: (col: Column & { type: 'string' }) => ColumnFinding | null,
): DataIssue[] {
  const out: DataIssue[] = [];
  for (const c of spec.columns) {
    if (c.type !== 'string' || skip(c)) continue;
    const col = table.columns.get(c.name);
    if (col?.type !== 'string') continue;
    const found = scan(col);
    if (found === null) continue;
    const p: Problem = problem(found.code, { value: found.value, count: found.count });
    out.push({
      file: table.file,
      source: table.source,
      row: table.rowNumbers[found.first] as number,
      column: c.header,
      value: found.value,
      reason: p.text,
      severity: 'warning',
      action: 'kept',
      code: p.code,
      params: p.params,
    });
  }
  return out;
}

interface Found extends ColumnFinding {
  code: 'KPI2163' | 'KPI2164';
}

/** The column's first id of each kind and how many rows hold one; then which of them to report. */
function scan(col: Column & { type: 'string' }): Found | null {
  const sci: Found = { code: 'KPI2163', value: '', first: -1, count: 0 };
  const cut: Found = { code: 'KPI2164', value: '', first: -1, count: 0 };
  let long = 0;
  const see = (v: string, kind: ReturnType<typeof kindOf>, i: number, rows: number): void => {
    if (kind === LONG) long += rows;
    else if (kind !== null) {
      const f = kind === 'KPI2163' ? sci : cut;
      if (f.first < 0) {
        f.first = i;
        f.value = v;
      }
      f.count += rows;
    }
  };
  if (col.coded) {
    // Decided once per distinct value, then counted per row.
    const { codes, dict } = col.coded;
    const kinds = dict.map((v) => (v == null ? null : kindOf(v)));
    if (!kinds.some((k) => k !== null)) return null;
    for (let i = 0; i < codes.length; i++) {
      const k = kinds[codes[i] as number] ?? null;
      if (k !== null) see(dict[codes[i] as number] as string, k, i, 1);
    }
  } else {
    const values = col.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v != null && v !== '') see(v, kindOf(v), i, 1);
    }
  }
  if (sci.count > 0) return sci;
  return cut.count >= 2 && long === 0 ? cut : null;
}
