// `kpi validate` scores its history on one shared engine and skips the periods without data before scoring
// them (periodHasData). Both shortcuts must give what the general path gives: a fresh engine per period, and
// a period left out only when its scored result has no rep with data. Random rows, rosters with team leads.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MetricSpec, Rep } from '../../src/core/model.js';
import { computeMetrics, createEngine } from '../../src/core/metrics.js';
import { periodHasData, scoreRun } from '../../src/core/score.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { metric, model, period, rep, source, table, target } from './helpers.js';

const metrics: MetricSpec[] = [
  metric(
    'revenue',
    { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'stage', op: 'eq', value: 'Won' }] },
    { unit: 'money', target: target({ default: 100 }) },
  ),
  metric('deals', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [] }, { unit: 'count', target: target({ default: 2 }) }),
  metric('growth', { kind: 'growth', metric: 'revenue', compare: 'previous_period' }, { unit: 'percent', target: target({ default: 0.1 }) }),
];
const roster: Rep[] = [
  rep('L', { role: 'lead', team: 'East' }),
  rep('A', { team: 'East', manager: 'L' }),
  rep('B', { team: 'East', manager: 'L' }),
  rep('C', { team: 'West' }),
];
const months = Array.from({ length: 12 }, (_, k) => period(`2026-${String(k + 1).padStart(2, '0')}`));
const periods = [...months, period('2026-Q2'), period('2026-Q4'), period('2026')];

const row = fc.record({
  rep: fc.constantFrom('L', 'A', 'B', 'C', 'X', ''),
  amount: fc.integer({ min: -50, max: 500 }),
  stage: fc.constantFrom('Won', 'Lost'),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
});
const input = fc.record({ rows: fc.array(row, { maxLength: 30 }), rollups: fc.boolean() });

type Row = { rep: string; amount: number; stage: string; day: number; month: number };

function inputOf(rows: Row[], rollups: boolean) {
  const sales = table('sales', {
    rep: ['string', rows.map((r) => r.rep || null)],
    amount: ['money', rows.map((r) => r.amount)],
    stage: ['string', rows.map((r) => r.stage)],
    date: ['date', rows.map((r) => `2026-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`)],
  });
  return {
    model: model({
      sources: [source('sales')],
      metrics,
      weights: { ae: { revenue: 1 }, lead: { revenue: 1 } },
      ...(rollups ? { rollups: new Map([['lead', 'team' as const]]) } : {}),
    }),
    reps: roster,
    tables: new Map([['sales', sales]]),
  };
}

describe('a shared engine gives what a fresh one does', () => {
  it('periodHasData(p) is true exactly when scoring p gives a rep with data', () => {
    fc.assert(
      fc.property(input, ({ rows, rollups }) => {
        const run = inputOf(rows, rollups);
        const shared = createEngine(run.model, run.tables, run.reps);
        for (const p of periods) expect(periodHasData(shared, p), p.label).toBe(scoreRun({ ...run, period: p }).reps.some((r) => r.hasData));
      }),
      { numRuns: 60 },
    );
  });

  it('the actuals and the history replay are the same on one engine as on one engine per period', () => {
    fc.assert(
      fc.property(input, fc.shuffledSubarray(periods), ({ rows, rollups }, order) => {
        const run = inputOf(rows, rollups);
        const shared = createEngine(run.model, run.tables, run.reps);
        for (const p of order) expect(computeMetrics(run.model, run.tables, run.reps, p, shared)).toEqual(computeMetrics(run.model, run.tables, run.reps, p));
        const replayed = scorePeriods(run, order, shared);
        order.forEach((p, k) => {
          const fresh = scoreRun({ ...run, period: p });
          expect(replayed[k]!.reps).toEqual(fresh.reps);
        });
      }),
      { numRuns: 40 },
    );
  });
});
