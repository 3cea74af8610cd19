// The metric kinds, one module each, keyed by the `type:` the scheme uses. The table is checked against the
// model's MetricDef union, so a kind without a module (or a module missing a part) does not compile.
import type { Aggregate, MetricDef, MetricSpec } from '../../model.js';
import type { Period } from '../../results.js';
import type { F } from '../../formula.js';
import { aggregate } from './aggregate.js';
import { derived } from './derived.js';
import { growth } from './growth.js';
import { input } from './input.js';
import { ratio } from './ratio.js';
import type { Choice, DefinitionChecks, KindContext, MetricKindRule, MetricValues, RowsRead } from './rule.js';

export const METRIC_KINDS = { aggregate, ratio, derived, input, growth } satisfies {
  [K in MetricDef['kind']]: MetricKindRule<Extract<MetricDef, { kind: K }>>;
};

function kindOf<D extends MetricDef>(def: D): MetricKindRule<D> {
  return METRIC_KINDS[def.kind] as unknown as MetricKindRule<D>;
}

export function kindValues(spec: MetricSpec, x: KindContext): MetricValues {
  return kindOf(spec.def).value(spec.def, x);
}

/** The actual cell's formula over other metrics' cells of the same rep, or why the value is written. */
export function actualFormula(spec: MetricSpec, actualOf: (metric: string) => F | undefined): Choice {
  return kindOf(spec.def).formula(spec.def, actualOf);
}

/** The other metrics `spec`'s value is computed from, in order of first use. */
export function metricsRead(spec: MetricSpec): string[] {
  return kindOf(spec.def).metricsRead(spec.def);
}

/** The aggregates of source rows `spec` reads itself (not through other metrics). */
export function rowsRead(spec: MetricSpec): RowsRead[] {
  return kindOf(spec.def).rowsRead(spec.def);
}

/** The sources `spec` reads rows of itself (not through other metrics). */
export function sourcesRead(spec: MetricSpec): string[] {
  return rowsRead(spec).map((r) => r.agg.source);
}

/** The sources whose rows the metrics aggregate: not the input files, whose values are given per rep. */
export function aggregatedSources(metrics: readonly MetricSpec[]): Set<string> {
  return new Set(metrics.flatMap((m) => rowsRead(m).flatMap((r) => (r.given ? [] : [r.agg.source]))));
}

/** The sources metric `name`'s value is read from, through the metrics it refers to. */
export function sourcesBehind(name: string, specs: ReadonlyMap<string, MetricSpec>, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  const m = specs.get(name);
  if (!m || seen.has(name)) return out;
  seen.add(name);
  for (const src of sourcesRead(m)) out.add(src);
  for (const r of metricsRead(m)) for (const src of sourcesBehind(r, specs, seen)) out.add(src);
  return out;
}

/** `spec` as one aggregate of a source's rows when that is all it is, else null. */
export function plainAggregate(spec: MetricSpec): Aggregate | null {
  return kindOf(spec.def).plainAggregate(spec.def);
}

/** The metric and earlier period `spec`'s value compares with (growth), else null. */
export function comparesWith(spec: MetricSpec, period: Period): { metric: string; period: Period } | null {
  return kindOf(spec.def).comparesWith(spec.def, period);
}

/** The scheme's checks of `spec`'s definition, by its kind. */
export function checkDefinition(spec: MetricSpec, c: DefinitionChecks): void {
  kindOf(spec.def).check(spec.def, c);
}

export type { Choice, DefinitionChecks, KindContext, MetricValues, RowsRead } from './rule.js';
export { aggregationText } from './words.js';
