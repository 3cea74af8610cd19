// What the extra report sheets share: finding the Summary/Details columns by their header (so a column added or
// moved there cannot make a formula here point at the wrong figure), and the header look.
import { setText, type Worksheet } from '../excel.js';
import { columnLetters } from '../charts/index.js';

/**
 * The Summary sheet's layout: row 1 says whether the run is final, always (so the layout does not depend on it),
 * row 2 holds the headers, and the reps follow from row 3 in the result's order.
 */
export const SUMMARY_HEADER_ROW = 2;

/** The Summary row of the rep at `index` (0-based, in the result's order). */
export function summaryRow(index: number): number {
  return SUMMARY_HEADER_ROW + 1 + index;
}

export const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };

/** Header text → column letter, from row `row` of `ws`. */
export function columnsByHeader(ws: Worksheet, row = 1): Map<string, string> {
  const out = new Map<string, string>();
  ws.getRow(row).eachCell((cell, col) => {
    if (typeof cell.value === 'string' && !out.has(cell.value)) out.set(cell.value, columnLetters(col - 1));
  });
  return out;
}

/** The column of `header`; a missing one is a programming error caught by the report tests. */
export function columnOf(columns: ReadonlyMap<string, string>, header: string, sheet: string): string {
  const c = columns.get(header);
  if (!c) throw new Error(`report: sheet ${sheet} has no column "${header}"`);
  return c;
}

/** A sheet name as a formula needs it: 'Data issues'!A1. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Bold header cells with the report's fill. */
export function headerRow(ws: Worksheet, row: number, titles: readonly string[], firstCol = 1): void {
  titles.forEach((t, i) => {
    const c = ws.getCell(row, firstCol + i);
    setText(c, t);
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', wrapText: true };
  });
}
