// `kpi score` over a large CSV (issue 14): the parallel read's worker thread (reading/csv-parallel.ts) started as the
// command starts, so that its thread and code load on the other core while this one loads the scheme (yaml, zod, the
// model: 80–130 ms at 1M rows), instead of once the file is opened, after which the main thread read alone until the
// worker was ready (~110 ms of cpu at 1M rows). bin/kpi.js makes the same guess sooner, before the bundle loads
// (start/early-worker.ts): its worker, if it started one, is taken here; the guess is made here only for a run
// without it (tests call main in-process). Only `kpi score` guesses: `kpi validate` starts a large file's worker as
// the file is opened, as before.
import { adoptEarly, earlyWaiting, startEarly } from '../reading/csv-parallel.js';
import { largestCsvNamed, takeHandedOver } from '../start/early-worker.js';

/**
 * Starts the parallel read's worker when the scheme names a CSV large enough to be read on two threads (or takes the
 * one bin/kpi.js started); true when one waits for the read. Never throws.
 */
export function startWorkerForLargeCsv(schemeFile: string): boolean {
  const bin = takeHandedOver();
  if (bin?.worker) adoptEarly(bin.worker);
  // The interrupt budget stays raised while the scheme loads (start/tiering.ts): the read of the file sets V8's
  // own before the worker is given its part.
  if (bin?.scheme !== schemeFile && process.env.KPI_PARALLEL !== 'off') startEarly(largestCsvNamed(schemeFile));
  return earlyWaiting();
}
