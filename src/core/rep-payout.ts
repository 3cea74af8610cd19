// Scoring a rep, step 6: the payout (bonus + commission + components − deductions − lines taken off, never below
// zero), rounded so the parts shown add up to it to the cent, and the steps that say so, from the bonus on.
import type { PayLine, RepResult } from './results.js';
import type { Plan } from './plan-model.js';
import type { Deduction } from './deductions.js';
import { clean15, roundComponents, roundParts, roundToUnits } from './money.js';
import { fin, payoutOf, type Payout } from './payout.js';
import { appliedInOrder, lineLabel } from './pay-lines.js';
import { DEDUCTION_KINDS } from './rules/deductions.js';
import { trueUp } from './rules/true-up.js';
import * as fmt from './format.js';
import { said, type Text } from './says.js';
import type { RepCommission } from './rep-commission.js';
import type { EarnedBonus, RepLines } from './rep-lines.js';
import type { RunScope } from './rep-scope.js';

export interface RepPayout {
  pay: Payout;
  /** Σ commission and components. */
  totalCommission: number;
  /** The deductions file's amounts and every line taken off. */
  deductionAmount: number;
  rounded: RepResult['rounded'];
  /** Before what was paid to date is taken off (YTD true-up). */
  earned: number;
  /** What was overpaid so far, carried to a later period (≤ 0), or 0. */
  carried: number;
  /** The steps `kpi explain` prints, made when asked (a JSON run never prints them). */
  steps: () => Text[];
}

export function repPayout(run: RunScope, plan: Plan, d: Deduction, bonusTerms: EarnedBonus, c: RepCommission, pl: RepLines): RepPayout {
  const { money, minor } = run;
  const { lines, paidToDate } = pl;
  const zeroedByRedLine = pl.redLines.zeroBonus;
  const commission = c.commission;
  const totalCommission = clean15(commission + pl.componentTotal);
  const deductionAmount = fin(clean15(d.amount + pl.redLines.amount + pl.clawTotal + (paidToDate ?? 0)));
  const pay = payoutOf(plan.bonus, {
    proratedBase: bonusTerms.proratedBase,
    multiplier: bonusTerms.multiplier,
    zeroed: bonusTerms.zeroed || zeroedByRedLine !== null,
    commission: totalCommission,
    deductionAmount,
  });
  const { multiplier, bonus, payout } = pay;
  const earned = fin(Math.max(0, clean15(bonus + totalCommission - (deductionAmount - (paidToDate ?? 0)))));
  // Rounding: the old three figures when there are no lines (so existing runs round exactly as before).
  let rounded: RepResult['rounded'];
  // The rounded parts (bonus, commission, each line added, the deductions file's part, each line taken off).
  let shownParts: number[] | undefined;
  let plusCount = 0;
  if (lines.length === 0) {
    rounded = roundComponents({ bonus, commission: totalCommission, deductions: pay.deducted }, payout, minor);
  } else {
    const plus = [bonus, commission, ...lines.filter((l) => l.sign > 0).map((l) => l.amount)];
    const minusLines = lines.filter((l) => l.sign < 0);
    const applied = appliedInOrder(bonus + totalCommission, [d.amount, ...minusLines.map((l) => l.amount)]);
    const parts = roundParts([...plus, ...applied], [...plus.map(() => 1 as const), ...applied.map(() => -1 as const)], payout, minor);
    shownParts = parts;
    plusCount = plus.length;
    const plusLines = lines.filter((l) => l.sign > 0);
    plusLines.forEach((l, i) => {
      l.rounded = parts[2 + i]!;
    });
    minusLines.forEach((l, i) => {
      l.rounded = parts[plus.length + 1 + i]!;
    });
    const sumOf = (xs: number[]) =>
      roundToUnits(
        xs.reduce((s, x) => s + roundToUnits(x, minor), 0),
        0,
      ) /
        10 ** minor || 0;
    rounded = {
      bonus: parts[0]!,
      commission: sumOf(parts.slice(1, plus.length)),
      deductions: sumOf(parts.slice(plus.length)),
      payout: roundToUnits(payout, minor) / 10 ** minor || 0,
    };
  }
  const carried = paidToDate === null ? 0 : trueUp(earned, paidToDate).carried;
  const steps = (): Text[] => {
    const steps: Text[] = [];
    const bonusShown = {
      base: money(bonusTerms.proratedBase),
      multiplier: fmt.trimmed(multiplier, plan.bonus.timesScore ? 8 : 4),
      bonus: money(pay.uncappedBonus),
    };
    steps.push(bonus !== pay.uncappedBonus ? said('bonus.bonusCapped', { ...bonusShown, capped: money(bonus) }) : said('bonus.bonus', bonusShown));
    if (zeroedByRedLine !== null) steps.push(said('redLine.zeroed', { rule: zeroedByRedLine.rule.name, reason: zeroedByRedLine.reason }));
    const commissionStep = c.step();
    if (commissionStep) steps.push(commissionStep);
    for (const l of lines) {
      if (l.kind === 'red_line' || l.kind === 'paid_to_date') continue;
      steps.push(l.text);
      // A rep's payments can be many: one step each.
      for (const x of l.detail ?? []) steps.push(said('v.indent', { text: x }));
      if (l.hint !== undefined) steps.push(said('v.indent', { text: said('pay.whatItTakes', { hint: l.hint }) }));
    }
    if (d.reasons.length) {
      const reasons = d.reasons.slice(1).reduce((first: Text, rest) => said('v.then', { first, rest }), d.reasons[0]!);
      steps.push(
        d.points > 0
          ? said('bonus.deductionsPoints', { amount: money(d.amount), points: fmt.trimmed(d.points), reasons })
          : said('bonus.deductions', { amount: money(d.amount), reasons }),
      );
    }
    for (const l of lines) if (l.kind === 'red_line') steps.push(l.text);
    // Bonus, commission and deductions alone when there are no lines; else every line by name, so the sum adds up.
    if (lines.length === 0) {
      steps.push(
        said(pay.unfloored < 0 ? 'bonus.payoutFloor' : 'bonus.payout', {
          bonus: money(bonus),
          commission: money(commission),
          deductions: money(deductionAmount),
          payout: money(payout),
        }),
      );
      // When the payout was floored at 0, the deduction shown is the part actually applied.
      if (pay.deducted < deductionAmount) steps.push(DEDUCTION_KINDS.amount.explain(bonus + totalCommission, deductionAmount, pay.deducted, money));
    } else {
      // bonus + commission + each component (label) − deductions − each line taken off (label)
      // Each term as paid: the rounded parts, which add up to the payout to the cent (largest-remainder rounding may
      // have nudged a line by a cent, as the Pay lines sheet notes). A payout floored at 0 shows the lines as they are.
      const asPaid = pay.unfloored >= 0 && shownParts !== undefined;
      const shown = (exact: number, paid: number | undefined): string => money(asPaid && paid !== undefined ? paid : exact);
      const labelled = (l: PayLine): Text => said('v.labelled', { amount: shown(l.amount, l.rounded), label: lineLabel(l) });
      const plus = [shown(bonus, shownParts?.[0]), shown(commission, shownParts?.[1]), ...lines.filter((l) => l.sign > 0).map(labelled)];
      const off = [
        ...(d.amount > 0 ? [said('v.labelled', { amount: shown(d.amount, shownParts?.[plusCount]), label: said('pay.label.deductions') })] : []),
        ...lines.filter((l) => l.sign < 0 && (l.amount > 0 || l.kind === 'paid_to_date')).map(labelled),
      ];
      let terms: Text = plus.slice(1).reduce((a: Text, b) => said('v.plus', { a, b }), plus[0]!);
      for (const b of off) terms = said('v.minus', { a: terms, b });
      steps.push(said(pay.unfloored < 0 ? 'bonus.payoutLinesFloor' : 'bonus.payoutLines', { terms, payout: money(payout) }));
    }
    if (paidToDate !== null) {
      const shown = { earned: money(earned), paid: money(paidToDate), diff: money(clean15(earned - paidToDate)) };
      steps.push(carried < 0 ? said('trueUp.carried', { ...shown, carried: money(-carried) }) : said('trueUp.step', shown));
    }

    steps.push(
      said('bonus.rounded', {
        bonus: money(rounded.bonus),
        commission: money(rounded.commission),
        deductions: money(rounded.deductions),
        payout: money(rounded.payout),
      }),
    );
    return steps;
  };
  return { pay, totalCommission, deductionAmount, rounded, earned, carried, steps };
}
