// Every cell of a workbook as our own XLSX reader sees it (value, formula text, date or not), and the comparison
// of two such readings cell by cell: what `kpi verify` uses to prove a report's figures.
import { columnLetter } from '../reading/header.js';
import { CellProblem, FMT_DATE, type Workbook, serialToDate, type CellValue } from '../reading/xlsx/workbook.js';

/** One cell: its value as stored (a formula's cached result), its formula's text, whether it shows a date. */
export interface StoredCell {
  value: string | number | boolean;
  formula?: string;
  date?: boolean;
}

export interface SheetCells {
  name: string;
  /** By reference ("R12"), in the order the sheet stores them (row by row). */
  cells: Map<string, StoredCell>;
}

function plain(v: CellValue): string | number | boolean {
  if (v instanceof CellProblem) return v.shown; // an error value (#DIV/0!) as shown
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** Every worksheet's cells (chart sheets and other parts hold no figures). */
export async function readReportCells(book: Workbook): Promise<SheetCells[]> {
  const out: SheetCells[] = [];
  for (const sheet of book.sheets) {
    if (sheet.kind !== 'worksheet' || sheet.part === undefined) continue;
    const cells = new Map<string, StoredCell>();
    let row: { col: number; cell: StoredCell }[] = [];
    let formula: { col: number; text: string } | null = null;
    await book.scan(sheet, {
      want: null,
      wantFrom: 0,
      formula: (col, text) => {
        formula = { col, text };
      },
      cell: (col, value, format) => {
        const f = formula as { col: number; text: string } | null;
        const cell: StoredCell = { value: plain(value) };
        if (f !== null && f.col === col) cell.formula = f.text;
        if (format === FMT_DATE || value instanceof Date) cell.date = true;
        formula = null;
        row.push({ col, cell });
      },
      endRow: (r) => {
        for (const c of row) cells.set(`${columnLetter(c.col)}${r}`, c.cell);
        row = [];
        return false;
      },
    });
    out.push({ name: sheet.name, cells });
  }
  return out;
}

/** One cell that differs: where, and what the recomputed report holds against what the file holds. */
export interface CellDifference {
  sheet: string;
  ref: string;
  /** "value", "formula", or "sheet" (a whole sheet missing or extra). */
  what: 'value' | 'formula' | 'sheet';
  expected: string;
  found: string;
  /** A whole sheet: its cells in the recomputed report (missing from the file) or in the file (an extra sheet). */
  cells?: number;
}

/** What a message shows for no cell and for a cell without a formula (a text cell is shown quoted: no clash). */
export const NO_CELL = '(empty)';
export const NO_FORMULA = '(a value)';

/** A cell's value as a person reads it in a message: text quoted, a date-formatted number as its day too. */
export function shownValue(c: StoredCell | undefined): string {
  if (c === undefined) return NO_CELL;
  const v = c.value;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && c.date) {
    const d = serialToDate(v, false);
    if (d) return `${v} (${d.toISOString().slice(0, 10)})`;
  }
  return String(v);
}

/** `Sheet!A1`, the sheet quoted as Excel quotes it when its name is more than letters and digits. */
export function cellRef(sheet: string, ref: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!${ref}` : `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

function sameValue(a: StoredCell['value'], b: StoredCell['value']): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Object.is(a + 0, b + 0));
}

/**
 * Every difference between the expected workbook (recomputed) and the found one (the file), sheet by sheet in the
 * expected order, cells in the order stored. Values are compared exactly: both were written by the same code from
 * numbers, so the same number has the same text.
 */
export function compareCells(expected: SheetCells[], found: SheetCells[]): CellDifference[] {
  const out: CellDifference[] = [];
  const foundByName = new Map(found.map((s) => [s.name, s]));
  for (const e of expected) {
    const f = foundByName.get(e.name);
    if (f === undefined) {
      out.push({ sheet: e.name, ref: '', what: 'sheet', expected: `the sheet, ${e.cells.size} cells`, found: 'no such sheet', cells: e.cells.size });
      continue;
    }
    for (const [ref, ec] of e.cells) {
      const fc = f.cells.get(ref);
      if (fc === undefined || !sameValue(ec.value, fc.value)) out.push({ sheet: e.name, ref, what: 'value', expected: shownValue(ec), found: shownValue(fc) });
      else if ((ec.formula ?? '') !== (fc.formula ?? '')) {
        out.push({ sheet: e.name, ref, what: 'formula', expected: ec.formula ? `=${ec.formula}` : NO_FORMULA, found: fc.formula ? `=${fc.formula}` : NO_FORMULA });
      }
    }
    for (const [ref, fc] of f.cells) {
      if (!e.cells.has(ref)) out.push({ sheet: e.name, ref, what: 'value', expected: NO_CELL, found: shownValue(fc) });
    }
  }
  const expectedNames = new Set(expected.map((s) => s.name));
  for (const f of found) {
    if (!expectedNames.has(f.name)) out.push({ sheet: f.name, ref: '', what: 'sheet', expected: 'no such sheet', found: `a sheet of ${f.cells.size} cells`, cells: f.cells.size });
  }
  return out;
}
