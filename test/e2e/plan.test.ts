// The plan-design commands (backtest, diff, targets) run as a user runs them, on the shipped examples.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kpi, expectNoStack, ROOT } from './run.js';
import JSZip from 'jszip';
import { readWorkbook } from '../../src/output/excel.js';

const ACME = 'examples/acme/scheme.yaml';
const golden = (name: string) => path.join(ROOT, 'test/golden', name);

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kpi-plan-'));

describe('kpi backtest', () => {
  for (const [format, file] of [['table', 'acme-backtest.txt'], ['json', 'acme-backtest.json']] as const) {
    it(`--format ${format} on the example (Aug–Nov 2026) matches its golden file`, () => {
      const r = kpi(['backtest', ACME, '--from', '2026-08', '--to', '2026-11', '--format', format]);
      expectNoStack(r);
      expect(r.code).toBe(0);
      expectGolden(file, r.stdout);
    });
  }

  it('the terminal summary fits 80 columns', () => {
    const r = kpi(['backtest', ACME, '--from', '2026-08', '--to', '2026-11']);
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('a month costs what kpi score says for that month (every month: test/plan/backtest.test.ts)', () => {
    const bt = JSON.parse(kpi(['backtest', ACME, '--from', '2026-08', '--to', '2026-11', '--format', 'json']).stdout);
    const score = JSON.parse(kpi(['score', ACME, '--period', '2026-10', '--format', 'json']).stdout);
    expect(bt.periods[2].period.label).toBe('2026-10');
    expect(bt.periods[2].cost.payout).toBe(score.totals.payout);
  });

  it('--to defaults to the scheme\'s period; quarters work too, with the period-kind warning', () => {
    const r = kpi(['backtest', ACME, '--from', '2026-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'kpi-backtest/1', from: '2026-10', to: '2026-11', kind: 'month' });
    const q = kpi(['backtest', ACME, '--from', '2026-Q3', '--to', '2026-Q4']);
    expect(q.code).toBe(0);
    expect(q.stderr).toContain("warning: the scheme's period is a month (2026-11) but 2026-Q3 is a quarter");
  });

  it('refuses a range with periods that have no data at all (exit 1), saying where the data is', () => {
    const r = kpi(['backtest', ACME, '--from', '2026-01', '--to', '2026-11']);
    expectNoStack(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('kpi backtest: no data in 2026-01, 2026-02, 2026-03, … 2026-07 (7 periods)');
    expect(r.stderr).toContain('the range has data from 2026-08 to 2026-11');
  });

  it('usage errors exit 2: no --from, a bad period, mixed kinds, a reversed range', () => {
    expect(kpi(['backtest', ACME]).code).toBe(2);
    const bad = kpi(['backtest', ACME, '--from', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from "2026-13"');
    expect(kpi(['backtest', ACME, '--from', '2026-08', '--to', '2026-Q4']).stderr).toContain('give two periods of the same kind');
    expect(kpi(['backtest', ACME, '--from', '2026-11', '--to', '2026-08']).code).toBe(2);
  });

  it('--xlsx writes one sheet per measure, byte-identical on a second run, never over an input', async () => {
    const dir = tmp();
    const run = (name: string) => kpi(['backtest', path.join(ROOT, ACME), '--from', '2026-08', '--to', '2026-11', '--xlsx', name], { cwd: dir });
    const a = run('a.xlsx');
    expectNoStack(a);
    expect(a.code).toBe(0);
    expect(a.stderr).toContain('wrote backtest: a.xlsx');
    run('b.xlsx');
    const bytes = (f: string) => readFileSync(path.join(dir, f));
    expect(bytes('a.xlsx').equals(bytes('b.xlsx'))).toBe(true);
    const wb = await readWorkbook(bytes('a.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cost', 'Reach', 'Reach per metric', 'Tiers', 'Tier edges', 'Reps on an edge', 'Movers', 'Reps', 'Data issues']);
    const cost = wb.getWorksheet('Cost')!;
    expect(cost.getRow(5).values).toEqual([undefined, '2026-11', 131233.33, 19328.43, 250, 150311.76]);
    // A native chart per measure, drawn from the sheet's cells.
    const zip = await JSZip.loadAsync(bytes('a.xlsx'));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(6);
    const costChart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(costChart).toContain("<c:f>'Cost'!$B$2:$B$5</c:f>");
    expect(costChart).toContain("<c:f>'Cost'!$A$2:$A$5</c:f>");

    const over = kpi(['backtest', path.join(ROOT, ACME), '--from', '2026-08', '--xlsx', path.join(ROOT, 'examples/acme/data/sales.csv')]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('it is an input file');
    expect(over.stdout).toBe('');
    expect(existsSync(path.join(dir, 'c.xlsx'))).toBe(false);
  });
});

describe('kpi validate: the plan replayed on history', () => {
  it('warns at the scheme\'s own lines: a threshold few reached, a target all reached, a gate that zeroes most', () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    const scheme = path.join(dir, 'scheme.yaml');
    writeFileSync(scheme, readFileSync(scheme, 'utf8')
      .replace('threshold: 60%, stretch: 150%', 'threshold: 95%, stretch: 150%')
      .replace('level: 80%, effect: zero_bonus', 'level: 92%, effect: zero_bonus')
      .replace('target: { default: 4, by_team: { West: 3 } }', 'target: { default: 2 }'));
    const r = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scheme.yaml:99:62  warning (SMART: achievable): "revenue": only 3% reached the threshold in the last 3 months (2026-08 to 2026-10) (2 of 66 with data)');
    expect(r.stdout).toContain('scheme.yaml:136:5  warning (SMART: achievable): "new_customers": 100% reached the target in the last 3 months (2026-08 to 2026-10) (66 of 66 with data)');
    expect(r.stdout).toContain('scheme.yaml:205:5  warning (SMART: achievable): the gate on "collection_rate" would have zeroed the bonus of 74% of reps in the last 3 months (2026-08 to 2026-10) (49 of 66 with data)');
  });
});

describe('kpi targets', () => {
  for (const [format, file] of [['table', 'acme-targets-2026-12.txt'], ['json', 'acme-targets-2026-12.json'], ['csv', 'acme-targets-2026-12.csv']] as const) {
    it(`--for 2026-12 --format ${format} matches its golden file`, () => {
      const r = kpi(['targets', ACME, '--for', '2026-12', '--format', format]);
      expectNoStack(r);
      expect(r.code).toBe(0);
      expectGolden(file, r.stdout);
    });
  }

  it('the file it writes is a targets file kpi validate accepts, on tiptoe by validate\'s own rule', () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    // November's targets from August to October, as if set at the end of October.
    const r = kpi(['targets', 'scheme.yaml', '--for', '2026-11', '--out', 'data/suggested.csv'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote targets: data/suggested.csv (104 rows)');
    expect(readFileSync(path.join(dir, 'data/suggested.csv'), 'utf8').split('\r\n')[0]).toBe('Rep ID,Metric,Period,Target,Explanation');
    const scheme = path.join(dir, 'scheme.yaml');
    writeFileSync(scheme, readFileSync(scheme, 'utf8').replace('  file: data/targets.csv', '  file: data/suggested.csv'));
    const v = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expect(v.code).toBe(0);
    // The two bad rows of sales.csv and the metrics that are only shown; nothing about targets.
    expect(v.stdout).toContain('scheme.yaml: valid (5 warnings)');
    expect(v.stdout).not.toMatch(/target/i);
    const json = JSON.parse(kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir }).stdout);
    const r101 = json.reps.find((x: { id: string }) => x.id === 'R101');
    // R101's revenue Aug–Oct: 234,134.00 in all (Nov 99,000 more gives the Aug–Nov 333,134 of the 2026-12 golden):
    // average 78,044.67 × 1.05 = 81,946.90.
    expect(r101.metrics.find((m: { metric: string }) => m.metric === 'revenue')).toMatchObject({ target: 81946.9, targetOrigin: 'file' });
  });

  it('a year of targets for a monthly scheme: twelve rows per rep and metric, sums split to the cent', () => {
    const j = JSON.parse(kpi(['targets', ACME, '--for', '2027', '--growth', '10%', '--format', 'json']).stdout);
    expect(j).toMatchObject({ format: 'kpi-targets/1', growth: 0.1, periods: expect.arrayContaining(['2027-01', '2027-12']) });
    for (const s of j.suggestions) {
      expect(s.periods).toHaveLength(12);
      if (s.additive) expect(s.periods.reduce((a: number, p: { target: number }) => a + Math.round(p.target * 100), 0)).toBe(Math.round(s.total * 100));
    }
  });

  it('never writes over an input; a bad --for or --growth is a usage error', () => {
    const over = kpi(['targets', ACME, '--for', '2026-12', '--out', 'examples/acme/data/targets.csv']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('it is an input file');
    expect(kpi(['targets', ACME, '--for', '2026-13']).code).toBe(2);
    expect(kpi(['targets', ACME, '--for', '2027', '--growth', 'lots']).stderr).toContain('--growth "lots"');
    expect(kpi(['targets', ACME]).code).toBe(2);
  });
});

describe('usage of the plan commands', () => {
  it('every new command has --help with an example', () => {
    for (const cmd of ['backtest', 'targets']) {
      const r = kpi([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Example');
      expect(r.stdout, cmd).toContain(`kpi ${cmd} `);
    }
  });
});
