// SMART checks against history, for `kpi validate` with data: the scheme as it stands, replayed on the periods
// before the one validated. A threshold far fewer reps than about 90 % reached, a target far more than about 50 %
// reached, a gate that would have zeroed many reps, a bonus cap no rep can reach. Pure: results in, findings out.
import type { Model, Rep } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { capMultiplier } from '../core/rules/bonus/index.js';
import { GUIDANCE, addReached, metricReached, metricsWithTargets, NONE_REACHED, share, type Reached } from './attainment.js';

/** Fewer rep-periods than this say too little about a share to warn on it. */
const MIN_REP_PERIODS = 10;

export interface Finding {
  /** YAML path the warning points at. */
  path: (string | number)[];
  atKey: boolean;
  message: string;
  smart?: 'achievable' | 'relevant';
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const amount = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

function span(history: readonly RunResult[]): string {
  const kind = history[0]!.period.kind;
  const word = kind === 'month' ? 'month' : kind === 'quarter' ? 'quarter' : 'period';
  const labels = history.map((h) => h.period.label).sort();
  return `the last ${history.length} ${word}s (${labels[0]} to ${labels[labels.length - 1]})`;
}

function pooled(model: Model, history: readonly RunResult[], metric: string): Reached {
  return history.reduce((a, h) => addReached(a, metricReached(model, h.reps, metric)), NONE_REACHED);
}

/** Findings for `history`: the periods before the one validated that have data, each scored with the scheme. */
export function historyFindings(model: Model, history: readonly RunResult[]): Finding[] {
  const out: Finding[] = [];
  if (history.length === 0) return out;
  const when = span(history);
  const s = model.smart;
  for (const { metric } of metricsWithTargets(history)) {
    const r = pooled(model, history, metric);
    if (r.reps < MIN_REP_PERIODS) continue;
    const thr = share(r.threshold, r.reps);
    if (thr !== null && thr < s.minShareAtThreshold) {
      out.push({
        path: ['metrics', metric, 'target', 'threshold'],
        atKey: true,
        smart: 'achievable',
        message:
          `"${metric}": only ${pct(thr)} reached the threshold in ${when} (${r.threshold} of ${r.reps} with data); ` +
          `about ${pct(GUIDANCE.threshold)} should, and below ${pct(s.minShareAtThreshold)} (smart.min_share_at_threshold) most reps earn nothing from it`,
      });
    }
    const tgt = share(r.target, r.reps);
    if (tgt !== null && tgt > s.maxShareAtTarget) {
      out.push({
        path: ['metrics', metric, 'target'],
        atKey: true,
        smart: 'achievable',
        message:
          `"${metric}": ${pct(tgt)} reached the target in ${when} (${r.target} of ${r.reps} with data); ` +
          `about ${pct(GUIDANCE.target)} should, and above ${pct(s.maxShareAtTarget)} (smart.max_share_at_target) the target is too easy`,
      });
    }
  }
  model.gates.forEach((g, i) => {
    let failed = 0;
    let counted = 0;
    for (const h of history) {
      for (const r of h.reps) {
        if (!r.hasData) continue;
        counted++;
        if (r.gates.some((x) => x.metric === g.metric && x.level === g.level && x.of === g.of && !x.passed)) failed++;
      }
    }
    if (counted < MIN_REP_PERIODS) return;
    const f = failed / counted;
    if (f > s.maxShareZeroedByGate) {
      const what = g.effect === 'zero_bonus' ? 'the bonus' : `the "${g.metric}" contribution`;
      out.push({
        path: ['gates', i],
        atKey: false,
        smart: 'achievable',
        message:
          `the gate on "${g.metric}" would have zeroed ${what} of ${pct(f)} of reps in ${when} (${failed} of ${counted} with data), ` +
          `more than ${pct(s.maxShareZeroedByGate)} (smart.max_share_zeroed_by_gate)`,
      });
    }
  });
  return out;
}

/** bonus.max_payout above the largest bonus any rep on the roster can earn: a cap that never applies. */
export function unreachablePayoutCap(model: Model, reps: readonly Rep[]): Finding | undefined {
  const b = model.bonus;
  if (b.maxPayout === undefined || reps.length === 0) return undefined;
  const top = capMultiplier(b, b.mode === 'step' ? Math.max(0, ...b.tiers.map((t) => t.multiplier)) : Math.max(0, ...b.points.map((p) => p.multiplier))); // bounded spread: one plan's tiers or points
  let best = reps[0]!;
  for (const r of reps) if (r.baseBonus > best.baseBonus) best = r;
  const most = best.baseBonus * top;
  if (b.maxPayout <= most) return undefined;
  return {
    path: ['bonus', 'max_payout'],
    atKey: false,
    message: `max_payout ${amount(b.maxPayout)} can never be reached: the largest bonus on the roster is ${amount(most)} (${best.id}, base ${amount(best.baseBonus)} × ${top})`,
  };
}
