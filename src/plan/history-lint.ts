// SMART checks against history, for `kpi validate` with data: the scheme as it stands, replayed on the periods
// before the one validated. A threshold far fewer reps than about 90 % reached, a target far more than about 50 %
// reached, a gate that would have zeroed many reps, a bonus cap no rep can reach. Pure: results in, findings out.
import type { Model, Rep } from '../core/model.js';
import type { PeriodFigures } from '../core/score-figures.js';
import { bonusMode, capMultiplier } from '../core/rules/bonus/index.js';
import { GATE_EFFECTS } from '../core/rules/gates.js';
import { problem, type Problem } from '../messages/index.js';
import { GUIDANCE, addReached, metricReached, metricsWithTargets, NONE_REACHED, share, type Reached } from './attainment.js';

/** Fewer rep-periods than this say too little about a share to warn on it. */
const MIN_REP_PERIODS = 10;

export interface Finding {
  /** YAML path the warning points at. */
  path: (string | number)[];
  atKey: boolean;
  /** What was found, with its stable code (KPI1311–1314, docs/problems.md). */
  problem: Problem;
  smart?: 'achievable' | 'relevant';
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const amount = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** "the last 3 months (2026-08 to 2026-10)", as a term and its values for a problem. */
function span(history: readonly PeriodFigures[]): {
  spanTerm: 'term.lastMonths' | 'term.lastQuarters' | 'term.lastPeriods';
  periods: number;
  from: string;
  to: string;
} {
  const kind = history[0]!.period.kind;
  const labels = history.map((h) => h.period.label).sort();
  const spanTerm = kind === 'month' ? 'term.lastMonths' : kind === 'quarter' ? 'term.lastQuarters' : 'term.lastPeriods';
  return { spanTerm, periods: history.length, from: labels[0]!, to: labels[labels.length - 1]! };
}

function pooled(model: Model, history: readonly PeriodFigures[], metric: string): Reached {
  return history.reduce((a, h) => addReached(a, metricReached(model, h.reps, metric)), NONE_REACHED);
}

/**
 * Findings for `history`: the periods before the one validated that have data, each scored with the scheme (its
 * figures: scoreFigures, or scoreRun's results).
 */
export function historyFindings(model: Model, history: readonly PeriodFigures[]): Finding[] {
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
        problem: problem('KPI1311', {
          ...when,
          metric,
          share: pct(thr),
          reached: r.threshold!,
          reps: r.reps,
          guide: pct(GUIDANCE.threshold),
          limit: pct(s.minShareAtThreshold),
        }),
      });
    }
    const tgt = share(r.target, r.reps);
    if (tgt !== null && tgt > s.maxShareAtTarget) {
      out.push({
        path: ['metrics', metric, 'target'],
        atKey: true,
        smart: 'achievable',
        problem: problem('KPI1312', {
          ...when,
          metric,
          share: pct(tgt),
          reached: r.target!,
          reps: r.reps,
          guide: pct(GUIDANCE.target),
          limit: pct(s.maxShareAtTarget),
        }),
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
      out.push({
        path: ['gates', i],
        atKey: false,
        smart: 'achievable',
        problem: problem('KPI1313', {
          ...when,
          metric: g.metric,
          whatTerm: GATE_EFFECTS[g.effect].zeroes,
          share: pct(f),
          failed,
          counted,
          limit: pct(s.maxShareZeroedByGate),
        }),
      });
    }
  });
  return out;
}

/** bonus.max_payout above the largest bonus any rep on the roster can earn: a cap that never applies. */
export function unreachablePayoutCap(model: Model, reps: readonly Rep[]): Finding | undefined {
  const b = model.bonus;
  if (b.maxPayout === undefined || reps.length === 0) return undefined;
  const top = capMultiplier(b, bonusMode(b).highest(b));
  let best = reps[0]!;
  for (const r of reps) if (r.baseBonus > best.baseBonus) best = r;
  const most = best.baseBonus * top;
  if (b.maxPayout <= most) return undefined;
  return {
    path: ['bonus', 'max_payout'],
    atKey: false,
    problem: problem('KPI1314', { cap: amount(b.maxPayout), most: amount(most), rep: best.id, base: amount(best.baseBonus), top }),
  };
}
