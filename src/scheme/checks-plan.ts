// Cross-reference checks of the plan parts (issue #12): bonus basis, clawback, components, plans per role.
import type { BonusSpec, Clawback, Component, MetricSpec, Model, SourceSpec } from '../core/model.js';
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';
import { didYouMean } from './suggest.js';
import { checkAggregate, checkBonus, checkCommission, checkGates, columnTypes } from './checks.js';

type Metrics = Map<string, MetricSpec | undefined>;
type Sources = Map<string, SourceSpec | undefined>;

/** `basis:` names a metric with a target (its achievement keys the tiers). */
export function checkBasis(ctx: Context, b: BonusSpec, at: PathSegment[], metrics: Metrics): void {
  if (b.basis === undefined) return;
  if (!metrics.has(b.basis)) {
    ctx.error([...at, 'basis'], `unknown metric "${b.basis}"${didYouMean(b.basis, metrics.keys())}; write total_score (the default) or a metric name`);
    return;
  }
  const m = metrics.get(b.basis);
  if (!m) return;
  const t = m.target;
  if (t.default === undefined && t.byRole.size + t.byTeam.size + t.byRep.size === 0) {
    ctx.warn([...at, 'basis'], `"${b.basis}" has no target in the scheme: its achievement (and so the bonus) needs a target from the targets file for every rep`);
  }
}

/** The clawback's order column is a column of the commission metric's source; the metric is a sum over it. */
export function checkClawback(ctx: Context, c: Clawback, at: PathSegment[], m: MetricSpec, sources: Sources): void {
  if (m.def.kind !== 'aggregate' || m.def.fn !== 'sum' || m.def.column === undefined) {
    ctx.error(at, `a clawback needs the commission metric "${m.name}" to be a sum of an amount column over one source`);
    return;
  }
  const s = sources.get(m.def.source);
  if (!s) return;
  const types = columnTypes(s);
  if (!types.has(c.order)) ctx.error([...at, 'order'], `"${c.order}" is not a column of source "${s.name}"${didYouMean(c.order, types.keys())}`);
  if (!s.date) ctx.error(at, `a clawback needs source "${s.name}" to have a "date" column: it finds the period each order was paid in`);
  checkAggregate(ctx, { source: s.name, fn: 'count', filter: c.refunds }, at.concat([]), sources);
}

const metricRef = (ctx: Context, name: string, at: PathSegment[], metrics: Metrics): MetricSpec | undefined => {
  if (!metrics.has(name)) ctx.error(at, `unknown metric "${name}"${didYouMean(name, metrics.keys())}`);
  return metrics.get(name);
};

export function checkComponents(ctx: Context, list: readonly Component[], at: PathSegment[], metrics: Metrics, sources: Sources): void {
  list.forEach((c) => {
    const p = [...at, c.index];
    switch (c.kind) {
      case 'commission':
        checkCommission(ctx, c.commission, p, metrics, sources);
        return;
      case 'spiff': {
        const m = metricRef(ctx, c.metric, [...p, 'metric'], metrics);
        if (m?.unit && m.unit !== 'count') ctx.warn([...p, 'metric'], `a SPIFF pays ${c.amount} per unit of "${c.metric}", whose unit is ${m.unit}, not count`);
        return;
      }
      case 'kicker':
        c.when.forEach((w, k) => {
          metricRef(ctx, w.metric, [...p, 'when', k, 'metric'], metrics);
        });
        return;
      case 'collection': {
        const s = sources.get(c.source);
        if (!s) {
          if (!sources.has(c.source)) ctx.error([...p, 'source'], `unknown source "${c.source}"${didYouMean(c.source, sources.keys())}`);
          return;
        }
        checkAggregate(ctx, { source: c.source, fn: 'count', filter: c.filter }, p, sources);
        const types = columnTypes(s);
        const need = (key: string, col: string | undefined, want: string[]): void => {
          if (col === undefined) return;
          const t = types.get(col);
          if (t === undefined) ctx.error([...p, key], `"${col}" is not a column of source "${s.name}"${didYouMean(col, types.keys())}`);
          else if (!want.includes(t)) ctx.error([...p, key], `"${col}" must be a ${want.join(' or ')} column (it is ${t})`);
        };
        need('paid', c.paid, ['money']);
        need('paid_date', c.paidDate, ['date']);
        need('invoice_date', c.invoiceDate, ['date']);
        need('invoice', c.invoice, ['string', 'number']);
        need('invoice_amount', c.invoiceAmount, ['money']);
        need('base', c.base, ['money']);
        return;
      }
    }
  });
}

/** Every plan names a role that has weights; each plan's parts are checked like the defaults. */
export function checkPlans(ctx: Context, model: Model, metrics: Metrics, sources: Sources): void {
  if (model.components) checkComponents(ctx, model.components, ['components'], metrics, sources);
  const rulesUsed = model.redLines !== undefined || [...(model.plans?.values() ?? [])].some((p) => p.redLines !== undefined);
  if (model.deductions?.columns.some((c) => c.name === 'rule') && !rulesUsed) {
    ctx.error(['deductions', 'columns', 'rule'], 'a "rule" column needs "rules" under deductions: what each broken rule costs (points, amount, percent_of_bonus or zero_bonus)', true);
  }
  if (rulesUsed && model.deductions === undefined) ctx.error(['plans'], 'deduction rules need a deductions file (with a "rule" column) to say who broke them');
  if (!model.plans) return;
  for (const [role, p] of model.plans) {
    const at = ['plans', role];
    if (!model.weights.has(role)) ctx.error(at, `role "${role}" has no weights, so no rep is paid under this plan${didYouMean(role, model.weights.keys())}`, true);
    if (p.bonus) checkBonus(ctx, p.bonus, [...at, 'bonus'], metrics);
    if (p.commission) checkCommission(ctx, p.commission, [...at, 'commission'], metrics, sources);
    if (p.gates) checkGates(ctx, p.gates, [...at, 'gates'], metrics);
    if (p.components) checkComponents(ctx, p.components, [...at, 'components'], metrics, sources);
  }
}
