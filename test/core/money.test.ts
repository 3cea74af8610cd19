import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clean15,
  clean15ByDigits,
  roundComponents,
  roundHalfAwayFromZero,
  roundHalfAwayFromZeroByDigits,
  roundToUnits,
  roundToUnitsByDigits,
  toMinorUnits,
} from '../../src/core/money.js';
import { fixed, pct, trimmed } from '../../src/core/format.js';

describe('rounding like Excel ROUND', () => {
  it('rounds 1.005 to 1.01 (binary 1.00499… seen as 1.005 at 15 digits)', () => {
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
  });
  it('rounds halves away from zero', () => {
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3);
    expect(roundHalfAwayFromZero(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.68); // toFixed gives 2.67
    expect(roundHalfAwayFromZero(1.004999, 2)).toBe(1);
  });
  it('0.1 + 0.2 = 0.30000000000000004 rounds to 0.3', () => {
    expect(roundHalfAwayFromZero(0.1 + 0.2, 2)).toBe(0.3);
    expect(clean15(0.1 + 0.2)).toBe(0.3);
  });
  it('handles large, tiny, zero and non-finite values', () => {
    expect(roundToUnits(123456789.125, 2)).toBe(12345678913);
    expect(roundToUnits(1e-9, 2)).toBe(0);
    expect(roundToUnits(0.005, 2)).toBe(1); // 0.005 → 0.01
    expect(roundToUnits(-0.004, 2)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-0.001, 2), 0)).toBe(true); // never -0
    expect(roundToUnits(NaN, 2)).toBe(0);
    expect(roundToUnits(1234.5, 0)).toBe(1235);
    expect(roundHalfAwayFromZero(1250, -2)).toBe(1300);
  });
  it('converts currency units to exact minor units', () => {
    expect(toMinorUnits(1.1, 2)).toBe(110); // 1.1 × 100 = 110.00000000000001 in binary
    expect(toMinorUnits(19.99, 2)).toBe(1999);
  });
});

describe('rounding without strings agrees with rounding by digits', () => {
  // roundToUnits takes a shortcut (no decimal strings) for values far from a half unit; it must give what the
  // digits give for every number, above all for those at or next to a half (1.005, 2.675, k + 0.5 ± a few ulps).
  const agree = (x: number, places: number): void => {
    expect(roundToUnits(x, places), `roundToUnits(${x}, ${places})`).toBe(roundToUnitsByDigits(x, places));
    expect(roundHalfAwayFromZero(x, places), `roundHalfAwayFromZero(${x}, ${places})`).toBe(roundHalfAwayFromZeroByDigits(x, places));
  };
  const places = fc.integer({ min: 0, max: 6 });
  /** A decimal with up to 8 places, an exact half of the last place added or not, nudged by a few ulps. */
  const nearHalves = fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.integer({ min: -4, max: 4 }))
    .map(([k, d, half, ulps]) => {
      let x = (k + (half ? 0.5 : 0)) / 10 ** d;
      for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
      return x;
    });

  it('on any number', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), places, agree), { numRuns: 5_000 });
  });
  it('on money-sized amounts', () => {
    fc.assert(fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), places, agree), { numRuns: 5_000 });
  });
  it('at and next to a half unit', () => {
    fc.assert(fc.property(nearHalves, places, agree), { numRuns: 20_000 });
    for (const x of [1.005, 2.675, 1.115, 0.125, 0.285, 1e-9, 0.005, 4.35, 8.345, 1234.5, 0.5, 1.5, 2.5, 999999999999.5]) {
      for (let p = 0; p <= 4; p++) {
        agree(x, p);
        agree(-x, p);
      }
    }
  });
});

describe('clean15 without strings agrees with clean15 by digits', () => {
  // clean15 returns x itself, without toPrecision, when x is already the number of a decimal of at most 15
  // significant digits; it must give what the digits give for every number, above all for decimals of 15 and 16
  // digits, their neighbours a few ulps away, and powers of ten (where the number of digits changes).
  const agree = (x: number): void => {
    expect(Object.is(clean15(x), clean15ByDigits(x)), `clean15(${x}) = ${clean15(x)}, by digits ${clean15ByDigits(x)}`).toBe(true);
  };
  const nudged = (x: number, ulps: number): number => {
    for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
    return x;
  };
  /** k × 10^-d for k of up to 16 digits, nudged by a few ulps. */
  const decimals = fc
    .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: -10, max: 25 }), fc.integer({ min: -3, max: 3 }))
    .map(([k, d, ulps]) => nudged(Number(`${k}e${-d}`), ulps));

  it('on any number', () => {
    fc.assert(fc.property(fc.double(), agree), { numRuns: 4_000 });
  });
  it('on decimals of up to 16 digits and their neighbours', () => {
    fc.assert(fc.property(decimals, agree), { numRuns: 10_000 });
  });
  it('on values it returned, amounts in cents, ratios, and powers of ten', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), (x) => {
        agree(x);
        agree(clean15ByDigits(x));
        agree(Math.round(x * 100) / 100);
        agree(x / 7);
      }),
      { numRuns: 4_000 },
    );
    for (let e = -330; e <= 310; e++) for (const u of [-2, -1, 0, 1, 2]) for (const s of [1, -1]) agree(s * nudged(Number(`1e${e}`), u));
    for (const x of [0, -0, NaN, Infinity, -Infinity, 0.1 + 0.2, 1e15 - 1, 1e15, 1e15 + 1, 999999999999999.4, 1e-7, 9.99999999999999e-8, 5e-324]) agree(x);
  });
});

/** The next number above x (x finite). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] = i[0]! + (x > 0 ? 1n : -1n);
  return b[0]!;
}

describe('rounded components add up to the rounded payout', () => {
  it('leaves already consistent figures alone', () => {
    // 1000.004 + 200.004 − 0 = 1200.008 → payout 1200.01; parts 1000.00 + 200.00 = 1200.00, one cent short:
    // the cent goes to the part whose rounding lost most (both lost 0.4 cent; tie → bonus).
    const r = roundComponents({ bonus: 1000.004, commission: 200.004, deductions: 0 }, 1200.008, 2);
    expect(r).toEqual({ bonus: 1000.01, commission: 200, deductions: 0, payout: 1200.01 });
    expect(Math.round(r.bonus * 100) + Math.round(r.commission * 100) - Math.round(r.deductions * 100)).toBe(Math.round(r.payout * 100));
  });
  it('takes a cent back from the component that gained most from rounding', () => {
    // 0.005 + 0.005 = 0.01 → payout 0.01; each part rounds up to 0.01 (sum 0.02): the extra cent comes off the
    // bonus (both gained 0.5 cent; tie → bonus).
    expect(roundComponents({ bonus: 0.005, commission: 0.005, deductions: 0 }, 0.01, 2)).toEqual({ bonus: 0, commission: 0.01, deductions: 0, payout: 0.01 });
  });
  it('adjusts the deduction when that is where the remainder is largest', () => {
    // 100.004 + 0 − 0.006 = 99.998 → 100.00; parts 100.00 − 0.01 = 99.99: one cent short. Bonus lost 0.4 cent,
    // the deduction gained 0.4 cent (0.006 → 0.01): tie → bonus goes up to 100.01.
    const r = roundComponents({ bonus: 100.004, commission: 0, deductions: 0.006 }, 99.998, 2);
    expect(r.bonus + r.commission - r.deductions).toBeCloseTo(r.payout, 10);
    expect(r.payout).toBe(100);
    // 100.001 − 0.007 = 99.994 → 99.99; parts 100.00 − 0.01 = 99.99: nothing to do.
    expect(roundComponents({ bonus: 100.001, commission: 0, deductions: 0.007 }, 99.994, 2)).toEqual({
      bonus: 100,
      commission: 0,
      deductions: 0.01,
      payout: 99.99,
    });
  });
  it('works with no minor unit (JPY)', () => {
    // 100.5 + 200.5 = 301 → parts 101 + 201 = 302: one yen off the bonus (tie).
    expect(roundComponents({ bonus: 100.5, commission: 200.5, deductions: 0 }, 301, 0)).toEqual({ bonus: 100, commission: 201, deductions: 0, payout: 301 });
  });
});

describe('number formatting for steps', () => {
  it('groups thousands and rounds like Excel', () => {
    expect(fixed(48250, 2)).toBe('48,250.00');
    expect(fixed(-1234567.891, 2)).toBe('-1,234,567.89');
    expect(fixed(1.005, 2)).toBe('1.01');
    expect(fixed(0.5, 0)).toBe('1');
    expect(trimmed(60000)).toBe('60,000');
    expect(trimmed(4.5)).toBe('4.5');
    expect(pct(0.80416)).toBe('80.42%');
    expect(pct(0.4)).toBe('40%');
    expect(fixed(999, 0)).toBe('999');
    expect(fixed(1000, 0)).toBe('1,000');
    expect(fixed(123456789012, 1)).toBe('123,456,789,012.0');
    expect(trimmed(100)).toBe('100');
    expect(trimmed(100.1)).toBe('100.1');
    expect(trimmed(0.001)).toBe('0');
  });

  // group and trimmed work by slices and char codes (a 1M-row run formats every rep's steps); the code with the
  // regular expressions they replaced, kept here, is the rule.
  const before = {
    fixed(x: number, places: number): string {
      if (!Number.isFinite(x)) return String(x);
      const group = (d: string) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      const units = roundToUnits(x, places);
      const neg = units < 0;
      let s = String(Math.abs(units));
      if (s.includes('e')) return String(x);
      if (places > 0) {
        s = s.padStart(places + 1, '0');
        s = `${group(s.slice(0, -places))}.${s.slice(-places)}`;
      } else s = group(s);
      return neg ? `-${s}` : s;
    },
    trimmed(x: number, places: number): string {
      const s = before.fixed(x, places);
      return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
    },
  };
  it('thousands grouped and trailing zeros dropped as the regular expressions did, for any number', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 100),
      fc.integer({ min: -1e15, max: 1e15 }),
      fc.constantFrom(0, -0, 1e21, -1.2e100, -1.7e306, 999.995, 1000, 999999.5, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (x, places) => {
        expect(fixed(x, places)).toBe(before.fixed(x, places));
        expect(trimmed(x, places)).toBe(before.trimmed(x, places));
      }),
      { numRuns: 5000 },
    );
  });
});
