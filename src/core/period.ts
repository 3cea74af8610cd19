// Periods and calendar days. DayNumber = whole days since 1970-01-01, computed with UTC arithmetic only so
// the machine's time zone can never move a date.
import type { Period } from './results.js';
import type { DayNumber } from './table.js';

const MS_PER_DAY = 86_400_000;

export function dayFromYmd(y: number, m: number, d: number): DayNumber {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymdFromDay(day: DayNumber): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoFromDay(day: DayNumber): string {
  const { y, m, d } = ymdFromDay(day);
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
export function parsePeriod(label: string): Period | { error: string } {
  const s = label.trim();
  let m: RegExpExecArray | null;
  const bad = (why: string): { error: string } => ({
    // The caller names the label; this says what is wrong and what is accepted.
    error: `${why}; use 2026-11 (month), 2026-Q4 (quarter), 2026-11-YTD (year to date) or 2026 (year)`,
  });
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!validYear(y) || !validMonth(mo)) return bad('not a valid month');
    return month(y, mo);
  }
  if ((m = /^(\d{4})-?Q([1-4])$/i.exec(s))) {
    const y = Number(m[1]);
    if (!validYear(y)) return bad('year out of range 1900-9999');
    return quarter(y, Number(m[2]));
  }
  if ((m = /^(\d{4})-(\d{1,2})-YTD$/i.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!validYear(y) || !validMonth(mo)) return bad('not a valid month');
    return ytd(y, mo);
  }
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    if (!validYear(y)) return bad('year out of range 1900-9999');
    return year(y);
  }
  return bad('not a period');
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

/** A period label as written in a data file, normalised: 2026/11, 2026-11-01, 202611 → month 2026-11. */
export function normaliseLabel(raw: string): Period | null {
  const s = raw.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s)) || (m = /^(\d{4})(\d{2})$/.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!validYear(y) || !validMonth(mo)) return null;
    if (m[3] !== undefined && dayFromIso(`${m[1]}-${m[2]}-${m[3]}`) === null) return null;
    return month(y, mo);
  }
  const p = parsePeriod(s);
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
