// Target decomposition (issue 12, item 8): a year's or quarter's target split into months.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { decompose, monthsOf, type Written } from '../../src/core/decompose.js';
import { scoreRun } from '../../src/core/score.js';
import { metric, model, period, rep, source, table, target } from './helpers.js';
import { en, enAll } from '../english.js';

const show = (x: number) => String(x);
const even = () => new Array<number | null>(12).fill(null);
const perYear =
  (value: number): ((m: number) => Written) =>
  () => ({ value, per: 'year', index: 1, from: 'default' });

describe('decompose', () => {
  it('splits a year evenly to the cent, the odd cents to the earlier months', () => {
    // 10,000,001 cents / 12 = 833,333.42 each: 5 cents left over after flooring each month, to January–May
    const d = decompose(2026, [1, 2, 5, 6, 12], perYear(100000.01), 'even', even, 2, show)!;
    expect(d.parts.map((p) => p.value)).toEqual([8333.34, 8333.34, 8333.34, 8333.33, 8333.33]);
  });
  it('splits by last year’s monthly shares', () => {
    const ly = [6, 6, 8, 8, 8, 9, 7, 7, 9, 9, 10, 13].map((x) => x * 1000);
    const d = decompose(2026, [11], perYear(150000), 'seasonality', () => ly, 2, show)!;
    expect(d.target).toBe(15000);
    expect(en(d.text)).toBe("2026 target 150000 (default) split by 2025's monthly shares: 2025-11 was 10% → 15000");
    const ytd = decompose(2026, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], perYear(150000), 'seasonality', () => ly, 2, show)!;
    expect(ytd.target).toBe(130500);
  });
  it('a quarter is split over its own three months', () => {
    const ly = [6, 6, 8, 8, 8, 9, 7, 7, 9, 9, 10, 13].map((x) => x * 1000);
    const q: Written = { value: 45000, per: 'quarter', index: 4, from: 'row 3' };
    const d = decompose(
      2026,
      [10, 11, 12],
      () => q,
      'seasonality',
      () => ly,
      2,
      show,
    )!;
    expect(d.parts.map((p) => p.value)).toEqual([12656.25, 14062.5, 18281.25]);
    expect(d.target).toBe(45000);
  });
  it('falls back to an even split when a month of last year has no data, and says why', () => {
    const ly = [6, 6, 8, 8, 8, 9, 7, 7, 9, 9, 10, null];
    const d = decompose(2026, [11], perYear(120000), 'seasonality', () => ly, 2, show)!;
    expect(d.target).toBe(10000);
    expect(d.evenBecause).toBe('no data one year earlier for 2025-12');
  });
  it('counts are split in whole units', () => {
    const d = decompose(2026, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], perYear(100), 'even', even, 0, show)!;
    expect(d.parts.map((p) => p.value)).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
  });
  it('no written target for a month: no target', () => {
    expect(decompose(2026, [10, 11], (m) => (m === 10 ? { value: 1, per: 'month', index: 10, from: 'x' } : undefined), 'even', even, 2, show)).toBeNull();
  });
  it('months of a period', () => {
    expect(monthsOf(period('2026-Q4'))).toEqual({ year: 2026, months: [10, 11, 12] });
    expect(monthsOf(period('2026-03-YTD')).months).toEqual([1, 2, 3]);
  });
});

describe('decompose: properties', () => {
  it('the month targets add up to the annual target to the cent, whatever the seasonality', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom<'even' | 'seasonality'>('even', 'seasonality'),
        fc.constantFrom(0, 2),
        (cents, ly, basis, places) => {
          const value = places === 2 ? cents / 100 : cents;
          const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
          const d = decompose(2026, months, perYear(value), basis, () => ly, places, show)!;
          const f = 10 ** places;
          const units = d.parts.reduce((s, p) => s + Math.round(p.value * f), 0);
          expect(units).toBe(Math.round(value * f));
          for (const p of d.parts) expect(p.value).toBe(Math.round(p.value * f) / f || 0);
          // and the quarters of the year add up to it too
          const q = [1, 2, 3, 4].map((k) => decompose(2026, [3 * k - 2, 3 * k - 1, 3 * k], perYear(value), basis, () => ly, places, show)!.target);
          expect(q.reduce((s, x) => s + Math.round(x * f), 0)).toBe(Math.round(value * f));
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------------------------------------ in a run

const rev: MetricSpec = metric(
  'revenue',
  { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
  { unit: 'money', target: target({ default: 120000, per: 'year', split: 'seasonality' }) },
);
const history = [6, 6, 8, 8, 8, 9, 7, 7, 9, 9, 10, 13];
const sales = table('sales', {
  rep: ['string', [...history.map(() => 'A'), 'A']],
  amount: ['money', [...history.map((x) => x * 1000), 5000]],
  date: ['date', [...history.map((_, k) => `2025-${String(k + 1).padStart(2, '0')}-15`), '2026-11-02']],
});
const targets = (rows: [string, string, string, number][]) =>
  table('targets', {
    rep: ['string', rows.map((r) => r[0])],
    metric: ['string', rows.map((r) => r[1])],
    period: ['string', rows.map((r) => r[2])],
    target: ['number', rows.map((r) => r[3])],
  });
const run = (label: string, rows: [string, string, string, number][] = [], m = rev) =>
  scoreRun({
    model: model({
      sources: [source('sales')],
      metrics: [m],
      weights: { ae: { revenue: 1 } },
      targetsFile: source('targets', { rep: 'rep', date: undefined, period: 'period', fileAsWritten: 'targets.csv' }),
    }),
    period: period(label),
    reps: [rep('A'), rep('B')],
    tables: new Map([['sales', sales]]),
    targets: targets(rows),
  });
const tgt = (res: ReturnType<typeof run>, id: string) => res.reps.find((r) => r.rep.id === id)!.metrics[0]!;

describe('decomposed targets in a run', () => {
  it('an inline annual target, split by last year’s shares of the metric', () => {
    expect(tgt(run('2026-11'), 'A').target).toBe(12000);
    expect(tgt(run('2026-Q4'), 'A').target).toBe(38400); // 120,000 × 32 %
    expect(tgt(run('2026'), 'A').target).toBe(120000);
    expect(enAll(tgt(run('2026-11'), 'A').provenance.steps).join('\n')).toContain(
      "target 12,000 (2026 target 120,000 (default) split by 2025's monthly shares: 2025-11 was 10% → 12,000)",
    );
  });
  it('targets-file rows for a year, a quarter or months', () => {
    const rows: [string, string, string, number][] = [
      ['A', 'revenue', '2026', 150000],
      ['B', 'revenue', '2026-10', 1],
      ['B', 'revenue', '2026-11', 2],
      ['B', 'revenue', '2026-12', 4],
    ];
    expect(tgt(run('2026-11', rows), 'A').target).toBe(15000);
    expect(tgt(run('2026-11', rows), 'A').targetOrigin).toBe('file');
    expect(tgt(run('2026-Q4', rows), 'B').target).toBe(7); // only month rows: the quarter is their sum
    expect(tgt(run('2026-11', [['A', 'revenue', '2026-Q4', 45000]]), 'A').target).toBe(14062.5);
  });
  it('a row for the period itself wins', () => {
    expect(
      tgt(
        run('2026-11', [
          ['A', 'revenue', '2026', 150000],
          ['A', 'revenue', '2026-11', 99],
        ]),
        'A',
      ).target,
    ).toBe(99);
  });
  it('file rows that cover only some months of the period are not used, with a warning', () => {
    const res = run('2026-Q4', [['B', 'revenue', '2026-10', 1]]);
    expect(tgt(res, 'B').target).toBe(38400);
    expect(res.issues.map((i) => i.reason)).toContain(
      "metric revenue: the targets file covers only some months of 2026-Q4 for 1 rep (B: 2026-10): the scheme's target applies to them",
    );
  });
  it('per: month makes a quarter three months', () => {
    const m = { ...rev, target: target({ default: 1000, per: 'month' }) };
    expect(tgt(run('2026-Q4', [], m), 'A').target).toBe(3000);
    expect(tgt(run('2026-11', [], m), 'A').target).toBe(1000);
  });
  it('seasonality without last year’s data splits evenly, with a warning', () => {
    const res = run('2027-11');
    expect(tgt(res, 'A').target).toBe(10000);
    expect(
      res.issues.some((i) =>
        i.reason.startsWith("metric revenue: a year's or quarter's target is split evenly into months, not by seasonality: no data one year earlier"),
      ),
    ).toBe(true);
  });
});
