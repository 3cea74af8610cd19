// derived: arithmetic over other metrics (+ − × ÷, min, max, abs, round); a missing part or a division by 0 → no value.
import type { Expr, MetricDef } from '../../model.js';
import type { Provenance } from '../../results.js';
import * as fmt from '../../format.js';
import { evalExpr, exprRefs, exprText } from '../../expr.js';
import { add, div, lit, max, min, mul, round, sub, type F } from '../../formula.js';
import type { MetricKindRule } from './rule.js';
import { MISSING, noDataIn, said, type Text } from '../../says.js';

type DerivedDef = Extract<MetricDef, { kind: 'derived' }>;

export const derived: MetricKindRule<DerivedDef> = {
  value(def, x) {
    const minor = x.model.currency.minorUnit;
    const refs = [...exprRefs(def.formula)].sort();
    const deps = new Map(refs.map((name) => [name, x.metric(name)] as const));
    const units = new Map(refs.map((name) => [name, x.model.metrics.find((m) => m.name === name)?.unit] as const));
    const values: (number | null)[] = [];
    const provenance: Provenance[] = [];
    for (let r = 0; r < x.nReps; r++) {
      const get = (name: string): number | null => deps.get(name)?.values[r] ?? null;
      const v = evalExpr(def.formula, get);
      values.push(v);
      const substituted = noDataIn(
        exprText(def.formula, (name) => {
          const n = get(name);
          return n === null ? MISSING : fmt.short(n, units.get(name));
        }),
      );
      const steps: Text[] = refs.map((name) => said('step.equals', { name, value: fmt.valueText(get(name), units.get(name), minor) }));
      steps.push(said('step.actualDerived', { formula: def.text, substituted, value: fmt.valueText(v, x.spec.unit, minor) }));
      if (v === null) steps.push(said('step.derivedNone'));
      provenance.push({ formula: def.text, steps });
    }
    return { values, provenance };
  },
  inverse: null,
  formula(def, actualOf) {
    const f = exprFormula(def.formula, actualOf);
    return f ? { formula: f } : { why: said('nf.metricNotOnSheet') };
  },
  metricsRead: (def) => [...exprRefs(def.formula)],
  rowsRead: () => [],
  plainAggregate: () => null,
  comparesWith: () => null,
  check(def, c) {
    for (const r of exprRefs(def.formula)) c.metric(r, ['formula'], true);
  },
};

/** The expression over the cells of the metrics it names; null when one of them has no cell. */
function exprFormula(e: Expr, actualOf: (metric: string) => F | undefined): F | null {
  const go = (x: Expr): F | null => exprFormula(x, actualOf);
  switch (e.type) {
    case 'num':
      return lit(e.value);
    case 'ref':
      return actualOf(e.name) ?? null;
    case 'neg': {
      const a = go(e.arg);
      return a && sub(lit(0), a);
    }
    case 'binary': {
      const a = go(e.left);
      const b = go(e.right);
      if (!a || !b) return null;
      return { '+': add, '-': sub, '*': mul, '/': div }[e.op](a, b);
    }
    case 'call': {
      const args = e.args.map(go);
      if (args.some((a) => a === null) || args.length === 0) return null;
      const fs = args as F[];
      switch (e.fn) {
        case 'min':
          return min(...fs); // bounded spread: the arguments of one min() in a derived formula
        case 'max':
          return max(...fs); // bounded spread: the arguments of one max() in a derived formula
        case 'abs':
          return { f: `ABS(${fs[0]!.f})`, v: Math.abs(fs[0]!.v) };
        case 'round':
          return round(fs[0]!, Math.trunc(fs[1]?.v ?? 0));
      }
    }
  }
}
