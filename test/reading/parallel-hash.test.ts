// A file read on two threads is hashed by the parallel read's worker once its part is read (csv-worker.ts), not by a
// third thread started beside the two readers (hash-worker.ts): the same SHA-256, and when the worker's part is given
// up (and the worker stopped) the hash is made as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import * as hashWorker from '../../src/reading/hash-worker.js';
import { spec, writeFixture } from './helpers.js';

/** Hash threads started (hash-worker.ts), counted around the real one. */
const started = vi.hoisted(() => ({ threads: 0 }));
vi.mock('../../src/reading/hash-worker.js', async (original) => {
  const real = await original<typeof import('../../src/reading/hash-worker.js')>();
  return {
    ...real,
    hashInBackground: (path: string, file: string, size: number) => {
      const bg = real.hashInBackground(path, file, size);
      if (bg !== null) started.threads++;
      return bg;
    },
  };
});

afterEach(() => {
  setChunkBytesForTests(undefined);
  parallel.setSplitForTests();
  hashWorker.setHashWorkerBytesForTests(undefined);
  started.threads = 0;
});

const read = (path: string) => readSource(spec(path, { key: 'order_id', keyOnly: true }), { minorUnit: 2 });

function salesCsv(rows: number, quotedAt = -1): string {
  const lines = ['Order ID,Rep,Amount,Close Date,Note'];
  for (let i = 0; i < rows; i++) lines.push(`SO-${i},R${i % 7},${i}.25,2026-11-01,${i === quotedAt ? '"a\nb"' : 'n'}`);
  return lines.join('\n') + '\n';
}

describe('the parallel read hashes the file on its worker', () => {
  it('starts no hash thread and gives the SHA-256 of the file', async () => {
    const path = writeFixture('parallel-hash.csv', salesCsv(20_000));
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    hashWorker.setHashWorkerBytesForTests(0);
    parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t / 2), wait: true });
    const r = await read(path);
    expect(parallel.lastSplit).toBe('merged');
    expect(r.input.sha256).toBe(sha);
    expect(started.threads).toBe(0);
  });

  it("leaves a large file's hash to a thread of its own, started late in the main thread's part", async () => {
    const path = writeFixture('parallel-hash-large.csv', salesCsv(20_000));
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    hashWorker.setHashWorkerBytesForTests(0);
    parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t / 2), wait: true, workerHashBytes: 1000 });
    const r = await read(path);
    expect(parallel.lastSplit).toBe('merged');
    expect(r.input.sha256).toBe(sha);
    expect(started.threads).toBe(1);
  });

  it('hashes on a thread of its own when the worker was stopped (a quoted line feed across the split)', async () => {
    const text = salesCsv(20_000, 10_000);
    const path = writeFixture('parallel-hash-quoted.csv', text);
    const sha = createHash('sha256').update(text).digest('hex');
    hashWorker.setHashWorkerBytesForTests(0);
    const inside = text.indexOf('"a\nb"') + 2; // the line feed inside the quoted field
    parallel.setSplitForTests({ bytes: 0, at: () => inside, wait: true });
    setChunkBytesForTests(4096);
    const r = await read(path);
    expect(parallel.lastSplit).toBe('a quoted field runs across the split');
    expect(r.input.sha256).toBe(sha);
    expect(started.threads).toBe(1);
  });
});
