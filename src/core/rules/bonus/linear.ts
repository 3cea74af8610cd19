// linear: the multiplier interpolated between points (score, multiplier); flat before the first and after the last.
import type { BonusSpec } from '../../model.js';
import * as fmt from '../../format.js';
import { clean15 } from '../../money.js';
import { add, cmp, div, iff, mul, sub, type F } from '../../formula.js';
import type { BonusModeRule } from './rule.js';
import { said } from '../../says.js';

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
