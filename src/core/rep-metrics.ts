// Scoring a rep, step 1: each metric's actual, target, achievement, score and weighted score, with the steps that
// explain them.
import type { MetricSpec, Rep } from './model.js';
import type { MetricResult } from './results.js';
import { codedIssue } from './table.js';
import * as fmt from './format.js';
import { addIssue, type MetricValues } from './metrics.js';
import { clean15 } from './money.js';
import { fin } from './payout.js';
import { needsTarget, scoreLine, scoreMetric } from './rules/scoring/index.js';
import { resolveTarget, targetKey, type DecomposeContext, type FileTarget, type ResolvedTarget } from './targets.js';
import { said, type Text } from './says.js';
import { finOrNull, type RunScope } from './rep-scope.js';

/** What the metrics of every rep are scored from: computed once per run. */
export interface MetricInputs {
  /** Per metric of the model, in order: every rep's value and provenance. */
  values: readonly MetricValues[];
  fileTargets: ReadonlyMap<string, FileTarget>;
  decompose: (r: number, m: MetricSpec) => DecomposeContext;
  /** Per rep: any row in the period (a rep without scores 0). */
  hasData: readonly boolean[];
  /** Per metric: reps whose targets-file rows cover only some months of the period (added to here). */
  partlyCovered: Map<string, string[]>;
  /** false: leave out the steps of the scoring (ScoreInput.explain); every figure is the same. */
  explain: boolean;
}

export interface RepMetrics {
  metrics: MetricResult[];
  /** Per metric, in order: the target as resolved for the rep ("what it takes" aims at it). */
  targets: ResolvedTarget[];
}

export function repMetrics(run: RunScope, rep: Rep, r: number, weights: ReadonlyMap<string, number> | undefined, x: MetricInputs): RepMetrics {
  const { model, engine } = run;
  const targets: ResolvedTarget[] = [];
  const metrics: MetricResult[] = model.metrics.map((m, k) => {
    const actual = finOrNull(x.values[k]!.values[r] ?? null);
    const t = resolveTarget(m, rep, x.fileTargets.get(targetKey(r, m.name)), model.targetsFile?.fileAsWritten, x.decompose(r, m));
    if (t.warning !== undefined) addIssue(engine, codedIssue(t.warning, { file: model.schemeFile, severity: 'warning', action: 'kept' }));
    if (t.partialFile) x.partlyCovered.set(m.name, [...(x.partlyCovered.get(m.name) ?? []), `${rep.id}: ${t.partialFile.join(', ')}`]);
    targets.push(t);
    // SPEC: a rep with no rows in any source scores 0, whatever a method would make of empty data
    // (a lower-is-better sum over no rows would otherwise earn the cap).
    const sc = x.hasData[r] ? scoreMetric(m, actual, t) : { ...scoreMetric(m, actual, t), score: 0, raw: 0, note: said('snote.noDataRep') };
    const weight = fin(weights?.get(m.name) ?? 0);
    const score = fin(sc.score);
    const prov = x.values[k]!.provenance[r]!;
    const ach = finOrNull(sc.achievement);
    const weighted = clean15(weight * score);
    const steps = x.explain ? [...prov.steps, ...scoringSteps(m, rep.role, t, actual, ach, sc.raw, score, weight, weighted)] : prov.steps;
    const res: MetricResult = {
      metric: m.name,
      label: m.label,
      weight,
      actual,
      target: finOrNull(t.target),
      targetOrigin: t.origin,
      ...(t.target === null ? {} : { targetFrom: t.originText }),
      threshold: finOrNull(t.threshold),
      stretch: finOrNull(t.stretch),
      achievement: ach,
      score,
      weightedScore: fin(weighted),
      provenance: { ...prov, steps },
    };
    // An unweighted metric without a target is only shown, not scored: no note about it.
    if (sc.note !== undefined && !(weight === 0 && t.target === null && needsTarget(m.scoring))) res.note = sc.note;
    return res;
  });
  return { metrics, targets };
}

/** How a metric's score was reached, after the steps of its actual: target, achievement, score, weighted score. */
function scoringSteps(
  m: MetricSpec,
  role: string,
  t: ResolvedTarget,
  actual: number | null,
  ach: number | null,
  raw: number,
  score: number,
  weight: number,
  weighted: number,
): Text[] {
  const steps: Text[] = [];
  if (t.target !== null) {
    const bounds = [
      t.threshold !== null ? said('step.threshold', { value: fmt.short(t.threshold, m.unit) }) : undefined,
      t.stretch !== null ? said('step.stretch', { value: fmt.short(t.stretch, m.unit) }) : undefined,
    ].filter((b) => b !== undefined);
    const target = fmt.short(t.target, m.unit);
    steps.push(bounds.length ? said('step.targetBounds', { target, from: t.originText, bounds }) : said('step.target', { target, from: t.originText }));
  } else if (needsTarget(m.scoring)) steps.push(said('step.noTarget'));
  if (ach !== null && actual !== null && t.target !== null) {
    const figures = { actual: fmt.short(actual, m.unit), target: fmt.short(t.target, m.unit), achievement: fmt.pct(ach) };
    steps.push(said(m.direction === 'lower_is_better' ? 'step.achievementLower' : 'step.achievement', figures));
  }
  steps.push(scoreLine(m, actual, t, raw, score));
  if (weight > 0) steps.push(said('step.weighted', { weight: fmt.pct(weight), score: fmt.pct(score), weighted: fmt.pct(weighted) }));
  else steps.push(said('step.notWeighted', { role }));
  return steps;
}
