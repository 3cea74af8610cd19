// Gates: a metric below its level zeroes the bonus or that metric's contribution.
import type { Gate, Model } from './model.js';
import type { GateResult, MetricResult } from './results.js';

export function gateFor(model: Model, g: Gate, metrics: MetricResult[]): GateResult {
  const m = metrics.find((x) => x.metric === g.metric);
  const spec = model.metrics.find((x) => x.name === g.metric);
  const value = m ? (g.of === 'achievement' ? m.achievement : m.actual) : null;
  // Achievement is already oriented (target/actual when lower is better), so only an actual is compared downwards.
  const lower = g.of === 'actual' && spec?.direction === 'lower_is_better';
  // A missing value fails the gate: passing cannot be shown.
  const passed = value !== null && (lower ? value <= g.level : value >= g.level);
  return { metric: g.metric, of: g.of, level: g.level, value, passed, effect: g.effect };
}
