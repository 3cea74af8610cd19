// examples/teams through the built CLI: split credit (and, as they land, team rollups and decomposed targets).
// Every figure below is worked out by hand in docs/scheme.md.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { kpi, expectNoStack } from './run.js';

const TEAMS = 'examples/teams/scheme.yaml';

interface JsonRep {
  id: string;
  metrics: { metric: string; actual: number | null; target: number | null; targetFrom: string | null; provenance: { steps: string[] } }[];
}
const scored = () => {
  const r = kpi(['score', TEAMS, '--format', 'json']);
  expectNoStack(r);
  return JSON.parse(r.stdout) as { reps: JsonRep[]; issues: { file: string; row: number; column: string; value: string; reason: string; severity: string }[] };
};
const metricOf = (reps: JsonRep[], id: string, m: string) => reps.find((r) => r.id === id)!.metrics.find((x) => x.metric === m)!;

describe('examples/teams: split credit', () => {
  const out = scored();
  it('credits each rep their share of an order, to the cent', () => {
    expect(metricOf(out.reps, 'A1', 'revenue').actual).toBe(11000.01); // 6,000.01 of O-101 + 5,000 of O-102
    expect(metricOf(out.reps, 'A2', 'revenue').actual).toBe(8000); // 4,000.00 of O-101 + 4,000 of O-103
    expect(metricOf(out.reps, 'A1', 'deals').actual).toBe(1.6);
    expect(metricOf(out.reps, 'A1', 'revenue').provenance.steps.join('\n')).toContain('split credit');
  });
  it('reports an order whose shares do not add up to 100 %, naming file, rows and sum', () => {
    const i = out.issues.find((x) => x.reason.includes('O-104'))!;
    expect(i).toMatchObject({ file: 'data/sales.csv', row: 20, column: 'Order', value: 'O-104', severity: 'error' });
    expect(i.reason).toContain('add up to 90%');
    expect(i.reason).toContain('rows 20, 21');
    expect(metricOf(out.reps, 'B2', 'revenue').actual).toBe(9000); // O-105 only; O-104 counted for no one
  });
  it('kpi validate names the order at its row', () => {
    const r = kpi(['validate', TEAMS]);
    expectNoStack(r);
    expect(r.stdout).toMatch(/data\/sales\.csv:20 .*order "O-104": its shares add up to 90%/);
  });
  it('the report and scorecards are written, a split target explained in a note on its cell', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-teams-'));
    const r = kpi(['score', TEAMS, '--xlsx', path.join(dir, 'r.xlsx'), '--scorecards', path.join(dir, 'cards')]);
    expectNoStack(r);
    // one workbook per rep (the folder may hold other files too, e.g. an index)
    const cards = readdirSync(path.join(dir, 'cards')).filter((f) => /^[A-Z]\d-.*\.xlsx$/.test(f));
    expect(cards.sort()).toEqual([
      'A1-Ann Lee.xlsx',
      'A2-Bo Chen.xlsx',
      'B1-Cal Diaz.xlsx',
      'B2-Dee Ford.xlsx',
      'D1-Dana Ortiz.xlsx',
      'M1-Mia Park.xlsx',
      'W1-Wen Li.xlsx',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'));
    const notes: string[] = [];
    wb.getWorksheet('Details')!.eachRow((row) => {
      const n = row.getCell(7).note;
      if (row.getCell(1).text === 'B2' && n) notes.push(typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join(''));
    });
    expect(notes.join('\n')).toContain("Target: 2026-Q4 target 45,000 (targets file data/targets.csv, row 3) split by 2025's monthly shares");
  });
});

describe('examples/teams: rollups', () => {
  const out = scored();
  it('a team lead is scored on the team’s sums, a ratio on the ratio of sums', () => {
    expect(metricOf(out.reps, 'M1', 'revenue').actual).toBe(21000.01);
    expect(metricOf(out.reps, 'M1', 'win_rate').actual).toBeCloseTo(3.5 / 4.5, 12);
    expect(metricOf(out.reps, 'W1', 'win_rate').actual).toBeCloseTo(1.5 / 2.5, 12);
  });
  it('a director takes everyone reporting to them, each split order once', () => {
    expect(metricOf(out.reps, 'D1', 'revenue').actual).toBe(34000.01);
    expect(metricOf(out.reps, 'D1', 'deals').actual).toBe(5);
  });
  it('the JSON names the reps whose rows count', () => {
    const m1 = (out.reps as unknown as { id: string; rollup: unknown }[]).find((r) => r.id === 'M1')!;
    expect(m1.rollup).toEqual({ basis: 'team', members: ['M1', 'A1', 'A2'] });
  });
  it('kpi explain says so', () => {
    const r = kpi(['explain', TEAMS, 'M1', 'revenue']);
    expect(r.stdout).toContain('rollup of team East (3 reps: M1, A1, A2)');
  });
});

describe('examples/teams: targets split into months', () => {
  const out = scored();
  const target = (id: string, args: string[] = []) => {
    const r = kpi(['score', TEAMS, '--format', 'json', ...args]);
    return (JSON.parse(r.stdout) as { reps: JsonRep[] }).reps.find((x) => x.id === id)!.metrics.find((m) => m.metric === 'revenue')!;
  };
  it('an inline annual target split by 2025’s monthly shares', () => {
    expect(metricOf(out.reps, 'A2', 'revenue').target).toBe(12000); // 120,000 × 10 %
    expect(metricOf(out.reps, 'M1', 'revenue').target).toBe(30000); // team_lead 300,000 × 10 %
  });
  it('targets-file rows for a year and a quarter, and a quarter from month rows', () => {
    expect(metricOf(out.reps, 'A1', 'revenue').target).toBe(15000);
    expect(metricOf(out.reps, 'B2', 'revenue').target).toBe(14062.5);
    expect(target('A1', ['--period', '2026-11-YTD']).target).toBe(130500);
    expect(target('W1', ['--period', '2026-Q4']).target).toBe(93000);
  });
  it('the JSON and kpi explain say where the target came from', () => {
    expect(target('A1').targetFrom).toBe("2026 target 150,000 (targets file data/targets.csv, row 2) split by 2025's monthly shares: 2025-11 was 10% → 15,000");
    const r = kpi(['explain', TEAMS, 'B2', 'revenue']);
    expect(r.stdout).toContain(
      "target 14,062.5 (2026-Q4 target 45,000 (targets file data/targets.csv, row 3) split by 2025's monthly shares: 2025-11 was 31.25% → 14,062.5)",
    );
  });
});

describe('targets file with year rows only', () => {
  it('is not called a file with no row for the period: its year row gives the month its target', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-teams-year-'));
    cpSync('examples/teams', dir, { recursive: true });
    writeFileSync(path.join(dir, 'data/targets.csv'), 'Rep ID,Metric,Period,Target\nA1,revenue,2026,150000\n');
    const r = kpi(['score', path.join(dir, 'scheme.yaml'), '--format', 'json']);
    expectNoStack(r);
    expect(r.stderr).not.toContain('has no row for');
    expect(metricOf((JSON.parse(r.stdout) as { reps: JsonRep[] }).reps, 'A1', 'revenue').target).toBe(15000);
  });
});
