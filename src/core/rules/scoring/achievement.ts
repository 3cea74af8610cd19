// Achievement: actual / target, or target / actual when lower is better; null when that is not a plain ratio
// (no data, target ≤ 0, or lower is better with an actual ≤ 0).
import type { Direction } from '../../model.js';
import { div, type F } from '../../formula.js';
import type { RowCells } from './rule.js';

export function achievementOf(actual: number | null, target: number | null, dir: Direction): number | null {
  if (actual === null || target === null) return null;
  const a = dir === 'lower_is_better' ? (actual > 0 && target >= 0 ? target / actual : null) : target > 0 ? actual / target : null;
  return a === null || !Number.isFinite(a) ? null : a;
}

/** The achievement cell's formula (written only where achievementOf has a value). */
export function achievementFormula(dir: Direction, c: Pick<RowCells, 'actual' | 'target'>): F {
  return dir === 'lower_is_better' ? div(c.target, c.actual) : div(c.actual, c.target);
}
