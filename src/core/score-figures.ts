// The first half of scoreRun, for a caller that reads only each rep's metrics and gates: the SMART history checks
// of `kpi validate`, which replay the scheme on up to a year of earlier periods. Nothing is paid here (no bonus,
// commission, pay lines, deductions, payout, rank or "what it takes"), no step explains a score, and no data issue
// is kept: those of each earlier period are not validate's to report. Every figure returned is scoreRun's own
// (test/commands/validate-history.test.ts holds the two together).
import type { Period, RepResult } from './results.js';
import { planFor } from './plans.js';
import { createEngine, engineForRun, metricValues } from './metrics.js';
import * as fmt from './format.js';
import { targetsFromFile, type FileTarget } from './targets.js';
import { GATE_EFFECTS, gateFor } from './rules/gates.js';
import { decomposition, hasDataFlags, type ScoreInput } from './score.js';
import { repMetrics, type MetricInputs } from './rep-metrics.js';
import type { RunScope } from './rep-scope.js';

/** What the history checks read of one rep's period (src/plan/history-lint.ts); scoreRun's RepResult has it too. */
export type RepFigures = Pick<RepResult, 'rep' | 'hasData' | 'metrics' | 'gates'>;

/** One period's figures, in roster order (scoreRun's result is ranked). */
export interface PeriodFigures {
  period: Period;
  reps: RepFigures[];
}

export function scoreFigures(input: ScoreInput): PeriodFigures {
  const { model, period, reps } = input;
  const engine = input.shared ? engineForRun(input.shared) : createEngine(model, input.tables, reps);
  const minor = model.currency.minorUnit;
  const run: RunScope = { model, period, engine, minor, money: (x) => fmt.fixed(x, minor) };
  let fileTargets = new Map<string, FileTarget>();
  if (input.targets && model.targetsFile) fileTargets = targetsFromFile(input.targets, model.targetsFile, engine.lookup, model.metrics, period).targets;
  const inputs: MetricInputs = {
    values: model.metrics.map((m) => metricValues(engine, period, m.name)),
    fileTargets,
    decompose: decomposition(engine, input, period),
    hasData: hasDataFlags(engine, period),
    partlyCovered: new Map(),
    explain: false,
  };
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
