// What the core returns: everything the outputs print, with provenance for notes and `kpi explain`.
import type { Rep, StepTier } from './model.js';
import type { DataIssue } from './table.js';
import type { DayNumber } from './table.js';
import type { Text } from './says.js';
import type { RedLineKind } from './plan-model.js';

export interface Period {
  /** As given: 2026-11, 2026-Q4, 2026-11-YTD, 2026. */
  label: string;
  kind: 'month' | 'quarter' | 'ytd' | 'year';
  /** Inclusive bounds. */
  start: DayNumber;
  end: DayNumber;
}

/** How a figure was computed, in the user's words. */
export interface Provenance {
  source?: string;
  file?: string;
  /** e.g. "status = won AND amount > 0" */
  filter?: Text;
  /** e.g. "sum of amount" */
  aggregation?: Text;
  /** Rows of this rep in the period that passed the filter. */
  rows?: number;
  /** e.g. "revenue / won_deals" */
  formula?: Text;
  /** Each step, in order, as printed by `kpi explain` (sentences: the outputs render them in the run's language). */
  steps: Text[];
}

export type TargetOrigin = 'rep' | 'team' | 'role' | 'default' | 'file' | 'none';

export interface MetricResult {
  metric: string;
  label: string;
  /** Weight for the rep's role (fraction); 0 when the metric is not weighted for the role. */
  weight: number;
  /** null = no data (e.g. avg of no rows, ratio over 0): scored 0 and said so. */
  actual: number | null;
  target: number | null;
  targetOrigin: TargetOrigin;
  /** Where the target came from in words: "role senior_ae", "targets file t.csv, row 3", a split of a year's target. */
  targetFrom?: Text;
  threshold: number | null;
  stretch: number | null;
  /** Raw achievement before scoring/clipping (actual/target, or target/actual when lower is better). */
  achievement: number | null;
  /** Score after the scoring method, clipped to [0, cap]. */
  score: number;
  /** weight × score, 0 when a zero_metric gate failed. */
  weightedScore: number;
  /** Why the score is what it is when it is not plain (no data, target 0, gate). */
  note?: Text;
  provenance: Provenance;
}

export interface GateResult {
  metric: string;
  of: 'actual' | 'achievement';
  level: number;
  value: number | null;
  passed: boolean;
  effect: 'zero_bonus' | 'zero_metric';
  /** A value at or below the level passes (the actual of a lower-is-better metric). */
  passesBelow: boolean;
  /** The test as the steps show it: "collection_rate actual 74% < 80%". */
  text: Text;
  /** In words: "collection_rate actual 74% is below its gate of 80%", "… meets its gate of 80%", "no x data to meet its gate". */
  reason: Text;
}

export interface CommissionSlice {
  from: number;
  to?: number;
  rate: number;
  /** Amount of the metric in this slice (marginal) or the whole amount (retroactive, reached tier). */
  amount: number;
  commission: number;
}

/** Rounded components that add up exactly to the rounded payout. */
export interface RoundedPayout {
  bonus: number;
  commission: number;
  deductions: number;
  payout: number;
}

/** For one metric: how much more (or, lower is better, how much less) reaches the next tier, others unchanged. */
export interface WhatItTakes {
  metric: string;
  /** Change in the actual needed; null when this metric alone cannot reach the next tier (capped/not weighted). */
  change: number | null;
  /** The actual that would be needed. */
  actualNeeded: number | null;
  /** Why there is no figure: the actual needed lies beyond the metric's range, … */
  why?: Text;
}

/** A failed zero_bonus gate and what meets it. */
export interface GateUnlock {
  metric: string;
  /** The gate's reason, as the outputs show it: "cac achievement 80% is below its gate of 85%". */
  reason: Text;
  /** The actual that meets the gate (null when no actual can), and the change from the rep's actual. */
  actualNeeded: number | null;
  change: number | null;
  /** Payout (unrounded) at the rep's current score once every failed zero_bonus gate is met. */
  payout: number;
}

export interface NextTier {
  tier: StepTier | null;
  /** Total score needed. */
  score: number;
  /** Payout (unrounded) if the next tier were reached: 0 while a zero_bonus gate fails (see `unlock`). */
  payout: number;
  /** The same once the failed zero_bonus gates are met as well. */
  payoutOnceUnlocked?: number;
  perMetric: WhatItTakes[];
}

export interface RepResult {
  rep: Rep;
  /** 1 = best; ties share a rank. */
  rank: number;
  /** false when no source had a row for this rep (or, for a rollup, any rep of the team) in the period. */
  hasData: boolean;
  /** A team lead or manager scored on the rows of these reps (roster ids, their own first): scheme `rollups:`. */
  rollup?: { basis: 'team' | 'manager'; members: string[] };
  metrics: MetricResult[];
  /** Σ weightedScore. */
  scoreBeforeDeductions: number;
  deductionPoints: number;
  /** max(0, scoreBeforeDeductions − deductionPoints/100). A fraction: 1 = 100 %. */
  totalScore: number;
  gates: GateResult[];
  /** Metric whose zero_bonus gate failed, if any. */
  bonusZeroedBy?: string;
  /** Step tier the total score falls in (step mode), or null. */
  tier: StepTier | null;
  /** Multiplier after the cap (and 0 when a gate zeroed the bonus). */
  multiplier: number;
  /** Fraction of the period employed (1 unless prorated). */
  proration: number;
  /** baseBonus × proration. */
  proratedBase: number;
  /** All unrounded. */
  bonus: number;
  commission: number;
  /** Σ commissionSlices, before the commission's max_payout. */
  commissionBeforeCap: number;
  commissionSlices: CommissionSlice[];
  /** Refunds of earlier orders netted in this period's commission base and added back to it (clawed back instead). */
  commissionAddedBack?: number;
  deductionAmount: number;
  deductionReasons: Text[];
  /** max(0, bonus + commission − deductionAmount), after payout caps; unrounded. */
  payout: number;
  rounded: RoundedPayout;
  /** The role whose own plan paid this rep; absent under the shared default plan. */
  plan?: string;
  /** What the tiers were keyed on when not the total score alone (a metric's achievement, × total score). */
  basis?: { what: Text; value: number | null; coefficient: number; timesScore: boolean };
  /** Components, clawbacks, 红线 and paid to date, in that order; their amounts are inside commission / deductionAmount. */
  lines?: PayLine[];
  /** A 红线 zero_bonus (一票否决) that zeroed the bonus: rule and reason. */
  bonusZeroedByRedLine?: Text;
  /** YTD true-up: what was earned, what was already paid, the negative balance carried (0 or less). */
  trueUp?: { earned: number; paidToDate: number; carried: number };
  next?: NextTier;
  /** The failed zero_bonus gates that block the bonus, with what meets each. */
  unlock?: GateUnlock[];
  /** Gates, total score, tier, proration, bonus, commission, deductions and payout, as `kpi explain` prints them. */
  steps?: Text[];
}

/** A pay line beyond the bonus and the main commission: a component, a clawback, a 红线, the amount paid to date. */
export interface PayLine {
  kind: 'commission' | 'spiff' | 'kicker' | 'collection' | 'clawback' | 'red_line' | 'paid_to_date';
  /** The component's or rule's name in the scheme (a clawback: the order id). */
  name: string;
  label: string;
  /** +1: adds to the payout (shown under commission); −1: taken off (shown under deductions). */
  sign: 1 | -1;
  /** Currency units, ≥ 0, unrounded. */
  amount: number;
  /** The part of `amount` applied (less only when the payout was floored at 0), rounded so the lines add up. */
  rounded: number;
  /** What the line is computed on (commission base, units, cash after aging, refund, bonus), or null. */
  basis: number | null;
  /** Rate, amount per unit, share, or null. */
  rate: number | null;
  /** In words, with the numbers, as `kpi explain` and the scorecard print it. */
  text: Text;
  /** 红线 and paid-to-date lines: the reason given in the file ("(no reason given)" when blank). */
  reason?: Text;
  /** A 红线: its kind (points lines carry points, not an amount). */
  redLine?: { kind: RedLineKind; value: number; points: number; row: number };
  /** A clawback: the order's figures, for the live formula. */
  clawback?: { refund: number; orderAmount: number; refundedBefore: number; orderPeriod: Text; row: number };
  /** Row-level detail (回款 payments). */
  detail?: Text[];
  /** What would raise the line ("what it takes"), from the rule's inverse, when one exists. */
  hint?: Text;
}

export interface TeamSubtotal {
  team: string;
  reps: number;
  /** Mean total score of the team's reps. */
  averageScore: number;
  /** Sum of rounded payouts (so the subtotal matches the rows above it). */
  payout: number;
}

export interface RunResult {
  schemeName: string;
  period: Period;
  currency: { code: string; minorUnit: number; symbol: string };
  /** Ranked: highest total score first, ties by rep id. */
  reps: RepResult[];
  teams: TeamSubtotal[];
  totalPayout: number;
  /** Issues found while scoring (unknown rep ids in data, duplicate targets, ...). */
  issues: DataIssue[];
}
