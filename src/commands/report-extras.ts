// What only the Excel report needs, computed only when one is written: the previous period scored by the same core
// (when the data reaches it), and the rows behind each rep's figures.
import type { RunResult } from '../core/results.js';
import { previousPeriod } from '../core/period.js';
import { prepareRows, rowsInPeriod, selectRows, type PreparedRows } from '../core/rows-behind.js';
import { scoreRun } from '../core/score.js';
import type { ReportContext } from '../output/report.js';
import type { Prepared } from './pipeline.js';

/**
 * Most rows listed on the report's "Rows" sheets, over all sources. Whole reps are listed in rank order while
 * they fit; the others are named on the sheet (their rows are in the data files and in `kpi explain`). Writing
 * rows with exceljs costs about 0.15 ms each (measured: 20,000 rows of a 1M-row period added 3–5 s to the report),
 * so the limit keeps a large run's report within seconds while a team's month (hundreds to a few thousand rows)
 * is listed whole.
 */
const ROWS_BEHIND_LIMIT = 10_000;

/**
 * Most rows listed on a lead's scorecard (the whole team's). They are written straight into the sheet XML, not
 * through exceljs, so a card holds as many as the report.
 */
export const CARD_ROWS_LIMIT = 10_000;

/** The rows of the period by rep, read once per run for the report and the scorecards alike. */
const preparedRows = new WeakMap<Prepared, PreparedRows>();
function rowsOf(run: Prepared): PreparedRows {
  let p = preparedRows.get(run);
  if (!p) preparedRows.set(run, (p = prepareRows({ model: run.model, period: run.period, reps: run.reps, tables: run.tables })));
  return p;
}

/** What only the scorecards need: the rows behind a lead's card, by the ids of the team. */
export function cardExtras(run: Prepared): Pick<ReportContext, 'cardRows'> {
  const index = new Map(run.reps.map((r, i) => [r.id, i]));
  return {
    cardRows: (ids) =>
      selectRows(rowsOf(run), { maxRows: CARD_ROWS_LIMIT, repOrder: ids.map((id) => index.get(id)).filter((i): i is number => i !== undefined) }),
  };
}

export function reportExtras(run: Prepared, result: RunResult): Pick<ReportContext, 'previous' | 'rowsBehind'> {
  const tables = run.tables;
  const prev = previousPeriod(run.period);
  // Compare only when every dated source reaches the previous period: otherwise its scores would look like a
  // collapse that is only missing data.
  const reach = rowsInPeriod(run.model, tables, prev);
  const missing = reach.filter((s) => s.rows === 0).map((s) => s.source);
  const previous =
    reach.length > 0 && missing.length === 0
      ? {
          period: prev,
          missing,
          result: scoreRun({ model: run.model, period: prev, reps: run.reps, tables, targets: run.targets, deductions: run.deductions }),
        }
      : { period: prev, missing: reach.length === 0 ? ['(no dated source)'] : missing };
  const index = new Map(run.reps.map((r, i) => [r.id, i]));
  const repOrder = result.reps.map((r) => index.get(r.rep.id)).filter((i): i is number => i !== undefined);
  return { previous, rowsBehind: selectRows(rowsOf(run), { maxRows: ROWS_BEHIND_LIMIT, repOrder }) };
}
