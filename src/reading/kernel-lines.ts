// The CSV read's fast path over bytes (issue 14): the whole lines of a read chunk go to the WebAssembly kernel
// (csv-kernel.ts), which keeps the rows csvLine would keep, exactly as csvLine keeps them, column by column; a line it
// declines or stops at is decoded and handed to the tokenizer, which reads it as before (csvLine, then csvRow). So
// every row still goes one of the two known ways, in file order: the kernel's rows are kept before the line it
// stopped at is read.
import { isUtf8 } from 'node:buffer';
import type { Buffer } from 'node:buffer';
import type { RowsRead } from './builder.js';
import { CsvKernel, type KernelRun, type KernelSetup, STOP_DECLINED, STOP_DONE, STOP_FULL } from './csv-kernel.js';
import type { CsvTokenizer } from './csv-tokenizer.js';

/** Files from this size on have their rows read by the kernel: below it, its start costs more than it saves. */
export const KERNEL_BYTES = 2 * 1024 * 1024;
let kernelFrom = KERNEL_BYTES;
let kernelOn = true;

/** Tests: the kernel from files of `bytes` on (undefined: the default), or never (`on` false). */
export function setKernelForTests(on: boolean, bytes?: number): void {
  kernelOn = on;
  kernelFrom = bytes ?? KERNEL_BYTES;
}

/** Whether a file of `bytes` has its rows read by the kernel (RowSink.startKernel says whether its rows can be). */
export function kernelFor(bytes: number): boolean {
  return kernelOn && bytes >= kernelFrom;
}

/** What the kernel hands back for the sink to keep (RowSink.keepRowsRead). */
export interface KernelSink {
  sawNul: boolean;
  keepRowsRead(rows: KernelLines, records: number): void;
}

/**
 * After this many records, a file whose lines the kernel mostly declines (texts beyond ASCII, say) is read by the
 * tokenizer alone: each declined line costs the kernel's look at it on top of the tokenizer's.
 */
const JUDGED_AFTER = 4096;

export class KernelLines implements RowsRead {
  rows = 0;
  private readonly kernel: CsvKernel;
  /** Per table column: the header field it is read from (-1: none). */
  private readonly fieldOf: Int32Array;
  /** Per header field: its texts by code, as met (RowsRead.text is asked once per code, or per row once switched). */
  private readonly texts: string[][];
  private off = false;
  private records = 0;
  private declined = 0;

  constructor(
    setup: KernelSetup,
    cols: Int32Array,
    columns: number,
    private readonly sink: KernelSink,
  ) {
    this.kernel = new CsvKernel(setup);
    this.fieldOf = new Int32Array(columns).fill(-1);
    cols.forEach((i, f) => {
      if (i >= 0) this.fieldOf[i] = f;
    });
    this.texts = Array.from(cols, () => [''] as string[]); // code 0: a blank, never asked
  }

  /**
   * Reads `chunk`, whole lines (it ends with a line feed), into the sink; false, having read nothing, when the kernel
   * does not take it: the caller decodes it and hands the text to the tokenizer as before. The tokenizer must be at
   * the start of a record (nothing held back), and the decoder with no character cut in two (chunks end at LF).
   */
  read(chunk: Buffer, tokenizer: CsvTokenizer): boolean {
    const len = chunk.length;
    if (this.off || len === 0 || chunk[len - 1] !== 10 || !tokenizer.atRecordStart || this.sink.sawNul) return false;
    // Bytes that are not UTF-8 (or a NUL) are the decoder's to refuse or the tokenizer's to note: not read here.
    if (chunk.indexOf(0) !== -1 || !isUtf8(chunk)) return false;
    const k = this.kernel;
    k.input().set(chunk);
    let from = 0;
    for (;;) {
      const r = k.run(from, len, false, tokenizer.rowsSeen);
      this.keep(r, tokenizer);
      if (r.stop === STOP_DONE) {
        if (r.end < len) tokenizer.push(chunk.toString('utf8', r.end, len)); // not expected: the chunk ends at LF
        break;
      }
      if (r.stop === STOP_DECLINED) {
        this.declined++;
        tokenizer.push(chunk.toString('utf8', r.end, r.next));
        from = r.next;
        if (from < len) continue;
        break;
      }
      // A record that may span lines, or a text table full: the rest of the chunk is the tokenizer's.
      if (r.stop === STOP_FULL) this.off = true;
      tokenizer.push(chunk.toString('utf8', r.end, len));
      break;
    }
    // Judged on the lines it has seen: those it read and those it declined (a file of Chinese names declines them all).
    const seen = this.records + this.declined;
    if (seen >= JUDGED_AFTER && this.declined * 8 > seen) this.off = true;
    return true;
  }

  private keep(r: KernelRun, tokenizer: CsvTokenizer): void {
    this.rows = r.rows;
    this.records += r.records;
    if (r.records === 0) return;
    this.sink.keepRowsRead(this, r.records);
    tokenizer.moveOn(r.records, r.records); // a line the kernel reads is one record on one line
  }

  /** The last run's first kept row whose value in money field `field` holds the decimal point: its record number. */
  firstPoint(field: number): { row: number; raw: string } | null {
    return this.kernel.firstPoint(field);
  }

  // RowsRead: the last run's rows, per table column.
  rowNumbers(): Int32Array {
    return this.kernel.rowNumbers();
  }
  numbers(col: number): Float64Array | null {
    const f = this.fieldOf[col] as number;
    return f < 0 ? null : this.kernel.numbers(f);
  }
  codes(col: number): Int32Array | null {
    const f = this.fieldOf[col] as number;
    return f < 0 ? null : this.kernel.codes(f);
  }
  codeCount(col: number): number {
    return this.kernel.codeCount(this.fieldOf[col] as number);
  }
  text(col: number, code: number): string {
    const f = this.fieldOf[col] as number;
    const known = this.texts[f] as string[];
    // Filled in code order, never with a hole: one kind of array throughout (a hole made V8 throw away appendCodes).
    while (known.length <= code) known.push(this.kernel.text(f, known.length));
    return known[code] as string;
  }
  hashes(): Int32Array {
    return this.kernel.hashes();
  }
  keyBreak(): number {
    return this.kernel.keyBreak();
  }
  firstKey(): string | null {
    return this.kernel.firstKey();
  }
  lastKey(): string | null {
    return this.kernel.lastKey();
  }
}
