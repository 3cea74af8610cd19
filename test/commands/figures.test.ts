// The last line of defence (issue 9, item 6): no figure that is not finite, or too large to be exact, reaches an output.
import { describe, expect, test } from 'vitest';
import { insaneFigure } from '../../src/commands/figures.js';
import { makeFixture } from '../output/fixture.js';

describe('insaneFigure', () => {
  test('a sane run passes', () => {
    expect(insaneFigure(makeFixture())).toBeUndefined();
  });

  test('base bonus 1e308: the payout is ∞, which no output may show ($∞, null in JSON, a $0.00 subtotal)', () => {
    const r = makeFixture();
    const a = r.reps[0]!;
    r.reps[0] = { ...a, rep: { ...a.rep, baseBonus: 1e308 }, proratedBase: 1e308, bonus: Infinity, payout: Infinity };
    expect(insaneFigure(r)).toBe(`rep ${a.rep.id}: base bonus is 1e+308, more than can be kept exact to the cent (10,000,000,000,000) (and 3 more)`);
  });

  test('money is checked in minor units: 10^13 dollars is the most at 2 decimals, 10^15 yen at 0', () => {
    const r = makeFixture();
    r.totalPayout = 1e13;
    expect(insaneFigure(r)).toBeUndefined();
    r.totalPayout = 1e13 + 1;
    expect(insaneFigure(r)).toMatch(/^total payout is 10,000,000,000,001, more than/);
    r.currency = { ...r.currency, minorUnit: 0 };
    expect(insaneFigure(r)).toBeUndefined();
  });

  test('a non-finite score, achievement or actual; a money actual past exact cents', () => {
    const r = makeFixture();
    r.reps[1]!.metrics[0]!.achievement = NaN;
    expect(insaneFigure(r)).toMatch(/: revenue achievement is not a number$/);
    const s = makeFixture();
    s.reps[2]!.metrics[0]!.actual = 2e13;
    expect(insaneFigure(s)).toBeUndefined();
    expect(insaneFigure(s, new Map([['revenue', 'money']]))).toMatch(/: revenue actual is 20,000,000,000,000, more than can be kept exact to the cent/);
    s.reps[2]!.metrics[0]!.actual = -Infinity;
    expect(insaneFigure(s)).toMatch(/: revenue actual is −∞, outside ±1,000,000,000,000,000$/);
  });

  test('no data (null) is not a problem', () => {
    const r = makeFixture();
    for (const m of r.reps[0]!.metrics) {
      m.actual = null;
      m.achievement = null;
    }
    expect(insaneFigure(r)).toBeUndefined();
  });
});
