// linear: points (threshold, threshold score), (target, 100 %), (stretch, stretch score) joined by straight
// lines; below the first point 0; beyond the last point the last segment's slope continues (the cap clips it).
// No threshold: the line starts at (0, 0) (lower is better: at (2 × target, 0)). A point that does not lie
// strictly beyond the previous one is dropped, so target 0 with relative bounds scores 100 % when actual ≥ 0
// (lower is better: ≤ 0), else 0. Lower is better mirrors the axis (x → −x).
import * as fmt from '../../format.js';
import { add, cmp, div, iff, lit, mul, sub, type F } from '../../formula.js';
import type { ResolvedTarget } from '../../targets.js';
import type { RowCells, Scoring, ScoringRule, SettingFinding } from './rule.js';
import { said } from '../../says.js';
import { problem } from '../../../messages/index.js';

/** Below threshold 0; threshold→target→stretch map linearly to thresholdScore→1→stretchScore. */
export type LinearSpec = { method: 'linear'; cap: number; thresholdScore: number; stretchScore: number };
type Linear = LinearSpec;

export type Point = { x: number; y: number };
/** Which value a point sits at: the threshold (or its default), the target, the stretch. */
type Where = 'threshold' | 'target' | 'stretch';

/** Points in "higher is better" coordinates (lower is better: x negated), each with where it comes from. */
function linearPoints(spec: Linear, lower: boolean, t: ResolvedTarget): (Point & { at: Where })[] {
  const sign = lower ? -1 : 1;
  const T = t.target!;
  const t0 = t.threshold ?? (lower ? 2 * T : 0);
  const thr = { x: sign * t0, y: t.threshold === null ? 0 : spec.thresholdScore, at: 'threshold' as const };
  const tgt = { x: sign * T, y: 1, at: 'target' as const };
  // A threshold not strictly before the target, or a stretch not strictly after it, is dropped.
  const pts: (Point & { at: Where })[] = [];
  if (Number.isFinite(thr.x) && thr.x < tgt.x) pts.push(thr);
  pts.push(tgt);
  if (t.stretch !== null) {
    const str = { x: sign * t.stretch, y: spec.stretchScore, at: 'stretch' as const };
    if (Number.isFinite(str.x) && str.x > tgt.x) pts.push(str);
  }
  return pts;
}

/** Piecewise-linear score at x: 0 below the first point, the last slope continued beyond the last. */
function evalPoints(pts: readonly Point[], x: number): number {
  const first = pts[0];
  if (!first || x < first.x) return 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (x <= b.x) return a.y + ((x - a.x) / (b.x - a.x)) * (b.y - a.y);
  }
  const last = pts[pts.length - 1]!;
  if (pts.length < 2) return last.y;
  const prev = pts[pts.length - 2]!;
  return last.y + ((x - last.x) * (last.y - prev.y)) / (last.x - prev.x);
}

/** Smallest x whose score reaches y (points non-decreasing); null if never. */
function invertPoints(pts: readonly Point[], y: number): number | null {
  const first = pts[0];
  if (!first) return null;
  if (y <= first.y) return first.x;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (y <= b.y && b.y > a.y) return a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x);
  }
  if (pts.length < 2) return null;
  const last = pts[pts.length - 1]!;
  const prev = pts[pts.length - 2]!;
  const slope = (last.y - prev.y) / (last.x - prev.x);
  if (!(slope > 0)) return null;
  const x = last.x + (y - last.y) / slope;
  return Number.isFinite(x) ? x : null;
}

const lowerOf = (s: Scoring<Linear>): boolean => s.direction === 'lower_is_better';

export const linear: ScoringRule<Linear> = {
  name: said('method.linear'),
  options: { threshold_score: { kind: 'score' }, stretch_score: { kind: 'score' } },
  build: (cap, read) => ({ method: 'linear', cap, thresholdScore: read.score('threshold_score', 0.5), stretchScore: read.score('stretch_score', 1.5) }),
  lint(spec, m) {
    const out: SettingFinding[] = [];
    // The line runs through the threshold and the stretch: without them there is no line.
    if (!m.threshold) out.push({ severity: 'error', path: ['target'], problem: problem('KPI5222') });
    if (!m.stretch) out.push({ severity: 'error', path: ['target'], problem: problem('KPI5223') });
    // 100 % at target: a threshold score above it, or a stretch score below it, makes the line fall.
    if (spec.thresholdScore > 1) {
      out.push({
        severity: 'warning',
        path: ['scoring', 'threshold_score'],
        problem: problem('KPI5240', { score: fmt.pct(spec.thresholdScore), metric: m.name }),
      });
    }
    if (spec.stretchScore < 1) {
      out.push({ severity: 'warning', path: ['scoring', 'stretch_score'], problem: problem('KPI5241', { score: fmt.pct(spec.stretchScore), metric: m.name }) });
    }
    return out;
  },
  needsTarget: true,
  zeroTarget: ({ boundsInPercent }) => (boundsInPercent ? 'collapses' : undefined),
  // Beyond the stretch the slope goes on (issue 11: the formula was flat there): only the cap bounds it.
  highest: () => Infinity,
  value(s, actual) {
    const lower = lowerOf(s);
    const raw = evalPoints(linearPoints(s.spec, lower, s.target), lower ? -actual : actual);
    return s.target.target === 0 ? { raw, note: said('snote.target0Linear') } : { raw };
  },
  explain(s, actual) {
    const lower = lowerOf(s);
    const sign = lower ? -1 : 1;
    const u = s.unit;
    const pts = linearPoints(s.spec, lower, s.target);
    const x = sign * actual;
    const X = (v: number): string => fmt.short(sign * v, u);
    if (x < pts[0]!.x) return said(lower ? 'line.above' : 'line.below', { actual: fmt.short(actual, u), level: X(pts[0]!.x) });
    let i = pts.findIndex((p, k) => k > 0 && x <= p.x);
    if (i < 0) i = pts.length - 1;
    if (i === 0) return fmt.pct(pts[0]!.y);
    const a = pts[i - 1]!;
    const b = pts[i]!;
    return `${fmt.pct(a.y)} + (${fmt.short(actual, u)} − ${X(a.x)}) / (${X(b.x)} − ${X(a.x)}) × (${fmt.pct(b.y)} − ${fmt.pct(a.y)}) = ${fmt.pct(evalPoints(pts, x))}`;
  },
  inverse(s, score) {
    const lower = lowerOf(s);
    const x = invertPoints(linearPoints(s.spec, lower, s.target), score);
    return x === null ? null : lower ? -x : x;
  },
  formula(s, c) {
    // The same points over the row's cells: 0 before the first, a straight line between two, and beyond the last
    // the last segment's slope (the cap is applied around this by the caller, as for every method).
    const lower = lowerOf(s);
    const pts = linearPoints(s.spec, lower, s.target).map((p) => ({ x: cellOf(p.at, s.target, c, lower), y: lit(p.y) }));
    const before = lower ? '>' : '<';
    const within = lower ? '>=' : '<=';
    const line = (a: { x: F; y: F }, b: { x: F; y: F }): F => add(a.y, mul(div(sub(c.actual, a.x), sub(b.x, a.x)), sub(b.y, a.y)));
    const first = pts[0]!;
    if (pts.length === 1) return iff(cmp(c.actual, before, first.x), lit(0), first.y);
    let f = line(pts[pts.length - 2]!, pts[pts.length - 1]!); // beyond the last point: the last slope continues
    for (let i = pts.length - 1; i >= 1; i--) f = iff(cmp(c.actual, within, pts[i]!.x), line(pts[i - 1]!, pts[i]!), f);
    return iff(cmp(c.actual, before, first.x), lit(0), f);
  },
};

/** The cell a point's x comes from: threshold, target or stretch (a missing threshold: 0, or 2 × target). */
function cellOf(at: Where, t: ResolvedTarget, c: RowCells, lower: boolean): F {
  if (at === 'target') return c.target;
  if (at === 'stretch') return c.stretch;
  if (t.threshold !== null) return c.threshold;
  return lower ? mul(lit(2), c.target) : lit(0);
}
