import { describe, expect, it } from 'vitest';
import type { Column, Table } from '../../src/core/table.js';
import { scoreRun } from '../../src/core/score.js';
import { dayFromIso } from '../../src/core/period.js';
import { metric, model, period, rep, source, target } from './helpers.js';

// 1M rows, 200 reps, 4 metrics with filters: correct at scale. Speed is measured by `npm run bench`, not asserted here.
describe('performance', () => {
  it('scores 1,000,000 rows and attributes them all', () => {
    const n = 1_000_000;
    const ids = Array.from({ length: 200 }, (_, i) => `R${i}`);
    const repCol: (string | null)[] = new Array(n);
    const stage: (string | null)[] = new Array(n);
    const amount = new Float64Array(n);
    const date = new Float64Array(n);
    const created = new Float64Array(n);
    const start = dayFromIso('2026-06-01')!;
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < n; i++) {
      repCol[i] = ids[i % 200]!;
      stage[i] = rnd() < 0.4 ? 'Won' : 'Lost';
      amount[i] = Math.floor(rnd() * 1_000_000);
      date[i] = start + Math.floor(rnd() * 180);
      created[i] = date[i]! - Math.floor(rnd() * 60);
    }
    const columns = new Map<string, Column>([
      ['rep', { type: 'string', values: repCol }],
      ['stage', { type: 'string', values: stage }],
      ['amount', { type: 'money', values: amount, scale: 2 }],
      ['date', { type: 'date', values: date }],
      ['created', { type: 'date', values: created }],
    ]);
    const t: Table = { source: 'sales', file: 'sales.csv', rowCount: n, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2), columns };
    const won = { column: 'stage', op: 'eq' as const, value: 'Won' };
    const m = model({
      sources: [source('sales', { derived: [{ name: 'cycle', kind: 'days_between', from: 'created', to: 'date' }] })],
      metrics: [
        metric(
          'rev',
          { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [won, { column: 'amount', op: 'gt', value: 0 }] },
          { target: target({ default: 1e6 }) },
        ),
        metric('deals', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [won] }, { target: target({ default: 300 }) }),
        metric(
          'cycle',
          { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'cycle', filter: [won] },
          { direction: 'lower_is_better', target: target({ default: 30 }) },
        ),
        metric('growth', { kind: 'growth', metric: 'rev', compare: 'previous_period' }, { target: target({ default: 0.05 }) }),
      ],
      weights: { ae: { rev: 0.4, deals: 0.2, cycle: 0.2, growth: 0.2 } },
    });
    const t0 = performance.now();
    const r = scoreRun({ model: m, period: period('2026-09'), reps: ids.map((id) => rep(id)), tables: new Map([['sales', t]]) });
    const ms = performance.now() - t0;
    expect(r.reps).toHaveLength(200);
    expect(r.reps.every((x) => x.hasData)).toBe(true);
    // rows are spread evenly: each rep has about 1M / 200 × 30/180 × 0.4 ≈ 333 won deals in September
    const deals = r.reps[0]!.metrics.find((x) => x.metric === 'deals')!.actual!;
    expect(deals).toBeGreaterThan(250);
    expect(deals).toBeLessThan(420);
    console.log(`scoreRun over 1M rows: ${Math.round(ms)} ms`);
  });
});
