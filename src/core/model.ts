// The validated scheme, as the rest of the program sees it. Built by src/scheme from YAML; consumed by the
// core, the readers and the outputs. Pure data: no functions, no I/O handles.
//
// Units: every percentage is a fraction (80 % = 0.8) except weights, which are fractions too (40 % = 0.4)
// once loaded. Money amounts are plain numbers in currency units (1234.56); money *columns* in tables are
// integer minor units so sums stay exact.
import type { Component, PlanOverride, RedLineRule } from './plan-model.js';
import type { ScoringSpec } from './rules/scoring/methods.js';

/**
 * The most any score may be, and any bound of one (caps, tier bounds, band scores, relative threshold/stretch), as
 * a fraction: 1000 %. The scheme refuses more (scheme/ranges.ts); a targets file's percentage above it is percent
 * points written without % (core/targets.ts).
 */
export const MAX_SCORE = 10;

export type ColumnType = 'string' | 'number' | 'money' | 'percent' | 'date';

export interface ColumnSpec {
  /** Logical name used everywhere in the scheme. */
  name: string;
  /** Header as it appears in the file (may be Chinese). */
  header: string;
  type: ColumnType;
  /** Read 10万, 1.5万, full-width digits and ％ in this column (declared with chinese_numbers: true). */
  chineseNumbers?: boolean;
  /**
   * The unit of a money or number column's values as the scheme declares it (`scale:`), a power of ten: 10000 for
   * amounts in 万元, 1000 for 千元, `(000)` or `$K`, 1 for amounts as written. Values are read times it, exactly (money
   * in minor units: 1.2345 万元 is 12,345.00). Absent: not declared (a header that names a unit is then reported).
   */
  scale?: number;
  /**
   * Values are percent points (deduction points: 5 takes 95 % to 90 %). A value written `5%` or formatted as a
   * percentage would read as 0.05 points, so it is a bad value.
   */
  percentPoints?: boolean;
}

export type DerivedColumn =
  /** Whole days from `from` to `to` (to − from); blank when either date is blank. */
  | { name: string; kind: 'days_between'; from: string; to: string }
  /** Row-level arithmetic over numeric columns of the same row. */
  | { name: string; kind: 'formula'; formula: Expr; text: string };

export type Encoding = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** One table read from a CSV or XLSX file. Rosters, targets files, deductions and input metrics are sources too. */
export interface SourceSpec {
  name: string;
  /** Absolute path (resolved against the scheme's folder). */
  file: string;
  /** The path as written in the scheme, for messages. */
  fileAsWritten: string;
  format: 'csv' | 'xlsx';
  /** XLSX sheet name; the first sheet when absent. */
  sheet?: string;
  encoding: Encoding;
  /** CSV delimiter; sniffed when absent. */
  delimiter?: string;
  /** Decimal separator of numbers written as text. */
  decimal: '.' | ',';
  /**
   * The scheme set `decimal`. When it did not, a point is assumed and any value that reads two ways (1.500,
   * 12,000) is reported, or stops the run when nothing in its column says which reading is right.
   */
  decimalDeclared?: boolean;
  /** What the file is for when it is not a data source: its rows set pay directly, so none may be lost. */
  purpose?: 'roster' | 'targets' | 'deductions' | 'paid_to_date';
  /** How to read slashed dates like 11/01/2026. ISO dates and Excel serials are unambiguous. */
  dateOrder: 'ymd' | 'mdy' | 'dmy';
  /** 1-based header row; found automatically (first row containing the mapped headers) when absent. */
  headerRow?: number;
  /** What a row with a bad value does: skipped and reported (default) or stops the run. */
  onBadRow: 'skip' | 'stop';
  columns: ColumnSpec[];
  /** Logical column naming the rep (matched against roster ids). */
  rep?: string;
  /** Logical date column that places a row in a period. */
  date?: string;
  /** Logical string column holding a period label such as 2026-11 (input files, targets files). */
  period?: string;
  /** Logical column expected to be unique; duplicates are reported. */
  key?: string;
  /**
   * Set by narrowedToUse when nothing but the duplicate check reads the key column: the reader may then keep
   * a hash per row instead of the text, and leave the column out of the table.
   */
  keyOnly?: boolean;
  /**
   * Split credit: rows with the same `order` are one order credited to several reps, each row's rep getting
   * `share` of it (shares of an order add up to 100 %). See core/split-credit.ts.
   */
  split?: { order: string; share: string };
  derived: DerivedColumn[];
}

export type Scalar = string | number | boolean;

/** One condition of a filter; a filter is the AND of its conditions. Date values are ISO strings. */
export type Condition =
  | { column: string; op: 'eq' | 'ne'; value: Scalar }
  | { column: string; op: 'in' | 'not_in'; values: Scalar[] }
  | { column: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string }
  | { column: string; op: 'between'; min: number | string; max: number | string }
  | { column: string; op: 'contains'; value: string }
  | { column: string; op: 'blank' | 'not_blank' };

export type AggregateFn = 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max';

export interface Aggregate {
  source: string;
  fn: AggregateFn;
  /** Required for everything but count. */
  column?: string;
  filter: Condition[];
}

/** Arithmetic expression (derived metrics, derived columns). `ref` names a metric or a column. */
export type Expr =
  | { type: 'num'; value: number }
  | { type: 'ref'; name: string }
  | { type: 'neg'; arg: Expr }
  | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { type: 'call'; fn: 'min' | 'max' | 'abs' | 'round'; args: Expr[] };

export type Operand = { metric: string } | Aggregate;

export type MetricDef =
  | ({ kind: 'aggregate' } & Aggregate)
  | { kind: 'ratio'; numerator: Operand; denominator: Operand }
  | { kind: 'derived'; formula: Expr; text: string }
  /** A value given per rep in a source (survey score, manager rating). Several rows in the period: mean. */
  | { kind: 'input'; source: string; column: string }
  /** (this period − earlier period) / |earlier period| of another metric. */
  | { kind: 'growth'; metric: string; compare: 'previous_period' | 'same_period_last_year' };

export type Direction = 'higher_is_better' | 'lower_is_better';
export type Unit = 'money' | 'count' | 'percent' | 'number' | 'days' | 'score';
export type Category = 'financial' | 'customer' | 'process' | 'people';

/** Threshold/stretch: an absolute actual, or a fraction of the rep's resolved target. */
export type Bound = { kind: 'absolute'; value: number } | { kind: 'relative'; fraction: number };

export interface TargetSpec {
  default?: number;
  byRole: ReadonlyMap<string, number>;
  byTeam: ReadonlyMap<string, number>;
  byRep: ReadonlyMap<string, number>;
  threshold?: Bound;
  stretch?: Bound;
  /**
   * The values above are written for each month, quarter or year; the target of a period is then the sum of its
   * month targets (core/decompose.ts). Absent: the values are the scored period's target, as written.
   */
  per?: 'month' | 'quarter' | 'year';
  /** How a year's or quarter's target (inline or a targets-file row) is split into months. Absent: even. */
  split?: 'even' | 'seasonality';
}

/** A metric's scoring: the union of the registered methods' specs (core/rules/scoring/methods.ts, one module each). */
export type { ScoringSpec } from './rules/scoring/methods.js';

export interface MetricSpec {
  name: string;
  label: string;
  unit?: Unit;
  category?: Category;
  direction: Direction;
  /** The values the metric can take (`range: [1, 5]`): "what it takes" never asks beyond them. */
  range?: { min: number; max: number };
  def: MetricDef;
  target: TargetSpec;
  scoring: ScoringSpec;
}

export interface Rep {
  id: string;
  name: string;
  team: string;
  role: string;
  /** Target incentive in currency units. */
  baseBonus: number;
  /** ISO date; used for proration. */
  startDate?: string;
  /** Id of the rep's manager (roster `manager` column): places the rep in that manager's rollup. */
  manager?: string;
}

export type Roster = { kind: 'inline'; reps: Rep[] } | { kind: 'file'; source: SourceSpec };

export interface Gate {
  metric: string;
  /** Compare the actual (default) or the achievement with the level. */
  of: 'actual' | 'achievement';
  /** Fails when the value is below the level — or, for the actual of a lower_is_better metric, above it. A missing value fails. */
  level: number;
  effect: 'zero_bonus' | 'zero_metric';
}

export interface StepTier {
  label: string;
  from: number;
  /** Excluded; absent = open-ended. */
  to?: number;
  multiplier: number;
}

export interface BonusSpec {
  mode: 'step' | 'linear';
  /** step mode: contiguous bands of total score. */
  tiers: StepTier[];
  /** linear mode: multiplier interpolated between points; flat beyond the ends. */
  points: { score: number; multiplier: number }[];
  maxMultiplier?: number;
  maxPayout?: number;
  /** Reps who started inside the period get base bonus × days employed / days in period. */
  proration: 'none' | 'calendar_days';
  /**
   * What the tiers or points are keyed on: absent = the total score; a metric name = that metric's achievement
   * (unclipped, as a gate `of: achievement` sees it), the guides' 奖金系数 on 业绩达标.
   */
  basis?: string;
  /** bonus = base × multiplier × total score (the combined form base × coefficient(achievement) × KPI score). */
  timesScore?: boolean;
}

export interface CommissionTier {
  from: number;
  to?: number;
  rate: number;
}

export interface CommissionSpec {
  /** A money metric (e.g. collected revenue). */
  metric: string;
  mode: 'marginal' | 'retroactive';
  tiers: CommissionTier[];
  maxPayout?: number;
  /** Refunds dated in the period of orders of earlier periods: taken back at the earlier rate (a clawback line). */
  clawback?: Clawback;
}

export interface Clawback {
  /** Column of the commission metric's source linking a refund row to its order (the order id). */
  order: string;
  /** The rows that are refunds or cancellations; empty = rows with a negative amount. */
  refunds: Condition[];
}

export interface Currency {
  code: string;
  /** Decimal places of the minor unit (2 for CNY/USD, 0 for JPY). */
  minorUnit: number;
  symbol: string;
}

/** Plan-design settings (`smart:`): the SMART checks of `kpi validate`, `kpi backtest` and `kpi targets`. Fractions. */
export interface SmartSettings {
  /** Warn when a target exceeds the rep's best historical value by more than this factor. */
  maxTargetOverBest: number;
  /** Warn when fewer reps than this reached a metric's threshold in history (guidance: about 90 %). */
  minShareAtThreshold: number;
  /** Warn when more reps than this reached a metric's target in history (guidance: about 50 %). */
  maxShareAtTarget: number;
  /** Warn when crossing one bonus tier edge pays more than this share of the base bonus at once. */
  maxCliff: number;
  /** Warn when a gate would have zeroed the bonus of more than this share of reps in history. */
  maxShareZeroedByGate: number;
  /** A total score this close to a tier edge (either side, in points of score) is "on the edge". */
  tierEdgeBand: number;
  /** `kpi targets`: growth on the trailing average. */
  targetGrowth: number;
}

/** The defaults, as documented in docs/scheme.md ("smart"). */
export const DEFAULT_SMART: Readonly<SmartSettings> = {
  maxTargetOverBest: 1.5,
  minShareAtThreshold: 0.7,
  maxShareAtTarget: 0.7,
  maxCliff: 0.5,
  maxShareZeroedByGate: 0.2,
  tierEdgeBand: 0.02,
  targetGrowth: 0.05,
};

export interface Model {
  /** Absolute path of the scheme file. */
  schemeFile: string;
  name: string;
  currency: Currency;
  /** Period label used when --period is not given (e.g. 2026-11). */
  period?: string;
  sources: SourceSpec[];
  roster: Roster;
  /** Rows: rep, metric, period, target (optional threshold, stretch). Wins over inline targets for its period. */
  targetsFile?: SourceSpec;
  /** Rows: rep, points and/or amount, reason; dated by the source's date or period column. */
  deductions?: SourceSpec;
  metrics: MetricSpec[];
  /** role → metric → weight (fraction; a role's weights sum to 1). */
  weights: ReadonlyMap<string, ReadonlyMap<string, number>>;
  gates: Gate[];
  bonus: BonusSpec;
  commission?: CommissionSpec;
  /**
   * Role → how reps of that role are scored on their team's metrics: `team` (everyone in their roster team) or
   * `manager` (everyone reporting to them, directly or not, through the roster's manager column). core/rollup.ts.
   */
  rollups?: ReadonlyMap<string, 'team' | 'manager'>;
  /** Further pay lines of the default plan: commissions on their own metrics, SPIFFs, kickers, 回款 commission. */
  components?: Component[];
  /** 红线 rules of the default plan: what a violation named in the deductions file's `rule` column costs. */
  redLines?: ReadonlyMap<string, RedLineRule>;
  /** role → that role's plan where it differs from the defaults above (each key given replaces the default's). */
  plans?: ReadonlyMap<string, PlanOverride>;
  /** Rows: rep, amount (optional period): what was already paid this year; payout = earned − paid to date. */
  paidToDate?: SourceSpec;
  smart: SmartSettings;
  /** Language and conventions of the outputs: paper size, CSV byte-order mark, formats. Absent: en-US. */
  locale?: Locale;
  /** How amounts are shown: standard (12,345.00) or wan (1.23万, units of 10,000). Absent: standard. Display only. */
  moneyDisplay?: MoneyDisplay;
}

export type Locale = 'en-US' | 'zh-CN';

export type { Component, PlanOverride, Plan, RedLineRule, AgingBand } from './plan-model.js';
export type MoneyDisplay = 'standard' | 'wan';
