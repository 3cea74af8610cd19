// `kpi validate` with data: the scheme replayed on the periods before the one validated (up to a year), and
// the plan-design warnings of src/plan/history-lint.ts turned into diagnostics at their place in the scheme.
import type { Diagnostic } from '../scheme/diagnostics.js';
import { periodsBefore } from '../plan/periods.js';
import type { Engine } from '../core/metrics.js';
import { periodHasData } from '../core/score.js';
import { scoreFigures } from '../core/score-figures.js';
import { historyFindings, unreachablePayoutCap, type Finding } from '../plan/history-lint.js';
import type { Prepared } from './pipeline.js';
import { coded } from './checks/run-issue.js';

/** Fewer periods with data than this are no history to judge a plan by. */
const MIN_HISTORY = 2;

/** `shared`: an engine over the run's model, tables and reps (createEngine), its per-period values reused. */
export function historyDiagnostics(run: Prepared, shared: Engine): Diagnostic[] {
  const at = (f: Finding) => run.loaded.positionOf?.(f.path, f.atKey) ?? { line: 0, col: 0 };
  const diag = (f: Finding): Diagnostic => ({
    severity: 'warning',
    file: run.schemeShownAs,
    ...at(f),
    ...coded(f.problem),
    ...(f.smart ? { smart: f.smart } : {}),
  });
  const out: Diagnostic[] = [];
  const cap = unreachablePayoutCap(run.model, run.reps);
  if (cap) out.push(diag(cap));
  // Oldest first; a period in which no rep has a row says nothing about the plan and is left out (before it
  // is scored: the example's year holds three months of data).
  // Only the metrics and gates are read (historyFindings): nothing is paid, no step explains a score (scoreFigures).
  const history = periodsBefore(run.period)
    .reverse()
    .filter((p) => periodHasData(shared, p))
    .map((period) => scoreFigures({ ...run, period, shared }));
  if (history.length >= MIN_HISTORY) for (const f of historyFindings(run.model, history)) out.push(diag(f));
  return out;
}
