// One large CSV read on two cores (issue 14): the main thread reads the file up to a line feed near the middle
// while a worker thread reads the rest with the same settings (csv-part.ts) into memory shared with the main
// thread's columns; then the worker's part is merged as if one reader had read every row.
//
// When it is tried (csv.ts): a UTF-8 file of PARALLEL_BYTES or more, read into a RowSink (score, validate), whose
// header the first read found; never for a header-only read, the second read of some keys, a roster, targets or
// deductions file, or under KPI_PARALLEL=off. Everything else reads on one thread, as before.
//
// Why the result is the one sequential read's:
// - The split is just after a line feed, and the main thread's tokenizer must hold nothing back there
//   (atRecordStart): the text before the split ends exactly with a record, so one reader would start a record at the
//   split too, with the tokenizer's counts as the only state carried over. A line feed inside a quoted field (a
//   record cut by the split) leaves text held back: the worker's part is then dropped and the main thread reads on.
// - The worker's records are numbered from the split; rows and lines move on by the main thread's counts at it.
// - Everything a RowSink keeps across rows is listed in row-sink.ts (SinkPart) and merged in RowSink.importPart:
//   issues (renumbered, the editor's line said as one reader says it; a column right of the header noted once),
//   separators and percent values watched per column (first sightings in file order, every guess), invisible
//   characters (first value, count), NUL seen, rows seen, the columns (TableBuilder.appendPart: rows moved down in
//   the shared memory, row numbers moved on, text codes mapped into the main dictionary, key order across the
//   split). Settling all of that (finish) happens once, after the merge, as for one reader. A text column whose
//   coding cannot be decided exactly (more than 4096 distinct values) gives up the part.
// - The worker gives up its part on anything unusual (csv-part.ts); the main thread then reads it.
import { readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SourceSpec } from '../core/model.js';
import { packageRoot } from '../package-root.js';
import type { SharedLayout } from './builder.js';
import type { CsvTokenizer } from './csv-tokenizer.js';
import type { PartJob, PartResult } from './csv-part.js';
import type { SinkOptions, SinkPart } from './row-sink.js';

/** Files from this size on are read on two threads: below it, starting the worker costs more than it saves. */
const PARALLEL_BYTES = 16 * 1024 * 1024;
/**
 * The worker starts later (its thread and code take ~0.1–0.2 s): the main thread reads about this many bytes more,
 * half of it on each side of the middle.
 */
const HEAD_START_BYTES = 8 * 1024 * 1024;

/** The worker's young generation (V8's default for a 64-bit process: up to 48 MB). */
const YOUNG_MB = 8;

/** What a sink must offer to have its file read on two threads (RowSink does). */
export interface SplitSink {
  splitJob(): { spec: SourceSpec; opts: SinkOptions; cells: string[]; row: number } | null;
  shareFrom(mainRows: number, total: number): SharedLayout;
  unshare(): void;
  importPart(part: SinkPart, rowOffset: number, lineOffset: number): boolean;
}

type Runner = (job: PartJob) => { result: Promise<PartResult>; stop(): Promise<void> };

let minBytes = PARALLEL_BYTES;
let splitAt: ((total: number) => number) | null = null;
let runner: Runner = inWorker;
let tight = false;

/**
 * Tests only: split files from `bytes` on, at the byte `at` gives (then the next line feed), the part read by `run`;
 * `tight`: room for one more row on each side, so that both outgrow the shared memory at once.
 */
export function setSplitForTests(o?: { bytes?: number; at?: (total: number) => number; run?: Runner; tight?: boolean }): void {
  minBytes = o?.bytes ?? PARALLEL_BYTES;
  splitAt = o?.at ?? null;
  runner = o?.run ?? inWorker;
  tight = o?.tight ?? false;
}

/** What became of the last split tried (tests and the benchmark notes): merged, or why not. */
export let lastSplit: 'none' | 'merged' | string = 'none';

function inWorker(job: PartJob): { result: Promise<PartResult>; stop(): Promise<void> } {
  // A small young generation: the worker's garbage is short-lived (each read's text and values), and every megabyte
  // of it counts against the 10M-row read's memory budget.
  const worker = new Worker(new URL('dist/kpi-csv-worker.cjs', packageRoot), {
    workerData: job,
    stdout: false,
    stderr: false,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  const result = new Promise<PartResult>((resolve) => {
    worker.once('message', (m: PartResult) => resolve(m));
    worker.once('error', (e) => resolve({ ok: false, why: `worker: ${e.message}` }));
    worker.once('exit', (code) => resolve({ ok: false, why: `worker exited (${code})` }));
  });
  return {
    result,
    async stop() {
      await worker.terminate();
    },
  };
}

export interface Split {
  /** Byte offset where the worker's part starts: the main thread reads up to it, then joins. */
  readonly at: number;
  /**
   * After the main thread read exactly up to `at`: the worker's part merged into the sink, and the bytes it read; or
   * null, the part given up (the reason in lastSplit): the main thread reads on from `at` itself.
   */
  join(tokenizer: CsvTokenizer): Promise<number | null>;
  /** Stops the worker (the read failed before the split). */
  cancel(): void;
}

/**
 * Starts the worker on the second part of the file, or says null (too small, not a sink that can merge, no line
 * feed near the middle). Called after the first read, with the header found: `bytesRead` bytes and `records` records
 * so far.
 */
export function trySplit(
  sink: object,
  fd: number,
  delimiter: string,
  totalBytes: number,
  bytesRead: number,
  records: number,
  chunkBytes: number,
): Split | null {
  if (totalBytes < minBytes || process.env.KPI_PARALLEL === 'off' || !('splitJob' in sink)) return null;
  const s = sink as SplitSink;
  const job = s.splitJob();
  if (job === null || records === 0) return null;
  const target = splitAt?.(totalBytes) ?? Math.floor(totalBytes * Math.min(0.75, 0.5 + HEAD_START_BYTES / (2 * totalBytes)));
  const at = lineFeedFrom(fd, Math.max(target, bytesRead), totalBytes);
  if (at === null || at <= bytesRead || at >= totalBytes) return null;
  // Rows for each side, from the first read's records per byte (+5 %, as expectRows): the worker's start there.
  const perByte = records / bytesRead;
  const mainRows = tight ? records + 1 : Math.ceil(perByte * at * 1.05) + 1024;
  const total = mainRows + (tight ? 1 : Math.ceil(perByte * (totalBytes - at) * 1.05) + 1024);
  const layout = s.shareFrom(mainRows, total);
  let run: ReturnType<Runner>;
  try {
    run = runner({ spec: job.spec, opts: job.opts, delimiter, header: { cells: job.cells, row: job.row }, layout, from: at, chunkBytes });
  } catch (e) {
    s.unshare();
    lastSplit = `no worker: ${e instanceof Error ? e.message : String(e)}`;
    return null;
  }
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await run.stop();
  };
  return {
    at,
    async join(tokenizer) {
      const giveUp = async (why: string): Promise<null> => {
        // The worker must have stopped writing before this thread writes where it did.
        await stop();
        s.unshare();
        lastSplit = why;
        return null;
      };
      if (!tokenizer.atRecordStart) return giveUp('a quoted field runs across the split');
      const r = await run.result;
      await stop();
      if (!r.ok) return giveUp(r.why);
      if (!s.importPart(r.sink, tokenizer.rowsSeen, tokenizer.nextLine - 1)) return giveUp('columns that cannot be merged exactly');
      lastSplit = 'merged';
      return r.bytes;
    },
    cancel() {
      void stop();
    },
  };
}

/** Offset just after the first line feed at or after `from` (within 1 MB), or null. */
function lineFeedFrom(fd: number, from: number, totalBytes: number): number | null {
  const block = Buffer.allocUnsafe(64 * 1024);
  for (let pos = from; pos < totalBytes && pos < from + 1024 * 1024; ) {
    const got = readSync(fd, block, 0, block.length, pos);
    if (got === 0) return null;
    const lf = block.subarray(0, got).indexOf(10);
    if (lf >= 0) return pos + lf + 1;
    pos += got;
  }
  return null;
}
