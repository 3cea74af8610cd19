import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayToIso,
  daysFromCivil,
  moneyFromNumber,
  newNote,
  parseDateText,
  parseMoneyText,
  parseNumberText,
  serialToDay,
} from '../../src/reading/values.js';

function num(text: string, decimal: '.' | ',' = '.') {
  const note = newNote();
  return { v: parseNumberText(text, decimal, note), error: note.error };
}
function money(text: string, scale = 2, decimal: '.' | ',' = '.') {
  const note = newNote();
  return { v: parseMoneyText(text, decimal, scale, note), error: note.error, warning: note.warning };
}
function date(text: string, order: 'ymd' | 'mdy' | 'dmy' = 'ymd') {
  const note = newNote();
  const v = parseDateText(text, order, note);
  return { iso: Number.isNaN(v) ? null : dayToIso(v), error: note.error };
}

describe('numbers', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['  -5 ', -5],
    ['¥1,234', 1234],
    ['$1,234', 1234],
    ['￥1,234.5', 1234.5],
    ['(1,234)', -1234],
    ['-$1,234.50', -1234.5],
    ['12%', 0.12],
    ['12.5 %', 0.125],
    ['1.5E+3', 1500],
    ['1 234 567', 1234567],
    ['.5', 0.5],
  ])('%s → %s', (text, want) => {
    expect(num(text)).toEqual({ v: want, error: null });
  });

  it('reads a decimal comma only where the scheme says so', () => {
    expect(num('1 234,56', ',')).toEqual({ v: 1234.56, error: null });
    expect(num('1.234,56', ',')).toEqual({ v: 1234.56, error: null });
    expect(num('1.5', ',').error).toBe('"1.5" has misplaced thousands separators (".")');
  });

  it('a blank is not an error', () => {
    expect(Number.isNaN(num('   ').v)).toBe(true);
    expect(num('   ').error).toBeNull();
  });

  it.each([
    ['1.2.3', '"1.2.3" has more than one decimal point'],
    ['--5', '"--5" has more than one sign'],
    ['NaN', '"NaN" is not a number'],
    ['Infinity', '"Infinity" is not a number'],
    ['1e400', '"1e400" is too large to be a number'],
    ['12abc', '"12abc" is not a number'],
    ['1,23,456', '"1,23,456" has misplaced thousands separators (",")'],
    ['$', '"$" is not a number'],
  ])('rejects %s', (text, reason) => {
    const r = num(text);
    expect(Number.isNaN(r.v)).toBe(true);
    expect(r.error).toBe(reason);
  });
});

describe('money in exact minor units', () => {
  it.each([
    ['0.1', 10], // not 0.1 * 100 = 10.000000000000002
    ['1,234.56', 123456],
    ['¥1,234', 123400],
    ['(1,234.5)', -123450],
    ['-0.07', -7],
    ['1.005', 101], // 100.5 cents: half away from zero
    ['-1.005', -101],
    ['2.675', 268], // the float 2.675 is 2.67499999…; the decimal string rounds up
    ['1.5E+3', 150000],
  ])('%s → %d cents', (text, cents) => {
    expect(money(text).v).toBe(cents);
  });

  it('warns (but keeps the row) when there are more decimals than the currency has', () => {
    expect(money('1.005')).toEqual({ v: 101, error: null, warning: '"1.005" has more than 2 decimal places; rounded to 1.01' });
    expect(money('0.1').warning).toBeNull();
  });

  it('scale 0 (JPY): ¥1,234.5 rounds to 1235 yen', () => {
    expect(money('¥1,234.5', 0).v).toBe(1235);
  });

  it('rejects a percentage and amounts too large to be exact', () => {
    expect(money('12%').error).toBe('"12%" is a percentage, not an amount of money');
    expect(money('123456789012345678').error).toBe('"123456789012345678" is too large to keep exact to the cent');
  });

  it('property: any whole number of cents survives as text and as a workbook number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (cents) => {
        const text = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
        const note = newNote();
        expect(parseMoneyText(text, '.', 2, note)).toBe(cents);
        expect(moneyFromNumber(Number(text), 2, note)).toBe(cents);
        expect(note).toEqual({ error: null, warning: null });
      }),
    );
  });

  it('workbook numbers: float noise is not a warning, real extra decimals are', () => {
    const note = newNote();
    expect(moneyFromNumber(0.1 + 0.2, 2, note)).toBe(30); // 0.30000000000000004
    expect(note.warning).toBeNull();
    expect(moneyFromNumber(12.345, 2, note)).toBe(1235);
    expect(note.warning).toBe('"12.345" has more than 2 decimal places; rounded to 12.35');
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-01', '2026-11-01'],
    ['2026/11/1', '2026-11-01'],
    ['2026-11-01T10:00:00', '2026-11-01'],
    ['2026-11-01 23:59:59', '2026-11-01'],
    ['2026年11月1日', '2026-11-01'],
    ['20261101', '2026-11-01'],
    ['46327', '2026-11-01'], // Excel serial: 46327 − 25569 = 20758 days after 1970-01-01
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(date(text)).toEqual({ iso, error: null });
  });

  it('slashed day/month dates need date_order', () => {
    expect(date('11/01/2026')).toEqual({
      iso: null,
      error: '"11/01/2026" could be month/day or day/month; set date_order (mdy or dmy) for this source',
    });
    expect(date('11/01/2026', 'mdy').iso).toBe('2026-11-01');
    expect(date('11/01/2026', 'dmy').iso).toBe('2026-01-11');
    expect(date('13/01/2026', 'mdy').error).toBe('"13/01/2026" is not a valid date (read as month/day/year)');
  });

  it.each([
    ['2026-02-30', '"2026-02-30" is not a valid date'],
    ['2025-02-29', '"2025-02-29" is not a valid date'],
    ['2026-13-01', '"2026-13-01" is not a valid date'],
    ['2026-1a-01', '"2026-1a-01" is not a date'],
    ['2026-:1-01', '"2026-:1-01" is not a date'], // ':' is the character after '9'
    ['1899-12-31', '"1899-12-31" is not a valid date'],
    ['1/2/26', '"1/2/26" has a two-digit year; write the year in full'],
    ['2026', '"2026" is not a date'],
    ['next week', '"next week" is not a date'],
  ])('rejects %s', (text, reason) => {
    expect(date(text)).toEqual({ iso: null, error: reason });
  });

  it('Excel serials in both date systems, with the phantom 1900-02-29', () => {
    const note = newNote();
    expect(dayToIso(serialToDay(1, false, note))).toBe('1900-01-01');
    expect(dayToIso(serialToDay(59, false, note))).toBe('1900-02-28');
    expect(dayToIso(serialToDay(61, false, note))).toBe('1900-03-01');
    expect(dayToIso(serialToDay(46327.75, false, note))).toBe('2026-11-01'); // the time of day is dropped
    // 1904 system: serial 0 = 1904-01-01, so 1904 serials are 1462 smaller for the same day.
    expect(dayToIso(serialToDay(46327 - 1462, true, note))).toBe('2026-11-01');
    expect(note.error).toBeNull();
    expect(Number.isNaN(serialToDay(60, false, note))).toBe(true);
    expect(note.error).toBe('serial 60 is 1900-02-29, a day that does not exist');
  });

  it('day numbers round-trip', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 11, 1)).toBe(20758);
    for (let d = -30000; d < 80000; d += 997) expect(daysFromCivil(...(dayToIso(d).split('-').map(Number) as [number, number, number]))).toBe(d);
  });
});
