// `kpi score` reads and type-checks only the columns the scheme uses; `kpi validate` checks every mapped one.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kpi, ROOT } from './run.js';
import { loadScheme } from '../../src/scheme/load.js';
import { columnsUsed } from '../../src/core/columns-used.js';

describe('columns the scheme does not use', () => {
  it('are listed precisely: metrics, filters, rep, date, key and the inputs of used derived columns', async () => {
    const { model } = await loadScheme(path.join(ROOT, 'examples/acme/scheme.yaml'));
    const sales = model!.sources.find((s) => s.name === 'sales')!;
    // customer and region are mapped but no metric, filter or key reads them; cycle_days (deal_cycle) needs
    // created and closed.
    expect([...columnsUsed(model!, sales)].sort()).toEqual(['amount', 'closed', 'created', 'cycle_days', 'order_id', 'rep', 'stage']);
  });

  it('a bad value in an unused column costs no row in kpi score, and kpi validate still reports it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-unused-'));
    cpSync(path.join(ROOT, 'test/fixtures/corpus/_base'), dir, { recursive: true });
    // A Discount column mapped as money but used by nothing; R2's value is not a number.
    writeFileSync(path.join(dir, 'sales.csv'), 'Rep,Amount,Stage,Closed,Discount\nR1,500.00,Won,2026-11-03,0\nR1,300,Lost,2026-11-05,0\nR2,1200,Won,2026-11-10,lots\n');
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8').replace('      closed: { header: Closed, type: date }\n', '      closed: { header: Closed, type: date }\n      discount: { header: Discount, type: money }\n');
    writeFileSync(path.join(dir, 'scheme.yaml'), scheme);

    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.code).toBe(0);
    const json = JSON.parse(score.stdout) as { reps: { id: string; metrics: { metric: string; actual: number }[] }[]; issues: unknown[] };
    const revenue = Object.fromEntries(json.reps.map((r) => [r.id, r.metrics.find((m) => m.metric === 'revenue')!.actual]));
    expect(revenue).toEqual({ R1: 500, R2: 1200 });
    expect(json.issues).toEqual([]);

    const validate = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expect(validate.stdout).toContain('sales.csv:4  KPI2101 warning: column "Discount", value "lots"');
  });
});
