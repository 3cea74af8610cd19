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
    writeFileSync(
      hook,
      `const wt = require('node:worker_threads'); const { appendFileSync } = require('node:fs'); const W = wt.Worker;
       wt.Worker = class extends W { constructor(f, o) { appendFileSync(${JSON.stringify(log)}, String(f).slice(0, 200) + '\\n'); super(f, o); } };`,
    );
    writeFileSync(log, '');
    const args = ['score', 'scheme-sales.yaml', '--format', 'json'];
    const one = kpi(args, { cwd: dir, env: { KPI_PARALLEL: 'off' } });
    expect(readFileSync(log, 'utf8')).not.toContain('kpi-csv-worker.cjs');
    const two = kpi(args, { cwd: dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(readFileSync(log, 'utf8')).toContain('kpi-csv-worker.cjs');
    expect(one.code).toBe(3); // the generator's deliberate bad amounts
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(JSON.parse(two.stdout).status.skipped).toBeGreaterThan(0);
  }, 120_000);
});
