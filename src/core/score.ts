// scoreRun: tables + scheme + period → ranked per-rep results with every step spelled out.
import type { MetricSpec, Model, Rep } from './model.js';
import type { Period, RepResult, RunResult, TeamSubtotal } from './results.js';
import { codedIssue, type DataIssue, type Table } from './table.js';
import type { Component, CommissionSpec } from './model.js';
import { planFor } from './plans.js';
import type { RedLineHit } from './rules/red-lines/index.js';
import type { Payment } from './rules/components/index.js';
import { collectionPayments, readClawbacks, readPaidToDate, readRedLineHits, type Clawbacks } from './pay-rows.js';
import { noDeduction, readDeductions } from './deductions.js';
import * as fmt from './format.js';
import { addIssue, codeCountsOf, createEngine, engineForRun, metricValues, periodMaskOf, periodRowsOf, type Engine } from './metrics.js';
import { clean15, roundToUnits } from './money.js';
import { gateUnlocks, nextTier } from './next.js';
import { fin } from './payout.js';
import { attributionIssues } from './attribution.js';
import type { PeriodRowsCache } from './period-rows.js';
import { targetKey, targetRowsOfYear, targetsFromFile, type DecomposeContext, type FileTarget } from './targets.js';
import { splitIssues } from './split-credit.js';
import { monthPeriod, monthsOf, type LastYear } from './decompose.js';
import { grainOf } from './split.js';
import { said, type Text } from './says.js';
import { problem } from '../messages/index.js';
import type { RunScope } from './rep-scope.js';
import { repMetrics, type MetricInputs } from './rep-metrics.js';
import { repScore } from './rep-score.js';
import { repBonus } from './rep-bonus.js';
import { repCommission } from './rep-commission.js';
import { repLines } from './rep-lines.js';
import { repPayout } from './rep-payout.js';

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
  /** The model's paid-to-date file, read (YTD true-up). */
  paidToDate?: Table;
  /**
   * Work shared by several periods of the same tables (backtest, SMART history): rep of every row, derived
   * columns, filter and period masks, metric values per period. Built with createEngine(model, tables, reps).
   */
  shared?: Engine;
  /** The sources' rows per period, kept by the caller for its own counts (core/period-rows.ts PeriodRowsCache). */
  periodRows?: PeriodRowsCache;
  /**
   * false: each metric's result leaves out the steps of its scoring (target, achievement, score, weight), for a
   * caller that reads only the figures (the SMART history checks of `kpi validate`); every figure is the same.
   */
  explain?: boolean;
}

/** Per rep: any row in the period (a team lead: anyone of the team). Also for scoreFigures (score-figures.ts). */
export function hasDataFlags(engine: Engine, period: Period): boolean[] {
  const flags = new Array<boolean>(engine.nReps).fill(false);
  for (const [name, s] of engine.sources) {
    if (s.spec.rep === undefined) continue;
    if (s.repCodes) {
      // A rep has data when a code of theirs has rows in the period.
      const { counts } = codeCountsOf(engine, name, period, s.spec.rep)!;
      const { perCode } = s.repCodes;
      for (let c = 0; c < perCode.length; c++) if (counts[c]! > 0 && perCode[c]! >= 0) flags[perCode[c]!] = true;
      continue;
    }
    const { rows, count } = periodRowsOf(engine, name, period)!;
    for (let k = 0; k < count; k++) {
      const r = s.repIdx[rows === null ? k : rows[k]!]!;
      if (r >= 0) flags[r] = true;
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

/** The engine of one period's run (its own, or one shared across periods) and the scope every rep's steps read. */
export function runScope(input: ScoreInput): RunScope {
  const { model, period } = input;
  const engine = input.shared ? engineForRun(input.shared, period) : createEngine(model, input.tables, input.reps, input.periodRows);
  const minor = model.currency.minorUnit;
  return { model, period, engine, minor, money: (x) => fmt.fixed(x, minor) };
}

/** The targets file's targets of the period, with the issues of its rows (none without a targets file). */
export function fileTargets(input: ScoreInput, engine: Engine): { targets: Map<string, FileTarget>; issues: DataIssue[] } {
  const { model } = input;
  if (!input.targets || !model.targetsFile) return { targets: new Map(), issues: [] };
  return targetsFromFile(input.targets, model.targetsFile, engine.lookup, model.metrics, input.period);
}

/**
 * What each rep's metrics are scored from in the period: every metric's values, the file's targets, the target
 * decomposition and who has data. scoreRun's and scoreFigures' (the SMART history) alike, so their figures agree.
 */
export function metricInputs(run: RunScope, input: ScoreInput, targets: Map<string, FileTarget>, explain: boolean): MetricInputs {
  const { model, period, engine } = run;
  return {
    values: model.metrics.map((m) => metricValues(engine, period, m.name)),
    fileTargets: targets,
    decompose: decomposition(engine, input, period),
    hasData: hasDataFlags(engine, period),
    partlyCovered: new Map(),
    explain,
  };
}

export function scoreRun(input: ScoreInput): RunResult {
  const { model, period, reps } = input;
  const run = runScope(input);
  const { engine, minor } = run;

  // Unknown and case-only rep ids in the period, per data source.
  for (const [name, s] of engine.sources) {
    const inPeriod = periodRowsOf(engine, name, period)!;
    const counts = s.repCodes && s.spec.rep !== undefined ? codeCountsOf(engine, name, period, s.spec.rep) : undefined;
    for (const i of attributionIssues(s.table, s.spec, s.repCodes ?? s.repIdx, inPeriod, engine.lookup, period.label, counts)) addIssue(engine, i);
    if (s.credit) for (const i of splitIssues(s.table, s.spec, s.credit, periodMaskOf(engine, name, period)!)) addIssue(engine, i);
  }
  for (const i of engine.rollups.issues) addIssue(engine, i);

  const fromFile = fileTargets(input, engine);
  for (const i of fromFile.issues) addIssue(engine, i);
  const deductions = input.deductions && model.deductions ? readDeductions(engine, input.deductions, model.deductions, period) : reps.map(noDeduction);

  const metricsFrom = metricInputs(run, input, fromFile.targets, input.explain !== false);
  // Per metric: reps whose targets-file rows cover only some months of the period (so the scheme's target applies).
  const { hasData, partlyCovered } = metricsFrom;
  const missingRoles = new Set<string>();

  // Each rep's plan (the defaults, or the role's own), and the rows its rules read.
  const plans = reps.map((rep) => planFor(model, rep.role));
  const hits: RedLineHit[][] =
    input.deductions && model.deductions ? readRedLineHits(engine, input.deductions, model.deductions, period, (r) => plans[r]!.redLines) : reps.map(() => []);
  const payments = new Map<Component, Payment[][]>();
  const clawbacks = new Map<CommissionSpec, Clawbacks>();
  for (const plan of new Set(plans)) {
    for (const c of plan.components) if (c.kind === 'collection' && !payments.has(c)) payments.set(c, collectionPayments(engine, c, period));
    const cs = plan.commission;
    if (cs?.clawback && !clawbacks.has(cs))
      clawbacks.set(
        cs,
        readClawbacks(engine, cs.metric, cs.clawback, period, (r) => plans[r]!.commission),
      );
  }
  const paid = input.paidToDate && model.paidToDate ? readPaidToDate(engine, input.paidToDate, model.paidToDate, period) : undefined;

  const deductionsFile = input.deductions ? { file: input.deductions.file, source: input.deductions.source } : undefined;
  // Each rep in steps, each in its own file: metrics, total score, bonus, commission, pay lines, payout.
  const results: RepResult[] = reps.map((rep, r) => {
    const plan = plans[r]!;
    const weights = model.weights.get(rep.role);
    if (!weights && !missingRoles.has(rep.role)) {
      missingRoles.add(rep.role);
      addIssue(
        engine,
        codedIssue(problem('KPI1201', { id: rep.id, name: rep.name, role: rep.role }), { file: model.schemeFile, severity: 'warning', action: 'kept' }),
      );
    }
    const { metrics, targets } = repMetrics(run, rep, r, weights, metricsFrom);
    const d = deductions[r]!;
    const score = repScore(run, rep, plan, metrics, d, hits[r]!, deductionsFile);
    const { bonusZeroedBy } = score;
    const bonusTerms = repBonus(run, rep, plan, metrics, score.totalScore);
    const rawMult = bonusTerms.multiplier.multiplier;
    const cs = plan.commission;
    // Commission is earned on its own metric: a zero_bonus gate does not touch it.
    const claws = cs ? clawbacks.get(cs) : undefined;
    const c = repCommission(run, r, cs, claws);
    const earned = { proratedBase: bonusTerms.proratedBase, multiplier: rawMult, zeroed: bonusZeroedBy !== undefined };
    const pl = repLines(run, r, plan, metrics, { payments, clawbacks: claws, hits: hits[r]!, paid }, earned);
    const p = repPayout(run, plan, d, earned, c, pl);
    // The rep's steps, made the first time they are read (`kpi explain`): a JSON, table or workbook run never reads them.
    let repSteps: Text[] | undefined;
    const stepsOf = (): Text[] => {
      const steps: Text[] = [];
      if (plan.role !== null)
        steps.push(
          said('plan.own', {
            role: plan.role,
            at: `plans.${plan.role}`,
            keys: [...Object.keys(model.plans!.get(plan.role)!)].map((k) => (k === 'redLines' ? 'deduction_rules' : k)),
          }),
        );
      // The payout's steps list every payment of a 回款 component: appended one by one, not spread as arguments.
      for (const part of [score.steps(), bonusTerms.steps(), p.steps()]) for (const x of part) steps.push(x);
      return steps;
    };
    const { lines, paidToDate } = pl;
    const zeroedByRedLine = pl.redLines.zeroBonus;
    const { basis } = bonusTerms;
    const bm = bonusTerms.multiplier;

    const result: RepResult = {
      rep,
      rank: 0,
      hasData: hasData[r]!,
      metrics,
      scoreBeforeDeductions: score.before,
      deductionPoints: fin(score.points),
      totalScore: score.totalScore,
      gates: score.gates,
      tier: bm.tier,
      multiplier: fin(p.pay.multiplier),
      proration: fin(bonusTerms.proration.fraction),
      proratedBase: bonusTerms.proratedBase,
      bonus: p.pay.bonus,
      commission: p.totalCommission,
      commissionBeforeCap: c.beforeCap,
      commissionSlices: c.slices,
      deductionAmount: p.deductionAmount,
      deductionReasons: [
        ...d.reasons,
        ...lines
          .filter((l) => l.kind === 'red_line' || l.kind === 'clawback')
          .map((l) => (l.kind === 'red_line' ? said('redLine.reason', { rule: l.name, reason: l.reason ?? '' }) : l.text)),
      ],
      payout: p.pay.payout,
      rounded: p.rounded,
      get steps() {
        repSteps ??= stepsOf();
        return repSteps;
      },
    };
    if (bonusZeroedBy !== undefined) result.bonusZeroedBy = bonusZeroedBy;
    const team = engine.rollups.byRep.get(r);
    if (team) result.rollup = { basis: team.basis, members: team.members.map((m) => reps[m]!.id) };
    if (zeroedByRedLine !== null) result.bonusZeroedByRedLine = said('v.colon', { a: zeroedByRedLine.rule.name, b: zeroedByRedLine.reason });
    if (plan.role !== null) result.plan = plan.role;
    if (plan.bonus.basis !== undefined || plan.bonus.timesScore)
      result.basis = { what: basis.what, value: basis.key, coefficient: bm.coefficient, timesScore: plan.bonus.timesScore === true };
    if (lines.length) result.lines = lines;
    if (c.addedBack > 0) result.commissionAddedBack = c.addedBack;
    if (paidToDate !== null) result.trueUp = { earned: p.earned, paidToDate, carried: p.carried };
    const next = nextTier(model, result, model.metrics, targets, plan.bonus);
    if (next) result.next = next;
    const unlock = gateUnlocks(model, result, plan.bonus);
    if (unlock) result.unlock = unlock;
    return result;
  });

  for (const [metric, list] of partlyCovered) {
    const shown = list.length <= 5 ? list.join('; ') : `${list.slice(0, 5).join('; ')}; and ${list.length - 5} more`;
    addIssue(
      engine,
      codedIssue(problem('KPI2711', { metric, period: period.label, n: list.length, reps: shown }), {
        file: model.targetsFile?.fileAsWritten ?? model.schemeFile,
        severity: 'warning',
        action: 'kept',
      }),
    );
  }
  rank(results, minor);
  return {
    schemeName: model.name,
    period,
    currency: { code: model.currency.code, minorUnit: minor, symbol: model.currency.symbol },
    reps: results,
    teams: teamSubtotals(results, minor),
    totalPayout: sumRounded(
      results.map((x) => x.rounded.payout),
      minor,
    ),
    issues: engine.issues,
  };
}

/**
 * What target decomposition needs for (rep, metric): the targets file's month, quarter and year rows of the
 * period's year, and last year's monthly totals of the metric over the reps (a team lead's rollup would count
 * its team twice), computed once per metric and only when a split by seasonality asks for them.
 */
export function decomposition(engine: Engine, input: ScoreInput, period: Period): (r: number, m: MetricSpec) => DecomposeContext {
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
    return {
      period,
      ...(s ? { spans: s } : {}),
      lastYear: lastYearOf(m.name),
      places: grainOf(m.unit, model.currency.minorUnit),
      show: (x) => fmt.short(x, m.unit),
    };
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
      payout: sumRounded(
        list.map((x) => x.rounded.payout),
        minor,
      ),
    };
  });
}
