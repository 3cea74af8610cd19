// A kicker: a fixed amount when every condition on metrics holds. A condition reads like a gate: the actual (or
// the achievement) at or above the level — at or below it for the actual of a lower-is-better metric; a metric
// without data fails.
import type { Component } from '../../model.js';
import type { MetricResult } from '../../results.js';
import { and, cmp, iff, isNumber, lit, type Cond } from '../../formula.js';
import * as fmt from '../../format.js';
import { allOf, said, type Text } from '../../says.js';
import type { ComponentRule } from './rule.js';

type C = Extract<Component, { kind: 'kicker' }>;
type When = C['when'][number];

interface Check {
  w: When;
  value: number | null;
  passed: boolean;
  below: boolean;
  text: Text;
}

function check(w: When, m: MetricResult | undefined, lowerIsBetter: boolean): Check {
  const value = m ? (w.of === 'achievement' ? m.achievement : m.actual) : null;
  const below = w.of === 'actual' && lowerIsBetter;
  const passed = value !== null && (below ? value <= w.level : value >= w.level);
  const show = (x: number) => (w.of === 'achievement' ? fmt.pct(x) : fmt.trimmed(x));
  const sign = passed ? (below ? '≤' : '≥') : below ? '>' : '<';
  const level = show(w.level);
  // Said as a gate says it: "revenue actual 120000 ≥ 100000", "… no data cannot be checked against …".
  const text =
    w.of === 'achievement'
      ? value === null
        ? said('gate.achievementUnchecked', { metric: w.metric, level })
        : said('gate.achievement', { metric: w.metric, value: show(value), sign, level })
      : value === null
        ? said('gate.actualUnchecked', { metric: w.metric, level })
        : said('gate.actual', { metric: w.metric, value: show(value), sign, level });
  return { w, value, passed, below, text };
}

/** The conditions checked, for explain and the formula. Direction comes from the metric (lower is better). */
function kickerChecks(c: C, metric: (name: string) => MetricResult | undefined, lowerIsBetter: (name: string) => boolean): Check[] {
  return c.when.map((w) => check(w, metric(w.metric), lowerIsBetter(w.metric)));
}

export const kicker: ComponentRule<C> & { checks: typeof kickerChecks } = {
  checks: kickerChecks,
  check(c, x) {
    c.when.forEach((w, k) => {
      x.metric(w.metric, ['when', k, 'metric']);
    });
  },
  value(c, input, money) {
    const checks = kickerChecks(c, input.metric, input.lowerIsBetter);
    const ok = checks.every((x) => x.passed);
    return {
      amount: ok ? c.amount : 0,
      basis: null,
      rate: c.amount,
      text: said(ok ? 'pay.kicker' : 'pay.kickerMissed', { label: c.label, checks: allOf(checks.map((x) => x.text)), amount: money(ok ? c.amount : 0) }),
    };
  },
  inverse(c, input, v, money) {
    if (v.amount > 0) return null;
    const checks = kickerChecks(c, input.metric, input.lowerIsBetter).filter((x) => !x.passed);
    const needs = checks.map((x) =>
      x.w.of === 'achievement'
        ? said('pay.kickerAchievement', { metric: x.w.metric, level: fmt.pct(x.w.level) })
        : said('pay.kickerActual', { metric: x.w.metric, level: fmt.trimmed(x.w.level) }),
    );
    return said('pay.kickerHint', { conditions: allOf(needs), amount: money(c.amount) });
  },
  formula(c, _v, cells) {
    const conds: Cond[] = [];
    for (const w of c.when) {
      const m = cells.metric(w.metric);
      if (!m) return null;
      const cell = w.of === 'achievement' ? m.achievement : m.actual;
      const below = w.of === 'actual' && cells.lowerIsBetter(w.metric);
      conds.push(isNumber(cell), cmp(cell, below ? '<=' : '>=', lit(w.level)));
    }
    return iff(and(...conds), cells.rate, lit(0));
  },
};
