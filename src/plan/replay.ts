// Scoring many periods from one set of tables: the tables are read once, the work that does not depend on the
// period (rep of every row, derived columns, filter masks) is done once, and each period is scored by the same
// pure scoreRun that `kpi score` uses, so a backtest month is exactly that month's `kpi score`.
import type { Period, RunResult } from '../core/results.js';
import { createEngine, type Engine } from '../core/metrics.js';
import { scoreRun, type ScoreInput } from '../core/score.js';

export type ReplayInput = Omit<ScoreInput, 'period' | 'shared'>;

/** `shared`: an engine over the same model, tables and reps that other work of the caller uses too. */
export function scorePeriods(
  input: ReplayInput,
  periods: readonly Period[],
  shared: Engine = createEngine(input.model, input.tables, input.reps),
): RunResult[] {
  return periods.map((period) => scoreRun({ ...input, period, shared }));
}
