// The parallel CSV read's worker thread (csv-worker.ts), started by the read (csv-parallel.ts) or, for `kpi score`
// over a large CSV, by bin/kpi.js before the bundle loads (start/early-worker.ts): one way to start it for both, so
// that a worker started early is the one the read would have started.
import { Worker } from 'node:worker_threads';

/** Files from this size on are read on two threads: below it, starting the worker costs more than it saves. */
export const PARALLEL_BYTES = 16 * 1024 * 1024;
/** The worker's young generation (V8's default for a 64-bit process: up to 48 MB). */
const YOUNG_MB = 8;

/** A worker thread loading dist/kpi-csv-worker.cjs; it sets `ready[0]` to 1 once loaded. */
export interface StartedWorker {
  worker: Worker;
  ready: Int32Array;
}

/** The worker at `file` (dist/kpi-csv-worker.cjs), started; it keeps nothing alive until a read takes it. */
export function startCsvWorker(file: URL): StartedWorker {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  // A small young generation: the worker's garbage is short-lived (each read's text and values), and every megabyte
  // of it counts against the 10M-row read's memory budget.
  const worker = new Worker(file, {
    workerData: { ready },
    stdout: false,
    stderr: false,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  worker.unref();
  return { worker, ready };
}
