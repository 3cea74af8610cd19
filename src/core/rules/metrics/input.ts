// input: a value given per rep in a source (survey score, manager rating); several rows in the period: the mean.
import type { Aggregate, MetricDef } from '../../model.js';
import type { MetricKindRule } from './rule.js';
import { said } from '../../says.js';

type InputDef = Extract<MetricDef, { kind: 'input' }>;

export const input: MetricKindRule<InputDef> = {
  value(def, x) {
    const r = x.aggregate(given(def), x.spec.unit);
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
  rowsRead: (def) => [{ part: 'actual', agg: given(def), text: said('agg.mean', { column: def.column }), given: true }],
  plainAggregate: () => null,
  comparesWith: () => null,
  check: (def, c) => c.numberPerRep(def.source, def.column, { source: ['source'], column: ['column'] }),
};

/** The rows of a rep's values in the period, averaged. */
function given(def: InputDef): Aggregate {
  return { source: def.source, fn: 'avg', column: def.column, filter: [] };
}
