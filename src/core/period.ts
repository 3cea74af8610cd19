// Periods and calendar days. DayNumber = whole days since 1970-01-01, computed with UTC arithmetic only so
// the machine's time zone can never move a date.
import type { Period } from './results.js';
import type { DayNumber } from './table.js';
import { timeOfDayProblem } from './time-of-day.js';
import { problem, type Problem } from '../messages/index.js';
import { said, type Said } from './says.js';

const MS_PER_DAY = 86_400_000;

function dayFromYmd(y: number, m: number, d: number): DayNumber {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymdFromDay(day: DayNumber): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The one day → ISO date converter (YYYY-MM-DD; years past 9999 keep all their digits). */
export function isoFromDay(day: DayNumber): string {
  // civil_from_days (H. Hinnant): integer arithmetic only, valid far beyond JavaScript's Date range.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** `YYYY-MM-DD` → DayNumber; null when not a real calendar date. */
export function dayFromIso(iso: string): DayNumber | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const day = dayFromYmd(y, mo, d);
  const back = ymdFromDay(day);
  return back.y === y && back.m === mo && back.d === d ? day : null;
}

function lastDayOfMonth(y: number, m: number): DayNumber {
  return dayFromYmd(y, m + 1, 1) - 1;
}

function month(y: number, m: number): Period {
  return { label: `${pad(y, 4)}-${pad(m)}`, kind: 'month', start: dayFromYmd(y, m, 1), end: lastDayOfMonth(y, m) };
}
function quarter(y: number, q: number): Period {
  return { label: `${pad(y, 4)}-Q${q}`, kind: 'quarter', start: dayFromYmd(y, q * 3 - 2, 1), end: lastDayOfMonth(y, q * 3) };
}
function ytd(y: number, m: number): Period {
  return { label: `${pad(y, 4)}-${pad(m)}-YTD`, kind: 'ytd', start: dayFromYmd(y, 1, 1), end: lastDayOfMonth(y, m) };
}
function year(y: number): Period {
  return { label: pad(y, 4), kind: 'year', start: dayFromYmd(y, 1, 1), end: dayFromYmd(y, 12, 31) };
}

const validYear = (y: number): boolean => y >= 1900 && y <= 9999;
const validMonth = (m: number): boolean => m >= 1 && m <= 12;

/** `2026-11` (month), `2026-Q4` (quarter), `2026-11-YTD` (Jan 1 → end of Nov), `2026` (year). */
export function parsePeriod(label: string): Period | { error: Said } {
  const s = label.trim();
  let m: RegExpExecArray | null;
  // The caller names the label; this says what is wrong and what is accepted, as a sentence of the core.
  const bad = (why: 'periodError.notMonth' | 'periodError.yearRange' | 'periodError.notPeriod'): { error: Said } => ({
    error: said('periodError.use', { why: said(why) }),
  });
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!validYear(y) || !validMonth(mo)) return bad('periodError.notMonth');
    return month(y, mo);
  }
  if ((m = /^(\d{4})-?Q([1-4])$/i.exec(s))) {
    const y = Number(m[1]);
    if (!validYear(y)) return bad('periodError.yearRange');
    return quarter(y, Number(m[2]));
  }
  if ((m = /^(\d{4})-(\d{1,2})-YTD$/i.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!validYear(y) || !validMonth(mo)) return bad('periodError.notMonth');
    return ytd(y, mo);
  }
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    if (!validYear(y)) return bad('periodError.yearRange');
    return year(y);
  }
  return bad('periodError.notPeriod');
}

function startYm(p: Period): { y: number; m: number } {
  const { y, m } = ymdFromDay(p.start);
  return { y, m };
}
function endYm(p: Period): { y: number; m: number } {
  const { y, m } = ymdFromDay(p.end);
  return { y, m };
}

/** The period of the same length just before: previous month / previous quarter; YTD and year: same range last year. */
export function previousPeriod(p: Period): Period {
  const { y, m } = startYm(p);
  if (p.kind === 'month') return m === 1 ? month(y - 1, 12) : month(y, m - 1);
  if (p.kind === 'quarter') {
    const q = Math.floor((m - 1) / 3) + 1;
    return q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
  }
  return samePeriodLastYear(p);
}

export function samePeriodLastYear(p: Period): Period {
  const { y, m } = startYm(p);
  if (p.kind === 'month') return month(y - 1, m);
  if (p.kind === 'quarter') return quarter(y - 1, Math.floor((m - 1) / 3) + 1);
  if (p.kind === 'ytd') return ytd(y - 1, endYm(p).m);
  return year(y - 1);
}

export function daysInPeriod(p: Period): number {
  return p.end - p.start + 1;
}

// ---- period labels in data files ----------------------------------------------------------------------------

const MONTH_NAMES: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const CJK_QUARTER: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, 一: 1, 二: 2, 三: 3, 四: 4 };
const NAME = '([a-z]+)\\.?';
const SEP = '\\s*[-/.,\\s]\\s*';
/** A time after a date, captured (group 4) to be checked by timeOfDayProblem. */
const TIME = '(?:[ t](\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?))?';

const LABEL = {
  yearMonth: /^(\d{4})\s*[-/.]\s*(\d{1,2})$/,
  compact: /^(\d{4})(\d{2})$/,
  monthYear: /^(\d{1,2})\s*[-/.]\s*(\d{4})$/,
  nameYear: new RegExp(`^${NAME}${SEP}(\\d{4})$`),
  nameYearTight: new RegExp(`^${NAME}(\\d{4})$`),
  yearName: new RegExp(`^(\\d{4})${SEP}${NAME}$`),
  cjkMonth: /^(\d{4})\s*年\s*(\d{1,2})\s*月份?$/,
  quarter: /^(\d{4})\s*[-/ ]?\s*q([1-4])$/,
  quarterFirst: /^q([1-4])\s*[-/ ,]?\s*(\d{4})$/,
  cjkQuarter: /^(\d{4})\s*年\s*(?:第\s*)?([1-4一二三四])\s*季(?:度)?$/,
  cjkQuarterQ: /^(\d{4})\s*年\s*q([1-4])$/,
  year: /^(\d{4})\s*年?$/,
  ytd: /^(\d{4})-(\d{1,2})-ytd$/,
  date: new RegExp(`^(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})${TIME}$`),
  compactDate: /^(\d{4})(\d{2})(\d{2})$/,
  cjkDate: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
  yearLastDate: new RegExp(`^(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{4})${TIME}$`),
  // Shapes that are refused with their own reason.
  twoDigitYear: new RegExp(`^(?:${NAME}${SEP}\\d{2}|\\d{2}\\s*年\\s*\\d{1,2}\\s*月份?|\\d{2}\\s*[-/ ]?\\s*q[1-4]|q[1-4]\\s*[-/ ]?\\s*\\d{2})$`),
  fiscalPeriod: /^\d{4}\s*年\s*\d{1,2}\s*期$|^fy/,
};

/** Month-name dates as Excel, CRMs and Oracle write them (lowercase): 3-nov-2026, 03nov2026, nov 3, 2026, 2026-nov-03. */
const WEEKDAY_NAME = String.raw`(?:(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+)?`;
const NAME_DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const NAME_TIME = String.raw`(?:[ t]\s*(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2}|[ap]m)?))?`;
const NAME_SEP = String.raw`(?:\s*,\s*|\s*[-/.\s]\s*)`;
const NAMED_DATE = {
  dayFirst: new RegExp(String.raw`^${WEEKDAY_NAME}${NAME_DAY}\s*[-/.\s]?\s*([a-z]+)\.?${NAME_SEP}?(\d{4}|\d{2})${NAME_TIME}$`),
  monthFirst: new RegExp(String.raw`^${WEEKDAY_NAME}([a-z]+)\.?\s*[-/.\s]?\s*${NAME_DAY}${NAME_SEP}(\d{4}|\d{2})${NAME_TIME}$`),
  yearFirst: new RegExp(String.raw`^(\d{4})\s*[-/.\s]\s*([a-z]+)\.?\s*[-/.\s]\s*(\d{1,2})${NAME_TIME}$`),
};
const WEEKDAY_NUMBER: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** A date written with an English month name, as its parts (not checked), or null when it is not one. */
export interface NamedDate {
  y: number;
  m: number;
  d: number;
  /** The year was written with two digits (03-NOV-26): refused, never guessed. */
  twoDigitYear: boolean;
  time?: string;
  /** 0 = Sunday, when a weekday is written before the date (Tuesday, November 3, 2026). */
  weekday?: number;
}

export function namedDate(text: string): NamedDate | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = NAMED_DATE.yearFirst.exec(s);
  let parts: [string | undefined, string, string, string, string | undefined] | null = null; // weekday, day, name, year, time
  if (m) parts = [undefined, m[3]!, m[2]!, m[1]!, m[4]];
  else if ((m = NAMED_DATE.dayFirst.exec(s))) parts = [m[1], m[2]!, m[3]!, m[4]!, m[5]];
  else if ((m = NAMED_DATE.monthFirst.exec(s))) parts = [m[1], m[3]!, m[2]!, m[4]!, m[5]];
  if (parts === null) return null;
  const month = MONTH_NAMES[parts[2]];
  if (month === undefined) return null;
  return {
    y: Number(parts[3]),
    m: month,
    d: Number(parts[1]),
    twoDigitYear: parts[3].length === 2,
    ...(parts[4] === undefined ? {} : { time: parts[4] }),
    ...(parts[0] === undefined ? {} : { weekday: WEEKDAY_NUMBER[parts[0]]! }),
  };
}

const daysIn = (y: number, m: number): number => lastDayOfMonth(y, m) - dayFromYmd(y, m, 1) + 1;

/**
 * Why a date written with the year last (13/11/2026) is not read in a source without date_order: both orders fit
 * (KPI2126), only one does (KPI2178: 13 is no month, so day/month is the only reading: the message names it rather
 * than "could be either"), or neither (KPI2179). Never read: the other dates of the column may read both ways.
 */
export function noDateOrderProblem(value: string, y: number, a: number, b: number): Problem {
  const fits = (mo: number, d: number) => validMonth(mo) && d >= 1 && d <= daysIn(y, mo);
  const dmy = fits(b, a);
  const mdy = fits(a, b);
  if (dmy === mdy) return problem(dmy ? 'KPI2126' : 'KPI2179', { value });
  const order = dmy ? 'dmy' : 'mdy';
  return problem('KPI2178', { value, order, orderTerm: `term.${order}`, month: dmy ? a : b });
}

/**
 * A period label as written in a data file (period columns of sources, targets and deductions files), or why
 * it cannot be read. Accepted, with any year 1900–9999 written in full:
 * - months: 2026-11, 2026-1, 2026/11, 2026.11, 202611, 11/2026, 11-2026, 11.2026, Nov 2026, Nov-2026,
 *   Nov. 2026, November 2026, 2026 Nov, NOV2026, 2026年11月, 2026年11月份;
 * - a date, taken as its month: 2026-11-01, 2026/11/1, 2026.11.01, 20261101, 2026年11月1日, with a time after it
 *   (2026-11-01 00:00:00); 11/01/2026 only with the source's date_order (mdy or dmy);
 * - quarters: 2026-Q4, 2026Q4, 2026 Q4, Q4 2026, Q4-2026, 2026年第4季度, 2026年第四季度, 2026年4季度, 2026年Q4;
 * - a year: 2026, 2026年; year to date: 2026-11-YTD.
 * Full-width digits and letters are read as their ASCII forms. Anything else is refused: a two-digit year
 * (Nov 26: the 26th of November?), an accounting period number (2026年11期: fiscal periods need not be
 * calendar months), a month 13, a day that does not exist.
 */
export function readPeriodLabel(raw: string, dateOrder: 'ymd' | 'mdy' | 'dmy' = 'ymd'): Period | { error: Problem } {
  const shown = raw.trim();
  const s = shown.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const bad = (code: LabelProblem): { error: Problem } => ({ error: problem(code, { value: shown }) });
  const notPeriod = (): { error: Problem } => bad('KPI2131');
  const ym = (yText: string, mo: number): Period | { error: Problem } => {
    const y = Number(yText);
    if (!validYear(y)) return bad('KPI2132');
    if (!validMonth(mo)) return { error: problem('KPI2133', { value: shown, month: mo }) };
    return month(y, mo);
  };
  const ymdDay = (yText: string, mo: number, d: number, time?: string): Period | { error: Problem } => {
    const p = ym(yText, mo);
    if ('error' in p) return p;
    if (d < 1 || d > daysIn(Number(yText), mo)) return bad('KPI2121');
    const clock = time === undefined ? null : timeOfDayProblem(time);
    return clock === null ? p : { error: clock(shown) };
  };
  const named = (name: string, y: string): Period | { error: Problem } => {
    const mo = MONTH_NAMES[name];
    return mo === undefined ? notPeriod() : ym(y, mo);
  };
  let m: RegExpExecArray | null;
  if ((m = LABEL.yearMonth.exec(s)) || (m = LABEL.compact.exec(s)) || (m = LABEL.cjkMonth.exec(s))) return ym(m[1]!, Number(m[2]));
  if ((m = LABEL.monthYear.exec(s))) return ym(m[2]!, Number(m[1]));
  if (LABEL.fiscalPeriod.test(s)) {
    return bad('KPI2135');
  }
  if ((m = LABEL.nameYear.exec(s)) || (m = LABEL.nameYearTight.exec(s))) return named(m[1]!, m[2]!);
  if ((m = LABEL.yearName.exec(s))) return named(m[2]!, m[1]!);
  if ((m = LABEL.quarter.exec(s)) || (m = LABEL.cjkQuarterQ.exec(s))) return quarterOf(m[1]!, Number(m[2]), bad);
  if ((m = LABEL.quarterFirst.exec(s))) return quarterOf(m[2]!, Number(m[1]), bad);
  if ((m = LABEL.cjkQuarter.exec(s))) return quarterOf(m[1]!, CJK_QUARTER[m[2]!]!, bad);
  if ((m = LABEL.date.exec(s)) || (m = LABEL.compactDate.exec(s)) || (m = LABEL.cjkDate.exec(s))) {
    return ymdDay(m[1]!, Number(m[2]), Number(m[3]), m[4]);
  }
  if ((m = LABEL.yearLastDate.exec(s))) {
    if (dateOrder === 'ymd') return { error: noDateOrderProblem(shown, Number(m[3]), Number(m[1]), Number(m[2])) };
    const [mo, d] = dateOrder === 'mdy' ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    return ymdDay(m[3]!, mo, d, m[4]);
  }
  if ((m = LABEL.year.exec(s))) {
    const y = Number(m[1]);
    return validYear(y) ? year(y) : bad('KPI2132');
  }
  if ((m = LABEL.ytd.exec(s))) {
    const p = ym(m[1]!, Number(m[2]));
    return 'error' in p ? p : ytd(Number(m[1]), Number(m[2]));
  }
  const nd = namedDate(s);
  // 3-Nov-2026 as its month; a weekday before it (Tuesday, November 3, 2026) is no period label.
  if (nd !== null && nd.weekday === undefined) return nd.twoDigitYear ? bad('KPI2134') : ymdDay(String(nd.y), nd.m, nd.d, nd.time);
  if (LABEL.twoDigitYear.test(s)) return bad('KPI2134');
  return notPeriod();
}

type LabelProblem = 'KPI2121' | 'KPI2126' | 'KPI2131' | 'KPI2132' | 'KPI2134' | 'KPI2135';

function quarterOf(yText: string, q: number, bad: (code: LabelProblem) => { error: Problem }): Period | { error: Problem } {
  const y = Number(yText);
  return validYear(y) ? quarter(y, q) : bad('KPI2132');
}

/** A period label as written in a data file, as a period; null when it is not one (see readPeriodLabel). */
export function normaliseLabel(raw: string): Period | null {
  const p = readPeriodLabel(raw);
  return 'error' in p ? null : p;
}

/**
 * Whether a row labelled `raw` belongs to period `p`: a month label matches when the month lies inside the
 * period (so quarter/YTD/year periods take their months); any other label only when it is the same period.
 */
export function labelInPeriod(raw: string, p: Period): boolean {
  const n = normaliseLabel(raw);
  if (!n) return false;
  if (n.kind === 'month') return n.start >= p.start && n.end <= p.end;
  return n.kind === p.kind && n.start === p.start && n.end === p.end;
}
