// The sheets a manager asks for: team rollup, comparison with the previous period, rows behind the figures,
// sign-off. Figures checked against the run; formulas are recomputed by LibreOffice in print.test.ts.
import { describe, expect, test } from 'vitest';
import { readWorkbook } from '../../src/output/excel.js';
import { reportBytes, type ReportContext } from '../../src/output/report.js';
import { tierMove } from '../../src/output/sheets/compare.js';
import type { RunResult } from '../../src/core/results.js';
import { parsePeriod } from '../../src/core/period.js';
import { fixtureInputs, fixtureIssues, fixtureModel, fixtureRowsBehind, fixtureSchemeText, makeFixture } from './fixture.js';

const result = makeFixture();
const oct = parsePeriod('2026-10');
if ('error' in oct) throw new Error(oct.error.key);
// October: A01 one tier lower (On plan), A02 with no data, everyone else as in November but $100 less.
const previous: RunResult = {
  ...result,
  period: oct,
  reps: result.reps.map((r) =>
    r.rep.id === 'A01'
      ? { ...r, totalScore: 1.1, tier: fixtureModel.bonus.tiers[2]!, rounded: { ...r.rounded, payout: 7000 } }
      : r.rep.id === 'A02'
        ? { ...r, hasData: false, totalScore: 0, tier: fixtureModel.bonus.tiers[0]!, rounded: { ...r.rounded, payout: 0 } }
        : { ...r, rounded: { ...r.rounded, payout: r.rounded.payout - 100 } },
  ),
};
const rows = fixtureRowsBehind(result);
const ctx: ReportContext = {
  schemeFile: fixtureModel.schemeFile,
  schemeText: fixtureSchemeText,
  inputs: fixtureInputs,
  issues: fixtureIssues,
  toolVersion: '0.1.0',
  model: fixtureModel,
  previous: { period: oct, result: previous, missing: [] },
  rowsBehind: rows,
};
const wb = await readWorkbook(await reportBytes(result, ctx));
// exceljs reads a formula's cached 0 back as no result (#2943).
const value = (v: unknown) => (v !== null && typeof v === 'object' && 'formula' in v ? ((v as { result?: unknown }).result ?? 0) : v);
const formula = (v: unknown) => (v as { formula?: string }).formula;

describe('report sheets for managers', () => {
  test('sheet order: the rollup and comparison after the Summary, rows after the details, sign-off last', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Dashboard',
      'Summary',
      'Teams',
      'vs 2026-10',
      'Details',
      'Rows sales',
      'Data issues',
      'Scheme',
      'Run',
      'Sign-off',
    ]);
  });

  test('Teams: per team reps, average score, payout and tier mix, summing to the run', () => {
    const ws = wb.getWorksheet('Teams')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual([
      'Team',
      'Reps',
      'Reps with data',
      'Average score',
      'Total payout',
      'Average payout',
      'Bonus zeroed by a gate',
      ...fixtureModel.bonus.tiers.map((t) => t.label),
    ]);
    result.teams.forEach((t, i) => {
      const r = ws.getRow(2 + i);
      expect(r.getCell(1).value).toBe(t.team);
      expect(value(r.getCell(2).value)).toBe(t.reps);
      expect(value(r.getCell(4).value)).toBe(t.averageScore);
      expect(value(r.getCell(5).value)).toBe(t.payout);
      // The Summary's reps are on rows 3–9 (row 1 is the run's status, row 2 the headers).
      expect(formula(r.getCell(5).value)).toMatch(/^ROUND\(SUMPRODUCT\(EXACT\(Summary!\$D\$3:\$D\$9,\$A\d\)\*Summary!\$T\$3:\$T\$9\),2\)$/);
      const tierCounts = fixtureModel.bonus.tiers.map((_, k) => value(r.getCell(8 + k).value) ?? 0);
      expect(tierCounts.reduce((a, b) => (a as number) + (b as number), 0)).toBe(t.reps);
    });
    const total = ws.getRow(2 + result.teams.length);
    expect(total.getCell(1).value).toBe('All teams');
    expect(value(total.getCell(5).value)).toBe(result.totalPayout);
  });

  test('comparison: score, tier and payout then and now, with the tier move', () => {
    const ws = wb.getWorksheet('vs 2026-10')!;
    const row = (id: string) => ws.getRow(4 + result.reps.findIndex((r) => r.rep.id === id));
    expect(row('A01').getCell(8).value).toBe('On plan');
    expect(row('A01').getCell(9).value).toBe('Stretch');
    expect(row('A01').getCell(10).value).toBe('↑ up 1');
    expect(value(row('A01').getCell(13).value)).toBe(8980 - 7000);
    expect(formula(row('A01').getCell(12).value)).toMatch(/^Summary!T\d+$/);
    expect(row('A02').getCell(10).value).toBe('no data before');
    expect(tierMove(fixtureModel, result.reps[0], result.reps[0]!)).toBe('= same');
  });

  test('rows behind the figures: the rows, what counted, the limit, text kept as text', () => {
    const ws = wb.getWorksheet('Rows sales')!;
    const texts: string[] = [];
    ws.eachRow((r) =>
      r.eachCell((c) => {
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
    expect(texts.some((t) => t.startsWith('Limit of 3 rows over all sources: 2 reps with 9 rows not listed'))).toBe(true);
    expect(texts).toContain('revenue: sum of amount where stage = Won');
    const headAt = texts.indexOf('Rep ID');
    expect(texts.slice(headAt, headAt + 8)).toEqual(['Rep ID', 'Name', 'Row in file', 'order_id', 'closed', 'amount', 'stage', 'revenue']);
    let found = 0;
    ws.eachRow((r) => {
      if (r.getCell(4).value === 'SO-1') {
        found++;
        expect(r.getCell(3).value).toBe(12);
        expect(r.getCell(5).value).toEqual(new Date(Date.UTC(2026, 10, 3))); // written as serial 46329, a date cell
        expect(r.getCell(6).value).toBe(1500.5);
        expect(r.getCell(8).value).toBe('counted');
      }
      if (r.getCell(4).value === '=SO-2') {
        found++;
        expect(r.getCell(4).numFmt).toBe('@');
        expect(r.getCell(8).value).toBe('not counted: needs stage = Won');
      }
    });
    expect(found).toBe(2);
  });

  test('sign-off: what is approved, per team, and a line for each signer', () => {
    const ws = wb.getWorksheet('Sign-off')!;
    const cells: unknown[] = [];
    ws.eachRow((r) =>
      r.eachCell((c) => {
        cells.push(value(c.value));
      }),
    );
    expect(cells).toContain('Payout approval');
    expect(cells).toContain(result.totalPayout);
    for (const t of result.teams) expect(cells).toContain(t.payout);
    for (const role of ['Prepared by (sales operations)', 'Reviewed by (sales manager)', 'Approved by (finance)']) expect(cells).toContain(role);
    // The fixture's run has data issues: under the title, the sheet says not to approve it.
    expect(ws.getCell('A2').value).toMatch(/^NOT FINAL: .*do not approve a run that is not final\.$/);
  });

  test('sign-off: a note on a column the scheme does not read is no data issue to see before signing', async () => {
    const note = {
      file: 'data/sales.csv',
      source: 'sales',
      row: 1,
      column: '',
      reason: 'column A has no header; its values are not used',
      severity: 'note' as const,
      action: 'kept' as const,
      code: 'KPI2304' as const,
    };
    const final = await readWorkbook(await reportBytes({ ...result, issues: [] }, { ...ctx, issues: [note] }));
    const cells: unknown[] = [];
    final.getWorksheet('Sign-off')!.eachRow((r) =>
      r.eachCell((c) => {
        cells.push(value(c.value));
      }),
    );
    expect(cells).toContain('none');
    expect(cells.some((c) => typeof c === 'string' && c.includes('before signing'))).toBe(false);
    expect(final.getWorksheet('Sign-off')!.getCell('A2').value).toMatch(/^Final: /);
  });

  test('the dashboard says when the data does not reach the previous period', async () => {
    const none = await readWorkbook(await reportBytes(result, { ...ctx, previous: { period: oct, missing: ['sales'] }, rowsBehind: undefined }));
    expect(none.worksheets.map((w) => w.name)).not.toContain('vs 2026-10');
    expect(none.getWorksheet('Dashboard')!.getCell('A3').value).toBe('No comparison with 2026-10: the data does not reach it (no rows in 2026-10 in sales).');
    expect(wb.getWorksheet('Dashboard')!.getCell('A3').value).toBe('Compared with 2026-10: sheet "vs 2026-10".');
  });
});
