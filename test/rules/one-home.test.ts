// Drifts between copies of one rule (issue #11): each test here failed while the copies existed.
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero } from '../../src/core/money.js';
import { isoFromDay } from '../../src/core/period.js';
import * as fmt from '../../src/core/format.js';
import * as numbers from '../../src/output/numbers.js';
import { dayToIso as valuesDayToIso } from '../../src/reading/values.js';
import { lit, round } from '../../src/core/formula.js';
import { toJsonValue } from '../../src/output/formats.js';
import { scoreRun } from '../../src/core/score.js';
import { linearBonus, metric, model, period, rep, source, table, target } from '../core/helpers.js';

/**
 * Excel's ROUND as the spec defines it, with exact integer arithmetic: take |x| to 15 significant digits (as a
 * decimal string), round that decimal half away from zero to `places`, read the result back as a number.
 */
function reference(x: number, places: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const [mant = '0', expText = '0'] = Math.abs(x).toExponential(14).split('e');
  const digits = BigInt(mant.replace('.', '')); // 15 digits
  const exp = Number(expText) - 14; // |x| ≈ digits × 10^exp
  const shift = exp + places;
  let units: bigint;
  if (shift >= 0) units = digits * 10n ** BigInt(shift);
  else {
    const q = 10n ** BigInt(-shift);
    units = (digits + q / 2n) / q;
  }
  if (units === 0n) return 0;
  return Number(`${x < 0 ? '-' : ''}${units}e${-places}`);
}

/** Deterministic values: ordinary money, halves at the cent, and amounts ≥ 1e12. */
function* values(n: number): Generator<number> {
  let seed = 20261130;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const sign = rnd() < 0.2 ? -1 : 1;
    if (kind === 0)
      yield (sign * Math.round(rnd() * 1e9)) / 1000; // three decimals: many exact halves
    else if (kind === 1) yield sign * (Math.floor(rnd() * 1e6) + 0.005 + Math.floor(rnd() * 100) / 100);
    else if (kind === 2)
      yield sign * (1e12 + rnd() * 9e14); // ≥ 1e12
    else yield sign * rnd() * 10 ** Math.floor(rnd() * 16 - 4);
  }
}

describe('one Excel-style rounding', () => {
  // 500k values (the old pair of roundings disagreed on ~1 in 600 of them ≥ 1e12): enough to catch it, quick on a busy machine.
  it('roundHalfAwayFromZero is exact on 500k values, 125k of them ≥ 1e12', () => {
    let big = 0;
    let k = 0;
    const bad: string[] = [];
    for (const x of values(500_000)) {
      if (Math.abs(x) >= 1e12) big++;
      for (const places of k++ % 10 === 0 ? [2, 0] : [2]) {
        const got = roundHalfAwayFromZero(x, places);
        const want = reference(x, places);
        if (got !== want && bad.length < 5) bad.push(`${x} to ${places}: ${got}, expected ${want}`);
      }
    }
    expect(bad).toEqual([]);
    expect(big).toBeGreaterThanOrEqual(125_000);
  });

  it('the outputs and the spreadsheet formulas round with it', () => {
    const bad: string[] = [];
    for (const x of values(200_000)) {
      const want = roundHalfAwayFromZero(x, 2);
      if (round(lit(x), 2).v !== want && bad.length < 5) bad.push(`ROUND(${x}, 2)`);
      if (numbers.formatMoney(x, { code: 'USD', minorUnit: 2, symbol: '' }) !== fmt.fixed(want, 2) && bad.length < 5) bad.push(`formatMoney(${x})`);
    }
    expect(bad).toEqual([]);
  });
});

describe('one day → ISO date converter', () => {
  it('is the core one everywhere, right for years 1 to 9999 and beyond', () => {
    // The outputs and the readers use the core's converter; none has its own.
    expect((numbers as Record<string, unknown>).dayToIso ?? isoFromDay).toBe(isoFromDay);
    expect(valuesDayToIso).toBe(isoFromDay);
    expect(isoFromDay(0)).toBe('1970-01-01');
    expect(isoFromDay(-719162)).toBe('0001-01-01');
    expect(isoFromDay(2932896)).toBe('9999-12-31');
    expect(isoFromDay(2932897)).toBe('10000-01-01'); // Date#toISOString gives "+010000-01-01"
  });
});

describe('one percentage format', () => {
  it('explain steps and tables write percentages alike', () => {
    expect(fmt.pct(0.80416)).toBe('80.42%');
    expect(numbers.formatPercent(0.80416, 2)).toBe(fmt.pct(0.80416));
    expect(numbers.formatPercent(0.825)).toBe('82.5%');
  });
});

describe('JSON numbers without float noise', () => {
  it('a linear multiplier is written as a spreadsheet shows it (15 significant digits)', () => {
    const linear = linearBonus({
      points: [
        { score: 1, multiplier: 1 },
        { score: 1.2, multiplier: 1.5 },
      ],
    });
    const rev = metric(
      'rev',
      { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
      { target: target({ default: 300 }), scoring: { method: 'ratio', cap: 2 } },
    );
    const sales = table('sales', { rep: ['string', ['A']], date: ['date', ['2026-11-10']], amount: ['money', [350.01]] });
    const result = scoreRun({
      model: model({ sources: [source('sales')], metrics: [rev], weights: { ae: { rev: 1 } }, bonus: linear }),
      period: period('2026-11'),
      reps: [rep('A')],
      tables: new Map([['sales', sales]]),
    });
    const noisy = 1 + ((350.01 / 300 - 1) / 0.2) * 0.5;
    expect(String(noisy).replace(/\D/g, '').replace(/^0+/, '').length).toBeGreaterThan(15); // the raw arithmetic is noisy
    const json = toJsonValue(result).reps[0]!;
    expect(json.multiplier).toBe(Number(noisy.toPrecision(15)));
    for (const x of [json.multiplier, json.totalScore, json.metrics[0]!.achievement, json.metrics[0]!.score]) {
      expect(String(x).replace(/\D/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(15);
    }
  });
});

describe('the metrics a metric reads: one rule per kind', () => {
  // It was written twice (scheme cycle check, "counts for nobody's pay"), each with a default: that made a new
  // kind read nothing. Now each kind's module says it, in order of first use.
  it('ratio, derived and growth name the metrics they read; aggregate and input none', async () => {
    const { metricsRead } = await import('../../src/core/rules/metrics/index.js');
    const { parseFormula } = await import('../../src/scheme/formula.js');
    const parsed = parseFormula('won / (lost + won) * 100 + max(lost, calls)');
    if (!('expr' in parsed)) throw new Error(parsed.problem.text);
    const agg = { source: 's', fn: 'sum' as const, column: 'x', filter: [] };
    expect(metricsRead(metric('d', { kind: 'derived', formula: parsed.expr, text: '' }))).toEqual(['won', 'lost', 'calls']);
    expect(metricsRead(metric('r', { kind: 'ratio', numerator: { metric: 'won' }, denominator: agg }))).toEqual(['won']);
    expect(metricsRead(metric('g', { kind: 'growth', metric: 'won', compare: 'previous_period' }))).toEqual(['won']);
    expect(metricsRead(metric('a', { kind: 'aggregate', ...agg }))).toEqual([]);
  });
});
