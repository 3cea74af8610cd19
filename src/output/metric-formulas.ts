// The formulas of a metric row at given cell addresses: the core's rules (core/rules/metric-row.ts) bound to the
// cells of a sheet. Shared by the report's Details sheet and the scorecards.
import type { Model } from '../core/model.js';
import type { RepResult, MetricResult } from '../core/results.js';
import { ref } from '../core/formula.js';
import { metricRowFormulas, type MetricRowFormulas } from '../core/rules/metric-row.js';

/** Where one metric row's figures are. */
export interface MetricAddresses {
  actual: string;
  target: string;
  threshold: string;
  stretch: string;
  achievement: string;
  score: string;
  weight: string;
}

const refsOf = (m: MetricResult, a: MetricAddresses) => ({
  actual: ref(a.actual, m.actual),
  target: ref(a.target, m.target),
  threshold: ref(a.threshold, m.threshold),
  stretch: ref(a.stretch, m.stretch),
  achievement: ref(a.achievement, m.achievement),
  score: ref(a.score, m.score),
  weight: ref(a.weight, m.weight),
});

/** The formulas of `m`'s row; `addressOf` gives the row of any metric of the same rep. */
export function metricFormulas(
  model: Model,
  r: RepResult,
  m: MetricResult,
  addressOf: (metric: string) => MetricAddresses | undefined,
): MetricRowFormulas | undefined {
  const spec = model.metrics.find((x) => x.name === m.metric);
  const own = addressOf(m.metric);
  if (!spec || !own) return undefined;
  return metricRowFormulas(spec, m, r.gates, refsOf(m, own), (name) => {
    const other = r.metrics.find((x) => x.metric === name);
    const at = addressOf(name);
    return other && at ? refsOf(other, at) : undefined;
  });
}
