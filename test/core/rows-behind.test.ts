import { describe, expect, test } from 'vitest';
import { rowsBehind, rowsInPeriod } from '../../src/core/rows-behind.js';
import { scoreRun } from '../../src/core/score.js';
import { metric, model, period, rep, source, table } from './helpers.js';
import { en } from '../english.js';

const sales = table('sales', {
  order: ['string', ['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5', 'SO-6', 'SO-7']],
  rep: ['string', ['A', 'A', 'B', 'a', 'A', 'X', 'B']],
  date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-10-30', '2026-11-06', '2026-11-07']],
  status: ['string', ['Won', 'Lost', 'Won', 'Won', 'Won', 'Won', 'Won']],
  amount: ['money', [100, 50, 200, null, 999, 70, -20]],
  region: ['string', ['N', 'N', 'S', 'N', 'N', 'N', 'S']],
});
const m = model({
  sources: [source('sales', { key: 'order' })],
  metrics: [
    metric('revenue', {
      kind: 'aggregate',
      source: 'sales',
      fn: 'sum',
      column: 'amount',
      filter: [
        { column: 'status', op: 'eq', value: 'Won' },
        { column: 'amount', op: 'gt', value: 0 },
      ],
    }),
    metric('win_rate', {
      kind: 'ratio',
      numerator: { metric: 'won' },
      denominator: { source: 'sales', fn: 'count', filter: [{ column: 'status', op: 'in', values: ['Won', 'Lost'] }] },
    }),
    metric('won', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [{ column: 'status', op: 'eq', value: 'Won' }] }),
  ],
  weights: { ae: { revenue: 1 } },
});
const reps = [rep('A'), rep('B'), rep('C')];
const nov = period('2026-11');
const input = { model: m, period: nov, reps, tables: new Map([['sales', sales]]) };

describe('rowsBehind', () => {
  test("lists each rep's rows in the period with the columns the metrics use and each aggregate's verdict", () => {
    const rb = rowsBehind(input, { maxRows: 100 });
    expect(rb.sources).toHaveLength(1);
    const s = rb.sources[0]!;
    expect(s.columns.map((c) => c.name)).toEqual(['order', 'date', 'amount', 'status']);
    expect(s.uses.map((u) => `${u.metric}/${u.part}: ${en(u.text)}`)).toEqual([
      'revenue/actual: sum of amount where status = Won AND amount > 0',
      'win_rate/denominator: count of rows where status in (Won, Lost)',
      'won/actual: count of rows where status = Won',
    ]);
    // Rep A: SO-1, SO-2 and SO-4 (id "a", same rep ignoring case); SO-5 is October; SO-6 belongs to nobody.
    expect(s.rows.map((r) => [reps[r.rep]!.id, r.row, r.values[0]])).toEqual([
      ['A', 2, 'SO-1'],
      ['A', 3, 'SO-2'],
      ['A', 5, 'SO-4'],
      ['B', 4, 'SO-3'],
      ['B', 8, 'SO-7'],
    ]);
    const byOrder = new Map(s.rows.map((r) => [r.values[0], r]));
    const verdicts = (id: string) => byOrder.get(id)!.verdicts.map((v) => (v === null ? null : en(v)));
    expect(verdicts('SO-1')).toEqual([null, null, null]);
    expect(verdicts('SO-2')).toEqual(['not counted: needs status = Won', null, 'not counted: needs status = Won']);
    expect(verdicts('SO-4')[0]).toBe('not counted: needs amount > 0');
    expect(verdicts('SO-7')[0]).toBe('not counted: needs amount > 0');
    expect(byOrder.get('SO-1')!.values).toEqual(['SO-1', 20759, 100, 'Won']);
    expect(rb.omitted).toEqual([]);
  });

  test('the counted rows add up to the scored actuals', () => {
    const result = scoreRun({ ...input, reps: [...reps] });
    const s = rowsBehind(input, { maxRows: 100 }).sources[0]!;
    reps.forEach((r, i) => {
      const counted = s.rows.filter((x) => x.rep === i && x.verdicts[0] === null).reduce((t, x) => t + (x.values[2] as number), 0);
      expect(counted).toBe(result.reps.find((x) => x.rep.id === r.id)!.metrics.find((x) => x.metric === 'revenue')!.actual ?? 0);
    });
  });

  test('the limit lists whole reps in the order given and names the rest', () => {
    const rb = rowsBehind(input, { maxRows: 2, repOrder: [1, 0, 2] });
    expect(rb.listed).toEqual([1, 2]); // B (2 rows) fits; A (3 rows) does not; C has none
    expect(rb.omitted).toEqual([0]);
    expect(rb.omittedRows).toBe(3);
    expect(rb.sources[0]!.rows.map((r) => r.row)).toEqual([4, 8]);
  });

  test('rowsInPeriod says whether the data reaches a period', () => {
    expect(rowsInPeriod(m, input.tables, period('2026-10'))).toEqual([{ source: 'sales', rows: 1 }]);
    expect(rowsInPeriod(m, input.tables, period('2026-09'))).toEqual([{ source: 'sales', rows: 0 }]);
  });
});

describe('rowsBehind: a 回款 component’s payments', () => {
  // The collections source is dated by its invoice date (as examples/china is), but a payment is in the period by
  // the date it was paid: a payment of an October invoice paid in November is listed and counted for 回款, not for
  // a metric of the source; a November invoice paid in December is listed, and not counted for 回款.
  const collections = table('collections', {
    invoice: ['string', ['F1', 'F2', 'F3', 'F4']],
    rep: ['string', ['A', 'A', 'A', 'B']],
    invoiced_on: ['date', ['2026-10-20', '2026-11-02', '2026-11-03', '2026-09-01']],
    paid_on: ['date', ['2026-11-09', '2026-12-05', '2026-11-10', '2026-10-01']],
    paid: ['money', [100, 200, null, 50]],
  });
  const mc = model({
    sources: [source('collections', { date: 'invoiced_on' })],
    metrics: [metric('invoiced', { kind: 'aggregate', source: 'collections', fn: 'sum', column: 'paid', filter: [] })],
    weights: { ae: { invoiced: 1 } },
    components: [
      {
        kind: 'collection',
        name: 'cash',
        label: 'Cash 2%',
        index: 0,
        source: 'collections',
        paid: 'paid',
        paidDate: 'paid_on',
        invoiceDate: 'invoiced_on',
        invoice: 'invoice',
        filter: [],
        mode: 'marginal',
        tiers: [{ from: 0, rate: 0.02 }],
        aging: [{ coefficient: 1 }],
      },
    ],
  });
  test('listed by either date, each use saying when a row is not in the period its way', () => {
    const rb = rowsBehind({ model: mc, period: nov, reps, tables: new Map([['collections', collections]]) }, { maxRows: 100 });
    const s = rb.sources[0]!;
    expect(s.uses.map((u) => `${u.metric}: ${en(u.text)}`)).toEqual([
      'Cash 2%: 回款 (cash collected): sum of paid, in the period by paid_on',
      'invoiced: sum of paid',
    ]);
    expect(s.columns.map((c) => c.name)).toEqual(['invoice', 'invoiced_on', 'paid', 'paid_on']);
    const v = (r: { verdicts: readonly (import('../../src/core/says.js').Said | null)[] }) => r.verdicts.map((x) => (x === null ? 'counted' : en(x)));
    expect(s.rows.map((r) => [r.values[0], ...v(r)])).toEqual([
      ['F1', 'counted', 'not counted: invoiced_on is not in the period'],
      ['F2', 'not counted: paid_on is not in the period', 'counted'],
      ['F3', 'not counted: blank paid', 'not counted: blank paid'],
    ]);
  });
});
