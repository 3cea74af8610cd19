// growth: (this period − an earlier period) / |earlier period| of another metric; earlier 0 or missing → no value.
import type { MetricDef } from '../../model.js';
import type { Provenance } from '../../results.js';
import * as fmt from '../../format.js';
import { previousPeriod, samePeriodLastYear } from '../../period.js';
import type { MetricKindRule } from './rule.js';
import { rowsWord } from './words.js';

type GrowthDef = Extract<MetricDef, { kind: 'growth' }>;

export const growth: MetricKindRule<GrowthDef> = {
  value(def, x) {
    const minor = x.model.currency.minorUnit;
    const other = def.compare === 'previous_period' ? previousPeriod(x.period) : samePeriodLastYear(x.period);
    const cur = x.metric(def.metric);
    const prev = x.metric(def.metric, other);
    const unit = x.model.metrics.find((m) => m.name === def.metric)?.unit;
    const formula = `(${def.metric} in ${x.period.label} − ${def.metric} in ${other.label}) / |${def.metric} in ${other.label}|`;
    const values: (number | null)[] = [];
    const provenance: Provenance[] = [];
    for (let r = 0; r < x.nReps; r++) {
      const a = cur.values[r]!;
      const b = prev.values[r]!;
      const v = a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
      values.push(v);
      const pp = prev.provenance[r];
      const cp = cur.provenance[r];
      const rowsOf = (p: Provenance | undefined): string => (p?.rows !== undefined ? ` (${rowsWord(p.rows)})` : '');
      const steps = [
        `${def.metric} in ${x.period.label} = ${fmt.value(a, unit, minor)}${rowsOf(cp)}`,
        `${def.metric} in ${other.label} = ${fmt.value(b, unit, minor)}${rowsOf(pp)}`,
        b === 0 || b === null
          ? `no value: ${def.metric} in ${other.label} is ${b === 0 ? '0' : 'missing'}`
          : `actual = (${fmt.short(a, unit)} − ${fmt.short(b, unit)}) / ${fmt.short(Math.abs(b), unit)} = ${fmt.value(v, x.spec.unit, minor)}`,
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
  formula: (def) => ({ why: `compared with ${def.metric} in an earlier period (the note shows both)` }),
  metricsRead: (def) => [def.metric],
};
