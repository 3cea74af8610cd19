// Scoring a rep, step 4: the commission on its metric (refunds netted in the base added back: they are clawed back
// as pay lines instead), capped. A zero_bonus gate does not touch it.
import type { CommissionSpec } from './model.js';
import type { RepResult } from './results.js';
import { metricValues } from './metrics.js';
import { clean15 } from './money.js';
import { fin } from './payout.js';
import { commissionFor, commissionMode } from './rules/commission/index.js';
import type { Clawbacks } from './pay-rows.js';
import { NO_DATA, said, type Text } from './says.js';
import { finOrNull, type RunScope } from './rep-scope.js';

export interface RepCommission {
  commission: number;
  beforeCap: number;
  slices: RepResult['commissionSlices'];
  /** Refunds of earlier orders netted in this period's base, added back to it. */
  addedBack: number;
  /** The step `kpi explain` prints, made when asked (a JSON run never prints it). */
  step: () => Text | undefined;
}

export function repCommission(run: RunScope, r: number, cs: CommissionSpec | undefined, claws: Clawbacks | undefined): RepCommission {
  if (!cs) return { commission: 0, beforeCap: 0, slices: [], addedBack: 0, step: () => undefined };
  const { money } = run;
  const metricValue = finOrNull(metricValues(run.engine, run.period, cs.metric).values[r] ?? null);
  // Refunds of earlier orders netted in this period's base are added back: they are clawed back below instead.
  const netted = claws?.netted[r] ?? 0;
  const amount = metricValue === null ? null : clean15(metricValue + netted);
  const c = commissionFor(cs, amount);
  const commission = fin(c.commission);
  const beforeCap = fin(c.beforeCap);
  const step = (): Text => {
    const parts = commissionMode(cs).explain(c.slices, money);
    const base: Text =
      netted > 0
        ? said('bonus.commissionNetted', { base: money(metricValue!), netted: money(netted), amount: money(amount!) })
        : amount === null
          ? NO_DATA
          : money(amount);
    const shown = { mode: said(`mode.${cs.mode}`), metric: cs.metric, amount: base, parts, commission: money(beforeCap) };
    return commission < beforeCap ? said('bonus.commissionCapped', { ...shown, capped: money(commission) }) : said('bonus.commission', shown);
  };
  return { commission, beforeCap, slices: c.slices, addedBack: netted, step };
}
