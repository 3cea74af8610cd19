// input: a value given per rep in a source (survey score, manager rating); several rows in the period: the mean.
import type { Aggregate, MetricDef } from '../../model.js';
import type { MetricKindRule } from './rule.js';
import { said } from '../../says.js';

type InputDef = Extract<MetricDef, { kind: 'input' }>;

export const input: MetricKindRule<InputDef> = {
  value(def, x) {
    const agg: Aggregate = { source: def.source, fn: 'avg', column: def.column, filter: [] };
    const r = x.aggregate(agg, x.spec.unit);
    for (const p of r.provenance) {
      // Several values of one rep: their mean (not an "average of" rows counted).
      const mean = said('agg.mean', { column: def.column });
      p.aggregation = mean;
      p.steps = p.steps.map((s) => (typeof s !== 'string' && s.key === 'step.actualAgg' ? { ...s, values: { ...s.values, aggregation: mean } } : s));
    }
    return r;
  },
  inverse: null,
  formula: (def) => ({ why: said('nf.input', { source: def.source }) }),
  metricsRead: () => [],
  sourcesRead: (def) => [def.source],
  check: (def, c) => c.numberPerRep(def.source, def.column, { source: ['source'], column: ['column'] }),
};
