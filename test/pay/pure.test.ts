// Hand-checked numbers for the plan rules of issue #12, one block per rule: bonus basis and coefficient, 红线
// kinds, components (commission, SPIFF, kicker, 回款 with aging), clawback, YTD true-up.
import { describe, expect, it } from 'vitest';
import type { BonusSpec, Component, RedLineRule } from '../../src/core/model.js';
import type { MetricResult } from '../../src/core/results.js';
import { basisMultiplier, basisOf } from '../../src/core/rules/bonus-basis.js';
import { applyRedLines, redLinePoints } from '../../src/core/rules/red-lines/index.js';
import { COMPONENT_RULES, agingCoefficient, agingDays, creditedShare, type ComponentInput, type Payment } from '../../src/core/rules/components/index.js';
import { clawbackOf, refundCounted } from '../../src/core/rules/clawback.js';
import { trueUp } from '../../src/core/rules/true-up.js';
import { fixed } from '../../src/core/format.js';
import { clean15 } from '../../src/core/money.js';
import { said } from '../../src/core/says.js';
import { stepBonus } from '../core/helpers.js';
import { english, say } from '../../src/messages/index.js';

const money = (x: number) => fixed(x, 2);

const metric = (name: string, actual: number | null, achievement: number | null): MetricResult => ({
  metric: name,
  label: name,
  weight: 0,
  actual,
  target: null,
  targetOrigin: 'none',
  threshold: null,
  stretch: null,
  achievement,
  score: 0,
  weightedScore: 0,
  provenance: { steps: [] },
});

// The guide's example: 业绩达标 80%–100% → 奖金系数 1.2; 100%–120% → 1.5.
const guide = stepBonus(
  [
    ['<80%', 0, 0],
    ['80%–100%', 0.8, 1.2],
    ['100%–120%', 1, 1.5],
    ['≥120%', 1.2, 1.8],
  ],
  { basis: 'revenue' },
);

describe("bonus basis: a coefficient on one metric's achievement", () => {
  it('keys the tiers on revenue achievement, not the total score', () => {
    const b = basisOf(guide, 0.7, [metric('revenue', 90_000, 0.9)]);
    expect(b.key).toBe(0.9);
    expect(say(b.what, english)).toBe('revenue achievement');
    const m = basisMultiplier(guide, b, 0.7);
    expect(m.coefficient).toBe(1.2);
    expect(m.multiplier).toBe(1.2); // not times the score
    expect(say(m.steps()[0]!, english)).toBe('tier 80%–100%: 80% ≤ revenue achievement 90% < 100% → coefficient 1.2');
  });
  it('100 % achievement is in the 100 %–120 % band (a band includes its lower bound)', () => {
    expect(basisMultiplier(guide, { key: 1, what: said('basis.totalScore') }, 1).coefficient).toBe(1.5);
  });
  it('combined form: base × coefficient(revenue achievement) × KPI score', () => {
    // base 10,000, revenue achievement 105 % → 1.5, KPI score 92 % → 10,000 × 1.5 × 0.92 = 13,800
    const spec = { ...guide, timesScore: true };
    const m = basisMultiplier(spec, { key: 1.05, what: said('basis.achievement', { metric: 'revenue' }) }, 0.92);
    expect(m.multiplier).toBe(1.38);
    expect(clean15(10_000 * m.multiplier)).toBe(13_800);
    expect(say(m.steps()[1]!, english)).toBe('multiplier = coefficient 1.5 × total score 92% = 1.38');
  });
  it('no achievement (no target or no data) → multiplier 0, said so', () => {
    const b = basisOf(guide, 0.9, [metric('revenue', null, null)]);
    expect(b.key).toBeNull();
    const m = basisMultiplier(guide, b, 0.9);
    expect(m.multiplier).toBe(0);
    expect(say(m.steps()[0]!, english)).toMatch(/no revenue achievement/);
  });
  it('without basis the total score keys the tiers, as before', () => {
    const spec: BonusSpec = { ...guide, basis: undefined } as BonusSpec;
    delete (spec as { basis?: string }).basis;
    expect(basisOf(spec, 0.85, []).key).toBe(0.85);
    expect(basisMultiplier(spec, basisOf(spec, 0.85, []), 0.85).multiplier).toBe(1.2);
  });
});

const rule = (name: string, kind: RedLineRule['kind'], value = 0): RedLineRule => ({ name, kind, value });

describe('红线 kinds', () => {
  it('points come off the score before the tier; amounts and shares of the bonus off the payout', () => {
    const hits = [
      { rule: rule('迟交日报', 'points', 2), reason: '11/3 日报未交', row: 2 },
      { rule: rule('违规折扣', 'amount', 500), reason: '订单 A12 超权限折扣', row: 3 },
      { rule: rule('客户投诉', 'percent_of_bonus', 0.1), reason: '投诉 #88', row: 4 },
    ];
    expect(redLinePoints(hits)).toBe(2);
    const a = applyRedLines(hits, 8_000, money);
    // 500 + 10 % × 8,000 = 1,300
    expect(a.amount).toBe(1_300);
    expect(a.zeroBonus).toBeNull();
    expect(a.lines.map((l) => l.amount)).toEqual([0, 500, 800]);
    expect(say(a.lines[2]!.text, english)).toBe('红线 客户投诉: 10% of the bonus = 800.00 (投诉 #88)');
  });
  it('zero_bonus (一票否决) takes the whole bonus; a share of a zero bonus is 0', () => {
    const hits = [
      { rule: rule('客户投诉', 'percent_of_bonus', 0.1), reason: '投诉', row: 2 },
      { rule: rule('虚假报单', 'zero_bonus'), reason: '订单 B7 虚报', row: 3 },
    ];
    const a = applyRedLines(hits, 8_000, money);
    expect(a.zeroBonus?.rule.name).toBe('虚假报单');
    expect(a.zeroBonus?.reason).toBe('订单 B7 虚报');
    expect(a.amount).toBe(0);
  });
  it('shares of the bonus add up to at most 100 %', () => {
    const hits = [0.6, 0.6].map((v, i) => ({ rule: rule(`r${i}`, 'percent_of_bonus', v), reason: 'x', row: i }));
    const a = applyRedLines(hits, 1_000, money);
    expect(a.lines.map((l) => l.amount)).toEqual([600, 400]);
    expect(a.amount).toBe(1_000);
  });
});

const input = (metrics: MetricResult[], payments?: Payment[]): ComponentInput => ({
  metric: (n) => metrics.find((m) => m.metric === n),
  lowerIsBetter: () => false,
  ...(payments ? { payments } : {}),
});

describe('components', () => {
  it('commissions on their own metrics: new-customer revenue at 3 %, renewals at 1 %', () => {
    const mk = (name: string, metricName: string, rate: number): Extract<Component, { kind: 'commission' }> => ({
      kind: 'commission',
      name,
      label: name,
      index: 0,
      commission: { metric: metricName, mode: 'marginal', tiers: [{ from: 0, rate }] },
    });
    const ms = [metric('new_rev', 120_000, null), metric('renew_rev', 80_000, null)];
    expect(COMPONENT_RULES.commission.value(mk('new', 'new_rev', 0.03), input(ms), money).amount).toBe(3_600);
    expect(COMPONENT_RULES.commission.value(mk('renew', 'renew_rev', 0.01), input(ms), money).amount).toBe(800);
  });
  it('SPIFF: ¥500 per new key account won', () => {
    const c: Extract<Component, { kind: 'spiff' }> = { kind: 'spiff', name: 'ka', label: '新开大客户', index: 0, metric: 'ka_won', amount: 500 };
    const v = COMPONENT_RULES.spiff.value(c, input([metric('ka_won', 3, null)]), money);
    expect(v.amount).toBe(1_500);
    expect(say(v.text, english)).toBe('新开大客户: 3 × 500.00 (ka_won) = 1,500.00');
  });
  it('kicker: paid only when every condition holds', () => {
    const c: Extract<Component, { kind: 'kicker' }> = {
      kind: 'kicker',
      name: 'k',
      label: '冲刺奖',
      index: 0,
      amount: 2_000,
      when: [
        { metric: 'revenue', of: 'achievement', level: 1.2 },
        { metric: 'collection_rate', of: 'actual', level: 0.9 },
      ],
    };
    const yes = [metric('revenue', 1, 1.25), metric('collection_rate', 0.92, null)];
    const no = [metric('revenue', 1, 1.25), metric('collection_rate', 0.85, null)];
    expect(COMPONENT_RULES.kicker.value(c, input(yes), money).amount).toBe(2_000);
    const v = COMPONENT_RULES.kicker.value(c, input(no), money);
    expect(v.amount).toBe(0);
    expect(say(v.text, english)).toContain('collection_rate actual 0.85 < 0.9');
    expect(say(COMPONENT_RULES.kicker.inverse(c, input(no), v, money)!, english)).toBe('collection_rate actual 0.9 unlocks 2,000.00');
  });
});

describe('回款 commission', () => {
  const aging = [{ upTo: 30, coefficient: 1 }, { upTo: 60, coefficient: 0.8 }, { upTo: 90, coefficient: 0.5 }, { coefficient: 0 }];
  it('aging bands: ≤ 30 days 100 %, 31–60 80 %, 61–90 50 %, > 90 0 %', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400].map((d) => agingCoefficient(aging, d))).toEqual([1, 1, 0.8, 0.8, 0.5, 0.5, 0, 0]);
    expect(agingDays(100, 145)).toBe(45);
    expect(agingDays(100, 90)).toBe(0); // paid before the invoice: prepaid, 0 days
  });
  it('partial payments earn pro rata; what is paid beyond the invoice earns nothing', () => {
    // invoice 10,000 with a margin base of 3,000; paid 4,000 then 7,000
    expect(creditedShare(4_000, { paidBefore: 0, invoiceAmount: 10_000, base: 3_000 })).toBe(1_200);
    expect(creditedShare(7_000, { paidBefore: 4_000, invoiceAmount: 10_000, base: 3_000 })).toBe(1_800);
    expect(creditedShare(500, { paidBefore: 10_000, invoiceAmount: 10_000, base: null })).toBe(0);
    expect(creditedShare(2_500, { paidBefore: 0, invoiceAmount: null, base: null })).toBe(2_500);
  });
  it('commission on cash after aging: 3 payments at 2 %', () => {
    const c: Extract<Component, { kind: 'collection' }> = {
      kind: 'collection',
      name: 'hk',
      label: '回款提成',
      index: 0,
      source: 'collections',
      paid: 'paid',
      paidDate: 'paid_date',
      invoiceDate: 'invoice_date',
      filter: [],
      mode: 'marginal',
      tiers: [{ from: 0, rate: 0.02 }],
      aging,
    };
    const payments: Payment[] = [
      { row: 2, invoice: 'F1', paid: 50_000, days: 20, coefficient: 1, credited: 50_000 },
      { row: 3, invoice: 'F2', paid: 30_000, days: 45, coefficient: 0.8, credited: 30_000 },
      { row: 4, invoice: 'F3', paid: 20_000, days: 100, coefficient: 0, credited: 20_000 },
    ];
    // 50,000 + 24,000 + 0 = 74,000 × 2 % = 1,480
    const v = COMPONENT_RULES.collection.value(c, input([], payments), money);
    expect(v.basis).toBe(74_000);
    expect(v.amount).toBe(1_480);
    expect(say(v.detail![1]!, english)).toBe('row 3: invoice F2 paid 30,000.00, 45 days → × 80% = 24,000.00');
  });
});

describe('clawback', () => {
  it("takes back the refunded part of an earlier order at that period's rate", () => {
    // order 20,000 paid in October at an effective 1.5 %; 8,000 refunded in November → 120
    expect(clawbackOf({ row: 9, order: 'A1', refund: 8_000, orderAmount: 20_000, refundedBefore: 0, orderPeriod: '2026-10', rate: 0.015 })).toBe(120);
  });
  it('never more than the order earned: refunds beyond the order are cut', () => {
    // 15,000 already refunded earlier; 8,000 more → only 5,000 left → 75
    const r = { row: 9, order: 'A1', refund: 8_000, orderAmount: 20_000, refundedBefore: 15_000, orderPeriod: '2026-10', rate: 0.015 };
    expect(refundCounted(r)).toBe(5_000);
    expect(clawbackOf(r)).toBe(75);
    expect(clawbackOf({ ...r, refundedBefore: 20_000 })).toBe(0);
  });
});

describe('YTD true-up', () => {
  it('pays earned − paid to date', () => {
    expect(trueUp(36_000, 25_000)).toEqual({ earned: 36_000, paidToDate: 25_000, payout: 11_000, carried: 0 });
  });
  it('carries a negative result as a balance, pays 0', () => {
    expect(trueUp(20_000, 25_000)).toEqual({ earned: 20_000, paidToDate: 25_000, payout: 0, carried: -5_000 });
  });
});
