// `kpi score` over a large CSV (issue 14): the parallel read's worker thread (reading/csv-parallel.ts) started as the
// command starts, so that its thread and code load on the other core while this one loads the scheme (yaml, zod, the
// model: 80–130 ms at 1M rows), instead of once the file is opened, after which the main thread read alone until the
// worker was ready (~110 ms of cpu at 1M rows). bin/kpi.js starts it sooner still, before the bundle loads
// (start/early-worker.ts, the same guess); this is the guess of a run without it (tests call main in-process).
// Only `kpi score` guesses: `kpi validate` starts a large file's worker as the file is opened, as before.
import { earlyWaiting, startEarly } from '../reading/csv-parallel.js';
import { largestCsvNamed } from '../start/early-worker.js';

/**
 * Starts the parallel read's worker when the scheme names a CSV large enough to be read on two threads; true when
 * one was started (or bin/kpi.js started one). Never throws.
 */
export function startWorkerForLargeCsv(schemeFile: string): boolean {
  if (earlyWaiting()) return true;
  // The interrupt budget stays raised while the scheme loads (start/tiering.ts): the read of the file sets V8's
  // own before the worker is given its part.
  return process.env.KPI_PARALLEL !== 'off' && startEarly(largestCsvNamed(schemeFile));
}
