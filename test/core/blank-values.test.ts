// A row a sum, avg, min or max counts (credited, in the period, passing the filter) whose column is blank: a won deal
// with no amount. Before KPI2748 it was added as 0 (or left out of the average) without a word, exit 0.
import { describe, expect, it } from 'vitest';
import type { Aggregate } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { runStatus } from '../../src/output/status.js';
import { metric, model, period, rep, source, table } from './helpers.js';

const won = { column: 'stage', op: 'eq' as const, value: 'Won' };
// Spreadsheet rows 2..10: blank amounts on rows 3 (Won, A), 5 (Lost, not counted), 7 (Won, B), 9 (Won, October).
const sales = table('sales', {
  rep: ['string', ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'A', 'B']],
  date: ['date', ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-10-30', '2026-11-10']],
  stage: ['string', ['Won', 'Won', 'Lost', 'Won', 'Won', 'Won', 'Won', 'Won', 'Won']],
  amount: ['money', [100, null, null, 300, 50, null, 70, null, 30]],
});
const reps = [rep('A'), rep('B')];

function run(fn: Aggregate['fn'], filter: Aggregate['filter'] = [won]) {
  const m = model({
    sources: [source('sales')],
    metrics: [metric('revenue', { kind: 'aggregate', source: 'sales', fn, column: 'amount', filter }, { unit: 'money' })],
  });
  return scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', sales]]) });
}

// Revenue and its growth on the previous month (which reads October's rows: row 9 has a blank amount).
const withGrowth = model({
  sources: [source('sales')],
  metrics: [
    metric('revenue', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [won] }, { unit: 'money' }),
    metric('growth', { kind: 'growth', metric: 'revenue', compare: 'previous_period' }, { unit: 'percent' }),
  ],
});

const actual = (r: ReturnType<typeof run>, id: string) => r.reps.find((x) => x.rep.id === id)!.metrics[0]!.actual;

describe('a counted row with a blank amount (KPI2748)', () => {
  it('a sum: added as 0, said once with the count and the rows, and the run is not final', () => {
    const r = run('sum');
    expect(actual(r, 'A')).toBe(400);
    expect(actual(r, 'B')).toBe(150);
    const blank = r.issues.filter((i) => i.code === 'KPI2748');
    expect(blank).toHaveLength(1);
    expect(blank[0]).toMatchObject({ file: 'sales.csv', source: 'sales', row: 3, column: 'amount', severity: 'warning', action: 'kept' });
    // Row 5 is Lost (the filter leaves it out), row 9 is October: neither is named.
    expect(blank[0]!.reason).toBe(
      'metric revenue: 2 rows of sales in 2026-11 that it counts have a blank amount (rows 3, 7): each is added as 0. A counted row without its value (a won deal with no amount) is almost always a value missing from the export',
    );
    expect(runStatus(r.issues).final).toBe(false);
  });

  it('avg, min, max: the blank is left out (not a 0 in the mean), and said so', () => {
    const avg = run('avg');
    expect(actual(avg, 'A')).toBe(200); // (100 + 300) / 2, not (100 + 0 + 300) / 3
    expect(actual(avg, 'B')).toBe(50);
    expect(avg.issues.find((i) => i.code === 'KPI2748')!.reason).toContain('left out of the average, which is taken over the rows with a value');
    const min = run('min');
    expect(actual(min, 'A')).toBe(100);
    expect(min.issues.find((i) => i.code === 'KPI2748')!.reason).toContain('left out of the minimum');
    expect(run('max').issues.find((i) => i.code === 'KPI2748')!.reason).toContain('left out of the maximum');
  });

  it('names the first five rows and how many more', () => {
    const n = 8;
    const t = table('sales', {
      rep: ['string', Array(n).fill('A')],
      date: ['date', Array(n).fill('2026-11-03')],
      stage: ['string', Array(n).fill('Won')],
      amount: ['money', Array(n).fill(null)],
    });
    const m = model({
      sources: [source('sales')],
      metrics: [metric('revenue', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [won] })],
    });
    const r = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', t]]) });
    expect(r.issues.find((i) => i.code === 'KPI2748')!.reason).toContain(
      '8 rows of sales in 2026-11 that it counts have a blank amount (rows 2, 3, 4, 5, 6, … +3)',
    );
  });

  it('a condition on the column (amount > 0, for refunds) that leaves a blank out: said too', () => {
    const r = run('sum', [won, { column: 'amount', op: 'gt', value: 0 }]);
    expect(actual(r, 'A')).toBe(400);
    const blank = r.issues.filter((i) => i.code === 'KPI2748');
    expect(blank).toHaveLength(1);
    expect(blank[0]).toMatchObject({ row: 3, severity: 'warning', action: 'kept' });
    expect(blank[0]!.reason).toContain(
      "2 rows of sales in 2026-11 that pass the rest of its filter have a blank amount (rows 3, 7): they are not counted: a blank fails the filter's condition on amount",
    );
  });

  it('says nothing when the filter says what a blank does, or for a count with no condition on a blank column', () => {
    expect(run('sum', [won, { column: 'amount', op: 'not_blank' }]).issues.filter((i) => i.code === 'KPI2748')).toEqual([]);
    expect(
      run('count', [won, { column: 'amount', op: 'gt', value: 0 }, { column: 'amount', op: 'not_blank' }]).issues.filter((i) => i.code === 'KPI2748'),
    ).toEqual([]);
    expect(run('count').issues.filter((i) => i.code === 'KPI2748')).toEqual([]);
    // A blank date is often an event not yet happened (an unpaid invoice's paid date): a condition on it says nothing.
    const t = table('sales', {
      rep: ['string', ['A', 'A']],
      date: ['date', ['2026-11-03', '2026-11-04']],
      paid: ['date', ['2026-11-20', null]],
      amount: ['money', [100, 200]],
    });
    const paid = {
      kind: 'aggregate' as const,
      source: 'sales',
      fn: 'sum' as const,
      column: 'amount',
      filter: [{ column: 'paid', op: 'lte' as const, value: '2026-11-30' }],
    };
    const m = model({ sources: [source('sales')], metrics: [metric('collected', paid)] });
    const r = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', t]]) });
    expect(actual(r, 'A')).toBe(100);
    expect(r.issues.filter((i) => i.code === 'KPI2748')).toEqual([]);
  });

  it('a count of won deals with amount > 0: a won deal with no amount is left out, and said (was silent)', () => {
    for (const fn of ['count', 'count_distinct'] as const) {
      const r = run(fn, [won, { column: 'amount', op: 'gt', value: 0 }]);
      if (fn === 'count') expect(actual(r, 'A')).toBe(2);
      const blank = r.issues.filter((i) => i.code === 'KPI2748');
      expect(blank).toHaveLength(1);
      expect(blank[0]).toMatchObject({ row: 3, column: 'amount', severity: 'warning', action: 'kept' });
      expect(blank[0]!.reason).toContain('2 rows of sales in 2026-11 that pass the rest of its filter have a blank amount (rows 3, 7): they are not counted');
      expect(runStatus(r.issues).final).toBe(false);
    }
  });

  it('a condition on another number column (a sum of amount where probability >= 50): a blank probability is said', () => {
    const t = table('sales', {
      rep: ['string', ['A', 'A', 'B']],
      date: ['date', ['2026-11-03', '2026-11-04', '2026-11-05']],
      probability: ['number', [90, null, 60]],
      amount: ['money', [100, 200, 50]],
    });
    const m = model({
      sources: [source('sales')],
      metrics: [
        metric('pipeline', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'probability', op: 'gte', value: 50 }] }),
      ],
    });
    const r = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', t]]) });
    expect(r.issues.find((i) => i.code === 'KPI2748')!.reason).toBe(
      "metric pipeline: 1 row of sales in 2026-11 that passes the rest of its filter has a blank probability (row 3): it is not counted: a blank fails the filter's condition on probability, written to leave out other values (0, refunds). A counted row without its value (a won deal with no amount) is almost always a value missing from the export",
    );
  });

  it('the period a growth metric compares with says its blanks too (a blank last month makes the growth look larger)', () => {
    const m = withGrowth;
    const r = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', sales]]) });
    const reasons = r.issues.filter((i) => i.code === 'KPI2748').map((i) => i.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toContain('1 row of sales in 2026-10 (compared with 2026-11 by metric growth) that it counts has a blank amount (row 9)');
    expect(runStatus(r.issues).final).toBe(false);
  });

  it('every period a backtest scores says its own blanks, with its period (was the first period only)', () => {
    const m = withGrowth;
    const input = { model: m, reps, tables: new Map([['sales', sales]]) };
    // December first scored (its growth compares with November: November's blanks said there), then October.
    const [dec, oct, nov] = scorePeriods(input, [period('2026-12'), period('2026-10'), period('2026-11')]);
    const blanks = (r: typeof dec) => r!.issues.filter((i) => i.code === 'KPI2748').map((i) => i.reason);
    expect(blanks(dec)).toEqual([
      expect.stringContaining('2 rows of sales in 2026-11 (compared with 2026-12 by metric growth) that it counts have a blank amount (rows 3, 7)'),
    ]);
    expect(blanks(oct)[0]).toContain('1 row of sales in 2026-10 that it counts has a blank amount (row 9)');
    expect(blanks(nov)).toEqual([]); // said with December's run, and October's with its own: each once in the backtest
    const plain = model({ sources: [source('sales')], metrics: [m.metrics[0]!] });
    const [oct2, nov2] = scorePeriods({ ...input, model: plain }, [period('2026-10'), period('2026-11')]);
    expect(blanks(oct2)).toEqual([expect.stringContaining('(row 9)')]);
    expect(blanks(nov2)).toEqual([expect.stringContaining('(rows 3, 7)')]);
  });
});
