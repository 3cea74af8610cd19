// Raw YAML → the plan parts of issue #12: pay components, 红线 rules, plans per role, the paid-to-date file.
// Shapes are checked here (with positions); names that refer elsewhere are checked in checks-plan.ts.
import type { AgingBand, ColumnType, CommissionTier, Component, PlanOverride, RedLineRule, SourceSpec } from '../core/model.js';
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';
import * as raw from './raw.js';
import { buildBonus, buildCommission, buildFilter, buildGates, buildSpecialFile, commissionTiers, frac } from './build.js';
import { checkMoney, checkRate, checkScore, checkValue } from './ranges.js';
import { problem } from '../messages/index.js';

const PAID_COLUMNS: Record<string, ColumnType> = { rep: 'string', amount: 'money', period: 'string' };

const pctOf = (x: number): string => `${Math.round(x * 1e6) / 1e4}%`;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `components:` (or a plan's): a list of named pay lines, each parsed by its kind. */
export function buildComponents(ctx: Context, list: unknown, at: PathSegment[], minorUnit: number): Component[] {
  if (!Array.isArray(list)) {
    ctx.error(at, problem('KPI5501'));
    return [];
  }
  const out: Component[] = [];
  const names = new Map<string, number>();
  list.forEach((item, i) => {
    const c = buildComponent(ctx, item, [...at, i], minorUnit);
    if (!c) return;
    const seen = names.get(c.name);
    if (seen !== undefined) ctx.error([...at, i, 'name'], problem('KPI5502', { name: c.name, n: seen + 1 }));
    else names.set(c.name, i);
    out.push(c);
  });
  return out;
}

/** What every component starts with: its kind, its name, its label (the name when left out) and its place in the list. */
function head<K extends Component['kind']>(kind: K, c: { name: string; label?: string | undefined }, at: PathSegment[]) {
  return { kind, name: c.name, label: c.label ?? c.name, index: at[at.length - 1] as number };
}

function buildComponent(ctx: Context, value: unknown, at: PathSegment[], minorUnit: number): Component | undefined {
  if (!isMap(value)) return void ctx.error(at, problem('KPI5503'));
  const kind = value.kind;
  if (typeof kind !== 'string' || !(raw.COMPONENT_KINDS as string[]).includes(kind)) {
    return void ctx.error(
      value.kind === undefined ? at : [...at, 'kind'],
      value.kind === undefined
        ? problem('KPI1002', { key: 'kind' })
        : problem('KPI5504', { kind: JSON.stringify(kind) ?? String(kind), allowed: raw.COMPONENT_KINDS.join(', ') }),
    );
  }
  const k = kind as (typeof raw.COMPONENT_KINDS)[number];
  switch (k) {
    case 'commission': {
      const c = ctx.parse(raw.componentByKind.commission, value, at);
      if (!c) return undefined;
      const tiers = rateOrTiers(ctx, c, at, minorUnit);
      if (!tiers) return undefined;
      if (c.max_payout !== undefined) checkMoney(ctx, [...at, 'max_payout'], c.max_payout, minorUnit, 'term.s.maxPayout');
      return {
        ...head(k, c, at),
        commission: { metric: c.metric, mode: c.mode ?? 'marginal', tiers, maxPayout: c.max_payout },
      };
    }
    case 'spiff': {
      const c = ctx.parse(raw.componentByKind.spiff, value, at);
      if (!c) return undefined;
      checkMoney(ctx, [...at, 'amount'], c.amount, minorUnit, 'term.s.spiffAmount');
      return { ...head(k, c, at), metric: c.metric, amount: c.amount };
    }
    case 'kicker': {
      const c = ctx.parse(raw.componentByKind.kicker, value, at);
      if (!c) return undefined;
      checkMoney(ctx, [...at, 'amount'], c.amount, minorUnit, 'term.s.kickerAmount');
      const when = c.when.map((w, i) => {
        const level = frac(w.level);
        if (w.of === 'achievement') checkScore(ctx, [...at, 'when', i, 'level'], level, w.level, 'term.s.levelOnAchievement');
        else checkValue(ctx, [...at, 'when', i, 'level'], level, 'term.s.level');
        return { metric: w.metric, of: w.of ?? 'actual', level };
      });
      return { ...head(k, c, at), when, amount: c.amount };
    }
    case 'collection': {
      const c = ctx.parse(raw.componentByKind.collection, value, at);
      if (!c) return undefined;
      const tiers = rateOrTiers(ctx, c, at, minorUnit);
      if (!tiers) return undefined;
      if (c.max_payout !== undefined) checkMoney(ctx, [...at, 'max_payout'], c.max_payout, minorUnit, 'term.s.maxPayout');
      if (c.base !== undefined && c.invoice_amount === undefined) ctx.error([...at, 'base'], problem('KPI5505'));
      return {
        ...head(k, c, at),
        source: c.source,
        paid: c.paid,
        paidDate: c.paid_date,
        invoiceDate: c.invoice_date,
        ...(c.invoice !== undefined ? { invoice: c.invoice } : {}),
        ...(c.invoice_amount !== undefined ? { invoiceAmount: c.invoice_amount } : {}),
        ...(c.base !== undefined ? { base: c.base } : {}),
        filter: buildFilter(ctx, c.filter ?? {}, [...at, 'filter']),
        mode: c.mode ?? 'marginal',
        tiers,
        maxPayout: c.max_payout,
        aging: buildAging(ctx, c.aging, [...at, 'aging']),
      };
    }
  }
}

/** `rate: 3%` (one tier from 0) or `tiers:` as in commission; exactly one of them. */
function rateOrTiers(
  ctx: Context,
  c: { rate?: number | string | undefined; tiers?: { from: number; to?: number | undefined; rate: number | string }[] | undefined },
  at: PathSegment[],
  minorUnit: number,
): CommissionTier[] | undefined {
  if ((c.rate === undefined) === (c.tiers === undefined)) {
    return void ctx.error(at, c.rate === undefined ? problem('KPI5506') : problem('KPI5507'));
  }
  if (c.rate !== undefined) {
    const r = frac(c.rate);
    checkRate(ctx, [...at, 'rate'], r, c.rate);
    return [{ from: 0, rate: r }];
  }
  return commissionTiers(ctx, c.tiers!, [...at, 'tiers'], minorUnit);
}

/** Aging bands in increasing `up_to`, the last open (`up_to` left out). Absent: every payment at 100 %. */
function buildAging(ctx: Context, list: { up_to?: number | undefined; coefficient: number | string }[] | undefined, at: PathSegment[]): AgingBand[] {
  if (list === undefined) return [{ coefficient: 1 }];
  const bands = list.map((b, i) => {
    const coefficient = frac(b.coefficient);
    checkScore(ctx, [...at, i, 'coefficient'], coefficient, b.coefficient, 'term.s.agingCoefficient');
    return { ...(b.up_to !== undefined ? { upTo: b.up_to } : {}), coefficient };
  });
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (b.upTo === undefined && i < bands.length - 1) ctx.error([...at, i], problem('KPI5508'));
    if (prev?.upTo !== undefined && b.upTo !== undefined && b.upTo <= prev.upTo)
      ctx.error([...at, i, 'up_to'], problem('KPI5509', { value: b.upTo, prev: prev.upTo }));
    if (prev && b.coefficient > prev.coefficient)
      ctx.warn([...at, i, 'coefficient'], problem('KPI5510', { coefficient: pctOf(b.coefficient), prev: pctOf(prev.coefficient) }));
  });
  const last = bands[bands.length - 1];
  if (last && last.upTo !== undefined) ctx.error([...at, bands.length - 1, 'up_to'], problem('KPI5511', { days: last.upTo }));
  return bands;
}

/** `deductions.rules` (or a plan's `deduction_rules`): rule name → { kind, value }. */
export function buildRedLines(ctx: Context, deductions: unknown, minorUnit: number): Map<string, RedLineRule> {
  if (!isMap(deductions) || !isMap(deductions.rules)) return new Map();
  return buildRuleMap(ctx, deductions.rules, ['deductions', 'rules'], minorUnit);
}

function buildRuleMap(ctx: Context, rules: Record<string, unknown>, at: PathSegment[], minorUnit: number): Map<string, RedLineRule> {
  const out = new Map<string, RedLineRule>();
  for (const [name, v] of Object.entries(rules)) {
    const p = [...at, name];
    const r = ctx.parse(raw.redLineRule, v, p);
    if (!r) continue;
    if (r.kind === 'zero_bonus') {
      if (r.value !== undefined) ctx.error([...p, 'value'], problem('KPI5512'));
      out.set(name, { name, kind: r.kind, value: 0 });
      continue;
    }
    if (r.value === undefined) {
      ctx.error(p, problem('KPI5513', { whatTerm: r.kind === 'points' ? 'term.s.pointsOff' : r.kind === 'amount' ? 'term.s.amountOff' : 'term.s.shareOff' }));
      continue;
    }
    const x = frac(r.value);
    if (r.kind === 'amount') checkMoney(ctx, [...p, 'value'], x, minorUnit, 'term.s.deductionAmount');
    if (r.kind === 'percent_of_bonus' && !(x >= 0 && x <= 1)) ctx.error([...p, 'value'], problem('KPI5514', { value: pctOf(x) }));
    else if (r.kind === 'points' && !(x >= 0 && x <= 100)) ctx.error([...p, 'value'], problem('KPI5515'));
    out.set(name, { name, kind: r.kind, value: x });
  }
  return out;
}

/** `plans:` role → the keys in which that role's plan differs from the defaults. */
export function buildPlans(ctx: Context, plans: Record<string, unknown>, minorUnit: number): Map<string, PlanOverride> {
  const out = new Map<string, PlanOverride>();
  for (const [role, v] of Object.entries(plans)) {
    const at = ['plans', role];
    const p = ctx.parse(raw.plan, v, at);
    if (!p) continue;
    const o: PlanOverride = {};
    if (p.bonus !== undefined) {
      const b = buildBonus(ctx, p.bonus, minorUnit, [...at, 'bonus']);
      if (b) o.bonus = b;
    }
    if (p.commission !== undefined) {
      if (p.commission === 'none' || p.commission === null) o.commission = null;
      else {
        const c = buildCommission(ctx, p.commission, minorUnit, [...at, 'commission']);
        if (c) o.commission = c;
      }
    }
    if (p.gates !== undefined) o.gates = buildGates(ctx, p.gates, [...at, 'gates']);
    if (p.components !== undefined) o.components = buildComponents(ctx, p.components, [...at, 'components'], minorUnit);
    if (p.deduction_rules !== undefined) o.redLines = buildRuleMap(ctx, p.deduction_rules, [...at, 'deduction_rules'], minorUnit);
    if (Object.keys(p).length === 0) ctx.warn(at, problem('KPI5516', { role }));
    out.set(role, o);
  }
  return out;
}

/** `paid_to_date:` rep, amount (optional period): what was already paid for the year (YTD true-up). */
export function buildPaidToDate(ctx: Context, value: unknown, dir: string): SourceSpec | undefined {
  const spec = buildSpecialFile(ctx, 'paid_to_date', value, ['paid_to_date'], dir, PAID_COLUMNS, ['rep', 'amount'], raw.paidToDateFile, {
    rep: 'rep',
    period: 'period',
  });
  if (spec) spec.purpose = 'paid_to_date';
  return spec;
}
