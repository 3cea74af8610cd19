// The bench's anchors do the same work as kpi: DuckDB's per-rep sums equal kpi's, and the agreement check fails
// when they do not; the exceljs writing baseline writes the workbooks its plan holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { generate } from '../../bench/generate.mjs';
// @ts-expect-error: plain .mjs script without type declarations
import { agreement } from '../../bench/goals.mjs';
// @ts-expect-error: plain .mjs script without type declarations
import { planOf } from '../../bench/workbook-plan.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'kpi-bench-goals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// kpi's JSON for 500 reps is over spawnSync's default 1 MB buffer (past it the child is killed: status null).
const node = (...args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });

describe('bench/goals.mjs anchors', () => {
  it('DuckDB computes the revenue and row counts kpi reports, rep by rep', async () => {
    const { dir } = await generate(3000, { root: tmp, salesOnly: true });
    const kpi = node(join(ROOT, 'bin', 'kpi.js'), 'score', join(dir, 'scheme-sales.yaml'), '--period', '2026-11', '--format', 'json');
    // The generated data holds a bad row on purpose: the run is NOT FINAL (exit 3).
    expect(kpi.status, kpi.stderr).toBe(3);
    const duck = node(join(ROOT, 'bench', 'duckdb-baseline.mjs'), join(dir, 'data', 'sales.csv'), '2026-11');
    expect(duck.status, duck.stderr).toBe(0);
    const ok = agreement(kpi.stdout, duck.stdout);
    expect(ok.why).toMatch(/^500 reps/);
    expect(ok.ok).toBe(true);
    // One cent off for one rep, or a rep DuckDB has that kpi does not: the check says so.
    const lines = duck.stdout.trim().split('\n');
    const first = JSON.parse(lines[0]!);
    const off = [JSON.stringify({ ...first, cents: first.cents + 1 }), ...lines.slice(1)].join('\n');
    expect(agreement(kpi.stdout, off)).toMatchObject({ ok: false, why: expect.stringContaining(first.rep) });
    expect(agreement(kpi.stdout, `${duck.stdout}{"rep":"X9","cents":1,"rows":1}\n`)).toMatchObject({ ok: false });
  });

  it('the exceljs baseline writes every workbook of the plan read back from kpi', async () => {
    const out = join(tmp, 'out');
    const kpi = node(
      join(ROOT, 'bin', 'kpi.js'),
      'score',
      join(ROOT, 'examples', 'acme', 'scheme.yaml'),
      '--period',
      '2026-11',
      '--format',
      'csv',
      '--scorecards',
      join(out, 'cards'),
    );
    expect(kpi.status, kpi.stderr).toBe(3); // the example's two bad rows: NOT FINAL
    // The folder's manifest (.kpi-scorecards.json) is not a workbook.
    const cards = readdirSync(join(out, 'cards'))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(out, 'cards', f));
    const plan = await planOf(cards);
    expect(plan.workbooks.length).toBe(cards.length);
    const cells = plan.workbooks[0].sheets[0].cells;
    expect(cells.some((c: unknown[]) => typeof c[1] === 'object' && c[1] !== null && 'formula' in c[1])).toBe(true);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(tmp, 'plan.json'), JSON.stringify(plan));
    const base = node(join(ROOT, 'bench', 'exceljs-writer-baseline.mjs'), join(tmp, 'plan.json'), join(tmp, 'base'));
    expect(base.status, base.stderr).toBe(0);
    expect(readdirSync(join(tmp, 'base')).sort()).toEqual(cards.map((f) => f.slice(join(out, 'cards').length + 1)).sort());
  });
});
