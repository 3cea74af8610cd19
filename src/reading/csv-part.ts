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
  /** Read size (csv.ts: 64 KB, or what a test set). */
  chunkBytes: number;
}

export type PartResult =
  | {
      ok: true;
      sink: SinkPart;
      /** Records seen from the split on. */
      records: number;
      /** Bytes read from the split to the end of the file. */
      bytes: number;
    }
  | { ok: false; why: string };

export function readPart(job: PartJob): PartResult {
  let fd: number | null = null;
  try {
    const sink = new RowSink(job.spec, job.opts);
    sink.adoptHeader(job.header.cells, job.header.row, job.layout);
    sink.delimiter = job.delimiter;
    const tokenizer = new CsvTokenizer(job.delimiter, (rec) => sink.csvRow(rec));
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
    // As csv.ts reads: each read decoded up to its last line feed, the rest carried to the next.
    for (;;) {
      const got = readSync(fd, block, held, size - held, at);
      if (got === 0) break;
      at += got;
      const filled = held + got;
      let upTo = filled;
      const lf = block.lastIndexOf(10, filled - 1);
      if (lf >= 0 && filled - lf - 1 < size >> 1) upTo = lf + 1;
      feed(decoder.decode(block.subarray(0, upTo), { stream: true }));
      held = filled - upTo;
      if (held > 0) block.copyWithin(0, upTo, filled);
    }
    if (held > 0) feed(decoder.decode(block.subarray(0, held), { stream: true }));
    const tail = decoder.decode();
    if (tail !== '') feed(tail);
    if (tokenizer.end() !== null) return { ok: false, why: 'a quote still open at the end of the file' };
    return { ok: true, sink: sink.exportPart(), records: tokenizer.rowsSeen, bytes: at - job.from };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? e.message : String(e) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
