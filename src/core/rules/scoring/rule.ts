// What every scoring method provides, in one place per method: its value, its explanation, its inverse (for
// "what it takes") and its spreadsheet formula. The methods are registered in ./index.ts.
import type { Direction, ScoringSpec, Unit } from '../../model.js';
import type { F } from '../../formula.js';
import type { ResolvedTarget } from '../../targets.js';
import type { Text } from '../../says.js';

/** One metric of one rep, as a scoring method sees it. */
export interface Scoring<S extends ScoringSpec = ScoringSpec> {
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

export interface ScoringRule<S extends ScoringSpec> {
  /** false when the method scores the actual alone (bands): no target needed, none asked for. */
  needsTarget: boolean;
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
