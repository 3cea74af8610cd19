// The formulas of one metric row (the report's Details sheet, a scorecard's metrics): the actual (a ratio of
// metrics, a derived metric), threshold and stretch (relative bounds), achievement, score and weighted score
// (with a zero_metric gate). Each comes from the rule that owns it; each is offered only when the spreadsheet
// would compute the core's own figure, otherwise the caller writes the value and the reason.
import type { Bound, MetricSpec } from '../model.js';
import type { GateResult, MetricResult } from '../results.js';
import { iff, lit, mul, sameNumber, type F } from '../formula.js';
import type { ResolvedTarget } from '../targets.js';
import { NO_DATA, said, type Text } from '../says.js';
import { GATE_OF, gatePasses } from './gates.js';
import { actualFormula, type Choice } from './metrics/index.js';
import { achievementFormula, methodName, needsTarget, scoreFormula, type RowCells } from './scoring/index.js';

export type { Choice } from './metrics/index.js';

/** The row's own cells, plus its score and weight. */
export interface MetricRowCells extends RowCells {
  score: F;
  weight: F;
}

/** The actual and achievement cells of any metric of the same rep (other rows), by metric name. */
export type CellsOf = (metric: string) => { actual: F; achievement: F } | undefined;

export interface MetricRowFormulas {
  actual: Choice;
  threshold: Choice;
  stretch: Choice;
  achievement: Choice;
  score: Choice;
  weighted: Choice;
}

function check(x: F | null, expected: number | null, why: Text): Choice {
  if (x === null || expected === null || !Number.isFinite(x.v)) return { why };
  return sameNumber(x.v, expected) ? { formula: x } : { why };
}

/** A relative bound is a fraction of the target cell; an absolute one is a value. */
function boundFormula(b: Bound | undefined, target: F, value: number | null): Choice {
  if (!b || b.kind === 'absolute' || value === null) return { why: said('nf.absolute') };
  return check(mul(target, lit(b.fraction)), value, said('nf.targetsFile'));
}

export function metricRowFormulas(spec: MetricSpec, m: MetricResult, gates: readonly GateResult[], c: MetricRowCells, cellsOf: CellsOf): MetricRowFormulas {
  const actual: Choice =
    m.actual === null
      ? { why: NO_DATA }
      : (() => {
          const f = actualFormula(spec, (name) => cellsOf(name)?.actual);
          return 'formula' in f ? check(f.formula, m.actual, said('nf.notOnSheet')) : f;
        })();
  const threshold = boundFormula(spec.target.threshold, c.target, m.threshold);
  const stretch = boundFormula(spec.target.stretch, c.target, m.stretch);

  const t: ResolvedTarget = { target: m.target, origin: m.targetOrigin, originText: '', threshold: m.threshold, stretch: m.stretch };
  const plain = m.note ?? said('nf.coreRule');
  const achievement: Choice = m.achievement === null ? { why: said('nf.noAchievement') } : check(achievementFormula(spec.direction, c), m.achievement, plain);
  let score: Choice;
  if (m.actual === null) score = { why: said('snote.noData') };
  else if (needsTarget(spec.scoring) && m.target === null) score = { why: said('snote.noTarget') };
  else score = check(scoreFormula(spec, t, c), m.score, m.note ?? said('nf.coreScore', { method: methodName(spec.scoring) }));

  // Weighted: weight × score, or 0 while a zero_metric gate on this metric fails.
  let weighted: F = mul(c.weight, c.score);
  for (const g of gates) {
    if (g.metric !== m.metric || g.effect !== 'zero_metric') continue;
    const cells = cellsOf(g.metric);
    if (!cells) return { actual, threshold, stretch, achievement, score, weighted: { why: said('nf.gateNotOnSheet') } };
    weighted = iff(gatePasses(g, GATE_OF[g.of].cell(cells)), weighted, lit(0));
  }
  return { actual, threshold, stretch, achievement, score, weighted: check(weighted, m.weightedScore, m.note ?? said('nf.notWeightTimesScore')) };
}
