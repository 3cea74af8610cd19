// Gates: a metric's actual (or achievement) against a level; a failed gate zeroes the bonus or that metric's
// contribution. Two tables, keyed like the scheme: what is compared (`of`) and what failing does (`effect`).
// Each entry owns its value, its words, its inverse (the actual that meets it) and its spreadsheet formula.
import type { Gate, MetricSpec, Model } from '../model.js';
import type { GateResult, MetricResult } from '../results.js';
import * as fmt from '../format.js';
import { and, cmp, isNumber, type Cond, type F } from '../formula.js';
import { type CoreKey, said, type Said } from '../says.js';

export interface GateOfRule {
  /** The value compared with the level. */
  value(m: MetricResult): number | null;
  /** Whether a value at or below the level passes (the actual of a lower-is-better metric). */
  passesBelow(spec: MetricSpec | undefined): boolean;
  /** The value (or level) in words: an actual in the metric's unit, an achievement as a percentage. */
  show(v: number, spec: MetricSpec | undefined): string;
  /** The actual at which the gate is met, or null when no actual can meet it. */
  inverse(level: number, spec: MetricSpec | undefined, m: MetricResult): number | null;
  /** The cell compared in a sheet. */
  cell(c: { actual: F; achievement: F }): F;
}

const lowerIsBetter = (spec: MetricSpec | undefined): boolean => spec?.direction === 'lower_is_better';

export const GATE_OF = {
  actual: {
    value: (m) => m.actual,
    passesBelow: lowerIsBetter,
    show: (v, spec) => fmt.short(v, spec?.unit),
    inverse: (level) => level,
    cell: (c) => c.actual,
  },
  // An achievement is already oriented (target / actual when lower is better): it always passes upwards.
  achievement: {
    value: (m) => m.achievement,
    passesBelow: () => false,
    show: (v) => fmt.pct(v),
    inverse: (level, spec, m) => {
      const T = m.target;
      if (T === null || !(T > 0)) return null;
      if (!lowerIsBetter(spec)) return level * T;
      return level > 0 ? T / level : null;
    },
    cell: (c) => c.achievement,
  },
} satisfies Record<Gate['of'], GateOfRule>;

export interface GateEffectRule {
  /** Applies a failed gate to the rep's metrics (zero_metric); returns the step for the rep. */
  apply(g: GateResult, metrics: MetricResult[]): Said;
  /** What failing zeroes, as a phrase taking the gate's {metric} ("the bonus", "the "cac" contribution"). */
  zeroes: CoreKey;
}

export const GATE_EFFECTS = {
  zero_bonus: {
    apply: (g) => said('gate.failedBonus', { test: g.text }),
    zeroes: 'gate.zeroesBonus',
  },
  zero_metric: {
    apply: (g, metrics) => {
      const m = metrics.find((x) => x.metric === g.metric);
      if (m) {
        m.weightedScore = 0;
        m.note = said('gate.failedNote', { test: g.text });
        // A new list: without the explaining steps (ScoreInput.explain false) the old one is the engine's own, shared.
        m.provenance = { ...m.provenance, steps: [...m.provenance.steps, said('gate.failedWeighted', { test: g.text })] };
      }
      return said('gate.failedMetric', { test: g.text, metric: g.metric });
    },
    zeroes: 'gate.zeroesMetric',
  },
} satisfies Record<Gate['effect'], GateEffectRule>;

/** A gate checked against one rep's metrics. A missing value fails: passing cannot be shown. */
export function gateFor(model: Model, g: Gate, metrics: MetricResult[]): GateResult {
  const m = metrics.find((x) => x.metric === g.metric);
  const spec = model.metrics.find((x) => x.name === g.metric);
  const of: GateOfRule = GATE_OF[g.of];
  const value = m ? of.value(m) : null;
  const below = of.passesBelow(spec);
  const passed = value !== null && (below ? value <= g.level : value >= g.level);
  const level = of.show(g.level, spec);
  const sign = passed ? (below ? '≤' : '≥') : below ? '>' : '<';
  const text =
    value === null
      ? said(`gate.${g.of}Unchecked`, { metric: g.metric, level })
      : said(`gate.${g.of}`, { metric: g.metric, value: of.show(value, spec), sign, level });
  // An achievement always passes upwards: it is never "above" its gate.
  const verdict = passed ? 'Meets' : below ? 'Above' : 'Below';
  const reason =
    value === null
      ? said('gate.noData', { metric: g.metric })
      : said(g.of === 'achievement' ? (passed ? 'gate.achievementMeets' : 'gate.achievementBelow') : `gate.actual${verdict}`, {
          metric: g.metric,
          value: of.show(value, spec),
          level,
        });
  return { metric: g.metric, of: g.of, level: g.level, value, passed, effect: g.effect, passesBelow: below, text, reason };
}

/** The gate's test as a spreadsheet condition over the compared cell (an empty cell fails, as no data does). */
export function gatePasses(g: Pick<GateResult, 'level' | 'passesBelow'>, cell: F): Cond {
  const level: F = { f: String(g.level), v: g.level };
  return and(isNumber(cell), cmp(cell, g.passesBelow ? '<=' : '>=', level));
}
