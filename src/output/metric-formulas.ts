// Live formulas for one metric row (achievement, score, weighted score), shared by the report and scorecards.
// Each is offered only when the spreadsheet would compute the core's own figure; otherwise the caller writes the
// value and the reason.
import type { MetricSpec } from '../core/model.js';
import type { MetricResult } from '../core/results.js';
import { and, clip, cmp, div, iff, lit, mul, ref, sameNumber, sub, add, min, type F } from '../core/formula.js';

export interface MetricCells {
  actual: string;
  target: string;
  threshold: string;
  stretch: string;
  achievement: string;
  score: string;
  weight: string;
}

/** A formula to write, or why the value is written instead. */
export type Choice = { formula: F } | { why: string };

export interface MetricChoices {
  achievement: Choice;
  score: Choice;
  weighted: Choice;
}

function check(x: F, expected: number | null, why: string): Choice {
  if (expected === null || !Number.isFinite(x.v)) return { why };
  return sameNumber(x.v, expected) ? { formula: x } : { why };
}

export function metricChoices(m: MetricResult, spec: MetricSpec | undefined, c: MetricCells): MetricChoices {
  const weighted = check(mul(ref(c.weight, m.weight), ref(c.score, m.score)), m.weightedScore,
    m.note ?? 'not weight × score (a gate zeroed this metric)');
  if (m.actual === null || m.target === null || !spec) {
    const why = m.actual === null ? 'no data: scored 0' : m.target === null ? 'no target' : 'metric not in the scheme';
    return { achievement: { why }, score: { why }, weighted };
  }
  const a = ref(c.actual, m.actual);
  const t = ref(c.target, m.target);
  const cap = spec.scoring.cap;
  const hib = spec.direction === 'higher_is_better';
  const achievement = check(hib ? div(a, t) : iff(cmp(a, '=', lit(0)), lit(cap), div(t, a)), m.achievement,
    m.note ?? 'the core used a rule no simple formula reproduces (e.g. target 0)');

  const ach = ref(c.achievement, m.achievement);
  let raw: F | null = null;
  const s = spec.scoring;
  switch (s.method) {
    case 'ratio':
      raw = ach;
      break;
    case 'binary':
      raw = iff(cmp(a, hib ? '>=' : '<=', t), lit(1), lit(0));
      break;
    case 'bands': {
      raw = lit(0);
      for (const b of [...s.bands].reverse()) {
        const inBand = b.to === undefined ? cmp(a, '>=', lit(b.from)) : and(cmp(a, '>=', lit(b.from)), cmp(a, '<', lit(b.to)));
        raw = iff(inBand, lit(b.score), raw);
      }
      break;
    }
    case 'linear': {
      if (m.threshold === null || m.stretch === null) break;
      const lo = ref(c.threshold, m.threshold);
      const hi = ref(c.stretch, m.stretch);
      const ts = lit(s.thresholdScore);
      const ss = lit(s.stretchScore);
      const one = lit(1);
      // threshold → target → stretch map to thresholdScore → 100 % → stretchScore; flat beyond the stretch.
      raw = hib
        ? iff(cmp(a, '<', lo), lit(0), iff(cmp(a, '<', t),
          add(ts, div(mul(sub(one, ts), sub(a, lo)), sub(t, lo))),
          min(ss, add(one, div(mul(sub(ss, one), sub(a, t)), sub(hi, t))))))
        : iff(cmp(a, '>', lo), lit(0), iff(cmp(a, '>', t),
          add(ts, div(mul(sub(one, ts), sub(lo, a)), sub(lo, t))),
          min(ss, add(one, div(mul(sub(ss, one), sub(t, a)), sub(t, hi))))));
      break;
    }
  }
  const score = raw ? check(clip(raw, cap), m.score, m.note ?? `the ${s.method} score is the core's (no formula reproduces it here)`)
    : { why: 'no threshold/stretch for linear scoring' };
  return { achievement, score, weighted };
}
