// A growth metric compares with an earlier period that its export starts inside (sales from 2026-10-15, November
// compared with October): October's figure is half a month, so growth looks like +100 % and is paid. Reported
// (KPI2717, NOT FINAL) with the metric, the period and the first date; an export covering the period, a rep who
// started later and a period with no rows at all (KPI2708) are not.
import { describe, expect, it } from 'vitest';
import { checkedIn, SALES_SOURCE, schemeHead, STEP_BONUS } from './helpers.js';

function scheme(compare: string, period = '2026-11'): string {
  return `${schemeHead(period)}sources:
${SALES_SOURCE}reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
  - { id: R2, name: Bo, team: East, role: ae, base_bonus: 5000, start_date: 2026-10-20 }
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, target: 100 }
  revenue_growth: { unit: percent, metric: revenue, compare: ${compare}, target: 10% }
weights:
  ae: { revenue: 50, revenue_growth: 50 }
${STEP_BONUS}`;
}

async function issues(yaml: string, days: string[]) {
  const rows = days.flatMap((d) => [`R1,100.00,${d}`, `R2,50.00,${d}`]);
  const sales = `Rep,Amount,Close Date\nR1,oops,2026-09-01\n${rows.join('\n')}\n`;
  return (await checkedIn({ 'scheme.yaml': yaml, 'sales.csv': sales })).runIssues;
}

describe('a growth metric compared with a period its export starts inside', () => {
  it('the export starts on 2026-10-15, November compared with October: reported with metric, period and first date', async () => {
    const found = (await issues(scheme('previous_period'), ['2026-10-15', '2026-10-28', '2026-11-05'])).filter((i) => i.code === 'KPI2717');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'sales.csv', source: 'sales', severity: 'warning', action: 'kept' });
    expect(found[0]?.params).toMatchObject({ metric: 'revenue_growth', other: '2026-10', first: '2026-10-15' });
  });

  it('same month last year: an export starting 2025-11-10 is reported for 2025-11', async () => {
    const found = (await issues(scheme('same_period_last_year'), ['2025-11-10', '2026-11-05'])).filter((i) => i.code === 'KPI2717');
    expect(found.map((i) => i.params)).toMatchObject([{ metric: 'revenue_growth', other: '2025-11', first: '2025-11-10' }]);
  });

  it('an export from the first day of October, a rep who started on 20 October: quiet', async () => {
    const codes = (await issues(scheme('previous_period'), ['2026-10-01', '2026-11-05'])).map((i) => i.code);
    expect(codes).not.toContain('KPI2717');
  });

  it('period labels: Q4 compared with Q3 on a file whose labels start with 2026-08 is reported with that label', async () => {
    const yaml = scheme('previous_period', '2026-Q4').replace('date: closed', 'period: closed').replace('{ header: Close Date, type: date }', 'Close Date');
    const found = (await issues(yaml, ['2026-08', '2026-09', '2026-10'])).filter((i) => i.code === 'KPI2717');
    expect(found.map((i) => i.params)).toMatchObject([{ metric: 'revenue_growth', other: '2026-Q3', first: '2026-08' }]);
  });

  it('no rows in October at all: KPI2708 alone', async () => {
    const codes = (await issues(scheme('previous_period'), ['2026-11-02', '2026-11-05'])).map((i) => i.code);
    expect(codes).toContain('KPI2708');
    expect(codes).not.toContain('KPI2717');
  });
});
