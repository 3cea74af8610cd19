// One large CSV read on two cores (issue 14): a worker thread is started as the file is opened (prestartHelper), or
// for `kpi score` before the bundle is loaded when the scheme names a large file (bin/kpi.js, adoptEarly; startEarly
// when run in-process), so that its thread and code load (about 50 ms of cpu, 0.1–0.5 s under load) while the main thread loads the scheme or reads the header and
// the first rows; once the worker is ready, the rest of the file is split at a line feed near its middle: the main
// thread reads on up to it, the worker reads from it with the same settings (csv-part.ts) into memory shared with the
// main thread's columns. The worker's part ends where the main thread says (partEnd): once its own part is read, the
// main thread takes the back half of what the worker has left (cut at a line feed the worker has not reached) and
// reads it itself, and again while enough is left, instead of waiting for a worker that started late or shares its
// core with other work. Then the parts are merged in file order as if one reader had read every row.
//
// When it is tried (csv.ts): a UTF-8 file of PARALLEL_BYTES or more, read into a RowSink (score, validate), whose
// header the first read found; never for a header-only read, the second read of some keys, a roster, targets or
// deductions file, or under KPI_PARALLEL=off. Everything else reads on one thread, as before.
//
// Why the result is the one sequential read's:
// - Every part starts just after a line feed, and the reader of the text before it must hold nothing back there
//   (atRecordStart): the text before ends exactly with a record, so one reader would start a record there too, with
//   the tokenizer's counts as the only state carried over. A line feed inside a quoted field (a record cut) leaves
//   text held back: at the split, the worker's part is dropped and the main thread reads on; at the end of a later
//   part, the parts before it are merged and the main thread reads on from its start.
// - Each part's records are numbered from its start; rows and lines move on by the counts of the parts before it.
// - Everything a RowSink keeps across rows is listed in row-sink.ts (SinkPart) and merged in RowSink.importPart:
//   issues (renumbered, the editor's line said as one reader says it; a column right of the header noted once),
//   separators and percent values watched per column (first sightings in file order, every guess), invisible
//   characters (first value, count), NUL seen, rows seen, the columns (TableBuilder.appendPart: rows moved down in
//   the shared memory, row numbers moved on, text codes mapped into the main dictionary, key order across the
//   split). Settling all of that (finish) happens once, after the merge, as for one reader. A text column whose
//   coding cannot be decided exactly (more than 4096 distinct values) gives up the part.
// - A part gives up on anything unusual (csv-part.ts); the main thread then reads it.
import { readSync } from 'node:fs';
import type { SourceSpec } from '../core/model.js';
import { packageRoot } from '../package-root.js';
import type { SharedLayout } from './builder.js';
import type { CsvTokenizer } from './csv-tokenizer.js';
import { PARALLEL_BYTES, startCsvWorker, type Helper } from './csv-worker-start.js';
import { cut, partEnd, partProgress, readPart, type PartJob, type PartResult } from './csv-part.js';
import { hashedBy, type BackgroundHash } from './hash-worker.js';
import type { SinkOptions, SinkPart } from './row-sink.js';

/** Not split once less than this is left to read when the worker is ready. */
const LEFT_BYTES = 4 * 1024 * 1024;
/**
 * The main thread's share of what is left when the worker is ready, by the file's size. Measured with both threads'
 * cpu per byte on the bench's files: at 66 MB (1M rows) the worker's code is still warming up through much of its
 * part (about 8 % more cpu per byte than the main thread's), so the main thread takes 51 %; at 651 MB (10M rows) the
 * main thread is the slower one (about 12 % more per byte: the larger heap it holds), and it also merges the worker's
 * rows (80 ms), so it takes 47 %. Between the two, by the logarithm of the size.
 */
function mainShare(totalBytes: number): number {
  const t = Math.min(1, Math.max(0, Math.log10(totalBytes / 64e6)));
  return 0.51 - 0.04 * t;
}
/**
 * Up to this size the worker hashes the file once its part is read (csv-worker.ts), while the main thread merges and
 * scores: at 1M rows (66 MB) that takes ~0.07 s against the main thread's ~0.12 s, and saves the third thread's start
 * (~0.15 s of cpu in all, paired runs). A larger file keeps its own hash thread, started late in the main thread's
 * part: at 10M rows (651 MB) the hash (~0.68 s of thread cpu) would outlast the merge and score (~0.38 s) by ~0.3 s,
 * and the worker kept alive that long (its heap) raised the peak RSS by 6–16 MB, against the 40 B/row limit.
 */
const WORKER_HASH_BYTES = 128 * 1024 * 1024;

let workerHashBytes = WORKER_HASH_BYTES;

/** What a sink must offer to have its file read on two threads (RowSink does). */
export interface SplitSink {
  /** Known before the header: whether this read may be split at all (a worker is started as the file is opened). */
  mayBeSplit(): boolean;
  splitJob(): { spec: SourceSpec; opts: SinkOptions; cells: string[]; row: number } | null;
  share(total: number): void;
  layoutFrom(mainRows: number): SharedLayout | null;
  unshare(): void;
  importPart(part: SinkPart, rowOffset: number, lineOffset: number): boolean;
  /** The rows read so far added to the run's period's list (row-sink.ts), before the parts read elsewhere join it. */
  listPeriod(): void;
}

/**
 * Once its own part is read, the main thread takes the back half of what the worker has left (while that is at
 * least this much), reads it, and again, instead of waiting: neither thread idles, however slowly the worker started
 * or however the machine's other work shares the cores.
 */
const STEAL_BYTES = 1024 * 1024;

let minBytes = PARALLEL_BYTES;
let stealBytes = STEAL_BYTES;
let stealAt: ((claimed: number, end: number) => number) | null = null;
let splitAt: ((total: number) => number) | null = null;
let helper: () => Helper = inWorker;
let tight = false;
let waitReady = false;

/**
 * Tests only: split files from `bytes` on, at the byte `at` gives (then the next line feed), the part read by `run`
 * (in place of a worker); `tight`: room for one more row on each side, so that both outgrow the shared memory at once.
 */
export function setSplitForTests(o?: {
  bytes?: number;
  at?: (total: number) => number;
  run?: (job: PartJob) => Promise<PartResult>;
  tight?: boolean;
  /** Wait for the worker to be ready at the first read (a small file is read before any worker is). */
  wait?: boolean;
  /** The main thread takes the worker's part from the byte this gives on (then the next line feed), while left ≥ `stealBytes`. */
  steal?: (claimed: number, end: number) => number;
  stealBytes?: number;
  /** The worker hashes files up to this size (WORKER_HASH_BYTES). */
  workerHashBytes?: number;
}): void {
  workerHashBytes = o?.workerHashBytes ?? WORKER_HASH_BYTES;
  stealAt = o?.steal ?? null;
  stealBytes = o?.stealBytes ?? STEAL_BYTES;
  minBytes = o?.bytes ?? PARALLEL_BYTES;
  splitAt = o?.at ?? null;
  const run = o?.run;
  helper = run === undefined ? inWorker : () => ({ ready: () => true, run, hashed: () => null, stop: async () => {}, keepAlive: () => {} });
  tight = o?.tight ?? false;
  waitReady = o?.wait ?? false;
}

/** What became of the last split tried (tests and the benchmark notes): merged, or why not. */
export let lastSplit: 'none' | 'merged' | string = 'none';
/** Parts of the worker's the main thread read itself at the last split (tests). */
export let lastTaken = 0;

function inWorker(): Helper {
  return startCsvWorker(new URL('dist/kpi-csv-worker.cjs', packageRoot));
}

/** A worker started before its file was opened (startEarly), for the next read that may be split. */
let early: Helper | null = null;
/** Workers started early (tests). */
export let earlyStarts = 0;
/** Whether a worker started early waits for a read to take it (tests). */
export const earlyWaiting = (): boolean => early !== null;

/**
 * A worker started now, before the scheme is loaded, because a file of `totalBytes` is expected to be read on two
 * threads (commands/early-worker.ts): its thread and code load on the other core meanwhile. The next read that may
 * be split takes it (prestartHelper); until then it keeps nothing alive, and dropEarly stops it if no read took it.
 * Never for a file below PARALLEL_BYTES, nor under KPI_PARALLEL=off.
 */
export function startEarly(totalBytes: number): boolean {
  if (early !== null || totalBytes < minBytes || process.env.KPI_PARALLEL === 'off') return false;
  try {
    early = helper();
  } catch {
    return false;
  }
  early.keepAlive(false);
  earlyStarts++;
  return true;
}

/**
 * A worker bin/kpi.js started before the bundle loaded (start/early-worker.ts, the same guess as startEarly's), taken
 * as startEarly's would be; stopped if one is already waiting.
 */
export function adoptEarly(h: Helper): void {
  if (early !== null) {
    void h.stop();
    return;
  }
  early = h;
  early.keepAlive(false);
  earlyStarts++;
}

/** The run is over: a worker started early that no read took is stopped. */
export function dropEarly(): void {
  const h = early;
  early = null;
  if (h !== null) void h.stop();
}

/** A worker started on a file that may be split once it is ready (poll). */
export interface Pending {
  /**
   * Called after each read: the split, once the worker is ready (it is then given its part); else null. `hash`: the
   * file is still to be hashed (up to WORKER_HASH_BYTES the worker hashes it once its part is read: Split.hash).
   */
  poll(bytesRead: number, records: number, hash: boolean): Split | null;
  /** Split or given up: poll has nothing more to say. */
  readonly settled: boolean;
  cancel(): void;
}

/** A worker started as a large file was opened, before its header is known (its code loads meanwhile). */
export interface Prestarted {
  /** After the first read: the worker set to take a part (startHelper), or null, the worker stopped. */
  begin(sink: object, fd: number, delimiter: string, bytesRead: number, records: number, chunkBytes: number): Pending | null;
  cancel(): void;
}

export interface Split {
  /** Byte offset where the worker's part starts: the main thread reads up to it, then joins. */
  readonly at: number;
  /**
   * After the main thread read exactly up to `at`: the parts from `at` on merged into the sink in file order, as far
   * as they could be, and the bytes they cover (`done`: to the end of the file; else the main thread reads on after
   * them, its tokenizer moved on by their records and lines); or null, nothing merged (the reason in lastSplit): the
   * main thread reads on from `at` itself.
   */
  join(tokenizer: CsvTokenizer): Promise<{ bytes: number; done: boolean } | null>;
  /**
   * The file's SHA-256 as the worker makes it once its part is read (asked by poll); null when it makes none.
   * Lost when join merges nothing (the worker is stopped): the caller hashes the file otherwise then.
   */
  hash(): BackgroundHash | null;
  /** Stops the worker (the read failed before the split). */
  cancel(): void;
}

/** Bytes read when the last worker was started (tests: 0, as the file was opened). */
export let startedAt: number | null = null;

/**
 * As a file is opened (`totalBytes` long): a worker started when the file may be read on two threads; null when it
 * may not (too small, not a sink that can merge, KPI_PARALLEL=off). Whether it is given a part is known after the
 * first read (begin): the file must be UTF-8 and its header found in it.
 */
export function prestartHelper(sink: object, totalBytes: number): Prestarted | null {
  if (totalBytes < minBytes || process.env.KPI_PARALLEL === 'off' || !('splitJob' in sink) || !(sink as SplitSink).mayBeSplit()) return null;
  let h: Helper;
  try {
    h = early ?? helper();
  } catch (e) {
    lastSplit = `no worker: ${e instanceof Error ? e.message : String(e)}`;
    return null;
  }
  early = null;
  h.keepAlive(true);
  startedAt = 0;
  lastSplit = 'not split after the first read';
  lastTaken = 0;
  return {
    begin: (s, fd, delimiter, bytesRead, records, chunkBytes) => {
      const p = startHelper(h, s as SplitSink, fd, delimiter, totalBytes, bytesRead, records, chunkBytes);
      if (p === null) void h.stop();
      return p;
    },
    cancel() {
      void h.stop();
    },
  };
}

/**
 * After the first read (the header found, `bytesRead` bytes and `records` records so far): the worker `h` set to
 * take a part, the columns moved into shared memory; null when the read may not be split after all.
 */
function startHelper(
  h: Helper,
  s: SplitSink,
  fd: number,
  delimiter: string,
  totalBytes: number,
  bytesRead: number,
  records: number,
  chunkBytes: number,
): Pending | null {
  const job = s.splitJob();
  if (job === null || records === 0) return null;
  lastSplit = 'the worker was not ready before the end';
  // Room for every row as one reader reserves it (expectRows): rows per byte of the first read, +5 %.
  const perByte = records / bytesRead;
  s.share(tight ? records + 2 : Math.ceil(perByte * totalBytes * 1.05) + 2048);
  let stopped = false;
  let settled = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await h.stop();
  };
  return {
    get settled() {
      return settled || stopped;
    },
    poll(pos, seen, hash) {
      if (stopped || settled || !h.ready(waitReady)) return null;
      const left = totalBytes - pos;
      if (splitAt === null && left < LEFT_BYTES) {
        void stop();
        lastSplit = 'too little left when the worker was ready';
        return null;
      }
      const target = splitAt?.(totalBytes) ?? pos + Math.floor(left * mainShare(totalBytes));
      const at = lineFeedFrom(fd, Math.max(target, pos), totalBytes);
      // The rows this thread will have kept at the split, at most (records so far, then rows per byte, +2 %: the rows
      // between its end and the worker's start stay in memory after the merge; a wrong guess costs a copy, never a row).
      const mainRows = tight ? seen + 1 : seen + Math.ceil((seen / pos) * ((at ?? pos) - pos) * 1.02) + 1024;
      const layout = at === null || at >= totalBytes ? null : s.layoutFrom(mainRows);
      if (at === null || layout === null) {
        void stop();
        lastSplit = 'no split point';
        return null;
      }
      settled = true;
      const end = partEnd(at);
      const base = { spec: job.spec, opts: job.opts, delimiter, header: { cells: job.cells, row: job.row }, chunkBytes };
      const byWorker = hash && totalBytes <= workerHashBytes;
      const result = h.run({ ...base, layout, from: at, end, hash: byWorker });
      const hashed = byWorker ? h.hashed() : null;
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
          // This thread's part listed now, while the worker still reads: the merge then only joins the lists.
          s.listPeriod();
          // The back of the worker's part, read here while the worker reads the front: parts from the end backwards.
          const mine: PartResult[] = [];
          lastTaken = 0;
          let to = Number.POSITIVE_INFINITY;
          for (;;) {
            const { claimed, end: now } = partProgress(end);
            const until = Math.min(now, totalBytes);
            const left = until - claimed;
            if (left < stealBytes) break;
            const from = lineFeedFrom(fd, stealAt?.(claimed, until) ?? claimed + Math.floor(left / 2), until);
            if (from === null || !cut(end, from)) break;
            // Rows per byte as in the main thread's part so far, +5 %: the part grows its arrays past that.
            const rows = Math.ceil(((tokenizer.rowsSeen * (Math.min(to, totalBytes) - from)) / at) * 1.05) + 1024;
            const part = readPart({ ...base, layout: ownLayout(layout, rows), from, to });
            mine.push(part);
            lastTaken++;
            to = from;
            if (!part.ok) break;
          }
          const r = await result;
          // A worker making the file's hash stops once that is done (Split.hash).
          if (hashed === null) await stop();
          // In file order: the worker's part, then this thread's from the nearest.
          let rows = tokenizer.rowsSeen;
          let lines = tokenizer.nextLine - 1;
          let bytes = 0;
          for (const [i, p] of [r, ...mine.reverse()].entries()) {
            if (p.ok && s.importPart(p.sink, rows, lines)) {
              rows += p.records;
              lines += p.lines;
              bytes += p.bytes;
              continue;
            }
            const why = p.ok ? 'columns that cannot be merged exactly' : p.why;
            if (i === 0) return giveUp(why);
            // This thread reads on from this part's start: as one reader would have, having read the parts before.
            s.unshare();
            tokenizer.moveOn(rows - tokenizer.rowsSeen, lines - (tokenizer.nextLine - 1));
            lastSplit = why;
            return { bytes, done: false };
          }
          lastSplit = 'merged';
          return { bytes, done: true };
        },
        hash() {
          return hashed === null || stopped ? null : hashedBy(hashed, () => void stop(), job.spec.file, job.spec.fileAsWritten);
        },
        cancel() {
          void stop();
        },
      };
    },
    cancel() {
      void stop();
    },
  };
}

/** Columns of their own for a part this thread reads, shaped as the worker's (`like`), room for `rows`. */
function ownLayout(like: SharedLayout, rows: number): SharedLayout {
  return {
    rowNumbers: new Int32Array(rows),
    numbers: like.numbers.map((v) => (v === null ? null : new Float64Array(rows))),
    codes: like.codes.map((v) => (v === null ? null : new Uint16Array(rows))),
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
