// 130,000 rows that each carry a warning (issue 9): "Maximum call stack size exceeded" came from
// push(...issues) with that many arguments. validate and score must both finish, count every issue and say
// so, with the JSON and the report holding every one of them (the report listed only the first 100,000).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, expectNoStack, kpi } from './run.js';
import { Workbook } from '../../src/reading/xlsx/workbook.js';

const ROWS = 130_000;
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-many-'));
cpSync(path.join(ROOT, 'test/fixtures/corpus/_base/scheme.yaml'), path.join(dir, 'scheme.yaml'));
// decimal declared: 1.005 is then read as 1.005 (rounded to 1.01, a warning on every row).
writeFileSync(
  path.join(dir, 'scheme.yaml'),
  readFileSync(path.join(dir, 'scheme.yaml'), 'utf8').replace('    file: sales.csv\n', "    file: sales.csv\n    decimal: '.'\n"),
);
const lines = ['Rep,Amount,Stage,Closed'];
for (let i = 0; i < ROWS; i++) lines.push(`R${1 + (i % 2)},1.005,Won,2026-11-03`);
writeFileSync(path.join(dir, 'sales.csv'), lines.join('\n') + '\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${ROWS.toLocaleString('en-US')} data issues`, () => {
  it('kpi validate lists them all and finishes', () => {
    const r = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`scheme.yaml: valid (${ROWS} warnings)`);
  });

  it('kpi score summarises them on stderr and puts every one in the JSON, figures intact', () => {
    const r = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expectNoStack(r);
    expect(r.stderr).toContain(`… and ${ROWS - 5} more`);
    const json = JSON.parse(r.stdout) as { issues: unknown[]; reps: { id: string; metrics: { metric: string; actual: number }[] }[] };
    expect(json.issues.length).toBeGreaterThanOrEqual(ROWS);
    const deals = Object.fromEntries(json.reps.map((x) => [x.id, x.metrics.find((m) => m.metric === 'deals')!.actual]));
    expect(deals).toEqual({ R1: ROWS / 2, R2: ROWS / 2 });
  });

  it("kpi score --xlsx lists every one on the report's Data issues sheet, and kpi verify proves it", async () => {
    const r = kpi(['score', 'scheme.yaml', '--format', 'json', '--xlsx', 'report.xlsx'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(3);
    const issues = (JSON.parse(r.stdout) as { issues: { row: number | null; reason: string; code: string }[] }).issues;
    const book = await Workbook.open(path.join(dir, 'report.xlsx'), 'report.xlsx');
    const rows: { row: number; c: unknown; f: unknown }[] = [];
    try {
      const sheet = book.sheets.find((s) => s.name === 'Data issues')!;
      let c: unknown = null;
      let f: unknown = null;
      for await (const batch of book.batches<{ row: number; c: unknown; f: unknown }>(sheet, (emit) => ({
        want: null,
        wantFrom: 0,
        cell: (col, v) => {
          if (col === 2) c = v;
          if (col === 5) f = v;
        },
        endRow: (row) => {
          emit({ row, c, f });
          c = f = null;
          return false;
        },
      })))
        for (const x of batch) rows.push(x);
    } finally {
      book.close();
    }
    expect(rows).toHaveLength(1 + issues.length);
    const last = issues[issues.length - 1]!;
    expect(rows[rows.length - 1]).toEqual({ row: 1 + issues.length, c: last.row, f: `${last.code} ${last.reason}` });
    const v = kpi(['verify', 'report.xlsx'], { cwd: dir });
    expectNoStack(v);
    expect(v.code, v.stderr).toBe(3); // every cell matches; the run is NOT FINAL
    expect(v.stdout).toMatch(/^verified report\.xlsx: .* all [\d,]+ cells on \d+ sheets match/);
  }, 300_000);
});
