// Every cell of a workbook as our own XLSX reader sees it (value, formula text, date or not), and the comparison
// of two such readings cell by cell: what `kpi verify` uses to prove a report's figures.
import { columnLetter } from '../reading/header.js';
import { CellProblem, FMT_DATE, type CellSink, type CellValue, type SheetInfo, type Workbook, serialToDate } from '../reading/xlsx/workbook.js';

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

/** A stored row: its number and its cells by reference, in the order stored. */
interface StoredRow {
  row: number;
  cells: [string, StoredCell][];
}

/** A sink that hands on each row of stored cells as the sheet is read. */
function rowSink(emit: (row: StoredRow) => void): CellSink {
  let cols: { col: number; cell: StoredCell }[] = [];
  let formula: { col: number; text: string } | null = null;
  return {
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
      cols.push({ col, cell });
    },
    endRow: (r) => {
      emit({ row: r, cells: cols.map((c) => [`${columnLetter(c.col)}${r}`, c.cell]) });
      cols = [];
      return false;
    },
  };
}

/** The worksheets that hold cells (chart sheets and other parts hold no figures), or those `only` keeps. */
function worksheets(book: Workbook, only?: (name: string) => boolean): SheetInfo[] {
  return book.sheets.filter((s) => s.kind === 'worksheet' && s.part !== undefined && (only === undefined || only(s.name)));
}

/** Every worksheet's cells (or of the sheets `only` keeps), each sheet whole in memory. */
export async function readReportCells(book: Workbook, only?: (name: string) => boolean): Promise<SheetCells[]> {
  const out: SheetCells[] = [];
  for (const sheet of worksheets(book, only)) {
    const cells = new Map<string, StoredCell>();
    for await (const rows of book.batches(sheet, rowSink)) for (const r of rows) for (const [ref, c] of r.cells) cells.set(ref, c);
    out.push({ name: sheet.name, cells });
  }
  return out;
}

/**
 * compareCells for two workbooks read side by side, row by row: the same differences in the same order, holding
 * a chunk of rows of each at a time rather than both whole (a report of a million data issues holds eight million
 * cells). Also counts the expected cells and sheets.
 */
export async function compareBooks(expected: Workbook, found: Workbook): Promise<{ differences: CellDifference[]; cells: number; sheets: number }> {
  const out: CellDifference[] = [];
  let cells = 0;
  const foundSheets = new Map(worksheets(found).map((s) => [s.name, s]));
  const expectedSheets = worksheets(expected);
  for (const e of expectedSheets) {
    const f = foundSheets.get(e.name);
    if (f === undefined) {
      let n = 0;
      for await (const rows of expected.batches(e, rowSink)) for (const r of rows) n += r.cells.length;
      cells += n;
      out.push({ sheet: e.name, ref: '', what: 'sheet', expected: `the sheet, ${n} cells`, found: 'no such sheet', cells: n });
      continue;
    }
    const extra: CellDifference[] = [];
    const ours = expected.batches(e, rowSink);
    const theirs = found.batches(f, rowSink);
    let a: StoredRow[] = [];
    let b: StoredRow[] = [];
    let ia = 0;
    let ib = 0;
    let doneA = false;
    let doneB = false;
    const compareRow = (x: StoredRow | undefined, y: StoredRow | undefined) => {
      const mine = new Map(y?.cells ?? []);
      for (const [ref, ec] of x?.cells ?? []) {
        cells++;
        const fc = mine.get(ref);
        if (fc === undefined || !sameValue(ec.value, fc.value))
          out.push({ sheet: e.name, ref, what: 'value', expected: shownValue(ec), found: shownValue(fc) });
        else if ((ec.formula ?? '') !== (fc.formula ?? '')) {
          out.push({
            sheet: e.name,
            ref,
            what: 'formula',
            expected: ec.formula ? `=${ec.formula}` : NO_FORMULA,
            found: fc.formula ? `=${fc.formula}` : NO_FORMULA,
          });
        }
      }
      const ourRefs = new Set((x?.cells ?? []).map(([ref]) => ref));
      for (const [ref, fc] of y?.cells ?? [])
        if (!ourRefs.has(ref)) extra.push({ sheet: e.name, ref, what: 'value', expected: NO_CELL, found: shownValue(fc) });
    };
    for (;;) {
      if (ia >= a.length && !doneA) {
        const n = await ours.next();
        if (n.done) doneA = true;
        else [a, ia] = [n.value, 0];
        continue;
      }
      if (ib >= b.length && !doneB) {
        const n = await theirs.next();
        if (n.done) doneB = true;
        else [b, ib] = [n.value, 0];
        continue;
      }
      const x = ia < a.length ? a[ia] : undefined;
      const y = ib < b.length ? b[ib] : undefined;
      if (x === undefined && y === undefined) break;
      if (y === undefined || (x !== undefined && x.row < y.row)) {
        compareRow(x, undefined);
        ia++;
      } else if (x === undefined || y.row < x.row) {
        compareRow(undefined, y);
        ib++;
      } else {
        compareRow(x, y);
        ia++;
        ib++;
      }
    }
    for (const d of extra) out.push(d);
  }
  const expectedNames = new Set(expectedSheets.map((s) => s.name));
  for (const f of foundSheets.values()) {
    if (expectedNames.has(f.name)) continue;
    let n = 0;
    for await (const rows of found.batches(f, rowSink)) for (const r of rows) n += r.cells.length;
    out.push({ sheet: f.name, ref: '', what: 'sheet', expected: 'no such sheet', found: `a sheet of ${n} cells`, cells: n });
  }
  return { differences: out, cells, sheets: expectedSheets.length };
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
function shownValue(c: StoredCell | undefined): string {
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
        out.push({
          sheet: e.name,
          ref,
          what: 'formula',
          expected: ec.formula ? `=${ec.formula}` : NO_FORMULA,
          found: fc.formula ? `=${fc.formula}` : NO_FORMULA,
        });
      }
    }
    for (const [ref, fc] of f.cells) {
      if (!e.cells.has(ref)) out.push({ sheet: e.name, ref, what: 'value', expected: NO_CELL, found: shownValue(fc) });
    }
  }
  const expectedNames = new Set(expected.map((s) => s.name));
  for (const f of found) {
    if (!expectedNames.has(f.name))
      out.push({ sheet: f.name, ref: '', what: 'sheet', expected: 'no such sheet', found: `a sheet of ${f.cells.size} cells`, cells: f.cells.size });
  }
  return out;
}
