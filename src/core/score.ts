// scoreRun: tables + scheme + period → ranked per-rep results with every step spelled out.
import type { MetricSpec, Model, Rep, SourceSpec } from './model.js';
import type {
  GateResult,
  MetricResult,
  NextTier,
  Period,
  RepResult,
  RunResult,
  TeamSubtotal,
  WhatItTakes,
} from './results.js';
import type { DataIssue, Table } from './table.js';
import { capMultiplier, commissionFor, multiplierFor, prorationFor } from './bonus.js';
import { numericAt } from './derived-columns.js';
import * as fmt from './format.js';
import { addIssue, createEngine, metricValues, periodMaskOf, type Engine } from './metrics.js';
import { clean15, roundComponents, roundToUnits } from './money.js';
import { actualForScore } from './next.js';
import { attributeRows, attributionIssues, periodMask, type RepLookup } from './attribution.js';
import { evalPoints, linearPoints, scoreMetric, type ResolvedTarget } from './scoring.js';
import { resolveTarget, targetKey, targetsFromFile, type FileTarget } from './targets.js';

export { computeMetrics } from './metrics.js';

export interface ScoreInput {
  model: Model;
  period: Period;
  reps: Rep[];
  /** By source name, raw as read (derived columns are added here). */
  tables: ReadonlyMap<string, Table>;
  /** The model's targets file, read. */
  targets?: Table;
  /** The model's deductions file, read. */
  deductions?: Table;
}

/** Finite or 0: the last guard so no NaN/Infinity reaches a RunResult. */
const fin = (x: number): number => (Number.isFinite(x) ? x || 0 : 0);
const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

interface Deduction {
  points: number;
  amount: number;
  reasons: string[];
}

function readDeductions(engine: Engine, table: Table, spec: SourceSpec, period: Period): Deduction[] {
  const out: Deduction[] = Array.from({ length: engine.nReps }, () => ({ points: 0, amount: 0, reasons: [] }));
  const repCol = spec.rep ?? 'rep';
  const repIdx = attributeRows(table, repCol, engine.lookup);
  const dating = { ...(spec.date !== undefined ? { date: spec.date } : {}), ...(spec.period !== undefined ? { period: spec.period } : spec.date === undefined && table.columns.has('period') ? { period: 'period' } : {}) };
  const mask = periodMask(table, dating, period);
  for (const i of attributionIssues(table, { ...spec, rep: repCol }, repIdx, mask, engine.lookup, period.label)) addIssue(engine, i);
  const pointsCol = table.columns.get('points');
  const amountCol = table.columns.get('amount');
  const reasonCol = table.columns.get('reason');
  // Money amounts summed exactly in minor units, divided once.
  const minor = new Float64Array(engine.nReps);
  const scale = amountCol?.type === 'money' ? amountCol.scale : 0;
  for (let i = 0; i < table.rowCount; i++) {
    const r = repIdx[i]!;
    if (r < 0 || !mask[i]) continue;
    const row = table.rowNumbers[i]!;
    const p = pointsCol ? numericAt(pointsCol, i) : null;
    let a: number | null = null;
    if (amountCol && amountCol.type !== 'string') {
      const v = amountCol.values[i]!;
      if (!Number.isNaN(v)) a = v; // minor units when money
    }
    const bad = (what: string, v: number): void =>
      addIssue(engine, { file: table.file, source: table.source, row, column: what, value: String(v), reason: `negative ${what} in a deduction ignored`, severity: 'warning', action: 'skipped' });
    const d = out[r]!;
    const parts: string[] = [];
    if (p !== null && Number.isFinite(p)) {
      if (p < 0) bad('points', p);
      else {
        d.points += p;
        parts.push(`${fmt.trimmed(p)} points`);
      }
    }
    if (a !== null && Number.isFinite(a)) {
      if (a < 0) bad('amount', amountCol?.type === 'money' ? a / 10 ** scale : a);
      else {
        minor[r]! += a;
        parts.push(fmt.fixed(amountCol?.type === 'money' ? a / 10 ** scale : a, engine.model.currency.minorUnit));
      }
    }
    if (parts.length === 0) continue;
    const reasonRaw = reasonCol?.type === 'string' ? (reasonCol.values[i] ?? '').trim() : '';
    d.reasons.push(reasonRaw === '' ? '(no reason given)' : reasonRaw);
  }
  for (let r = 0; r < engine.nReps; r++) {
    out[r]!.amount = amountCol?.type === 'money' ? minor[r]! / 10 ** scale : minor[r]!;
    out[r]!.points = clean15(out[r]!.points);
  }
  return out;
}

function scoreLine(m: MetricSpec, actual: number | null, t: ResolvedTarget, raw: number, score: number): string {
  const s = m.scoring;
  const u = m.unit;
  let line: string;
  if (actual === null) line = 'no data → 0 %';
  else if (s.method === 'bands') {
    const b = s.bands.find((x) => actual >= x.from && (x.to === undefined || actual < x.to));
    line = b ? `actual ${fmt.short(actual, u)} in band [${fmt.short(b.from, u)}, ${b.to === undefined ? '∞' : fmt.short(b.to, u)}) → ${fmt.pct(b.score)}` : `actual ${fmt.short(actual, u)} in no band → 0 %`;
  } else if (t.target === null) line = 'no target → 0 %';
  else if (s.method === 'binary') {
    const lower = m.direction === 'lower_is_better';
    const met = lower ? actual <= t.target : actual >= t.target;
    line = `${met ? 'met' : 'not met'}: ${fmt.short(actual, u)} ${met ? (lower ? '≤' : '≥') : lower ? '>' : '<'} ${fmt.short(t.target, u)} → ${fmt.pct(met ? 1 : 0)}`;
  } else if (s.method === 'linear') {
    const lower = m.direction === 'lower_is_better';
    const sign = lower ? -1 : 1;
    const pts = linearPoints(s, m.direction, t)!;
    const x = sign * actual;
    const X = (v: number): string => fmt.short(sign * v, u);
    if (x < pts[0]!.x) line = `actual ${fmt.short(actual, u)} ${lower ? 'above' : 'below'} ${fmt.short(sign * pts[0]!.x, u)} → 0 %`;
    else {
      let i = pts.findIndex((p, k) => k > 0 && x <= p.x);
      if (i < 0) i = pts.length - 1;
      if (i === 0) line = `${fmt.pct(pts[0]!.y)}`;
      else {
        const a = pts[i - 1]!;
        const b = pts[i]!;
        line = `${fmt.pct(a.y)} + (${fmt.short(actual, u)} − ${X(a.x)}) / (${X(b.x)} − ${X(a.x)}) × (${fmt.pct(b.y)} − ${fmt.pct(a.y)}) = ${fmt.pct(evalPoints(pts, x))}`;
      }
    }
  } else {
    const lower = m.direction === 'lower_is_better';
    const ach = lower ? (actual > 0 ? t.target / actual : null) : t.target > 0 ? actual / t.target : null;
    line = ach === null ? fmt.pct(raw) : `achievement ${fmt.pct(ach)}`;
  }
  const clipped = raw > s.cap ? `, capped at ${fmt.pct(s.cap)}` : raw < 0 ? ', floored at 0 %' : '';
  return `score (${s.method}) = ${line}${clipped ? `${clipped} → ${fmt.pct(score)}` : ''}`;
}

function gateFor(model: Model, g: Model['gates'][number], metrics: MetricResult[]): GateResult {
  const m = metrics.find((x) => x.metric === g.metric);
  const spec = model.metrics.find((x) => x.name === g.metric);
  const value = m ? (g.of === 'achievement' ? m.achievement : m.actual) : null;
  // Achievement is already oriented (target/actual when lower is better), so only an actual is compared downwards.
  const lower = g.of === 'actual' && spec?.direction === 'lower_is_better';
  // A missing value fails the gate: passing cannot be shown.
  const passed = value !== null && (lower ? value <= g.level : value >= g.level);
  return { metric: g.metric, of: g.of, level: g.level, value, passed, effect: g.effect };
}

function payoutAt(model: Model, multiplier: number, base: number, zeroed: boolean, commission: number, deductions: number): { bonus: number; payout: number } {
  let bonus = zeroed ? 0 : clean15(base * capMultiplier(model.bonus, multiplier));
  if (model.bonus.maxPayout !== undefined) bonus = Math.min(bonus, model.bonus.maxPayout);
  bonus = fin(Math.max(0, bonus));
  return { bonus, payout: fin(Math.max(0, clean15(bonus + commission - deductions))) };
}

function nextTier(model: Model, rep: RepResult, specs: MetricSpec[], targets: ResolvedTarget[]): NextTier | undefined {
  const b = model.bonus;
  let tierScore: number | null = null;
  let tier: NextTier['tier'] = null;
  if (b.mode === 'step') {
    const up = [...b.tiers].sort((x, y) => x.from - y.from).find((t) => t.from > rep.totalScore);
    if (up) [tierScore, tier] = [up.from, up];
  } else {
    const up = [...b.points].sort((x, y) => x.score - y.score).find((p) => p.score > rep.totalScore);
    if (up) tierScore = up.score;
  }
  if (tierScore === null) return undefined;
  const mult = multiplierFor(b, tierScore).multiplier;
  const payout = payoutAt(model, mult, rep.proratedBase, rep.bonusZeroedBy !== undefined, rep.commission, rep.deductionAmount).payout;
  // Score needed before deductions, since points come off afterwards.
  const gain = tierScore + rep.deductionPoints / 100 - rep.scoreBeforeDeductions;
  const perMetric: WhatItTakes[] = [];
  rep.metrics.forEach((m, i) => {
    if (!(m.weight > 0)) return;
    const spec = specs[i]!;
    const zeroed = rep.gates.some((g) => g.metric === m.metric && g.effect === 'zero_metric' && !g.passed);
    const needed = zeroed ? null : actualForScore(spec, targets[i]!, m.actual, m.score + gain / m.weight);
    const actualNeeded = needed === null ? null : finOrNull(needed);
    const change = actualNeeded === null ? null : finOrNull(actualNeeded - (m.actual ?? 0));
    perMetric.push({ metric: m.metric, change, actualNeeded: change === null ? null : actualNeeded });
  });
  return { tier, score: fin(tierScore), payout: fin(payout), perMetric };
}

function hasDataFlags(engine: Engine, period: Period): boolean[] {
  const flags = new Array<boolean>(engine.nReps).fill(false);
  for (const [name, s] of engine.sources) {
    if (s.spec.rep === undefined) continue;
    const mask = periodMaskOf(engine, name, period)!;
    for (let i = 0; i < s.table.rowCount; i++) {
      const r = s.repIdx[i]!;
      if (r >= 0 && mask[i]) flags[r] = true;
    }
  }
  return flags;
}

export function scoreRun(input: ScoreInput): RunResult {
  const { model, period, reps } = input;
  const engine = createEngine(model, input.tables, reps);
  const minor = model.currency.minorUnit;
  const money = (x: number): string => fmt.fixed(x, minor);

  // Unknown and case-only rep ids in the period, per data source.
  for (const [name, s] of engine.sources)
    for (const i of attributionIssues(s.table, s.spec, s.repIdx, periodMaskOf(engine, name, period)!, engine.lookup, period.label)) addIssue(engine, i);

  let fileTargets = new Map<string, FileTarget>();
  if (input.targets && model.targetsFile) {
    const r = targetsFromFile(input.targets, model.targetsFile, engine.lookup, model.metrics, period);
    fileTargets = r.targets;
    for (const i of r.issues) addIssue(engine, i);
  }
  const deductions =
    input.deductions && model.deductions
      ? readDeductions(engine, input.deductions, model.deductions, period)
      : reps.map((): Deduction => ({ points: 0, amount: 0, reasons: [] }));

  const values = model.metrics.map((m) => metricValues(engine, period, m.name));
  const hasData = hasDataFlags(engine, period);
  const commissionValues = model.commission ? metricValues(engine, period, model.commission.metric) : undefined;
  const missingRoles = new Set<string>();

  const results: RepResult[] = reps.map((rep, r) => {
    const weights = model.weights.get(rep.role);
    if (!weights && !missingRoles.has(rep.role)) {
      missingRoles.add(rep.role);
      addIssue(engine, { file: model.schemeFile, reason: `role "${rep.role}" (rep ${rep.id}) has no weights: its reps score 0`, severity: 'warning', action: 'kept' });
    }
    const targets: ResolvedTarget[] = [];
    const metrics: MetricResult[] = model.metrics.map((m, k) => {
      const actual = finOrNull(values[k]!.values[r] ?? null);
      const t = resolveTarget(m, rep, fileTargets.get(targetKey(r, m.name)), model.targetsFile?.fileAsWritten);
      targets.push(t);
      // SPEC: a rep with no rows in any source scores 0, whatever a method would make of empty data
      // (a lower-is-better sum over no rows would otherwise earn the cap).
      const sc = hasData[r] ? scoreMetric(m, actual, t) : { ...scoreMetric(m, actual, t), score: 0, raw: 0, note: 'no data for this rep in the period: scored 0' };
      const weight = fin(weights?.get(m.name) ?? 0);
      const score = fin(sc.score);
      const prov = values[k]!.provenance[r]!;
      const steps = [...prov.steps];
      if (t.target !== null) {
        const bounds = [t.threshold !== null ? `threshold ${fmt.short(t.threshold, m.unit)}` : '', t.stretch !== null ? `stretch ${fmt.short(t.stretch, m.unit)}` : ''].filter(Boolean);
        steps.push(`target ${fmt.short(t.target, m.unit)} (${t.originText})${bounds.length ? `; ${bounds.join(', ')}` : ''}`);
      } else if (m.scoring.method !== 'bands') steps.push('target: none set');
      const ach = finOrNull(sc.achievement);
      if (ach !== null && actual !== null && t.target !== null) {
        steps.push(
          m.direction === 'lower_is_better'
            ? `achievement = target / actual (lower is better) = ${fmt.short(t.target, m.unit)} / ${fmt.short(actual, m.unit)} = ${fmt.pct(ach)}`
            : `achievement = ${fmt.short(actual, m.unit)} / ${fmt.short(t.target, m.unit)} = ${fmt.pct(ach)}`,
        );
      }
      steps.push(scoreLine(m, actual, t, sc.raw, score));
      const weighted = clean15(weight * score);
      if (weight > 0) steps.push(`weighted = ${fmt.pct(weight)} × ${fmt.pct(score)} = ${fmt.pct(weighted)}`);
      else steps.push(`not weighted for role ${rep.role}`);
      const res: MetricResult = {
        metric: m.name,
        label: m.label,
        weight,
        actual,
        target: finOrNull(t.target),
        targetOrigin: t.origin,
        threshold: finOrNull(t.threshold),
        stretch: finOrNull(t.stretch),
        achievement: ach,
        score,
        weightedScore: fin(weighted),
        provenance: { ...prov, steps },
      };
      // An unweighted metric without a target is only shown, not scored: no note about it.
      if (sc.note !== undefined && !(weight === 0 && t.target === null && m.scoring.method !== 'bands')) res.note = sc.note;
      return res;
    });

    const gates = model.gates.map((g) => gateFor(model, g, metrics));
    const repSteps: string[] = [];
    for (const g of gates) {
      const m = metrics.find((x) => x.metric === g.metric);
      const spec = model.metrics.find((x) => x.name === g.metric);
      const show = (v: number | null): string => (g.of === 'achievement' ? (v === null ? 'no data' : fmt.pct(v)) : fmt.short(v, spec?.unit));
      const cmp = spec?.direction === 'lower_is_better' ? (g.passed ? '≤' : '>') : g.passed ? '≥' : '<';
      const what = `${g.metric} ${g.of} ${show(g.value)} ${g.value === null ? 'cannot be checked against' : cmp} ${show(g.level)}`;
      if (g.passed) repSteps.push(`gate passed: ${what}`);
      else if (g.effect === 'zero_metric' && m) {
        m.weightedScore = 0;
        m.note = `gate failed (${what}): contribution zeroed`;
        m.provenance.steps.push(`gate failed: ${what} → weighted 0 %`);
        repSteps.push(`gate failed: ${what} → ${g.metric} contributes 0`);
      } else repSteps.push(`gate failed: ${what} → bonus zeroed`);
    }
    const bonusZeroedBy = gates.find((g) => !g.passed && g.effect === 'zero_bonus')?.metric;

    const weightedTerms = metrics.filter((m) => m.weight > 0);
    const before = fin(clean15(weightedTerms.reduce((s, m) => s + m.weightedScore, 0)));
    repSteps.push(`score before deductions = ${weightedTerms.length ? weightedTerms.map((m) => fmt.pct(m.weightedScore)).join(' + ') : 'nothing weighted'} = ${fmt.pct(before)}`);
    const d = deductions[r]!;
    const totalScore = fin(Math.max(0, clean15(before - d.points / 100)));
    if (d.points > 0) repSteps.push(`total score = ${fmt.pct(before)} − ${fmt.trimmed(d.points)} points = ${fmt.pct(totalScore)}${before - d.points / 100 < 0 ? ' (not below 0)' : ''}`);

    const { tier, multiplier: rawMult } = multiplierFor(model.bonus, totalScore);
    const capped = capMultiplier(model.bonus, rawMult);
    if (model.bonus.mode === 'step')
      repSteps.push(tier ? `tier ${tier.label}: ${fmt.pct(tier.from)} ≤ ${fmt.pct(totalScore)}${tier.to !== undefined ? ` < ${fmt.pct(tier.to)}` : ''} → multiplier ${fmt.trimmed(tier.multiplier, 4)}` : `no tier holds ${fmt.pct(totalScore)} → multiplier 0`);
    else repSteps.push(`multiplier (linear) at ${fmt.pct(totalScore)} = ${fmt.trimmed(rawMult, 4)}`);
    if (capped !== rawMult) repSteps.push(`multiplier capped at ${fmt.trimmed(capped, 4)}`);
    const multiplier = bonusZeroedBy !== undefined ? 0 : capped;

    const pro = prorationFor(rep, period, model.bonus.proration);
    const proratedBase = fin(clean15(rep.baseBonus * pro.fraction));
    if (pro.fraction !== 1) repSteps.push(`proration: started ${rep.startDate}: ${pro.employed} / ${pro.days} days → ${money(rep.baseBonus)} × ${fmt.pct(pro.fraction)} = ${money(proratedBase)}`);
    // bonus max_payout caps the bonus part only; commission has its own cap; amounts are deducted after both.
    const uncappedBonus = fin(clean15(proratedBase * multiplier));
    let bonus = uncappedBonus;
    if (model.bonus.maxPayout !== undefined && bonus > model.bonus.maxPayout) bonus = model.bonus.maxPayout;
    bonus = fin(Math.max(0, bonus));
    repSteps.push(`bonus = ${money(proratedBase)} × ${fmt.trimmed(multiplier, 4)} = ${money(uncappedBonus)}${bonus !== uncappedBonus ? `, capped at ${money(bonus)} (bonus max payout)` : ''}`);

    // Commission is earned on its own metric: a zero_bonus gate does not touch it.
    let commission = 0;
    let commissionSlices: RepResult['commissionSlices'] = [];
    if (model.commission) {
      const amount = finOrNull(commissionValues!.values[r] ?? null);
      const c = commissionFor(model.commission, amount);
      commission = fin(c.commission);
      commissionSlices = c.slices;
      const parts = c.slices.map((s) => `${money(s.amount)} × ${fmt.pct(s.rate, 4)}`).join(' + ') || '0';
      repSteps.push(`commission (${model.commission.mode}) on ${model.commission.metric} ${amount === null ? 'no data' : money(amount)} = ${parts} = ${money(commission)}${model.commission.maxPayout !== undefined && commission === model.commission.maxPayout ? ' (commission max payout)' : ''}`);
    }
    const deductionAmount = fin(d.amount);
    if (d.reasons.length) repSteps.push(`deductions: ${money(deductionAmount)}${d.points > 0 ? `, ${fmt.trimmed(d.points)} points` : ''} (${d.reasons.join('; ')})`);
    const payout = fin(Math.max(0, clean15(bonus + commission - deductionAmount)));
    repSteps.push(`payout = ${money(bonus)} + ${money(commission)} − ${money(deductionAmount)} = ${money(payout)}${bonus + commission - deductionAmount < 0 ? ' (not below 0)' : ''}`);
    // When the payout was floored at 0, the deduction shown is the part actually applied.
    const applied = Math.min(deductionAmount, bonus + commission);
    const rounded = roundComponents({ bonus, commission, deductions: applied }, payout, minor);
    repSteps.push(`rounded: ${money(rounded.bonus)} + ${money(rounded.commission)} − ${money(rounded.deductions)} = ${money(rounded.payout)}`);

    const result: RepResult = {
      rep,
      rank: 0,
      hasData: hasData[r]!,
      metrics,
      scoreBeforeDeductions: before,
      deductionPoints: fin(d.points),
      totalScore,
      gates,
      tier,
      multiplier: fin(multiplier),
      proration: fin(pro.fraction),
      proratedBase,
      bonus,
      commission,
      commissionSlices,
      deductionAmount,
      deductionReasons: d.reasons,
      payout,
      rounded,
      steps: repSteps,
    };
    if (bonusZeroedBy !== undefined) result.bonusZeroedBy = bonusZeroedBy;
    const next = nextTier(model, result, model.metrics, targets);
    if (next) result.next = next;
    return result;
  });

  rank(results, minor);
  return {
    schemeName: model.name,
    period,
    currency: { code: model.currency.code, minorUnit: minor, symbol: model.currency.symbol },
    reps: results,
    teams: teamSubtotals(results, minor),
    totalPayout: sumRounded(results.map((x) => x.rounded.payout), minor),
    issues: engine.issues,
  };
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Total score desc, then payout desc, then rep id; equal score and payout share a rank (1, 1, 3). */
function rank(results: RepResult[], minor: number): void {
  const pay = (x: RepResult): number => roundToUnits(x.payout, minor);
  results.sort((a, b) => b.totalScore - a.totalScore || pay(b) - pay(a) || byId(a.rep.id, b.rep.id));
  results.forEach((x, i) => {
    const prev = results[i - 1];
    x.rank = prev && prev.totalScore === x.totalScore && pay(prev) === pay(x) ? prev.rank : i + 1;
  });
}

function sumRounded(xs: number[], minor: number): number {
  const units = xs.reduce((s, x) => s + roundToUnits(x, minor), 0);
  return units === 0 ? 0 : units / 10 ** minor;
}

function teamSubtotals(results: RepResult[], minor: number): TeamSubtotal[] {
  const teams = new Map<string, RepResult[]>();
  for (const r of results) {
    const list = teams.get(r.rep.team) ?? [];
    list.push(r);
    teams.set(r.rep.team, list);
  }
  return [...teams.keys()].sort(byId).map((team) => {
    const list = teams.get(team)!;
    return {
      team,
      reps: list.length,
      averageScore: clean15(list.reduce((s, x) => s + x.totalScore, 0) / list.length),
      payout: sumRounded(list.map((x) => x.rounded.payout), minor),
    };
  });
}
