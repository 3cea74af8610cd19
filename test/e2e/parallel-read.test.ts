// The built CLI on a CSV large enough to be read on two threads (reading/csv-parallel.ts): the same JSON, summary and
// exit code as with KPI_PARALLEL=off (one thread), and the worker thread was really started.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { generate } from '../../bench/generate.mjs';
import { kpi } from './run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kpi-parallel-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a large CSV read on two threads', () => {
  it('scores exactly as one thread does', async () => {
    const { dir } = await generate(270_000, { root: tmp, salesOnly: true });
    expect(statSync(join(dir, 'data', 'sales.csv')).size).toBeGreaterThan(16 * 1024 * 1024);
    // Preloaded into the CLI: notes every worker thread it starts.
    const log = join(tmp, 'workers.log');
    const hook = join(tmp, 'hook.cjs');
    // And every opening of the sales file and of the bundle: a worker started before the bundle loads (kpi score:
    // start/early-worker.ts), or as the file is opened (kpi validate).
    writeFileSync(
      hook,
      `const wt = require('node:worker_threads'); const fs = require('node:fs'); const { appendFileSync, openSync } = fs; const W = wt.Worker;
       wt.Worker = class extends W { constructor(f, o) { appendFileSync(${JSON.stringify(log)}, String(f).slice(0, 200) + '\\n'); super(f, o); } };
       fs.openSync = (p, ...a) => { for (const f of ['sales.csv', 'kpi-main.cjs']) if (String(p).endsWith(f)) appendFileSync(${JSON.stringify(log)}, 'open ' + f + '\\n'); return openSync(p, ...a); };`,
    );
    const logged = () => readFileSync(log, 'utf8').trim().split('\n');
    writeFileSync(log, '');
    const args = ['score', 'scheme-sales.yaml', '--format', 'json'];
    const one = kpi(args, { cwd: dir, env: { KPI_PARALLEL: 'off' } });
    expect(readFileSync(log, 'utf8')).not.toContain('kpi-csv-worker.cjs');
    const two = kpi(args, { cwd: dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    // One worker, started before the bundle was loaded (its thread boots meanwhile), and taken by the file's read.
    expect(logged().filter((l) => l.includes('kpi-csv-worker.cjs'))).toHaveLength(1);
    expect(logged()[0]).toContain('kpi-csv-worker.cjs');
    expect(logged().slice(1, 3)).toEqual(['open kpi-main.cjs', 'open sales.csv']);
    expect(one.code).toBe(3); // the generator's deliberate bad amounts
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(JSON.parse(two.stdout).status.skipped).toBeGreaterThan(0);
    // kpi validate starts its worker as the file is opened, as before (no early start).
    writeFileSync(log, '');
    kpi(['validate', 'scheme-sales.yaml'], { cwd: dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(logged().slice(0, 2)).toEqual(['open kpi-main.cjs', 'open sales.csv']);
    expect(logged().filter((l) => l.includes('kpi-csv-worker.cjs'))).toHaveLength(1);
  }, 120_000);
});
