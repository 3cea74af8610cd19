// Workbooks of the plan-design commands (backtest, diff): one plain table per sheet, laid out for a chart —
// categories down column A from row 2, one series per column, headers in row 1 — and the native chart drawn
// beside it (src/output/charts).
import type { Currency } from '../core/model.js';
import { moneyFormat, PERCENT, setNumber, setText, workbookToBuffer, type Workbook, type Worksheet } from './excel.js';
import { addCharts, cellRef, rangeRef, type ChartSpec } from './charts/index.js';
import { statusLine, type RunStatus } from './status.js';
import { english, type Translate } from '../messages/index.js';

export type CellValue = { text: string | null } | { number: number | null; format?: 'money' | 'percent' | 'integer' | 'score' | 'plain' };

export const txt = (s: string | null | undefined): CellValue => ({ text: s ?? null });
export const money = (x: number | null): CellValue => ({ number: x, format: 'money' });
export const percent = (x: number | null): CellValue => ({ number: x, format: 'percent' });
export const int = (x: number | null): CellValue => ({ number: x, format: 'integer' });

export type ChartPlan = ChartSpec;

export interface SheetTable {
  /** A fixed sheet name of ours (≤ 31 characters, none of * ? : \\ / [ ]), never user text. */
  name: string;
  head: string[];
  rows: CellValue[][];
  widths?: number[];
}

const FORMATS = (c: Currency) => ({ money: moneyFormat(c.symbol, c.minorUnit), percent: PERCENT, integer: '#,##0', score: PERCENT, plain: 'General' });

/**
 * The first sheet: whether the figures rest on data without issues, as the report's banner says it (red NOT FINAL
 * naming where the issues are, or green Final). Always there, so the workbook's layout does not depend on it.
 */
export function addStatusSheet(wb: Workbook, status: RunStatus, where: string, t: Translate = english): Worksheet {
  const ws = wb.addWorksheet(t('plan.sheet.status'));
  ws.columns = [{ width: 110 }];
  setText(ws.getCell(1, 1), statusLine(status, where, t));
  ws.getCell(1, 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: status.final ? 'FFC6EFCE' : 'FFFFC7CE' } };
  ws.getCell(1, 1).font = { bold: true, color: { argb: status.final ? 'FF006100' : 'FF9C0006' }, size: status.final ? 11 : 12 };
  return ws;
}

/** Adds a sheet holding the table at A1, header bold and frozen. Returns the sheet. */
export function addTableSheet(wb: Workbook, table: SheetTable, currency: Currency): Worksheet {
  const ws = wb.addWorksheet(table.name);
  const formats = FORMATS(currency);
  ws.columns = table.head.map((_, i) => ({ width: table.widths?.[i] ?? (i === 0 ? 18 : 14) }));
  table.head.forEach((h, i) => {
    setText(ws.getCell(1, i + 1), h);
  });
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
  const label = (v: CellValue | undefined): string => (v && 'text' in v ? (v.text ?? '') : String(value(v) ?? ''));
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

/** The workbook's bytes with its charts drawn in: deterministic, like every workbook kpi writes. */
export async function workbookWithCharts(wb: Workbook, charts: readonly ChartSpec[]): Promise<Buffer> {
  const bytes = await workbookToBuffer(wb);
  return charts.length ? addCharts(bytes, charts) : bytes;
}
