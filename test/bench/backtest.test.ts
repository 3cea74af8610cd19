// bench/backtest.mjs: the year of data it generates has every month, and its honesty check holds the backtest's
// monthly payouts to 12 separate kpi score runs (and says which month when they differ).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { toJson } from '../../src/output/formats.js';
// @ts-expect-error: plain .mjs script without type declarations
import { backtestAgrees, generateYear, MONTHS } from '../../bench/backtest.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'kpi-bench-backtest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kpi = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'kpi.js'), ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 28 });

describe('bench/backtest.mjs', () => {
  it('12 months of sales, each month about the rows asked for; the backtest agrees with 12 kpi score runs', async () => {
    const { dir } = await generateYear(300, { root: tmp });
    const lines = readFileSync(join(dir, 'data', 'sales.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(lines).toHaveLength(3600);
    const perMonth = new Map<string, number>();
    for (const l of lines) perMonth.set(l.slice(-10, -3), (perMonth.get(l.slice(-10, -3)) ?? 0) + 1);
    expect([...perMonth.keys()].sort()).toEqual(MONTHS);
    for (const n of perMonth.values()) expect(n).toBeGreaterThan(200);
    // Generated once: the same call reuses the files.
    expect((await generateYear(300, { root: tmp })).dir).toBe(dir);

    const scheme = join(dir, 'scheme.yaml');
    const bt = kpi('backtest', scheme, '--from', MONTHS[0], '--to', MONTHS[11], '--format', 'json');
    expect(bt.status, bt.stderr).toBe(0);
    // The 12 runs in this process (kpi score --format json prints the same: test/e2e): 12 start-ups saved.
    const scores: string[] = [];
    for (const m of MONTHS as string[]) {
      const p = await prepareRun(scheme, m);
      if (!p.ok) throw new Error(`kpi score --period ${m} fails`);
      scores.push(toJson(score(p.run)));
    }
    expect(backtestAgrees(bt.stdout, scores)).toEqual({ ok: true, why: "12 months, each month's payout equal to its kpi score run's" });
    expect(JSON.parse(scores[11]!).totals.payout).toBeGreaterThan(0);
    const off = JSON.parse(scores[4]!);
    off.totals.payout += 0.01;
    const r = backtestAgrees(
      bt.stdout,
      scores.map((s, i) => (i === 4 ? JSON.stringify(off) : s)),
    );
    expect(r.ok).toBe(false);
    expect(r.why).toMatch(/^2026-04: backtest [\d.]+, kpi score [\d.]+$/);
  }, 300_000);
});
