// What every metric kind provides, in one place per kind: its value for every rep (with the steps that explain
// it: the provenance), its inverse (none: a rep changes the actual itself) and its spreadsheet formula. The
// kinds are registered in ./index.ts.
import type { Aggregate, MetricDef, MetricSpec, Model, Unit } from '../../model.js';
import type { Period, Provenance } from '../../results.js';
import type { F } from '../../formula.js';
import type { Said, Text } from '../../says.js';

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

/** One aggregate over a source's rows that a metric reads itself (not through other metrics). */
export interface RowsRead {
  /** The part of the metric it is: the actual itself, or one side of a ratio. */
  part: 'actual' | 'numerator' | 'denominator';
  agg: Aggregate;
  /** How the rows behind a figure name it: "sum of amount where stage = Won", "mean of score". */
  text: Said;
  /**
   * Values given per rep and period (a rating, a survey score), not rows of activity: each rep's own (never rolled
   * up to a lead), and a month without one is no missing data.
   */
  given: boolean;
}

/** A formula to write, or why the value is written instead. */
export type Choice = { formula: F } | { why: Text };

/**
 * What the scheme's checks offer a kind to check its definition with (src/scheme/checks.ts implements it, with
 * positions and suggestions): the kind says what it reads, the scheme checks that it is there and of the right type.
 */
export interface DefinitionChecks {
  /** An aggregate over a source's rows (the metric's own, or a ratio's inline side) at `path` under the metric. */
  aggregate(agg: Aggregate, path: (string | number)[]): void;
  /** A metric it reads must exist; `inFormula`: named in a derived formula (its own problem code). */
  metric(name: string, path: (string | number)[], inFormula?: boolean): void;
  /** A number per rep read from a source's column (input): the source, the column, a numeric type, a rep column. */
  numberPerRep(source: string, column: string, path: { source: (string | number)[]; column: (string | number)[] }): void;
}

export interface MetricKindRule<D extends MetricDef> {
  /** Every rep's value in the period, with the steps that explain it. */
  value(def: D, x: KindContext): MetricValues;
  /** "What it takes" asks for a change of the actual itself: no kind has an inverse of its own. */
  inverse: null;
  /** The actual as a formula over other metrics' actual cells of the same rep, or why it is written as a value. */
  formula(def: D, actualOf: (metric: string) => F | undefined): Choice;
  /** The other metrics its value is computed from, in order of first use (cycles, what counts for pay). */
  metricsRead(def: D): string[];
  /**
   * The aggregates of source rows it reads itself (not through other metrics): which sources and columns a run
   * reads, which rows a dispute lists, which columns split credit divides; whether it is time-bound depends on them.
   */
  rowsRead(def: D): RowsRead[];
  /** The metric as one aggregate of a source's rows when that is all it is (a clawback takes refunds back from it), else null. */
  plainAggregate(def: D): Aggregate | null;
  /** The metric and earlier period its value compares with (growth), else null. */
  comparesWith(def: D, period: Period): { metric: string; period: Period } | null;
  /** The scheme's checks of its definition: what it reads exists and has the right type. */
  check(def: D, c: DefinitionChecks): void;
}
