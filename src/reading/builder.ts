// Grows the typed columns of one Table row by row. A row is written in place at index `rowCount` and only
// counted by commit(), so a row that turns out bad is simply overwritten by the next one.

import type { ColumnType } from '../core/model.js';
import { Buffer } from 'node:buffer';
import { codedColumn, type Column, type Table } from '../core/table.js';
import { hashRange } from './key-index.js';
import { PeriodList, type PeriodListPart } from './period-list.js';
import type { PeriodRows } from '../core/period-rows.js';

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

  /** Per code of the reader appendCodes takes rows from: this column's code (0: not met here yet). */
  private fromCodes = new Int32Array(64);

  /**
   * Rows [at, at + n) read by a reader with codes of its own (the CSV kernel, kernel-lines.ts: 1 … count, code k is
   * src.text(col, k); a method, not a closure made per call: TurboFan threw away code inlined for one closure), stored
   * as set() would store them one by one: each code interned at the row that first has it, every other text counted
   * as one lookup, so the column holds the same codes in the same order and turns to strings at the same row as when
   * the rows are read one by one.
   */
  appendCodes(codes: Int32Array, n: number, at: number, count: number, src: RowsRead, col: number): void {
    let i = 0;
    if (this.codes !== null) {
      if (this.fromCodes.length <= count) {
        const m = new Int32Array(Math.max(count + 1, this.fromCodes.length * 2));
        m.set(this.fromCodes);
        this.fromCodes = m;
      }
      const map = this.fromCodes;
      const out = this.codes;
      for (; i < n; i++) {
        const k = codes[i] as number;
        if (k === 0) {
          out[at + i] = 0;
          continue;
        }
        let c = map[k] as number;
        if (c === 0) {
          const s = src.text(col, k);
          c = this.intern(s, s, 0, s.length, at + i, false);
          if (c < 0) break; // turned to strings (rows before at + i): this row and the rest below
          map[k] = c;
        } else this.lookups++;
        out[at + i] = c;
      }
      if (i === n) return;
    }
    const values = this.values as (string | null)[];
    for (; i < n; i++) {
      const k = codes[i] as number;
      values[at + i] = k === 0 ? null : src.text(col, k);
    }
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

/** From this size on, buffers no longer needed are given back at once (giveBack): they matter for the peak. */
export const GIVE_BACK_BYTES = 32 * 1024 * 1024;
let detachedOnce = false;

/**
 * Gives `buffers` back to the system now rather than at the next full collection, by detaching them (a transfer
 * to a clone nobody keeps, young, so a minor collection frees it). The first detach in a thread costs: V8 then
 * throws away every optimised function that reads typed arrays (its ArrayBufferDetaching protector), so after a
 * parallel read the main thread compiled the whole read (csvLine, intern, commit, …) again for the roster and the
 * score: at 1M rows ~3 % of the run's cpu (30 alternating pairs, lower in 22). So buffers are detached only when
 * together they are `minBytes` or more (10M rows: 40 MB of key hashes, ~140 MB of the worker's part), or once
 * some were: smaller ones are left to the collector.
 */
export function giveBack(buffers: ArrayBuffer[], minBytes = GIVE_BACK_BYTES): boolean {
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  if (bytes === 0 || (bytes < minBytes && !detachedOnce)) return false;
  structuredClone(buffers, { transfer: buffers });
  detachedOnce = true;
  return true;
}

/**
 * Keys a column keeps as text from its first rows while they come in order (and while short enough in all): an order
 * broken among them is hashed from these, without a second read.
 */
const KEPT_KEYS = 4096;
const KEPT_CHARS = 256 * 1024;
let keptKeys = KEPT_KEYS;

/** Tests only: keep `n` keys as text (undefined: back to KEPT_KEYS), to put the order's break past them. */
export function setKeptKeysForTests(n: number | undefined): void {
  keptKeys = n ?? KEPT_KEYS;
}

/**
 * Text with no character that is not plain (notPlain), checked natively over a whole decoded chunk: its byte length
 * in UTF-8 equals its length only when every character is below 0x80; 0x7f (DEL) is the one of those not plain.
 */
function plainText(buf: string): boolean {
  return Buffer.byteLength(buf, 'utf8') === buf.length && buf.indexOf('\x7f') === -1;
}

/**
 * A key column read only to find duplicate keys (SourceSpec.keyOnly): no text kept, and no two keys can be equal
 * while they come in strictly increasing order (exports sorted by their id, as CRMs write them). So while they do,
 * each key is only compared with the last one (a native slice and `>`, by UTF-16 code units, on the text as it would
 * have been stored); from the first one that is not greater on, each key is hashed (the hash of key-index.ts
 * hashRange), and the rows whose hashes collide are read again for their text (reading/index.ts). The rows before
 * that break are hashed from their kept text when it was among the first keys (an unsorted file), else read again up
 * to the break (`unhashed`: reading/index.ts keyHashesUpTo). `eager` (workbooks, that second read): every key hashed
 * as it comes, nothing left unhashed.
 */
class KeyColumn {
  hashes: Int32Array;
  /** Strictly increasing so far, over the kept rows with a key. */
  ordered = true;
  /** Rows [0, unhashed) have no hash (hashes holds nothing there): they were in order; set once the order breaks. */
  unhashed = 0;
  /** The first and the last kept key while in order (null: none yet). */
  first: string | null = null;
  last: string | null = null;
  /** The current row's key (null: blank), while in order. */
  private cur: string | null = null;
  private curBlank = true;
  /**
   * The first kept rows' keys (null: blank), while `keeping`: in order and within keptKeys / KEPT_CHARS. Never set to
   * null: a field that changes its type throws away the code V8 optimised on it (csvLine, 4,096 rows into the read).
   */
  private readonly kept: (string | null)[] = [];
  private keeping = true;
  private keptChars = 0;
  /** The decoded text whose keys were last read, and whether it is plain throughout (plainText). */
  private text = '';
  private textPlain = true;

  constructor(
    capacity: number,
    private readonly eager: boolean,
    /** Hashes only (the second read for them): no order to follow. */
    hashesOnly = false,
  ) {
    this.hashes = new Int32Array(capacity);
    if (hashesOnly) {
      this.ordered = false;
      this.keeping = false;
    }
  }

  set(row: number, s: string | null): void {
    this.curBlank = s === null;
    if (this.ordered) {
      this.cur = s;
      if (this.eager) this.hashes[row] = s === null ? 0 : hashRange(s, 0, s.length);
    } else this.hashes[row] = s === null ? 0 : hashRange(s, 0, s.length);
  }

  /** As StringColumn.setPlainRange: false, storing nothing, when the text is not plain. */
  setPlainRange(row: number, buf: string, start: number, end: number): boolean {
    this.curBlank = false;
    if (!this.ordered) return this.hash(row, buf, start, end);
    if (buf !== this.text) {
      this.text = buf;
      this.textPlain = plainText(buf);
    }
    if (!this.textPlain && !plainRange(buf, start, end)) return false;
    this.cur = buf.slice(start, end);
    if (this.eager) this.hashes[row] = hashRange(buf, start, end);
    return true;
  }

  /** FNV-1a of a plain key, as hashRange, once the order is broken. */
  private hash(row: number, buf: string, start: number, end: number): boolean {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (notPlain(c)) return false;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.hashes[row] = h | 1; // as hashRange: odd, 0 is a blank
    return true;
  }

  get blank(): boolean {
    return this.curBlank;
  }

  /** Room for `capacity` rows, the first `rows` kept (rows beyond it are dropped; no hashes to keep while in order). */
  resize(capacity: number, rows: number): void {
    const h = new Int32Array(capacity);
    if (!this.ordered || this.eager) h.set(this.hashes.subarray(0, Math.min(rows, capacity, this.hashes.length)));
    this.hashes = h;
  }

  /** Row `row` is kept: is its key still greater than the last one? */
  commit(row: number): void {
    if (!this.ordered) return;
    const s = this.cur;
    if (this.keeping) {
      const kept = this.kept;
      // Stored on every row, not only on the one that ends the keeping: a branch first taken 4,096 rows into the read
      // had no feedback, and V8 threw away the read's optimised code (csvLine, which inlines this) to take it.
      this.keeping = kept.length < keptKeys && this.keptChars < KEPT_CHARS;
      if (this.keeping) {
        // A copy: a slice of 13+ characters is a view that would keep its whole decoded chunk alive.
        kept.push(s === null || s.length < 13 ? s : own(s, 0, s.length));
        this.keptChars += s?.length ?? 0;
      }
    }
    if (s === null) return;
    const last = this.last;
    if (last === null) this.first = own(s, 0, s.length);
    else if (!(s > last)) {
      this.breaks(row);
      return;
    }
    this.last = s;
  }

  /** The order breaks at row `row` (its key not above the last): the rows before it are hashed now, or left unhashed. */
  private breaks(row: number): void {
    const s = this.cur as string;
    this.hashes[row] = hashRange(s, 0, s.length);
    this.outOfOrder(row);
  }

  /** No longer in order from row `row` on: the rows before it hashed from their kept text, or left to read again. */
  private outOfOrder(row: number): void {
    this.ordered = false;
    this.unhashed = this.hashKept(row) ? 0 : row; // eager: every row hashed already (hashKept)
    this.first = this.last = this.cur = null;
    this.stopKeeping();
  }

  private stopKeeping(): void {
    this.keeping = false;
    this.kept.length = 0;
  }

  /** Rows [0, rows) hashed from their kept text, if every one is kept (eager: already hashed). */
  private hashKept(rows: number): boolean {
    const kept = this.kept;
    if (this.eager) return true;
    if (!this.keeping || kept.length < rows) return false;
    for (let i = 0; i < rows; i++) {
      const k = kept[i] as string | null;
      this.hashes[i] = k === null ? 0 : hashRange(k, 0, k.length);
    }
    return true;
  }

  /**
   * Rows [at, at + n) read elsewhere (the CSV kernel), their keys hashed as read (0: blank): `brk` is the first of them
   * whose key is not above the one before it among them (-1: none), `first` and `last` their first and last keys
   * (null: all blank). As the rows read one by one: while in order, nothing is stored (untouched, the hashes' pages
   * cost no memory: 40 MB at 10M rows); at the break, the rows before these are hashed from their kept text or read
   * again, and these rows' hashes are stored.
   */
  appendHashed(hashes: Int32Array, at: number, n: number, brk: number, first: string | null, last: string | null): void {
    if (this.ordered && first !== null && (brk >= 0 || (this.last !== null && !(first > this.last)))) this.outOfOrder(at);
    this.stopKeeping(); // these rows are not among the kept keys: those no longer cover every row
    if (!this.ordered || this.eager) this.hashes.set(hashes.subarray(0, n), at);
    if (!this.ordered || first === null) return;
    if (this.first === null) this.first = first;
    this.last = last;
  }

  /** Parallel read: the first `rows` rows, as a worker hands them over (rows in order are hashed when kept: few). */
  part(rows: number): KeyPart {
    const unhashed = this.ordered ? (this.hashKept(rows) ? 0 : rows) : this.unhashed;
    return { hashes: this.hashes.subarray(0, rows), ordered: this.ordered, first: this.first, last: this.last, unhashed };
  }

  /**
   * Parallel read: a part's rows follow this column's first `at` rows. Still in increasing order if both parts are and
   * the part's first key is above this one's last (equal keys across the split break it). Otherwise every row needs
   * its hash: the part's are copied in, and the rows that have none are those before this column's break (or all of
   * its rows, unless kept as text) up to the part's own break.
   */
  append(part: KeyPart, at: number, n: number): void {
    const f = part.first;
    if (this.ordered && part.ordered && (f === null || this.last === null || f > this.last)) {
      if (part.last !== null) this.last = part.last;
      if (this.first === null) this.first = f;
      this.stopKeeping(); // the part's rows are not in it
      return;
    }
    if (this.ordered) this.outOfOrder(at);
    if (this.hashes.length < at + n) this.resize(at + n + 1, at);
    this.hashes.set(part.hashes.subarray(0, n), at);
    if (part.unhashed > 0) this.unhashed = at + part.unhashed;
  }
}

/** A text column's rows read by another thread (csv-parallel.ts): codes into `known`, or one string per row. */
export type StringPart = { codes: Uint16Array; known: readonly (string | null)[] } | { values: (string | null)[] };

/** A key-only column's rows read by another thread: their hashes, whether in increasing order, its first and last key. */
export interface KeyPart {
  hashes: Int32Array;
  ordered: boolean;
  first: string | null;
  last: string | null;
  /** Its rows [0, unhashed) have no hash: in order up to there, and not kept as text. */
  unhashed: number;
}

/** The rows a worker thread kept (csv-parallel.ts), column by column; typed arrays may be views of shared memory. */
export interface BuilderPart {
  rows: number;
  rowNumbers: Int32Array;
  numbers: (Float64Array | null)[];
  strings: (StringPart | null)[];
  key: KeyPart | null;
  /** The part's rows in the run's period (period-list.ts), when the read lists them. */
  period: PeriodListPart | null;
}

/**
 * A part's own arrays (not the memory shared with the main thread's columns): the worker moves them to the main
 * thread instead of copying them (csv-worker.ts), which gives them back once merged (appendPart).
 */
export function ownBuffers(part: BuilderPart): ArrayBuffer[] {
  const arrays: (ArrayBufferView | null | undefined)[] = [part.rowNumbers, ...part.numbers, part.key?.hashes, part.period?.rows, part.period?.seen];
  for (const s of part.strings) if (s !== null && 'codes' in s) arrays.push(s.codes);
  const own = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) own.add(a.buffer);
  return [...own];
}

/**
 * Rows read by the CSV kernel, per table column (`col`): TableBuilder.appendRows. Views valid until the kernel reads
 * on; text columns as codes of the kernel's own (0: blank) with their texts; null: the column is not read there.
 */
export interface RowsRead {
  readonly rows: number;
  rowNumbers(): Int32Array;
  numbers(col: number): Float64Array | null;
  codes(col: number): Int32Array | null;
  codeCount(col: number): number;
  text(col: number, code: number): string;
  /** The key-only column: hashes (0: blank), the first row out of order (-1: none), the first and last keys. */
  hashes(): Int32Array;
  keyBreak(): number;
  firstKey(): string | null;
  lastKey(): string | null;
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
  /** Per kept row: the key's hash (odd), or 0 for a blank key; nothing yet for rows [0, unhashed). */
  hashes: Int32Array;
  /** Not ordered: the keys of rows [0, unhashed) are to be read again for their hashes (reading/index.ts). */
  unhashed: number;
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
  /** The rows in the run's period, by the date column `periodCol` (listPeriod; null: not listed). */
  private period: PeriodList | null = null;
  private readonly periodCol: number;
  /** Rows [0, periodListed) are in `period`'s list (listPeriod). */
  private periodListed = 0;

  constructor(
    private readonly columns: readonly { name: string; type: ColumnType }[],
    private readonly scale: number,
    expectedRows = 1024,
    /** A string column read only to find duplicate keys: hashed, not kept (see KeyColumn). -1: none. */
    keyOnly = -1,
    /**
     * lazy: its keys hashed only once out of order (KeyColumn; a CSV read, able to read the keys again up to there);
     * hashes: every key hashed, its order not followed (that second read).
     */
    keys: 'eager' | 'lazy' | 'hashes' = 'eager',
    /** List the rows whose date (column `col`, a date column) is in start…end (listPeriod, period-list.ts). */
    inPeriod?: { col: number; start: number; end: number },
  ) {
    this.capacity = Math.max(16, expectedRows);
    this.rowNumbers = new Int32Array(this.capacity);
    this.keyIndex = keyOnly >= 0 && columns[keyOnly]?.type === 'string' ? keyOnly : -1;
    this.key = this.keyIndex >= 0 ? new KeyColumn(this.capacity, keys !== 'lazy', keys === 'hashes') : null;
    columns.forEach((c, i) => {
      this.numbers.push(c.type === 'string' ? null : new NumberColumn(c.type, this.capacity));
      this.strings.push(c.type === 'string' && i !== this.keyIndex ? new StringColumn(this.capacity) : null);
    });
    this.periodCol = inPeriod !== undefined && columns[inPeriod.col]?.type === 'date' ? inPeriod.col : -1;
    if (inPeriod !== undefined && this.periodCol >= 0) this.period = new PeriodList(inPeriod.start, inPeriod.end);
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

  /** The key-only column's hashes over the kept rows, whether its keys were in increasing order, rows without one. */
  keyHashes(): KeyHashes | null {
    const k = this.key;
    return k === null ? null : { ordered: k.ordered, hashes: k.hashes.subarray(0, this.rowCount), unhashed: k.unhashed };
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
    if (buffer instanceof ArrayBuffer) giveBack([buffer]);
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
    this.key?.commit(this.rowCount);
    this.rowNumbers[this.rowCount] = rowNumber;
    this.rowCount++;
    if (this.rowCount === this.capacity) this.grow();
  }

  /** Rows read by the CSV kernel (kernel-lines.ts), kept after the rows so far, column by column. */
  appendRows(src: RowsRead): void {
    const n = src.rows;
    if (n === 0) return;
    const at = this.rowCount;
    // As commit leaves it: room for the next row to be written.
    if (at + n >= this.capacity) this.resize(Math.max(at + n + 1, Math.ceil(this.capacity * 1.5)));
    this.rowNumbers.set(src.rowNumbers().subarray(0, n), at);
    this.numbers.forEach((c, i) => {
      if (c === null) return;
      const v = src.numbers(i);
      if (v === null) c.values.fill(Number.NaN, at, at + n);
      else c.values.set(v.subarray(0, n), at);
    });
    this.strings.forEach((c, i) => {
      if (c === null) return;
      const codes = src.codes(i);
      if (codes === null) for (let r = at; r < at + n; r++) c.set(r, null);
      else c.appendCodes(codes, n, at, src.codeCount(i), src, i);
    });
    this.key?.appendHashed(src.hashes(), at, n, src.keyBreak(), src.firstKey(), src.lastKey());
    this.rowCount = at + n;
  }

  /** Room for about `rows` rows in one allocation (estimated from the file size), instead of doubling. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(rows);
    for (const c of this.strings) c?.reserve(rows);
    this.period?.reserve(rows);
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
    this.key?.resize(this.capacity, n);
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
    this.key?.resize(total, n);
    // The rows of the parts read elsewhere join this thread's list at the merge: room for them all.
    this.period?.reserve(total);
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
    this.key?.resize(this.capacity, this.rowCount);
    this.period?.reserve(this.capacity);
  }

  /** The split did not hold: this thread reads on alone, into all the room share made. */
  unshare(): void {
    this.capacity = this.rowNumbers.length;
  }

  /**
   * The rows kept since the last call added to the period's list, by a pass over their dates (not per row as they
   * are kept: that slowed the read's hot path by more than the pass costs). Each reading thread lists its own part
   * once it is read (csv-parallel.ts), so that the merge only joins the lists.
   */
  listPeriod(): void {
    const p = this.period;
    if (p === null || this.periodListed >= this.rowCount) return;
    p.add((this.numbers[this.periodCol] as NumberColumn).values, this.periodListed, this.rowCount);
    this.periodListed = this.rowCount;
  }

  /** The worker's rows, to hand to the thread that merges them. */
  exportPart(): BuilderPart {
    this.listPeriod();
    const n = this.rowCount;
    const k = this.key;
    return {
      rows: n,
      rowNumbers: this.rowNumbers.subarray(0, n),
      numbers: this.numbers.map((c) => (c === null ? null : c.values.subarray(0, n))),
      strings: this.strings.map((c) => (c === null ? null : c.part(n))),
      key: k === null ? null : k.part(n),
      period: this.period?.part() ?? null,
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
    if (k !== null && part.key !== null) k.append(part.key, at, n);
    // The part's list follows this thread's rows, every one of them listed first; a part without one (never
    // expected: both threads read with the same options) is listed by a pass over its dates later (listPeriod).
    if (this.period !== null && part.period !== null) {
      this.listPeriod();
      this.period.append(part.period, at);
      this.periodListed = at + n;
    }
    this.rowCount = at + n;
    this.capacity = Math.max(this.capacity, this.rowNumbers.length);
    // The part's own arrays (moved here from the worker, not shared) are given back now, not at a later full
    // collection (see releaseKeyHashes): at 10M rows the worker's key hashes alone are 20 MB.
    giveBack(ownBuffers(part));
  }

  /** The rows kept in the run's period, as core/period-rows.ts rowsBetween lists them; null when not listed. */
  periodRows(): PeriodRows | null {
    this.listPeriod();
    return this.period?.listed(this.rowCount) ?? null;
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
