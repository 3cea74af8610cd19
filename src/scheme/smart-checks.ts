// Plan-design warnings that need no data: commission that falls as the amount rises, cliffs at bonus tier edges,
// and caps that can never be reached (a bonus multiplier that falls as the score rises is the mode's lint, checks.ts). Settings under `smart:` (docs/scheme.md). The checks that need history (who
// reached threshold and target, how many a gate zeroed) are in src/plan/history-lint.ts.
import type { BonusSpec, CommissionSpec, Model } from '../core/model.js';
import type { Context } from './context.js';
import { problem } from '../messages/index.js';
import { bonusMode } from '../core/rules/bonus/index.js';
import { commissionMode } from '../core/rules/commission/index.js';

const pct = (x: number): string => `${Math.round(x * 10000) / 100}%`;
const times = (x: number): string => String(Math.round(x * 10000) / 10000);
const amount = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function checkSmart(ctx: Context, model: Model): void {
  cliffs(ctx, model);
  unreachableMultiplierCap(ctx, model.bonus);
  if (model.commission) {
    fallingCommission(ctx, model.commission);
    unreachableCommissionCap(ctx, model.commission);
  }
}

/**
 * Named tiers: the jump in multiplier at each edge is a share of the base bonus won or lost by one point of score.
 * The step from nothing to the first paying tier is the threshold payout, a deliberate design, so it is not counted.
 * Points (linear) have no edges to jump at.
 */
function cliffs(ctx: Context, model: Model): void {
  const b = model.bonus;
  const pay = (m: number) => Math.max(0, b.maxMultiplier !== undefined ? Math.min(m, b.maxMultiplier) : m);
  const order = bonusMode(b)
    .tiers(b)
    .map((t, i) => ({ t, i }))
    .sort((x, y) => x.t.from - y.t.from);
  order.forEach(({ t, i }, k) => {
    const prev = order[k - 1]?.t;
    if (!prev || pay(prev.multiplier) <= 0) return;
    const jump = pay(t.multiplier) - pay(prev.multiplier);
    if (jump > model.smart.maxCliff + 1e-9) {
      ctx.warn(
        ['bonus', 'tiers', i, 'from'],
        problem('KPI5421', {
          from: pct(t.from),
          prev: prev.label,
          tier: t.label,
          jump: pct(jump),
          before: times(pay(prev.multiplier)),
          after: times(pay(t.multiplier)),
          max: pct(model.smart.maxCliff),
        }),
        'achievable',
      );
    }
  });
}

function unreachableMultiplierCap(ctx: Context, b: BonusSpec): void {
  if (b.maxMultiplier === undefined) return;
  const top = bonusMode(b).highest(b);
  if (b.maxMultiplier > top) {
    ctx.warn(['bonus', 'max_multiplier'], problem('KPI5422', { max: times(b.maxMultiplier), step: bonusMode(b).named ? 1 : 0, top: times(top) }));
  }
}

/** Rates that make the commission fall as the amount rises (the mode says which: retroactive, a lower rate higher up). */
function fallingCommission(ctx: Context, c: CommissionSpec): void {
  for (const i of commissionMode(c).falls(c.tiers)) {
    const t = c.tiers[i]!;
    const prev = c.tiers[i - 1]!;
    ctx.warn(['commission', 'tiers', i, 'rate'], problem('KPI5423', { rate: pct(t.rate), prev: pct(prev.rate), from: amount(t.from) }));
  }
}

/** A commission whose last tier pays nothing is bounded; a cap above that bound never applies. */
function unreachableCommissionCap(ctx: Context, c: CommissionSpec): void {
  if (c.maxPayout === undefined || c.tiers.length === 0) return;
  const tiers = [...c.tiers].sort((a, b) => a.from - b.from);
  const last = tiers[tiers.length - 1]!;
  if (last.to !== undefined || last.rate > 0) return;
  const most = commissionMode(c).highest(tiers);
  if (c.maxPayout > most) {
    ctx.warn(['commission', 'max_payout'], problem('KPI5424', { cap: amount(c.maxPayout), most: amount(most) }));
  }
}
