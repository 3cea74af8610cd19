// 红线 rules: what one violation in the deductions file costs, by the kind of its rule. Each kind owns its
// value, its words, and its spreadsheet formula; the table is checked against RedLineKind, so a new kind without
// a module does not compile. Points come off the total score before the tier is chosen; zero_bonus (一票否决)
// takes the whole bonus (commission and components stay, as a zero_bonus gate leaves them); percent_of_bonus
// takes a share of the bonus left after that (shares add up, at most 100 %); amounts come off the payout.
import type { RedLineRule } from '../../model.js';
import type { RedLineKind } from '../../plan-model.js';
import { clean15 } from '../../money.js';
import { min, mul, type F } from '../../formula.js';
import * as fmt from '../../format.js';
import { said, type Text } from '../../says.js';

/** One row of the deductions file that names a rule. */
export interface RedLineHit {
  rule: RedLineRule;
  /** The file's reason, or "(no reason given)". */
  reason: Text;
  /** Row of the deductions file, for the report. */
  row: number;
}

/** One hit with what it cost, as a pay line shows it. */
export interface RedLineLine {
  rule: string;
  kind: RedLineKind;
  reason: Text;
  row: number;
  /** Percent points off the total score (points). */
  points: number;
  /** Currency units off the payout (amount, percent_of_bonus), unrounded. */
  amount: number;
  /** The rule's value: points, amount or share. */
  value: number;
  text: Text;
}

interface KindRule {
  /** Takes place before the tier (points) or after the bonus. */
  phase: 'score' | 'bonus';
  /** Its cost, given the bonus left after zero_bonus and the share of the bonus already taken by earlier hits. */
  cost(rule: RedLineRule, bonus: number, shareTaken: number): { points: number; amount: number; share: number };
  text(rule: RedLineRule, cost: { points: number; amount: number }, money: (x: number) => string): Text;
  /**
   * The line's amount as a formula over its cells: the bonus it is taken from (`basis`) and its `rate` (the amount,
   * or the share of the bonus taken); null when the kind costs no money (points come off the score, zero_bonus
   * is the bonus itself).
   */
  formula(c: { basis: F; rate: F }): F | null;
}

export const RED_LINE_KINDS = {
  points: {
    phase: 'score',
    cost: (r) => ({ points: r.value, amount: 0, share: 0 }),
    text: (r) => said('redLine.points', { points: fmt.trimmed(r.value) }),
    formula: () => null,
  },
  amount: {
    phase: 'bonus',
    cost: (r) => ({ points: 0, amount: r.value, share: 0 }),
    text: (r, _c, money) => said('redLine.amount', { amount: money(r.value) }),
    formula: (c) => c.rate,
  },
  percent_of_bonus: {
    phase: 'bonus',
    cost: (r, bonus, taken) => {
      const share = Math.max(0, Math.min(r.value, 1 - taken));
      return { points: 0, amount: clean15(bonus * share), share };
    },
    text: (r, c, money) => said('redLine.percent', { share: fmt.pct(r.value), amount: money(c.amount) }),
    // Never more than the bonus it comes from.
    formula: (c) => min(mul(c.basis, c.rate), c.basis),
  },
  zero_bonus: {
    phase: 'bonus',
    cost: () => ({ points: 0, amount: 0, share: 0 }),
    text: () => said('redLine.zero'),
    formula: () => null,
  },
} satisfies Record<RedLineKind, KindRule>;

export interface RedLinesApplied {
  /** Percent points off the total score. */
  points: number;
  /** The first zero_bonus hit, when one applies. */
  zeroBonus: RedLineHit | null;
  /** Σ amount and percent_of_bonus costs. */
  amount: number;
  lines: RedLineLine[];
}

/** The points of the hits: needed before the tier is chosen. */
export function redLinePoints(hits: readonly RedLineHit[]): number {
  return clean15(hits.reduce((s, h) => s + RED_LINE_KINDS[h.rule.kind].cost(h.rule, 0, 0).points, 0));
}

/** Every hit's cost, given the bonus as earned before red lines (after gates and caps). */
export function applyRedLines(hits: readonly RedLineHit[], bonus: number, money: (x: number) => string): RedLinesApplied {
  const zero = hits.find((h) => h.rule.kind === 'zero_bonus');
  const left = zero ? 0 : bonus;
  let taken = 0;
  let points = 0;
  let amount = 0;
  const lines: RedLineLine[] = hits.map((h) => {
    const k = RED_LINE_KINDS[h.rule.kind];
    const c = k.cost(h.rule, left, taken);
    taken += c.share;
    points += c.points;
    amount += c.amount;
    return {
      rule: h.rule.name,
      kind: h.rule.kind,
      reason: h.reason,
      row: h.row,
      points: c.points,
      amount: c.amount,
      value: h.rule.value,
      text: said('redLine.line', { rule: h.rule.name, what: k.text(h.rule, c, money), reason: h.reason }),
    };
  });
  return { points: clean15(points), zeroBonus: zero ?? null, amount: clean15(amount), lines };
}
