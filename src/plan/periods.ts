// Ranges of periods for plan design: every month (quarter, year, year-to-date) from one label to another.
import type { Period } from '../core/results.js';
import { parsePeriod, previousPeriod, ymdFromDay } from '../core/period.js';
import { said, type Said } from '../messages/index.js';

/** The longest range a backtest scores: ten years of months. */
const MAX_PERIODS = 120;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The next period of the same kind: month → month, quarter → quarter, year → year, YTD → next month's YTD. */
export function nextPeriod(p: Period): Period {
  const { y, m } = ymdFromDay(p.start);
  const end = ymdFromDay(p.end);
  let label: string;
  switch (p.kind) {
    case 'month':
      label = m === 12 ? `${pad(y + 1, 4)}-01` : `${pad(y, 4)}-${pad(m + 1)}`;
      break;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      label = q === 4 ? `${pad(y + 1, 4)}-Q1` : `${pad(y, 4)}-Q${q + 1}`;
      break;
    }
    case 'year':
      label = pad(y + 1, 4);
      break;
    case 'ytd':
      label = end.m === 12 ? `${pad(y + 1, 4)}-01-YTD` : `${pad(y, 4)}-${pad(end.m + 1)}-YTD`;
      break;
  }
  const next = parsePeriod(label);
  if ('error' in next) throw new Error(`no period after ${p.label}`);
  return next;
}

/** Every period from `from` to `to` inclusive, or why there is none (different kinds, reversed, too long). */
export function periodRange(from: Period, to: Period): Period[] | { error: Said } {
  if (from.kind !== to.kind) {
    return { error: said('bt.rangeKinds', { from: from.label, fromKind: said(`term.${from.kind}`), to: to.label, toKind: said(`term.${to.kind}`) }) };
  }
  if (from.end > to.end) return { error: said('bt.rangeReversed', { from: from.label, to: to.label }) };
  const out: Period[] = [from];
  let p = from;
  // By the end: every year-to-date period starts on 1 January.
  while (p.end < to.end) {
    if (out.length >= MAX_PERIODS) return { error: said('bt.rangeTooLong', { from: from.label, to: to.label, max: MAX_PERIODS }) };
    p = nextPeriod(p);
    out.push(p);
  }
  return out;
}

/**
 * The `count` periods of `kind`'s months that end just before `p` starts, newest first: the trailing history.
 * Months only: history for targets and SMART checks is read month by month.
 */
export function monthsBefore(p: Period, count: number): Period[] {
  const out: Period[] = [];
  const { y, m } = ymdFromDay(p.start);
  for (let k = 1; k <= count; k++) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    const prev = parsePeriod(`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`);
    if ('error' in prev) break;
    out.push(prev);
  }
  return out;
}

/** The months of a period, oldest first (a month is its own only month). */
export function monthsOf(p: Period): Period[] {
  const out: Period[] = [];
  const first = parsePeriod(`${pad(ymdFromDay(p.start).y, 4)}-${pad(ymdFromDay(p.start).m)}`);
  if ('error' in first) return out;
  let cur: Period = first;
  while (cur.start <= p.end) {
    out.push(cur);
    cur = nextPeriod(cur);
  }
  return out;
}

/** How far back the history checks look: a year of months or quarters, two years of years. */
const HISTORY_LENGTH = { month: 12, quarter: 4, ytd: 2, year: 2 } as const;

/** The periods of the same kind before `p`, newest first: up to a year of months or quarters, two of years. */
export function periodsBefore(p: Period, count = HISTORY_LENGTH[p.kind]): Period[] {
  const out: Period[] = [];
  let cur = p;
  for (let k = 0; k < count; k++) {
    cur = previousPeriod(cur);
    out.push(cur);
  }
  return out;
}

/** The month, quarter or year holding `day` (a YTD kind gives the month). */
export function periodContaining(day: number, kind: Period['kind']): Period {
  const { y, m } = ymdFromDay(day);
  const label = kind === 'quarter' ? `${pad(y, 4)}-Q${Math.floor((m - 1) / 3) + 1}` : kind === 'year' ? pad(y, 4) : `${pad(y, 4)}-${pad(m)}`;
  const p = parsePeriod(label);
  if ('error' in p) throw new Error(`${label}: ${p.error.key}`);
  return p;
}
