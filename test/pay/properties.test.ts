// Properties of the plan rules (issue #12): more cash collected never lowers 回款 commission; a clawback never
// takes back more than the order earned (the rule alone, and through runs of the later periods); no payout and no pay line is ever negative, and the rounded lines add up.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Component, Model, RedLineRule } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { clawbackOf } from '../../src/core/rules/clawback.js';
import { metric, model, period, rep, source, table } from '../core/helpers.js';
import { dayFromIso } from '../../src/core/period.js';

// Coefficients in whole percent and rates in basis points, as plans write them: fast-check's doubles crowd near 0
// (5e-208), where a commission that drops on more cash still passes any tolerance, so the property could not fail.
const aging = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }).map((cs) => {
  // Non-increasing coefficients (paying later never earns more), bands every 30 days, the last open.
  const sorted = [...cs].sort((a, b) => b - a).map((c) => c / 100);
  return sorted.map((coefficient, i) => (i < sorted.length - 1 ? { upTo: 30 * (i + 1), coefficient } : { coefficient }));
});
// Rates rising with the tiers (a plan's accelerators), so the retroactive mode is monotone too.
const tiers = fc
  .array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 3 })
  .map((bp) => [...bp].sort((a, b) => a - b).map((x) => x / 10_000))
  .map((rates) => rates.map((rate, i) => (i < rates.length - 1 ? { from: i * 10_000, to: (i + 1) * 10_000, rate } : { from: i * 10_000, rate })));

interface Pay {
  invoice: number;
  amount: number;
  paid: number;
  invoiceDay: number;
  paidDay: number;
}
const payment = fc.record({
  invoice: fc.integer({ min: 0, max: 3 }),
  amount: fc.integer({ min: 1, max: 5_000_000 }).map((c) => c / 100),
  paid: fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100),
  invoiceDay: fc.integer({ min: 0, max: 120 }),
  paidDay: fc.integer({ min: 0, max: 29 }),
});

const NOV = dayFromIso('2026-11-01')!;
function collectionRun(pays: Pay[], c: Extract<Component, { kind: 'collection' }>): number {
  // One invoice id has one amount and one date (the first row's): as in a real receivables export.
  const first = new Map<number, Pay>();
  for (const p of pays) if (!first.has(p.invoice)) first.set(p.invoice, p);
  const t = table('collections', {
    rep: ['string', pays.map(() => 'A')],
    invoice: ['string', pays.map((p) => `F${p.invoice}`)],
    invoiced: ['money', pays.map((p) => first.get(p.invoice)!.amount)],
    paid: ['money', pays.map((p) => p.paid)],
    invoiced_on: ['date', pays.map((p) => NOV - first.get(p.invoice)!.invoiceDay)],
    paid_on: ['date', pays.map((p) => NOV + p.paidDay)],
  });
  const m: Model = model({ sources: [source('collections', { date: 'paid_on' })], components: [c], weights: { ae: {} } });
  const res = scoreRun({ model: m, period: period('2026-11'), reps: [rep('A')], tables: new Map([['collections', t]]) });
  return res.reps[0]!.commission;
}

describe('回款 commission', () => {
  it('more cash collected never lowers it (a bigger payment, or one more payment)', () => {
    let paying = 0;
    fc.assert(
      fc.property(
        fc.array(payment, { minLength: 1, maxLength: 6 }),
        aging,
        tiers,
        fc.nat({ max: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        payment,
        fc.constantFrom<'marginal' | 'retroactive'>('marginal', 'retroactive'),
        (pays, bands, ts, k, extraCents, extra, mode) => {
          const c: Extract<Component, { kind: 'collection' }> = {
            kind: 'collection',
            name: 'hk',
            label: '回款',
            index: 0,
            source: 'collections',
            paid: 'paid',
            paidDate: 'paid_on',
            invoiceDate: 'invoiced_on',
            invoice: 'invoice',
            invoiceAmount: 'invoiced',
            filter: [],
            mode,
            tiers: ts,
            aging: bands,
          };
          const before = collectionRun(pays, c);
          expect(before).toBeGreaterThanOrEqual(0);
          if (before >= 1) paying++;
          const i = k % pays.length;
          const more = pays.map((p, j) => (j === i ? { ...p, paid: p.paid + extraCents / 100 } : p));
          expect(collectionRun(more, c)).toBeGreaterThanOrEqual(before - 1e-9);
          // A payment dated after every other one (a new payment this period).
          const last = { ...extra, paidDay: 29 };
          expect(collectionRun([...pays.map((p) => ({ ...p, paidDay: Math.min(p.paidDay, 28) })), last], c)).toBeGreaterThanOrEqual(
            collectionRun(
              pays.map((p) => ({ ...p, paidDay: Math.min(p.paidDay, 28) })),
              c,
            ) - 1e-9,
          );
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: most cases earn at least ¥1.
    expect(paying).toBeGreaterThan(30);
  });
});

describe('clawback', () => {
  it('refunds of one order never take back more than the order earned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 8 }),
        (orderCents, rate, refunds) => {
          const orderAmount = orderCents / 100;
          let before = 0;
          let taken = 0;
          for (const cents of refunds) {
            const refund = cents / 100;
            const c = clawbackOf({ row: 2, order: 'A', refund, orderAmount, refundedBefore: before, orderPeriod: '2026-10', rate });
            expect(c).toBeGreaterThanOrEqual(0);
            taken += c;
            before += refund;
          }
          expect(taken).toBeLessThanOrEqual(orderAmount * rate * (1 + 1e-12) + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('clawback in a run', () => {
  // October orders of one rep, refunded (negative rows the metric also counts, so netted and added back) in November
  // and December, on random rising tiers: across both months, the clawback lines of an order never take back more
  // than the order earned in October, its amount × October's effective rate (October's commission ÷ its base).
  const OCT = dayFromIso('2026-10-01')!;
  const DEC = dayFromIso('2026-12-01')!;
  const order = fc.record({ cents: fc.integer({ min: 1, max: 5_000_000 }), day: fc.integer({ min: 0, max: 30 }) });
  const refund = fc.record({
    order: fc.nat({ max: 5 }),
    cents: fc.integer({ min: 1, max: 5_000_000 }),
    dec: fc.boolean(),
    day: fc.integer({ min: 0, max: 29 }),
  });
  it('never takes back more than the order earned, over every later period', () => {
    let clawed = 0;
    fc.assert(
      fc.property(
        fc.array(order, { minLength: 1, maxLength: 4 }),
        fc.array(refund, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 2 }),
        tiers,
        fc.constantFrom<'marginal' | 'retroactive'>('marginal', 'retroactive'),
        (orders, refunds, novemberSales, ts, mode) => {
          const rows = [
            ...orders.map((o, k) => ({ order: `O${k}`, cents: o.cents, day: OCT + o.day })),
            ...refunds.map((r) => ({ order: `O${r.order % orders.length}`, cents: -r.cents, day: (r.dec ? DEC : NOV) + r.day })),
            ...novemberSales.map((c, k) => ({ order: `N${k}`, cents: c, day: NOV + 5 })),
          ];
          const sales = table('sales', {
            rep: ['string', rows.map(() => 'A')],
            order: ['string', rows.map((r) => r.order)],
            amount: ['money', rows.map((r) => r.cents / 100)],
            date: ['date', rows.map((r) => r.day)],
          });
          const rev = metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] });
          const m: Model = model({
            sources: [source('sales')],
            metrics: [rev],
            weights: { ae: { rev: 1 } },
            commission: { metric: 'rev', mode, tiers: ts, clawback: { order: 'order', refunds: [] } },
          });
          const run = (label: string) => scoreRun({ model: m, period: period(label), reps: [rep('A')], tables: new Map([['sales', sales]]) }).reps[0]!;
          const oct = run('2026-10');
          const base = oct.metrics[0]!.actual!;
          const rate = base > 0 ? oct.commission / base : 0;
          const taken = new Map<string, number>();
          for (const label of ['2026-11', '2026-12']) {
            for (const l of run(label).lines ?? []) {
              if (l.kind !== 'clawback') continue;
              expect(l.amount).toBeGreaterThanOrEqual(0);
              taken.set(l.name, (taken.get(l.name) ?? 0) + l.amount);
            }
          }
          orders.forEach((o, k) => {
            const earned = (o.cents / 100) * rate;
            const back = taken.get(`O${k}`) ?? 0;
            if (back >= 0.01) clawed++;
            expect(back).toBeLessThanOrEqual(earned + 1e-9 * Math.max(1, earned));
          });
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: many orders are clawed back a cent or more.
    expect(clawed).toBeGreaterThan(50);
  });
});

describe('payouts', () => {
  it('are never negative, nor any line; rounded lines add up to the rounded payout', () => {
    const rules: RedLineRule[] = [
      { name: 'p', kind: 'points', value: 30 },
      { name: 'a', kind: 'amount', value: 700 },
      { name: 'pct', kind: 'percent_of_bonus', value: 0.4 },
      { name: 'z', kind: 'zero_bonus', value: 0 },
    ];
    let withDeductions = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500_000, max: 5_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('p', 'a', 'pct', 'z', ''), { maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
        fc.boolean(),
        (amounts, hits, paidCents, timesScore) => {
          const sales = table('sales', {
            rep: ['string', amounts.map(() => 'A')],
            amount: ['money', amounts.map((c) => c / 100)],
            date: ['date', amounts.map(() => NOV + 3)],
          });
          const violations = table('violations', {
            rep: ['string', hits.map(() => 'A')],
            rule: ['string', hits.map((h) => h || null)],
            reason: ['string', hits.map((h) => `r ${h}`)],
            points: ['number', hits.map(() => null)],
          });
          const paid = table('paid', { rep: ['string', paidCents === null ? [] : ['A']], amount: ['money', paidCents === null ? [] : [paidCents / 100]] });
          const rev = metric(
            'rev',
            { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
            { target: { default: 10_000, byRole: new Map(), byTeam: new Map(), byRep: new Map() } },
          );
          const m: Model = model({
            sources: [source('sales')],
            metrics: [rev],
            weights: { ae: { rev: 1 } },
            bonus: {
              mode: 'step',
              proration: 'none',
              basis: 'rev',
              ...(timesScore ? { timesScore } : {}),
              points: [],
              tiers: [
                { label: 'a', from: 0, to: 0.8, multiplier: 0 },
                { label: 'b', from: 0.8, to: 1, multiplier: 1.2 },
                { label: 'c', from: 1, multiplier: 1.5 },
              ],
            },
            commission: { metric: 'rev', mode: 'marginal', tiers: [{ from: 0, rate: 0.03 }] },
            components: [{ kind: 'kicker', name: 'k', label: 'k', index: 0, when: [{ metric: 'rev', of: 'achievement', level: 1 }], amount: 300 }],
            deductions: source('violations', { date: undefined, purpose: 'deductions' }),
            redLines: new Map(rules.map((r) => [r.name, r])),
            ...(paidCents === null ? {} : { paidToDate: source('paid', { date: undefined, purpose: 'paid_to_date' }) }),
          });
          const res = scoreRun({
            model: m,
            period: period('2026-11'),
            reps: [rep('A', { baseBonus: 3_000 })],
            tables: new Map([['sales', sales]]),
            deductions: violations,
            ...(paidCents === null ? {} : { paidToDate: paid }),
          });
          const r = res.reps[0]!;
          if ((r.lines ?? []).some((l) => l.sign < 0 && l.amount > 0)) withDeductions++;
          expect(r.payout).toBeGreaterThanOrEqual(0);
          expect(r.rounded.payout).toBeGreaterThanOrEqual(0);
          for (const l of r.lines ?? []) {
            expect(l.amount).toBeGreaterThanOrEqual(0);
            expect(l.rounded).toBeGreaterThanOrEqual(0);
          }
          expect(Math.round((r.rounded.bonus + r.rounded.commission - r.rounded.deductions) * 100) || 0).toBe(Math.round(r.rounded.payout * 100));
          if (r.trueUp) expect(r.trueUp.carried).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
    expect(withDeductions).toBeGreaterThan(50);
  });
});

describe('回款 on a split collections source', () => {
  // A payment split over up to four reps by a share column (in 0.00001 % units, adding up to 100 % within the
  // 0.0001 % split credit allows): the cash credited to the reps adds up to the cash collected, to the cent, and
  // no rep's part is negative.
  const split = fc.array(
    fc.record({
      cents: fc.integer({ min: 1, max: 2_000_000_000 }),
      shares: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 4 }),
      slack: fc.integer({ min: -5, max: 5 }),
    }),
    { minLength: 1, maxLength: 5 },
  );
  const REPS = ['A', 'B', 'C', 'D'];

  it('the shares credited across reps sum to the collected amount, to the cent, never negative', () => {
    fc.assert(
      fc.property(split, (pays) => {
        const rows: { rep: string; payment: string; share: number; paid: number }[] = [];
        let collected = 0;
        pays.forEach((p, k) => {
          // Shares in 0.00001 % units that add up to 10,000,000 (± the slack split credit tolerates).
          const total = p.shares.reduce((s, x) => s + x, 0) || 1;
          const units = p.shares.map((x) => Math.floor((x * 10_000_000) / total));
          const big = units.indexOf(Math.max(...units));
          units[big]! += 10_000_000 - units.reduce((s, x) => s + x, 0) + (p.shares.length > 1 ? p.slack : 0);
          units.forEach((u, j) => {
            rows.push({ rep: REPS[j]!, payment: `P${k}`, share: u / 10_000_000, paid: p.cents / 100 });
          });
          collected += p.cents;
        });
        const t = table('collections', {
          rep: ['string', rows.map((r) => r.rep)],
          payment: ['string', rows.map((r) => r.payment)],
          share: ['percent', rows.map((r) => r.share)],
          invoice: ['string', rows.map((r) => `F-${r.payment}`)],
          paid: ['money', rows.map((r) => r.paid)],
          invoiced_on: ['date', rows.map(() => NOV)],
          paid_on: ['date', rows.map(() => NOV + 3)],
        });
        const c: Extract<Component, { kind: 'collection' }> = {
          kind: 'collection',
          name: 'hk',
          label: '回款',
          index: 0,
          source: 'collections',
          paid: 'paid',
          paidDate: 'paid_on',
          invoiceDate: 'invoiced_on',
          invoice: 'invoice',
          filter: [],
          mode: 'marginal',
          tiers: [{ from: 0, rate: 0.01 }],
          aging: [{ coefficient: 1 }],
        };
        const m: Model = model({
          sources: [source('collections', { date: 'paid_on', split: { order: 'payment', share: 'share' } })],
          components: [c],
          weights: { ae: {} },
        });
        const res = scoreRun({ model: m, period: period('2026-11'), reps: REPS.map((id) => rep(id)), tables: new Map([['collections', t]]) });
        expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const lines = res.reps.map((r) => r.lines?.find((l) => l.kind === 'collection'));
        for (const l of lines) expect(l?.basis ?? 0).toBeGreaterThanOrEqual(0);
        const credited = lines.reduce((s, l) => s + (l?.basis ?? 0), 0);
        expect(Math.round(credited * 100)).toBe(collected);
      }),
      { numRuns: 300 },
    );
  });
});
