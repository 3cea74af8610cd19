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
    writeFileSync(
      path.join(dir, 'sales.csv'),
      'Rep,Amount,Stage,Closed,Discount\nR1,500.00,Won,2026-11-03,0\nR1,300,Lost,2026-11-05,0\nR2,1200,Won,2026-11-10,lots\n',
    );
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8').replace(
      '      closed: { header: Closed, type: date }\n',
      '      closed: { header: Closed, type: date }\n      discount: { header: Discount, type: money }\n',
    );
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

describe('headers the scheme does not read (notes, not data issues)', () => {
  function run(csv: string, args: string[] = []) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-notes-'));
    cpSync(path.join(ROOT, 'test/fixtures/corpus/_base'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'sales.csv'), csv);
    return kpi(['score', 'scheme.yaml', ...args], { cwd: dir });
  }

  it("pandas' index column (empty header) and a repeated unused header leave the run final, listed as notes", () => {
    const csv = ',Rep,Amount,Stage,Closed,Notes,Notes\n0,R1,500.00,Won,2026-11-03,a,b\n1,R1,300,Lost,2026-11-05,,\n2,R2,1200,Won,2026-11-10,,\n';
    const r = run(csv, ['--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('NOT FINAL');
    expect(r.stderr).toContain(
      '2 notes (columns the scheme does not read, rows counted by a stated rule such as a payment before its invoice, or targets of 0 where lower is better; they are not data issues):',
    );
    expect(r.stderr).toContain('column A has no header; its values are not used');
    const json = JSON.parse(r.stdout) as { status: { final: boolean; message: string }; issues: { severity: string }[] };
    expect(json.status.final).toBe(true);
    expect(json.status.message).toMatch(
      /^Final: .*\(2 notes: columns the scheme does not read, rows counted by a stated rule, or targets of 0 where lower is better\)/,
    );
    expect(json.issues.map((i) => i.severity)).toEqual(['note', 'note']);
  });

  it('a note beside a real data issue: the run is NOT FINAL for the issue, and counts only the issue', () => {
    const csv = ',Rep,Amount,Stage,Closed\n0,R1,500.00,Won,2026-11-03\n1,R1,3OO,Lost,2026-11-05\n2,R2,1200,Won,2026-11-10\n';
    const r = run(csv);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('1 data issue (1 row skipped):');
    expect(r.stderr).toContain('1 note (columns the scheme does not read');
    // Beside a real issue the note must not claim the run is final.
    expect(r.stderr).not.toContain('stays final');
  });
});
