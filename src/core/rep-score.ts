// Scoring a rep, step 2: the gates, the weighted sum of the metric scores, and the points taken off it (the
// deductions file's and 红线 rules'): the total score the tiers read.
import type { Rep } from './model.js';
import type { GateResult, MetricResult } from './results.js';
import type { Plan } from './plan-model.js';
import { codedIssue } from './table.js';
import * as fmt from './format.js';
import { addIssue } from './metrics.js';
import { clean15 } from './money.js';
import { fin } from './payout.js';
import type { Deduction } from './deductions.js';
import { DEDUCTION_KINDS } from './rules/deductions.js';
import { GATE_EFFECTS, gateFor } from './rules/gates.js';
import { redLinePoints, type RedLineHit } from './rules/red-lines/index.js';
import { said, type Text } from './says.js';
import { problem } from '../messages/index.js';
import type { RunScope } from './rep-scope.js';

export interface RepScore {
  gates: GateResult[];
  /** The metric whose zero_bonus gate failed, if one did. */
  bonusZeroedBy: string | undefined;
  /** Σ weight × score, before points are taken off. */
  before: number;
  /** Points taken off: the deductions file's and the 红线 rules'. */
  points: number;
  totalScore: number;
  /** The steps `kpi explain` prints, made when asked (a JSON run never prints them); the gates apply at once. */
  steps: () => Text[];
}

/** `deductionsFile`: the deductions file read (where a warning about its points points to). */
export function repScore(
  run: RunScope,
  rep: Rep,
  plan: Plan,
  metrics: MetricResult[],
  d: Deduction,
  hits: readonly RedLineHit[],
  deductionsFile: { file: string; source: string } | undefined,
): RepScore {
  const { model, engine, money } = run;
  const gates = plan.gates.map((g) => gateFor(model, g, metrics));
  // A failed zero_metric gate zeroes its metric's weighted score here, before the sum below.
  const gateSteps = gates.map((g) => (g.passed ? said('gate.passed', { test: g.text }) : GATE_EFFECTS[g.effect].apply(g, metrics)));
  const bonusZeroedBy = gates.find((g) => !g.passed && g.effect === 'zero_bonus')?.metric;

  const weighted = metrics.filter((m) => m.weight > 0).map((m) => m.weightedScore);
  const before = fin(clean15(weighted.reduce((s, x) => s + x, 0)));
  // 红线 points come off the total score with the file's points, before the tier is chosen.
  const pointsRule = DEDUCTION_KINDS.points;
  const points = clean15(d.points + redLinePoints(hits));
  const totalScore = fin(pointsRule.apply(before, points));
  const steps = (): Text[] => [
    ...gateSteps,
    said('bonus.scoreBefore', {
      terms: weighted.length ? weighted.map((x) => fmt.pct(x)).join(' + ') : said('bonus.nothingWeighted'),
      score: fmt.pct(before),
    }),
    ...(points > 0 ? [pointsRule.explain(before, points, totalScore, money)] : []),
  ];
  // Under a bonus keyed on a metric's achievement (basis) and not times the score, the total score pays nothing:
  // points off it would be a penalty that costs nothing. Said, at the first row that took them.
  if (points > 0 && plan.bonus.basis !== undefined && !plan.bonus.timesScore) {
    const at = deductionsFile ? { file: deductionsFile.file, source: deductionsFile.source } : { file: model.schemeFile };
    const row = hits.find((h) => h.rule.kind === 'points')?.row;
    addIssue(
      engine,
      codedIssue(problem('KPI2767', { id: rep.id, points: fmt.trimmed(points), metric: plan.bonus.basis }), {
        ...at,
        ...(row !== undefined ? { row } : {}),
        severity: 'warning',
        action: 'kept',
      }),
    );
  }
  return { gates, bonusZeroedBy, before, points, totalScore, steps };
}
