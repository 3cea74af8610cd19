import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay, labelInPeriod, normaliseLabel, parsePeriod, previousPeriod, samePeriodLastYear } from '../../src/core/period.js';
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

describe('period labels in data', () => {
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
