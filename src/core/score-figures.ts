// The first half of scoreRun, for a caller that reads only each rep's metrics and gates: the SMART history checks
// of `kpi validate`, which replay the scheme on up to a year of earlier periods. Nothing is paid here (no bonus,
// commission, pay lines, deductions, payout, rank or "what it takes"), no step explains a score, and no data issue
// is kept: those of each earlier period are not validate's to report. Every figure returned is scoreRun's own
// (test/commands/validate-history.test.ts holds the two together).
import type { Period, RepResult } from './results.js';
import { planFor } from './plans.js';
import { GATE_EFFECTS, gateFor } from './rules/gates.js';
import { fileTargets, metricInputs, runScope, type ScoreInput } from './score.js';
import { repMetrics } from './rep-metrics.js';

/** What the history checks read of one rep's period (src/plan/history-lint.ts); scoreRun's RepResult has it too. */
export type RepFigures = Pick<RepResult, 'rep' | 'hasData' | 'metrics' | 'gates'>;

/** One period's figures, in roster order (scoreRun's result is ranked). */
export interface PeriodFigures {
  period: Period;
  reps: RepFigures[];
}

export function scoreFigures(input: ScoreInput): PeriodFigures {
  const { model, period, reps } = input;
  const run = runScope(input);
  const inputs = metricInputs(run, input, fileTargets(input, run.engine).targets, false);
  return {
    period,
    reps: reps.map((rep, r) => {
      const { metrics } = repMetrics(run, rep, r, model.weights.get(rep.role), inputs);
      // As repScore: a failed zero_metric gate zeroes its metric's weighted score.
      const gates = planFor(model, rep.role).gates.map((g) => gateFor(model, g, metrics));
      for (const g of gates) if (!g.passed) GATE_EFFECTS[g.effect].apply(g, metrics);
      return { rep, hasData: inputs.hasData[r]!, metrics, gates };
    }),
  };
}
