// Scoring a rep, step 5: its pay lines. Added: each pay component (a 回款 component on the rep's payments, or its
// team's for a lead scored on a rollup). Taken off: clawbacks of refunded orders, 红线 rules (a percent_of_bonus
// rule takes its share of the bonus as earned), and what was paid to date (YTD true-up).
import type { Component } from './model.js';
import type { MetricResult, PayLine } from './results.js';
import type { Plan } from './plan-model.js';
import { clean15 } from './money.js';
import { fin, payoutOf } from './payout.js';
import { componentRule, type Payment } from './rules/components/index.js';
import { clawbackOf, clawbackText } from './rules/clawback.js';
import { applyRedLines, type RedLineHit, type RedLinesApplied } from './rules/red-lines/index.js';
import type { Clawbacks } from './pay-rows.js';
import { said } from './says.js';
import type { RunScope } from './rep-scope.js';

/** The rows the rep's plan reads, as read for the run. */
export interface PayRows {
  payments: ReadonlyMap<Component, Payment[][]>;
  clawbacks: Clawbacks | undefined;
  hits: RedLineHit[];
  /** Per rep: paid so far this year, and the rows that say so. */
  paid: { paid: (number | null)[]; rows: number[][] } | undefined;
}

/** The bonus as earned before any line: what a percent_of_bonus 红线 takes its share of, and the payout starts from. */
export interface EarnedBonus {
  proratedBase: number;
  multiplier: number;
  /** By a zero_bonus gate (a 红线 that zeroes the bonus is one of the lines, RepLines.redLines). */
  zeroed: boolean;
}

export interface RepLines {
  lines: PayLine[];
  /** Σ components (the lines added). */
  componentTotal: number;
  /** Σ clawbacks. */
  clawTotal: number;
  redLines: RedLinesApplied;
  /** Null when the scheme has no paid-to-date file. */
  paidToDate: number | null;
}

export function repLines(run: RunScope, r: number, plan: Plan, metrics: MetricResult[], rows: PayRows, earned: EarnedBonus): RepLines {
  const { model, engine, money } = run;
  const lines: PayLine[] = [];
  const componentInput = {
    metric: (name: string) => metrics.find((m) => m.metric === name),
    lowerIsBetter: (name: string) => model.metrics.find((m) => m.name === name)?.direction === 'lower_is_better',
  };
  for (const c of plan.components) {
    const rule = componentRule(c);
    // A rep scored on a rollup is paid 回款 on the team's payments, as its metrics are the team's.
    const group = engine.rollups.byRep.get(r);
    const paidIn = (c.kind === 'collection' ? rows.payments.get(c) : undefined) ?? [];
    const own = group ? group.members.flatMap((m) => paidIn[m] ?? []).sort((a, b) => a.row - b.row) : (paidIn[r] ?? []);
    const cin = { ...componentInput, ...(c.kind === 'collection' ? { payments: own } : {}) };
    const v = rule.value(c, cin, money);
    const hint = rule.inverse(c, cin, v, money);
    lines.push({
      kind: c.kind,
      name: c.name,
      label: c.label,
      sign: 1,
      amount: fin(v.amount),
      rounded: 0,
      basis: v.basis,
      rate: v.rate,
      text: v.text,
      ...(v.detail?.length ? { detail: v.detail } : {}),
      ...(hint !== null ? { hint } : {}),
    });
  }
  for (const rf of rows.clawbacks?.refunds[r] ?? []) {
    const amount = fin(clawbackOf(rf));
    lines.push({
      kind: 'clawback',
      name: rf.order,
      label: `Clawback ${rf.order}`,
      sign: -1,
      amount,
      rounded: 0,
      basis: rf.refund,
      rate: rf.rate,
      text: clawbackText(rf, amount, money),
      clawback: { refund: rf.refund, orderAmount: rf.orderAmount, refundedBefore: rf.refundedBefore, orderPeriod: rf.orderPeriod, row: rf.row },
    });
  }
  const componentTotal = clean15(lines.reduce((s, l) => s + (l.sign > 0 ? l.amount : 0), 0));
  const clawTotal = clean15(lines.reduce((s, l) => s + (l.kind === 'clawback' ? l.amount : 0), 0));
  // The bonus as earned (gates, caps) is what a percent_of_bonus 红线 takes its share of.
  const earnedBonus = payoutOf(plan.bonus, { ...earned, commission: 0, deductionAmount: 0 }).bonus;
  const rl = applyRedLines(rows.hits, earnedBonus, money);
  for (const h of rl.lines) {
    lines.push({
      kind: 'red_line',
      name: h.rule,
      label: `红线 ${h.rule}`,
      sign: -1,
      amount: fin(h.amount),
      rounded: 0,
      basis: h.kind === 'percent_of_bonus' ? earnedBonus : null,
      rate: h.kind === 'percent_of_bonus' || h.kind === 'amount' ? h.value : null,
      text: h.text,
      reason: h.reason,
      redLine: { kind: h.kind, value: h.value, points: h.points, row: h.row },
    });
  }
  const paid = rows.paid;
  const paidToDate = paid ? (paid.paid[r] ?? 0) : null;
  if (paidToDate !== null) {
    lines.push({
      kind: 'paid_to_date',
      name: 'paid_to_date',
      label: 'Paid to date',
      sign: -1,
      amount: fin(paidToDate),
      rounded: 0,
      basis: null,
      rate: null,
      text: paid!.rows[r]!.length
        ? said('paidToDate.rows', { amount: money(paidToDate), file: model.paidToDate!.fileAsWritten, rows: paid!.rows[r]! })
        : said('paidToDate.none', { amount: money(paidToDate) }),
    });
  }
  return { lines, componentTotal, clawTotal, redLines: rl, paidToDate };
}
