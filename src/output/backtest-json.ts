// `kpi backtest --format json`: the documented `kpi-backtest/1` contract (docs/json-format.md). Same rules as
// `kpi-score/1`: fixed key order, fractions for shares and scores, rounded money, null rather than NaN.
import type { Model } from '../core/model.js';
import type { Period } from '../core/results.js';
import type { DataIssue } from '../core/table.js';
import { GUIDANCE, share, type Reached } from '../plan/attainment.js';
import type { Backtest, Cost, Move } from '../plan/backtest.js';
import { issueJson } from './formats.js';
import { finiteOrNull } from './numbers.js';
import { isoFromDay } from '../core/period.js';
import { clean15 } from '../core/money.js';
import { runStatus, statusLine, type RunStatus } from './status.js';

const BACKTEST_FORMAT = 'kpi-backtest/1';

/** Finite or null, to 15 significant digits as a spreadsheet shows it (as kpi-score/1 does). */
const num = (x: number | null | undefined): number | null => {
  const v = finiteOrNull(x);
  return v === null ? null : clean15(v);
};
const text = (s: string | null | undefined): string | null => (s === null || s === undefined ? null : s.normalize('NFC'));

function periodJson(p: Period) {
  return { label: p.label, kind: p.kind, start: isoFromDay(p.start), end: isoFromDay(p.end) };
}

function costJson(c: Cost) {
  return { bonus: num(c.bonus), commission: num(c.commission), deductions: num(c.deductions), payout: num(c.payout) };
}

function reachedJson(r: Reached) {
  return {
    reps: r.reps,
    threshold: r.threshold,
    target: r.target,
    stretch: r.stretch,
    shares: { threshold: num(share(r.threshold, r.reps)), target: num(share(r.target, r.reps)), stretch: num(share(r.stretch, r.reps)) },
  };
}

function moveJson(m: Move) {
  return {
    id: text(m.id),
    name: text(m.name),
    team: text(m.team),
    from: m.from,
    to: m.to,
    payoutBefore: num(m.payoutBefore),
    payoutAfter: num(m.payoutAfter),
    change: num(m.change),
    scoreBefore: num(m.scoreBefore),
    scoreAfter: num(m.scoreAfter),
    tierBefore: text(m.tierBefore),
    tierAfter: text(m.tierAfter),
  };
}

function backtestJsonValue(model: Model, bt: Backtest, issues: readonly DataIssue[], status: RunStatus = runStatus(issues)) {
  const first = bt.periods[0]!.period;
  const last = bt.periods[bt.periods.length - 1]!.period;
  return {
    format: BACKTEST_FORMAT,
    // As in kpi-score/1: whether the figures rest on data without issues, first thing after the format.
    status: { final: status.final, issues: status.issues, skipped: status.skipped, message: statusLine(status, 'issues[]') },
    scheme: text(model.name),
    from: first.label,
    to: last.label,
    kind: first.kind,
    currency: { code: model.currency.code, minorUnit: model.currency.minorUnit, symbol: model.currency.symbol },
    guidance: { ...GUIDANCE },
    edges: { threshold: num(bt.edges.threshold), target: num(bt.edges.target), stretch: num(bt.edges.stretch), all: bt.edges.all.map((x) => num(x)) },
    edgeBand: num(bt.edgeBand),
    total: {
      cost: costJson(bt.total.cost),
      overall: reachedJson(bt.total.overall),
      metrics: bt.total.metrics.map((m) => ({ metric: text(m.metric), label: text(m.label), ...reachedJson(m) })),
    },
    periods: bt.periods.map((p) => ({
      period: periodJson(p.period),
      reps: p.reps,
      repsWithData: p.repsWithData,
      cost: costJson(p.cost),
      overall: reachedJson(p.overall),
      metrics: p.metrics.map((m) => ({ metric: text(m.metric), label: text(m.label), ...reachedJson(m) })),
      tiers: p.tiers.map((t) => ({ label: text(t.label), from: num(t.from), to: num(t.to), reps: t.reps })),
      zeroedByGate: p.zeroedByGate,
      ownPlanTiers: p.ownPlanTiers,
      onEdge: p.onEdge.map((e) => ({ id: text(e.id), name: text(e.name), team: text(e.team), totalScore: num(e.totalScore), edge: num(e.edge), side: e.side })),
      up: p.up.map(moveJson),
      down: p.down.map(moveJson),
      issues: p.issues,
    })),
    movers: bt.movers.map(moveJson),
    reps: bt.reps.map((r) => ({
      id: text(r.id),
      name: text(r.name),
      team: text(r.team),
      role: text(r.role),
      periods: r.periods.map((p) => ({ period: p.period, hasData: p.hasData, totalScore: num(p.totalScore), tier: text(p.tier), payout: num(p.payout) })),
    })),
    issues: issues.map(issueJson),
  };
}

export function backtestJson(model: Model, bt: Backtest, issues: readonly DataIssue[], status?: RunStatus): string {
  return JSON.stringify(backtestJsonValue(model, bt, issues, status), null, 2) + '\n';
}
