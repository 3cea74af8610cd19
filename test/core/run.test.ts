import { describe, expect, it } from 'vitest';
import type { RepResult } from '../../src/core/results.js';
import { scoreRun } from '../../src/core/score.js';
import { FOUR_TIERS, linearBonus, metric, model, period, rep, source, stepBonus, table, target, type ModelOver } from './helpers.js';
import { enAll } from '../english.js';

// One sale per rep in Nov 2026; metric rev = sum of amount, target 100, ratio, cap 200 %, weight 100 % →
// total score = amount / 100.
const sales = (rows: [string, number][], date = '2026-11-10') =>
  table('sales', { rep: ['string', rows.map((r) => r[0])], date: ['date', rows.map(() => date)], amount: ['money', rows.map((r) => r[1])] });
const rev = metric(
  'rev',
  { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
  { unit: 'money', target: target({ default: 100 }), scoring: { method: 'ratio', cap: 2 } },
);
const step = stepBonus(FOUR_TIERS, { maxMultiplier: 1.5, proration: 'calendar_days' });
const base = (over: ModelOver = {}) => model({ sources: [source('sales')], metrics: [rev], weights: { ae: { rev: 1 } }, bonus: step, ...over });
const run = (
  rows: [string, number][],
  over: ModelOver = {},
  reps = rows.map((r) => rep(r[0])),
  extra: { deductions?: ReturnType<typeof table>; targets?: ReturnType<typeof table> } = {},
) => scoreRun({ model: base(over), period: period('2026-11'), reps, tables: new Map([['sales', sales(rows)]]), ...extra });
const get = (rs: RepResult[], id: string): RepResult => rs.find((r) => r.rep.id === id)!;

describe('step tiers', () => {
  const r = run([
    ['A', 79.99],
    ['B', 80],
    ['C', 100],
    ['D', 130],
  ]).reps;
  it('a score exactly on a lower bound is in that band', () => {
    expect(get(r, 'A').tier?.label).toBe('Below'); // 79.99 %
    expect(get(r, 'B').tier?.label).toBe('Near'); // 80 % is in [80 %, 100 %)
    expect(get(r, 'B').bonus).toBe(800); // 1,000 × 0.8
    expect(get(r, 'C').tier?.label).toBe('On');
    expect(get(r, 'C').bonus).toBe(1200);
  });
  it('the multiplier cap applies', () => {
    expect(get(r, 'D').multiplier).toBe(1.5); // 1.6 capped at 1.5
    expect(get(r, 'D').bonus).toBe(1500);
  });
  it('weights summing to 1 in floating point still land on the 100% bound', () => {
    // weights 70 % + 10 % + 20 %, each metric at 100 %: 0.7 + 0.1 + 0.2 = 0.9999999999999999 in binary → 100 %
    const m = (name: string) => ({ ...rev, name });
    const res = scoreRun({
      model: base({
        metrics: [m('x'), m('y'), m('z')],
        weights: new Map([
          [
            'ae',
            new Map([
              ['x', 0.7],
              ['y', 0.1],
              ['z', 0.2],
            ]),
          ],
        ]),
      }),
      period: period('2026-11'),
      reps: [rep('A')],
      tables: new Map([['sales', sales([['A', 100]])]]),
    });
    expect(res.reps[0]!.totalScore).toBe(1);
    expect(res.reps[0]!.tier?.label).toBe('On');
  });
});

describe('linear tiers', () => {
  const linear = linearBonus({ maxMultiplier: 1.8 });
  it('interpolates between points and is flat beyond the ends', () => {
    const r = run(
      [
        ['A', 40],
        ['B', 75],
        ['C', 125],
        ['D', 200],
      ],
      { bonus: linear },
    ).reps;
    expect(get(r, 'A').multiplier).toBe(0); // below the first point
    expect(get(r, 'B').multiplier).toBe(0.5); // 0 + (75 % − 50 %) / 50 % × 1
    expect(get(r, 'C').multiplier).toBe(1.5); // 1 + 25 % / 50 % × 1
    expect(get(r, 'D').multiplier).toBe(1.8); // flat 2 beyond 150 %, capped at 1.8
    expect(get(r, 'B').tier).toBeNull();
  });
});

describe('commission', () => {
  const tiers = [
    { from: 0, to: 50000, rate: 0.01 },
    { from: 50000, to: 100000, rate: 0.02 },
    { from: 100000, rate: 0.03 },
  ];
  it('marginal: each slice at its own rate', () => {
    const r = run(
      [
        ['A', 120000],
        ['B', 50000],
      ],
      { commission: { metric: 'rev', mode: 'marginal', tiers } },
    ).reps;
    // 50,000 × 1 % + 50,000 × 2 % + 20,000 × 3 % = 500 + 1,000 + 600 = 2,100
    expect(get(r, 'A').commission).toBe(2100);
    expect(get(r, 'A').commissionSlices.map((s) => s.amount)).toEqual([50000, 50000, 20000]);
    expect(get(r, 'B').commission).toBe(500); // 50,000 × 1 %
  });
  it('retroactive: the whole amount at the reached tier’s rate; maxPayout caps it', () => {
    const r = run(
      [
        ['A', 120000],
        ['B', 50000],
        ['C', 49999.99],
      ],
      { commission: { metric: 'rev', mode: 'retroactive', tiers, maxPayout: 3000 } },
    ).reps;
    expect(get(r, 'A').commission).toBe(3000); // 120,000 × 3 % = 3,600, capped at 3,000
    expect(get(r, 'B').commission).toBe(1000); // 50,000 is in [50,000, 100,000): × 2 %
    expect(get(r, 'C').commission).toBeCloseTo(499.9999, 10); // 49,999.99 × 1 %
    expect(get(r, 'C').rounded.commission).toBe(500);
  });
});

describe('proration (calendar days)', () => {
  it('a mid-period start gets days employed / days in period', () => {
    const reps = [
      rep('A', { startDate: '2026-11-16' }),
      rep('B', { startDate: '2026-12-01' }),
      rep('C', { startDate: '2026-11-01' }),
      rep('D', { startDate: '2020-01-01' }),
    ];
    const r = run(
      [
        ['A', 100],
        ['B', 100],
        ['C', 100],
        ['D', 100],
      ],
      {},
      reps,
    ).reps;
    // A: 16..30 Nov = 15 of 30 days → 50 %; 1,000 × 50 % × 1.2 = 600
    expect(get(r, 'A').proration).toBe(0.5);
    expect(get(r, 'A').proratedBase).toBe(500);
    expect(get(r, 'A').bonus).toBe(600);
    expect(get(r, 'B').proration).toBe(0); // starts after the period
    expect(get(r, 'C').proration).toBe(1); // starts on day 1
    expect(get(r, 'D').proration).toBe(1);
  });
  it('rounds a prorated payout and the parts still add up', () => {
    const r = run([['A', 100]], { bonus: { ...step, proration: 'calendar_days' } }, [rep('A', { startDate: '2026-11-18', baseBonus: 1000 })]).reps;
    // 18..30 Nov = 13 / 30 days; 1,000 × 13/30 = 433.333…; × 1.2 = 520.00 (433.333… × 1.2 = 519.99999…)
    expect(get(r, 'A').rounded.payout).toBe(520);
    expect(get(r, 'A').rounded.bonus).toBe(520);
  });
});

describe('proration: none', () => {
  it('a rep who starts after the period had not started: no base bonus, said in the steps; one who starts inside it gets the whole base', () => {
    const reps = [rep('A', { startDate: '2026-11-16' }), rep('B', { startDate: '2026-12-01' }), rep('C')];
    const r = run(
      [
        ['A', 100],
        ['B', 100],
        ['C', 100],
      ],
      { bonus: { ...step, proration: 'none' } },
      reps,
    ).reps;
    expect(get(r, 'A')).toMatchObject({ proration: 1, proratedBase: 1000, bonus: 1200 });
    expect(get(r, 'B')).toMatchObject({ proration: 0, proratedBase: 0, bonus: 0, payout: get(r, 'B').commission });
    expect(enAll(get(r, 'B').steps)).toContain('not started: starts 2026-12-01, after the period → base 1,000.00 × 0 = 0.00');
    expect(get(r, 'C')).toMatchObject({ proration: 1, bonus: 1200 });
  });
});

describe('gates', () => {
  const rate = metric('rate', { kind: 'aggregate', source: 'sales', fn: 'max', column: 'amount', filter: [] }, { unit: 'number' });
  it('zero_bonus: below the level the bonus is zeroed; commission stays', () => {
    const r = run(
      [
        ['A', 100],
        ['B', 79],
      ],
      {
        metrics: [rev, rate],
        gates: [{ metric: 'rate', of: 'actual', level: 80, effect: 'zero_bonus' }],
        commission: { metric: 'rev', mode: 'marginal', tiers: [{ from: 0, rate: 0.1 }] },
      },
    ).reps;
    expect(get(r, 'A').bonusZeroedBy).toBeUndefined();
    expect(get(r, 'A').bonus).toBe(1200);
    expect(get(r, 'B').bonusZeroedBy).toBe('rate');
    expect(get(r, 'B').multiplier).toBe(0);
    expect(get(r, 'B').bonus).toBe(0);
    expect(get(r, 'B').commission).toBe(7.9); // 79 × 10 %
    expect(get(r, 'B').payout).toBe(7.9);
  });
  it('zero_metric: that metric contributes nothing; lower is better fails above the level', () => {
    const days = { ...rate, name: 'days', direction: 'lower_is_better' as const, target: target({ default: 100 }) };
    const r = run(
      [
        ['A', 100],
        ['B', 120],
      ],
      {
        metrics: [rev, days],
        weights: { ae: { rev: 0.5, days: 0.5 } },
        gates: [{ metric: 'days', of: 'actual', level: 110, effect: 'zero_metric' }],
      },
    ).reps;
    const a = get(r, 'A');
    expect(a.gates[0]!.passed).toBe(true); // 100 ≤ 110
    expect(a.totalScore).toBe(1); // 50 % × 100 % + 50 % × 100 / 100
    const b = get(r, 'B');
    expect(b.gates[0]!.passed).toBe(false); // 120 > 110
    expect(b.metrics[1]!.score).toBeCloseTo(100 / 120, 12); // scored, but contributes nothing
    expect(b.metrics[1]!.weightedScore).toBe(0);
    expect(b.totalScore).toBe(0.6); // 50 % × 120 %
    expect(b.bonusZeroedBy).toBeUndefined();
  });
  it('a gate on achievement is higher-is-better even for a lower-is-better metric', () => {
    // days: lower is better, target 100. A: 50 days → achievement 100/50 = 200 %; B: 200 days → 100/200 = 50 %.
    // Gate: achievement must be at least 80 %. A passes (200 % ≥ 80 %); B fails (50 % < 80 %).
    const days = { ...rate, name: 'days', direction: 'lower_is_better' as const, target: target({ default: 100 }) };
    const r = run(
      [
        ['A', 50],
        ['B', 200],
      ],
      {
        metrics: [rev, days],
        gates: [{ metric: 'days', of: 'achievement', level: 0.8, effect: 'zero_bonus' }],
      },
    ).reps;
    expect(get(r, 'A').gates[0]).toMatchObject({ value: 2, passed: true });
    expect(get(r, 'A').bonusZeroedBy).toBeUndefined();
    expect(get(r, 'B').gates[0]).toMatchObject({ value: 0.5, passed: false });
    expect(get(r, 'B').bonusZeroedBy).toBe('days');
  });
  it('a gate with no value fails (passing cannot be shown)', () => {
    const r = run([['A', 100]], { metrics: [rev, rate], gates: [{ metric: 'rate', of: 'achievement', level: 0.8, effect: 'zero_bonus' }] }).reps;
    expect(get(r, 'A').gates[0]).toMatchObject({ value: null, passed: false });
    expect(get(r, 'A').bonus).toBe(0);
  });
});

describe('deductions', () => {
  const ded = (rows: [string, number | null, number | null, string][]) =>
    table('penalties', {
      rep: ['string', rows.map((r) => r[0])],
      date: ['date', rows.map(() => '2026-11-20')],
      points: ['number', rows.map((r) => r[1])],
      amount: ['money', rows.map((r) => r[2])],
      reason: ['string', rows.map((r) => r[3])],
    });
  const over = { deductions: source('penalties') };
  it('points come off the total score, amounts off the payout, with reasons', () => {
    const d = ded([
      ['A', 5, null, 'late CRM'],
      ['A', null, 100.1, 'discount breach'],
      ['B', 200, 5000, 'fraud'],
      ['Z', 1, 1, 'who?'],
    ]);
    const r = run(
      [
        ['A', 105],
        ['B', 150],
      ],
      over,
      undefined,
      { deductions: d },
    );
    const a = get(r.reps, 'A');
    // 105 % − 5 points = 100 % → On (1.2): bonus 1,200; payout 1,200 − 100.10 = 1,099.90
    expect(a.scoreBeforeDeductions).toBe(1.05);
    expect(a.deductionPoints).toBe(5);
    expect(a.totalScore).toBe(1);
    expect(a.tier?.label).toBe('On');
    expect(a.deductionAmount).toBe(100.1);
    expect(a.payout).toBe(1099.9);
    expect(a.deductionReasons).toEqual(['late CRM', 'discount breach']);
    const b = get(r.reps, 'B');
    // 150 % − 200 points → 0 (not below zero); bonus 0; payout max(0, 0 − 5,000) = 0
    expect(b.totalScore).toBe(0);
    expect(b.payout).toBe(0);
    expect(b.rounded).toEqual({ bonus: 0, commission: 0, deductions: 0, payout: 0 });
    expect(r.issues.some((i) => i.value === 'Z')).toBe(true); // unknown rep in penalties reported
  });
  it('a deduction row with neither points nor an amount is reported (a red line written down but nothing deducted)', () => {
    const d = ded([
      ['A', null, null, 'late CRM'],
      ['A', -2, null, 'typo'],
    ]);
    const r = run([['A', 105]], over, undefined, { deductions: d });
    expect(get(r.reps, 'A').deductionPoints).toBe(0);
    expect(r.issues.map((i) => [i.row, i.column, i.reason, i.action])).toEqual([
      [2, 'points', 'a deduction for A with no points or amount: nothing deducted', 'skipped'],
      [3, 'points', 'negative points in a deduction ignored', 'skipped'],
    ]);
  });
});

describe('bonus max payout and rounding', () => {
  it('caps the bonus part only', () => {
    const r = run([['A', 130]], { bonus: { ...step, maxPayout: 1000 }, commission: { metric: 'rev', mode: 'marginal', tiers: [{ from: 0, rate: 0.5 }] } }).reps;
    // bonus 1,000 × 1.5 = 1,500 capped at 1,000; commission 130 × 50 % = 65
    expect(get(r, 'A').bonus).toBe(1000);
    expect(get(r, 'A').payout).toBe(1065);
  });
  it('components add up after rounding', () => {
    // base 333.335 × 1.2 = 400.002; commission 0.005 × 1 = 0.005 (rev 0.01 × 50 %); deduction 0
    const r = run([['A', 100.01]], { commission: { metric: 'rev', mode: 'marginal', tiers: [{ from: 100, rate: 0.5 }] } }, [
      rep('A', { baseBonus: 333.335 }),
    ]).reps;
    const a = get(r, 'A');
    expect(a.bonus).toBeCloseTo(400.002, 9);
    expect(a.commission).toBeCloseTo(0.005, 12);
    // payout 400.007 → 400.01; bonus 400.00 + commission 0.01 = 400.01
    expect(a.rounded).toEqual({ bonus: 400, commission: 0.01, deductions: 0, payout: 400.01 });
  });
});

describe('targets', () => {
  const tgt = target({ default: 100, byRole: { senior: 200 }, byTeam: { West: 300 }, byRep: { D: 400 } });
  const m = { ...rev, target: tgt };
  it('file row for the period > rep > team > role > default', () => {
    const file = table('targets', {
      rep: ['string', ['E', 'E', 'D']],
      metric: ['string', ['rev', 'rev', 'rev']],
      period: ['string', ['2026/11', '2026-10', '2026-12']],
      target: ['number', [50, 999, 999]],
    });
    const reps = [rep('A'), rep('B', { role: 'senior' }), rep('C', { role: 'senior', team: 'West' }), rep('D', { team: 'West' }), rep('E', { team: 'West' })];
    const r = scoreRun({
      model: base({ metrics: [m], weights: { ae: { rev: 1 }, senior: { rev: 1 } }, targetsFile: source('targets', { date: undefined, period: 'period' }) }),
      period: period('2026-11'),
      reps,
      tables: new Map([['sales', sales([['A', 100]])]]),
      targets: file,
    }).reps;
    const t = (id: string) => get(r, id).metrics[0]!;
    expect([t('A').target, t('A').targetOrigin]).toEqual([100, 'default']);
    expect([t('B').target, t('B').targetOrigin]).toEqual([200, 'role']);
    expect([t('C').target, t('C').targetOrigin]).toEqual([300, 'team']);
    expect([t('D').target, t('D').targetOrigin]).toEqual([400, 'rep']);
    expect([t('E').target, t('E').targetOrigin]).toEqual([50, 'file']);
  });
  it('a targets-file rep id that differs from the roster only by case is used, and said (as in the data files)', () => {
    const file = table('targets', {
      rep: ['string', ['a', 'B']],
      metric: ['string', ['rev', 'rev']],
      period: ['string', ['2026-11', '2026-11']],
      target: ['number', [50, 70]],
    });
    const r = scoreRun({
      model: base({ metrics: [m], weights: { ae: { rev: 1 } }, targetsFile: source('targets', { date: undefined, period: 'period' }) }),
      period: period('2026-11'),
      reps: [rep('A'), rep('B')],
      tables: new Map([['sales', sales([['A', 100]])]]),
      targets: file,
    });
    expect(r.reps.map((x) => [x.rep.id, x.metrics[0]!.target])).toEqual([
      ['A', 50],
      ['B', 70],
    ]);
    expect(r.issues.map((i) => [i.row, i.value, i.action, i.reason])).toEqual([
      [2, 'a', 'kept', 'rep id "a" differs from roster id "A" only by case; target used for A'],
    ]);
  });
  it('relative bounds are fractions of the resolved target', () => {
    const lin = {
      ...rev,
      target: target({ default: 60000, threshold: { kind: 'relative', fraction: 0.6 }, stretch: { kind: 'relative', fraction: 1.5 } }),
      scoring: { method: 'linear' as const, cap: 1.5, thresholdScore: 0.5, stretchScore: 1.5 },
    };
    const r = run([['A', 48250]], { metrics: [lin] }).reps;
    const x = get(r, 'A').metrics[0]!;
    expect([x.threshold, x.stretch]).toEqual([36000, 90000]);
    // 50 % + (48,250 − 36,000) / 24,000 × 50 % = 75.5208 %
    expect(x.score).toBeCloseTo(0.5 + 12250 / 24000 / 2, 12);
    expect(enAll(x.provenance.steps)).toContain('score (linear) = 50% + (48,250 − 36,000) / (60,000 − 36,000) × (100% − 50%) = 75.52%');
    expect(enAll(x.provenance.steps)).toContain('weighted = 100% × 75.52% = 75.52%');
  });
});

describe('ranking, teams and what it takes', () => {
  const reps = [rep('C', { team: 'East' }), rep('A', { team: 'West' }), rep('B', { team: 'West' }), rep('D', { team: 'East' })];
  const r = run(
    [
      ['A', 90],
      ['B', 90],
      ['C', 110],
      ['D', 0],
    ],
    {},
    reps,
  );
  it('ranks by score, payout, id; ties share a rank', () => {
    expect(r.reps.map((x) => [x.rep.id, x.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 2],
      ['D', 4],
    ]);
  });
  it('team subtotals and total use rounded payouts', () => {
    expect(r.teams).toEqual([
      { team: 'East', reps: 2, averageScore: 0.55, payout: 1200 }, // (110 % + 0) / 2; 1,200 + 0
      { team: 'West', reps: 2, averageScore: 0.9, payout: 1600 }, // 800 + 800
    ]);
    expect(r.totalPayout).toBe(2800);
  });
  it('next tier: the change in the actual that alone reaches it', () => {
    const a = get(r.reps, 'A');
    expect(a.next?.tier?.label).toBe('On');
    expect(a.next?.score).toBe(1);
    expect(a.next?.payout).toBe(1200);
    // 90 % → 100 % needs 10 points of weighted score = 10 more in rev (target 100, weight 100 %)
    expect(a.next?.perMetric).toEqual([{ metric: 'rev', change: 10, actualNeeded: 100 }]);
    const c = get(r.reps, 'C');
    // 110 % → 120 % (Stretch): rev 120 → change 10
    expect(c.next?.perMetric[0]?.change).toBeCloseTo(10, 9);
  });
  it('next tier is null per metric when the cap makes it impossible', () => {
    const rr = run([['A', 100]], { metrics: [{ ...rev, scoring: { method: 'ratio', cap: 1.1 } }] }).reps;
    expect(get(rr, 'A').next?.perMetric).toEqual([{ metric: 'rev', change: null, actualNeeded: null }]); // 120 % > cap 110 %
  });
  it('explains the bonus in steps', () => {
    const a = get(r.reps, 'A');
    expect(enAll(a.steps)).toEqual([
      'score before deductions = 90% = 90%',
      'tier Near: 80% ≤ 90% < 100% → multiplier 0.8',
      'bonus = 1,000.00 × 0.8 = 800.00',
      'payout = 800.00 + 0.00 − 0.00 = 800.00',
      'rounded: 800.00 + 0.00 − 0.00 = 800.00',
    ]);
  });
  it("makes a rep's steps when they are first read, once: a run that prints none (JSON, a table) does not make them", () => {
    const a = get(run([['A', 90]]).reps, 'A');
    expect(typeof Object.getOwnPropertyDescriptor(a, 'steps')?.get).toBe('function');
    expect(a.steps).toBe(a.steps);
    expect(enAll(a.steps)[0]).toBe('score before deductions = 90% = 90%');
  });
});

describe('reps with no data', () => {
  it('score 0 even where a lower-is-better sum over no rows would earn the cap', () => {
    const cost = metric(
      'cost',
      { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
      { direction: 'lower_is_better', target: target({ default: 50 }) },
    );
    const r = run([['A', 40]], { metrics: [cost], weights: { ae: { cost: 1 } } }, [rep('A'), rep('B')]).reps;
    expect(get(r, 'A').totalScore).toBe(1.25); // 50 / 40
    const b = get(r, 'B');
    expect(b.hasData).toBe(false);
    expect(b.metrics[0]!.actual).toBe(0);
    expect(b.metrics[0]!.score).toBe(0);
    expect(b.totalScore).toBe(0);
    expect(b.rank).toBe(2);
  });
});

describe('explain steps', () => {
  it('show capping and the lower-is-better achievement', () => {
    const days = metric(
      'days',
      { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'amount', filter: [] },
      { unit: 'days', direction: 'lower_is_better', target: target({ default: 30 }), scoring: { method: 'ratio', cap: 1.5 } },
    );
    const r = run([['A', 15]], { metrics: [days], weights: { ae: { days: 1 } } }).reps;
    expect(enAll(get(r, 'A').metrics[0]!.provenance.steps)).toEqual([
      'actual = average of amount over 1 row in 2026-11 = 15',
      'target 30 (default)',
      'achievement = target / actual (lower is better) = 30 / 15 = 200%',
      'score (ratio) = achievement 200%, capped at 150% → 150%',
      'weighted = 100% × 150% = 150%',
    ]);
  });
  it('growth against the same month last year', () => {
    const t = table('sales', {
      rep: ['string', ['A', 'A', 'A']],
      date: ['date', ['2026-11-05', '2025-11-05', '2026-10-05']],
      amount: ['money', [150, 100, 999]],
    });
    const g = metric('g', { kind: 'growth', metric: 'rev', compare: 'same_period_last_year' }, { unit: 'percent', target: target({ default: 0.1 }) });
    const res = scoreRun({
      model: base({ metrics: [rev, g], weights: { ae: { rev: 0.5, g: 0.5 } } }),
      period: period('2026-11'),
      reps: [rep('A')],
      tables: new Map([['sales', t]]),
    });
    const m = res.reps[0]!.metrics[1]!;
    expect(m.actual).toBe(0.5); // (150 − 100) / 100
    expect(enAll(m.provenance.steps.slice(0, 3))).toEqual([
      'rev in 2026-11 = 150.00 (1 row)',
      'rev in 2025-11 = 100.00 (1 row)',
      'actual = (150 − 100) / 100 = 50%',
    ]);
    expect(m.score).toBe(1.5); // 50 % / 10 % = 500 %, capped at 150 % (the helper default cap)
  });
});

describe('linear bonus: what it takes', () => {
  it('aims at the next point', () => {
    const r = run([['A', 75]], { bonus: linearBonus() }).reps;
    // 75 % → next point 100 % (multiplier 1): payout 1,000; rev needs 100 (+25)
    expect(get(r, 'A').next).toEqual({ tier: null, score: 1, payout: 1000, perMetric: [{ metric: 'rev', change: 25, actualNeeded: 100 }] });
  });
});
