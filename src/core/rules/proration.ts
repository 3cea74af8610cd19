// Proration of the base bonus, keyed by `bonus.proration`: none, or calendar days employed in the period.
import type { BonusSpec, Rep } from '../model.js';
import type { Period } from '../results.js';
import * as fmt from '../format.js';
import { add, and, cmp, div, iff, isNumber, lit, sub, type F } from '../formula.js';
import { dayFromIso, daysInPeriod } from '../period.js';
import { said, type Said } from '../says.js';

export interface Proration {
  fraction: number;
  employed: number;
  days: number;
}

/** Dates as the sheet holds them (serial numbers): the rep's start date (maybe empty), the period's bounds. */
export interface ProrationCells {
  start: F;
  periodStart: F;
  periodEnd: F;
}

export interface ProrationRule {
  value(rep: Rep, period: Period): Proration;
  /** The step for `kpi explain`, or null when nothing was prorated. */
  explain(rep: Rep, p: Proration, base: number, prorated: number, money: (x: number) => string): Said | null;
  /** Proration has no inverse: a start date is not something a rep can change. */
  inverse: null;
  /** The fraction as a formula, or null when it is the constant 1. */
  formula(c: ProrationCells): F | null;
}

const whole = (period: Period): Proration => {
  const days = daysInPeriod(period);
  return { fraction: 1, employed: days, days };
};

/** The rep's start date falls after the period's last day: not yet employed in it (the same for every rule). */
const startsAfter = (rep: Rep, period: Period): boolean => {
  const start = rep.startDate === undefined ? null : dayFromIso(rep.startDate);
  return start !== null && start > period.end;
};

export const PRORATIONS = {
  // No proration of a period the rep started inside; but a rep who starts after the period had not started, and
  // is paid no base bonus for it (as calendar_days pays none): a roster made ahead lists such reps.
  none: {
    value: (rep, period) => (startsAfter(rep, period) ? { fraction: 0, employed: 0, days: daysInPeriod(period) } : whole(period)),
    explain: (rep, p, base, prorated, money) =>
      p.fraction === 0 ? said('bonus.notStarted', { start: rep.startDate ?? '', base: money(base), prorated: money(prorated) }) : null,
    inverse: null,
    // Not a formula: the cell holds the fraction (0 for a rep not yet started, else 1).
    formula: () => null,
  },
  // A start date inside the period gives (period end − start + 1) / days in period; after the period 0; else 1.
  calendar_days: {
    value(rep, period) {
      const days = daysInPeriod(period);
      const start = rep.startDate === undefined ? null : dayFromIso(rep.startDate);
      if (start === null || start <= period.start) return { fraction: 1, employed: days, days };
      if (start > period.end) return { fraction: 0, employed: 0, days };
      const employed = period.end - start + 1;
      return { fraction: employed / days, employed, days };
    },
    explain: (rep, p, base, prorated, money) =>
      p.fraction === 1
        ? null
        : p.employed === 0
          ? said('bonus.notStarted', { start: rep.startDate ?? '', base: money(base), prorated: money(prorated) })
          : said('bonus.proration', {
              start: rep.startDate ?? '',
              employed: p.employed,
              days: p.days,
              base: money(base),
              fraction: fmt.pct(p.fraction),
              prorated: money(prorated),
            }),
    inverse: null,
    formula({ start, periodStart, periodEnd }) {
      const one = lit(1);
      const days = add(sub(periodEnd, periodStart), one);
      const employed = add(sub(periodEnd, start), one);
      return iff(and(isNumber(start), cmp(start, '>', periodStart)), iff(cmp(start, '>', periodEnd), lit(0), div(employed, days)), one);
    },
  },
} satisfies Record<BonusSpec['proration'], ProrationRule>;
