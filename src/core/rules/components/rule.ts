// What every pay component provides, in one place per kind: its value, its explanation, its inverse ("what it
// takes", where one exists) and its spreadsheet formula. The kinds are registered in ./index.ts.
import type { Aggregate, ColumnType, CommissionSpec, Component, MetricSpec } from '../../model.js';
import type { Problem } from '../../../messages/index.js';
import type { MetricResult } from '../../results.js';
import type { F } from '../../formula.js';
import type { Text } from '../../says.js';

/** What a component is computed from, for one rep. */
export interface ComponentInput {
  /** The rep's metrics, by name. */
  metric(name: string): MetricResult | undefined;
  /** Whether a metric is lower-is-better (a kicker on its actual then holds at or below the level). */
  lowerIsBetter(name: string): boolean;
  /** 回款: the rep's payments in the period, prepared from the source (collection.ts). */
  payments?: readonly Payment[];
}

/** One payment row of a 回款 component. */
export interface Payment {
  row: number;
  /** The invoice's id, or '' when the source gives none (the row then names it). */
  invoice: string;
  /** Cash of the row, in currency units. */
  paid: number;
  /** Days from the invoice date to the payment date (whole days, at least 0). */
  days: number;
  coefficient: number;
  /** The part of the invoice's commission base this payment earns (pro rata), before the coefficient. */
  credited: number;
}

/** A component's figure for one rep. */
export interface ComponentValue {
  /** Currency units, ≥ 0, unrounded. */
  amount: number;
  /** What the line is computed on (commission base, units, weighted cash), or null for a fixed amount. */
  basis: number | null;
  /** Rate, amount per unit, or the kicker's amount. */
  rate: number | null;
  /** The line as `kpi explain` and the scorecard say it. */
  text: Text;
  /** Row-level detail (payments), one sentence each. */
  detail?: Text[];
}

/** The cells a component's formula may use on a sheet. */
export interface ComponentCells {
  basis: F;
  rate: F;
  /** The actual and achievement cells of a metric of the same rep, when on the sheet. */
  metric(name: string): { actual: F; achievement: F } | undefined;
  lowerIsBetter(name: string): boolean;
}

/**
 * What the scheme's checks offer a component to check itself with (src/scheme/checks-plan.ts implements it, with
 * positions and suggestions); paths are under the component.
 */
export interface ComponentChecks {
  /** A commission's metric, tiers and clawback, as the scheme's `commission` is checked. */
  commission(spec: CommissionSpec, path: (string | number)[]): void;
  /** A metric it reads: an error when there is none (with the closest name); the metric when there is. */
  metric(name: string, path: (string | number)[]): MetricSpec | undefined;
  /** A source it reads rows of: an error when there is none; whether its columns can be checked. */
  source(name: string, path: (string | number)[]): boolean;
  /** An aggregate over a source's rows (its filter's columns and values). */
  aggregate(agg: Aggregate, path: (string | number)[]): void;
  /** A column of a source, of one of the types `want`. */
  column(source: string, column: string, path: (string | number)[], want: readonly ColumnType[]): void;
  warn(path: (string | number)[], p: Problem): void;
}

export interface ComponentRule<C extends Component> {
  /** The scheme's checks of its settings: what it reads exists and has the right type. */
  check(c: C, checks: ComponentChecks): void;
  value(c: C, input: ComponentInput, money: (x: number) => string): ComponentValue;
  /** What would raise the line, for "what it takes"; null when nothing simple does. */
  inverse(c: C, input: ComponentInput, v: ComponentValue, money: (x: number) => string): Text | null;
  /** The amount as a formula over the line's cells, or null when no formula reproduces it. */
  formula(c: C, v: ComponentValue, cells: ComponentCells): F | null;
}
