// The part of a CSV file from a split on, read into a RowSink of its own: what the worker thread of the parallel
// read runs (csv-worker.ts; csv-parallel.ts splits and merges). Same tokenizer, same settings, the header the main
// thread found; the rows go into memory shared with the main thread's columns. Rows and lines are counted from the
// split; the main thread moves them on when it merges. Anything unusual (bytes that are not UTF-8, a record too
// long, a quote still open at the end, a bad row that stops the run) gives up the part: the main thread then reads it
// itself, and says what one reader says.
import { closeSync, openSync, readSync } from 'node:fs';
import type { SourceSpec } from '../core/model.js';
import type { SharedLayout } from './builder.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { RowSink, type SinkOptions, type SinkPart } from './row-sink.js';
import { kernelFor } from './kernel-lines.js';
import { Utf8Decoder } from './utf8.js';

export interface PartJob {
  spec: SourceSpec;
  opts: SinkOptions;
  delimiter: string;
  /** The header row as the main thread found it (normalised cells) and its row number. */
  header: { cells: string[]; row: number };
  layout: SharedLayout;
  /** Byte offset of the split: just after a line feed. */
  from: number;
  /**
   * Where the part ends: just after a line feed (a part the main thread takes from the worker's), or, when absent,
   * the end of the file or where the main thread cuts the worker's part (`end`).
   */
  to?: number;
  /** The worker's part: its end, which the main thread may move down while it reads (partEnd). */
  end?: SharedArrayBuffer;
  /** Read size (csv.ts: 64 KB, or what a test set). */
  chunkBytes: number;
  /** The worker: hash the whole file too once the part is read (csv-worker.ts). */
  hash?: boolean;
}

export type PartResult =
  | {
      ok: true;
      sink: SinkPart;
      /** Records seen from the split on. */
      records: number;
      /** Lines (a text editor's) from the split on. */
      lines: number;
      /** Bytes read from the split to the end of the file. */
      bytes: number;
    }
  | { ok: false; why: string };

/**
 * The end of the worker's part, shared with the main thread, which moves it down (cut) to read the rest of the part
 * itself once its own is read (csv-parallel.ts). A lock word, then two offsets: the part's end (Infinity: the end of
 * the file) and how far the worker has read or is reading. Both sides hold the lock for a few loads and stores.
 */
export function partEnd(from: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(24);
  const at = new Float64Array(buffer, 8, 2);
  at[0] = Number.POSITIVE_INFINITY;
  at[1] = from;
  return buffer;
}

function locked<T>(buffer: SharedArrayBuffer, then: (at: Float64Array) => T): T {
  const lock = new Int32Array(buffer, 0, 1);
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0);
  try {
    return then(new Float64Array(buffer, 8, 2));
  } finally {
    Atomics.store(lock, 0, 0);
  }
}

/** Worker: the end of its next read from `at`, at most `want`; `at` when its part ends there. */
export function claim(buffer: SharedArrayBuffer, at: number, want: number): number {
  return locked(buffer, (a) => {
    const to = Math.max(at, Math.min(want, a[0] as number));
    a[1] = Math.max(a[1] as number, to);
    return to;
  });
}

/** The worker's part's end (Infinity: the end of the file) and how far it has read or is reading. */
export function partProgress(buffer: SharedArrayBuffer): { end: number; claimed: number } {
  return locked(buffer, (a) => ({ end: a[0] as number, claimed: a[1] as number }));
}

/** Main thread: the worker's part ends at `at` (just after a line feed), unless the worker has read past it. */
export function cut(buffer: SharedArrayBuffer, at: number): boolean {
  return locked(buffer, (a) => {
    if ((a[1] as number) > at || at >= (a[0] as number)) return false;
    a[0] = at;
    return true;
  });
}

export function readPart(job: PartJob): PartResult {
  let fd: number | null = null;
  try {
    const sink = new RowSink(job.spec, job.opts);
    sink.adoptHeader(job.header.cells, job.header.row, job.layout);
    sink.delimiter = job.delimiter;
    const tokenizer = new CsvTokenizer(job.delimiter, (rec) => sink.csvRow(rec));
    // A part is of a large file: its whole lines go to the kernel from the first read (kernel-lines.ts).
    const kernel = kernelFor(Number.POSITIVE_INFINITY) ? sink.startKernel(job.chunkBytes) : null;
    const feed = (text: string): void => {
      if (!sink.sawNul && text.includes('\0')) sink.sawNul = true;
      tokenizer.push(text);
    };
    // Inside the file: EF BB BF here is a character (U+FEFF), not a BOM to drop.
    const decoder = new Utf8Decoder(false);
    fd = openSync(job.spec.file, 'r');
    const size = job.chunkBytes;
    const block = Buffer.allocUnsafe(size);
    let held = 0;
    let at = job.from;
    const shared = job.end;
    let to = job.to ?? Number.POSITIVE_INFINITY;
    // As csv.ts reads: each read decoded up to its last line feed, the rest carried to the next.
    for (;;) {
      const want = at + size - held;
      const upToEnd = shared === undefined ? Math.min(want, to) : claim(shared, at, want);
      if (upToEnd <= at) break;
      const got = readSync(fd, block, held, upToEnd - at, at);
      if (got === 0) break;
      at += got;
      const filled = held + got;
      let upTo = filled;
      const lf = block.lastIndexOf(10, filled - 1);
      if (lf >= 0 && filled - lf - 1 < size >> 1) upTo = lf + 1;
      const chunk = block.subarray(0, upTo);
      if (kernel?.read(chunk, tokenizer) !== true) feed(decoder.decode(chunk, { stream: true }));
      held = filled - upTo;
      if (held > 0) block.copyWithin(0, upTo, filled);
    }
    if (shared !== undefined) to = partProgress(shared).end;
    if (to !== Number.POSITIVE_INFINITY) {
      // Ended where the next part starts, just after a line feed: one reader would start a record there.
      if (at !== to || held > 0) return { ok: false, why: 'the file changed while read' };
      if (!tokenizer.atRecordStart) return { ok: false, why: 'a quoted field runs across the end of a part' };
    } else {
      if (held > 0) feed(decoder.decode(block.subarray(0, held), { stream: true }));
      const tail = decoder.decode();
      if (tail !== '') feed(tail);
      if (tokenizer.end() !== null) return { ok: false, why: 'a quote still open at the end of the file' };
    }
    return { ok: true, sink: sink.exportPart(), records: tokenizer.rowsSeen, lines: tokenizer.nextLine - 1, bytes: at - job.from };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? e.message : String(e) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
