// The plan-design commands (backtest, diff, targets) run as a user runs them, on the shipped examples.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
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
  for (const [format, file] of [
    ['table', 'acme-backtest.txt'],
    ['json', 'acme-backtest.json'],
  ] as const) {
    it(`--format ${format} on the example (Aug–Nov 2026) matches its golden file`, () => {
      const r = kpi(['backtest', ACME, '--from', '2026-08', '--to', '2026-11', '--format', format]);
      expectNoStack(r);
      expect(r.code).toBe(3); // the example's data has issues on purpose: NOT FINAL, as kpi score says
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

  it("--to defaults to the scheme's period; quarters work too, with the period-kind warning", () => {
    const r = kpi(['backtest', ACME, '--from', '2026-10', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'kpi-backtest/1', from: '2026-10', to: '2026-11', kind: 'month' });
    const q = kpi(['backtest', ACME, '--from', '2026-Q3', '--to', '2026-Q4', '--format', 'json']);
    expect(q.code).toBe(3);
    // A data issue of the run, as in kpi score (not a bare warning line).
    expect(JSON.parse(q.stdout).issues.map((i: { reason: string }) => i.reason)).toContain(
      "the scheme's period is a month (2026-11) but 2026-Q3 is a quarter; targets are used as written, so check they are meant for a quarter",
    );
  });

  it('on data with issues it is NOT FINAL everywhere, as kpi score: terminal, JSON, Excel, exit 3 (issue 9)', async () => {
    const dir = tmp();
    const r = kpi(['backtest', path.join(ROOT, ACME), '--from', '2026-10', '--xlsx', 'bt.xlsx'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    const banner = 'NOT FINAL: 2 data issues (2 rows skipped); see stderr'; // the short form: the summary fits 80 columns
    expect([lines[0], lines[lines.length - 1]]).toEqual([banner, banner]);
    expect(r.stderr).toContain('data/sales.csv, row 1379, column "Amount": KPI2107 "12,4O0.00" holds the letter "O"');
    expect(r.stderr).toContain('NOT FINAL: the figures may change once these are fixed (exit code 3).');
    expect(r.stderr).toContain('wrote backtest: bt.xlsx (marked NOT FINAL)');
    const json = JSON.parse(kpi(['backtest', ACME, '--from', '2026-10', '--format', 'json']).stdout);
    expect(Object.keys(json).slice(0, 2)).toEqual(['format', 'status']);
    expect(json.status).toEqual({ final: false, issues: 2, skipped: 2, message: expect.stringMatching(/^NOT FINAL: 2 data issues/) });
    const wb = await readWorkbook(readFileSync(path.join(dir, 'bt.xlsx')));
    expect(wb.worksheets[0]!.name).toBe('Status');
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toMatch(/^NOT FINAL: 2 data issues \(2 rows skipped\).*"Data issues" sheet/);
  });

  it('on data without issues it is final: no banner, status final, exit 0', async () => {
    const r = kpi(['backtest', 'examples/china/scheme.yaml', '--from', '2026-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toMatchObject({ final: true, issues: 0 });
    const t = kpi(['backtest', 'examples/china/scheme.yaml', '--from', '2026-10']);
    expect(t.code).toBe(0);
    expect(t.stdout).not.toContain('NOT FINAL');
  });

  it('a period the scheme cannot score (no target for a weighted metric) stops it, as kpi score (exit 1)', () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    const scheme = path.join(dir, 'scheme.yaml');
    const text = readFileSync(scheme, 'utf8');
    writeFileSync(scheme, text.replace('target: { default: 60000, by_role:', 'target: { by_role:'));
    const score = kpi(['score', scheme, '--period', '2026-10']);
    const bt = kpi(['backtest', scheme, '--from', '2026-10']);
    expect([score.code, bt.code]).toEqual([1, 1]);
    expect(bt.stdout).toBe('');
    expect(bt.stderr).toContain('KPI1202 no target for "revenue" in 2026-10');
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
    expect(a.code).toBe(3);
    expect(a.stderr).toContain('wrote backtest: a.xlsx (marked NOT FINAL)');
    run('b.xlsx');
    const bytes = (f: string) => readFileSync(path.join(dir, f));
    expect(bytes('a.xlsx').equals(bytes('b.xlsx'))).toBe(true);
    const wb = await readWorkbook(bytes('a.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Status',
      'Cost',
      'Reach',
      'Reach per metric',
      'Tiers',
      'Tier edges',
      'Reps on an edge',
      'Movers',
      'Reps',
      'Data issues',
    ]);
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
  it("warns at the scheme's own lines: a threshold few reached, a target all reached, a gate that zeroes most", () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    const scheme = path.join(dir, 'scheme.yaml');
    writeFileSync(
      scheme,
      readFileSync(scheme, 'utf8')
        .replace('threshold: 60%, stretch: 150%', 'threshold: 95%, stretch: 150%')
        .replace('level: 80%, effect: zero_bonus', 'level: 92%, effect: zero_bonus')
        .replace('target: { default: 4, by_team: { West: 3 } }', 'target: { default: 2 }'),
    );
    const r = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'scheme.yaml:99:62  KPI1311 warning (SMART: achievable): "revenue": only 3% reached the threshold in the last 3 months (2026-08 to 2026-10) (2 of 66 with data)',
    );
    expect(r.stdout).toContain(
      'scheme.yaml:136:5  KPI1312 warning (SMART: achievable): "new_customers": 100% reached the target in the last 3 months (2026-08 to 2026-10) (66 of 66 with data)',
    );
    expect(r.stdout).toContain(
      'scheme.yaml:205:5  KPI1313 warning (SMART: achievable): the gate on "collection_rate" would have zeroed the bonus of 74% of reps in the last 3 months (2026-08 to 2026-10) (49 of 66 with data)',
    );
    // On tiptoe, rep by rep: a target below what the rep averages is too easy.
    expect(r.stdout).toContain(
      'scheme.yaml:136:5  KPI1316 warning (SMART: achievable): "new_customers" target is below the average of the last 3 months (too easy) for 21 reps (target; average): R110 (2; 2.667), ',
    );
    // And one far above the rep's best month cannot be reached; in Chinese, the same codes and places.
    writeFileSync(scheme, readFileSync(scheme, 'utf8').replace('target: { default: 2 }', 'target: { default: 40 }'));
    const zh = kpi(['validate', 'scheme.yaml', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(
      /^scheme\.yaml:136:5 {2}KPI1315 .*“new_customers”的目标超过近 3 个月最好成绩的 1\.5 倍，涉及 \d+ 人（目标；最好成绩）：R\d+ \(40; \d+\)/m,
    );
    expect(zh.stdout.match(/KPI13\d\d/g)?.sort()).toEqual(['KPI1301', 'KPI1301', 'KPI1301', 'KPI1311', 'KPI1313', 'KPI1315']);
  });
});

describe('kpi targets', () => {
  for (const [format, file] of [
    ['table', 'acme-targets-2026-12.txt'],
    ['json', 'acme-targets-2026-12.json'],
    ['csv', 'acme-targets-2026-12.csv'],
  ] as const) {
    it(`--for 2026-12 --format ${format} matches its golden file`, () => {
      const r = kpi(['targets', ACME, '--for', '2026-12', '--format', format]);
      expectNoStack(r);
      expect(r.code).toBe(3); // history with data issues: NOT FINAL, as kpi score
      expectGolden(file, r.stdout);
    });
  }

  it("the file it writes is a targets file kpi validate accepts, on tiptoe by validate's own rule", () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    // November's targets from August to October, as if set at the end of October.
    const r = kpi(['targets', 'scheme.yaml', '--for', '2026-11', '--out', 'data/suggested.csv'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('wrote targets: data/suggested.csv (104 rows) (marked NOT FINAL)');
    const written = readFileSync(path.join(dir, 'data/suggested.csv'), 'utf8').split('\r\n');
    expect(written[0]).toBe('Rep ID,Metric,Period,Target,Explanation,run_status');
    expect(written[1]).toMatch(/,NOT FINAL$/);
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

  it('history with data issues: NOT FINAL in every output and exit 3; without issues: final, exit 0 (issue 9)', () => {
    const r = kpi(['targets', ACME, '--for', '2026-12']);
    const lines = r.stdout.trimEnd().split('\n');
    expect([lines[0], lines[lines.length - 1]]).toEqual([
      'NOT FINAL: 2 data issues (2 rows skipped); see stderr',
      'NOT FINAL: 2 data issues (2 rows skipped); see stderr',
    ]);
    expect(r.stderr).toContain('data/sales.csv, row 1379, column "Amount": KPI2107 "12,4O0.00" holds the letter "O"');
    expect(r.stderr).toContain('See them all with --format json.');
    const j = JSON.parse(kpi(['targets', ACME, '--for', '2026-12', '--format', 'json']).stdout);
    expect(Object.keys(j).slice(0, 2)).toEqual(['format', 'status']);
    expect(j.status).toMatchObject({ final: false, issues: 2, skipped: 2 });
    expect(j.issues).toHaveLength(2);
    const clean = kpi(['targets', 'examples/china/scheme.yaml', '--for', '2026-12', '--format', 'json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).status).toMatchObject({ final: true, issues: 0 });
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

describe('kpi diff', () => {
  const NEW = 'test/fixtures/plan/acme-2027.yaml';
  for (const [format, file] of [
    ['table', 'acme-diff.txt'],
    ['json', 'acme-diff.json'],
  ] as const) {
    it(`two schemes on the same data, --format ${format}, match the golden file`, () => {
      const r = kpi(['diff', ACME, NEW, '--format', format]);
      expectNoStack(r);
      expect(r.code).toBe(3); // the example's data has issues: NOT FINAL
      expect(r.stderr).toContain('NOT FINAL: the figures may change once these are fixed (exit code 3).');
      expectGolden(file, r.stdout);
    });
  }

  it('the per-rep changes add up to the change in cost, which matches two kpi score runs', () => {
    const d = JSON.parse(kpi(['diff', ACME, NEW, '--format', 'json']).stdout);
    const cents = (x: number) => Math.round(x * 100);
    expect(d.reps.reduce((s: number, r: { change: number }) => s + cents(r.change), 0)).toBe(cents(d.cost.change.payout));
    const before = JSON.parse(kpi(['score', ACME, '--format', 'json']).stdout).totals.payout;
    const after = JSON.parse(kpi(['score', NEW, '--format', 'json']).stdout).totals.payout;
    expect([d.cost.a.payout, d.cost.b.payout]).toEqual([before, after]);
    expect(d.schemeChanges.map((c: { path: string }) => c.path)).toEqual([
      'weights.account_executive.revenue',
      'weights.account_executive.win_rate',
      'bonus.tiers.0.to',
      'bonus.tiers.1.from',
      'bonus.tiers.1.multiplier',
    ]);
  });

  it('a scheme with itself, and a run with itself: no differences', () => {
    const r = kpi(['diff', ACME, ACME]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('No differences.');
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.json'), kpi(['score', ACME, '--format', 'json']).stdout);
    const j = kpi(['diff', path.join(dir, 'a.json'), path.join(dir, 'a.json'), '--format', 'json']);
    expect(JSON.parse(j.stdout)).toMatchObject({
      kind: 'runs',
      schemeChanged: false,
      inputChanges: [],
      summary: { winners: 0, losers: 0, changedBy: { data: 0, rules: 0, both: 0 } },
    });
  });

  it('two runs: a changed data file is data, a changed scheme is rules, each rep says which', () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
    const save = (name: string) => writeFileSync(path.join(dir, name), kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir }).stdout);
    save('a.json');
    // R101 loses a won deal of 23,780.00 (order SO-26926, closed 2026-11-06).
    const salesFile = path.join(dir, 'data/sales.csv');
    writeFileSync(salesFile, readFileSync(salesFile, 'utf8').replace('SO-26926,R101,C1460,East,Won,', 'SO-26926,R101,C1460,East,Lost,'));
    save('b.json');
    const data = JSON.parse(kpi(['diff', 'a.json', 'b.json', '--format', 'json'], { cwd: dir }).stdout);
    expect(data).toMatchObject({
      schemeChanged: false,
      inputChanges: [{ source: 'sales', role: 'data', change: 'changed' }],
      summary: { changedBy: { data: 1, rules: 0, both: 0 } },
    });
    const r101 = data.reps.find((r: { id: string }) => r.id === 'R101');
    expect(r101).toMatchObject({ tierA: 'On plan', tierB: 'Near plan' });
    expect(r101.causes[0]).toEqual({ kind: 'data', text: 'revenue actual 99,000 → 75,220' });
    // Then only the scheme: Near plan pays 0.9.
    const scheme = path.join(dir, 'scheme.yaml');
    writeFileSync(
      scheme,
      readFileSync(scheme, 'utf8').replace(
        '{ label: Near plan, from: 80%, to: 100%, multiplier: 0.8 }',
        '{ label: Near plan, from: 80%, to: 100%, multiplier: 0.9 }',
      ),
    );
    save('c.json');
    const rules = kpi(['diff', 'b.json', 'c.json'], { cwd: dir });
    expect(rules.code).toBe(3); // both runs are NOT FINAL (the example's bad rows)
    expect(rules.stderr).toContain(
      'note: b.json is a run marked NOT FINAL (2 data issues (2 rows skipped)): its figures may change once its data issues are fixed',
    );
    expect(rules.stdout.split('\n')[0]).toBe('NOT FINAL: 4 data issues (4 rows skipped); see stderr');
    expect(rules.stdout).toContain('Scheme: changed (its SHA-256 differs): rules changed');
    expect(rules.stdout).toContain('Input files: the same (every SHA-256 matches)');
    expect(rules.stdout).toContain('    rules: multiplier 0.8 → 0.9 at the same score');
    expect(rules.stdout).not.toMatch(/^ {4}data/m);
  });

  it('two runs saved final compare final (exit 0); one NOT FINAL makes the comparison NOT FINAL (issue 9)', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'final.json'), kpi(['score', 'examples/china/scheme.yaml', '--format', 'json']).stdout);
    const ok = kpi(['diff', path.join(dir, 'final.json'), path.join(dir, 'final.json'), '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).status).toMatchObject({ final: true, issues: 0 });
    const saved = JSON.parse(readFileSync(path.join(dir, 'final.json'), 'utf8'));
    saved.status = { ...saved.status, final: false, issues: 1, skipped: 1 };
    writeFileSync(path.join(dir, 'untrusted.json'), JSON.stringify(saved));
    const bad = kpi(['diff', path.join(dir, 'final.json'), path.join(dir, 'untrusted.json'), '--format', 'json']);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).status).toMatchObject({ final: false, issues: 1, skipped: 1 });
    // A run saved without a status (an older kpi): its issues[] say it.
    delete saved.status;
    saved.issues = [{ file: 'x.csv', reason: 'bad', severity: 'error', action: 'skipped' }];
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(saved));
    expect(kpi(['diff', path.join(dir, 'old.json'), path.join(dir, 'final.json')]).code).toBe(3);
  });

  it('--xlsx writes the comparison; mixed or unreadable inputs are refused', async () => {
    const dir = tmp();
    const r = kpi(['diff', path.join(ROOT, ACME), path.join(ROOT, NEW), '--xlsx', 'diff.xlsx'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('wrote diff: diff.xlsx (marked NOT FINAL)');
    const wb = await readWorkbook(readFileSync(path.join(dir, 'diff.xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Status', 'Cost', 'Reps', 'Tier moves', 'Changes']);
    expect(String(wb.getWorksheet('Status')!.getCell('A1').value)).toMatch(/^NOT FINAL: 2 data issues/);
    expect(wb.getWorksheet('Cost')!.getRow(5).values).toEqual([undefined, 'payout', 150311.76, 149245.1, -1066.66]);
    writeFileSync(path.join(dir, 'x.json'), '{"format": "kpi-backtest/1"}');
    expect(kpi(['diff', path.join(ROOT, ACME), path.join(dir, 'x.json')]).code).toBe(2);
    const bad = kpi(['diff', path.join(dir, 'x.json'), path.join(dir, 'x.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a saved kpi score run: its format is "kpi-backtest/1", not "kpi-score/1"');
    expect(kpi(['diff', path.join(dir, 'x.json'), path.join(dir, 'missing.json')]).stderr).toContain('no such file');
  });
});

describe('kpi verify', () => {
  // Scored once; a copy of the whole folder plays the auditor's machine a year later.
  let dir = '';
  let later = '';
  beforeAll(() => {
    dir = tmp();
    cpSync(path.join(ROOT, 'examples/acme'), path.join(dir, 'acme'), { recursive: true });
    mkdirSync(path.join(dir, 'reports'));
    const wrote = kpi(['score', 'acme/scheme.yaml', '--xlsx', 'reports/2026-11.xlsx'], { cwd: dir });
    expect(wrote.code, wrote.stderr).toBe(3); // the example has data issues: NOT FINAL
    later = tmp();
    cpSync(dir, later, { recursive: true });
  }, 180_000);

  it('a report verifies where it was written, and after its folder moved whole (paths relative to the report)', () => {
    const ok = kpi(['verify', 'reports/2026-11.xlsx'], { cwd: dir });
    expectNoStack(ok);
    // Every cell matches, but the report is NOT FINAL: never exit 0 (a script paying after verify must not pay).
    expect(ok.code, ok.stderr).toBe(3);
    expect(ok.stderr).toContain('kpi verify: reports/2026-11.xlsx is marked NOT FINAL: do not pay from it before its data issues are fixed (exit code 3)');
    expect(ok.stdout).toMatch(
      /^verified reports\/2026-11\.xlsx: the scheme and 7 input files match their SHA-256; all [\d,]+ cells on \d+ sheets match the recomputed report \(Acme Sales Bonus FY2026, 2026-11\)\.\nNOT FINAL: the report's data had issues .*\n$/,
    );
    expect(kpi(['verify', path.join(later, 'reports/2026-11.xlsx')]).code).toBe(3);
  }, 180_000);

  it('a figure typed over is named as Sheet!cell, expected and found (exit 1)', async () => {
    // The first formula cell holding a number on the Summary sheet.
    const zip = await JSZip.loadAsync(readFileSync(path.join(later, 'reports/2026-11.xlsx')));
    const sheet = 'xl/worksheets/sheet1.xml'; // Summary, the first sheet exceljs adds
    const xml = await zip.file(sheet)!.async('string');
    const cell = /<c r="([A-Z]+\d+)"((?:(?!t=)[^>])*)><f>[^<]*<\/f><v>([^<]*)<\/v><\/c>/.exec(xml)!;
    const [ref, attrs, was] = [cell[1]!, cell[2]!, Number(cell[3])];
    zip.file(sheet, xml.replace(cell[0], `<c r="${ref}"${attrs}><v>${was + 100}</v></c>`));
    writeFileSync(path.join(later, 'reports/edited.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const edited = kpi(['verify', 'reports/edited.xlsx'], { cwd: later });
    expectNoStack(edited);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`Summary!${ref}: expected ${was}, found ${was + 100}\n`);
    expect(edited.stderr).toContain('NOT VERIFIED: 1 cell differs');
    expect(edited.stdout).toBe('');
  }, 180_000);

  it('a changed input byte and a missing input are named; --input points at the moved file', () => {
    const sales = path.join(later, 'acme/data/sales.csv');
    const original = readFileSync(sales);
    try {
      writeFileSync(sales, Buffer.concat([original, Buffer.from('\n')]));
      const changed = kpi(['verify', 'reports/2026-11.xlsx'], { cwd: later });
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain('input "sales": acme/data/sales.csv: changed since the report (SHA-256 ');
      writeFileSync(path.join(later, 'sales-archived.csv'), original);
      rmSync(sales);
      const gone = kpi(['verify', 'reports/2026-11.xlsx'], { cwd: later });
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain('input "sales": acme/data/sales.csv: not found');
      expect(gone.stderr).toContain('--input source=file');
      expect(kpi(['verify', 'reports/2026-11.xlsx', '--input', 'sales=sales-archived.csv'], { cwd: later }).code).toBe(3); // matches; NOT FINAL
    } finally {
      writeFileSync(sales, original);
    }
  }, 180_000);

  it('a final report verifies with exit 0 (issue 9: only a NOT FINAL one exits 3)', () => {
    const d = tmp();
    cpSync(path.join(ROOT, 'examples/china'), path.join(d, 'china'), { recursive: true });
    expect(kpi(['score', 'china/scheme.yaml', '--xlsx', 'r.xlsx'], { cwd: d }).code).toBe(0);
    const v = kpi(['verify', 'r.xlsx'], { cwd: d });
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).not.toContain('NOT FINAL');
  }, 180_000);

  it('a file that is not a kpi report is a usage error (exit 2)', () => {
    const notReport = kpi(['verify', 'acme/scheme.yaml'], { cwd: later });
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toBe(
      'kpi verify: acme/scheme.yaml is not a kpi report: it is not an .xlsx workbook (not a zip file): it looks like text (CSV?)\n',
    );
  });
});

describe('kpi verify in Chinese', () => {
  // A report of the Chinese example records zh-CN on its Run sheet: verify speaks the report's language.
  let dir = '';
  /** Chinese text: what is left after paths, names the user wrote (quoted), SHA-256, flags and kpi's commands has no English word. */
  const englishWords = (s: string) =>
    s
      .replace(/[\w./-]+\.(xlsx|csv|yaml)|“[^”]*”|SHA-256|[0-9a-f]{64}|--[a-z-]+|kpi( [a-z]+| \d\S*)?|[A-Z][A-Za-z]*!\$?[A-Z]+\$?\d+/g, '')
      .match(/[A-Za-z]{3,}/g) ?? [];
  beforeAll(() => {
    dir = tmp();
    cpSync(path.join(ROOT, 'examples/china'), path.join(dir, 'china'), { recursive: true });
    const wrote = kpi(['score', 'china/scheme.yaml', '--xlsx', 'report.xlsx'], { cwd: dir });
    expect(wrote.code, wrote.stderr).toBe(0);
  }, 180_000);

  it('verified, a changed input and a file that is not a report: in Chinese, --lang en in English', () => {
    const ok = kpi(['verify', 'report.xlsx'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^已验证 report\.xlsx：方案和 \d+ 个输入文件的 SHA-256 均一致；\d+ 个工作表上的全部 [\d,]+ 个单元格与重新计算的报表一致（华诚贸易 2026 销售奖金方案，2026-11）。\n$/,
    );
    const sales = path.join(dir, 'china/data/sales.csv');
    const original = readFileSync(sales);
    try {
      writeFileSync(sales, Buffer.concat([original, Buffer.from('\n')]));
      const changed = kpi(['verify', 'report.xlsx'], { cwd: dir });
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain('输入“sales”：china/data/sales.csv：报表生成后已被修改');
      expect(changed.stderr).toContain('kpi verify: report.xlsx：未通过验证：本次运行有 1 个文件不是生成报表时所用的文件\n');
      expect(englishWords(changed.stderr)).toEqual([]);
      const en = kpi(['verify', 'report.xlsx', '--lang', 'en'], { cwd: dir });
      expect(en.stderr).toContain('input "sales": china/data/sales.csv: changed since the report');
    } finally {
      writeFileSync(sales, original);
    }
    const notReport = kpi(['verify', 'china/scheme.yaml', '--lang', 'zh'], { cwd: dir });
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toBe('kpi verify: china/scheme.yaml 不是 kpi 报表：它不是 .xlsx 工作簿（不是 zip 文件），看起来是文本（CSV？）\n');
    expect(kpi(['verify', 'nothing.xlsx', '--lang', 'zh'], { cwd: dir }).stderr).toBe('kpi verify: 无法读取 nothing.xlsx：文件不存在\n');
  }, 180_000);

  it('a figure typed over: the cell, expected and found, in Chinese', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'report.xlsx')));
    const sheet = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(sheet)!.async('string');
    const cell = /<c r="([A-Z]+\d+)"((?:(?!t=)[^>])*)><f>[^<]*<\/f><v>([^<]*)<\/v><\/c>/.exec(xml)!;
    const [ref, attrs, was] = [cell[1]!, cell[2]!, Number(cell[3])];
    zip.file(sheet, xml.replace(cell[0], `<c r="${ref}"${attrs}><v>${was + 100}</v></c>`));
    writeFileSync(path.join(dir, 'edited.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const edited = kpi(['verify', 'edited.xlsx'], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(new RegExp(`!${ref}：应为 ${was}，实为 ${was + 100}\n`));
    expect(edited.stderr).toContain('kpi verify: edited.xlsx：验证未通过：有 1 个单元格与');
    expect(englishWords(edited.stderr)).toEqual([]);
  }, 180_000);
});

describe('usage of the plan commands', () => {
  it('every new command has --help with an example', () => {
    for (const cmd of ['backtest', 'targets', 'diff', 'verify']) {
      const r = kpi([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Example');
      expect(r.stdout, cmd).toContain(`kpi ${cmd} `);
    }
  });
});
