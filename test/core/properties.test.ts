import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BonusSpec, Direction, MetricSpec, Model, ScoringSpec, StepTier } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { scoreMetric } from '../../src/core/rules/scoring/index.js';
import type { ResolvedTarget } from '../../src/core/targets.js';
import { stepTier } from '../../src/core/rules/bonus/index.js';
import { scoreRun } from '../../src/core/score.js';
import { roundComponents, roundHalfAwayFromZero } from '../../src/core/money.js';
import { linearBonus, metric, model, period, rep, source, stepBonus, table, target } from './helpers.js';

const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const cap = fc.double({ min: 0.5, max: 3, noNaN: true });
const scoring: fc.Arbitrary<Exclude<ScoringSpec, { method: 'bands' }>> = fc.oneof(
  fc.record({ method: fc.constant('ratio' as const), cap }),
  fc.record({ method: fc.constant('binary' as const), cap }),
  fc.record({
    method: fc.constant('linear' as const),
    cap,
    thresholdScore: fc.double({ min: 0, max: 1, noNaN: true }),
    stretchScore: fc.double({ min: 1, max: 2, noNaN: true }),
  }),
);
const resolved: fc.Arbitrary<ResolvedTarget> = fc.record({
  target: maybe(fc.oneof(num, fc.constant(0))),
  origin: fc.constant('default' as const),
  originText: fc.constant('default'),
  threshold: maybe(num),
  stretch: maybe(num),
});

/** Every number anywhere in `v` is finite. */
function allFinite(v: unknown, path = '$'): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path} = ${v}`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = allFinite(v[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const bad = allFinite(x, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}

describe('scoring properties', () => {
  it('a better actual never lowers the score (higher / lower is better)', () => {
    fc.assert(
      fc.property(scoring, resolved, fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'), num, num, (s, t, direction, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const m = { direction, scoring: s };
        const a = scoreMetric(m, lo, t).score;
        const b = scoreMetric(m, hi, t).score;
        if (direction === 'higher_is_better') expect(b).toBeGreaterThanOrEqual(a - 1e-12);
        else expect(a).toBeGreaterThanOrEqual(b - 1e-12);
      }),
      { numRuns: 3000 },
    );
  });
  it('every score is within [0, cap] and finite', () => {
    fc.assert(
      fc.property(scoring, resolved, fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'), maybe(num), (s, t, direction, x) => {
        const r = scoreMetric({ direction, scoring: s }, x, t);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(s.cap);
        expect(allFinite(r)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('step tiers', () => {
  it('contiguous tiers put every score in exactly one band', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: 0, maxLength: 6 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (cuts, score) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b)];
          const tiers: StepTier[] = bounds.map((from, i) => ({
            label: `t${i}`,
            from,
            ...(i + 1 < bounds.length ? { to: bounds[i + 1]! } : {}),
            multiplier: i,
          }));
          const holding = tiers.filter((t) => score >= t.from && (t.to === undefined || score < t.to));
          expect(holding).toHaveLength(1);
          expect(stepTier(tiers, score)).toBe(holding[0]);
          // and a score exactly on a lower bound is in the band that starts there
          for (const t of tiers) expect(stepTier(tiers, t.from)).toBe(t);
        },
      ),
    );
  });
});

// Random whole runs: messy data (blanks, zeros, negatives, unknown reps), random targets and methods.
const repIds = ['A', 'B', 'C', 'D', 'x'];
const row = fc.record({
  rep: fc.constantFrom(...repIds, 'a', ' B', ''),
  day: fc.integer({ min: 1, max: 30 }),
  month: fc.constantFrom('2026-10', '2026-11'),
  amount: maybe(
    fc.oneof(
      fc.integer({ min: -100000, max: 10000000 }).map((c) => c / 100),
      fc.constant(0),
    ),
  ),
  stage: fc.constantFrom('Won', 'Lost', ''),
  days: maybe(fc.integer({ min: -5, max: 200 })),
});
const scoringAny: fc.Arbitrary<ScoringSpec> = fc.oneof(
  scoring,
  fc.record({
    method: fc.constant('bands' as const),
    cap,
    bands: fc.constant<{ from: number; to?: number; score: number }[]>([
      { from: 0, to: 10, score: 0.5 },
      { from: 10, score: 1.2 },
    ]),
  }),
);
const tgt = fc.record({ default: fc.option(fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constant(0)), { nil: undefined }) });
const runInput = fc.record({
  rows: fc.array(row, { maxLength: 40 }),
  scorings: fc.array(scoringAny, { minLength: 5, maxLength: 5 }),
  targets: fc.array(tgt, { minLength: 5, maxLength: 5 }),
  directions: fc.array(fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'), { minLength: 5, maxLength: 5 }),
  weights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 5 }),
  bonusMode: fc.constantFrom<'step' | 'linear'>('step', 'linear'),
  commissionMode: fc.constantFrom<'marginal' | 'retroactive'>('marginal', 'retroactive'),
  deductions: fc.array(
    fc.record({
      rep: fc.constantFrom(...repIds),
      points: maybe(fc.integer({ min: -5, max: 200 })),
      amount: maybe(fc.integer({ min: -100, max: 1000000 }).map((c) => c / 100)),
    }),
    { maxLength: 6 },
  ),
  gate: fc.boolean(),
  bases: fc.array(fc.double({ min: 0, max: 100000, noNaN: true }), { minLength: 4, maxLength: 4 }),
  starts: fc.array(fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
});

type RunIn = typeof runInput extends fc.Arbitrary<infer T> ? T : never;

function build(inp: RunIn): { model: Model; input: Parameters<typeof scoreRun>[0]; maxCap: number } {
  const sales = table('sales', {
    rep: ['string', inp.rows.map((r) => r.rep)],
    date: ['date', inp.rows.map((r) => `${r.month}-${String(r.day).padStart(2, '0')}`)],
    amount: ['money', inp.rows.map((r) => r.amount)],
    stage: ['string', inp.rows.map((r) => r.stage)],
    days: ['number', inp.rows.map((r) => r.days)],
  });
  const defs: MetricSpec['def'][] = [
    { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'stage', op: 'eq', value: 'Won' }] },
    { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'days', filter: [{ column: 'days', op: 'not_blank' }] },
    { kind: 'ratio', numerator: { metric: 'm0' }, denominator: { source: 'sales', fn: 'sum', column: 'amount', filter: [] } },
    { kind: 'derived', text: 'm0 / m1', formula: { type: 'binary', op: '/', left: { type: 'ref', name: 'm0' }, right: { type: 'ref', name: 'm1' } } },
    { kind: 'growth', metric: 'm0', compare: 'previous_period' },
  ];
  const metrics = defs.map((def, i) =>
    metric(`m${i}`, def, {
      direction: inp.directions[i]!,
      scoring: inp.scorings[i]!,
      target: target({
        ...(inp.targets[i]!.default !== undefined ? { default: inp.targets[i]!.default } : {}),
        threshold: { kind: 'relative', fraction: 0.6 },
        stretch: { kind: 'relative', fraction: 1.5 },
      }),
    }),
  );
  const total = inp.weights.reduce((s, w) => s + w, 0);
  const ws = new Map(metrics.map((m, i) => [m.name, total === 0 ? (i === 0 ? 1 : 0) : inp.weights[i]! / total] as const));
  const bonus: BonusSpec =
    inp.bonusMode === 'step'
      ? stepBonus(
          [
            ['low', 0, 0],
            ['mid', 0.8, 0.8],
            ['top', 1, 1.5],
          ],
          { maxMultiplier: 1.4, maxPayout: 50000, proration: 'calendar_days' },
        )
      : linearBonus({
          points: [
            { score: 0.5, multiplier: 0 },
            { score: 1.5, multiplier: 2 },
          ],
          proration: 'calendar_days',
        });
  const m = model({
    sources: [source('sales')],
    metrics,
    weights: new Map([['ae', ws]]),
    bonus,
    commission: {
      metric: 'm0',
      mode: inp.commissionMode,
      tiers: [
        { from: 0, to: 1000, rate: 0.01 },
        { from: 1000, rate: 0.033 },
      ],
      maxPayout: 1e5,
    },
    gates: inp.gate
      ? [
          { metric: 'm2', of: 'achievement', level: 0.5, effect: 'zero_bonus' },
          { metric: 'm1', of: 'actual', level: 60, effect: 'zero_metric' },
        ]
      : [],
    deductions: source('penalties'),
  });
  const reps = ['A', 'B', 'C', 'D'].map((id, i) =>
    rep(id, {
      baseBonus: inp.bases[i]!,
      ...(inp.starts[i] !== undefined ? { startDate: `2026-11-${String(Math.min(inp.starts[i]!, 30)).padStart(2, '0')}` } : {}),
    }),
  );
  const penalties = table('penalties', {
    rep: ['string', inp.deductions.map((d) => d.rep)],
    date: ['date', inp.deductions.map(() => '2026-11-15')],
    points: ['number', inp.deductions.map((d) => d.points)],
    amount: ['money', inp.deductions.map((d) => d.amount)],
    reason: ['string', inp.deductions.map(() => 'r')],
  });
  const maxCap = Math.max(...metrics.map((x) => x.scoring.cap));
  return { model: m, input: { model: m, period: period('2026-11'), reps, tables: new Map([['sales', sales]]), deductions: penalties }, maxCap };
}

const cents = (x: number): number => Math.round(x * 100);

describe('whole-run properties', () => {
  it('no NaN/Infinity; totals within [0, max cap]; payouts never negative; rounded parts add up', () => {
    fc.assert(
      fc.property(runInput, (inp) => {
        const { input, maxCap } = build(inp);
        const r: RunResult = scoreRun(input);
        expect(allFinite(r)).toBeNull();
        expect(r.reps).toHaveLength(4);
        for (const x of r.reps) {
          expect(x.totalScore).toBeGreaterThanOrEqual(0);
          expect(x.totalScore).toBeLessThanOrEqual(maxCap + 1e-9);
          expect(x.payout).toBeGreaterThanOrEqual(0);
          expect(x.rounded.payout).toBeGreaterThanOrEqual(0);
          expect(x.rounded.bonus).toBeGreaterThanOrEqual(0);
          expect(x.rounded.deductions).toBeGreaterThanOrEqual(0);
          expect(cents(x.rounded.bonus) + cents(x.rounded.commission) - cents(x.rounded.deductions)).toBe(cents(x.rounded.payout));
          expect(Math.abs(x.rounded.payout - x.payout)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
        expect(cents(r.totalPayout)).toBe(r.reps.reduce((s, x) => s + cents(x.rounded.payout), 0));
      }),
      { numRuns: 400 },
    );
  });
  it('the same input gives an identical result', () => {
    fc.assert(
      fc.property(runInput, (inp) => {
        const a = scoreRun(build(inp).input);
        const b = scoreRun(build(inp).input);
        expect(b).toStrictEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 100 },
    );
  });
});

describe('rounding properties', () => {
  it('rounded components always add up to the rounded payout, each within a cent', () => {
    const amount = fc.integer({ min: 0, max: 100_000_000 }).map((m) => m / 1000); // three decimals: halves happen
    fc.assert(
      fc.property(amount, amount, amount, (bonus, commission, deductions) => {
        const applied = Math.min(deductions, bonus + commission);
        const payout = Math.max(0, bonus + commission - deductions);
        const r = roundComponents({ bonus, commission, deductions: applied }, payout, 2);
        expect(cents(r.bonus) + cents(r.commission) - cents(r.deductions)).toBe(cents(r.payout));
        expect(r.payout).toBe(roundHalfAwayFromZero(payout, 2));
        for (const [x, v] of [
          [r.bonus, bonus],
          [r.commission, commission],
          [r.deductions, applied],
        ] as const) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(Math.abs(x - v)).toBeLessThan(0.0151);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
