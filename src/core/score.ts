// scoreRun: tables + scheme + period → ranked per-rep results with every step spelled out.
import type { MetricSpec, Model, Rep } from './model.js';
import type { MetricResult, Period, RepResult, RunResult, TeamSubtotal } from './results.js';
import type { Table } from './table.js';
import { bonusMode, capMultiplier } from './rules/bonus/index.js';
import { commissionFor, commissionMode } from './rules/commission/index.js';
import { DEDUCTION_KINDS } from './rules/deductions.js';
import { PRORATIONS } from './rules/proration.js';
import { noDeduction, readDeductions } from './deductions.js';
import * as fmt from './format.js';
import { GATE_EFFECTS, gateFor } from './rules/gates.js';
import { addIssue, createEngine, engineForRun, metricValues, periodMaskOf, type Engine } from './metrics.js';
import { clean15, roundComponents, roundToUnits } from './money.js';
import { gateUnlocks, nextTier } from './next.js';
import { fin, payoutOf } from './payout.js';
import { attributionIssues } from './attribution.js';
import { needsTarget, scoreLine, scoreMetric } from './rules/scoring/index.js';
import { resolveTarget, targetKey, targetRowsOfYear, targetsFromFile, type DecomposeContext, type FileTarget, type ResolvedTarget } from './targets.js';
import { splitIssues } from './split-credit.js';
import { monthPeriod, monthsOf, type LastYear } from './decompose.js';
import { grainOf } from './split.js';

const finOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x || 0);

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
  /**
   * Work shared by several periods of the same tables (backtest, SMART history): rep of every row, derived
   * columns, filter and period masks, metric values per period. Built with createEngine(model, tables, reps).
   */
  shared?: Engine;
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
  // A team lead has data when anyone of the team has.
  const own = [...flags];
  for (const g of engine.rollups.groups) flags[g.rep] = g.members.some((m) => own[m]);
  return flags;
}

/** Whether any rep of scoreRun's result for `period` has data (`reps.some(r => r.hasData)`), without scoring it. */
export function periodHasData(shared: Engine, period: Period): boolean {
  return hasDataFlags(shared, period).some(Boolean);
}

export function scoreRun(input: ScoreInput): RunResult {
  const { model, period, reps } = input;
  const engine = input.shared ? engineForRun(input.shared) : createEngine(model, input.tables, reps);
  const minor = model.currency.minorUnit;
  const money = (x: number): string => fmt.fixed(x, minor);

  // Unknown and case-only rep ids in the period, per data source.
  for (const [name, s] of engine.sources) {
    const inPeriod = periodMaskOf(engine, name, period)!;
    for (const i of attributionIssues(s.table, s.spec, s.repIdx, inPeriod, engine.lookup, period.label)) addIssue(engine, i);
    if (s.credit) for (const i of splitIssues(s.table, s.spec, s.credit, inPeriod)) addIssue(engine, i);
  }
  for (const i of engine.rollups.issues) addIssue(engine, i);

  let fileTargets = new Map<string, FileTarget>();
  if (input.targets && model.targetsFile) {
    const r = targetsFromFile(input.targets, model.targetsFile, engine.lookup, model.metrics, period);
    fileTargets = r.targets;
    for (const i of r.issues) addIssue(engine, i);
  }
  const deductions =
    input.deductions && model.deductions
      ? readDeductions(engine, input.deductions, model.deductions, period)
      : reps.map(noDeduction);

  const values = model.metrics.map((m) => metricValues(engine, period, m.name));
  const decompose = decomposition(engine, input, period);
  const hasData = hasDataFlags(engine, period);
  const commissionValues = model.commission ? metricValues(engine, period, model.commission.metric) : undefined;
  const missingRoles = new Set<string>();
  /** Per metric: reps whose targets-file rows cover only some months of the period (so the scheme's target applies). */
  const partlyCovered = new Map<string, string[]>();

  const results: RepResult[] = reps.map((rep, r) => {
    const weights = model.weights.get(rep.role);
    if (!weights && !missingRoles.has(rep.role)) {
      missingRoles.add(rep.role);
      addIssue(engine, { file: model.schemeFile, reason: `role "${rep.role}" (rep ${rep.id}) has no weights: its reps score 0`, severity: 'warning', action: 'kept' });
    }
    const targets: ResolvedTarget[] = [];
    const metrics: MetricResult[] = model.metrics.map((m, k) => {
      const actual = finOrNull(values[k]!.values[r] ?? null);
      const t = resolveTarget(m, rep, fileTargets.get(targetKey(r, m.name)), model.targetsFile?.fileAsWritten, decompose(r, m));
      if (t.warning !== undefined) addIssue(engine, { file: model.schemeFile, reason: t.warning, severity: 'warning', action: 'kept' });
      if (t.partialFile) partlyCovered.set(m.name, [...(partlyCovered.get(m.name) ?? []), `${rep.id}: ${t.partialFile.join(', ')}`]);
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
      } else if (needsTarget(m.scoring)) steps.push('target: none set');
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
        ...(t.target === null ? {} : { targetFrom: t.originText }),
        threshold: finOrNull(t.threshold),
        stretch: finOrNull(t.stretch),
        achievement: ach,
        score,
        weightedScore: fin(weighted),
        provenance: { ...prov, steps },
      };
      // An unweighted metric without a target is only shown, not scored: no note about it.
      if (sc.note !== undefined && !(weight === 0 && t.target === null && needsTarget(m.scoring))) res.note = sc.note;
      return res;
    });

    const gates = model.gates.map((g) => gateFor(model, g, metrics));
    const repSteps: string[] = [];
    for (const g of gates) repSteps.push(g.passed ? `gate passed: ${g.text}` : GATE_EFFECTS[g.effect].apply(g, metrics));
    const bonusZeroedBy = gates.find((g) => !g.passed && g.effect === 'zero_bonus')?.metric;

    const weightedTerms = metrics.filter((m) => m.weight > 0);
    const before = fin(clean15(weightedTerms.reduce((s, m) => s + m.weightedScore, 0)));
    repSteps.push(`score before deductions = ${weightedTerms.length ? weightedTerms.map((m) => fmt.pct(m.weightedScore)).join(' + ') : 'nothing weighted'} = ${fmt.pct(before)}`);
    const d = deductions[r]!;
    const points = DEDUCTION_KINDS.points;
    const totalScore = fin(points.apply(before, d.points));
    if (d.points > 0) repSteps.push(points.explain(before, d.points, totalScore, money));

    const mode = bonusMode(model.bonus);
    const tiered = mode.value(model.bonus, totalScore);
    const { tier, multiplier: rawMult } = tiered;
    const capped = capMultiplier(model.bonus, rawMult);
    repSteps.push(mode.explain(model.bonus, totalScore, tiered));
    if (capped !== rawMult) repSteps.push(`multiplier capped at ${fmt.trimmed(capped, 4)}`);

    const proration = PRORATIONS[model.bonus.proration];
    const pro = proration.value(rep, period);
    const proratedBase = fin(clean15(rep.baseBonus * pro.fraction));
    const proStep = proration.explain(rep, pro, rep.baseBonus, proratedBase, money);
    if (proStep) repSteps.push(proStep);

    // Commission is earned on its own metric: a zero_bonus gate does not touch it.
    let commission = 0;
    let commissionBeforeCap = 0;
    let commissionSlices: RepResult['commissionSlices'] = [];
    let commissionStep: string | undefined;
    if (model.commission) {
      const amount = finOrNull(commissionValues!.values[r] ?? null);
      const c = commissionFor(model.commission, amount);
      commission = fin(c.commission);
      commissionBeforeCap = fin(c.beforeCap);
      commissionSlices = c.slices;
      const parts = commissionMode(model.commission).explain(c.slices, money);
      const cap = commission < commissionBeforeCap ? `, capped at ${money(commission)} (commission max payout)` : '';
      commissionStep = `commission (${model.commission.mode}) on ${model.commission.metric} ${amount === null ? 'no data' : money(amount)} = ${parts} = ${money(commissionBeforeCap)}${cap}`;
    }
    const deductionAmount = fin(d.amount);
    const pay = payoutOf(model.bonus, { proratedBase, multiplier: rawMult, zeroed: bonusZeroedBy !== undefined, commission, deductionAmount });
    const { multiplier, bonus, payout } = pay;
    repSteps.push(`bonus = ${money(proratedBase)} × ${fmt.trimmed(multiplier, 4)} = ${money(pay.uncappedBonus)}${bonus !== pay.uncappedBonus ? `, capped at ${money(bonus)} (bonus max payout)` : ''}`);
    if (commissionStep) repSteps.push(commissionStep);
    if (d.reasons.length) repSteps.push(`deductions: ${money(deductionAmount)}${d.points > 0 ? `, ${fmt.trimmed(d.points)} points` : ''} (${d.reasons.join('; ')})`);
    repSteps.push(`payout = ${money(bonus)} + ${money(commission)} − ${money(deductionAmount)} = ${money(payout)}${pay.unfloored < 0 ? ' (not below 0)' : ''}`);
    // When the payout was floored at 0, the deduction shown is the part actually applied.
    if (pay.deducted < deductionAmount) repSteps.push(DEDUCTION_KINDS.amount.explain(bonus + commission, deductionAmount, pay.deducted, money));
    const rounded = roundComponents({ bonus, commission, deductions: pay.deducted }, payout, minor);
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
      commissionBeforeCap,
      commissionSlices,
      deductionAmount,
      deductionReasons: d.reasons,
      payout,
      rounded,
      steps: repSteps,
    };
    if (bonusZeroedBy !== undefined) result.bonusZeroedBy = bonusZeroedBy;
    const team = engine.rollups.byRep.get(r);
    if (team) result.rollup = { basis: team.basis, members: team.members.map((m) => reps[m]!.id) };
    const next = nextTier(model, result, model.metrics, targets);
    if (next) result.next = next;
    const unlock = gateUnlocks(model, result);
    if (unlock) result.unlock = unlock;
    return result;
  });

  for (const [metric, list] of partlyCovered) {
    const shown = list.length <= 5 ? list.join('; ') : `${list.slice(0, 5).join('; ')}; and ${list.length - 5} more`;
    addIssue(engine, {
      file: model.targetsFile?.fileAsWritten ?? model.schemeFile,
      reason: `metric ${metric}: the targets file covers only some months of ${period.label} for ${list.length === 1 ? '1 rep' : `${list.length} reps`} (${shown}): the scheme's target applies to them`,
      severity: 'warning',
      action: 'kept',
    });
  }
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

/**
 * What target decomposition needs for (rep, metric): the targets file's month, quarter and year rows of the
 * period's year, and last year's monthly totals of the metric over the reps (a team lead's rollup would count
 * its team twice), computed once per metric and only when a split by seasonality asks for them.
 */
function decomposition(engine: Engine, input: ScoreInput, period: Period): (r: number, m: MetricSpec) => DecomposeContext {
  const { model } = input;
  const { year } = monthsOf(period);
  const spans = input.targets && model.targetsFile ? targetRowsOfYear(input.targets, model.targetsFile, engine.lookup, model.metrics, year) : undefined;
  const lastYears = new Map<string, LastYear>();
  const lastYearOf = (metric: string) => (): LastYear => {
    let ly = lastYears.get(metric);
    if (!ly) {
      ly = Array.from({ length: 12 }, (_, k) => {
        const v = metricValues(engine, monthPeriod(year - 1, k + 1), metric).values;
        let total: number | null = null;
        v.forEach((x, r) => {
          if (x !== null && !engine.rollups.byRep.has(r)) total = (total ?? 0) + x;
        });
        return total;
      });
      lastYears.set(metric, ly);
    }
    return ly;
  };
  return (r, m) => {
    const s = spans?.get(targetKey(r, m.name));
    return { period, ...(s ? { spans: s } : {}), lastYear: lastYearOf(m.name), places: grainOf(m.unit, model.currency.minorUnit), show: (x) => fmt.short(x, m.unit) };
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
