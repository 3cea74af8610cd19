// The worker thread of the parallel CSV read: reads the part from the split on (csv-part.ts) and hands it back.
// Bundled on its own by `npm run build` as dist/kpi-csv-worker.cjs (scripts/bundle.mjs): the thread compiles
// only the reading code, not the whole program.
import { parentPort, workerData } from 'node:worker_threads';
import { readPart, type PartJob } from './csv-part.js';
import { hashFileSync, type Hashed } from './hash.js';
import { ownBuffers } from './builder.js';

// Loaded: say so (the main thread polls shared memory between its reads), then read the part it sends.
// Then, asked (csv-parallel.ts), the whole file's SHA-256: this thread's core is free once its part is read, and the
// main thread merges and scores meanwhile; a thread of its own for it would start beside the two readers.
parentPort?.once('message', (job: PartJob) => {
  const result = readPart(job);
  parentPort?.postMessage(result, result.ok ? ownBuffers(result.sink.builder) : []);
  if (job.hash !== true) return;
  let hashed: Hashed | null = null;
  try {
    hashed = hashFileSync(job.spec.file);
  } catch {
    // The main thread hashes it itself (hash-worker.ts hashedBy).
  }
  parentPort?.postMessage({ hashed });
});
const ready = (workerData as { ready: Int32Array }).ready;
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
