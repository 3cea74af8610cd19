// The SHA-256 of a large input, computed on a second thread while this one parses the file (issue 14): hashing
// took about 4 % of a 1M-row read on the main thread. Beside the parallel read's worker it starts in the last tenth
// of the main thread's part (or at the split at the latest), and `kpi score` scores meanwhile (csv.ts hashLater,
// commands/pipeline.ts checkedRun). The worker reads the file by itself (no bytes cross threads), so the value is that of the file as it lies on disk; the caller checks that the file did not change
// between the two reads (size and times before and after, the same file on both threads), and refuses it otherwise,
// as the second read of duplicate keys does. A file read on two threads is hashed by the parallel read's worker once
// its part is read instead (csv-worker.ts, hashedBy): no third thread to start beside the two readers.
import { fstatSync, type Stats } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { changedWhileRead } from './errors.js';
import { hashFile, type FileIdentity, type Hashed } from './hash.js';

export type { FileIdentity } from './hash.js';

/** Files from this size on are hashed on another thread (starting a worker costs ~50 ms of cpu on the other core). */
const HASH_WORKER_BYTES = 8 * 1024 * 1024;

let workerBytes = HASH_WORKER_BYTES;

/** Tests only: hash on a worker from this many bytes on (undefined: back to the default). */
export function setHashWorkerBytesForTests(bytes: number | undefined): void {
  workerBytes = bytes ?? HASH_WORKER_BYTES;
}

/** Plain CommonJS, run with eval: no file of ours to find, the same in the bundle, from dist/ and under the tests. */
const SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, fstatSync, closeSync } = require('node:fs');
const fd = openSync(workerData, 'r');
try {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  for (;;) {
    const got = readSync(fd, block, 0, block.length, null);
    if (got === 0) break;
    hash.update(block.subarray(0, got));
    bytes += got;
  }
  const s = fstatSync(fd);
  parentPort.postMessage({ sha256: hash.digest('hex'), bytes, dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs });
} finally {
  closeSync(fd);
}
`;

/** The file behind `now` is the one opened, unchanged (same device, inode, size and times). */
export function sameFile(now: FileIdentity, opened: FileIdentity): boolean {
  return now.dev === opened.dev && now.ino === opened.ino && now.size === opened.size && now.mtimeMs === opened.mtimeMs && now.ctimeMs === opened.ctimeMs;
}

export interface BackgroundHash {
  /** The file's SHA-256, once the caller has read `bytesRead` bytes through `fd` (opened when `opened` was taken). */
  digest(fd: number, opened: Stats, bytesRead: number): Promise<string>;
  /** Stops the worker (a read that failed or stopped early). */
  cancel(): void;
}

/** A worker hashing the file at `path`, or null for a file too small to be worth a thread. */
export function hashInBackground(path: string, file: string, size: number): BackgroundHash | null {
  if (size < workerBytes) return null;
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: path, stdout: false, stderr: false });
  } catch {
    return null; // no thread to be had: hash on this one
  }
  const result = new Promise<Hashed | null>((resolve) => {
    worker.once('message', (m: Hashed) => resolve(m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return hashedBy(result, () => void worker.terminate(), path, file);
}

/**
 * The hash a thread is making of the file at `path` (`result`: null when the thread failed), checked as one made
 * here would be; `stop` ends the thread once it is done or no longer wanted.
 */
export function hashedBy(result: Promise<Hashed | null>, stop: () => void, path: string, file: string): BackgroundHash {
  return {
    async digest(fd, opened, bytesRead) {
      const got = await result;
      stop();
      const now = fstatSync(fd);
      const same = (s: FileIdentity): boolean => sameFile(s, opened);
      if (!same(now) || bytesRead !== opened.size) throw changedWhileRead(file);
      if (got === null) {
        // The thread failed (no memory for a thread, say): hash here, from a read of its own as the thread would.
        const sha = await hashFile(path);
        if (!same(fstatSync(fd))) throw changedWhileRead(file);
        return sha;
      }
      if (!same(got) || got.bytes !== opened.size) throw changedWhileRead(file);
      return got.sha256;
    },
    cancel: stop,
  };
}
