import { describe, expect, it } from 'vitest';
import {
  dayFromIso,
  isoFromDay,
  labelInPeriod,
  normaliseLabel,
  parsePeriod,
  previousPeriod,
  readPeriodLabel,
  samePeriodLastYear,
} from '../../src/core/period.js';
import { period } from './helpers.js';

const range = (label: string): [string, string, string, string] => {
  const p = period(label);
  return [p.label, p.kind, isoFromDay(p.start), isoFromDay(p.end)];
};

describe('parsePeriod', () => {
  it('parses months, quarters, YTD and years', () => {
    expect(range('2026-11')).toEqual(['2026-11', 'month', '2026-11-01', '2026-11-30']);
    expect(range('2024-02')).toEqual(['2024-02', 'month', '2024-02-01', '2024-02-29']); // leap year
    expect(range('2026-Q4')).toEqual(['2026-Q4', 'quarter', '2026-10-01', '2026-12-31']);
    expect(range('2026-q1')).toEqual(['2026-Q1', 'quarter', '2026-01-01', '2026-03-31']);
    expect(range('2026-11-YTD')).toEqual(['2026-11-YTD', 'ytd', '2026-01-01', '2026-11-30']);
    expect(range('2026')).toEqual(['2026', 'year', '2026-01-01', '2026-12-31']);
  });
  it('rejects nonsense with a message', () => {
    for (const bad of ['2026-13', '2026-Q5', 'November', '', '26-11', '2026-00-YTD']) {
      const p = parsePeriod(bad);
      expect('error' in p, bad).toBe(true);
    }
  });
});

describe('earlier periods', () => {
  it('previous month / quarter; YTD and year go back a year', () => {
    expect(previousPeriod(period('2026-11')).label).toBe('2026-10');
    expect(previousPeriod(period('2026-01')).label).toBe('2025-12');
    expect(previousPeriod(period('2026-Q1')).label).toBe('2025-Q4');
    expect(previousPeriod(period('2026-Q3')).label).toBe('2026-Q2');
    expect(range(previousPeriod(period('2026-11-YTD')).label)).toEqual(['2025-11-YTD', 'ytd', '2025-01-01', '2025-11-30']);
    expect(previousPeriod(period('2026')).label).toBe('2025');
  });
  it('same period last year', () => {
    expect(samePeriodLastYear(period('2026-11')).label).toBe('2025-11');
    expect(samePeriodLastYear(period('2026-Q4')).label).toBe('2025-Q4');
    const feb = samePeriodLastYear(period('2025-02'));
    expect(isoFromDay(feb.end)).toBe('2024-02-29');
  });
});

describe('days', () => {
  it('round-trips ISO dates with UTC arithmetic', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    // 1970..2025 = 56 years × 365 + 14 leap days (1972..2024) = 20454; Jan..Oct 2026 = 304 days → 20758
    expect(dayFromIso('2026-11-01')).toBe(20758);
    expect(isoFromDay(20758)).toBe('2026-11-01');
    expect(dayFromIso('2026-02-30')).toBeNull();
    expect(dayFromIso('1969-12-31')).toBe(-1);
  });
});

describe('period labels in data (issue 9: the accepted list, README "Period labels")', () => {
  const label = (s: string, order: 'ymd' | 'mdy' | 'dmy' = 'ymd'): string => {
    const p = readPeriodLabel(s, order);
    return 'error' in p ? `error: ${p.error.text}` : p.label;
  };
  it.each([
    ['2026-11', '2026-11'],
    ['2026-1', '2026-01'],
    ['2026/11', '2026-11'],
    ['2026.11', '2026-11'],
    ['202611', '2026-11'],
    ['11/2026', '2026-11'],
    ['11-2026', '2026-11'],
    ['11.2026', '2026-11'],
    ['1/2026', '2026-01'],
    ['Nov 2026', '2026-11'],
    ['Nov-2026', '2026-11'],
    ['nov. 2026', '2026-11'],
    ['November 2026', '2026-11'],
    ['NOV2026', '2026-11'],
    ['2026 Nov', '2026-11'],
    ['Sept 2026', '2026-09'],
    ['May-2026', '2026-05'],
    ['2026年11月', '2026-11'],
    ['2026年1月份', '2026-01'],
    ['２０２６年１１月', '2026-11'],
    ['2026-11-01', '2026-11'],
    ['2026/11/1', '2026-11'],
    ['20261101', '2026-11'],
    ['2026年11月1日', '2026-11'],
    ['2026-11-01 00:00:00', '2026-11'],
    ['2026-11-30T12:00:00Z', '2026-11'],
    ['11/10/2026', 'error: "11/10/2026" could be month/day or day/month; set date_order (mdy or dmy) for this source'],
    ['2026-Q4', '2026-Q4'],
    ['2026Q4', '2026-Q4'],
    ['2026 q4', '2026-Q4'],
    ['Q4 2026', '2026-Q4'],
    ['Q4-2026', '2026-Q4'],
    ['2026年第4季度', '2026-Q4'],
    ['2026年第四季度', '2026-Q4'],
    ['2026年4季度', '2026-Q4'],
    ['2026年Q4', '2026-Q4'],
    ['2026', '2026'],
    ['2026年', '2026'],
    ['2026-11-YTD', '2026-11-YTD'],
  ])('%s → %s', (s, want) => expect(label(s)).toBe(want));

  it('a date with a time no clock shows is not a period label (issue 9: 25:00, 24:60)', () => {
    expect(label('2026-11-05 25:00')).toBe('error: "2026-11-05 25:00" is not a valid date and time: there is no hour 25');
    expect(label('2026-11-05 23:60:00')).toBe('error: "2026-11-05 23:60:00" is not a valid date and time: there is no minute 60');
    expect(label('11/30/2026 24:00', 'mdy')).toMatch(/^error: .*24:00 is midnight at the end of the day/);
    expect(label('2026-11-30 23:59')).toBe('2026-11');
  });

  it("dates written day or month first need the source's date_order", () => {
    expect(label('11/30/2026', 'mdy')).toBe('2026-11');
    expect(label('30/11/2026', 'dmy')).toBe('2026-11');
    expect(label('31/11/2026', 'dmy')).toBe('error: "31/11/2026" is not a valid date');
  });

  it('a date with an English month name is its month; a two-digit year or a weekday is refused', () => {
    expect(label('3-Nov-2026')).toBe('2026-11');
    expect(label('Nov 30, 2026 23:00')).toBe('2026-11');
    expect(label('2026-Nov-03')).toBe('2026-11');
    expect(label('03-NOV-26')).toMatch(/^error: "03-NOV-26" /);
    expect(label('Tuesday, November 3, 2026')).toMatch(/^error: "Tuesday, November 3, 2026" is not a period/);
  });

  it('without date_order, a date that reads only one way names that way (no month 30), still unread (KPI2178)', () => {
    expect(label('11/30/2026')).toBe(
      'error: "11/30/2026" can only be month/day/year (there is no month 30), but this source has no date_order, so no date of the column written this way is read; set date_order: mdy for this source',
    );
    expect(label('31/11/2026')).toBe('error: "31/11/2026" is not a date read either way (month/day/year or day/month/year)');
  });

  it.each([
    ['2026-13', 'is not a period: there is no month 13'],
    ['2026-00', 'is not a period: there is no month 0'],
    ['13/2026', 'is not a period: there is no month 13'],
    ['2026年13月', 'is not a period: there is no month 13'],
    ['2026-11-31', 'is not a valid date'],
    ['Nov 26', 'has a two-digit year; write the year in full (Nov 2026, 2026-11)'],
    ['26年11月', 'has a two-digit year; write the year in full (Nov 2026, 2026-11)'],
    ['Q4 26', 'has a two-digit year; write the year in full (Nov 2026, 2026-11)'],
    ['2026年11期', 'is a fiscal period number, not a calendar month (fiscal years need not start in January); write the month, e.g. 2026-11'],
    ['FY2026 P11', 'is a fiscal period number, not a calendar month (fiscal years need not start in January); write the month, e.g. 2026-11'],
    ['Nov 2026x', 'is not a period label; write a month like 2026-11, Nov 2026 or 2026年11月, or a quarter like 2026-Q4'],
    ['Movember 2026', 'is not a period label; write a month like 2026-11, Nov 2026 or 2026年11月, or a quarter like 2026-Q4'],
    ['1899-12', 'has a year outside 1900–9999'],
    ['2026-Q5', 'is not a period label; write a month like 2026-11, Nov 2026 or 2026年11月, or a quarter like 2026-Q4'],
  ])('refuses %s', (s, why) => expect(label(s)).toBe(`error: "${s}" ${why}`));

  it('normalises month spellings', () => {
    for (const s of ['2026-11', '2026/11', '2026-11-01', '2026/11/1', ' 2026.11 ', '202611']) expect(normaliseLabel(s)?.label, s).toBe('2026-11');
    expect(normaliseLabel('2026-11-31')).toBeNull();
  });
  it('matches months inside quarters/YTD, other labels only exactly', () => {
    expect(labelInPeriod('2026/11', period('2026-11'))).toBe(true);
    expect(labelInPeriod('2026-10', period('2026-11'))).toBe(false);
    expect(labelInPeriod('2026-11', period('2026-Q4'))).toBe(true);
    expect(labelInPeriod('2026-09', period('2026-Q4'))).toBe(false);
    expect(labelInPeriod('2026-03', period('2026-11-YTD'))).toBe(true);
    expect(labelInPeriod('2026-Q4', period('2026-Q4'))).toBe(true);
    expect(labelInPeriod('2026-Q4', period('2026'))).toBe(false);
    expect(labelInPeriod('2026-Q4', period('2026-11'))).toBe(false);
    expect(labelInPeriod('junk', period('2026-11'))).toBe(false);
  });
});
