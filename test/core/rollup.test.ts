// Rollups (issue 12, item 6): a team lead or manager scored on the sum of their team's metrics.
import { describe, expect, it } from 'vitest';
import type { MetricSpec, Rep } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { metric, model, period, rep, source, table, target, type ModelOver } from './helpers.js';
import { en } from '../english.js';

const agg = (
  name: string,
  fn: 'sum' | 'count' | 'count_distinct',
  column?: string,
  filter: MetricSpec['def'] extends never ? never : unknown[] = [],
): MetricSpec =>
  metric(
    name,
    { kind: 'aggregate', source: 'sales', fn, ...(column ? { column } : {}), filter: filter as never },
    { unit: fn === 'sum' ? 'money' : 'count', target: target({ default: 100 }) },
  );
const won = agg('won', 'count', undefined, [{ column: 'stage', op: 'eq', value: 'Won' }]);
const metrics: MetricSpec[] = [
  agg('revenue', 'sum', 'amount', [{ column: 'stage', op: 'eq', value: 'Won' }]),
  won,
  agg('customers', 'count_distinct', 'customer'),
  metric(
    'win_rate',
    { kind: 'ratio', numerator: { metric: 'won' }, denominator: { source: 'sales', fn: 'count', filter: [] } },
    { unit: 'percent', target: target({ default: 0.5 }) },
  ),
  metric('csat', { kind: 'input', source: 'survey', column: 'score' }, { unit: 'score', target: target({ default: 4 }) }),
];
type Row = [rep: string, amount: number, stage: string, customer: string];
const sales = (rows: Row[]) =>
  table('sales', {
    rep: ['string', rows.map((r) => r[0])],
    amount: ['money', rows.map((r) => r[1])],
    stage: ['string', rows.map((r) => r[2])],
    customer: ['string', rows.map((r) => r[3])],
    date: ['date', rows.map(() => '2026-11-10')],
  });
const survey = table('survey', { rep: ['string', ['L', 'A']], score: ['number', [5, 3]], date: ['date', ['2026-11-01', '2026-11-01']] });
const roster: Rep[] = [
  rep('D', { role: 'director', team: 'HQ' }),
  rep('L', { role: 'lead', team: 'East', manager: 'D' }),
  rep('A', { team: 'East', manager: 'L' }),
  rep('B', { team: 'East', manager: 'L' }),
  rep('C', { team: 'West', manager: 'D' }),
];
const rows: Row[] = [
  ['A', 100, 'Won', 'c1'],
  ['A', 50, 'Lost', 'c2'], // A: 1 of 2 won → 50 %
  ['B', 300, 'Won', 'c1'],
  ['B', 10, 'Won', 'c3'],
  ['B', 10, 'Won', 'c3'],
  ['B', 1, 'Lost', 'c4'], // B: 3 of 4 → 75 %
  ['C', 1000, 'Won', 'c9'],
];
const run = (over: ModelOver = {}, reps = roster, data = rows) =>
  scoreRun({
    model: model({
      sources: [source('sales'), source('survey')],
      metrics,
      rollups: new Map([
        ['lead', 'team'],
        ['director', 'manager'],
      ]),
      weights: { ae: { revenue: 1 }, lead: { revenue: 0.5, win_rate: 0.5 }, director: { revenue: 1 } },
      ...over,
    }),
    period: period('2026-11'),
    reps,
    tables: new Map([
      ['sales', sales(data)],
      ['survey', survey],
    ]),
  });
const get = (res: ReturnType<typeof run>, id: string) => res.reps.find((r) => r.rep.id === id)!;
const actual = (res: ReturnType<typeof run>, id: string, m: string) => get(res, id).metrics.find((x) => x.metric === m)!.actual;

describe('rollups', () => {
  const res = run();
  it('a team lead is scored on the sum of the team’s rows (their own included)', () => {
    expect(actual(res, 'L', 'revenue')).toBe(420); // A 100 + B 320 (East); L sold nothing
    expect(actual(res, 'A', 'revenue')).toBe(100); // reps keep their own
    expect(get(res, 'L').rollup).toEqual({ basis: 'team', members: ['L', 'A', 'B'] });
    expect(get(res, 'L').hasData).toBe(true);
  });
  it('a team’s ratio is the ratio of its sums, not the average of the reps’ ratios', () => {
    expect(actual(res, 'A', 'win_rate')).toBe(0.5);
    expect(actual(res, 'B', 'win_rate')).toBe(0.75);
    expect(actual(res, 'L', 'win_rate')).toBe(4 / 6); // (1 + 3) / (2 + 4) = 66.67 %, not (50 % + 75 %) / 2
  });
  it('a distinct count counts a value once for the team', () => {
    expect(actual(res, 'A', 'customers')).toBe(2);
    expect(actual(res, 'B', 'customers')).toBe(3);
    expect(actual(res, 'L', 'customers')).toBe(4); // c1 c2 c3 c4: c1 once
  });
  it('a manager rollup takes everyone below them, directly or not', () => {
    expect(actual(res, 'D', 'revenue')).toBe(1420);
    expect(get(res, 'D').rollup?.members).toEqual(['D', 'L', 'C', 'A', 'B']);
  });
  it('an input metric is the lead’s own value, not the team’s', () => {
    expect(actual(res, 'L', 'csat')).toBe(5);
  });
  it('explains the rollup in each metric', () => {
    expect(en(get(res, 'L').metrics[0]!.provenance.steps[0])).toBe("rollup of team East (3 reps: L, A, B): the team's rows count");
  });
  it('a manager not in the roster and a loop in the manager column are reported', () => {
    const loop = [rep('D', { role: 'director', manager: 'A' }), rep('A', { manager: 'D' }), rep('X', { manager: 'Nobody' })];
    const r = run({}, loop, [['A', 5, 'Won', 'c']]);
    const reasons = r.issues.map((i) => i.reason);
    expect(reasons.some((x) => x.includes('the manager "Nobody" of X is not in the roster'))).toBe(true);
    expect(reasons.filter((x) => x.includes('the manager column loops'))).toHaveLength(1);
    expect(actual(r, 'D', 'revenue')).toBe(5); // D and A: the loop does not count a row twice
  });
});

describe('rollups with split credit', () => {
  it('a team that holds every share of an order gets the whole order, to the cent', () => {
    const split = source('sales', { split: { order: 'order', share: 'share' } });
    const t = table('sales', {
      order: ['string', ['1', '1', '1']],
      rep: ['string', ['A', 'B', 'C']],
      share: ['percent', [1 / 3, 1 / 3, 1 / 3]],
      amount: ['money', [100, 100, 100]],
      stage: ['string', ['Won', 'Won', 'Won']],
      customer: ['string', ['c', 'c', 'c']],
      date: ['date', ['2026-11-10', '2026-11-10', '2026-11-10']],
    });
    const res = scoreRun({
      model: model({
        sources: [split, source('survey')],
        metrics,
        rollups: new Map([
          ['lead', 'team'],
          ['director', 'manager'],
        ]),
        weights: { ae: { revenue: 1 }, lead: { revenue: 1 }, director: { revenue: 1 } },
      }),
      period: period('2026-11'),
      reps: roster,
      tables: new Map([
        ['sales', t],
        ['survey', survey],
      ]),
    });
    expect(actual(res, 'A', 'revenue')).toBe(33.34);
    expect(actual(res, 'L', 'revenue')).toBe(66.67); // A 33.34 + B 33.33
    expect(actual(res, 'D', 'revenue')).toBe(100); // the whole order
    expect(actual(res, 'D', 'won')).toBe(1);
  });
});
