// ratio: numerator / denominator, each another metric or an inline aggregate; a denominator of 0 → no value.
import type { MetricDef, Operand, Unit } from '../../model.js';
import type { Provenance } from '../../results.js';
import * as fmt from '../../format.js';
import { filterText } from '../../filter.js';
import { div } from '../../formula.js';
import type { MetricKindRule, MetricValues } from './rule.js';
import { aggregationText, operandText, rowsWord } from './words.js';

type RatioDef = Extract<MetricDef, { kind: 'ratio' }>;

export const ratio: MetricKindRule<RatioDef> = {
  value(def, x) {
    const minor = x.model.currency.minorUnit;
    const side = (op: Operand): MetricValues & { unit: Unit | undefined } => {
      if ('metric' in op) return { ...x.metric(op.metric), unit: x.model.metrics.find((m) => m.name === op.metric)?.unit };
      const unit = x.unitOfAggregate(op);
      return { ...x.aggregate(op, unit), unit };
    };
    const num = side(def.numerator);
    const den = side(def.denominator);
    const inline = !('metric' in def.denominator) ? def.denominator : !('metric' in def.numerator) ? def.numerator : undefined;
    const formula = `${operandText(def.numerator)} / ${operandText(def.denominator)}`;
    const values: (number | null)[] = [];
    const provenance: Provenance[] = [];
    for (let r = 0; r < x.nReps; r++) {
      const a = num.values[r]!;
      const b = den.values[r]!;
      const v = a === null || b === null || b === 0 ? null : a / b;
      values.push(v);
      const np = num.provenance[r]!;
      const dp = den.provenance[r]!;
      const steps = [
        `numerator = ${operandText(def.numerator)} = ${fmt.value(a, num.unit, minor)}${np.rows !== undefined ? ` (${rowsWord(np.rows)})` : ''}`,
        `denominator = ${operandText(def.denominator)} = ${fmt.value(b, den.unit, minor)}${dp.rows !== undefined ? ` (${rowsWord(dp.rows)})` : ''}`,
        b === 0 ? 'denominator is 0: no value' : `actual = ${fmt.short(a, num.unit)} / ${fmt.short(b, den.unit)} = ${fmt.value(v, x.spec.unit, minor)}`,
      ];
      const prov: Provenance = { formula, steps };
      if (inline) {
        prov.source = inline.source;
        const file = x.fileOf(inline.source);
        if (file !== undefined) prov.file = file;
        const f = filterText(inline.filter);
        if (f) prov.filter = f;
        prov.aggregation = aggregationText(inline);
        const rows = inline === def.denominator ? dp.rows : np.rows;
        if (rows !== undefined) prov.rows = rows;
      }
      provenance.push(prov);
    }
    return { values, provenance };
  },
  inverse: null,
  formula(def, actualOf) {
    const side = (op: Operand) => ('metric' in op ? actualOf(op.metric) : undefined);
    const a = side(def.numerator);
    const b = side(def.denominator);
    if (a && b) return { formula: div(a, b) };
    const inline = !('metric' in def.numerator) ? def.numerator : def.denominator;
    return { why: `${'metric' in inline ? inline.metric : operandText(inline)} is counted from the rows (the note shows both sides)` };
  },
  metricsRead: (def) => [...new Set([def.numerator, def.denominator].flatMap((o) => ('metric' in o ? [o.metric] : [])))],
};
