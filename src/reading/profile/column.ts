// One column of a file, profiled in a single pass without a scheme: every value is read as each type kpi
// knows (with the same parsers score uses, see read-as.ts), so that at the end the column's type can be
// chosen and its blank and unreadable counts, range and most frequent values are those of that type.
// Memory is bounded: a few examples per type and a capped table of distinct values.

import { newNote, dayToIso, SEP_COMMA, SEP_DOT, SEP_GUESS, type Note } from '../values.js';
import { readPeriodLabel } from '../../core/period.js';
import { currencyIn } from '../currency.js';
import { CellProblem, FMT_PERCENT, FMT_UNIT, type FormatKind } from '../xlsx/workbook.js';
import { isBlank, readAs, type ProfileType, type RawValue, type ReadSettings } from './read-as.js';
import { cleanText } from '../../core/text.js';
import { problem, type Problem } from '../../messages/index.js';

/** Share of the non-blank values a type must read (and look like) to be the column's type. */
const FIT = 0.9;
/** Values after which types that fit fewer than half of them are no longer tried (and again at 10×). */
const CHECKPOINT = 1000;
/** Examples kept of unreadable values, per type. */
const EXAMPLES = 3;

export interface Example {
  row: number;
  value: string;
  /** Why the value cannot be read as the type (shown in the run's language with problemText). */
  reason: Problem;
}

/** Something worth knowing about a column; the command words it (see its messages). */
export type ColumnNote =
  | { code: 'all-blank' }
  | { code: 'leading-zeros'; count: number; example: string }
  | { code: 'long-digits'; count: number; example: string }
  | { code: 'percent-mixed'; without: number; example: string }
  | { code: 'date-order'; order: 'mdy' | 'dmy'; ambiguous: boolean }
  | { code: 'date-serials'; count: number; example: string }
  | { code: 'date-compact'; count: number }
  | { code: 'rounded'; count: number; example: Example }
  | { code: 'trimmed'; count: number; example: Seen }
  | { code: 'invisible'; count: number; example: Seen }
  | { code: 'case-variants'; values: string[] }
  | { code: 'numbers-as-text'; count: number }
  | { code: 'mixed-numbers'; count: number }
  | { code: 'booleans'; count: number }
  | { code: 'merged'; ranges: string[] };

export interface ValueCount {
  value: string;
  count: number;
}

/** A column as kpi reads it, once the whole file has been seen. */
export interface ColumnSummary {
  type: ProfileType;
  dateOrder: 'ymd' | 'mdy' | 'dmy';
  /** Non-blank values (unreadable ones included). */
  values: number;
  blank: number;
  unreadable: number;
  unreadableExamples: Example[];
  /** Values read with a warning (money with more decimals than the currency has). */
  warnings: number;
  distinct: number;
  /** More distinct values than were counted: `distinct` is a lower bound, and `top` counts the rows read until then. */
  distinctCapped: boolean;
  /** Most frequent values as read (trimmed text; numbers and dates as text), most frequent first. */
  top: ValueCount[];
  /** Smallest and largest value as read (numbers plain, money as decimal text, dates ISO, period labels). */
  min?: string;
  max?: string;
  /** The first currency sign or code seen in the values (¥, $, 元, USD …). */
  currency?: string;
  /** What the numbers showed about the decimal separator (read as score reads a file that does not declare it). */
  separator: SeparatorSeen;
  notes: ColumnNote[];
  /** Workbook number cells shown divided by their format (12.3456万 for 123456): the amounts are in the currency. */
  shownDivided?: number;
}

export interface Seen {
  row: number;
  value: string;
}

export interface SeparatorSeen {
  /** First value readable only with a decimal point (12.5, 1,234.56). */
  dot?: Seen;
  /** First value readable only with a decimal comma (12,5). */
  comma?: Seen;
  /** Values that read as two numbers (1.500, 12,000), and the first. */
  twoWays: number;
  twoWaysFirst?: Seen;
}

/** Shared by the columns of a file: the currency its amounts are read in, set by the first mark seen. */
export interface FileCurrency {
  rule: { code: string; symbol: string };
  /** The mark that set it, and where. */
  seen?: { mark: string; row: number };
}

class TypeStats {
  /** Values read without error. */
  ok = 0;
  /** Read without error and shaped like this type (a bare number read as a date does not count). */
  fit = 0;
  bad = 0;
  warned = 0;
  examples: Example[] = [];
  warnExample: Example | undefined;
  min = Infinity;
  max = -Infinity;
  /** Stopped: too many values failed for it to be the column's type (saves time on long files). */
  off = false;

  fail(row: number, value: string, reason: Problem, nonBlank: number): void {
    this.bad++;
    if (this.examples.length < EXAMPLES) this.examples.push({ row, value, reason });
    if (this.bad > 200 && this.bad > nonBlank / 2) this.off = true;
  }

  seen(x: number): void {
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }
}

const PERCENT_SIGN = /[%％]\)?$/;
const BARE_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;
const DIGITS = /^\d+$/;
const COMPACT_DATE = /^\d{8}$/;
const YEAR_LAST = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\D|$)/;
/** A label that could name a period has a year in it. */
const HAS_DIGIT = /\d/;
/** A whole date (2026-11-05): read as its month by the period reader, but a date, not a period label. */
const FULL_DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/;

const ORDERS = ['ymd', 'mdy', 'dmy'] as const;

/** What the profiler needs besides the values: the header's hint that a column holds money. */
export interface ColumnHints {
  money: boolean;
}

export class ColumnProfile {
  nonBlank = 0;
  blank = 0;
  private trimmed = 0;
  private trimmedExample: Seen | undefined;
  private invisible = 0;
  private invisibleExample: Seen | undefined;
  private leadingZeros = 0;
  private leadingZeroExample = '';
  private longDigits = 0;
  private longDigitExample = '';
  private currency = 0;
  private currencySymbol: string | undefined;
  private percentSigns = 0;
  private percentFormats = 0;
  private withoutPercent = 0;
  private withoutPercentExample = '';
  private bareNumbers = 0;
  private bareNumberExample = '';
  private compactDates = 0;
  private yearLast = 0;
  private numberCells = 0;
  /** Workbook number cells whose format shows them divided (`0!.0000"万"`, `#,##0,"K"`): they hold the currency. */
  private shownDivided = 0;
  private booleans = 0;
  /** Cells that cannot be read as anything (an error, a formula without a result, inside a merge). */
  private problems = 0;
  /** Text values (strings) that read as numbers: numbers stored as text in a workbook. */
  private numericText = 0;
  private readonly separator: SeparatorSeen = { twoWays: 0 };

  private readonly text = new TypeStats();
  private readonly period = new TypeStats();
  private readonly periodMin = { start: Infinity, label: '' };
  private readonly periodMax = { start: -Infinity, label: '' };
  /** By decimal separator considered ('.' always; ',' for files whose separator is not a comma). */
  private readonly numbers: Map<'.' | ',', TypeStats>;
  private readonly money: Map<'.' | ',', TypeStats>;
  private readonly dates = { ymd: new TypeStats(), mdy: new TypeStats(), dmy: new TypeStats() };

  private readonly counts = new Map<string, number>();
  /** The first raw value behind each counted text: a typed column's values are counted again by their reading. */
  private readonly firstRaw = new Map<string, RawValue>();
  private capped = false;
  private readonly note: Note = newNote();
  /** The settings with each decimal separator and each date order (made once, not per value). */
  private readonly withDecimal: ReadonlyMap<'.' | ',', ReadSettings>;
  private readonly withOrder: Record<'ymd' | 'mdy' | 'dmy', ReadSettings>;

  constructor(
    private readonly settings: ReadSettings,
    /** The settings to read numbers with, by decimal separator: '.' as score reads a file that does not declare it. */
    byDecimal: ReadonlyMap<'.' | ',', ReadSettings>,
    private readonly fileCurrency: FileCurrency,
    /** Most distinct values counted. */
    private readonly distinctCap: number,
  ) {
    this.numbers = new Map([...byDecimal.keys()].map((d) => [d, new TypeStats()]));
    this.money = new Map([...byDecimal.keys()].map((d) => [d, new TypeStats()]));
    this.withDecimal = byDecimal;
    this.withOrder = { ymd: { ...settings, dateOrder: 'ymd' }, mdy: { ...settings, dateOrder: 'mdy' }, dmy: { ...settings, dateOrder: 'dmy' } };
  }

  add(v: RawValue, row: number, format: FormatKind | undefined): void {
    if (isBlank(v)) {
      this.blank++;
      return;
    }
    const n = ++this.nonBlank;
    const s = this.settings;
    const note = this.note;
    const shown = shownRaw(v);

    // As text: the value a filter compares with, and the distinct values.
    note.error = null;
    const asText = readAs('text', v, s, note) as string | null;
    const textError = note.error;
    if (textError !== null) this.text.fail(row, shown, textError, n);
    else this.text.ok++;
    if (asText !== null) this.count(asText, v);

    let str: string | null = null;
    if (typeof v === 'string') {
      str = v.trim();
      if (str !== v && this.trimmed++ === 0) this.trimmedExample = { row, value: v };
      // What score removes (and warns about once per column): zero-width spaces, BOMs, direction marks.
      if (cleanText(str).removed && this.invisible++ === 0) this.invisibleExample = { row, value: v };
      const bare = BARE_NUMBER.test(str);
      if (bare) {
        this.bareNumbers++;
        if (this.bareNumberExample === '') this.bareNumberExample = str;
      }
      // What tells numbers, money and percents apart: only while the column may still be numeric.
      if (!(this.numbers.get('.') as TypeStats).off) {
        const cur = currencyIn(str);
        if (cur !== null) {
          this.currency++;
          this.currencySymbol ??= cur.mark;
          // The file's currency is the first one its amounts show (as a scheme would declare it).
          if (this.fileCurrency.seen === undefined) {
            this.fileCurrency.seen = { mark: cur.mark, row };
            this.fileCurrency.rule.code = codeOf(cur.codes);
          }
        }
        const pct = PERCENT_SIGN.test(str);
        if (pct) this.percentSigns++;
        else {
          this.withoutPercent++;
          if (bare && this.withoutPercentExample === '') this.withoutPercentExample = str;
        }
        if (DIGITS.test(str)) {
          if (str.length > 1 && str[0] === '0') {
            this.leadingZeros++;
            if (this.leadingZeroExample === '') this.leadingZeroExample = str;
          }
          if (str.length > 15) {
            this.longDigits++;
            if (this.longDigitExample === '') this.longDigitExample = str;
          }
        }
      }
      if (!this.dates.ymd.off || !this.dates.mdy.off) {
        if (COMPACT_DATE.test(str)) this.compactDates++;
        if (YEAR_LAST.test(str)) this.yearLast++;
      }
    } else if (typeof v === 'number') {
      this.numberCells++;
      if (format !== undefined && format >= FMT_UNIT) this.shownDivided++;
      if (format === FMT_PERCENT) this.percentFormats++;
      else {
        this.withoutPercent++;
        if (this.withoutPercentExample === '') this.withoutPercentExample = String(v);
      }
    } else if (typeof v === 'boolean') this.booleans++;
    else if (v instanceof CellProblem) this.problems++;

    // As a period label (2026-11, Nov 2026, 2026年11月, 2026-Q4), read as score reads a period column.
    const period = this.period;
    if (!period.off) {
      note.error = null;
      const label = asText !== null && HAS_DIGIT.test(asText) ? (readAs('period', v, s, note) as string | null) : null;
      if (label === null) period.fail(row, shown, note.error ?? problem('KPI2131', { value: asText ?? shown }), n);
      else {
        period.ok++;
        // Dates and bare numbers read as periods too, but do not make a column of period labels.
        if (str !== null && !BARE_NUMBER.test(str) && !FULL_DATE.test(str)) period.fit++;
        const p = readPeriodLabel(label);
        if (!('error' in p)) {
          if (p.start < this.periodMin.start) Object.assign(this.periodMin, { start: p.start, label });
          if (p.start > this.periodMax.start) Object.assign(this.periodMax, { start: p.start, label });
        }
      }
    }

    // As a number (and percent: the same reading), and as money, for each decimal separator considered.
    for (const [decimal, stats] of this.numbers) {
      if (stats.off) continue;
      note.error = null;
      note.sep = 0;
      const x = readAs('number', v, this.withDecimal.get(decimal) as ReadSettings, note) as number;
      if (decimal === '.' && note.sep !== 0) this.sawSeparator(note.sep, row, shown);
      if (note.error !== null) stats.fail(row, shown, note.error, n);
      else {
        stats.ok++;
        stats.fit++;
        stats.seen(x);
        if (typeof v === 'string' && !s.csv) this.numericText++;
      }
    }
    for (const [decimal, stats] of this.money) {
      if (stats.off) continue;
      note.error = null;
      note.warning = null;
      note.sep = 0;
      const x = readAs('money', v, this.withDecimal.get(decimal) as ReadSettings, note) as number;
      if (note.error !== null) stats.fail(row, shown, note.error, n);
      else {
        stats.ok++;
        stats.fit++;
        stats.seen(x);
        if (note.warning !== null) {
          stats.warned++;
          stats.warnExample ??= { row, value: shown, reason: note.warning };
        }
      }
    }

    // As a date, in each date order: a year-last date (11/01/2026) reads differently in each.
    const yearLast = str !== null && YEAR_LAST.test(str);
    let first: number | null = null;
    let firstError: string | null = null;
    for (const order of ORDERS) {
      const stats = this.dates[order];
      if (stats.off) continue;
      let day: number;
      let error: Problem | null;
      if (first !== null && !yearLast) {
        day = first;
        error = firstError;
      } else {
        note.error = null;
        day = readAs('date', v, this.withOrder[order], note) as number;
        error = note.error;
        first = day;
        firstError = error;
      }
      if (error !== null || Number.isNaN(day)) stats.fail(row, shown, error ?? problem('KPI2122', { value: shown }), n);
      else {
        stats.ok++;
        // A bare number or 8 digits can be read as a date, but does not make a column look like dates.
        if (str === null ? v instanceof Date : !BARE_NUMBER.test(str)) stats.fit++;
        stats.seen(day);
      }
    }
    if (n === CHECKPOINT || n === CHECKPOINT * 10) this.checkpoint();
  }

  /** What a number showed about the decimal separator, as score's SeparatorWatch collects it. */
  private sawSeparator(bits: number, row: number, value: string): void {
    const sep = this.separator;
    if ((bits & SEP_DOT) !== 0) sep.dot ??= { row, value };
    if ((bits & SEP_COMMA) !== 0) sep.comma ??= { row, value };
    if ((bits & SEP_GUESS) !== 0) {
      sep.twoWays++;
      sep.twoWaysFirst ??= { row, value };
    }
  }

  /**
   * After the first values, stop reading as the types too few of them look like (a date column as period
   * labels, an id column as numbers): they cannot be the column's type, and long files read faster.
   */
  private checkpoint(): void {
    const n = this.nonBlank - this.problems;
    const hopeless = (t: TypeStats): void => {
      if (t.fit < n / 2) t.off = true;
    };
    hopeless(this.period);
    for (const t of this.numbers.values()) hopeless(t);
    for (const t of this.money.values()) hopeless(t);
    // yyyymmdd dates do not look like dates one by one (bare numbers), only all together.
    for (const order of ORDERS) if (this.dates[order].fit + this.compactDates < n / 2) this.dates[order].off = true;
  }

  /** Counts a value as read. Past the cap no more are counted (a lookup per value is most of the time on long files). */
  private count(value: string, raw: RawValue): void {
    if (this.capped) return;
    const c = this.counts.get(value);
    if (c !== undefined) this.counts.set(value, c + 1);
    else if (this.counts.size < this.distinctCap) {
      this.counts.set(value, 1);
      this.firstRaw.set(value, raw);
    } else this.capped = true;
  }

  /**
   * The counted values as the column's type reads them: 2026/7/7 and 2026-07-07 are one date, "1,009.48" and
   * 1009.48 one amount. A value the type cannot read stays as written. Text columns are counted as they are.
   */
  private typedCounts(type: ProfileType, decimal: '.' | ',', dateOrder: 'ymd' | 'mdy' | 'dmy'): Map<string, number> {
    if (type === 'text') return this.counts;
    const settings = type === 'date' ? this.withOrder[dateOrder] : type === 'period' ? this.settings : (this.withDecimal.get(decimal) as ReadSettings);
    const note = this.note;
    const folded = new Map<string, number>();
    for (const [text, count] of this.counts) {
      note.error = null;
      const x = readAs(type, this.firstRaw.get(text), settings, note);
      let key = text;
      if (note.error === null && x !== null && !(typeof x === 'number' && Number.isNaN(x))) {
        key = typeof x === 'string' ? x : type === 'date' ? dayToIso(x) : type === 'money' ? minorToDecimal(x, settings.minorUnit) : plainNumber(x);
      }
      folded.set(key, (folded.get(key) ?? 0) + count);
    }
    return folded;
  }

  /** The decimal separator the values read best with (only ',' when it reads strictly more). */
  numericFit(decimal: '.' | ','): number {
    return this.numbers.get(decimal)?.fit ?? 0;
  }

  /** The column's type and everything peek shows about it. `decimal` is the file's decimal separator. */
  summary(decimal: '.' | ',', hints: ColumnHints, top: number): ColumnSummary {
    // A cell no type can read (#N/A, a formula without a result) says nothing about the column's type.
    const n = this.nonBlank - this.problems;
    const notes: ColumnNote[] = [];
    const fits = (stats: TypeStats, count = stats.fit): boolean => !stats.off && n > 0 && (count >= FIT * n || (n >= 3 && n - count <= 1));

    let type: ProfileType = 'text';
    let dateOrder: 'ymd' | 'mdy' | 'dmy' = 'ymd';
    const numbers = this.numbers.get(decimal) as TypeStats;
    const money = this.money.get(decimal) as TypeStats;
    const idLike = this.leadingZeros > 0 || this.longDigits > 0;

    const order = this.bestDateOrder();
    if (this.nonBlank === 0) notes.push({ code: 'all-blank' });
    else if (n === 0) type = 'text';
    else if (this.compactDates === n && this.dates.ymd.ok === n && !idLike) {
      type = 'date';
      notes.push({ code: 'date-compact', count: n });
    } else if (fits(this.dates[order.order])) {
      type = 'date';
      dateOrder = order.order;
      if (dateOrder !== 'ymd') notes.push({ code: 'date-order', order: dateOrder, ambiguous: order.ambiguous });
    } else if (fits(this.period)) type = 'period';
    else if (fits(numbers) && !idLike) {
      if (this.percentSigns + this.percentFormats >= numbers.ok / 2) {
        type = 'percent';
        if (this.withoutPercent > 0 && numbers.ok > this.percentSigns + this.percentFormats) {
          notes.push({ code: 'percent-mixed', without: numbers.ok - this.percentSigns - this.percentFormats, example: this.withoutPercentExample });
        }
      } else if ((this.currency > 0 || hints.money) && fits(money, money.ok)) type = 'money';
      else type = 'number';
    }
    // Ids of digits: text, and why (a number would drop the leading zeros, or lose digits past 15).
    if (type === 'text' && idLike && this.bareNumbers >= FIT * n) {
      if (this.leadingZeros > 0) notes.push({ code: 'leading-zeros', count: this.leadingZeros, example: this.leadingZeroExample });
      if (this.longDigits > 0) notes.push({ code: 'long-digits', count: this.longDigits, example: this.longDigitExample });
    }

    const stats = type === 'text' ? this.text : type === 'period' ? this.period : type === 'date' ? this.dates[dateOrder] : type === 'money' ? money : numbers;
    if (type === 'date' && this.bareNumbers > 0 && this.compactDates < n) {
      notes.push({ code: 'date-serials', count: this.bareNumbers, example: this.bareNumberExample });
    }
    if (type === 'money' && stats.warned > 0 && stats.warnExample) notes.push({ code: 'rounded', count: stats.warned, example: stats.warnExample });
    if (type === 'text' && this.numberCells > 0 && this.numberCells < n && !idLike) notes.push({ code: 'mixed-numbers', count: this.numberCells });
    if (this.numericText > 0 && type !== 'text' && type !== 'period' && type !== 'date') notes.push({ code: 'numbers-as-text', count: this.numericText });
    if (this.booleans > 0) notes.push({ code: 'booleans', count: this.booleans });
    if (this.trimmedExample) notes.push({ code: 'trimmed', count: this.trimmed, example: this.trimmedExample });
    if (this.invisibleExample) notes.push({ code: 'invisible', count: this.invisible, example: this.invisibleExample });

    const sorted = [...this.typedCounts(type, decimal, dateOrder)].sort((a, b) => b[1] - a[1]);
    const variants = type === 'text' ? caseVariants(sorted.map(([v]) => v)) : [];
    if (variants.length > 0) notes.push({ code: 'case-variants', values: variants });

    const summary: ColumnSummary = {
      type,
      dateOrder,
      values: this.nonBlank,
      blank: this.blank,
      unreadable: stats.bad,
      unreadableExamples: stats.examples,
      warnings: stats.warned,
      distinct: sorted.length,
      distinctCapped: this.capped,
      separator: this.separator,
      ...(this.shownDivided > 0 ? { shownDivided: this.shownDivided } : {}),
      top: sorted.slice(0, top).map(([value, count]) => ({ value, count })),
      notes,
    };
    if (this.currencySymbol !== undefined && (type === 'money' || type === 'number')) summary.currency = this.currencySymbol;
    const range = this.range(type, stats);
    if (range) {
      summary.min = range[0];
      summary.max = range[1];
    }
    return summary;
  }

  /** Which date order reads the most values; ambiguous when a year-last date reads in both mdy and dmy. */
  private bestDateOrder(): { order: 'ymd' | 'mdy' | 'dmy'; ambiguous: boolean } {
    const { ymd, mdy, dmy } = this.dates;
    if (this.yearLast === 0 || ymd.fit >= Math.max(mdy.fit, dmy.fit)) return { order: 'ymd', ambiguous: false };
    // Equal: no day above 12 in either place. Month first is what Excel writes in the United States.
    if (mdy.fit === dmy.fit) return { order: 'mdy', ambiguous: true };
    return { order: mdy.fit > dmy.fit ? 'mdy' : 'dmy', ambiguous: false };
  }

  private range(type: ProfileType, stats: TypeStats): [string, string] | undefined {
    if (type === 'text') return undefined;
    if (type === 'period') return this.periodMin.label === '' ? undefined : [this.periodMin.label, this.periodMax.label];
    if (stats.min > stats.max) return undefined;
    const show = (x: number): string => (type === 'date' ? dayToIso(x) : type === 'money' ? minorToDecimal(x, this.settings.minorUnit) : plainNumber(x));
    return [show(stats.min), show(stats.max)];
  }
}

/** The currency a mark stands for: the one it names, yuan for ¥ (or yen for 円), US dollars for $. */
function codeOf(codes: readonly string[]): string {
  return codes.includes('CNY') ? 'CNY' : codes.includes('USD') ? 'USD' : (codes[0] ?? 'USD');
}

/** Values that differ only in case or width ("Won", "won", "ＷＯＮ"): a filter matches one of them only. */
function caseVariants(values: readonly string[]): string[] {
  const byFold = new Map<string, string[]>();
  for (const v of values) {
    const k = v.normalize('NFKC').toLowerCase();
    const list = byFold.get(k);
    if (list) list.push(v);
    else byFold.set(k, [v]);
  }
  for (const list of byFold.values()) if (list.length > 1) return list.slice(0, 4);
  return [];
}

/** A raw value as shown in an example of an unreadable value. */
export function shownRaw(v: RawValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof CellProblem) return v.shown;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** A number as plain text: no exponent for ordinary sizes, -0 as 0. */
export function plainNumber(x: number): string {
  if (x === 0) return '0';
  return String(x);
}

/** Integer minor units as decimal text: 1534700 at 2 places → "15347.00". */
export function minorToDecimal(units: number, places: number): string {
  const neg = units < 0;
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return neg ? `-${text}` : text;
}
