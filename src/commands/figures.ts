// The last line of defence: no figure that is not a finite number, or too large to be exact, reaches an
// output. The scheme's ranges (src/scheme/ranges.ts) and the readers' keep inputs sane; this catches what they
// could not foresee (a sum of many huge rows, a formula dividing by a tiny number) before anything is printed.
import type { Unit } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { MAX_VALUE } from '../scheme/ranges.js';

/** Money out, in minor units: 15 significant digits are exact (the core rounds through 15 digits, as Excel does). */
const MAX_OUTPUT_MONEY_MINOR = 1e15;

/** The first figure that must not be shown (and how many more), or undefined when every figure is sane. */
export function insaneFigure(result: RunResult, units: ReadonlyMap<string, Unit> = new Map()): string | undefined {
  const minor = result.currency.minorUnit;
  const problems: string[] = [];
  const show = (x: number) =>
    Number.isNaN(x)
      ? 'not a number'
      : !Number.isFinite(x)
        ? x > 0
          ? '∞'
          : '−∞'
        : Math.abs(x) < 1e21
          ? x.toLocaleString('en-US', { maximumFractionDigits: 4 })
          : String(x);
  const money = (where: string, x: number) => {
    if (!Number.isFinite(x) || Math.abs(x) * 10 ** minor > MAX_OUTPUT_MONEY_MINOR) {
      problems.push(`${where} is ${show(x)}, more than can be kept exact to the ${minor ? 'cent' : 'unit'} (${show(MAX_OUTPUT_MONEY_MINOR / 10 ** minor)})`);
    }
  };
  const value = (where: string, x: number | null | undefined) => {
    if (x === null || x === undefined) return;
    if (!Number.isFinite(x) || Math.abs(x) > MAX_VALUE) problems.push(`${where} is ${show(x)}, outside ±${show(MAX_VALUE)}`);
  };
  const finite = (where: string, x: number | null | undefined) => {
    if (x !== null && x !== undefined && !Number.isFinite(x)) problems.push(`${where} is ${show(x)}`);
  };

  for (const r of result.reps) {
    const who = `rep ${r.rep.id}`;
    // The inputs first: a huge actual is the cause of a huge payout, and the one worth naming.
    for (const m of r.metrics) {
      const w = `${who}: ${m.metric}`;
      // A money actual is a sum in minor units: past 10^15 of them it is no longer exact.
      if (units.get(m.metric) === 'money' && m.actual !== null) money(`${w} actual`, m.actual);
      else value(`${w} actual`, m.actual);
      value(`${w} target`, m.target);
      value(`${w} threshold`, m.threshold);
      value(`${w} stretch`, m.stretch);
      finite(`${w} achievement`, m.achievement);
      finite(`${w} score`, m.score);
      finite(`${w} weighted score`, m.weightedScore);
    }
    for (const [k, x] of [
      ['base bonus', r.rep.baseBonus],
      ['prorated base', r.proratedBase],
      ['bonus', r.bonus],
      ['commission', r.commission],
      ['deductions', r.deductionAmount],
      ['payout', r.payout],
      ['rounded bonus', r.rounded.bonus],
      ['rounded commission', r.rounded.commission],
      ['rounded deductions', r.rounded.deductions],
      ['rounded payout', r.rounded.payout],
    ] as const)
      money(`${who}: ${k}`, x);
    for (const s of r.commissionSlices) {
      money(`${who}: a commission slice`, s.commission);
      value(`${who}: a commission slice amount`, s.amount);
    }
    for (const [k, x] of [
      ['score before deductions', r.scoreBeforeDeductions],
      ['deduction points', r.deductionPoints],
      ['total score', r.totalScore],
      ['multiplier', r.multiplier],
      ['proration', r.proration],
    ] as const)
      finite(`${who}: ${k}`, x);
    if (r.next) {
      finite(`${who}: score needed for the next tier`, r.next.score);
      money(`${who}: payout at the next tier`, r.next.payout);
      for (const w of r.next.perMetric) {
        value(`${who}: ${w.metric} change needed`, w.change);
        value(`${who}: ${w.metric} actual needed`, w.actualNeeded);
      }
    }
  }
  for (const t of result.teams) {
    money(`team ${t.team}: payout`, t.payout);
    finite(`team ${t.team}: average score`, t.averageScore);
  }
  money('total payout', result.totalPayout);
  if (problems.length === 0) return undefined;
  return problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '');
}
