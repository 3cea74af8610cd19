import { describe, expect, test } from 'vitest';
import { neutraliseFormula, toCsv, toJson, toJsonValue, toMarkdown } from '../../src/output/formats.js';
import { band, renderTable } from '../../src/output/terminal.js';
import { unitsOf } from '../../src/output/view.js';
import { formatMoney } from '../../src/output/numbers.js';
import { roundHalfAwayFromZero as roundHalfAway } from '../../src/core/money.js';
import { fixtureModel, makeFixture } from './fixture.js';
import { expectGolden } from './golden.js';

const result = makeFixture();
const units = unitsOf(fixtureModel);

describe('golden outputs', () => {
  test('terminal table, no colour, widest layout', () => expectGolden('table.txt', renderTable(result, { color: false, units })));
  test('terminal table, narrow terminal', () => expectGolden('table-80.txt', renderTable(result, { color: false, units, width: 80 })));
  test('csv', () => expectGolden('score.csv', toCsv(result)));
  test('json', () => expectGolden('score.json', toJson(result)));
  test('markdown', () => expectGolden('score.md', toMarkdown(result, units)));
});

describe('terminal table', () => {
  test('colour only when asked', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(renderTable(result, { color: false, units })).not.toMatch(ansi);
    expect(renderTable(result, { color: true, units })).toMatch(ansi);
  });
  test('achievement bands: ≥100 % green, 80–100 % yellow, < 80 % red', () => {
    expect([band(1), band(0.9999), band(0.8), band(0.7999)]).toEqual(['green', 'yellow', 'yellow', 'red']);
  });
  test('colour follows achievement: A04 collection 70 %/95 % = 73.7 % is red', () => {
    const t = renderTable(result, { color: true, units });
    expect(t).toContain('\u001b[31m73.7%');
    expect(t).toContain('\u001b[32m140.0%'); // A01 revenue 84,000/60,000
  });
  test('reps with no data are listed and marked; gated reps flagged', () => {
    const t = renderTable(result, { color: false, units });
    expect(t).toMatch(/Bob O'Neil \| Jr \(A06\) \[no data\]/);
    expect(t).toContain('Near plan [gate]');
    // 8,980 + 6,749.50 + 300 + 8,500 + 2,866.67 + 4,450 + 0 = 31,846.17
    expect(t).toContain('$31,846.17');
  });
  test('a narrower terminal gets a narrower table', () => {
    const wide = renderTable(result, { color: false, units });
    const narrow = renderTable(result, { color: false, units, width: 100 });
    const width = (s: string) => Math.max(...s.split('\n').map((l) => l.length));
    expect(width(narrow)).toBeLessThan(width(wide));
  });
  test('control characters in names cannot reach the terminal', () => {
    const r = makeFixture();
    r.reps[0] = { ...r.reps[0]!, rep: { ...r.reps[0]!.rep, name: 'Eve\u001b[2J\u0007' } };
    expect(renderTable(r, { color: false })).not.toMatch(/\u001b|\u0007/);
  });
});

describe('csv', () => {
  const lines = toCsv(result).split('\r\n');
  test('one row per rep plus a header, CRLF endings', () => {
    expect(lines).toHaveLength(result.reps.length + 2); // trailing CRLF leaves one empty string
    expect(lines.at(-1)).toBe('');
  });
  test('formula-like names are neutralised and quoted per RFC 4180', () => {
    const a03 = lines.find((l) => l.includes('A03'))!;
    expect(a03).toContain(`'=cmd|' /C calc'!A0`);
    expect(toCsv(result)).not.toMatch(/,=cmd/);
  });
  test.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\nx', "'\nx"],
    ['＝1', "'＝1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('neutraliseFormula(%j)', (input, out) => expect(neutraliseFormula(input)).toBe(out));
  test('quotes, commas and newlines are quoted', () => {
    const r = makeFixture();
    r.reps[0] = { ...r.reps[0]!, rep: { ...r.reps[0]!.rep, name: 'Chen, "Al"\nice' } };
    expect(toCsv(r)).toContain('"Chen, ""Al""\nice"');
  });
});

describe('json', () => {
  const v = toJsonValue(result);
  test('versioned, numbers as numbers, money rounded to the cent', () => {
    expect(v.format).toBe('kpi-score/1');
    const a05 = v.reps.find((r) => r.id === 'A05')!;
    // 5,000 × 20/30 × 0.8 = 2,666.666… → 2,666.67; + 200 commission = 2,866.67
    expect(a05.bonus).toBe(2666.67);
    expect(a05.payout).toBe(2866.67);
    expect(a05.unrounded.bonus).toBeCloseTo(2666.6666667, 6);
    expect(v.totals.payout).toBe(31846.17);
  });
  test('no NaN or Infinity anywhere, ever', () => {
    const r = makeFixture();
    const m = r.reps[0]!.metrics[0]!;
    r.reps[0]!.metrics[0] = { ...m, actual: NaN, achievement: Infinity };
    const text = toJson(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(text).reps[0].metrics[0].actual).toBeNull();
  });
  test('names are NFC', () => {
    expect(v.reps.find((r) => r.id === 'A07')!.name).toBe('\u00c9mile Zola');
  });
});

describe('markdown', () => {
  test('pipes in names are escaped', () => {
    expect(toMarkdown(result)).toContain("Bob O'Neil \\| Jr");
  });
});

describe('numbers', () => {
  test('round half away from zero like Excel', () => {
    expect(roundHalfAway(1.005, 2)).toBe(1.01); // 1.005 is 1.00499999999999989… in binary
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.1 + 0.2, 2)).toBe(0.3);
  });
  test('money keeps the minor unit and groups thousands', () => {
    expect(formatMoney(1234567.5, { code: 'USD', symbol: '$', minorUnit: 2 })).toBe('$1,234,567.50');
    expect(formatMoney(-1234.5, { code: 'JPY', symbol: '¥', minorUnit: 0 })).toBe('-¥1,235');
  });
});
