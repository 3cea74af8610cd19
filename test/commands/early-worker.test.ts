// `kpi score` starts the parallel read's worker before the scheme loads when the scheme names a large CSV
// (commands/early-worker.ts): never for a small file, a workbook or under KPI_PARALLEL=off; the read of the large file
// takes that worker (no second one), and its result is the one-thread read's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWorkerForLargeCsv } from '../../src/commands/early-worker.js';
import { filesNamed } from '../../src/start/early-worker.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { readPart, type PartJob } from '../../src/reading/csv-part.js';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import { dir, spec, writeFixture } from '../reading/helpers.js';

/** The worker's part read on this thread (no thread in these tests), counting the parts given. */
let parts = 0;
const inThread = (job: PartJob) => {
  parts++;
  return Promise.resolve(structuredClone(readPart(job)));
};

afterEach(() => {
  parallel.dropEarly();
  parallel.setSplitForTests();
  setChunkBytesForTests(undefined);
  vi.unstubAllEnvs();
  parts = 0;
});

const rows = (n: number) =>
  `Order ID,Rep,Amount,Close Date\n${Array.from({ length: n }, (_, i) => `SO-${i},R${i % 7},${i}.25,2026-11-0${1 + (i % 9)}\n`).join('')}`;

function scheme(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('the files a scheme names, read from its text', () => {
  it('block and flow style, quoted or plain, a comment after it; from the scheme folder', () => {
    const text = [
      'sources:',
      '  sales:',
      '    file: data/sales.csv   # the CRM export',
      '  calls: { file: "data/calls log.csv", rep: owner }',
      "  csat: {file: 'csat.xlsx'}",
      'reps:',
      '  file: /abs/reps.csv',
      'profile: x', // not a `file:` key
    ].join('\n');
    expect(filesNamed(text, '/s/scheme.yaml')).toEqual(['/s/data/sales.csv', '/s/data/calls log.csv', '/s/csat.xlsx', '/abs/reps.csv']);
  });
});

describe('the worker started before the scheme loads', () => {
  it('not for a small file, a workbook, or under KPI_PARALLEL=off; for a large CSV, which its read then takes', async () => {
    // Small reads (a file is split only after its first read), a worker from 4,000 bytes on (in this thread).
    setChunkBytesForTests(256);
    parallel.setSplitForTests({ bytes: 4000, at: (total) => Math.floor(total / 2), run: inThread });
    const small = writeFixture('early-small.csv', rows(20));
    const large = writeFixture('early-large.csv', rows(400));
    writeFixture('early-large.xlsx', rows(400));
    const before = parallel.earlyStarts;
    expect(startWorkerForLargeCsv(scheme('early-small.yaml', 'sources:\n  sales:\n    file: early-small.csv\n'))).toBe(false);
    expect(startWorkerForLargeCsv(scheme('early-xlsx.yaml', 'sources:\n  sales:\n    file: early-large.xlsx\n'))).toBe(false);
    expect(startWorkerForLargeCsv(scheme('early-missing.yaml', 'sources:\n  sales:\n    file: nowhere.csv\n'))).toBe(false);
    expect(startWorkerForLargeCsv(join(dir, 'no-such-scheme.yaml'))).toBe(false);
    vi.stubEnv('KPI_PARALLEL', 'off');
    expect(startWorkerForLargeCsv(scheme('early-large.yaml', 'sources:\n  sales:\n    file: early-large.csv\n'))).toBe(false);
    vi.unstubAllEnvs();
    expect(parallel.earlyStarts).toBe(before);
    expect(parallel.earlyWaiting()).toBe(false);

    // The small file's read starts no worker and leaves the early one waiting; the large file's read takes it.
    expect(startWorkerForLargeCsv(join(dir, 'early-large.yaml'))).toBe(true);
    expect(parallel.earlyStarts).toBe(before + 1);
    expect(parallel.earlyWaiting()).toBe(true);
    await readSource(spec(small), { minorUnit: 2 });
    expect(parallel.earlyWaiting()).toBe(true);
    const split = await readSource(spec(large), { minorUnit: 2 });
    expect(parallel.earlyWaiting()).toBe(false);
    expect([parallel.lastSplit, parts]).toEqual(['merged', 1]);

    // The same table and issues as one thread reads.
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    const one = await readSource(spec(large), { minorUnit: 2 });
    expect(split.table).toEqual(one.table);
    expect(split.issues).toEqual(one.issues);
  });

  it('a worker no read took is stopped when the run ends', () => {
    parallel.setSplitForTests({ bytes: 4000, run: inThread });
    writeFixture('early-unused.csv', rows(400));
    expect(startWorkerForLargeCsv(scheme('early-unused.yaml', 'sources:\n  sales:\n    file: early-unused.csv\n'))).toBe(true);
    expect(parallel.earlyWaiting()).toBe(true);
    parallel.dropEarly();
    expect(parallel.earlyWaiting()).toBe(false);
  });
});
