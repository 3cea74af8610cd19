// bin/kpi.js starts the parallel read's worker before the bundle loads when the command line is `kpi score SCHEME`
// and the scheme names a CSV of 16 MB or more (src/start/early-worker.ts); the bundle then takes that worker as the
// one its read would have started. Any other command line, a small file, a workbook or KPI_PARALLEL=off: none.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as parallel from '../../src/reading/csv-parallel.js';
import { PARALLEL_BYTES } from '../../src/reading/csv-worker-start.js';
import { scoreScheme, startForScore } from '../../src/start/early-worker.js';
import { dir, writeFixture } from '../reading/helpers.js';

const WORKER = pathToFileURL(join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/kpi-csv-worker.cjs'));
const argv = (...args: string[]) => ['/usr/bin/node', '/x/bin/kpi.js', ...args];

afterEach(() => {
  parallel.dropEarly();
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

  it('for `kpi score` over a large CSV only; the bundle takes it as its early worker', () => {
    const before = parallel.earlyStarts;
    expect(startForScore(argv('score', scheme('bin-small.yaml', 'early-bin-small.csv')), WORKER)).toBeNull();
    expect(startForScore(argv('score', scheme('bin-xlsx.yaml', 'early-bin-large.xlsx')), WORKER)).toBeNull();
    expect(startForScore(argv('score', join(dir, 'no-such.yaml')), WORKER)).toBeNull();
    expect(startForScore(argv('validate', scheme('bin-large.yaml', 'early-bin-large.csv')), WORKER)).toBeNull();
    vi.stubEnv('KPI_PARALLEL', 'off');
    expect(startForScore(argv('score', join(dir, 'bin-large.yaml')), WORKER)).toBeNull();
    vi.unstubAllEnvs();

    const started = startForScore(argv('score', '--format', 'json', join(dir, 'bin-large.yaml')), WORKER);
    expect(started).not.toBeNull();
    parallel.adoptEarly(started!);
    expect([parallel.earlyWaiting(), parallel.earlyStarts]).toEqual([true, before + 1]);
    // A second one (none is ever started twice; here by hand) is stopped, the first kept.
    parallel.adoptEarly(startForScore(argv('score', join(dir, 'bin-large.yaml')), WORKER)!);
    expect(parallel.earlyStarts).toBe(before + 1);
  });
});
