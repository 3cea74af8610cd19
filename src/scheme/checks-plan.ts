// Cross-reference checks of the plan parts (issue #12): bonus basis, clawback, components, plans per role.
import type { BonusSpec, Clawback, Component, MetricSpec, Model, SourceSpec } from '../core/model.js';
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';
import { closest } from './suggest.js';
import { problem } from '../messages/index.js';
import { checkAggregate, checkBonus, checkCommission, checkGates, columnTypes } from './checks.js';
import { componentRule } from '../core/rules/components/index.js';
import { plainAggregate } from '../core/rules/metrics/index.js';

type Metrics = Map<string, MetricSpec | undefined>;
type Sources = Map<string, SourceSpec | undefined>;

/** `basis:` names a metric with a target (its achievement keys the tiers). */
export function checkBasis(ctx: Context, b: BonusSpec, at: PathSegment[], metrics: Metrics): void {
  if (b.basis === undefined) return;
  if (!metrics.has(b.basis)) {
    ctx.error([...at, 'basis'], problem('KPI5520', { metric: b.basis, suggestion: closest(b.basis, metrics.keys()) }));
    return;
  }
  const m = metrics.get(b.basis);
  if (!m) return;
  const t = m.target;
  if (t.default === undefined && t.byRole.size + t.byTeam.size + t.byRep.size === 0) {
    ctx.warn([...at, 'basis'], problem('KPI5521', { metric: b.basis }));
  }
}

/** The clawback's order column is a column of the commission metric's source; the metric is a sum over it. */
export function checkClawback(ctx: Context, c: Clawback, at: PathSegment[], m: MetricSpec, sources: Sources): void {
  const agg = plainAggregate(m);
  if (agg?.fn !== 'sum' || agg.column === undefined) {
    ctx.error(at, problem('KPI5522', { metric: m.name }));
    return;
  }
  const s = sources.get(agg.source);
  if (!s) return;
  const types = columnTypes(s);
  if (!types.has(c.order)) ctx.error([...at, 'order'], problem('KPI5120', { column: c.order, source: s.name, suggestion: closest(c.order, types.keys()) }));
  if (!s.date) ctx.error(at, problem('KPI5523', { source: s.name }));
  checkAggregate(ctx, { source: s.name, fn: 'count', filter: c.refunds }, at.concat([]), sources);
}

const metricRef = (ctx: Context, name: string, at: PathSegment[], metrics: Metrics): MetricSpec | undefined => {
  if (!metrics.has(name)) ctx.error(at, problem('KPI5220', { metric: name, suggestion: closest(name, metrics.keys()) }));
  return metrics.get(name);
};

function checkComponents(ctx: Context, list: readonly Component[], at: PathSegment[], metrics: Metrics, sources: Sources): void {
  // Each kind checks its own settings (componentRule(c).check); here: that what it reads is there, with positions.
  for (const c of list) {
    const p = [...at, c.index];
    componentRule(c).check(c, {
      commission: (spec, path) => checkCommission(ctx, spec, [...p, ...path], metrics, sources),
      metric: (name, path) => metricRef(ctx, name, [...p, ...path], metrics),
      source(name, path) {
        if (sources.get(name)) return true;
        if (!sources.has(name)) ctx.error([...p, ...path], problem('KPI5127', { source: name, suggestion: closest(name, sources.keys()) }));
        return false;
      },
      aggregate: (agg, path) => checkAggregate(ctx, agg, [...p, ...path], sources),
      column(source, col, path, want) {
        const s = sources.get(source);
        if (!s) return;
        const types = columnTypes(s);
        const t = types.get(col);
        if (t === undefined) ctx.error([...p, ...path], problem('KPI5120', { column: col, source: s.name, suggestion: closest(col, types.keys()) }));
        else if (!want.includes(t)) ctx.error([...p, ...path], problem('KPI5137', { column: col, want: want.join(' or '), type: t }));
      },
      warn: (path, x) => ctx.warn([...p, ...path], x),
    });
  }
}

/** Every plan names a role that has weights; each plan's parts are checked like the defaults. */
export function checkPlans(ctx: Context, model: Model, metrics: Metrics, sources: Sources): void {
  if (model.components) checkComponents(ctx, model.components, ['components'], metrics, sources);
  const rulesUsed = model.redLines !== undefined || [...(model.plans?.values() ?? [])].some((p) => p.redLines !== undefined);
  if (model.deductions?.columns.some((c) => c.name === 'rule') && !rulesUsed) {
    ctx.error(['deductions', 'columns', 'rule'], problem('KPI5525'), true);
  }
  if (rulesUsed && model.deductions === undefined) ctx.error(['plans'], problem('KPI5526'));
  if (!model.plans) return;
  for (const [role, p] of model.plans) {
    const at = ['plans', role];
    if (!model.weights.has(role)) ctx.error(at, problem('KPI5329', { role, suggestion: closest(role, model.weights.keys()) }), true);
    if (p.bonus) checkBonus(ctx, p.bonus, [...at, 'bonus'], metrics);
    if (p.commission) checkCommission(ctx, p.commission, [...at, 'commission'], metrics, sources);
    if (p.gates) checkGates(ctx, p.gates, [...at, 'gates'], metrics);
    if (p.components) checkComponents(ctx, p.components, [...at, 'components'], metrics, sources);
  }
}
