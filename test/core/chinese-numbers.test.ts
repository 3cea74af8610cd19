// Numbers as Chinese users write them: full-width characters and 万 / 亿 amounts, read exactly or refused.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { expandWan, halfWidth, isPercentWritten, schemeNumber } from '../../src/core/chinese-numbers.js';

describe('chinese numbers', () => {
  test('full-width digits, signs, separators and ％ become ASCII; ￥ becomes ¥', () => {
    expect(halfWidth('１２３，４５６．７８')).toBe('123,456.78');
    expect(halfWidth('８０％')).toBe('80%');
    expect(halfWidth('－５')).toBe('-5');
    expect(halfWidth('￥１０')).toBe('¥10');
    expect(halfWidth('销售额 100')).toBe('销售额 100');
  });

  test.each([
    ['10万', '100000'],
    ['1.5万', '15000'],
    ['１．５万', '15000'],
    ['0.0001万', '1'],
    ['1.23456万', '12345.6'],
    ['3.2亿', '320000000'],
    ['¥3.2亿元', '¥320000000'],
    ['-2万', '-2000'.padEnd(6, '0')],
    ['1,000万', '10000000'],
    ['12.345678万', '123456.78'],
    ['10 万', '100000'],
    ['10萬', '100000'],
  ])('%s → %s', (text, expected) => {
    expect(expandWan(text)).toEqual({ text: expected });
  });

  test('text without 万 or 亿 is left to the usual reading', () => {
    expect(expandWan('100000')).toBeNull();
    expect(expandWan('¥1,234.50')).toBeNull();
  });

  test.each([
    ['1万2千', 'mixes units'],
    ['1万2', 'mixes units'],
    ['十万', 'Chinese numerals'],
    ['一百万', 'Chinese numerals'],
    ['10万%', 'not an amount'],
    ['万', 'not an amount'],
    ['1.5.万', 'not an amount'],
  ])('%s is refused (%s), never guessed', (text, why) => {
    const r = expandWan(text);
    expect(r).not.toBeNull();
    expect(r && 'error' in r ? r.error : '').toContain(why);
  });

  test('exact: n万 is n × 10000 to the last digit, for any decimal n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 6 }), (cents, places) => {
        const s = (cents / 10 ** places).toFixed(places);
        const r = expandWan(`${s}万`);
        expect(r && 'text' in r ? r.text : null).not.toBeNull();
        // Compare as exact decimals: BigInt of the digits scaled to the same number of places.
        const want = BigInt(s.replace('.', '')) * 10000n;
        const got = (r as { text: string }).text;
        const [i = '', f = ''] = got.split('.');
        const gotScaled = BigInt(i + f.padEnd(places, '0'));
        expect(gotScaled).toBe(want);
      }),
    );
  });

  test('scheme numbers: numbers, percentages (also full-width), 万 amounts; ASCII text stays refused as before', () => {
    expect(schemeNumber(0.8)).toBe(0.8);
    expect(schemeNumber('80%')).toBe(0.8);
    expect(schemeNumber('８０％')).toBe(0.8);
    expect(schemeNumber('10万')).toBe(100000);
    expect(schemeNumber('３００００')).toBe(30000);
    expect(schemeNumber('1万2千')).toBeUndefined();
    expect(schemeNumber('30000')).toBeUndefined();
    expect(isPercentWritten('６０％')).toBe(true);
    expect(isPercentWritten('10万')).toBe(false);
  });
});
