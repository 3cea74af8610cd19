// The scoring methods, one module each, registered in ./methods.ts by the method name the scheme uses; the
// model's ScoringSpec is the union of their specs, so a module missing its options, build, value, explanation,
// inverse or formula does not compile. Everything here dispatches through the table. How to add a method:
// docs/rules.md.
//
// Rules for every method, stated once here: no data → 0 ("no data"); a method that needs a target and has
// none → 0 ("no target"); every score is clipped to [0, cap]; a non-finite intermediate never escapes
// (+∞ → the cap, NaN → 0).
import type { MetricSpec } from '../../model.js';
import * as fmt from '../../format.js';
import { clip as clipF, type F } from '../../formula.js';
import type { ResolvedTarget } from '../../targets.js';
import { achievementOf } from './achievement.js';
import { SCORING_METHODS, type ScoringSpec } from './methods.js';
import type { RowCells, Scoring, ScoringRule, SettingFinding } from './rule.js';
import { said, type Said, type Text } from '../../says.js';

export { SCORING_METHODS, type ScoringSpec } from './methods.js';
export type { Band, OptionValues, ScoringOption, SettingFinding } from './rule.js';

function ruleOf<S extends ScoringSpec>(spec: S): ScoringRule<S> {
  return SCORING_METHODS[spec.method] as unknown as ScoringRule<S>;
}

/** The method's name in the run's language. */
export function methodName(spec: ScoringSpec): Text {
  return ruleOf(spec).name;
}

/** Whether the metric's method needs a target to score (bands does not). */
export function needsTarget(spec: ScoringSpec): boolean {
  return ruleOf(spec).needsTarget;
}

/** What a target of 0 means to the metric's method (rule.ts `zeroTarget`): undefined when it is meaningful. */
export function zeroTargetMeaning(m: Pick<MetricSpec, 'direction' | 'scoring' | 'target'>): 'divides' | 'collapses' | 'meets' | undefined {
  const boundsInPercent = m.target.threshold?.kind === 'relative' || m.target.stretch?.kind === 'relative';
  return ruleOf(m.scoring).zeroTarget?.({ higherIsBetter: m.direction === 'higher_is_better', boundsInPercent });
}

/** The scheme's findings on the metric's scoring settings (rule.ts `lint`): [] when its method checks none. */
export function scoringFindings(m: Pick<MetricSpec, 'name' | 'direction' | 'scoring' | 'target'>): SettingFinding[] {
  const facts = { name: m.name, direction: m.direction, threshold: m.target.threshold !== undefined, stretch: m.target.stretch !== undefined };
  return ruleOf(m.scoring).lint?.(m.scoring, facts) ?? [];
}

/** The highest score the metric can give, whatever the data: its cap, or less (binary, bands). */
export function highestScore(spec: ScoringSpec): number {
  return Math.min(spec.cap, ruleOf(spec).highest(spec));
}

export interface Scored {
  achievement: number | null;
  /** Clipped to [0, cap]. */
  score: number;
  /** Before clipping (finite). */
  raw: number;
  note?: Text;
}

function clip(x: number, cap: number): number {
  if (Number.isNaN(x)) return 0;
  if (x === Infinity) return cap;
  return Math.min(cap, Math.max(0, x)) || 0; // `|| 0` turns -0 into 0
}

type MetricShape = Pick<MetricSpec, 'direction' | 'scoring'> & { unit?: MetricSpec['unit'] };

const scoringOf = <S extends ScoringSpec>(m: MetricShape & { scoring: S }, t: ResolvedTarget): Scoring<S> => ({
  spec: m.scoring,
  direction: m.direction,
  target: t,
  unit: m.unit,
});

/** Score of one metric for one rep. */
export function scoreMetric(m: MetricShape, actual: number | null, t: ResolvedTarget): Scored {
  const s = m.scoring;
  const rule = ruleOf(s);
  const achievement = achievementOf(actual, t.target, m.direction);
  const done = (raw: number, note?: Text): Scored => {
    const r = Number.isFinite(raw) ? raw : raw > 0 ? s.cap : 0;
    return { achievement, score: clip(r, s.cap), raw: r, ...(note !== undefined ? { note } : {}) };
  };
  if (actual === null) return done(0, said('snote.noData'));
  if (rule.needsTarget && t.target === null) return done(0, said('snote.noTarget'));
  const v = rule.value(scoringOf(m, t), actual);
  return done(v.raw, v.note);
}

/** The `kpi explain` line for a metric's score: which rule applied, with the numbers. */
export function scoreLine(m: MetricShape, actual: number | null, t: ResolvedTarget, raw: number, score: number): Said {
  const s = m.scoring;
  const rule = ruleOf(s);
  let line: Text;
  if (actual === null) line = said('line.noData');
  else if (rule.needsTarget && t.target === null) line = said('line.noTarget');
  else line = rule.explain(scoringOf(m, t), actual, raw);
  const method = rule.name;
  if (raw > s.cap) return said('step.scoreCapped', { method, line, cap: fmt.pct(s.cap), score: fmt.pct(score) });
  if (raw < 0) return said('step.scoreFloored', { method, line, score: fmt.pct(score) });
  return said('step.score', { method, line });
}

/**
 * The actual at which the metric's score reaches `score` (before clipping), or null when no actual does: above
 * the cap, no target, or a method that cannot get there.
 */
export function actualForScore(m: MetricShape, t: ResolvedTarget, current: number | null, score: number): number | null {
  const s = m.scoring;
  const rule = ruleOf(s);
  if (score > s.cap + 1e-12) return null;
  if (rule.needsTarget && t.target === null) return null;
  return rule.inverse(scoringOf(m, t), score, current);
}

/** The score cell's formula (clipped to [0, cap]), or null when the method has none for this row. */
export function scoreFormula(m: MetricShape, t: ResolvedTarget, cells: RowCells): F | null {
  const rule = ruleOf(m.scoring);
  if (rule.needsTarget && t.target === null) return null;
  const raw = rule.formula(scoringOf(m, t), cells);
  return raw === null ? null : clipF(raw, m.scoring.cap);
}

export type { RowCells } from './rule.js';
export { achievementFormula } from './achievement.js';
