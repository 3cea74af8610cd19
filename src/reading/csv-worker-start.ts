// The parallel CSV read's worker thread (csv-worker.ts), started by the read (csv-parallel.ts) or, for `kpi score`
// over a large CSV, by bin/kpi.js before the bundle loads (start/early-worker.ts): one way to start it for both, so
// that a worker started early is the one the read would have started, listened to from its start.
import { Worker } from 'node:worker_threads';
import type { PartJob, PartResult } from './csv-part.js';
import type { Hashed } from './hash.js';

/** Files from this size on are read on two threads: below it, starting the worker costs more than it saves. */
export const PARALLEL_BYTES = 16 * 1024 * 1024;
/** The worker's young generation (V8's default for a 64-bit process: up to 48 MB). */
const YOUNG_MB = 8;

/** A worker (or, in tests, this thread): ready once its code is loaded, then given one job. */
export interface Helper {
  /** Loaded; with `wait` (tests), after waiting for it. */
  ready(wait: boolean): boolean;
  run(job: PartJob): Promise<PartResult>;
  /** After run of a job with `hash`: the file's SHA-256 as the helper makes it; null: none made (tests' helpers). */
  hashed(): Promise<Hashed | null> | null;
  stop(): Promise<void>;
  /** Whether the helper keeps the process alive (a worker started early does not until a read takes it). */
  keepAlive(on: boolean): void;
}

/** The worker at `file` (dist/kpi-csv-worker.cjs), started; it keeps the process alive until told not to. */
export function startCsvWorker(file: URL): Helper {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  // A small young generation: the worker's garbage is short-lived (each read's text and values), and every megabyte
  // of it counts against the 10M-row read's memory budget.
  const worker = new Worker(file, {
    workerData: { ready },
    stdout: false,
    stderr: false,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  // Two messages: the part, then (asked) the file's hash; a worker that fails or stops sends whatever is missing.
  let gotHash: (h: Hashed | null) => void = () => {};
  const hashed = new Promise<Hashed | null>((resolve) => {
    gotHash = resolve;
  });
  const result = new Promise<PartResult>((resolve) => {
    worker.on('message', (m: PartResult | { hashed: Hashed | null }) => {
      if ('hashed' in m) gotHash(m.hashed);
      else resolve(m);
    });
    worker.once('error', (e) => {
      resolve({ ok: false, why: `worker: ${e.message}` });
      gotHash(null);
    });
    worker.once('exit', (code) => {
      resolve({ ok: false, why: `worker exited (${code})` });
      gotHash(null);
    });
  });
  return {
    // The main thread reads synchronously (no event loop turn to hear a message): the worker says so in shared memory.
    ready: (wait) => {
      if (wait) Atomics.wait(ready, 0, 0, 30_000);
      return Atomics.load(ready, 0) === 1;
    },
    run(job) {
      worker.postMessage(job);
      return result;
    },
    hashed: () => hashed,
    async stop() {
      await worker.terminate();
    },
    keepAlive(on) {
      if (on) worker.ref();
      else worker.unref();
    },
  };
}
