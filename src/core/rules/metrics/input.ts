// input: a value given per rep in a source (survey score, manager rating); several rows in the period: the mean.
import type { Aggregate, MetricDef } from '../../model.js';
import type { MetricKindRule } from './rule.js';

type InputDef = Extract<MetricDef, { kind: 'input' }>;

export const input: MetricKindRule<InputDef> = {
  value(def, x) {
    const agg: Aggregate = { source: def.source, fn: 'avg', column: def.column, filter: [] };
    const r = x.aggregate(agg, x.spec.unit);
    for (const p of r.provenance) {
      p.aggregation = `mean of ${def.column}`;
      p.steps = p.steps.map((s) => s.replace(/^actual = average of/, 'actual = mean of'));
    }
    return r;
  },
  inverse: null,
  formula: (def) => ({ why: `given per rep in ${def.source}` }),
  metricsRead: () => [],
};
