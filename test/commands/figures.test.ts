// The last line of defence (issue 9, item 6): no figure that is not finite, or too large to be exact, reaches an output.
import { describe, expect, test } from 'vitest';
import { insaneFigure as found } from '../../src/commands/figures.js';
import { problemText, translator } from '../../src/messages/index.js';
import { makeFixture } from '../output/fixture.js';

/** The problem's English text, as the run prints it after its code KPI1204. */
const insaneFigure = (...args: Parameters<typeof found>): string | undefined => {
  const p = found(...args);
  if (p === undefined) return undefined;
  expect(p.code).toBe('KPI1204');
  return p.text.replace(/: a figure this large .*$/, '');
};

describe('insaneFigure', () => {
  test('a sane run passes', () => {
    expect(insaneFigure(makeFixture())).toBeUndefined();
  });

  test('base bonus 1e308: the payout is ∞, which no output may show ($∞, null in JSON, a $0.00 subtotal)', () => {
    const r = makeFixture();
    const a = r.reps[0]!;
    r.reps[0] = { ...a, rep: { ...a.rep, baseBonus: 1e308 }, proratedBase: 1e308, bonus: Infinity, payout: Infinity };
    expect(insaneFigure(r)).toBe(`rep ${a.rep.id}: base bonus is 1e+308, more than can be kept exact to the cent (10,000,000,000,000) (4 figures in all)`);
  });

  test('money is checked in minor units: 10^13 dollars is the most at 2 decimals, 10^15 yen at 0', () => {
    const r = makeFixture();
    r.totalPayout = 1e13;
    expect(insaneFigure(r)).toBeUndefined();
    r.totalPayout = 1e13 + 1;
    expect(insaneFigure(r)).toMatch(/^the run: total payout is 10,000,000,000,001, more than/);
    r.currency = { ...r.currency, minorUnit: 0 };
    expect(insaneFigure(r)).toBeUndefined();
  });

  test('a non-finite score, achievement or actual; a money actual past exact cents', () => {
    const r = makeFixture();
    r.reps[1]!.metrics[0]!.achievement = NaN;
    expect(insaneFigure(r)).toMatch(/: revenue achievement is not a number \(1 figure in all\)$/);
    const s = makeFixture();
    s.reps[2]!.metrics[0]!.actual = 2e13;
    expect(insaneFigure(s)).toBeUndefined();
    expect(insaneFigure(s, new Map([['revenue', 'money']]))).toMatch(/: revenue actual is 20,000,000,000,000, more than can be kept exact to the cent/);
    s.reps[2]!.metrics[0]!.actual = -Infinity;
    expect(insaneFigure(s)).toMatch(/: revenue actual is −∞ \(1 figure in all\)$/);
  });

  test('no data (null) is not a problem', () => {
    const r = makeFixture();
    for (const m of r.reps[0]!.metrics) {
      m.actual = null;
      m.achievement = null;
    }
    expect(insaneFigure(r)).toBeUndefined();
  });

  test("in Chinese: whose figure, which and why, in the run's language, with the code", () => {
    const r = makeFixture();
    r.reps[1]!.metrics[0]!.actual = 2e13;
    const p = found(r, new Map([['revenue', 'money']]))!;
    expect(p.code).toBe('KPI1204');
    expect(problemText(p, '', translator('zh-CN'))).toMatch(
      new RegExp(`^销售 ${r.reps[1]!.rep.id}：revenue 的实际值为 20,000,000,000,000，超出了能精确到分的范围（10,000,000,000,000）（共 \\d+ 个数字）：`),
    );
  });
});
