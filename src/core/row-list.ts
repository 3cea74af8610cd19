// The rows one data issue names (every row of a rep not in the roster, of a split order whose shares do not add up):
// 4 bytes a row in one typed array, not a boxed number each, since a wrong roster can leave millions uncounted.

/** Row numbers as the user sees them (1-based, header and title rows counted), in the order they were added. */
export class RowList implements Iterable<number> {
  private rows: Int32Array;
  private count = 0;

  constructor(capacity = 8) {
    this.rows = new Int32Array(Math.max(1, capacity));
  }

  static of(rows: Iterable<number>): RowList {
    const list = new RowList(Array.isArray(rows) ? rows.length : 8);
    for (const r of rows) list.push(r);
    return list;
  }

  get length(): number {
    return this.count;
  }

  push(row: number): void {
    if (this.count === this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.count++] = row;
  }

  /** The k-th row added (0-based), or undefined past the end. */
  at(k: number): number | undefined {
    return k >= 0 && k < this.count ? this.rows[k] : undefined;
  }

  [Symbol.iterator](): IterableIterator<number> {
    return this.rows.subarray(0, this.count).values();
  }

  /** A new list with every row moved by `n` (the rows of a part of a file read on its own, placed in the whole). */
  offset(n: number): RowList {
    const moved = new RowList(this.count);
    for (let k = 0; k < this.count; k++) moved.rows[k] = (this.rows[k] as number) + n;
    moved.count = this.count;
    return moved;
  }

  /** Sorts the rows and drops repeats, in place: `length` is then the number of distinct rows. */
  sortUnique(): this {
    const rows = this.rows.subarray(0, this.count).sort();
    let n = 0;
    for (let k = 0; k < rows.length; k++) if (n === 0 || rows[k] !== rows[n - 1]) rows[n++] = rows[k] as number;
    this.count = n;
    return this;
  }

  /** As JSON: the plain array of row numbers, so `issues[].rows` reads as it always has. */
  toJSON(): number[] {
    return Array.from(this);
  }
}
