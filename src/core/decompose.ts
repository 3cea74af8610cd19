// Target decomposition: a target written for a year or a quarter is split into month targets — evenly or by
// last year's monthly shares of the metric (seasonality) — with the one exact split (core/split.ts), so the
// months add up exactly to the year at the metric's grain (money to the cent). The target of any period is
// then the sum of its month targets: a month takes its part, a quarter or YTD the sum of its months. Pure.
import type { MetricSpec } from './model.js';
import type { Period } from './results.js';
import { parsePeriod, ymdFromDay } from './period.js';
import { clean15 } from './money.js';
import { splitByWeights } from './split.js';
import * as fmt from './format.js';
import { said, type Said, type Text } from './says.js';
import { plainAggregate } from './rules/metrics/index.js';

export type Per = 'month' | 'quarter' | 'year';
export type SplitBasis = 'even' | 'seasonality';

/** The months of a period (all periods lie within one year). */
export function monthsOf(period: Period): { year: number; months: number[] } {
  const a = ymdFromDay(period.start);
  const b = ymdFromDay(period.end);
  const months: number[] = [];
  for (let m = a.m; m <= (b.y === a.y ? b.m : 12); m++) months.push(m);
  return { year: a.y, months };
}

/** Aggregates that add up over time (a year's revenue is the sum of its months); rates and averages do not. */
export function isAdditive(m: MetricSpec): boolean {
  const fn = plainAggregate(m)?.fn;
  return fn === 'sum' || fn === 'count' || fn === 'count_distinct';
}

export const monthLabel = (year: number, m: number): string => `${year}-${String(m).padStart(2, '0')}`;

export function monthPeriod(year: number, m: number): Period {
  const p = parsePeriod(monthLabel(year, m));
  if ('error' in p) throw new Error(`${monthLabel(year, m)}: ${p.error.key}`);
  return p;
}

/** A written target for one span (a month, a quarter or a year) and where it was written. */
export interface Written {
  value: number;
  per: Per;
  /** Which month (1–12), quarter (1–4) of the year; ignored for a year. */
  index: number;
  /** e.g. "default", "targets file data/targets.csv, row 3". */
  from: Text;
}

/** Last year's total of the metric per month (index 0 = January), null when a month has no data. */
export type LastYear = readonly (number | null)[];

export interface MonthPart {
  month: string;
  value: number;
  /** How this month's part was found, for `kpi explain`. */
  how: Text;
  /** The written target it comes from, and how that one was split ("" for a month's own target). */
  source: Written;
  split: Text;
  /** Share of its split (seasonality or even). */
  share?: number;
}

export interface Decomposed {
  target: number;
  parts: MonthPart[];
  /** The whole explanation: "2026 target 144,000 (default) split by 2025's monthly shares: 2026-11 10% → 14,400". */
  text: Text;
  /** Set when seasonality was asked for but last year lacks data for a month of a split: split evenly instead. */
  evenBecause?: string;
  /** The same, as a sentence (split.noDataFor …), for the warning in the run's language. */
  evenSaid?: Said;
}

const groupOf = (w: Written): number[] =>
  w.per === 'year' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : w.per === 'quarter' ? [3 * w.index - 2, 3 * w.index - 1, 3 * w.index] : [w.index];

/**
 * The target of `months` of `year`, each month from the most specific written target that covers it (`find`
 * returns the month's own, else its quarter's, else the year's), split by `basis`. null when a month has none.
 */
export function decompose(
  year: number,
  months: readonly number[],
  find: (month: number) => Written | undefined,
  basis: SplitBasis,
  lastYear: () => LastYear,
  places: number,
  show: (x: number) => string,
): Decomposed | null {
  const parts: MonthPart[] = [];
  let evenBecause: string | undefined;
  let because: Said | undefined;
  const cache = new Map<string, number[]>();
  for (const m of months) {
    const w = find(m);
    if (!w) return null;
    if (w.per === 'month') {
      parts.push({ month: monthLabel(year, m), value: w.value, how: w.from, source: w, split: '' });
      continue;
    }
    const group = groupOf(w);
    const key = `${w.per}\u0000${w.index}\u0000${w.value}\u0000${JSON.stringify(w.from)}`;
    let split = cache.get(key);
    let how: Text;
    if (!split) {
      let weights = group.map(() => 1);
      if (basis === 'seasonality') {
        const ly = lastYear();
        const missing = group.filter((g) => !((ly[g - 1] ?? 0) > 0));
        if (missing.length === 0) weights = group.map((g) => ly[g - 1]!);
        else {
          evenBecause = `no data one year earlier for ${missing.length <= 3 ? missing.map((g) => monthLabel(year - 1, g)).join(', ') : `${missing.length} of its months`}`;
          because =
            missing.length <= 3
              ? said('split.noDataFor', { months: missing.map((g) => monthLabel(year - 1, g)) })
              : said('split.noDataForSome', { n: missing.length });
        }
      }
      split = splitByWeights(w.value, weights, places);
      cache.set(key, split);
    }
    const k = group.indexOf(m);
    const span = w.per === 'year' ? String(year) : `${year}-Q${w.index}`;
    let share = 1 / group.length;
    let splitText: Said;
    if (basis === 'seasonality' && evenBecause === undefined) {
      const ly = lastYear();
      const sum = group.reduce((s, g) => s + ly[g - 1]!, 0);
      share = ly[m - 1]! / sum;
      splitText = said('split.seasonal', { span, value: show(w.value), from: w.from, year: year - 1 });
      how = said('split.seasonalMonth', { split: splitText, month: monthLabel(year - 1, m), share: fmt.pct(share) });
    } else {
      splitText = because
        ? said('split.evenBecause', { span, value: show(w.value), from: w.from, n: group.length, because })
        : said('split.even', { span, value: show(w.value), from: w.from, n: group.length });
      how = splitText;
    }
    parts.push({ month: monthLabel(year, m), value: split[k]!, how, source: w, split: splitText, share });
  }
  const target = clean15(parts.reduce((s, p) => s + p.value, 0)) || 0;
  let text: Text;
  if (parts.length === 1) text = parts[0]!.split === '' ? parts[0]!.how : said('split.arrow', { how: parts[0]!.how, value: show(parts[0]!.value) });
  else {
    // Consecutive months from one written target are listed under it once.
    const groups: MonthPart[][] = [];
    for (const p of parts) {
      const last = groups[groups.length - 1];
      if (last && p.split !== '' && JSON.stringify(last[0]!.split) === JSON.stringify(p.split)) last.push(p);
      else groups.push([p]);
    }
    const listed = groups.map(
      (g): Text =>
        g[0]!.split === ''
          ? said('split.month', { month: g[0]!.month, value: show(g[0]!.value), how: g[0]!.how })
          : said('split.group', { split: g[0]!.split, months: g.map((p) => `${p.month} ${show(p.value)} (${fmt.pct(p.share ?? 0)})`) }),
    );
    const joined = listed.slice(1).reduce((first: Text, rest) => said('split.then', { first, rest }), listed[0]!);
    text = said('split.sum', { target: show(target), listed: joined });
  }
  return { target, parts, text, ...(evenBecause ? { evenBecause } : {}), ...(evenBecause && because ? { evenSaid: because } : {}) };
}

/** Whether a target's origin says it was split from a year's or quarter's target (the outputs note how). */
export function isSplitTarget(from: Text): boolean {
  return typeof from !== 'string' && (from.key === 'split.arrow' || from.key === 'split.sum');
}
