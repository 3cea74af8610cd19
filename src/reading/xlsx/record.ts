// One data row of a sheet as the RowSink reads it: the cells of the columns the scheme uses, typed, in
// reusable typed arrays. Numbers stay unboxed and shared texts stay indexes into the table of texts until the
// RowSink asks for them (a text it can store in place never becomes a string of its own).

import { SharedStrings } from './shared-strings.js';
import type { CellValue, RowCells } from './sheet.js';

const CELL_BLANK = 0;
export const CELL_NUMBER = 1;
/** A shared text: its index into `table` is in `numbers`. */
export const CELL_SHARED = 2;
/** Anything else (inline text, boolean, date, a problem): in `values`. */
export const CELL_VALUE = 3;

const NO_CELLS: RowCells = { onlySpaces: () => false };

export class XlsxRecord {
  /** Per column (0-based), up to the header's width. */
  readonly kinds: Uint8Array;
  readonly numbers: Float64Array;
  readonly values: (CellValue | undefined)[];
  table: SharedStrings = SharedStrings.empty;
  /** The row had non-empty cells in columns that were not decoded; `cells` reads the row again to see what they hold. */
  otherCells = false;
  cells: RowCells = NO_CELLS;
  /** Cells right of the header (0-based column, value): reported, not read. */
  readonly beyond: { col: number; value: CellValue }[] = [];

  constructor(readonly width: number) {
    this.kinds = new Uint8Array(width);
    this.numbers = new Float64Array(width);
    this.values = new Array<CellValue | undefined>(width).fill(undefined);
  }

  /** The cell as a plain value (undefined: blank), for the general rules. */
  value(col: number): CellValue | undefined {
    switch (this.kinds[col]) {
      case CELL_NUMBER:
        return this.numbers[col] as number;
      case CELL_SHARED:
        return this.table.get(this.numbers[col] as number);
      case CELL_VALUE:
        return this.values[col];
      default:
        return undefined;
    }
  }

  /** The cells right of the header in column order, the last one of a column that came twice. */
  beyondByColumn(): { col: number; value: CellValue }[] {
    const byCol = new Map<number, CellValue>();
    for (const c of this.beyond) byCol.set(c.col, c.value);
    return [...byCol].sort((x, y) => x[0] - y[0]).map(([col, value]) => ({ col, value }));
  }

  /** Ready for the next row; `cols`: the columns that may have been set. */
  clear(cols: readonly number[]): void {
    for (const c of cols) {
      this.kinds[c] = CELL_BLANK;
      this.values[c] = undefined;
    }
    this.otherCells = false;
    // Setting an array's length is a call into the runtime, even to 0 on an empty array: not once per row.
    if (this.beyond.length !== 0) this.beyond.length = 0;
  }
}
