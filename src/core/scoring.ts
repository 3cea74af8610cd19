// Turning an actual and a target into a score. Rules for the awkward cases, stated once:
// - actual null (no data): score 0, achievement null, note "no data".
// - no target (ratio, linear, binary): score 0, note "no target".
// - ratio, higher is better: achievement = actual / target. Target 0: actual > 0 → the cap (the limit of
//   actual/target), actual = 0 → 100 %, actual < 0 → 0. Negative target: 100 % when actual ≥ target, else 0.
// - ratio, lower is better: achievement = target / actual; actual ≤ 0 → the cap (SPEC: actual 0 → the cap).
//   Negative target: 100 % when actual ≤ target, else 0.
// - linear: points (threshold, thresholdScore), (target, 100 %), (stretch, stretchScore); below the first
//   point 0; between points straight lines; above the last point the last segment's slope continues, then the
//   cap clips it. No threshold: the line starts at (0, 0) (lower is better: at (2 × target, 0)). A point that
//   does not lie strictly beyond the previous one is dropped, so target 0 with relative bounds scores 100 %
//   when actual ≥ 0 (lower is better: ≤ 0), else 0. Lower is better mirrors the axis (x → −x).
// - binary: 100 % when the target is met (≥, or ≤ when lower is better), else 0.
// - bands: looked up on the actual, whatever the direction; outside every band 0.
// Every score is clipped to [0, cap]; a non-finite intermediate never escapes (+∞ → cap, NaN → 0).
import type { Direction, MetricSpec, ScoringSpec } from './model.js';
import type { TargetOrigin } from './results.js';
import * as fmt from './format.js';

export interface ResolvedTarget {
  target: number | null;
  origin: TargetOrigin;
  /** e.g. "role senior_ae", "default", "targets file row 12". */
  originText: string;
  threshold: number | null;
  stretch: number | null;
}

export interface Scored {
  achievement: number | null;
  /** Clipped to [0, cap]. */
  score: number;
  /** Before clipping (finite). */
  raw: number;
  note?: string;
}

export function clip(x: number, cap: number): number {
  if (Number.isNaN(x)) return 0;
  if (x === Infinity) return cap;
  return Math.min(cap, Math.max(0, x)) || 0; // `|| 0` turns -0 into 0
}

function achievementOf(actual: number | null, target: number | null, dir: Direction): number | null {
  if (actual === null || target === null) return null;
  const a = dir === 'lower_is_better' ? (actual > 0 && target >= 0 ? target / actual : null) : target > 0 ? actual / target : null;
  return a === null || !Number.isFinite(a) ? null : a;
}

export type Point = { x: number; y: number };

/** Points of the linear method in "higher is better" coordinates (lower is better: x negated). */
export function linearPoints(
  s: Extract<ScoringSpec, { method: 'linear' }>,
  dir: Direction,
  t: ResolvedTarget,
): Point[] | null {
  if (t.target === null) return null;
  const lower = dir === 'lower_is_better';
  const sign = lower ? -1 : 1;
  const T = t.target;
  const t0 = t.threshold ?? (lower ? 2 * T : 0);
  const thr: Point = { x: sign * t0, y: t.threshold === null ? 0 : s.thresholdScore };
  const tgt: Point = { x: sign * T, y: 1 };
  // A threshold not strictly before the target, or a stretch not strictly after it, is dropped.
  const pts: Point[] = [];
  if (Number.isFinite(thr.x) && thr.x < tgt.x) pts.push(thr);
  pts.push(tgt);
  if (t.stretch !== null) {
    const str: Point = { x: sign * t.stretch, y: s.stretchScore };
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
export function invertPoints(pts: readonly Point[], y: number): number | null {
  const first = pts[0];
  if (!first) return null;
  if (y <= 0) return first.x;
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

/** Score of one metric for one rep (see the rules at the top of this file). */
export function scoreMetric(m: Pick<MetricSpec, 'direction' | 'scoring'>, actual: number | null, t: ResolvedTarget): Scored {
  const s = m.scoring;
  const lower = m.direction === 'lower_is_better';
  const achievement = achievementOf(actual, t.target, m.direction);
  const done = (raw: number, note?: string): Scored => {
    const r = Number.isFinite(raw) ? raw : raw > 0 ? s.cap : 0;
    return { achievement, score: clip(r, s.cap), raw: r, ...(note !== undefined ? { note } : {}) };
  };
  if (actual === null) return done(0, 'no data: scored 0');
  if (s.method === 'bands') {
    const band = s.bands.find((b) => actual >= b.from && (b.to === undefined || actual < b.to));
    return band ? done(band.score) : done(0, 'actual is outside every band: scored 0');
  }
  const T = t.target;
  if (T === null) return done(0, 'no target: scored 0');
  switch (s.method) {
    case 'binary':
      return done((lower ? actual <= T : actual >= T) ? 1 : 0);
    case 'linear': {
      const pts = linearPoints(s, m.direction, t)!;
      return done(evalPoints(pts, lower ? -actual : actual), T === 0 ? 'target 0: 100 % when met, more only up a stretch line' : undefined);
    }
    case 'ratio': {
      if (T < 0) return done((lower ? actual <= T : actual >= T) ? 1 : 0, 'negative target: 100 % when met, else 0');
      if (lower) {
        if (actual <= 0) return done(s.cap, `actual ${actual === 0 ? 'is 0' : 'below 0'} with lower is better: the cap`);
        return done(T / actual);
      }
      if (T === 0) {
        if (actual > 0) return done(s.cap, 'target 0 and actual above it: the cap');
        return done(actual === 0 ? 1 : 0, 'target 0: 100 % when met, else 0');
      }
      return done(actual / T);
    }
  }
}

/** The `kpi explain` line for a metric's score: which rule applied, with the numbers. */
export function scoreLine(m: MetricSpec, actual: number | null, t: ResolvedTarget, raw: number, score: number): string {
  const s = m.scoring;
  const u = m.unit;
  let line: string;
  if (actual === null) line = 'no data → 0 %';
  else if (s.method === 'bands') {
    const b = s.bands.find((x) => actual >= x.from && (x.to === undefined || actual < x.to));
    line = b ? `actual ${fmt.short(actual, u)} in band [${fmt.short(b.from, u)}, ${b.to === undefined ? '∞' : fmt.short(b.to, u)}) → ${fmt.pct(b.score)}` : `actual ${fmt.short(actual, u)} in no band → 0 %`;
  } else if (t.target === null) line = 'no target → 0 %';
  else if (s.method === 'binary') {
    const lower = m.direction === 'lower_is_better';
    const met = lower ? actual <= t.target : actual >= t.target;
    line = `${met ? 'met' : 'not met'}: ${fmt.short(actual, u)} ${met ? (lower ? '≤' : '≥') : lower ? '>' : '<'} ${fmt.short(t.target, u)} → ${fmt.pct(met ? 1 : 0)}`;
  } else if (s.method === 'linear') {
    const lower = m.direction === 'lower_is_better';
    const sign = lower ? -1 : 1;
    const pts = linearPoints(s, m.direction, t)!;
    const x = sign * actual;
    const X = (v: number): string => fmt.short(sign * v, u);
    if (x < pts[0]!.x) line = `actual ${fmt.short(actual, u)} ${lower ? 'above' : 'below'} ${fmt.short(sign * pts[0]!.x, u)} → 0 %`;
    else {
      let i = pts.findIndex((p, k) => k > 0 && x <= p.x);
      if (i < 0) i = pts.length - 1;
      if (i === 0) line = `${fmt.pct(pts[0]!.y)}`;
      else {
        const a = pts[i - 1]!;
        const b = pts[i]!;
        line = `${fmt.pct(a.y)} + (${fmt.short(actual, u)} − ${X(a.x)}) / (${X(b.x)} − ${X(a.x)}) × (${fmt.pct(b.y)} − ${fmt.pct(a.y)}) = ${fmt.pct(evalPoints(pts, x))}`;
      }
    }
  } else {
    const lower = m.direction === 'lower_is_better';
    const ach = lower ? (actual > 0 ? t.target / actual : null) : t.target > 0 ? actual / t.target : null;
    line = ach === null ? fmt.pct(raw) : `achievement ${fmt.pct(ach)}`;
  }
  const clipped = raw > s.cap ? `, capped at ${fmt.pct(s.cap)}` : raw < 0 ? ', floored at 0 %' : '';
  return `score (${s.method}) = ${line}${clipped ? `${clipped} → ${fmt.pct(score)}` : ''}`;
}
