// Split credit (issue 12, item 6): an order credited to several reps by a share column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { splitCredit } from '../../src/core/split-credit.js';
import { metric, model, period, rep, source, table, target, type Cell } from './helpers.js';
import { en } from '../english.js';

const agg = (name: string, fn: 'sum' | 'count' | 'avg' | 'count_distinct' | 'max', column?: string): MetricSpec =>
  metric(
    name,
    { kind: 'aggregate', source: 'sales', fn, ...(column ? { column } : {}), filter: [] },
    { unit: fn === 'sum' || fn === 'avg' || fn === 'max' ? 'money' : 'count', target: target({ default: 100 }) },
  );
const metrics = [
  agg('revenue', 'sum', 'amount'),
  agg('deals', 'count'),
  agg('aov', 'avg', 'amount'),
  agg('customers', 'count_distinct', 'customer'),
  agg('biggest', 'max', 'amount'),
];
const spec = source('sales', {
  split: { order: 'order', share: 'share' },
  columns: [
    { name: 'order', header: 'Order', type: 'string' },
    { name: 'share', header: 'Share', type: 'percent' },
    { name: 'amount', header: 'Amount', type: 'money' },
  ],
});

type Row = [order: Cell, rep: string, share: Cell, amount: Cell, customer?: string, date?: string];
const sales = (rows: Row[]) =>
  table('sales', {
    order: ['string', rows.map((r) => r[0])],
    rep: ['string', rows.map((r) => r[1])],
    share: ['percent', rows.map((r) => r[2])],
    amount: ['money', rows.map((r) => r[3])],
    customer: ['string', rows.map((r) => r[4] ?? 'C1')],
    date: ['date', rows.map((r) => r[5] ?? '2026-11-10')],
  });
const run = (rows: Row[], reps = ['A', 'B', 'C']) =>
  scoreRun({
    model: model({ sources: [spec], metrics, weights: { ae: { revenue: 1 } } }),
    period: period('2026-11'),
    reps: reps.map((id) => rep(id)),
    tables: new Map([['sales', sales(rows)]]),
  });
const actual = (res: ReturnType<typeof run>, id: string, m: string) => res.reps.find((r) => r.rep.id === id)!.metrics.find((x) => x.metric === m)!.actual;

describe('split credit', () => {
  it('credits each rep their share of the order, to the cent, the parts adding up to the order', () => {
    // order 1: 100.01 split 50/50 → 50.01 and 50.00 (the odd cent to the earlier row); order 2: B alone.
    const res = run([
      ['1', 'A', 0.5, 100.01],
      ['1', 'B', 0.5, 100.01],
      ['2', 'B', null, 40],
    ]);
    expect(actual(res, 'A', 'revenue')).toBe(50.01);
    expect(actual(res, 'B', 'revenue')).toBe(90);
    expect(res.issues).toEqual([]);
  });
  it('counts a split order as each rep’s share of it, so the team still counts one order', () => {
    const res = run([
      ['1', 'A', 0.6, 1000],
      ['1', 'B', 0.4, 1000],
      ['2', 'A', 1, 500],
    ]);
    expect(actual(res, 'A', 'deals')).toBe(1.6);
    expect(actual(res, 'B', 'deals')).toBe(0.4);
    // average = credited revenue ÷ credited orders: A (600 + 500) / 1.6 = 687.5; B 400 / 0.4 = 1000
    expect(actual(res, 'A', 'aov')).toBe(687.5);
    expect(actual(res, 'B', 'aov')).toBe(1000);
    expect(actual(res, 'A', 'biggest')).toBe(600);
    // a customer of a split order is a customer of each rep on it
    expect(actual(res, 'B', 'customers')).toBe(1);
  });
  it('reads a share column written in percent points (60, 40)', () => {
    const res = run([
      ['1', 'A', 60, 1000],
      ['1', 'B', 40, 1000],
    ]);
    expect(actual(res, 'A', 'revenue')).toBe(600);
    const step = res.reps
      .find((r) => r.rep.id === 'A')!
      .metrics[0]!.provenance.steps.map((s) => en(s))
      .join('\n');
    expect(step).toContain('split credit');
    expect(step).toContain('percent points');
  });
  it('an order whose shares do not add up to 100 % counts for no one and is reported with its rows', () => {
    const res = run([
      ['1', 'A', 0.6, 1000],
      ['1', 'B', 0.3, 1000],
      ['2', 'A', 1, 50],
    ]);
    expect(actual(res, 'A', 'revenue')).toBe(50);
    expect(actual(res, 'B', 'revenue')).toBe(0);
    expect(res.issues).toHaveLength(1);
    const i = res.issues[0]!;
    expect(i).toMatchObject({ file: 'sales.csv', row: 2, column: 'Order', value: '1', severity: 'error', action: 'skipped' });
    expect(i.reason).toContain('shares add up to 90%');
    expect(i.reason).toContain('rows 2, 3');
    // not also reported as unknown reps
    expect(res.issues.some((x) => x.reason.includes('not in the roster'))).toBe(false);
  });
  it('an order whose rows disagree on the amount, or with a blank share among several rows, is refused', () => {
    const res = run([
      ['1', 'A', 0.5, 1000],
      ['1', 'B', 0.5, 900],
      ['2', 'A', 0.5, 10],
      ['2', 'B', null, 10],
    ]);
    expect(actual(res, 'A', 'revenue')).toBe(0);
    expect(res.issues.map((i) => i.reason).join('\n')).toMatch(/disagree on Amount \(row 2: 1,000.00, row 3: 900.00\)/);
    expect(res.issues.map((i) => i.reason).join('\n')).toMatch(/share is blank on row 5/);
  });
  it('an order outside the period is not reported in it', () => {
    const res = run([
      ['1', 'A', 0.6, 1000, 'C1', '2026-10-01'],
      ['1', 'B', 0.3, 1000, 'C1', '2026-10-01'],
    ]);
    expect(res.issues).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ properties

const orderArb = fc.record({
  cents: fc.integer({ min: -5_000_000, max: 50_000_000 }),
  weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
  reps: fc.array(fc.constantFrom('A', 'B', 'C', 'X'), { minLength: 5, maxLength: 5 }),
  broken: fc.boolean(),
  inPeriod: fc.boolean(),
});

describe('split credit: properties', () => {
  it('each valid order’s credited parts add up to its amount to the cent', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 8 }), (orders) => {
        const rows: Row[] = [];
        orders.forEach((o, k) => {
          const total = o.weights.reduce((a, b) => a + b, 0) || 1;
          // shares in percent points with 4 decimals, last one taking the rest so they sum to exactly 100
          const pts = o.weights.map((w) => Math.floor((w / total) * 1e6) / 1e4);
          pts[pts.length - 1] = Math.round((100 - pts.slice(0, -1).reduce((a, b) => a + b, 0)) * 1e4) / 1e4;
          for (const p of pts) rows.push([`o${k}`, 'A', p / 100, o.cents / 100]);
        });
        const t = sales(rows);
        const credit = splitCredit(t, spec, ['amount']);
        const got = credit.credited.get('amount')!;
        orders.forEach((o, k) => {
          const idx = rows.map((r, i) => (r[0] === `o${k}` ? i : -1)).filter((i) => i >= 0);
          if (credit.bad.some((b) => b.order === `o${k}`)) return; // a rounding of shares above the tolerance
          expect(idx.reduce((s, i) => s + got[i]!, 0)).toBe(o.cents);
          for (const i of idx) expect(Number.isInteger(got[i]!)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every row of the period is counted for a rep or reported (the reading invariant holds with splits)', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 8 }), (orders) => {
        const rows: Row[] = [];
        orders.forEach((o, k) => {
          const n = o.weights.length;
          const even = Math.floor(1e4 / n) / 1e4;
          o.weights.forEach((_, j) => {
            let share = j === n - 1 ? Math.round((1 - even * (n - 1)) * 1e4) / 1e4 : even;
            if (o.broken && j === 0) share += 0.1;
            rows.push([`o${k}`, o.reps[j]!, share, o.cents / 100, 'C', o.inPeriod ? '2026-11-05' : '2026-10-05']);
          });
        });
        const res = run(rows);
        const issueRows = new Set<number>();
        for (const i of res.issues) {
          const listed = /rows? ([\d, ]+)\)/.exec(i.reason)?.[1];
          if (listed) for (const r of listed.split(',')) issueRows.add(Number(r.trim()));
          if (i.reason.includes('not in the roster')) {
            rows.forEach((r, j) => {
              if (r[1] === i.value && r[5] !== '2026-10-05') issueRows.add(j + 2);
            });
          }
        }
        const credited = rows.filter((r) => r[5] === '2026-11-05');
        // rows counted: the deals count adds up the shares of credited rows
        const counted = res.reps.reduce((s, r) => s + (actual(res, r.rep.id, 'deals') ?? 0), 0);
        let expected = 0;
        credited.forEach((r) => {
          const rowNo = rows.indexOf(r) + 2;
          const bad = issueRows.has(rowNo);
          if (!bad) expect(r[1]).not.toBe('X');
          if (!bad) expected += r[2] as number;
        });
        expect(counted).toBeCloseTo(expected, 6);
        // and a valid order's rows are never reported
        orders.forEach((o, k) => {
          if (o.broken || !o.inPeriod) return;
          rows.forEach((r, j) => {
            if (r[0] === `o${k}` && r[1] !== 'X') expect(issueRows.has(j + 2)).toBe(false);
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});
