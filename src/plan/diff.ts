// `kpi diff`: what changes between two schemes on the same data, or between two runs. Pure: two runs in (scored
// results, or the kpi-score/1 JSON of two runs, both as RunView), differences out. Money compares the reps'
// rounded payouts, so the per-rep changes add up to the change in total cost exactly.
import { roundToUnits } from '../core/money.js';
import type { RunResult } from '../core/results.js';
import { said, type Text } from '../messages/index.js';

/** What a comparison needs of a run: from a RunResult (scheme diff) or from kpi-score/1 JSON (run diff). */
export interface RunView {
  period: string;
  minorUnit: number;
  reps: RepView[];
}

export interface MetricView {
  metric: string;
  weight: number;
  actual: number | null;
  target: number | null;
  threshold: number | null;
  stretch: number | null;
  score: number;
}

export interface RepView {
  id: string;
  name: string;
  team: string;
  hasData: boolean;
  totalScore: number;
  tier: string | null;
  multiplier: number;
  bonusZeroedBy: string | null;
  bonus: number;
  commission: number;
  deductions: number;
  payout: number;
  metrics: MetricView[];
}

export interface Cost {
  bonus: number;
  commission: number;
  deductions: number;
  payout: number;
}

/** Why a rep's figures moved. `data`: the rows changed; `rules`: the scheme (targets, weights, scoring, tiers). */
export interface Cause {
  kind: 'data' | 'rules' | 'data or rules';
  /** In the run's language when shown (say); JSON keeps its English. */
  text: Text;
}

export interface RepChange {
  id: string;
  name: string;
  team: string;
  /** false when the rep is on one side's roster only (counted as 0 on the other). */
  inA: boolean;
  inB: boolean;
  payoutA: number | null;
  payoutB: number | null;
  change: number;
  scoreA: number | null;
  scoreB: number | null;
  tierA: string | null;
  tierB: string | null;
  causes: Cause[];
}

export interface TierMove {
  from: string | null;
  to: string | null;
  reps: string[];
}

export interface Comparison {
  cost: { a: Cost; b: Cost; change: Cost };
  /** Every rep, biggest rise first, then unchanged, then biggest fall; ties by id. */
  reps: RepChange[];
  winners: number;
  losers: number;
  unchanged: number;
  /** Reps whose figures moved at all (payout, score, tier or a metric), by what moved them. */
  changedBy: { data: number; rules: number; both: number };
  tierMoves: TierMove[];
}

/**
 * How an actual that moved is read: `data` when only the data changed (run diff, same scheme), `rules` when only
 * the scheme did (scheme diff on the same data: a metric's definition changed), `data or rules` when both did.
 */
export type ActualsMoveWith = Cause['kind'];

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function units(x: number, minor: number): number {
  return roundToUnits(x, minor);
}

function money(u: number, minor: number): number {
  return u === 0 ? 0 : u / 10 ** minor;
}

function costOf(v: RunView): Cost {
  const m = v.minorUnit;
  const sum = (f: (r: RepView) => number) =>
    money(
      v.reps.reduce((s, r) => s + units(f(r), m), 0),
      m,
    );
  return { bonus: sum((r) => r.bonus), commission: sum((r) => r.commission), deductions: sum((r) => r.deductions), payout: sum((r) => r.payout) };
}

function costChange(a: Cost, b: Cost, minor: number): Cost {
  const d = (x: number, y: number) => money(units(y, minor) - units(x, minor), minor);
  return { bonus: d(a.bonus, b.bonus), commission: d(a.commission, b.commission), deductions: d(a.deductions, b.deductions), payout: d(a.payout, b.payout) };
}

/** Equal to 12 significant digits: figures that went through different but equivalent arithmetic still match. */
function same(x: number | null, y: number | null): boolean {
  if (x === null || y === null) return x === y;
  if (x === y) return true;
  return Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x), Math.abs(y));
}

const show = (x: number | null): Text => (x === null ? said('plan.none') : Number(x.toPrecision(10)).toLocaleString('en-US', { maximumFractionDigits: 6 }));
const pct = (x: number | null): Text => (x === null ? said('plan.none') : `${Number((x * 100).toPrecision(6))}%`);

function causes(a: RepView, b: RepView, actuals: ActualsMoveWith): Cause[] {
  const out: Cause[] = [];
  if (a.hasData !== b.hasData) out.push({ kind: 'data', text: said(b.hasData ? 'diff.cause.rowsNow' : 'diff.cause.noRowsNow') });
  const bMetrics = new Map(b.metrics.map((m) => [m.metric, m]));
  const moved = new Set<string>();
  for (const ma of a.metrics) {
    const mb = bMetrics.get(ma.metric);
    if (!mb) {
      if (ma.weight > 0) out.push({ kind: 'rules', text: said('diff.cause.metricGone', { metric: ma.metric }) });
      continue;
    }
    if (!same(ma.actual, mb.actual)) {
      moved.add(ma.metric);
      out.push({ kind: actuals, text: said('diff.cause.actual', { metric: ma.metric, a: show(ma.actual), b: show(mb.actual) }) });
    }
    if (!same(ma.weight, mb.weight)) out.push({ kind: 'rules', text: said('diff.cause.weight', { metric: ma.metric, a: pct(ma.weight), b: pct(mb.weight) }) });
    const counts = ma.weight > 0 || mb.weight > 0;
    if (counts && !same(ma.target, mb.target))
      out.push({ kind: 'rules', text: said('diff.cause.target', { metric: ma.metric, a: show(ma.target), b: show(mb.target) }) });
    if (counts && !same(ma.threshold, mb.threshold))
      out.push({ kind: 'rules', text: said('diff.cause.threshold', { metric: ma.metric, a: show(ma.threshold), b: show(mb.threshold) }) });
    if (counts && !same(ma.stretch, mb.stretch))
      out.push({ kind: 'rules', text: said('diff.cause.stretch', { metric: ma.metric, a: show(ma.stretch), b: show(mb.stretch) }) });
    const inputsSame = same(ma.actual, mb.actual) && same(ma.target, mb.target) && same(ma.threshold, mb.threshold) && same(ma.stretch, mb.stretch);
    if (counts && inputsSame && !same(ma.score, mb.score))
      out.push({ kind: 'rules', text: said('diff.cause.score', { metric: ma.metric, a: pct(ma.score), b: pct(mb.score) }) });
  }
  const aNames = new Set(a.metrics.map((m) => m.metric));
  for (const mb of b.metrics)
    if (!aNames.has(mb.metric) && mb.weight > 0) out.push({ kind: 'rules', text: said('diff.cause.metricNew', { metric: mb.metric }) });
  const scoreSame = same(a.totalScore, b.totalScore);
  const gatesSame = a.bonusZeroedBy === b.bonusZeroedBy;
  if (scoreSame && a.tier !== b.tier)
    out.push({ kind: 'rules', text: said('diff.cause.tier', { a: a.tier ?? said('plan.none'), b: b.tier ?? said('plan.none'), score: pct(a.totalScore) }) });
  else if (gatesSame && !same(a.multiplier, b.multiplier) && (scoreSame || (a.tier !== null && a.tier === b.tier))) {
    // The same tier (or score) paying another multiplier: the tiers were changed.
    out.push({
      kind: 'rules',
      text: said(scoreSame ? 'diff.cause.multiplierSameScore' : 'diff.cause.multiplierSameTier', { a: show(a.multiplier), b: show(b.multiplier) }),
    });
  }
  if (a.bonusZeroedBy !== b.bonusZeroedBy) {
    const gateMetric = b.bonusZeroedBy ?? a.bonusZeroedBy!;
    out.push({
      kind: moved.has(gateMetric) ? actuals : 'rules',
      text: b.bonusZeroedBy ? said('diff.cause.gateNow', { metric: b.bonusZeroedBy }) : said('diff.cause.gateNoLonger', { metric: a.bonusZeroedBy! }),
    });
  }
  if (!same(a.deductions, b.deductions)) out.push({ kind: 'data', text: said('diff.cause.deductions', { a: show(a.deductions), b: show(b.deductions) }) });
  // Commission is paid on a metric: when no metric moved, a different commission is the rates' doing.
  if (!same(a.commission, b.commission) && moved.size === 0)
    out.push({ kind: 'rules', text: said('diff.cause.commission', { a: show(a.commission), b: show(b.commission) }) });
  return out;
}

function repChange(a: RepView | undefined, b: RepView | undefined, minor: number, actuals: ActualsMoveWith): RepChange {
  const any = (b ?? a)!;
  const pa = a ? units(a.payout, minor) : 0;
  const pb = b ? units(b.payout, minor) : 0;
  const c: Cause[] = a && b ? causes(a, b, actuals) : [{ kind: 'data', text: said(a ? 'diff.cause.leftRoster' : 'diff.cause.newOnRoster') }];
  return {
    id: any.id,
    name: any.name,
    team: any.team,
    inA: a !== undefined,
    inB: b !== undefined,
    payoutA: a ? a.payout : null,
    payoutB: b ? b.payout : null,
    change: money(pb - pa, minor),
    scoreA: a ? a.totalScore : null,
    scoreB: b ? b.totalScore : null,
    tierA: a?.tier ?? null,
    tierB: b?.tier ?? null,
    causes: c,
  };
}

export function compareRuns(a: RunView, b: RunView, actuals: ActualsMoveWith): Comparison {
  const minor = b.minorUnit;
  const aReps = new Map(a.reps.map((r) => [r.id, r]));
  const bReps = new Map(b.reps.map((r) => [r.id, r]));
  const ids = [...new Set([...aReps.keys(), ...bReps.keys()])].sort(byId);
  const reps = ids.map((id) => repChange(aReps.get(id), bReps.get(id), minor, actuals));
  reps.sort((x, y) => y.change - x.change || byId(x.id, y.id));
  const moves = new Map<string, TierMove>();
  for (const r of reps) {
    if (!r.inA || !r.inB || r.tierA === r.tierB) continue;
    const key = JSON.stringify([r.tierA, r.tierB]);
    const m = moves.get(key) ?? { from: r.tierA, to: r.tierB, reps: [] };
    m.reps.push(r.id);
    moves.set(key, m);
  }
  const changedBy = { data: 0, rules: 0, both: 0 };
  for (const r of reps) {
    const data = r.causes.some((c) => c.kind !== 'rules');
    const rules = r.causes.some((c) => c.kind !== 'data');
    if (data && rules) changedBy.both++;
    else if (data) changedBy.data++;
    else if (rules) changedBy.rules++;
  }
  const ca = costOf(a);
  const cb = costOf(b);
  return {
    cost: { a: ca, b: cb, change: costChange(ca, cb, minor) },
    reps,
    winners: reps.filter((r) => r.change > 0).length,
    losers: reps.filter((r) => r.change < 0).length,
    unchanged: reps.filter((r) => r.change === 0).length,
    changedBy,
    tierMoves: [...moves.values()].sort((x, y) => y.reps.length - x.reps.length || byId(`${x.from}`, `${y.from}`) || byId(`${x.to}`, `${y.to}`)),
  };
}

/** A scored run as the comparison sees it: rounded money, tier labels. */
export function viewOfResult(r: RunResult): RunView {
  return {
    period: r.period.label,
    minorUnit: r.currency.minorUnit,
    reps: r.reps.map((x) => ({
      id: x.rep.id,
      name: x.rep.name,
      team: x.rep.team,
      hasData: x.hasData,
      totalScore: x.totalScore,
      tier: x.tier?.label ?? null,
      multiplier: x.multiplier,
      bonusZeroedBy: x.bonusZeroedBy ?? null,
      bonus: x.rounded.bonus,
      commission: x.rounded.commission,
      deductions: x.rounded.deductions,
      payout: x.rounded.payout,
      metrics: x.metrics.map((m) => ({
        metric: m.metric,
        weight: m.weight,
        actual: m.actual,
        target: m.target,
        threshold: m.threshold,
        stretch: m.stretch,
        score: m.score,
      })),
    })),
  };
}
