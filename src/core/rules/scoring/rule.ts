// What every scoring method provides, in one place per method: what it reads from the scheme, its value, its
// explanation, its inverse (for "what it takes") and its spreadsheet formula. The methods are registered in
// ./methods.ts; the model's ScoringSpec is the union of their specs.
import type { Direction, Unit } from '../../model.js';
import type { F } from '../../formula.js';
import type { ResolvedTarget } from '../../targets.js';
import type { Text } from '../../says.js';
import type { Problem } from '../../../messages/index.js';

/** What every method's spec holds: its name (`scoring.method`) and the cap on its score (`scoring.cap`). */
export interface SpecBase {
  method: string;
  cap: number;
}

/**
 * A key a method reads under `scoring:` besides `method` and `cap`, by the kind of value it holds (the scheme's
 * schema and its range checks are made from these, src/scheme/raw.ts and build.ts; an option written for a
 * metric whose method does not read it is an error). `required`: the method cannot score without it.
 * `implies`: writing it without `method:` chooses this method.
 */
export interface ScoringOption {
  kind: 'score' | 'bands';
  required?: true;
  implies?: true;
}

/** A band of a `bands` option: includes `from`, excludes `to` (absent = open-ended). */
export interface Band {
  from: number;
  to?: number;
  score: number;
}

/** The scheme's values of a method's options, read and checked by the scheme (src/scheme/build.ts). */
export interface OptionValues {
  /** A `score` option as a fraction (50% → 0.5), or `fallback` when the scheme leaves it out. */
  score(key: string, fallback: number): number;
  /** A `bands` option ([] when left out; a `required` one is never left out when `build` is called). */
  bands(key: string): Band[];
}

/** What the scheme's checks know of the metric a method scores: its name, direction and which target bounds it has. */
export interface MetricFacts {
  name: string;
  direction: Direction;
  threshold: boolean;
  stretch: boolean;
}

/** A problem the scheme reports about a method's settings, at a path under the metric (`['target']`, `['scoring', 'bands', 2, 'score']`). */
export interface SettingFinding {
  severity: 'error' | 'warning';
  path: (string | number)[];
  problem: Problem;
}

/** One metric of one rep, as a scoring method sees it. */
export interface Scoring<S extends SpecBase = SpecBase> {
  spec: S;
  direction: Direction;
  target: ResolvedTarget;
  unit?: Unit | undefined;
}

/** The cells of one metric row (report Details, scorecard), each a reference holding the value the sheet sees. */
export interface RowCells {
  actual: F;
  target: F;
  threshold: F;
  stretch: F;
  achievement: F;
}

/** What decides whether a target of 0 means anything for a method. */
export interface ZeroTargetFacts {
  higherIsBetter: boolean;
  /** A threshold or stretch written as a percentage of the target. */
  boundsInPercent: boolean;
}

export interface ScoringRule<S extends SpecBase> {
  /** Its name in the run's language, for `kpi explain` and the report's notes ("linear", "线性法"). */
  name: Text;
  /** The keys it reads under `scoring:` besides `method` and `cap` ({} when none). */
  options: Readonly<Record<string, ScoringOption>>;
  /** The method's spec from the scheme: `cap` already read, the options through `read`. */
  build(cap: number, read: OptionValues): S;
  /**
   * The scheme's checks of the settings beyond each option's own range (a `bands` option is also checked contiguous
   * by the scheme as it is read): what the method cannot score without (an error), settings that make the score
   * fall as the actual gets better (a warning). Absent: nothing to check.
   */
  lint?(spec: S, metric: MetricFacts): SettingFinding[];
  /** false when the method scores the actual alone (bands): no target needed, none asked for. */
  needsTarget: boolean;
  /**
   * What a target of 0 means to the method (absent: a meaningful target, nothing said): `divides` when the score
   * would divide by it (any actual on the right side scores the cap), `collapses` when percentage bounds fall onto it
   * (one step at 0), `meets` when every actual of 0 or more meets it.
   */
  zeroTarget?(facts: ZeroTargetFacts): 'divides' | 'collapses' | 'meets' | undefined;
  /** The highest score any actual can give, before the cap (Infinity when none bounds it): what a weight can add. */
  highest(spec: S): number;
  /** The score before clipping to [0, cap], with a note for the awkward cases (target 0, …). */
  value(s: Scoring<S>, actual: number): { raw: number; note?: Text };
  /** How the score was reached, for `kpi explain`: "achievement 80%", "met: 5 ≥ 4 → 100%". */
  explain(s: Scoring<S>, actual: number, raw: number): Text;
  /** The actual at which the score first reaches `score` (before clipping), or null when no actual does. */
  inverse(s: Scoring<S>, score: number, current: number | null): number | null;
  /** The score before clipping as a formula over the row's cells, or null when no formula reproduces it. */
  formula(s: Scoring<S>, cells: RowCells): F | null;
}
