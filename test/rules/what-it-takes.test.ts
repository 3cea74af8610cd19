// "What it takes" never asks beyond a metric's range, lists only metrics that count for the rep, and names the
// gate that blocks the bonus with what meets it. Issue #11: a 1–5 satisfaction score asked to reach 6.72;
// "payout at that tier ¥0.00" under a gate without saying that meeting it unlocks the bonus.
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { toJsonValue } from '../../src/output/formats.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { metric, stepBonus, target } from '../core/helpers.js';
import { reportCtx, runOf, textsOf } from './helpers.js';
import { en } from '../english.js';

const of = (name: string, fn: 'sum' | 'avg', kind: string, over: Partial<MetricSpec> = {}): MetricSpec =>
  metric(name, { kind: 'aggregate', source: 'sales', fn, column: 'amount', filter: [{ column: 'kind', op: 'eq', value: kind }] }, over);

const revenue = of('revenue', 'sum', 'sale', { target: target({ default: 100 }) });
// A 1–5 rating, target 4: a rating of 3 scores 75 %.
const csat = of('csat', 'avg', 'csat', { target: target({ default: 4 }), range: { min: 1, max: 5 } });
// Shown, not weighted for the role.
const calls = of('calls', 'sum', 'call', { target: target({ default: 10 }) });
const bonus = stepBonus([
  ['Below', 0, 0.5],
  ['On plan', 1, 1],
]);

describe('what it takes', () => {
  // revenue 60 (60 %) × 0.5 + csat 3 (75 %) × 0.5 = 67.5 %; the next tier is 100 %: +32.5 points.
  const rows: [string, number, string][] = [
    ['A', 60, 'sale'],
    ['A', 3, 'csat'],
    ['A', 4, 'call'],
  ];
  const weights = { ae: { revenue: 0.5, csat: 0.5 } };

  it('never asks beyond the range: csat would need 5.6 of at most 5', () => {
    const { result } = runOf({ metrics: [revenue, csat, calls], weights, bonus }, rows);
    const next = result.reps[0]!.next!;
    expect(result.reps[0]!.totalScore).toBe(0.675);
    const c = next.perMetric.find((w) => w.metric === 'csat')!;
    expect(c.actualNeeded).toBeNull();
    expect(en(c.why)).toBe('beyond its range (at most 5)');
    // Revenue alone: 60 % + 65 % = 125 % → 125.
    expect(next.perMetric.find((w) => w.metric === 'revenue')!.actualNeeded).toBeCloseTo(125, 9);
  });

  it('lists only the metrics that count for the rep', () => {
    const { result } = runOf({ metrics: [revenue, csat, calls], weights, bonus }, rows);
    expect(result.reps[0]!.next!.perMetric.map((w) => w.metric)).toEqual(['revenue', 'csat']);
  });

  it('names the gate that blocks the bonus and what meets it, with the payout once met', () => {
    const gates = [{ metric: 'revenue', of: 'achievement' as const, level: 0.7, effect: 'zero_bonus' as const }];
    const { model, result } = runOf({ metrics: [revenue, csat, calls], weights, bonus, gates }, rows);
    const r = result.reps[0]!;
    expect(r.payout).toBe(0);
    // Revenue 70 meets the gate; then the bonus at 67.5 % is 1,000 × 0.5.
    expect(r.unlock?.map((u) => ({ ...u, reason: en(u.reason) }))).toEqual([
      { metric: 'revenue', reason: 'revenue achievement 60% is below its gate of 70%', actualNeeded: 70, change: 10, payout: 500 },
    ]);
    expect(r.next!.payout).toBe(0);
    expect(r.next!.payoutOnceUnlocked).toBe(1000);
    const j = toJsonValue(result).reps[0]!;
    expect(j.unlock[0]).toMatchObject({ metric: 'revenue', actualNeeded: 70, payout: 500 });
    expect(j.next?.payoutOnceUnlocked).toBe(1000);
    const texts = textsOf(buildScorecard(result, r, reportCtx(model)).getWorksheet('Scorecard')!);
    expect(texts).toContain('Bonus blocked: revenue achievement 60% is below its gate of 70%; revenue at 70 meets it');
    expect(texts).toContain('once the gate above is met');
  });
});
