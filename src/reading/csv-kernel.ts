// The CSV read's WebAssembly kernel (issue 14): RowSink.csvLine's rules on the file's bytes, in wasm
// (src/reading/kernel/csv-kernel.ts, built into dist/csv-kernel.wasm). It keeps a line only where csvLine would
// keep it, storing what csvLine stores, and stops at any other line for the JavaScript read (tokenizer → csvLine →
// csvRow) to read it as without the kernel. The module is compiled once per thread, at the first kernel made: no
// other path loads it. test/reading/csv-kernel.test.ts holds the kernel to the general read.
import { readFileSync } from 'node:fs';
import { packageRoot } from '../package-root.js';

/** What csvLine does with a header field (RowSink's lineActs use the same numbers). */
export const K_SKIP = 0;
export const K_KEY = 1;
export const K_TEXT = 2;
export const K_CASH = 3;
export const K_DAY = 4;

export interface KernelSetup {
  /** Per header field (length = the header's field count): K_SKIP … K_DAY. */
  acts: Uint8Array;
  /** Per header field: 1 where a blank value declines the line (the rep's and the date's: endRow reports them). */
  required: Uint8Array;
  /** The separator's char code: one ASCII byte, not `"`, CR or LF. */
  delimiter: number;
  /** plainMoney's settings (values.ts): point and group char codes; symbol char code (-1: none; a symbol above
   *  0x7e: every money value that has it declines); scale = the minor unit's digits (0–8); declared. */
  point: number;
  group: number;
  symbol: number;
  scale: number;
  declared: boolean;
  /** List the kept rows whose day in header field `field` lies in [first, last] (day numbers, inclusive); null: none. */
  period: { field: number; first: number; last: number } | null;
  /** The most bytes one run is given (the read's chunk size; tests use tiny ones, down to 1). */
  chunkBytes: number;
}

/** Why a run stopped. */
/** Every complete line read; [end, len) is an incomplete last line (only if !final). */
export const STOP_DONE = 0;
/** The line [end, lineEnd) (its line end after it, the next line at `next`) is not read: JS reads it, then runs again from `next`. */
export const STOP_DECLINED = 1;
/** The record at `end` may span lines (a quote open at the line end, a lone CR): JS reads everything from `end` on. */
export const STOP_SPANS = 2;
/** A text table is full: JS reads from `end` on, the kernel is not used again. */
export const STOP_FULL = 3;

export interface KernelRun {
  stop: number;
  /** Where it stopped: the start of the first line not read (an offset into input()). */
  end: number;
  /** STOP_DECLINED: the declined line's end before CR LF / LF, and the next line's start. */
  lineEnd: number;
  next: number;
  /** Records read in this run (every line read, blank ones included; not the declined one). */
  records: number;
  /** Rows kept in this run: the length of every output below. */
  rows: number;
}

/** The kernel's exports (src/reading/kernel/csv-kernel.ts). */
interface Exports {
  memory: { buffer: ArrayBuffer };
  init(fields: number, chunk: number, delim: number, point: number, group: number, symbol: number, scale: number, declared: number): number;
  prepare(periodField: number, first: number, last: number): number;
  run(from: number, len: number, final: number, rowBefore: number): void;
  outputOf(field: number): number;
  entryOf(g: number): number;
  poolAt(): number;
  codeCount(field: number): number;
  IN: { value: number };
  FP: { value: number };
  ROWNO: { value: number };
  HASHES: { value: number };
  PLIST: { value: number };
  RES: { value: number };
  nEnt: { value: number };
}

interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let compiled: object | null = null;

/** The kernel's module, compiled at the first use in this thread (synchronously: a few ms, once). */
function kernelModule(): object {
  if (compiled === null) {
    const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    compiled = new wasm.Module(readFileSync(new URL('dist/csv-kernel.wasm', packageRoot)));
  }
  return compiled;
}

/** A run's results in RES (i32 each), as the kernel writes them. */
const R_STOP = 0;
const R_END = 1;
const R_LINE_END = 2;
const R_NEXT = 3;
const R_RECORDS = 4;
const R_ROWS = 5;
const R_PERIOD = 6;
const R_KEY_BREAK = 7;
const R_FIRST_KEY = 8; // start, length (-1: none)
const R_LAST_KEY = 10;

export class CsvKernel {
  private readonly k: Exports;
  private readonly acts: Uint8Array;
  private readonly chunkBytes: number;
  private readonly inAt: number;
  private readonly res: Int32Array;
  /** Per text field: each code's entry in the kernel's table of texts (filled as text() asks), and the texts made. */
  private readonly entries = new Map<number, number[]>();
  private readonly texts = new Map<number, string[]>();
  private entriesSeen = 0;
  private rowCount = 0;
  private periodCount = 0;
  private first: string | null = null;
  private last: string | null = null;
  private readonly points = new Map<number, { row: number; raw: string }>();

  constructor(setup: KernelSetup) {
    const n = setup.acts.length;
    const d = setup.delimiter;
    if (n < 1 || setup.required.length !== n) throw new Error('CsvKernel: acts and required must have one entry per header field');
    if (setup.acts.some((a) => a > K_DAY)) throw new Error(`CsvKernel: acts ${setup.acts.join(',')} hold an act other than K_SKIP … K_DAY`);
    if (!(d >= 0 && d <= 0x7f) || d === 34 || d === 10 || d === 13) throw new Error(`CsvKernel: separator ${d} is not one ASCII byte other than " CR LF`);
    if (!(Number.isInteger(setup.scale) && setup.scale >= 0 && setup.scale <= 8)) throw new Error(`CsvKernel: scale ${setup.scale} is not 0–8`);
    if (!(Number.isInteger(setup.chunkBytes) && setup.chunkBytes >= 1)) throw new Error(`CsvKernel: chunkBytes ${setup.chunkBytes}`);
    const period = setup.period;
    if (period !== null && setup.acts[period.field] !== K_DAY) throw new Error(`CsvKernel: the period's field ${period.field} is not a day field`);
    const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    this.k = new wasm.Instance(kernelModule(), {}).exports as Exports;
    const k = this.k;
    const acts = k.init(n, setup.chunkBytes, d, setup.point, setup.group, setup.symbol, setup.scale, setup.declared ? 1 : 0);
    const mem = new Uint8Array(k.memory.buffer);
    for (let f = 0; f < n; f++) mem[acts + f] = (setup.acts[f] as number) | (setup.required[f] ? 8 : 0);
    const why = k.prepare(period === null ? -1 : period.field, period?.first ?? 0, period?.last ?? 0);
    if (why === 1) throw new Error('CsvKernel: more than one key field');
    if (why === 2) throw new Error('CsvKernel: more than 4095 text fields');
    this.acts = setup.acts.slice();
    this.chunkBytes = setup.chunkBytes;
    this.inAt = k.IN.value;
    this.res = new Int32Array(k.memory.buffer, k.RES.value, 16);
  }

  /** The input area (a fresh view each call: memory may grow): the read writes up to chunkBytes bytes at 0. */
  input(): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, this.inAt, this.chunkBytes);
  }

  /**
   * Reads the lines of input[from, len). `final`: these bytes end the file (a last line without a line feed is a
   * line). `rowBefore`: the record number (CsvRecord.row) of the record before input[from].
   */
  run(from: number, len: number, final: boolean, rowBefore: number): KernelRun {
    if (!(from >= 0 && from <= len && len <= this.chunkBytes)) throw new Error(`CsvKernel.run: [${from}, ${len}) is not within the input`);
    const k = this.k;
    k.run(from, len, final ? 1 : 0, rowBefore);
    const r = this.res;
    this.rowCount = r[R_ROWS] as number;
    this.periodCount = r[R_PERIOD] as number;
    // The keys and the points' texts are taken now: the input is the read's to overwrite before it asks.
    this.first = this.inputText(r[R_FIRST_KEY] as number, r[R_FIRST_KEY + 1] as number);
    this.last = this.inputText(r[R_LAST_KEY] as number, r[R_LAST_KEY + 1] as number);
    this.points.clear();
    const fp = new Int32Array(k.memory.buffer, k.FP.value, 4 * this.acts.length);
    let m = 0;
    for (let f = 0; f < this.acts.length; f++) {
      if (this.acts[f] !== K_CASH) continue;
      const at = 4 * m++;
      if ((fp[at] as number) >= 0)
        this.points.set(f, { row: fp[at + 1] as number, raw: this.inputText(fp[at + 2] as number, (fp[at + 3] as number) - (fp[at + 2] as number)) as string });
    }
    return {
      stop: r[R_STOP] as number,
      end: r[R_END] as number,
      lineEnd: r[R_LINE_END] as number,
      next: r[R_NEXT] as number,
      records: r[R_RECORDS] as number,
      rows: this.rowCount,
    };
  }

  /** The text of input bytes [at, at + len) (ASCII: the kernel keeps no other), null for length -1. */
  private inputText(at: number, len: number): string | null {
    return len < 0 ? null : Buffer.from(this.k.memory.buffer, this.inAt + at, len).toString('latin1');
  }

  // The last run's output: views into wasm memory, valid until the next run; index = kept row (0 … rows-1).

  /** Each kept row's record number. */
  rowNumbers(): Int32Array {
    return new Int32Array(this.k.memory.buffer, this.k.ROWNO.value, this.rowCount);
  }

  /** K_CASH: the value as plainMoney returns it (minor units); K_DAY: the day number as isoDayFast; NaN: blank. */
  numbers(field: number): Float64Array {
    if (this.acts[field] !== K_CASH && this.acts[field] !== K_DAY) throw new Error(`CsvKernel: field ${field} is not money or a day`);
    return new Float64Array(this.k.memory.buffer, this.k.outputOf(field), this.rowCount);
  }

  /** K_TEXT: 0 for a blank, else the text's code in this field: 1, 2, … in first-seen order, stable for the kernel's life. */
  codes(field: number): Int32Array {
    if (this.acts[field] !== K_TEXT) throw new Error(`CsvKernel: field ${field} is not a text field`);
    return new Int32Array(this.k.memory.buffer, this.k.outputOf(field), this.rowCount);
  }

  /** The text of a code of K_TEXT field `field`. */
  text(field: number, code: number): string {
    let made = this.texts.get(field);
    const known = made?.[code];
    if (known !== undefined) return known;
    const k = this.k;
    // The entries interned since the last look, filed by field and code.
    const count = k.nEnt.value;
    const ents = new Int32Array(k.memory.buffer, k.entryOf(0), 4 * count);
    for (let g = this.entriesSeen; g < count; g++) {
      const f = ents[4 * g + 2] as number;
      let list = this.entries.get(f);
      if (list === undefined) this.entries.set(f, (list = []));
      list[ents[4 * g + 3] as number] = g;
    }
    this.entriesSeen = count;
    const g = this.entries.get(field)?.[code];
    if (g === undefined) throw new Error(`CsvKernel: field ${field} has no code ${code}`);
    const text = Buffer.from(k.memory.buffer, k.poolAt() + (ents[4 * g] as number), ents[4 * g + 1] as number).toString('latin1');
    if (made === undefined) this.texts.set(field, (made = []));
    made[code] = text;
    return text;
  }

  /** How many codes field `field` has given so far. */
  codeCount(field: number): number {
    if (this.acts[field] !== K_TEXT) throw new Error(`CsvKernel: field ${field} is not a text field`);
    return this.k.codeCount(field);
  }

  /** K_KEY: each kept row's key hash, key-index.ts hashRange's (FNV-1a, | 1); 0 for a blank key. */
  hashes(): Int32Array {
    return new Int32Array(this.k.memory.buffer, this.k.HASHES.value, this.rowCount);
  }

  /** Indexes (0 … rows-1) of the kept rows whose day (setup.period.field) is in the period, in order. */
  periodRows(): Int32Array {
    return new Int32Array(this.k.memory.buffer, this.k.PLIST.value, this.periodCount);
  }

  /** K_KEY: the first kept row (index) whose non-blank key is not above the previous non-blank kept key of this run
   *  (byte order, = UTF-16 order on ASCII); -1: strictly increasing throughout the run. */
  keyBreak(): number {
    return this.res[R_KEY_BREAK] as number;
  }

  /** The run's first and last non-blank kept keys (null: none). */
  firstKey(): string | null {
    return this.first;
  }

  lastKey(): string | null {
    return this.last;
  }

  /** K_CASH: the run's first kept row whose value holds the decimal point (setup.point): its record number, and the
   *  value's text as written in the file (SeparatorWatch.saw's `row` and `raw`); null: none in this run. */
  firstPoint(field: number): { row: number; raw: string } | null {
    return this.points.get(field) ?? null;
  }
}
