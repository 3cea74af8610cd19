// A pay line in the run's language: its label, kind and how it was computed, from the line's own figures through
// the message catalogue (the core's `text` stays the English of `kpi explain` and the JSON).
import type { Model } from '../core/model.js';
import type { PayLine, RepResult } from '../core/results.js';
import type { RedLineKind } from '../core/plan-model.js';
import * as fmt from '../core/format.js';
import { say, type MessageKey, type Translate } from '../messages/index.js';
import { lineLabel as coreLineLabel } from '../core/pay-lines.js';

const RED_LINE_KIND: Record<RedLineKind, MessageKey> = {
  points: 'pay.redLine.points',
  amount: 'pay.redLine.amount',
  percent_of_bonus: 'pay.redLine.percentOfBonus',
  zero_bonus: 'pay.redLine.zeroBonus',
};

/** A message without placeholders, by a key chosen at run time. */
const plain = (t: Translate, key: MessageKey): string => (t as unknown as (k: MessageKey) => string)(key);

/** The line's name: a component's label as the scheme gives it; clawbacks, 红线 and paid to date in the language. */
export function lineLabel(l: PayLine, t: Translate): string {
  return say(coreLineLabel(l), t);
}

export function lineKind(l: PayLine, t: Translate): string {
  if (l.kind === 'red_line') return t('pay.kind.redLine', { kind: l.redLine ? plain(t, RED_LINE_KIND[l.redLine.kind]) : '' });
  const keys: Record<Exclude<PayLine['kind'], 'red_line'>, MessageKey> = {
    commission: 'pay.kind.commission',
    spiff: 'pay.kind.spiff',
    kicker: 'pay.kind.kicker',
    collection: 'pay.kind.collection',
    clawback: 'pay.kind.clawback',
    paid_to_date: 'pay.kind.paidToDate',
  };
  return plain(t, keys[l.kind]);
}

/** How the line was computed, with its figures. */
export function lineHow(l: PayLine, r: RepResult, model: Model, t: Translate, minor: number): string {
  const money = (x: number | null): string => (x === null ? t('pay.noData') : fmt.fixed(x, minor));
  const label = lineLabel(l, t);
  const amount = money(l.amount);
  switch (l.kind) {
    case 'commission': {
      const list = model.plans?.get(r.rep.role)?.components ?? model.components ?? [];
      const c = list.find((x) => x.kind === 'commission' && x.name === l.name);
      const metric = c?.kind === 'commission' ? c.commission.metric : '';
      return l.rate !== null
        ? t('pay.how.commissionRate', { label, metric, basis: money(l.basis), rate: fmt.pct(l.rate, 4), amount })
        : t('pay.how.commissionTiers', { label, metric, basis: money(l.basis), amount });
    }
    case 'spiff':
      return t('pay.how.spiff', { label, count: fmt.trimmed(l.basis ?? 0), rate: money(l.rate), amount });
    case 'kicker':
      return t('pay.how.kicker', { label, met: l.amount > 0 ? 1 : 0, amount });
    case 'collection':
      return t('pay.how.collection', { label, basis: money(l.basis), amount });
    case 'clawback':
      return t('pay.how.clawback', {
        order: l.name,
        period: say(l.clawback?.orderPeriod ?? '', t),
        refund: money(l.basis),
        rate: fmt.pct(l.rate ?? 0, 4),
        amount,
      });
    case 'red_line': {
      const rule = l.name;
      const reason = say(l.reason ?? '', t);
      const k = l.redLine;
      if (!k) return t('pay.how.redLineAmount', { rule, amount, reason });
      // One sentence per kind, keyed like the kinds (a new kind without its sentence does not compile).
      const how: Record<RedLineKind, () => string> = {
        points: () => t('pay.how.redLinePoints', { rule, points: fmt.trimmed(k.points), reason }),
        percent_of_bonus: () => t('pay.how.redLinePercent', { rule, rate: fmt.pct(l.rate ?? 0), amount, reason }),
        zero_bonus: () => t('pay.how.redLineZero', { rule, reason }),
        amount: () => t('pay.how.redLineAmount', { rule, amount, reason }),
      };
      return how[k.kind]();
    }
    case 'paid_to_date':
      return t('pay.how.paidToDate', { amount });
  }
}

/** The row after a rep's lines when the true-up leaves a balance. */
export function balanceHow(r: RepResult, t: Translate, minor: number): string {
  return t('pay.how.balance', { earned: fmt.fixed(r.trueUp?.earned ?? 0, minor), paid: fmt.fixed(r.trueUp?.paidToDate ?? 0, minor) });
}
