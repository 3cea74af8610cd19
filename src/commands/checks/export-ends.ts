// A source whose export stops days before another's (sales exported on 14 November, collections on 1 December,
// November scored): its figures lack the rest of the period, which looks like a slow fortnight, and nothing else
// looks wrong. Said when the source had rows on most days up to its last one, so the silence after it is not a
// quiet spell (KPI2754, NOT FINAL). Exports all taken on one day cannot be told from a quiet end, and are not said.
import { daysSeen, periodKey, periodRows } from '../../core/period-rows.js';
import { isoFromDay } from '../../core/period.js';
import { aggregatedSources } from '../../core/rules/metrics/index.js';
import { problem } from '../../messages/index.js';
import type { Prepared } from '../pipeline.js';
import { periodRowsCache } from '../period-rows-cache.js';
import { fileIssue, type Findings } from './run-issue.js';

/** Days without a row after the source's last, while another source has rows. */
const GAP_DAYS = 7;
/** Days with rows before it stops: fewer tell nothing about how often it has rows. */
const MIN_DAYS = 10;

interface End {
  source: string;
  file: string;
  first: number;
  last: number;
  /** Days of the period with a row, up to the last. */
  days: number;
}

export function exportsCutShort(run: Pick<Prepared, 'model' | 'tables' | 'period'>, out: Findings): void {
  const counted = aggregatedSources(run.model.metrics);
  const ends: End[] = [];
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    const col = spec.date === undefined ? undefined : table?.columns.get(spec.date);
    if (!table || !counted.has(spec.name) || col?.type !== 'date') continue;
    const { start, end } = run.period;
    const { rows, count, days: found } = periodRowsCache(run.tables).get(periodKey(spec.name, run.period)) ?? periodRows(table, spec, run.period);
    // The days the scoring's pass found while it listed the rows: by this same column (a derived column never takes
    // the place of a read one, derived-columns.ts, and a derived date is not in the tables read: skipped above).
    const { seen, first, last } = found ?? daysSeen(col.values, rows, count, start, end);
    if (first > last) continue;
    let days = 0;
    for (const s of seen) days += s;
    ends.push({ source: spec.name, file: table.file, first, last, days });
  }
  const latest = ends.reduce<End | undefined>((a, e) => (a === undefined || e.last > a.last ? e : a), undefined);
  if (latest === undefined) return;
  for (const e of ends) {
    const gap = latest.last - e.last;
    if (gap < GAP_DAYS || e.days < MIN_DAYS || e.days * 2 < e.last - e.first + 1) continue;
    const p = problem('KPI2754', {
      file: e.file,
      source: e.source,
      last: isoFromDay(e.last),
      gap,
      other: latest.file,
      otherLast: isoFromDay(latest.last),
      days: e.days,
      span: e.last - e.first + 1,
      period: run.period.label,
    });
    fileIssue(out, p, { file: e.file, source: e.source }, ['sources', e.source], true);
  }
}
