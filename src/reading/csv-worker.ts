// The worker thread of the parallel CSV read: reads the part from the split on (csv-part.ts) and hands it back.
// Bundled on its own by `npm run build` as dist/kpi-csv-worker.cjs (scripts/bundle.mjs): the thread compiles
// only the reading code, not the whole program.
import { parentPort, workerData } from 'node:worker_threads';
import { readPart, type PartJob, type PartResult } from './csv-part.js';
import { hashFileSync, type Hashed } from './hash.js';

/** The part's own arrays (not the shared memory) move to the main thread instead of being copied. */
function transferable(result: PartResult): ArrayBuffer[] {
  if (!result.ok) return [];
  const b = result.sink.builder;
  const arrays: (ArrayBufferView | null | undefined)[] = [b.rowNumbers, ...b.numbers, b.key?.hashes, b.period?.rows, b.period?.seen];
  for (const s of b.strings) if (s !== null && 'codes' in s) arrays.push(s.codes);
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

// Loaded: say so (the main thread polls shared memory between its reads), then read the part it sends.
// Then, asked (csv-parallel.ts), the whole file's SHA-256: this thread's core is free once its part is read, and the
// main thread merges and scores meanwhile; a thread of its own for it would start beside the two readers.
parentPort?.once('message', (job: PartJob) => {
  const result = readPart(job);
  parentPort?.postMessage(result, transferable(result));
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
