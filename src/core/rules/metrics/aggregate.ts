// aggregate: sum, count, count_distinct, avg, min or max of a column over one source's rows in the period.
import type { MetricDef } from '../../model.js';
import type { MetricKindRule } from './rule.js';
import { said } from '../../says.js';
import { readText } from './words.js';

type AggregateDef = Extract<MetricDef, { kind: 'aggregate' }>;

export const aggregate: MetricKindRule<AggregateDef> = {
  value: (def, x) => x.aggregate(def, x.spec.unit),
  inverse: null,
  formula: (def) => ({ why: said('nf.aggregate', { source: def.source }) }),
  metricsRead: () => [],
  rowsRead: (def) => [{ part: 'actual', agg: def, text: readText(def), given: false }],
  plainAggregate: (def) => def,
  comparesWith: () => null,
  check: (def, c) => c.aggregate(def, []),
};
