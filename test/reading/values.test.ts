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
  SEP_COMMA,
  SEP_DOT,
  SEP_GUESS,
  type NumberStyle,
} from '../../src/reading/values.js';

/** A declared separator (no guessing), in a scheme whose currency is `code`. */
const style = (decimal: '.' | ',' = '.', code = 'USD', symbol = '$'): NumberStyle => ({ decimal, declared: true, currency: { code, symbol } });
function num(text: string, decimal: '.' | ',' = '.', code = 'USD') {
  const note = newNote();
  return { v: parseNumberText(text, style(decimal, code, code === 'CNY' ? '¥' : '$'), note), error: note.error?.text ?? null };
}
function money(text: string, scale = 2, decimal: '.' | ',' = '.', code = 'USD') {
  const note = newNote();
  return {
    v: parseMoneyText(text, style(decimal, code, code === 'CNY' || code === 'JPY' ? '¥' : '$'), scale, note),
    error: note.error?.text ?? null,
    warning: note.warning?.text ?? null,
  };
}
function date(text: string, order: 'ymd' | 'mdy' | 'dmy' = 'ymd') {
  const note = newNote();
  const v = parseDateText(text, order, note);
  return { iso: Number.isNaN(v) ? null : dayToIso(v), error: note.error?.text ?? null };
}

describe('numbers', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['  -5 ', -5],
    ['$1,234', 1234],
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
    ['1e400', '"1e400" is too large to be a number here (beyond ±9,007,199,254,740,991)'],
    ['12abc', '"12abc" holds the letter "a": not a number'],
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
    ['$1,234', 123400],
    ['(1,234.5)', -123450],
    ['-0.07', -7],
    ['1.005', 101], // 100.5 cents: half away from zero
    ['-1.005', -101],
    ['2.675', 268], // the float 2.675 is 2.67499999…; the decimal string rounds up
  ])('%s → %d cents', (text, cents) => {
    expect(money(text).v).toBe(cents);
  });

  it('warns (but keeps the row) when there are more decimals than the currency has', () => {
    expect(money('1.005')).toEqual({ v: 101, error: null, warning: '"1.005" has more than 2 decimal places; rounded to 1.01' });
    expect(money('0.1').warning).toBeNull();
  });

  it('refuses an amount in scientific notation (KPI2165), as Excel saves a number too wide for its column: the amount is lost', () => {
    const lost =
      '"1.23457E+11" is an amount in scientific notation, as Excel shows a number that does not fit its column: only the digits shown were saved, so the amount itself is lost';
    expect(money('1.23457E+11')).toEqual({ v: NaN, error: lost, warning: null });
    // Exact or not, every amount so written is refused alike: 1.5E+3 in a Scientific format may be 1,503.
    for (const t of ['1.5E+3', '1.5e3', '-2E+05', '$1.2E+4', '1E-2', '1.5E+0', '(1.2E+3)']) {
      const r = money(t);
      expect([r.v, r.error?.startsWith(`"${t}" is an amount in scientific notation`)], t).toEqual([NaN, true]);
    }
    // Too large to be exact at all says so first; a number column still reads the exponent.
    expect(money('1e400').error).toBe('"1e400" is too large to keep exact to the cent');
    expect(num('1.5E+3').v).toBe(1500);
  });

  it('scale 0 (JPY): ¥1,234.5 rounds to 1235 yen', () => {
    expect(money('¥1,234.5', 0, '.', 'JPY').v).toBe(1235);
  });

  it('a dash alone ($-, -, ¥ -), as an accounting format shows 0 in a CSV saved as shown: KPI2174, not a plain "not a number"', () => {
    for (const t of [' $-   ', '-', '$ -', '-$'])
      expect(money(t).error, t).toMatch(/^".+" is a dash without a number: how an accounting number format shows 0/);
    expect(money('¥ -', 2, '.', 'CNY').error).toMatch(/is a dash without a number/);
    expect(num('-').error).toMatch(/is a dash without a number/);
    expect(money('--').error).toBe('"--" has more than one sign');
    expect(money('-5')).toMatchObject({ v: -500, error: null });
  });

  it('full-width parentheses (an accounting negative as Chinese Excel and WPS may save it) read as ASCII ones: a negative', () => {
    for (const [t, cents] of [
      ['（1,234.00）', -123400],
      ['（¥1,234.00）', -123400],
      ['（￥1,234.00）', -123400],
      ['（ ¥ 1,234.5 ）', -123450],
      ['（0.07）', -7],
    ] as const) {
      expect(money(t, 2, '.', 'CNY'), t).toEqual({ v: cents, error: null, warning: null });
      expect(money(t.replace('（', '(').replace('）', ')').replace('￥', '¥'), 2, '.', 'CNY'), `ASCII ${t}`).toEqual({ v: cents, error: null, warning: null });
    }
    expect(num('（12.5）')).toEqual({ v: -12.5, error: null });
    expect(num('（12.5%）')).toEqual({ v: -0.125, error: null });
    // A lone or unbalanced parenthesis, or one of each width, is not a number; two signs are two signs.
    for (const t of ['（1,234.00', '1,234.00）', '（', '）', '(1,234.00）', '（1,234.00)', '¥（1,234.00）'])
      expect(money(t, 2, '.', 'CNY'), t).toEqual({ v: NaN, error: `"${t}" is not a number`, warning: null });
    expect(money('（-5）').error).toBe('"（-5）" has more than one sign');
    // Parentheses with nothing inside are no dash (KPI2174 said "a dash without a number" of them).
    for (const t of ['()', '（）', '（¥）', '($)']) expect(money(t, 2, '.', t.includes('¥') ? 'CNY' : 'USD').error, t).toBe(`"${t}" is not a number`);
    expect(money('（€5）', 2, '.', 'CNY').error).toBe('"（€5）" is in EUR (€), not in the scheme\'s currency CNY');
  });

  it('full-width digits (a Chinese input method) without chinese_numbers: KPI2177 with the half-width form, not a plain "not a number"', () => {
    expect(money('１２３，４５６．００', 2, '.', 'CNY').error).toBe(
      '"１２３，４５６．００" is written in full-width characters (as a Chinese input method types them), which this column does not read as a number; in half-width it reads "123,456.00"',
    );
    expect(num('－５').error).toMatch(/^"－５" is written in full-width characters .*"-5"$/);
    expect(num('８０％').error).toMatch(/in half-width it reads "80%"$/);
    expect(num('１２,000').error).toMatch(/in half-width it reads "12,000"$/);
    expect(num('ABC').error).toBe('"ABC" is not a number');
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
        expect(parseMoneyText(text, style(), 2, note)).toBe(cents);
        expect(moneyFromNumber(Number(text), 2, note)).toBe(cents);
        expect(note).toEqual({ error: null, warning: null, sep: 0 });
      }),
    );
  });

  it('text as pandas and JavaScript write a double: float noise is not a warning, as in a workbook (red team 36)', () => {
    // pandas' to_csv of a computed amount column: every such row was a warning, so every run NOT FINAL
    expect(money('0.30000000000000004')).toEqual({ v: 30, error: null, warning: null });
    expect(money('1234.5600000000002')).toEqual({ v: 123456, error: null, warning: null });
    expect(money('-16.900000000000002')).toEqual({ v: -1690, error: null, warning: null });
    expect(money('$16.900000000000002')).toEqual({ v: 1690, error: null, warning: null });
    // not noise: 15 digits of it still have more decimals than the currency, or it is not how a double is written
    expect(money('1.0049999999999999').warning).toBe('"1.0049999999999999" has more than 2 decimal places; rounded to 1.00');
    expect(money('0.1234567890123456').warning).toBe('"0.1234567890123456" has more than 2 decimal places; rounded to 0.12');
    expect(money('16.9000000000000020').warning).toBe('"16.9000000000000020" has more than 2 decimal places; rounded to 16.90');
    expect(money('12.345000000000001').warning).toBe('"12.345000000000001" has more than 2 decimal places; rounded to 12.35');
  });

  it('property: a sum of amounts as a program writes it reads as the same workbook number does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), (a, b) => {
        const x = a / 100 + b / 100; // 0.1 + 0.2 style noise, as pandas computes a column
        const text = newNote();
        const cell = newNote();
        expect(parseMoneyText(String(x), style(), 2, text)).toBe(moneyFromNumber(x, 2, cell));
        expect(text.warning?.text ?? null).toBe(cell.warning?.text ?? null);
      }),
    );
  });

  it('workbook numbers: float noise is not a warning, real extra decimals are', () => {
    const note = newNote();
    expect(moneyFromNumber(0.1 + 0.2, 2, note)).toBe(30); // 0.30000000000000004
    expect(note.warning).toBeNull();
    expect(moneyFromNumber(12.345, 2, note)).toBe(1235);
    expect(note.warning?.text).toBe('"12.345" has more than 2 decimal places; rounded to 12.35');
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

  // Excel (d-mmm-yyyy, Long Date), CRMs and Oracle (DD-MON-YYYY) write month names: the name says which number is the month.
  it.each([
    ['3-Nov-2026', '2026-11-03'],
    ['03-NOV-2026', '2026-11-03'],
    ['03Nov2026', '2026-11-03'],
    ['3 November, 2026', '2026-11-03'],
    ['Nov 3, 2026', '2026-11-03'],
    ['November 3rd 2026', '2026-11-03'],
    ['Nov-03-2026', '2026-11-03'],
    ['2026-Nov-03', '2026-11-03'],
    ['Sept 3, 2026', '2026-09-03'],
    ['Tuesday, November 3, 2026', '2026-11-03'],
    ['Nov 3, 2026 10:30 PM', '2026-11-03'],
  ])('month name: %s → %s, in any date_order', (text, iso) => {
    for (const order of ['ymd', 'mdy', 'dmy'] as const) expect(date(text, order)).toEqual({ iso, error: null });
  });

  it.each([
    ['03-NOV-26', '"03-NOV-26" has a two-digit year; write the year in full'],
    ['Nov 3, 26', '"Nov 3, 26" has a two-digit year; write the year in full'],
    ['31-Nov-2026', '"31-Nov-2026" is not a valid date'],
    ['3-Nvm-2026', '"3-Nvm-2026" is not a date'],
    ['3-Nov', '"3-Nov" is not a date'],
    ['Monday, November 3, 2026', '"Monday, November 3, 2026": the weekday written is not that of the date (2026-11-03 is Tuesday); it is not read'],
    ['3-Nov-2026 25:00', '"3-Nov-2026 25:00" is not a valid date and time: there is no hour 25'],
  ])('month name refused: %s', (text, reason) => {
    expect(date(text)).toEqual({ iso: null, error: reason });
  });

  it('without date_order, 13/11/2026 reads only as day/month: the message names it (was "could be either"), the row is still not read', () => {
    expect(date('13/11/2026')).toEqual({
      iso: null,
      error:
        '"13/11/2026" can only be day/month/year (there is no month 13), but this source has no date_order, so no date of the column written this way is read; set date_order: dmy for this source',
    });
    expect(date('11/13/2026 10:00').error).toBe(
      '"11/13/2026 10:00" can only be month/day/year (there is no month 13), but this source has no date_order, so no date of the column written this way is read; set date_order: mdy for this source',
    );
    expect(date('13/13/2026').error).toBe('"13/13/2026" is not a date read either way (month/day/year or day/month/year)');
    expect(date('29/02/2027').error).toBe('"29/02/2027" is not a date read either way (month/day/year or day/month/year)');
    const zh = newNote();
    parseDateText('13/11/2026', 'ymd', zh);
    expect(zh.error?.code).toBe('KPI2178');
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

  // Issue 9: a time no clock shows is not read as that day (it is a duration, fields run together, damage).
  it.each([
    ['2026-11-05 25:00', '"2026-11-05 25:00" is not a valid date and time: there is no hour 25'],
    ['2026-11-05 24:60', '"2026-11-05 24:60" is not a valid date and time: there is no hour 24'],
    ['2026-11-05 23:60', '"2026-11-05 23:60" is not a valid date and time: there is no minute 60'],
    ['2026-11-05T10:15:61', '"2026-11-05T10:15:61" is not a valid date and time: there is no second 61'],
    ['2026-11-30 24:00', '"2026-11-30 24:00" is not a valid date and time: 24:00 is midnight at the end of the day: write 00:00 of the next day'],
    ['2026/11/5 13:00 PM', '"2026/11/5 13:00 PM" is not a valid date and time: there is no hour 13 on a 12-hour clock (AM/PM)'],
    ['2026-11-05T10:00:00+25:00', '"2026-11-05T10:00:00+25:00" is not a valid date and time: +25:00 is not a UTC offset'],
    ['2026-11-31 10:00', '"2026-11-31 10:00" is not a valid date'],
  ])('rejects the impossible time in %s', (text, reason) => {
    expect(date(text)).toEqual({ iso: null, error: reason });
  });

  it('rejects an impossible time after a day-first or month-first date too', () => {
    expect(date('05/11/2026 25:00', 'dmy')).toEqual({ iso: null, error: '"05/11/2026 25:00" is not a valid date and time: there is no hour 25' });
    expect(date('11/31/2026 10:00', 'mdy').error).toBe('"11/31/2026 10:00" is not a valid date (read as month/day/year)');
  });

  it.each([
    ['2026-11-05 0:00', '2026-11-05'],
    ['2026-11-05 23:59:59.999', '2026-11-05'],
    ['2026-12-31 23:59:60', '2026-12-31'],
    ['2026/11/5 12:30 AM', '2026-11-05'],
    ['2026/11/5 11:59pm', '2026-11-05'],
    ['2026-11-05T10:00:00-05:30', '2026-11-05'],
    ['2026-11-05T10:00:00+1400', '2026-11-05'],
    ['11/05/2026 09:30', '2026-11-05'],
  ])('accepts the time of day in %s', (text, iso) => {
    expect(date(text, 'mdy')).toEqual({ iso, error: null });
  });

  // As WPS and Chinese Excel show dates: a time after 日, a weekday after the date, full-width digits (issue 9).
  it.each([
    ['2026年11月5日 10:30', '2026-11-05'],
    ['2026年11月5日 10:30:15', '2026-11-05'],
    ['2026年11月5日 星期四', '2026-11-05'],
    ['2026年11月5日星期四', '2026-11-05'],
    ['2026-11-05（周四）', '2026-11-05'],
    ['2026/11/5 (周四)', '2026-11-05'],
    ['2026年11月5日 星期四 10:30', '2026-11-05'],
    ['2026-11-08 星期日', '2026-11-08'],
    ['2026-11-08 星期天', '2026-11-08'],
    ['２０２６－１１－０５', '2026-11-05'],
    ['２０２６年１１月５日', '2026-11-05'],
    ['２０２６／１１／５　１０：３０', '2026-11-05'],
    ['11/05/2026 星期四', '2026-11-05'], // month first, with date_order: mdy
  ])('accepts %s', (text, iso) => {
    expect(date(text, 'mdy')).toEqual({ iso, error: null });
  });

  it.each([
    ['2026年11月5日 星期五', '"2026年11月5日 星期五": the weekday written is not that of the date (2026-11-05 is 星期四); it is not read'],
    ['２０２６－１１－３１', '"２０２６－１１－３１" is not a valid date'],
    ['2026年11月5日 25:00', '"2026年11月5日 25:00" is not a valid date and time: there is no hour 25'],
    ['星期四', '"星期四" is not a date'],
    ['2026年11月5日 星期八', '"2026年11月5日 星期八" is not a date'],
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
    expect(note.error?.text).toBe('serial 60 is 1900-02-29, a day that does not exist');
  });

  it('day numbers round-trip', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 11, 1)).toBe(20758);
    for (let d = -30000; d < 80000; d += 997) expect(daysFromCivil(...(dayToIso(d).split('-').map(Number) as [number, number, number]))).toBe(d);
  });
});

describe('currency marks (issue 9): the scheme’s own are read, another currency is a data issue', () => {
  const read = (text: string, code: string, symbol: string) => {
    const note = newNote();
    const v = parseMoneyText(text, { decimal: '.', declared: true, currency: { code, symbol } }, 2, note);
    return { v, error: note.error?.text ?? null };
  };
  it.each([
    ['$1,234.50', 'USD', '$', 123450],
    ['US$1,234.50', 'USD', '$', 123450],
    ['USD 1,234.50', 'USD', '$', 123450],
    ['1,234.50 USD', 'USD', '$', 123450],
    ['-$12.00', 'USD', '$', -1200],
    ['¥1,234.50', 'CNY', '¥', 123450],
    ['￥88', 'CNY', '¥', 8800],
    ['CN¥12', 'CNY', '¥', 1200],
    ['RMB 12', 'CNY', '¥', 1200],
    ['人民币12', 'CNY', '¥', 1200],
    ['12元', 'CNY', '¥', 1200],
    ['CNY12.00', 'CNY', '¥', 1200],
    ['$12', 'HKD', 'HK$', 1200], // a bare $ is every dollar's
    ['HK$12', 'HKD', 'HK$', 1200],
    ['Fr. 12.50', 'CHF', 'Fr.', 1250], // the scheme's own symbol, whatever it is
    ['CHF 12.50', 'CHF', 'Fr.', 1250],
    ['1,234.00-', 'USD', '$', -123400], // SAP's trailing minus
  ])('%s in %s → %d', (text, code, symbol, want) => {
    expect(read(text, code, symbol)).toEqual({ v: want, error: null });
  });

  it.each([
    ['€1,234.00', 'USD', '$', '"€1,234.00" is in EUR (€), not in the scheme\'s currency USD'],
    ['¥1,234.00', 'USD', '$', '"¥1,234.00" is in yuan or yen (¥), not in the scheme\'s currency USD'],
    ['CN¥12', 'USD', '$', '"CN¥12" is in CNY (CN¥), not in the scheme\'s currency USD'],
    ['RMB 12', 'USD', '$', '"RMB 12" is in CNY (RMB), not in the scheme\'s currency USD'],
    ['12 EUR', 'USD', '$', '"12 EUR" is in EUR, not in the scheme\'s currency USD'],
    ['USD 12', 'CNY', '¥', '"USD 12" is in USD, not in the scheme\'s currency CNY'],
    ['$12', 'CNY', '¥', '"$12" is in dollars ($), not in the scheme\'s currency CNY'],
    ['US$12', 'HKD', 'HK$', '"US$12" is in USD (US$), not in the scheme\'s currency HKD'],
    ['12元', 'JPY', '¥', '"12元" is in CNY (元), not in the scheme\'s currency JPY'],
    ['-€5', 'USD', '$', '"-€5" is in EUR (€), not in the scheme\'s currency USD'],
  ])('%s in %s is reported', (text, code, symbol, reason) => {
    const r = read(text, code, symbol);
    expect(Number.isNaN(r.v)).toBe(true);
    expect(r.error).toBe(reason);
  });

  it('number columns follow the same rule', () => {
    expect(num('$12')).toEqual({ v: 12, error: null });
    expect(num('€12').error).toBe('"€12" is in EUR (€), not in the scheme\'s currency USD');
  });
});

describe('separators when the scheme does not declare decimal (issue 9)', () => {
  const guess = (text: string, money = false) => {
    const note = newNote();
    const s: NumberStyle = { decimal: '.', declared: false, currency: { code: 'USD', symbol: '$' } };
    const v = money ? parseMoneyText(text, s, 2, note) : parseNumberText(text, s, note);
    return { v, sep: note.sep, error: note.error?.text ?? null };
  };
  it.each([
    ['1.500', 1.5, SEP_GUESS],
    ['12.000', 12, SEP_GUESS],
    ['1,500', 1500, SEP_GUESS],
    ['-$1,500', -1500, SEP_GUESS],
    ['12.5', 12.5, SEP_DOT],
    ['1,234.56', 1234.56, SEP_DOT],
    ['1,234,567', 1234567, SEP_DOT], // groups only a decimal point allows
    ['0.500', 0.5, SEP_DOT], // a thousands group never starts with 0
    ['1234.567', 1234.567, SEP_DOT],
    ['1 500', 1500, 0], // a space: thousands either way
    ['1500', 1500, 0],
  ])('%s reads %s (what it says: %d)', (text, want, sep) => {
    expect(guess(text)).toEqual({ v: want, sep, error: null });
  });

  it.each(['12,5', '1.234,56', '0,500', '1.234.567', '1234,567'])('%s shows a decimal comma: reported, with the setting', (text) => {
    const r = guess(text);
    expect(Number.isNaN(r.v)).toBe(true);
    expect(r.sep).toBe(SEP_COMMA);
    expect(r.error).toBe(`"${text}" is written with a decimal comma; declare decimal: ',' for this file if it writes decimals that way`);
  });

  it('money: 1.500 is never taken by the fast path without a word', () => {
    expect(guess('1.500', true)).toEqual({ v: 150, sep: SEP_GUESS, error: null });
    expect(guess('12.50', true)).toEqual({ v: 1250, sep: SEP_DOT, error: null });
  });

  it("declared decimal: ',' reads 1.234,56 (and 1.500 is 1500)", () => {
    expect(num('1.234,56', ',')).toEqual({ v: 1234.56, error: null });
    expect(money('1.234,56', 2, ',')).toEqual({ v: 123456, error: null, warning: null });
    expect(money('1.500', 2, ',')).toEqual({ v: 150000, error: null, warning: null });
    expect(money('€ 1.234,56', 2, ',', 'EUR').error).toBeNull();
  });
});

describe('booleans, letters and ranges (issue 9)', () => {
  it('TRUE/FALSE text is a true/false value, in the same words as a workbook boolean', () => {
    expect(money('TRUE').error).toBe('"TRUE" is a true/false value, not a number');
    expect(num('false').error).toBe('"false" is a true/false value, not a number');
    expect(date('TRUE').error).toBe('"TRUE" is a true/false value, not a date');
  });

  it('a letter among digits is named, with the typo it probably is', () => {
    expect(money('12,8OO.00').error).toBe('"12,8OO.00" holds the letter "O" (a typo for 0?): not a number');
    expect(money('1l,000.00').error).toBe('"1l,000.00" holds the letter "l" (a typo for 1?): not a number');
    expect(money('5k').error).toBe('"5k" holds the letter "k": not a number');
    expect(money('abc').error).toBe('"abc" is not a number');
  });

  it('numbers beyond ±(2^53 − 1) and money beyond exact minor units are refused', () => {
    expect(num('9007199254740991').v).toBe(9007199254740991);
    expect(num('9007199254740993').error).toBe('"9007199254740993" is too large to be a number here (beyond ±9,007,199,254,740,991)');
    expect(num('1e308').error).toBe('"1e308" is too large to be a number here (beyond ±9,007,199,254,740,991)');
    expect(money('90071992547409.91').v).toBe(9007199254740991);
    expect(money('90071992547409.93').error).toBe('"90071992547409.93" is too large to keep exact to the cent');
    const note = newNote();
    expect(Number.isNaN(moneyFromNumber(1e308, 2, note))).toBe(true);
    expect(note.error?.text).toBe('"1e+308" is too large to keep exact to the cent');
  });
});
