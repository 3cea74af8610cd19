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
