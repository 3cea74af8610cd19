// The plan-design warnings of a scheme (kpi validate, and every run): tiers no score reaches, metrics that count
// for no one. `metricsThatCount` is also what the run's checks ask of a role.
import { everyPlan } from '../../core/plans.js';
import type { Model, Rep } from '../../core/model.js';
import type { Diagnostic } from '../../scheme/diagnostics.js';
import type { PathSegment } from '../../scheme/positions.js';
import { problem, type Problem } from '../../messages/index.js';
import { metricsRead } from '../../core/rules/metrics/index.js';
import { highestScore } from '../../core/rules/scoring/index.js';
import { bonusMode } from '../../core/rules/bonus/index.js';
import { type At, coded } from './run-issue.js';

/**
 * What a scheme promises that no rep can get, or asks for that counts for no one: tiers above the highest total
 * score the caps and weights allow, and metrics weighted for no role that has reps (nor used by a gate, the
 * commission or a weighted metric). `reps` undefined: the roster is not known (a roster file, --no-data), so
 * every role with weights counts.
 */
export function designChecks(model: Model, reps: readonly Rep[] | undefined, schemeFile: string, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (p: PathSegment[], found: Problem, atKey = false) => out.push({ severity: 'warning', file: schemeFile, ...at(p, atKey), ...coded(found) });
  const roles = reps === undefined ? [...model.weights.keys()] : [...new Set(reps.map((r) => r.role))].filter((r) => model.weights.has(r));
  if (roles.length === 0) return out;
  const specs = new Map(model.metrics.map((m) => [m.name, m]));

  // The highest total score any rep can reach: Σ weight × the highest score each metric can give.
  let best = 0;
  let bestRole = roles[0]!;
  for (const role of roles) {
    let total = 0;
    for (const [metric, w] of model.weights.get(role)!) {
      const m = specs.get(metric);
      if (m && Number.isFinite(w)) total += w * highestScore(m.scoring);
    }
    if (total > best) {
      best = total;
      bestRole = role;
    }
  }
  const pct = (x: number) => `${Math.round(x * 1e4) / 100}%`;
  const whose = { whoTerm: roles.length === 1 ? 'term.role' : 'term.anyRole', role: bestRole } as const;
  // Tiers keyed on a metric's achievement (`basis`) are not bounded by the total score's caps: not checked.
  const onScore = model.bonus.basis === undefined;
  // A named tier no score reaches; a point beyond reach after one already beyond it (the pay between them is flat).
  const mode = bonusMode(model.bonus);
  const rows = onScore ? mode.rows(model.bonus) : [];
  rows.forEach((r, k) => {
    if (!(r.from > best + 1e-9)) return;
    if (r.label !== null) warn(['bonus', ...r.at], problem('KPI1302', { ...whose, tier: r.label, from: pct(r.from), best: pct(best) }));
    else if (k > 0 && rows[k - 1]!.from >= best - 1e-9) warn(['bonus', ...r.at], problem('KPI1303', { ...whose, score: pct(r.from), best: pct(best) }));
  });

  const counts = metricsThatCount(model, roles);
  for (const m of model.metrics) {
    if (counts.has(m.name)) continue;
    warn(['metrics', m.name], problem('KPI1301', { metric: m.name, n: roles.length, roles: roles.join(', '), own: reps === undefined ? 0 : 1 }), true);
  }
  return out;
}

/** Metrics that count: weighted for one of `roles`, then everything a counting metric, gate or commission uses. */
export function metricsThatCount(model: Model, roles: readonly string[]): Set<string> {
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  const counts = new Set<string>();
  for (const role of roles) for (const [metric, w] of model.weights.get(role) ?? []) if (w > 0) counts.add(metric);
  // Every plan's gates, commission, bonus basis and components (a SPIFF's count, a kicker's conditions).
  for (const plan of everyPlan(model)) {
    for (const g of plan.gates) counts.add(g.metric);
    if (plan.commission) counts.add(plan.commission.metric);
    if (plan.bonus.basis !== undefined) counts.add(plan.bonus.basis);
    for (const c of plan.components) {
      if (c.kind === 'commission') counts.add(c.commission.metric);
      else if (c.kind === 'spiff') counts.add(c.metric);
      else if (c.kind === 'kicker') for (const w of c.when) counts.add(w.metric);
    }
  }
  const queue = [...counts];
  while (queue.length) {
    const m = specs.get(queue.pop()!);
    for (const r of m ? metricsRead(m) : []) {
      if (counts.has(r)) continue;
      counts.add(r);
      queue.push(r);
    }
  }
  return counts;
}
