// Grows the typed columns of one Table row by row. A row is written in place at index `rowCount` and only
// counted by commit(), so a row that turns out bad is simply overwritten by the next one.

import type { ColumnType } from '../core/model.js';
import { codedColumn, type Column, type Table } from '../core/table.js';

/**
 * Repeated strings (rep ids, regions, stages) are stored once. A column with more distinct values than this
 * (order ids) stops interning: the lookups would cost time and save nothing.
 */
const INTERN_LIMIT = 65_536;

/** Texts up to this long (in characters below 0x7f, 7 bits each) are packed into two 32-bit keys by intern. */
const SHORT_MAX = 7;

/**
 * A column with this many distinct values or fewer never switches to strings, whatever its lookups (see intern). The
 * parallel read (appendPart) relies on it: it merges two coded parts only up to this many values in all.
 */
const SWITCH_FROM = 4096;

/** The slot hash of a short text packed into (lo, hi): one formula for lookups and for regrowing the table. */
function packedHash(lo: number, hi: number): number {
  const h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** StringColumn.intern's answer for a text that is not plain. */
const NOT_PLAIN = -2;

/**
 * A character that is not plain: plain text is printable ASCII or common CJK ideographs (already NFC, nothing
 * invisible), stored as read. (Control characters inside a value are plain: cleanText leaves them too.)
 */
const notPlain = (c: number): boolean => c > 0x7e && (c < 0x4e00 || c > 0x9fff);

function plainRange(buf: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (notPlain(buf.charCodeAt(i))) return false;
  return true;
}

class NumberColumn {
  values: Float64Array;
  constructor(
    readonly type: 'number' | 'percent' | 'date' | 'money',
    capacity: number,
  ) {
    this.values = new Float64Array(capacity);
  }
}

/**
 * buf[start, end) as a string that does not keep `buf` alive. V8 makes a slice of 13+ characters a view
 * into its parent (the whole decoded chunk), so a column of long ids would hold the entire file in memory.
 */
function own(buf: string, start: number, end: number): string {
  return end - start < 13 ? buf.slice(start, end) : (' ' + buf.slice(start, end)).slice(1);
}

/**
 * A text column. While its values repeat (reps, stages, regions) each row holds a 16-bit code into the distinct
 * values (`known`; code 0 is a blank): no string and no pointer per row, and the core decides a filter or a rep
 * once per distinct value. A column that proves to hold mostly distinct values (customer ids, names) switches
 * to one string per row.
 *
 * Its whole state, for whoever merges two columns: `codes` (per row) or `values` (per row, after the switch);
 * `known` (the distinct texts, by code); `pool`/`bounds` (their characters, for long texts) and the two lookup
 * tables `slots` (long or non-ASCII texts, by FNV hash) and `short` (short ASCII texts, packed) are indexes over
 * `known`, rebuilt by interning the same texts in the same order; `lookups` only steers the switch. A second
 * column's rows join this one by mapping each of its codes through set(row, known[code]).
 */
class StringColumn {
  /** Per row while interning; null once the column holds strings. */
  codes: Uint16Array | null;
  values: (string | null)[] | null = null;
  /** Open-addressing table of [hash, index into `known`]; null once the column proves high-cardinality. */
  private slots: Int32Array | null = new Int32Array(2 * 1024).fill(-1);
  /**
   * Texts of at most SHORT_MAX characters below 0x7f (most reps, stages, regions) are their own key: triples
   * [lo, hi, code] (code 0: empty), the characters packed 7 bits each (see intern). Every other text is in `slots`.
   */
  private short: Int32Array | null = new Int32Array(3 * 16); // small: grows with the values (and tests reach its collisions)
  private shortCount = 0;
  known: (string | null)[] = [null];
  /**
   * The distinct values' characters end to end, value k at [bounds[k], bounds[k + 1]): compared against the text read
   * in a typed array rather than through each string (measured faster than charCodeAt on the strings).
   */
  private pool = new Uint16Array(4096);
  private bounds = new Int32Array(1024);
  private lookups = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
  }

  resize(capacity: number): void {
    if (this.codes === null) return;
    const c = new Uint16Array(capacity);
    c.set(this.codes.length <= capacity ? this.codes : this.codes.subarray(0, capacity));
    this.codes = c;
  }

  /** One right-sized array instead of repeated growth (each old copy is garbage in the large-object space). */
  reserve(rows: number): void {
    const old = this.values;
    if (old === null || rows <= old.length) return;
    // new Array(n).fill() measured 5× faster than growing by push (and stays a fast, packed array).
    const v: (string | null)[] = new Array<string | null>(rows).fill(null);
    for (let i = 0; i < old.length; i++) v[i] = old[i] as string | null;
    this.values = v;
  }

  at(row: number): string | null {
    return this.codes !== null ? (this.known[this.codes[row] as number] ?? null) : (this.values?.[row] ?? null);
  }

  set(row: number, s: string | null): void {
    const codes = this.codes;
    if (codes !== null) {
      if (s === null) {
        codes[row] = 0;
        return;
      }
      const k = this.intern(s, s, 0, s.length, row, false);
      if (k > 0) {
        codes[row] = k;
        return;
      }
    }
    (this.values as (string | null)[])[row] = s;
  }

  /**
   * Stores the text buf[start, end) if it is plain (see plainRange), without copying it when the same text was
   * seen before: repeated values (reps, regions, stages) cost neither a new string nor garbage. False, storing
   * nothing, when it is not plain.
   */
  setPlainRange(row: number, buf: string, start: number, end: number): boolean {
    const codes = this.codes;
    if (codes !== null) {
      const k = this.intern(null, buf, start, end, row, true);
      if (k > 0) {
        codes[row] = k;
        return true;
      }
      if (k === NOT_PLAIN) return false;
    } else if (!plainRange(buf, start, end)) return false;
    (this.values as (string | null)[])[row] = own(buf, start, end);
    return true;
  }

  /** The last setPlainRange is to be done again (RowSink.csvLine declined its row): counted once, as one read of it. */
  uncount(): void {
    this.lookups--;
  }

  /** Parallel read: this column's first `n` rows, as a worker hands them over. */
  part(n: number): StringPart {
    return this.codes !== null ? { codes: this.codes.subarray(0, n), known: this.known } : { values: (this.values as (string | null)[]).slice(0, n) };
  }

  /**
   * Parallel read: can `part` follow this column's rows exactly as one sequential read would have stored them? A
   * coded column stays coded only while no more than SWITCH_FROM distinct values came in all; past that, whether a
   * sequential read would have switched depends on its lookups, which the parts do not share.
   */
  canAppend(part: StringPart): boolean {
    if (this.codes === null) return true;
    if (!('codes' in part)) return false;
    const mine = new Set(this.known);
    let distinct = this.known.length - 1;
    for (const s of part.known) if (!mine.has(s)) distinct++;
    return distinct <= SWITCH_FROM;
  }

  /** Appends `part` as rows [at, at + n) (canAppend said yes; room is made by the caller). */
  append(part: StringPart, at: number, n: number): void {
    if (this.codes !== null && 'codes' in part) {
      // The part's values new to this column come after this column's own, in the order the part met them: the
      // order one sequential read gives them (values of skipped rows included, as intern keeps those too).
      const map = new Uint16Array(part.known.length);
      for (let k = 1; k < part.known.length; k++) {
        const s = part.known[k] as string;
        map[k] = this.intern(s, s, 0, s.length, at, false);
      }
      const codes = this.codes;
      const from = part.codes;
      codes.set(from.subarray(0, n), at);
      for (let i = at; i < at + n; i++) codes[i] = map[codes[i] as number] as number;
      return;
    }
    const values = this.values as (string | null)[];
    if ('codes' in part) for (let i = 0; i < n; i++) values[at + i] = part.known[part.codes[i] as number] ?? null;
    else for (let i = 0; i < n; i++) values[at + i] = part.values[i] ?? null;
  }

  /** From codes to one string per row (rows before `row`); the caller stores row `row` itself. */
  private toStrings(row: number): void {
    const codes = this.codes as Uint16Array;
    const v: (string | null)[] = new Array<string | null>(codes.length).fill(null);
    for (let i = 0; i < row; i++) v[i] = this.known[codes[i] as number] as string | null;
    this.values = v;
    this.codes = null;
    this.slots = null;
    this.short = null;
    this.known = [null];
    this.pool = new Uint16Array(0);
    this.bounds = new Int32Array(0);
  }

  private growSlots(): void {
    const old = this.slots as Int32Array;
    const t = new Int32Array(old.length * 4).fill(-1);
    const mask = (t.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === -1) continue;
      const h = old[j] as number;
      let i = h & mask;
      while (t[2 * i + 1] !== -1) i = (i + 1) & mask;
      t[2 * i] = h;
      t[2 * i + 1] = old[j + 1] as number;
    }
    this.slots = t;
  }

  /** Adds buf[start, end) to the pool as value `k` (the next one). */
  private pooled(k: number, buf: string, start: number, end: number): void {
    if (k + 1 >= this.bounds.length) {
      const a = new Int32Array(this.bounds.length * 2);
      a.set(this.bounds);
      this.bounds = a;
    }
    const from = this.bounds[k] as number;
    const to = from + end - start;
    if (to > this.pool.length) {
      const p = new Uint16Array(Math.max(to, this.pool.length * 2));
      p.set(this.pool);
      this.pool = p;
    }
    const pool = this.pool;
    for (let i = start; i < end; i++) pool[from + i - start] = buf.charCodeAt(i);
    this.bounds[k + 1] = to;
  }

  /**
   * The next code for buf[start, end), a value new to the column; -1 when the column switches to strings instead.
   * Gives up on columns of mostly distinct values (customer ids): each lookup there is a few cache misses that save
   * nothing; and codes are 16 bits.
   */
  private newCode(s: string | null, buf: string, start: number, end: number, row: number): number {
    const distinct = this.known.length - 1;
    if (distinct >= INTERN_LIMIT - 1 || (distinct >= SWITCH_FROM && distinct * 4 > this.lookups)) {
      this.toStrings(row);
      return -1;
    }
    const code = this.known.length;
    this.known.push(s ?? own(buf, start, end));
    this.pooled(code, buf, start, end);
    return code;
  }

  /** intern for a text of at most SHORT_MAX characters below 0x7f, packed exactly into (lo, hi) (hi holds the length). */
  private internShort(s: string | null, buf: string, start: number, end: number, row: number, lo: number, hi: number): number {
    this.lookups++;
    const t = this.short as Int32Array;
    const mask = t.length / 3 - 1;
    for (let i = packedHash(lo, hi) & mask; ; i = (i + 1) & mask) {
      const at = 3 * i;
      const k = t[at + 2] as number;
      if (k === 0) {
        const code = this.newCode(s, buf, start, end, row);
        if (code < 0) return code;
        t[at] = lo;
        t[at + 1] = hi;
        t[at + 2] = code;
        if (++this.shortCount * 2 > mask + 1) this.growShort(); // keep the load under 1/2
        return code;
      }
      if (t[at] === lo && t[at + 1] === hi) return k;
    }
  }

  private growShort(): void {
    const old = this.short as Int32Array;
    const slots = (old.length / 3) * 4;
    const t = new Int32Array(slots * 3);
    const mask = slots - 1;
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 2] === 0) continue;
      const lo = old[j] as number;
      const hi = old[j + 1] as number;
      let i = packedHash(lo, hi) & mask;
      while (t[3 * i + 2] !== 0) i = (i + 1) & mask;
      t[3 * i] = lo;
      t[3 * i + 1] = hi;
      t[3 * i + 2] = old[j + 2] as number;
    }
    this.short = t;
  }

  /**
   * The code of the text (≥ 1); -1 after the column switched to strings (the caller stores the text); with
   * `plainOnly`, NOT_PLAIN when the text is not plain (nothing stored).
   */
  private intern(s: string | null, buf: string, start: number, end: number, row: number, plainOnly: boolean): number {
    const len = end - start;
    if (len <= SHORT_MAX) {
      // A short ASCII text (rep ids, stages, regions) is its own key: no second pass to compare characters.
      let lo = 0;
      let hi = len;
      let k = 0;
      for (; k < len; k++) {
        const c = buf.charCodeAt(start + k);
        if (c > 0x7e) break;
        if (k < 4) lo = (lo << 7) | c;
        else hi = (hi << 7) | c;
      }
      if (k === len) return this.internShort(s, buf, start, end, row, lo, hi);
    }
    const slots = this.slots as Int32Array;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (plainOnly && notPlain(c)) return NOT_PLAIN;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.lookups++;
    const mask = (slots.length >> 1) - 1;
    const pool = this.pool;
    const bounds = this.bounds;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1] as number;
      if (k === -1) {
        const code = this.newCode(s, buf, start, end, row);
        if (code < 0) return code;
        slots[2 * i] = h;
        slots[2 * i + 1] = code;
        if (this.known.length * 4 > slots.length) this.growSlots(); // keep the load under 1/2
        return code;
      }
      if (slots[2 * i] !== h) continue;
      const from = bounds[k] as number;
      if ((bounds[k + 1] as number) - from !== len) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (pool[from + j] !== buf.charCodeAt(start + j)) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
  }
}

/**
 * A key column read only to find duplicate keys (SourceSpec.keyOnly): a hash per row instead of its text, and
 * whether the keys came in strictly increasing order. Exports sorted by their id (as CRMs write them) then cost
 * no strings at all: no two keys can be equal. Otherwise the rows whose hashes collide are read again for their
 * text (reading/index.ts). The hash is that of the text as it would have been stored (key-index.ts hashRange).
 */
class KeyColumn {
  hashes: Int32Array;
  /** Strictly increasing so far, over the kept rows with a key. */
  ordered = true;
  /** The last kept key and the current row's key, as UTF-16 code units; length -1: blank. */
  private prev = new Uint16Array(64);
  private prevLen = -1;
  private cur = new Uint16Array(64);
  private curLen = -1;
  /** The current key is greater than the last kept one (or there is none), by UTF-16 code units as JavaScript compares. */
  private curGreater = true;
  /** The first kept key (null: none yet): where a part read by another thread must start above the part before it. */
  first: Uint16Array | null = null;

  constructor(capacity: number) {
    this.hashes = new Int32Array(capacity);
  }

  set(row: number, s: string | null): void {
    if (s === null) {
      this.curLen = -1;
      this.hashes[row] = 0;
    } else this.hash(row, s, 0, s.length, false);
  }

  /** As StringColumn.setPlainRange: false, storing nothing, when the text is not plain. */
  setPlainRange(row: number, buf: string, start: number, end: number): boolean {
    return this.hash(row, buf, start, end, true);
  }

  private hash(row: number, buf: string, start: number, end: number, plainOnly: boolean): boolean {
    const len = end - start;
    if (len > this.cur.length) this.cur = new Uint16Array(len * 2);
    const cur = this.cur;
    const prev = this.prev;
    // Compared with the last kept key in the same pass: the first code unit that differs decides (0: none yet).
    const common = Math.min(len, this.prevLen);
    let order = 0;
    let h = 0x811c9dc5;
    for (let i = 0; i < len; i++) {
      const c = buf.charCodeAt(start + i);
      if (plainOnly && notPlain(c)) return false;
      cur[i] = c;
      if (order === 0 && i < common && c !== prev[i]) order = c > (prev[i] as number) ? 1 : -1;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.curLen = len;
    this.curGreater = this.prevLen < 0 || (order === 0 ? len > this.prevLen : order > 0);
    this.hashes[row] = h | 1; // as hashRange: odd, 0 is a blank
    return true;
  }

  get blank(): boolean {
    return this.curLen < 0;
  }

  /** Room for `capacity` rows (rows beyond it are dropped). */
  resize(capacity: number): void {
    const h = new Int32Array(capacity);
    h.set(this.hashes.length <= capacity ? this.hashes : this.hashes.subarray(0, capacity));
    this.hashes = h;
  }

  /** The current row is kept: is its key still greater than the last one? */
  commit(): void {
    if (this.curLen < 0 || !this.ordered) return;
    if (this.prevLen < 0) this.first = this.cur.slice(0, this.curLen);
    if (!this.curGreater) this.ordered = false;
    const p = this.prev;
    this.prev = this.cur;
    this.prevLen = this.curLen;
    this.cur = p; // setRange grows it when a longer key comes
  }

  /**
   * Parallel read: the kept keys of a part that follows this column's rows. Still in increasing order if both
   * parts are and the part's first key is above this one's last; then no hash is needed (reportDuplicates).
   */
  followedBy(part: KeyPart): boolean {
    const f = part.first;
    this.ordered = this.ordered && part.ordered && (f === null || this.prevLen < 0 || greater(f, f.length, this.prev, this.prevLen));
    return this.ordered;
  }
}

/** a > b, by UTF-16 code units, as JavaScript compares strings. */
function greater(a: Uint16Array, aLen: number, b: Uint16Array, bLen: number): boolean {
  const n = Math.min(aLen, bLen);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) > (b[i] as number);
  return aLen > bLen;
}

/** A text column's rows read by another thread (csv-parallel.ts): codes into `known`, or one string per row. */
export type StringPart = { codes: Uint16Array; known: readonly (string | null)[] } | { values: (string | null)[] };

/** A key-only column's rows read by another thread: their hashes, whether in increasing order, the first key. */
export interface KeyPart {
  hashes: Int32Array;
  ordered: boolean;
  first: Uint16Array | null;
}

/** The rows a worker thread kept (csv-parallel.ts), column by column; typed arrays may be views of shared memory. */
export interface BuilderPart {
  rows: number;
  rowNumbers: Int32Array;
  numbers: (Float64Array | null)[];
  strings: (StringPart | null)[];
  key: KeyPart | null;
}

/** Where a worker thread writes its rows: views of memory shared with this thread's columns (layoutFrom). */
export interface SharedLayout {
  rowNumbers: Int32Array;
  numbers: (Float64Array | null)[];
  /** null: this thread's column holds strings already; the worker keeps codes of its own. */
  codes: (Uint16Array | null)[];
}

/** What the builder knows about a key-only column once reading is done. */
export interface KeyHashes {
  ordered: boolean;
  /** Per kept row: the key's hash (odd), or 0 for a blank key. */
  hashes: Int32Array;
}

export class TableBuilder {
  rowCount = 0;
  private capacity: number;
  private rowNumbers: Int32Array;
  private readonly numbers: (NumberColumn | null)[] = [];
  private readonly strings: (StringColumn | null)[] = [];
  /** The key-only column (hashes, no text), if any, and its index. */
  private readonly key: KeyColumn | null;
  private readonly keyIndex: number;

  constructor(
    private readonly columns: readonly { name: string; type: ColumnType }[],
    private readonly scale: number,
    expectedRows = 1024,
    /** A string column read only to find duplicate keys: hashed, not kept (see KeyColumn). -1: none. */
    keyOnly = -1,
  ) {
    this.capacity = Math.max(16, expectedRows);
    this.rowNumbers = new Int32Array(this.capacity);
    this.keyIndex = keyOnly >= 0 && columns[keyOnly]?.type === 'string' ? keyOnly : -1;
    this.key = this.keyIndex >= 0 ? new KeyColumn(this.capacity) : null;
    columns.forEach((c, i) => {
      this.numbers.push(c.type === 'string' ? null : new NumberColumn(c.type, this.capacity));
      this.strings.push(c.type === 'string' && i !== this.keyIndex ? new StringColumn(this.capacity) : null);
    });
  }

  setNumber(col: number, v: number): void {
    (this.numbers[col] as NumberColumn).values[this.rowCount] = v;
  }

  setString(col: number, s: string | null): void {
    if (col === this.keyIndex) (this.key as KeyColumn).set(this.rowCount, s);
    else (this.strings[col] as StringColumn).set(this.rowCount, s);
  }

  /**
   * A non-blank, already trimmed value as a range of `buf`, stored when it is plain (plainRange): nothing to
   * normalise. False, storing nothing, when it is not (the caller takes the general path).
   */
  setPlainRange(col: number, buf: string, start: number, end: number): boolean {
    if (col === this.keyIndex) return (this.key as KeyColumn).setPlainRange(this.rowCount, buf, start, end);
    return (this.strings[col] as StringColumn).setPlainRange(this.rowCount, buf, start, end);
  }

  /** The last setPlainRange of text column `col` (not the key-only one) will be done again: see StringColumn.uncount. */
  uncount(col: number): void {
    (this.strings[col] as StringColumn).uncount();
  }

  /** The key-only column's hashes over the kept rows, and whether its keys were in increasing order. */
  keyHashes(): KeyHashes | null {
    const k = this.key;
    return k === null ? null : { ordered: k.ordered, hashes: k.hashes.subarray(0, this.rowCount) };
  }

  /**
   * The key hashes are not needed (the keys came in increasing order): their memory (4 bytes a row) is given back
   * now rather than at the next full garbage collection, which may come only after scoring has allocated its own
   * per-row arrays on top (at 10M rows, 40 MB more at the peak).
   */
  releaseKeyHashes(): void {
    const k = this.key;
    if (k === null) return;
    const buffer = k.hashes.buffer;
    k.hashes = new Int32Array(0);
    // Transferring detaches the buffer here; the clone nobody keeps is young, so a minor collection frees it.
    structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
  }

  /** The value just set for the row being written: null when blank. */
  peek(col: number): string | number | null {
    if (col === this.keyIndex) return (this.key as KeyColumn).blank ? null : '';
    const str = this.strings[col];
    if (str) return str.at(this.rowCount);
    const v = (this.numbers[col] as NumberColumn).values[this.rowCount] as number;
    return Number.isNaN(v) ? null : v;
  }

  commit(rowNumber: number): void {
    this.key?.commit();
    this.rowNumbers[this.rowCount] = rowNumber;
    this.rowCount++;
    if (this.rowCount === this.capacity) this.grow();
  }

  /** Room for about `rows` rows in one allocation (estimated from the file size), instead of doubling. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(rows);
    for (const c of this.strings) c?.reserve(rows);
  }

  private grow(): void {
    this.resize(Math.ceil(this.capacity * 1.5));
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    // The arrays may be longer than the capacity (shareFrom): only the rows written move.
    const n = Math.min(this.rowCount, capacity);
    const rn = new Int32Array(this.capacity);
    rn.set(this.rowNumbers.subarray(0, n));
    this.rowNumbers = rn;
    for (const c of this.numbers) {
      if (c === null) continue;
      const v = new Float64Array(this.capacity);
      v.set(c.values.subarray(0, n));
      c.values = v;
    }
    for (const c of this.strings) c?.resize(this.capacity);
    if (this.key !== null) {
      const h = new Int32Array(this.capacity);
      h.set(this.key.hashes.subarray(0, n));
      this.key.hashes = h;
    }
  }

  // ---- the parallel read (csv-parallel.ts) -----------------------------------------------------------------

  /**
   * Moves the columns into memory shared with a worker thread, room for `total` rows (csv-parallel.ts: done as soon
   * as a file may be split, so that no column is copied when it is). See layoutFrom.
   */
  share(total: number): void {
    const n = this.rowCount;
    const rn = new Int32Array(new SharedArrayBuffer(total * 4));
    rn.set(this.rowNumbers.subarray(0, n));
    this.rowNumbers = rn;
    for (const c of this.numbers) {
      if (c === null) continue;
      const v = new Float64Array(new SharedArrayBuffer(total * 8));
      v.set(c.values.subarray(0, n));
      c.values = v;
    }
    for (const c of this.strings) {
      if (c === null) continue;
      c.reserve(total);
      if (c.codes === null) continue;
      const v = new Uint16Array(new SharedArrayBuffer(total * 2));
      v.set(c.codes.subarray(0, n));
      c.codes = v;
    }
    if (this.key !== null) this.key.resize(total);
    this.capacity = total;
  }

  /**
   * The worker's part of the shared columns: this thread writes below `mainRows` (it grows into arrays of its own
   * past that), the worker from `mainRows` on, through the views returned. Merging (appendPart) moves the worker's
   * rows down in place: no second copy of a column. Null when the columns are not (or no longer) shared or full.
   */
  layoutFrom(mainRows: number): SharedLayout | null {
    const rn = this.rowNumbers;
    if (!(rn.buffer instanceof SharedArrayBuffer) || this.rowCount >= mainRows || mainRows >= rn.length) return null;
    this.capacity = mainRows;
    return {
      rowNumbers: rn.subarray(mainRows),
      numbers: this.numbers.map((c) => (c === null ? null : c.values.subarray(mainRows))),
      codes: this.strings.map((c) => (c === null || c.codes === null ? null : c.codes.subarray(mainRows))),
    };
  }

  /** The worker's side of layoutFrom: its rows go into the shared views, from their start. */
  adoptShared(layout: SharedLayout): void {
    this.capacity = layout.rowNumbers.length;
    this.rowNumbers = layout.rowNumbers;
    layout.numbers.forEach((v, i) => {
      const c = this.numbers[i];
      if (c && v) c.values = v;
    });
    layout.codes.forEach((v, i) => {
      const c = this.strings[i];
      if (c && v && c.codes !== null) c.codes = v;
      else c?.resize(this.capacity);
    });
    this.key?.resize(this.capacity);
  }

  /** The split did not hold: this thread reads on alone, into all the room share made. */
  unshare(): void {
    this.capacity = this.rowNumbers.length;
  }

  /** The worker's rows, to hand to the thread that merges them. */
  exportPart(): BuilderPart {
    const n = this.rowCount;
    const k = this.key;
    return {
      rows: n,
      rowNumbers: this.rowNumbers.subarray(0, n),
      numbers: this.numbers.map((c) => (c === null ? null : c.values.subarray(0, n))),
      strings: this.strings.map((c) => (c === null ? null : c.part(n))),
      key: k === null ? null : { hashes: k.hashes.subarray(0, n), ordered: k.ordered, first: k.first },
    };
  }

  /** Whether appendPart can take `part` as one sequential read would have stored it (StringColumn.canAppend). */
  canAppend(part: BuilderPart): boolean {
    return this.strings.every((c, i) => c === null || c.canAppend(part.strings[i] as StringPart));
  }

  /**
   * The worker's rows after this thread's, their row numbers moved on by `rowOffset` (the records before them).
   * Columns in shared memory move down in place (TypedArray#set copies overlapping ranges as memmove does).
   */
  appendPart(part: BuilderPart, rowOffset: number): void {
    const at = this.rowCount;
    const n = part.rows;
    if (at + n > this.rowNumbers.length) this.resize(at + n + 1);
    this.rowNumbers.set(part.rowNumbers.subarray(0, n), at);
    const rn = this.rowNumbers;
    for (let i = at; i < at + n; i++) rn[i] = (rn[i] as number) + rowOffset;
    this.numbers.forEach((c, i) => {
      c?.values.set((part.numbers[i] as Float64Array).subarray(0, n), at);
    });
    this.strings.forEach((c, i) => {
      if (c === null) return;
      c.reserve(at + n + 1);
      c.append(part.strings[i] as StringPart, at, n);
    });
    const k = this.key;
    if (k !== null && part.key !== null && !k.followedBy(part.key)) {
      // Out of order somewhere: the duplicate check needs every row's hash. (In order, none is read: not copied.)
      if (k.hashes.length < at + n) k.resize(at + n + 1);
      k.hashes.set(part.key.hashes.subarray(0, n), at);
    }
    this.rowCount = at + n;
    this.capacity = Math.max(this.capacity, this.rowNumbers.length);
    // The part's own arrays (moved here from the worker, not shared) are given back now, not at a later full
    // collection (see releaseKeyHashes): at 10M rows the worker's key hashes alone are 20 MB.
    const own = new Set<ArrayBuffer>();
    for (const a of [part.rowNumbers, ...part.numbers, part.key?.hashes]) if (a && a.buffer instanceof ArrayBuffer) own.add(a.buffer);
    for (const s of part.strings) if (s !== null && 'codes' in s && s.codes.buffer instanceof ArrayBuffer) own.add(s.codes.buffer);
    if (own.size > 0) structuredClone([...own], { transfer: [...own] });
  }

  build(source: string, file: string): Table {
    const n = this.rowCount;
    const columns = new Map<string, Column>();
    this.columns.forEach((spec, i) => {
      const num = this.numbers[i];
      const str = this.strings[i];
      if (str?.codes) {
        const codes = str.codes.length - n > n / 8 + 1024 ? str.codes.slice(0, n) : str.codes.subarray(0, n);
        columns.set(spec.name, codedColumn(codes, str.known));
      } else if (str) {
        const values = str.values ?? [];
        values.length = n; // drop a half-written, skipped last row
        columns.set(spec.name, { type: 'string', values });
      } else if (num) {
        // Keep the array when the estimate was close; copy only when much was left over.
        const values = num.values.length - n > n / 8 + 1024 ? num.values.slice(0, n) : num.values.subarray(0, n);
        if (num.type === 'money') columns.set(spec.name, { type: 'money', values, scale: this.scale });
        else columns.set(spec.name, { type: num.type, values });
      }
    });
    const rn = this.rowNumbers;
    return { source, file, rowCount: n, rowNumbers: rn.length - n > n / 8 + 1024 ? rn.slice(0, n) : rn.subarray(0, n), columns };
  }
}
