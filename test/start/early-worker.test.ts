// bin/kpi.js starts the parallel read's worker before the bundle loads when the command line is `kpi score SCHEME`
// and the scheme names a CSV of 16 MB or more (src/start/early-worker.ts); the bundle then takes that worker as the
// one its read would have started. Any other command line, a small file, a workbook or KPI_PARALLEL=off: none.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as parallel from '../../src/reading/csv-parallel.js';
import { PARALLEL_BYTES } from '../../src/reading/csv-worker-start.js';
import { startWorkerForLargeCsv } from '../../src/commands/early-worker.js';
import { handOver, scoreScheme, startForScore, takeHandedOver } from '../../src/start/early-worker.js';
import { dir, writeFixture } from '../reading/helpers.js';

const WORKER = pathToFileURL(join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/kpi-csv-worker.cjs'));
const argv = (...args: string[]) => ['/usr/bin/node', '/x/bin/kpi.js', ...args];

afterEach(() => {
  parallel.dropEarly();
  parallel.setSplitForTests();
  vi.unstubAllEnvs();
});

describe('the scheme of `kpi score`, read from the command line', () => {
  it('the first word after score that is neither an option nor the value of one', () => {
    expect(scoreScheme(argv('score', 's.yaml'))).toBe('s.yaml');
    expect(scoreScheme(argv('score', '--period', '2026-11', '--format', 'json', 's.yaml', '--xlsx', 'r.xlsx'))).toBe('s.yaml');
    expect(scoreScheme(argv('score', '--lang', 'zh-CN', '--scorecards', 'cards', '--wide', 's.yaml'))).toBe('s.yaml');
    expect(scoreScheme(argv('score', '--period=2026-11', 's.yaml'))).toBe('s.yaml');
  });

  it('none for another command, for help, or without a scheme', () => {
    for (const args of [['validate', 's.yaml'], ['--version'], [], ['score'], ['score', 's.yaml', '--help'], ['score', '-h', 's.yaml'], ['help', 'score']]) {
      expect(scoreScheme(argv(...args)), args.join(' ')).toBeNull();
    }
  });
});

describe('the worker started before the bundle loads', () => {
  // A sparse file: as large as the bench's on disk, without writing it.
  const large = writeFixture('early-bin-large.csv', '');
  truncateSync(large, PARALLEL_BYTES);
  writeFixture('early-bin-small.csv', 'Order ID,Rep\n');
  const scheme = (name: string, file: string) => {
    writeFileSync(join(dir, name), `sources:\n  sales:\n    file: ${file}\n`);
    return join(dir, name);
  };

  it('for `kpi score` over a large CSV only; `kpi score` then takes it as the worker it would have started', () => {
    const before = parallel.earlyStarts;
    const none = (scheme: string) => ({ scheme, worker: null });
    const small = scheme('bin-small.yaml', 'early-bin-small.csv');
    expect(startForScore(argv('score', small), WORKER)).toEqual(none(small));
    const xlsx = scheme('bin-xlsx.yaml', 'early-bin-large.xlsx');
    expect(startForScore(argv('score', xlsx), WORKER)).toEqual(none(xlsx));
    expect(startForScore(argv('score', 'no-such.yaml'), WORKER)).toEqual(none('no-such.yaml'));
    const large = scheme('bin-large.yaml', 'early-bin-large.csv');
    expect(startForScore(argv('validate', large), WORKER)).toBeNull();
    vi.stubEnv('KPI_PARALLEL', 'off');
    expect(startForScore(argv('score', large), WORKER)).toEqual(none(large));
    vi.unstubAllEnvs();
    expect(parallel.earlyStarts).toBe(before);

    const guess = startForScore(argv('score', '--format', 'json', large), WORKER);
    expect(guess?.worker).not.toBeNull();
    handOver(guess!);
    // Taken by `kpi score` on the same scheme, which guesses no more (its own guess would start none here: 16 MB is
    // below the tests' threshold for a worker started in the bundle).
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    expect(startWorkerForLargeCsv(large)).toBe(true);
    expect([parallel.earlyWaiting(), parallel.earlyStarts]).toEqual([true, before + 1]);
    // Handed over once.
    expect(takeHandedOver()).toBeNull();
  });

  it("a guess made for another scheme than the command's: `kpi score` guesses for its own", () => {
    handOver({ scheme: 'other.yaml', worker: null });
    parallel.setSplitForTests({ bytes: 1000, run: () => Promise.reject(new Error('not read')) });
    expect(startWorkerForLargeCsv(scheme('bin-large2.yaml', 'early-bin-large.csv'))).toBe(true);
    handOver({ scheme: join(dir, 'bin-large2.yaml'), worker: null });
    parallel.dropEarly();
    expect(startWorkerForLargeCsv(join(dir, 'bin-large2.yaml'))).toBe(false);
  });
});
