import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { computeMetrics } from '../../src/core/metrics.js';
import { addDerivedColumns } from '../../src/core/derived-columns.js';
import { metric, model, period, rep, source, table } from './helpers.js';
import { en, enAll } from '../english.js';

// rows (spreadsheet row = index + 2)
const sales = table('sales', {
  rep: ['string', ['A', 'A', 'A', 'a', 'B', 'X', 'X', 'A', 'B', ' A ']],
  date: ['date', ['2026-11-03', '2026-11-10', '2026-11-15', '2026-11-20', '2026-11-05', '2026-11-06', '2026-11-07', '2026-10-31', '2026-12-01', '2026-11-30']],
  stage: ['string', ['Won', 'Won ', 'Lost', 'Won', 'Won', 'Won', 'Won', 'Won', 'Won', 'Won']],
  amount: ['money', [100.1, 200.2, 50, 0.1, 0.2, 999, 1, 1000, 5, null]],
  customer: ['string', ['c1', 'c2', 'c1', 'c1', 'c3', 'c4', 'c4', 'c1', 'c3', 'c5']],
  created: ['date', ['2026-10-20', '2026-11-01', '2026-11-01', '2026-11-10', null, null, null, null, null, '2026-11-01']],
});
const csat = table('csat', {
  rep: ['string', ['A', 'A', 'B', 'A']],
  month: ['string', ['2026/11', '2026-11-01', '2026-10', '2026-12']],
  score: ['number', [4, 5, 3, 1]],
});
const won = { column: 'stage', op: 'eq' as const, value: 'Won' };
const metrics: MetricSpec[] = [
  metric(
    'revenue',
    { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [won, { column: 'amount', op: 'gt', value: 0 }] },
    { unit: 'money' },
  ),
  metric('won_deals', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [won] }, { unit: 'count' }),
  metric('customers', { kind: 'aggregate', source: 'sales', fn: 'count_distinct', column: 'customer', filter: [won] }),
  metric('avg_amount', { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'amount', filter: [won] }),
  metric('min_amount', { kind: 'aggregate', source: 'sales', fn: 'min', column: 'amount', filter: [won] }),
  metric('max_amount', { kind: 'aggregate', source: 'sales', fn: 'max', column: 'amount', filter: [won] }),
  metric(
    'win_rate',
    {
      kind: 'ratio',
      numerator: { metric: 'won_deals' },
      denominator: { source: 'sales', fn: 'count', filter: [{ column: 'stage', op: 'in', values: ['Won', 'Lost'] }] },
    },
    { unit: 'percent' },
  ),
  metric(
    'aov',
    {
      kind: 'derived',
      text: 'revenue / won_deals',
      formula: { type: 'binary', op: '/', left: { type: 'ref', name: 'revenue' }, right: { type: 'ref', name: 'won_deals' } },
    },
    { unit: 'money' },
  ),
  metric('growth', { kind: 'growth', metric: 'revenue', compare: 'previous_period' }, { unit: 'percent' }),
  metric('csat', { kind: 'input', source: 'csat', column: 'score' }),
  metric('cycle', { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'cycle_days', filter: [won] }, { unit: 'days' }),
];
const m = model({
  sources: [
    source('sales', { derived: [{ name: 'cycle_days', kind: 'days_between', from: 'created', to: 'date' }] }),
    source('csat', { date: undefined, period: 'month' }),
  ],
  metrics,
});
const reps = [rep('A'), rep('B'), rep('C')];
const tables = new Map([
  ['sales', sales],
  ['csat', csat],
]);

describe('metric kinds (November 2026)', () => {
  const v = computeMetrics(m, tables, reps, period('2026-11'));
  const a = v.get('A')!;
  const b = v.get('B')!;
  const c = v.get('C')!;
  it('sum of money is exact in cents; filters AND together; trimmed and case-only ids count', () => {
    // A: rows 2, 3 ("Won " trimmed), 5 (rep "a") = 100.10 + 200.20 + 0.10 = 300.40; row 11 (" A ") has a
    // blank amount so fails amount > 0; row 4 is Lost; row 9 is October.
    expect(a.get('revenue')).toBe(300.4);
    expect(b.get('revenue')).toBe(0.2); // row 6 only; row 10 is December
    expect(c.get('revenue')).toBe(0); // a sum over no rows is 0
  });
  it('count, count_distinct, avg, min, max', () => {
    expect(a.get('won_deals')).toBe(4); // rows 2, 3, 5, 11
    expect(a.get('customers')).toBe(3); // c1, c2, c1, c5
    // avg of non-blank Won amounts: (100.10 + 200.20 + 0.10) / 3 = 100.1333…
    expect(a.get('avg_amount')).toBeCloseTo(300.4 / 3, 12);
    expect(a.get('min_amount')).toBe(0.1);
    expect(a.get('max_amount')).toBe(200.2);
    expect(c.get('avg_amount')).toBeNull(); // avg of no rows: no data
    expect(c.get('min_amount')).toBeNull();
  });
  it('ratio of a metric and an inline aggregate', () => {
    expect(a.get('win_rate')).toBe(0.8); // 4 won / 5 won-or-lost
    expect(b.get('win_rate')).toBe(1);
    expect(c.get('win_rate')).toBeNull(); // 0 / 0
  });
  it('derived over metrics; division by zero gives null', () => {
    expect(a.get('aov')).toBeCloseTo(75.1, 12); // 300.40 / 4
    expect(c.get('aov')).toBeNull();
  });
  it('growth against the previous month from the same data', () => {
    // A October: row 9 = 1000.00 → (300.40 − 1000) / 1000 = −0.6996
    expect(a.get('growth')).toBeCloseTo(-0.6996, 12);
    expect(b.get('growth')).toBeNull(); // October revenue 0 → no growth figure
  });
  it('input: mean of the rep’s rows labelled with the period (labels normalised)', () => {
    expect(a.get('csat')).toBe(4.5); // 2026/11 → 4, 2026-11-01 → 5
    expect(b.get('csat')).toBeNull(); // only an October row
  });
  it('days_between derived column', () => {
    // A Won rows with both dates: row 2: 11-03 − 10-20 = 14; row 3: 11-10 − 11-01 = 9; row 5: 11-20 − 11-10 = 10;
    // row 11: 11-30 − 11-01 = 29 → (14 + 9 + 10 + 29) / 4 = 15.5
    expect(a.get('cycle')).toBe(15.5);
  });
  it('a quarter takes all its months; growth compares with the previous quarter', () => {
    const q = computeMetrics(m, tables, reps, period('2026-Q4'));
    // Q4 A: October 1000 + November 300.40 = 1300.40; B: 0.20 + December 5.00 = 5.20
    expect(q.get('A')!.get('revenue')).toBe(1300.4);
    expect(q.get('B')!.get('revenue')).toBe(5.2);
    expect(q.get('A')!.get('csat')).toBe(10 / 3); // (4 + 5 + 1) / 3 months in Q4
    expect(q.get('A')!.get('growth')).toBeNull(); // Q3 revenue 0
  });
});

describe('money sums stay exact', () => {
  it('0.1 + 0.2 sums to 0.30', () => {
    const t = table('s', { rep: ['string', ['A', 'A']], date: ['date', ['2026-11-01', '2026-11-02']], amt: ['money', [0.1, 0.2]] });
    const mm = model({ sources: [source('s')], metrics: [metric('x', { kind: 'aggregate', source: 's', fn: 'sum', column: 'amt', filter: [] })] });
    expect(
      computeMetrics(mm, new Map([['s', t]]), [rep('A')], period('2026-11'))
        .get('A')!
        .get('x'),
    ).toBe(0.3);
  });
});

describe('attribution and provenance in a run', () => {
  const run = scoreRun({ model: m, period: period('2026-11'), reps, tables });
  it('reports each unknown rep id once with its row count and first row', () => {
    const unknown = run.issues.filter((i) => i.value === 'X');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ file: 'sales.csv', row: 7, action: 'skipped' });
    expect(unknown[0]!.reason).toContain('2 rows');
  });
  it('warns about case-only matches', () => {
    const ci = run.issues.filter((i) => i.value === 'a');
    expect(ci).toHaveLength(1);
    expect(ci[0]).toMatchObject({ row: 5, severity: 'warning', action: 'kept' });
  });
  it('lists reps without data with score 0 and hasData false', () => {
    const cr = run.reps.find((r) => r.rep.id === 'C')!;
    expect(cr.hasData).toBe(false);
    expect(cr.totalScore).toBe(0);
    expect(run.reps.find((r) => r.rep.id === 'A')!.hasData).toBe(true);
    expect(run.reps).toHaveLength(3);
  });
  it('carries source, filter, aggregation, rows and steps', () => {
    const rev = run.reps.find((r) => r.rep.id === 'A')!.metrics.find((x) => x.metric === 'revenue')!;
    expect(rev.provenance).toMatchObject({ source: 'sales', file: 'sales.csv', rows: 3 });
    expect([en(rev.provenance.filter), en(rev.provenance.aggregation)]).toEqual(['stage = Won AND amount > 0', 'sum of amount']);
    expect(enAll(rev.provenance.steps)).toContain('actual = sum of amount over 3 rows in 2026-11 = 300.40');
    const wr = run.reps.find((r) => r.rep.id === 'A')!.metrics.find((x) => x.metric === 'win_rate')!;
    expect(en(wr.provenance.formula)).toBe('won_deals / count of rows in sales where stage in (Won, Lost)');
    expect(enAll(wr.provenance.steps)).toContain('actual = 4 / 5 = 80%');
    const aov = run.reps.find((r) => r.rep.id === 'A')!.metrics.find((x) => x.metric === 'aov')!;
    expect(enAll(aov.provenance.steps)).toContain('actual = revenue / won_deals = 300.4 / 4 = 75.10');
  });
  it('never drops a source silently: a missing table is an issue', () => {
    const r = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['csat', csat]]) });
    expect(r.issues.some((i) => i.reason.includes('source "sales" was not read'))).toBe(true);
    expect(r.reps.find((x) => x.rep.id === 'A')!.metrics.find((x) => x.metric === 'revenue')!.actual).toBeNull();
  });
});

describe('derived columns', () => {
  it('formula columns read money in currency units; blanks and /0 give blank', () => {
    const t = table('s', { a: ['money', [10, 5, null]], b: ['number', [4, 0, 1]] });
    const out = addDerivedColumns(
      t,
      source('s', {
        derived: [
          {
            name: 'per',
            kind: 'formula',
            text: 'a / b',
            formula: { type: 'binary', op: '/', left: { type: 'ref', name: 'a' }, right: { type: 'ref', name: 'b' } },
          },
        ],
      }),
    );
    const col = out.columns.get('per')!;
    expect(Array.from(col.values as Float64Array)).toEqual([2.5, NaN, NaN]);
    expect(t.columns.has('per')).toBe(false); // input untouched
  });
});
