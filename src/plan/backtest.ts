// `kpi backtest`: what the scheme would have cost and paid, period by period, from the scored results. Pure:
// RunResults in, figures out. Money figures are sums of the reps' rounded amounts, so they add up as the
// ranked tables of `kpi score` do.
import type { Model } from '../core/model.js';
import { planFor } from '../core/plans.js';
import type { Period, RepResult, RunResult } from '../core/results.js';
import { roundToUnits } from '../core/money.js';
import { bonusMode, scoreBands } from '../core/rules/bonus/index.js';
import { addReached, metricReached, metricsWithTargets, NONE_REACHED, overallReached, planEdges, type PlanEdges, type Reached } from './attainment.js';

export interface Cost {
  bonus: number;
  commission: number;
  deductions: number;
  /** bonus + commission − deductions, exactly (each rep's rounded figures add up). */
  payout: number;
}

export interface TierCount {
  label: string;
  from: number;
  to: number | null;
  reps: number;
}

export interface OnEdge {
  id: string;
  name: string;
  team: string;
  totalScore: number;
  /** The nearest tier edge (a total score). */
  edge: number;
  /** below: just short of the edge; above: just over it (at the edge counts as above). */
  side: 'below' | 'above';
}

export interface Move {
  id: string;
  name: string;
  team: string;
  from: string;
  to: string;
  payoutBefore: number;
  payoutAfter: number;
  /** payoutAfter − payoutBefore (rounded money). */
  change: number;
  scoreBefore: number;
  scoreAfter: number;
  tierBefore: string | null;
  tierAfter: string | null;
}

export interface PeriodFigures {
  period: Period;
  reps: number;
  repsWithData: number;
  cost: Cost;
  overall: Reached;
  metrics: ({ metric: string; label: string } & Reached)[];
  /** Reps per tier, by total score (a gate that zeroed the bonus does not move a rep out of its tier). */
  tiers: TierCount[];
  /** Reps with data whose bonus a gate zeroed. */
  zeroedByGate: number;
  /** Reps with data paid by a role plan with tiers of its own: in none of the default's tier columns. */
  ownPlanTiers: number;
  onEdge: OnEdge[];
  /** Against the period before (none for the first): the biggest rises and falls in payout. */
  up: Move[];
  down: Move[];
  issues: number;
}

export interface RepHistory {
  id: string;
  name: string;
  team: string;
  role: string;
  periods: { period: string; hasData: boolean; totalScore: number; tier: string | null; payout: number }[];
}

export interface Backtest {
  edges: PlanEdges;
  /** ± this much total score around an edge is "on the edge". */
  edgeBand: number;
  periods: PeriodFigures[];
  /** The whole range: costs summed, reach pooled over every rep-period with data. */
  total: { cost: Cost; overall: Reached; metrics: ({ metric: string; label: string } & Reached)[] };
  /** The biggest changes in a rep's payout from one period to the next, anywhere in the range. */
  movers: Move[];
  reps: RepHistory[];
}

/** How many movers each list keeps. */
const MOVERS = 5;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function costOf(result: RunResult): Cost {
  const minor = result.currency.minorUnit;
  const sum = (f: (r: RepResult) => number) => {
    const units = result.reps.reduce((s, r) => s + roundToUnits(f(r), minor), 0);
    return units === 0 ? 0 : units / 10 ** minor;
  };
  return {
    bonus: sum((r) => r.rounded.bonus),
    commission: sum((r) => r.rounded.commission),
    deductions: sum((r) => r.rounded.deductions),
    payout: sum((r) => r.rounded.payout),
  };
}

function addCost(a: Cost, b: Cost, minor: number): Cost {
  const add = (x: number, y: number) => {
    const u = roundToUnits(x, minor) + roundToUnits(y, minor);
    return u === 0 ? 0 : u / 10 ** minor;
  };
  return {
    bonus: add(a.bonus, b.bonus),
    commission: add(a.commission, b.commission),
    deductions: add(a.deductions, b.deductions),
    payout: add(a.payout, b.payout),
  };
}

/**
 * Where a rep stands on the tiers of the plan that pays them: a role's plan may have its own tiers, and a plan with
 * `bonus.basis` keys them on that metric's achievement, not on the total score (null: no achievement, on no tier).
 */
interface Standing {
  edges: PlanEdges;
  value: (r: RepResult) => number | null;
  /** The rep is paid by the scheme's default tiers (their tier is one of its columns). */
  defaultTiers: boolean;
}
function standings(model: Model): (r: RepResult) => Standing {
  const cache = new Map<string, Standing>();
  return (r) => {
    let st = cache.get(r.rep.role);
    if (!st) {
      const bonus = planFor(model, r.rep.role).bonus;
      const value = bonus.basis !== undefined ? (x: RepResult) => x.basis?.value ?? null : (x: RepResult) => x.totalScore;
      st = { edges: planEdges(bonus), value, defaultTiers: bonus === model.bonus };
      cache.set(r.rep.role, st);
    }
    return st;
  };
}

/** Reps with data per tier: a rep with no rows is scored 0 but is no evidence of how hard the tiers are (as reach). */
function tierCounts(model: Model, result: RunResult): TierCount[] {
  const b = model.bonus;
  // A role with tiers of its own is not counted in the default's columns (its tiers have other bounds).
  const standing = standings(model);
  const withData = result.reps.filter((r) => r.hasData && standing(r).defaultTiers);
  const mode = bonusMode(b);
  if (mode.named) {
    return mode.rows(b).map((t) => ({
      label: t.label ?? '',
      from: t.from,
      to: t.to,
      reps: withData.filter((r) => r.tier !== null && r.tier.label === t.label && r.tier.from === t.from).length,
    }));
  }
  // Without named tiers (linear points) the bands between the points stand in for them, named in symbols (any language).
  return scoreBands(b).map(({ from, to }) => {
    const label = to === null ? `≥ ${pct(from)}` : `${pct(from)}–${pct(to)}`;
    return { label, from, to, reps: withData.filter((r) => r.totalScore >= from && (to === null || r.totalScore < to)).length };
  });
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

function onEdge(reps: readonly RepResult[], standing: (r: RepResult) => Standing, band: number): OnEdge[] {
  const out: OnEdge[] = [];
  for (const r of reps) {
    const { edges, value } = standing(r);
    const v = value(r);
    if (!r.hasData || edges.all.length === 0 || v === null) continue;
    let nearest = edges.all[0]!;
    for (const e of edges.all) if (Math.abs(v - e) < Math.abs(v - nearest)) nearest = e;
    // A hair of tolerance so 78 % against an 80 % edge with a 2 % band is on it despite binary fractions.
    if (Math.abs(v - nearest) <= band + 1e-9) {
      out.push({ id: r.rep.id, name: r.rep.name, team: r.rep.team, totalScore: v, edge: nearest, side: v < nearest ? 'below' : 'above' });
    }
  }
  return out.sort((a, b) => a.edge - b.edge || a.totalScore - b.totalScore || byId(a.id, b.id));
}

function moves(before: RunResult, after: RunResult, minor: number): Move[] {
  const prev = new Map(before.reps.map((r) => [r.rep.id, r]));
  const out: Move[] = [];
  for (const r of after.reps) {
    const p = prev.get(r.rep.id);
    if (!p) continue;
    const units = roundToUnits(r.rounded.payout, minor) - roundToUnits(p.rounded.payout, minor);
    out.push({
      id: r.rep.id,
      name: r.rep.name,
      team: r.rep.team,
      from: before.period.label,
      to: after.period.label,
      payoutBefore: p.rounded.payout,
      payoutAfter: r.rounded.payout,
      change: units === 0 ? 0 : units / 10 ** minor,
      scoreBefore: p.totalScore,
      scoreAfter: r.totalScore,
      tierBefore: p.tier?.label ?? null,
      tierAfter: r.tier?.label ?? null,
    });
  }
  return out;
}

const biggestFirst = (a: Move, b: Move) => Math.abs(b.change) - Math.abs(a.change) || byId(a.id, b.id) || byId(a.from, b.from);

export function backtest(model: Model, results: readonly RunResult[], edgeBand = model.smart.tierEdgeBand): Backtest {
  const minor = model.currency.minorUnit;
  const edges = planEdges(model.bonus);
  const standing = standings(model);
  const shown = metricsWithTargets(results);
  const allMoves: Move[] = [];
  const periods: PeriodFigures[] = results.map((res, i) => {
    const before = results[i - 1];
    const m = before ? moves(before, res, minor) : [];
    for (const x of m) allMoves.push(x); // one move per rep: a loop, not push(...m)
    return {
      period: res.period,
      reps: res.reps.length,
      repsWithData: res.reps.filter((r) => r.hasData).length,
      cost: costOf(res),
      overall: overallReached(res.reps, edges, standing),
      metrics: shown.map((s) => ({ ...s, ...metricReached(model, res.reps, s.metric) })),
      tiers: tierCounts(model, res),
      zeroedByGate: res.reps.filter((r) => r.hasData && r.bonusZeroedBy !== undefined).length,
      ownPlanTiers: res.reps.filter((r) => r.hasData && !standing(r).defaultTiers).length,
      onEdge: onEdge(res.reps, standing, edgeBand),
      up: m
        .filter((x) => x.change > 0)
        .sort(biggestFirst)
        .slice(0, MOVERS),
      down: m
        .filter((x) => x.change < 0)
        .sort(biggestFirst)
        .slice(0, MOVERS),
      issues: res.issues.length,
    };
  });
  const zero: Cost = { bonus: 0, commission: 0, deductions: 0, payout: 0 };
  const total = {
    cost: periods.reduce((c, p) => addCost(c, p.cost, minor), zero),
    overall: periods.reduce((a, p) => addReached(a, p.overall), NONE_REACHED),
    metrics: shown.map((s) => ({ ...s, ...periods.reduce((a, p) => addReached(a, p.metrics.find((x) => x.metric === s.metric)!), NONE_REACHED) })),
  };
  const reps = new Map<string, RepHistory>();
  for (const res of results) {
    for (const r of res.reps) {
      let h = reps.get(r.rep.id);
      if (!h) reps.set(r.rep.id, (h = { id: r.rep.id, name: r.rep.name, team: r.rep.team, role: r.rep.role, periods: [] }));
      h.periods.push({ period: res.period.label, hasData: r.hasData, totalScore: r.totalScore, tier: r.tier?.label ?? null, payout: r.rounded.payout });
    }
  }
  return {
    edges,
    edgeBand,
    periods,
    total,
    movers: allMoves
      .filter((x) => x.change !== 0)
      .sort(biggestFirst)
      .slice(0, MOVERS),
    reps: [...reps.values()].sort((a, b) => byId(a.id, b.id)),
  };
}
