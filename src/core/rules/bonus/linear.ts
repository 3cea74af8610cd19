// linear: the multiplier interpolated between points (score, multiplier); flat before the first and after the last.
import type { BonusSpec } from '../../model.js';
import * as fmt from '../../format.js';
import { clean15 } from '../../money.js';
import { add, cmp, div, iff, mul, sub, type F } from '../../formula.js';
import type { BonusModeRule } from './rule.js';
import { said } from '../../says.js';
import { problem } from '../../../messages/index.js';
import type { SettingFinding } from '../scoring/rule.js';

const sorted = (points: BonusSpec['points']) => [...points].sort((a, b) => a.score - b.score);

function multiplierAt(points: BonusSpec['points'], score: number): number {
  const pts = sorted(points);
  const first = pts[0];
  if (!first) return 0;
  if (score <= first.score) return first.multiplier;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (score <= b.score) {
      if (b.score === a.score) return b.multiplier;
      // As a spreadsheet shows it: 15 significant digits, no float noise in the JSON or the steps.
      return clean15(a.multiplier + ((score - a.score) / (b.score - a.score)) * (b.multiplier - a.multiplier));
    }
  }
  return pts[pts.length - 1]!.multiplier;
}

export const linear: BonusModeRule = {
  named: false,
  tiers: () => [],
  rows: (spec) =>
    spec.points.map((p, i) => ({ label: null, from: p.score, to: null, multiplier: p.multiplier, at: ['points', i, 'score'] })).sort((a, b) => a.from - b.from),
  // Points in increasing order of score (an error), and a multiplier that falls as the score rises (a warning).
  lint(spec) {
    const out: SettingFinding[] = [];
    spec.points.forEach((p, i) => {
      const prev = spec.points[i - 1];
      if (prev && p.score <= prev.score) out.push({ severity: 'error', path: ['points', i, 'score'], problem: problem('KPI5417') });
      else if (prev && p.multiplier < prev.multiplier) {
        const shown = {
          multiplier: fmt.trimmed(p.multiplier, 4),
          score: fmt.pct(p.score),
          prevMultiplier: fmt.trimmed(prev.multiplier, 4),
          prevScore: fmt.pct(prev.score),
        };
        out.push({ severity: 'warning', path: ['points', i, 'multiplier'], problem: problem('KPI5420', shown) });
      }
    });
    return out;
  },
  reach(spec, pay) {
    const pts = sorted(spec.points);
    const at = (s: number) => pay(multiplierAt(spec.points, s));
    const top = Math.max(0, ...pts.map((p) => at(p.score))); // bounded spread: one plan's points
    // Flat below the first point: when that already pays, every score reaches the threshold.
    let threshold: number | null = null;
    if (pts[0] && at(pts[0].score) > 0) threshold = 0;
    else
      for (let i = 0; i + 1 < pts.length; i++)
        if (at(pts[i]!.score) <= 0 && at(pts[i + 1]!.score) > 0) {
          threshold = pts[i]!.score;
          break;
        }
    const best = top > 0 ? pts.find((p) => at(p.score) >= top) : undefined;
    return { threshold, top: best ? best.score : null };
  },
  basisStep: (v, at, name) => said('basis.linear', { name, at, value: fmt.trimmed(v.multiplier, 4) }),
  value: (spec, score) => ({ tier: null, multiplier: multiplierAt(spec.points, score) }),
  highest: (spec) => Math.max(0, ...spec.points.map((p) => p.multiplier)), // bounded spread: one plan's points
  explain: (_spec, score, v) => said('bonus.linear', { score: fmt.pct(score), multiplier: fmt.trimmed(v.multiplier, 4) }),
  inverse(spec, score) {
    const up = sorted(spec.points).find((p) => p.score > score);
    return up ? { score: up.score, tier: null } : null;
  },
  formula(_spec, s, t) {
    // IF(s ≤ x1, y1, IF(s ≤ x2, y1 + (s − x1) / (x2 − x1) × (y2 − y1), … , yn)) over the point cells.
    const rows = t.rows;
    const last = rows[rows.length - 1]!;
    let f: F = last.multiplier;
    for (let i = rows.length - 1; i >= 1; i--) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      f = iff(cmp(s, '<=', b.from), add(a.multiplier, mul(div(sub(s, a.from), sub(b.from, a.from)), sub(b.multiplier, a.multiplier))), f);
    }
    return iff(cmp(s, '<=', rows[0]!.from), rows[0]!.multiplier, f);
  },
  labelFormula: () => null,
};
