// growth: (this period − an earlier period) / |earlier period| of another metric; earlier 0 or missing → no value.
import type { MetricDef } from '../../model.js';
import type { Period } from '../../results.js';
import type { Provenance } from '../../results.js';
import * as fmt from '../../format.js';
import { previousPeriod, samePeriodLastYear } from '../../period.js';
import type { MetricKindRule } from './rule.js';
import { said, withRows } from '../../says.js';

type GrowthDef = Extract<MetricDef, { kind: 'growth' }>;

export const growth: MetricKindRule<GrowthDef> = {
  value(def, x) {
    const minor = x.model.currency.minorUnit;
    const other = earlier(def, x.period);
    const cur = x.metric(def.metric);
    const prev = x.metric(def.metric, other);
    const unit = x.model.metrics.find((m) => m.name === def.metric)?.unit;
    const formula = said('formula.growth', { metric: def.metric, period: x.period.label, other: other.label });
    const values: (number | null)[] = [];
    const provenance: Provenance[] = [];
    for (let r = 0; r < x.nReps; r++) {
      const a = cur.values[r]!;
      const b = prev.values[r]!;
      const v = a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
      values.push(v);
      const pp = prev.provenance[r];
      const cp = cur.provenance[r];
      const steps = [
        said('step.metricIn', { metric: def.metric, period: x.period.label, value: withRows(fmt.valueText(a, unit, minor), cp?.rows) }),
        said('step.metricIn', { metric: def.metric, period: other.label, value: withRows(fmt.valueText(b, unit, minor), pp?.rows) }),
        b === 0 || b === null
          ? said(b === 0 ? 'step.growthZero' : 'step.growthMissing', { metric: def.metric, period: other.label })
          : said('step.actualIs', {
              formula: said('formula.growthValues', { current: fmt.shortText(a, unit), earlier: fmt.short(b, unit), base: fmt.short(Math.abs(b), unit) }),
              value: fmt.valueText(v, x.spec.unit, minor),
            }),
      ];
      const p: Provenance = { formula, steps };
      if (cp?.source !== undefined) p.source = cp.source;
      if (cp?.file !== undefined) p.file = cp.file;
      if (cp?.rows !== undefined) p.rows = cp.rows;
      provenance.push(p);
    }
    return { values, provenance };
  },
  inverse: null,
  // The earlier period's value is not in the workbook: the note shows both periods.
  formula: (def) => ({ why: said('nf.growth', { metric: def.metric }) }),
  metricsRead: (def) => [def.metric],
  rowsRead: () => [],
  plainAggregate: () => null,
  comparesWith: (def, period) => ({ metric: def.metric, period: earlier(def, period) }),
  check: (def, c) => c.metric(def.metric, ['metric']),
};

function earlier(def: GrowthDef, period: Period): Period {
  return def.compare === 'previous_period' ? previousPeriod(period) : samePeriodLastYear(period);
}
