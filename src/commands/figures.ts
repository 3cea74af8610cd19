// The last line of defence: no figure that is not a finite number, or too large to be exact, reaches an
// output. The scheme's ranges (src/scheme/ranges.ts) and the readers' keep inputs sane; this catches what they
// could not foresee (a sum of many huge rows, a formula dividing by a tiny number) before anything is printed.
import type { Unit } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { type MessageKey, type Problem, problem } from '../messages/index.js';
import { MAX_VALUE } from '../scheme/ranges.js';

/** Money out, in minor units: 15 significant digits are exact (the core rounds through 15 digits, as Excel does). */
const MAX_OUTPUT_MONEY_MINOR = 1e15;

/** Whose figure: a rep's, a rep's metric's, a team's or the run's, as a term and its values (KPI1204). */
type Who = { whoTerm: MessageKey; rep?: string; metric?: string; team?: string };
type Figure = `term.fig.${string}` & MessageKey;
type Found = Who & { figureTerm: Figure; reasonTerm: MessageKey; value?: string; limit?: string };

/** The first figure that must not be shown (KPI1204, saying how many there are), or undefined when every figure is sane. */
export function insaneFigure(result: RunResult, units: ReadonlyMap<string, Unit> = new Map()): Problem | undefined {
  const minor = result.currency.minorUnit;
  const found: Found[] = [];
  const show = (x: number) =>
    !Number.isFinite(x) ? (x > 0 ? '∞' : '−∞') : Math.abs(x) < 1e21 ? x.toLocaleString('en-US', { maximumFractionDigits: 4 }) : String(x);
  const notFinite = (who: Who, figureTerm: Figure, x: number): Found =>
    Number.isNaN(x) ? { ...who, figureTerm, reasonTerm: 'term.fig.notANumber' } : { ...who, figureTerm, reasonTerm: 'term.fig.infinite', value: show(x) };
  const money = (who: Who, figureTerm: Figure, x: number) => {
    if (!Number.isFinite(x)) found.push(notFinite(who, figureTerm, x));
    else if (Math.abs(x) * 10 ** minor > MAX_OUTPUT_MONEY_MINOR) {
      const reasonTerm = minor ? 'term.fig.beyondCents' : 'term.fig.beyondUnits';
      found.push({ ...who, figureTerm, reasonTerm, value: show(x), limit: show(MAX_OUTPUT_MONEY_MINOR / 10 ** minor) });
    }
  };
  const value = (who: Who, figureTerm: Figure, x: number | null | undefined) => {
    if (x === null || x === undefined) return;
    if (!Number.isFinite(x)) found.push(notFinite(who, figureTerm, x));
    else if (Math.abs(x) > MAX_VALUE) found.push({ ...who, figureTerm, reasonTerm: 'term.fig.outside', value: show(x), limit: show(MAX_VALUE) });
  };
  const finite = (who: Who, figureTerm: Figure, x: number | null | undefined) => {
    if (x !== null && x !== undefined && !Number.isFinite(x)) found.push(notFinite(who, figureTerm, x));
  };

  for (const r of result.reps) {
    const who: Who = { whoTerm: 'term.fig.rep', rep: r.rep.id };
    // The inputs first: a huge actual is the cause of a huge payout, and the one worth naming.
    for (const m of r.metrics) {
      const w: Who = { whoTerm: 'term.fig.repMetric', rep: r.rep.id, metric: m.metric };
      // A money actual is a sum in minor units: past 10^15 of them it is no longer exact.
      if (units.get(m.metric) === 'money' && m.actual !== null) money(w, 'term.fig.actual', m.actual);
      else value(w, 'term.fig.actual', m.actual);
      value(w, 'term.fig.target', m.target);
      value(w, 'term.fig.threshold', m.threshold);
      value(w, 'term.fig.stretch', m.stretch);
      finite(w, 'term.fig.achievement', m.achievement);
      finite(w, 'term.fig.score', m.score);
      finite(w, 'term.fig.weightedScore', m.weightedScore);
    }
    const amounts: [Figure, number][] = [
      ['term.fig.baseBonus', r.rep.baseBonus],
      ['term.fig.proratedBase', r.proratedBase],
      ['term.fig.bonus', r.bonus],
      ['term.fig.commission', r.commission],
      ['term.fig.deductions', r.deductionAmount],
      ['term.fig.payout', r.payout],
      ['term.fig.roundedBonus', r.rounded.bonus],
      ['term.fig.roundedCommission', r.rounded.commission],
      ['term.fig.roundedDeductions', r.rounded.deductions],
      ['term.fig.roundedPayout', r.rounded.payout],
    ];
    for (const [k, x] of amounts) money(who, k, x);
    for (const s of r.commissionSlices) {
      money(who, 'term.fig.slice', s.commission);
      value(who, 'term.fig.sliceAmount', s.amount);
    }
    const scores: [Figure, number][] = [
      ['term.fig.scoreBeforeDeductions', r.scoreBeforeDeductions],
      ['term.fig.deductionPoints', r.deductionPoints],
      ['term.fig.totalScore', r.totalScore],
      ['term.fig.multiplier', r.multiplier],
      ['term.fig.proration', r.proration],
    ];
    for (const [k, x] of scores) finite(who, k, x);
    if (r.next) {
      finite(who, 'term.fig.nextScore', r.next.score);
      money(who, 'term.fig.nextPayout', r.next.payout);
      for (const w of r.next.perMetric) {
        const wm: Who = { whoTerm: 'term.fig.repMetric', rep: r.rep.id, metric: w.metric };
        value(wm, 'term.fig.changeNeeded', w.change);
        value(wm, 'term.fig.actualNeeded', w.actualNeeded);
      }
    }
  }
  for (const t of result.teams) {
    const who: Who = { whoTerm: 'term.fig.team', team: t.team };
    money(who, 'term.fig.payout', t.payout);
    finite(who, 'term.fig.averageScore', t.averageScore);
  }
  money({ whoTerm: 'term.fig.run' }, 'term.fig.totalPayout', result.totalPayout);
  const first = found[0];
  return first === undefined ? undefined : problem('KPI1204', { ...first, n: found.length });
}
