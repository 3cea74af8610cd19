import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MetricSpec } from '../../src/core/model.js';
import { roundToUnits } from '../../src/core/money.js';
import { levelFor, suggestTargets } from '../../src/plan/targets.js';
import { grainOf, splitByWeights } from '../../src/core/split.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { monthsOf } from '../../src/plan/periods.js';
import { periodsIn } from '../../src/commands/targets.js';
import { metric, model, period, rep, source, table, target } from '../core/helpers.js';
import { english, say, translator } from '../../src/messages/index.js';

describe('the on-tiptoe rule, by hand', () => {
  const up: MetricSpec['direction'] = 'higher_is_better';
  it('average × (1 + growth), at most best × factor, never below the average', () => {
    // 100, 120, 80: average 100, best 120.
    expect(levelFor([100, 120, 80], up, 0.05, 1.5, 'money')).toEqual({ level: 105, rule: 'growth', average: 100, best: 120 });
    expect(levelFor([100, 120, 80], up, 0, 1.5, 'money')).toMatchObject({ level: 100, rule: 'growth' });
    expect(levelFor([100, 120, 80], up, 1, 1.5, 'money')).toMatchObject({ level: 180, rule: 'best' }); // 200 > 120 × 1.5
  });
  it('lower is better: average × (1 − growth), no lower than best ÷ factor, never above the average', () => {
    // 30, 40, 35 days: average 35, best 30.
    expect(levelFor([30, 40, 35], 'lower_is_better', 0.05, 1.5, 'days').level).toBeCloseTo(33.25, 12);
    expect(levelFor([30, 40, 35], 'lower_is_better', 0.5, 1.5, 'days')).toMatchObject({ level: 20, rule: 'best' }); // 17.5 < 30 ÷ 1.5
  });
  it('a rate nobody exceeded stays at 100 %', () => {
    expect(levelFor([0.9, 0.98], up, 0.1, 1.5, 'percent')).toMatchObject({ level: 1, rule: 'full' });
    expect(levelFor([0.9, 1.1], up, 0.1, 1.5, 'percent').level).toBeCloseTo(1.1, 12); // history above 100 %: that is the ceiling
  });
  it('grains: money to the minor unit, counts whole, percentages to 0.1 %', () => {
    expect([grainOf('money', 2), grainOf('money', 0), grainOf('count', 2), grainOf('percent', 2), grainOf('days', 2), grainOf(undefined, 2)]).toEqual([
      2, 0, 0, 3, 1, 2,
    ]);
  });
});

describe('splitting a total into periods that add up exactly', () => {
  it('by hand: largest remainders, ties to the earlier period', () => {
    expect(splitByWeights(1000, [1, 1, 1], 2)).toEqual([333.34, 333.33, 333.33]);
    expect(splitByWeights(100, [0.5, 0.3, 0.2], 0)).toEqual([50, 30, 20]);
    expect(splitByWeights(10, [1, 2], 0)).toEqual([3, 7]); // 3.33 / 6.67: the unit left goes to .67
    expect(splitByWeights(0.1, [1, 1, 1], 2)).toEqual([0.04, 0.03, 0.03]);
    expect(splitByWeights(12, [0, 0], 0)).toEqual([6, 6]); // no seasonality at all: evenly
  });

  it('property: the parts sum to the total to the unit, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 0, max: 3 }),
        (units, weights, places) => {
          const total = units / 10 ** places;
          const parts = splitByWeights(total, weights, places);
          const sum = parts.reduce((s, p) => s + roundToUnits(p, places), 0);
          expect(sum).toBe(roundToUnits(total, places));
          const w = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = w > 0 ? (units * weights[i]!) / w : units / weights.length;
            expect(Math.abs(roundToUnits(p, places) - exact)).toBeLessThan(1 + 1e-6);
            expect(p).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('suggestions from history', () => {
  // revenue (sum of amount) and price (avg of amount): rep A sells 100 a month Jan–Jun 2026, 200 Jul–Dec; rep B
  // only in December. Targets for 2027, month by month.
  const rev = metric(
    'revenue',
    { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
    { unit: 'money', target: target({ default: 150 }) },
  );
  const price = metric(
    'price',
    { kind: 'aggregate', source: 'sales', fn: 'avg', column: 'amount', filter: [] },
    { unit: 'money', target: target({ default: 150 }) },
  );
  const m = model({ sources: [source('sales')], metrics: [rev, price], weights: { ae: { revenue: 0.5, price: 0.5 } } });
  const reps = [rep('A'), rep('B')];
  const rows: [string, string, number][] = [];
  for (let mo = 1; mo <= 12; mo++) rows.push(['A', `2026-${String(mo).padStart(2, '0')}-15`, mo <= 6 ? 100 : 200]);
  rows.push(['B', '2026-12-15', 500]);
  const sales = table('sales', { rep: ['string', rows.map((r) => r[0])], date: ['date', rows.map((r) => r[1])], amount: ['money', rows.map((r) => r[2])] });
  const months2026 = monthsOf(period('2026'));
  const months2027 = monthsOf(period('2027'));
  const scored = scorePeriods({ model: m, reps, tables: new Map([['sales', sales]]) }, months2026);
  const { suggestions, skipped } = suggestTargets(m, { trailing: scored, lastYear: scored }, months2027, 0.05);

  it("revenue: 1,890.00 for the year (150 average + 5 % = 157.50 a month), split by 2026's seasonality", () => {
    const s = suggestions.find((x) => x.rep === 'A' && x.metric === 'revenue')!;
    expect(s).toMatchObject({ average: 150, best: 200, bestPeriod: '2026-07', rule: 'growth', total: 1890, additive: true });
    // Company totals 2026: Jan–Jun 100 each, Jul–Nov 200, Dec 200 + B's 500 = 700: 2,300 in all.
    // In cents: Jan–Jun 189,000 × 100 / 2,300 = 8,217.39, Jul–Nov 16,434.78, Dec 189,000 × 700 / 2,300 = 57,521.74.
    // Rounded down they leave 7 cents, given to the largest remainders: Jul–Nov (.78), Dec (.74), then Jan (.39,
    // the earliest of six equal ones).
    expect(s.split.basis).toBe('seasonality');
    const targets = s.periods.map((p) => p.target);
    expect(targets).toEqual([82.18, 82.17, 82.17, 82.17, 82.17, 82.17, 164.35, 164.35, 164.35, 164.35, 164.35, 575.22]);
    expect(targets.reduce((a, b) => a + Math.round(b * 100), 0)).toBe(189000);
    expect(s.periods[0]!.period).toBe('2027-01');
    expect(say(s.explanation, english)).toContain(
      'average 150.00 + 5% = 157.50 (12 periods 2026-01 to 2026-12; best 200.00 in 2026-07); × 12 periods = 1,890.00',
    );
    expect(say(s.explanation, english)).toContain("split by last year's seasonality (2026-01 to 2026-12, all reps)");
    expect(say(s.explanation, translator('zh-CN'))).toContain(
      '平均 150.00 + 5% = 157.50（12 个期间，2026-01 至 2026-12；最佳 200.00，在 2026-07）；× 12 期 = 1,890.00，按去年的季节性分摊',
    );
  });

  it('an average (price) is not split: the same level every month', () => {
    const s = suggestions.find((x) => x.rep === 'A' && x.metric === 'price')!;
    expect(s.additive).toBe(false);
    expect(new Set(s.periods.map((p) => p.target))).toEqual(new Set([157.5]));
    expect(say(s.explanation, english)).toContain('the same target every period');
  });

  it('a rep with one month of history gets no suggestion, and says why', () => {
    expect(suggestions.some((x) => x.rep === 'B')).toBe(false);
    expect(skipped.map((x) => ({ ...x, reason: say(x.reason, english) }))).toEqual([
      { rep: 'B', metric: 'revenue', reason: "1 period with data (2 needed): the scheme's target stays" },
      { rep: 'B', metric: 'price', reason: "1 period with data (2 needed): the scheme's target stays" },
    ]);
  });

  it("without last year's data for every period the split is even, and says which were missing", () => {
    const partial = suggestTargets(
      m,
      { trailing: scored, lastYear: scorePeriods({ model: m, reps, tables: new Map([['sales', sales]]) }, monthsOf(period('2025'))) },
      months2027,
      0.05,
    );
    const s = partial.suggestions.find((x) => x.rep === 'A' && x.metric === 'revenue')!;
    expect(s.split.basis).toBe('even');
    expect(s.periods.map((p) => p.target)).toEqual(Array(12).fill(157.5));
    expect(say(s.explanation, english)).toContain('split evenly: no data one year earlier for any of them');
  });
});

describe("the periods a span is made of, in the scheme's kind", () => {
  const labels = (span: string, kind: 'month' | 'quarter' | 'year') => {
    const r = periodsIn(period(span), kind);
    return 'error' in r ? r.error : r.map((p) => p.label);
  };
  it('months of a year or quarter, quarters of a year; a month cannot hold a quarter', () => {
    expect(labels('2027-Q2', 'month')).toEqual(['2027-04', '2027-05', '2027-06']);
    expect(labels('2027', 'quarter')).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    expect(labels('2027-03', 'month')).toEqual(['2027-03']);
    expect(labels('2027-03', 'quarter')).toMatch(/not made of whole quarters/);
    expect(labels('2027-06-YTD', 'month')).toHaveLength(6);
  });
});
