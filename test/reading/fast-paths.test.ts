// The fast paths, for money (plainMoney: signs, brackets, the scheme's symbol, thousands groups) and for dates
// (isoDayFast), read straight from the text and only ever answer what the general rules answer: same value, no
// error, no warning, the same word about the decimal separator. What they are not sure of, they leave to the rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDayFast, newNote, parseMoneyGeneral, plainMoney, SEP_DOT, symbolCode, type NumberStyle } from '../../src/reading/values.js';

const styles: NumberStyle[] = [
  { decimal: '.', declared: true, currency: { code: 'USD', symbol: '$' } },
  { decimal: '.', declared: false, currency: { code: 'USD', symbol: '$' } },
  { decimal: ',', declared: true, currency: { code: 'EUR', symbol: '€' } },
  { decimal: '.', declared: true, currency: { code: 'CNY', symbol: '¥' } },
];

function fast(text: string, style: NumberStyle, scale: number): number {
  const point = style.decimal === '.' ? 46 : 44;
  return plainMoney(text, 0, text.length, point, scale, style.decimal === '.' ? 44 : 46, symbolCode(style.currency), style.declared);
}

/** Holds one text to the rules; returns whether the fast path answered. */
function agrees(text: string, style: NumberStyle, scale: number): boolean {
  const v = fast(text, style, scale);
  if (Number.isNaN(v)) return false;
  const note = newNote();
  const general = parseMoneyGeneral(text, style, scale, note);
  expect({ text, v, error: note.error?.text ?? null, warning: note.warning?.text ?? null }).toEqual({ text, v: general, error: null, warning: null });
  // Undeclared: the only thing a fast value may say about the separator is "a decimal point" (when it has one).
  if (!style.declared) expect(note.sep, text).toBe(text.includes('.') ? SEP_DOT : 0);
  return true;
}

describe('money fast path', () => {
  it('reads what exports write, as the rules do', () => {
    const us = styles[0]!;
    for (const t of ['0', '5', '12.5', '1,234.56', '$1,234.56', '-$1,234.56', '(1,234.56)', '($5.00)', '1,234,567.89', '999', '-0.00']) {
      expect(agrees(t, us, 2), t).toBe(true);
    }
    expect(fast('(1,234.56)', us, 2)).toBe(-123456);
    expect(fast('$1,234,567.89', us, 2)).toBe(123456789);
    expect(agrees('1.234,56', styles[2]!, 2)).toBe(true);
    expect(fast('1.234,56', styles[2]!, 2)).toBe(123456);
  });

  it('leaves to the rules what it cannot be sure of', () => {
    const us = styles[0]!;
    const undeclared = styles[1]!;
    for (const t of [
      '',
      ' 5',
      '5 ',
      '1,23.00',
      '12,34',
      '0,123',
      '012,345',
      '1,2345',
      '1,234,56',
      '.5',
      '5.',
      '5.001',
      '$-5',
      '(-5)',
      '(5',
      '5)',
      '€5',
      '1e3',
      '5%',
      '12,4O0.00',
      '$',
      '()',
      '-',
      '1234567890123456',
      '+5',
      '1 234',
    ]) {
      expect(Number.isNaN(fast(t, us, 2)), t).toBe(true);
    }
    // Undeclared separator: 1,500 may be 1.5 written with a decimal comma.
    expect(Number.isNaN(fast('1,500', undeclared, 2))).toBe(true);
    expect(fast('1,500', us, 2)).toBe(150000);
    // Another currency's symbol is the rules' to report.
    expect(Number.isNaN(fast('$5', styles[3]!, 2))).toBe(true);
  });

  it('agrees with the rules on any text made of digits, marks, signs and symbols', () => {
    const chars = fc.constantFrom('0', '1', '2', '5', '9', '0', '3', ',', '.', '$', '€', '¥', '(', ')', '-', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }), fc.constantFrom(...styles), fc.constantFrom(0, 2, 3), (cs, style, scale) => {
        agrees(cs.join(''), style, scale);
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers for well-formed amounts of any size (the rules agreeing)', () => {
    const group = (n: number, sep: string): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.boolean(),
        fc.constantFrom('', '$'),
        fc.constantFrom('plain', 'neg', 'brackets'),
        (cents, grouped, sym, sign) => {
          const us = styles[0]!;
          const body = `${sym}${grouped ? group(Math.floor(cents / 100), ',') : Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
          const text = sign === 'neg' ? `-${body}` : sign === 'brackets' ? `(${body})` : body;
          expect(agrees(text, us, 2), text).toBe(true);
          expect(fast(text, us, 2)).toBe(sign === 'plain' || cents === 0 ? cents : -cents);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('date fast path', () => {
  // The year-first shapes of parseDateText: ISO with '-', or '/' and '.' in either place; 1–2 digit month/day.
  const oracle = (t: string): number | 'invalid' | null => {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(t);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return 'invalid';
    return ms / 86_400_000;
  };

  it('reads exactly the year-first dates, as the patterns do', () => {
    const chars = fc.constantFrom('0', '1', '2', '3', '9', '-', '/', '.', ' ', 'x');
    const shaped = fc
      .tuple(
        fc.integer({ min: 1800, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('-', '/', '.'),
        fc.constantFrom('-', '/', '.'),
        fc.boolean(),
      )
      .map(([y, m, d, a, b, pad]) => `${y}${a}${pad ? String(m).padStart(2, '0') : m}${b}${pad ? String(d).padStart(2, '0') : d}`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(chars, { maxLength: 12 }).map((c) => c.join('')),
          shaped,
        ),
        (t) => {
          const note = newNote();
          const v = isoDayFast(t, 0, t.length, note);
          const want = oracle(t);
          if (want === null) expect({ t, v, e: note.error?.text ?? null }).toEqual({ t, v: Number.NaN, e: null });
          else if (want === 'invalid') expect({ t, v, e: note.error?.text ?? null }).toEqual({ t, v: Number.NaN, e: `"${t}" is not a valid date` });
          else expect({ t, v }).toEqual({ t, v: want });
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('yyyy-mm-dd by table (1900–2299) and beyond it: every day of the edge years, as the calendar says', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1890, max: 1910 }), fc.integer({ min: 1995, max: 2035 }), fc.integer({ min: 2290, max: 2310 })),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const t = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const note = newNote();
          const v = isoDayFast(t, 0, t.length, note);
          const want = oracle(t);
          if (want === 'invalid') expect({ t, v, e: note.error?.text ?? null }).toEqual({ t, v: Number.NaN, e: `"${t}" is not a valid date` });
          else expect({ t, v }).toEqual({ t, v: want });
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
