// Workbooks of the plan-design commands (backtest, diff): one plain table per sheet, laid out for a chart —
// categories down column A from row 2, one series per column, headers in row 1 — and the chart each sheet should
// carry, described in the shape of the native-chart writer (ChartSpec of src/output/charts).
import type { Currency } from '../core/model.js';
import { moneyFormat, PERCENT, setNumber, setText, type Workbook, type Worksheet } from './excel.js';

export type CellValue =
  | { text: string | null }
  | { number: number | null; format?: 'money' | 'percent' | 'integer' | 'score' | 'plain' };

export const txt = (s: string | null | undefined): CellValue => ({ text: s ?? null });
export const money = (x: number | null): CellValue => ({ number: x, format: 'money' });
export const percent = (x: number | null): CellValue => ({ number: x, format: 'percent' });
export const int = (x: number | null): CellValue => ({ number: x, format: 'integer' });
export const plain = (x: number | null): CellValue => ({ number: x, format: 'plain' });

/** A chart for a sheet, in the shape of src/output/charts' ChartSpec: values are given, refs link them to cells. */
export interface ChartPlan {
  sheet: string;
  at: { col: number; row: number; cols: number; rows: number };
  kind: 'bar' | 'column' | 'line';
  title: string;
  categories: { values: string[]; ref: string };
  series: { name: string; values: (number | null)[]; ref: string; nameRef: string }[];
  numberFormat?: string;
}

export interface SheetTable {
  /** A fixed sheet name of ours (≤ 31 characters, none of * ? : \\ / [ ]), never user text. */
  name: string;
  head: string[];
  rows: CellValue[][];
  widths?: number[];
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

export function rangeRef(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const c = columnLetters(col);
  return `${quoted(sheet)}!$${c}$${firstRow}:$${c}$${lastRow}`;
}

export function cellRef(sheet: string, col: number, row: number): string {
  return `${quoted(sheet)}!$${columnLetters(col)}$${row}`;
}

const FORMATS = (c: Currency) => ({ money: moneyFormat(c.symbol, c.minorUnit), percent: PERCENT, integer: '#,##0', score: PERCENT, plain: 'General' });

/** Adds a sheet holding the table at A1, header bold and frozen. Returns the sheet. */
export function addTableSheet(wb: Workbook, table: SheetTable, currency: Currency): Worksheet {
  const ws = wb.addWorksheet(table.name);
  const formats = FORMATS(currency);
  ws.columns = table.head.map((_, i) => ({ width: table.widths?.[i] ?? (i === 0 ? 18 : 14) }));
  table.head.forEach((h, i) => setText(ws.getCell(1, i + 1), h));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  table.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      const cell = ws.getCell(r + 2, c + 1);
      if ('text' in v) setText(cell, v.text);
      else setNumber(cell, v.number, v.format && v.format !== 'plain' ? formats[v.format] : undefined);
    });
  });
  return ws;
}

/**
 * The chart of a table sheet: categories are column A, series the given columns (1-based as in the sheet),
 * drawn to the right of the table.
 */
export function chartFor(table: SheetTable, kind: ChartPlan['kind'], title: string, seriesCols: number[], numberFormat?: string): ChartPlan {
  const sheet = table.name;
  const last = table.rows.length + 1;
  const value = (v: CellValue | undefined): number | null => (v && 'number' in v ? v.number : null);
  const label = (v: CellValue | undefined): string => (v && 'text' in v ? v.text ?? '' : String(value(v) ?? ''));
  return {
    sheet,
    at: { col: table.head.length + 1, row: 1, cols: 9, rows: 18 },
    kind,
    title,
    categories: { values: table.rows.map((r) => label(r[0])), ref: rangeRef(sheet, 0, 2, last) },
    series: seriesCols.map((c) => ({
      name: table.head[c - 1] ?? '',
      values: table.rows.map((r) => value(r[c - 1])),
      ref: rangeRef(sheet, c - 1, 2, last),
      nameRef: cellRef(sheet, c - 1, 1),
    })),
    ...(numberFormat ? { numberFormat } : {}),
  };
}
