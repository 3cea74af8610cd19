// ratio: numerator / denominator, each another metric or an inline aggregate; a denominator of 0 → no value.
import type { MetricDef, Operand, Unit } from '../../model.js';
import type { Provenance } from '../../results.js';
import * as fmt from '../../format.js';
import { filterText } from '../../filter.js';
import { div } from '../../formula.js';
import type { MetricKindRule, MetricValues } from './rule.js';
import { said, withRows } from '../../says.js';
import { aggregationText, operandText, readText } from './words.js';

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
    const formula = said('formula.ratio', { numerator: operandText(def.numerator), denominator: operandText(def.denominator) });
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
        said('step.numerator', { operand: operandText(def.numerator), value: withRows(fmt.valueText(a, num.unit, minor), np.rows) }),
        said('step.denominator', { operand: operandText(def.denominator), value: withRows(fmt.valueText(b, den.unit, minor), dp.rows) }),
        b === 0
          ? said('step.denominatorZero')
          : said('step.actualIs', {
              formula: said('formula.ratio', { numerator: fmt.shortText(a, num.unit), denominator: fmt.shortText(b, den.unit) }),
              value: fmt.valueText(v, x.spec.unit, minor),
            }),
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
    return { why: said('nf.ratio', { what: 'metric' in inline ? inline.metric : operandText(inline) }) };
  },
  metricsRead: (def) => [...new Set([def.numerator, def.denominator].flatMap((o) => ('metric' in o ? [o.metric] : [])))],
  rowsRead: (def) =>
    (['numerator', 'denominator'] as const).flatMap((part) => {
      const op = def[part];
      return 'metric' in op ? [] : [{ part, agg: op, text: readText(op), given: false }];
    }),
  plainAggregate: () => null,
  comparesWith: () => null,
  // Each side: another metric, or an inline aggregate.
  check(def, c) {
    for (const side of ['numerator', 'denominator'] as const) {
      const o = def[side];
      if ('metric' in o) c.metric(o.metric, [side]);
      else c.aggregate(o, [side]);
    }
  },
};
