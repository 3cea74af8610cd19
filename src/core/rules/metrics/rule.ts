// What every metric kind provides, in one place per kind: its value for every rep (with the steps that explain
// it: the provenance), its inverse (none: a rep changes the actual itself) and its spreadsheet formula. The
// kinds are registered in ./index.ts.
import type { Aggregate, MetricDef, MetricSpec, Model, Unit } from '../../model.js';
import type { Period, Provenance } from '../../results.js';
import type { F } from '../../formula.js';
import type { Text } from '../../says.js';

export interface MetricValues {
  values: (number | null)[];
  /** Per rep: where the value came from and each step, as `kpi explain` prints it. */
  provenance: Provenance[];
}

/** What a kind may ask of the run while computing its values (the engine keeps the caches). */
export interface KindContext {
  model: Model;
  spec: MetricSpec;
  period: Period;
  nReps: number;
  /** An aggregate over a source's rows of this period, per rep, with its provenance. */
  aggregate(agg: Aggregate, unit: Unit | undefined): MetricValues;
  /** Another metric's values, in this period or another. */
  metric(name: string, period?: Period): MetricValues;
  /** The unit an inline aggregate's value is shown in (a money column → money). */
  unitOfAggregate(agg: Aggregate): Unit | undefined;
  /** The file a source was read from. */
  fileOf(source: string): string | undefined;
}

/** A formula to write, or why the value is written instead. */
export type Choice = { formula: F } | { why: Text };

export interface MetricKindRule<D extends MetricDef> {
  /** Every rep's value in the period, with the steps that explain it. */
  value(def: D, x: KindContext): MetricValues;
  /** "What it takes" asks for a change of the actual itself: no kind has an inverse of its own. */
  inverse: null;
  /** The actual as a formula over other metrics' actual cells of the same rep, or why it is written as a value. */
  formula(def: D, actualOf: (metric: string) => F | undefined): Choice;
  /** The other metrics its value is computed from, in order of first use (cycles, what counts for pay). */
  metricsRead(def: D): string[];
}
