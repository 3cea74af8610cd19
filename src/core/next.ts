// "What it takes": the next tier up and, per weighted metric, the actual that alone would reach it.
import type { MetricSpec } from './model.js';
import { invertPoints, linearPoints, type ResolvedTarget } from './scoring.js';

/**
 * Smallest change of direction-wise improvement: the actual at which the metric's score reaches `score`
 * (before clipping), or null when no actual does (above the cap, no target, a binary already scored).
 */
export function actualForScore(m: Pick<MetricSpec, 'direction' | 'scoring'>, t: ResolvedTarget, current: number | null, score: number): number | null {
  const s = m.scoring;
  const lower = m.direction === 'lower_is_better';
  if (score > s.cap + 1e-12) return null;
  if (s.method === 'bands') {
    const from = current ?? 0;
    let best: number | null = null;
    for (const b of s.bands) {
      if (b.score < score - 1e-12) continue;
      // a band already holding the actual would already score; a band below can only be entered at `to`,
      // which it excludes, so only bands starting above the actual count
      if (b.from > from && (best === null || b.from < best)) best = b.from;
    }
    return best;
  }
  const T = t.target;
  if (T === null) return null;
  if (s.method === 'binary') return score <= Math.min(1, s.cap) + 1e-12 ? T : null;
  if (s.method === 'ratio') {
    if (T < 0) return score <= 1 ? T : null;
    if (lower) return T === 0 ? 0 : score > 0 ? T / score : null;
    if (T === 0) return score <= 1 ? 0 : null;
    return score * T;
  }
  const pts = linearPoints(s, m.direction, t);
  if (!pts) return null;
  const x = invertPoints(pts, score);
  if (x === null) return null;
  return lower ? -x : x;
}
