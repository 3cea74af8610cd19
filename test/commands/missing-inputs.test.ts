// An input metric (a CSAT survey, a manager's rating) with no value for a rep scores 0 as no data: a rep missing from
// a survey file is usually a survey not yet in, not a 0. Reported once per metric with the count and the first reps
// (KPI2718, NOT FINAL); the score stays 0. Reps whose pay the metric does not touch (R5), who joined during the
// period (R4: maybe not surveyed yet) or who have no rows at all (R6, on leave: scored as such) are left out, and a
// survey file with no row in the period is KPI2703 alone.
import { describe, expect, it } from 'vitest';
import { checkedIn, SALES_SOURCE, schemeHead, STEP_BONUS } from './helpers.js';

const SCHEME = `${schemeHead()}sources:
${SALES_SOURCE}  csat:
    file: csat.csv
    rep: rep
    period: month
    columns: { rep: Rep ID, month: Month, score: { header: CSAT, type: number } }
reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
  - { id: R2, name: Bo, team: East, role: ae, base_bonus: 5000 }
  - { id: R3, name: Cy, team: East, role: ae, base_bonus: 5000 }
  - { id: R4, name: Di, team: East, role: ae, base_bonus: 5000, start_date: 2026-11-09 }
  - { id: R6, name: Fay, team: East, role: ae, base_bonus: 5000 }
  - { id: R5, name: Ed, team: East, role: se, base_bonus: 5000 }
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, target: 100 }
  csat: { unit: score, source: csat, column: score, target: 4.5, scoring: { method: binary } }
weights:
  ae: { revenue: 70, csat: 30 }
  se: { revenue: 100 }
${STEP_BONUS}`;

const SALES = 'Rep,Amount,Close Date\nR1,100.00,2026-11-03\nR2,100.00,2026-11-04\nR3,10.00,2026-11-04\nR4,100.00,2026-11-12\nR5,100.00,2026-11-04\n';

const run = (csat: string) => checkedIn({ 'scheme.yaml': SCHEME, 'sales.csv': SALES, 'csat.csv': csat });

describe('an input metric with no value for some reps', () => {
  it('reps missing from the survey file: one problem for the metric, with the count and the reps; their score stays 0', async () => {
    const c = await run('Rep ID,Month,CSAT\nR1,2026-11,4.8\nR3,2026-11,\nR2,2026-11,\n');
    const found = c.runIssues.filter((i) => i.code === 'KPI2718');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'csat.csv', source: 'csat', severity: 'warning', action: 'kept' });
    expect(found[0]?.params).toMatchObject({ metric: 'csat', n: 2, reps: 'R2, R3', period: '2026-11' });
    const r2 = c.result.reps.find((r) => r.rep.id === 'R2')?.metrics.find((m) => m.metric === 'csat');
    expect(r2).toMatchObject({ actual: null, score: 0 });
  });

  it('a rep whose rows of the period a metric filter leaves out (only a refund) worked: said; one with rows only before the period is not', async () => {
    const scheme = SCHEME.replace('column: amount,', 'column: amount, filter: { amount: { gt: 0 } },');
    const sales = 'Rep,Amount,Close Date\nR1,100.00,2026-11-03\nR2,100.00,2026-11-04\nR3,-10.00,2026-11-04\nR6,100.00,2026-10-30\n';
    const c = await checkedIn({ 'scheme.yaml': scheme, 'sales.csv': sales, 'csat.csv': 'Rep ID,Month,CSAT\nR1,2026-11,4.8\nR2,2026-11,4.1\n' });
    const found = c.runIssues.filter((i) => i.code === 'KPI2718');
    expect(found.map((i) => i.params)).toMatchObject([{ metric: 'csat', n: 1, reps: 'R3' }]);
  });

  it('a rep whose rows in the file are all for other periods (a month typed wrong?): KPI2747, with the month written and the row', async () => {
    const c = await run('Rep ID,Month,CSAT\nR1,2026-11,4.8\nR2,2026-10,4.9\nR2,2026-12,4.7\nR3,2026-11,\n');
    expect(c.runIssues.filter((i) => i.code === 'KPI2718').map((i) => i.params)).toMatchObject([{ n: 1, reps: 'R3' }]);
    const found = c.runIssues.filter((i) => i.code === 'KPI2747');
    expect(found.map((i) => [i.file, i.row, i.severity, i.reason])).toEqual([
      [
        'csat.csv',
        4,
        'warning',
        'metric csat (given per rep in csat.csv) has no value in 2026-11 for 1 rep whose rows in the file are all for other periods: R2 (2026-12); this rep scores 0 on it (no data). A date or month typed wrong on the row, or the values of 2026-11 not yet in?',
      ],
    ]);
    expect(c.result.reps.find((r) => r.rep.id === 'R2')?.metrics.find((m) => m.metric === 'csat')).toMatchObject({ actual: null, score: 0 });
    // A row of the file skipped (R3's November value unreadable): R2's row of the period may be that one; KPI2718 as before.
    const skipped = await run('Rep ID,Month,CSAT\nR1,2026-11,4.8\nR2,2026-10,4.9\nR3,2026-11,4.x\n');
    expect(skipped.runIssues.filter((i) => i.code === 'KPI2718' || i.code === 'KPI2747').map((i) => [i.code, i.params?.reps])).toEqual([['KPI2718', 'R2, R3']]);
  });

  it('every rep the metric counts for has a value: quiet', async () => {
    const c = await run('Rep ID,Month,CSAT\nR1,2026-11,4.8\nR2,2026-11,4.1\nR3,2026-11,3.9\n');
    expect(c.runIssues.map((i) => i.code)).not.toContain('KPI2718');
  });

  it('a survey file with no row in the period: KPI2703 says it, not KPI2718 too', async () => {
    const c = await run('Rep ID,Month,CSAT\nR1,2026-10,4.8\n');
    const codes = c.runIssues.map((i) => i.code);
    expect(codes).toContain('KPI2703');
    expect(codes).not.toContain('KPI2718');
  });
});
