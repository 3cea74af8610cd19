// A time of day written after a date (2026-11-05 14:30, 2026/11/5 2:30 PM, 2026-11-05T14:30:00+08:00). kpi keeps
// only the date, but a time no clock shows (25:00, 24:60, 13:00 PM, +25:00) says the value is not what it seems
// (a duration, two fields run together, a damaged export), so it is reported instead of being read as that day.

import { problem, type Problem } from '../messages/index.js';

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:(z)|([+-])(\d{2}):?(\d{2})|([ap])m)?$/i;

/**
 * Why `time` (the part after the date) is not a time of day, or null when it is one: the problem of the whole
 * value (the date and time as written, given to the function returned). Hours 0–23 (0–12 before AM/PM),
 * minutes and seconds 0–59 (a leap second 23:59:60 too), a UTC offset within ±14:00 with minutes 0–59.
 * 24:00 is refused: it is midnight at the end of the day, i.e. the next day, which matters on a period's last day.
 */
export function timeOfDayProblem(time: string): ((value: string) => Problem) | null {
  const m = CLOCK.exec(time.trim());
  if (m === null) return (value) => problem('KPI2141', { value, time: time.trim() });
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  const twelveHour = m[8] !== undefined;
  if (twelveHour ? h > 12 : h > 23) {
    if (!twelveHour && h === 24 && min === 0 && s === 0) return (value) => problem('KPI2142', { value });
    return (value) => problem(twelveHour ? 'KPI2144' : 'KPI2143', { value, hour: h });
  }
  if (min > 59) return (value) => problem('KPI2145', { value, minute: min });
  if (s > 59 && !(s === 60 && h === 23 && min === 59)) return (value) => problem('KPI2146', { value, second: s });
  if (m[5] !== undefined && (Number(m[6]) > 14 || Number(m[7]) > 59)) return (value) => problem('KPI2147', { value, offset: `${m[5]}${m[6]}:${m[7]}` });
  return null;
}
