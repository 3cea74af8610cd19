// scoreRun: tables + scheme + period → ranked per-rep results with every step spelled out.
import type { MetricSpec, Model, Rep } from './model.js';
import type { MetricResult, Period, RepResult, RunResult, TeamSubtotal } from './results.js';
import { codedIssue, type Table } from './table.js';
import { capMultiplier } from './rules/bonus/index.js';
import { commissionFor, commissionMode } from './rules/commission/index.js';
import { DEDUCTION_KINDS } from './rules/deductions.js';
import { PRORATIONS } from './rules/proration.js';
import type { Component, CommissionSpec } from './model.js';
import type { PayLine } from './results.js';
import { planFor } from './plans.js';
import { basisMultiplier, basisOf } from './rules/bonus-basis.js';
import { applyRedLines, redLinePoints, type RedLineHit } from './rules/red-lines/index.js';
import { componentRule, type Payment } from './rules/components/index.js';
import { clawbackOf, clawbackText } from './rules/clawback.js';
import { trueUp } from './rules/true-up.js';
import { collectionPayments, readClawbacks, readPaidToDate, readRedLineHits, type Clawbacks } from './pay-rows.js';
import { appliedInOrder, lineLabel } from './pay-lines.js';
import { noDeduction, readDeductions } from './deductions.js';
import * as fmt from './format.js';
import { GATE_EFFECTS, gateFor } from './rules/gates.js';
import { addIssue, createEngine, engineForRun, metricValues, periodMaskOf, type Engine } from './metrics.js';
import { clean15, roundComponents, roundParts, roundToUnits } from './money.js';
import { gateUnlocks, nextTier } from './next.js';
import { fin, payoutOf } from './payout.js';
import { attributionIssues } from './attribution.js';
import { needsTarget, scoreLine, scoreMetric } from './rules/scoring/index.js';
import { resolveTarget, targetKey, targetRowsOfYear, targetsFromFile, type DecomposeContext, type FileTarget, type ResolvedTarget } from './targets.js';
import { splitIssues } from './split-credit.js';
import { monthPeriod, monthsOf, type LastYear } from './decompose.js';
import { grainOf } from './split.js';
import { NO_DATA, said, type Text } from './says.js';
import { problem } from '../messages/index.js';

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
  /** The model's paid-to-date file, read (YTD true-up). */
  paidToDate?: Table;
  /**
   * Work shared by several periods of the same tables (backtest, SMART history): rep of every row, derived
   * columns, filter and period masks, metric values per period. Built with createEngine(model, tables, reps).
   */
  shared?: Engine;
  /**
   * false: each metric's result leaves out the steps of its scoring (target, achievement, score, weight), for a
   * caller that reads only the figures (the SMART history checks of `kpi validate`); every figure is the same.
   */
  explain?: boolean;
}

/** How a metric's score was reached, after the steps of its actual: target, achievement, score, weighted score. */
function scoringSteps(
  m: MetricSpec,
  role: string,
  t: ResolvedTarget,
  actual: number | null,
  ach: number | null,
  raw: number,
  score: number,
  weight: number,
  weighted: number,
): Text[] {
  const steps: Text[] = [];
  if (t.target !== null) {
    const bounds = [
      t.threshold !== null ? said('step.threshold', { value: fmt.short(t.threshold, m.unit) }) : undefined,
      t.stretch !== null ? said('step.stretch', { value: fmt.short(t.stretch, m.unit) }) : undefined,
    ].filter((b) => b !== undefined);
    const target = fmt.short(t.target, m.unit);
    steps.push(bounds.length ? said('step.targetBounds', { target, from: t.originText, bounds }) : said('step.target', { target, from: t.originText }));
  } else if (needsTarget(m.scoring)) steps.push(said('step.noTarget'));
  if (ach !== null && actual !== null && t.target !== null) {
    const figures = { actual: fmt.short(actual, m.unit), target: fmt.short(t.target, m.unit), achievement: fmt.pct(ach) };
    steps.push(said(m.direction === 'lower_is_better' ? 'step.achievementLower' : 'step.achievement', figures));
  }
  steps.push(scoreLine(m, actual, t, raw, score));
  if (weight > 0) steps.push(said('step.weighted', { weight: fmt.pct(weight), score: fmt.pct(score), weighted: fmt.pct(weighted) }));
  else steps.push(said('step.notWeighted', { role }));
  return steps;
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
  const deductions = input.deductions && model.deductions ? readDeductions(engine, input.deductions, model.deductions, period) : reps.map(noDeduction);

  const values = model.metrics.map((m) => metricValues(engine, period, m.name));
  const decompose = decomposition(engine, input, period);
  const hasData = hasDataFlags(engine, period);
  const missingRoles = new Set<string>();
  /** Per metric: reps whose targets-file rows cover only some months of the period (so the scheme's target applies). */
  const partlyCovered = new Map<string, string[]>();

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
    const targets: ResolvedTarget[] = [];
    const metrics: MetricResult[] = model.metrics.map((m, k) => {
      const actual = finOrNull(values[k]!.values[r] ?? null);
      const t = resolveTarget(m, rep, fileTargets.get(targetKey(r, m.name)), model.targetsFile?.fileAsWritten, decompose(r, m));
      if (t.warning !== undefined) addIssue(engine, codedIssue(t.warning, { file: model.schemeFile, severity: 'warning', action: 'kept' }));
      if (t.partialFile) partlyCovered.set(m.name, [...(partlyCovered.get(m.name) ?? []), `${rep.id}: ${t.partialFile.join(', ')}`]);
      targets.push(t);
      // SPEC: a rep with no rows in any source scores 0, whatever a method would make of empty data
      // (a lower-is-better sum over no rows would otherwise earn the cap).
      const sc = hasData[r] ? scoreMetric(m, actual, t) : { ...scoreMetric(m, actual, t), score: 0, raw: 0, note: said('snote.noDataRep') };
      const weight = fin(weights?.get(m.name) ?? 0);
      const score = fin(sc.score);
      const prov = values[k]!.provenance[r]!;
      const ach = finOrNull(sc.achievement);
      const weighted = clean15(weight * score);
      const steps = input.explain === false ? prov.steps : [...prov.steps, ...scoringSteps(m, rep.role, t, actual, ach, sc.raw, score, weight, weighted)];
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

    const gates = plan.gates.map((g) => gateFor(model, g, metrics));
    const repSteps: Text[] = [];
    if (plan.role !== null)
      repSteps.push(
        said('plan.own', {
          role: plan.role,
          at: `plans.${plan.role}`,
          keys: [...Object.keys(model.plans!.get(plan.role)!)].map((k) => (k === 'redLines' ? 'deduction_rules' : k)),
        }),
      );
    for (const g of gates) repSteps.push(g.passed ? said('gate.passed', { test: g.text }) : GATE_EFFECTS[g.effect].apply(g, metrics));
    const bonusZeroedBy = gates.find((g) => !g.passed && g.effect === 'zero_bonus')?.metric;

    const weightedTerms = metrics.filter((m) => m.weight > 0);
    const before = fin(clean15(weightedTerms.reduce((s, m) => s + m.weightedScore, 0)));
    repSteps.push(
      said('bonus.scoreBefore', {
        terms: weightedTerms.length ? weightedTerms.map((m) => fmt.pct(m.weightedScore)).join(' + ') : said('bonus.nothingWeighted'),
        score: fmt.pct(before),
      }),
    );
    const d = deductions[r]!;
    const repHits = hits[r]!;
    // 红线 points come off the total score with the file's points, before the tier is chosen.
    const pointsRule = DEDUCTION_KINDS.points;
    const points = clean15(d.points + redLinePoints(repHits));
    const totalScore = fin(pointsRule.apply(before, points));
    if (points > 0) repSteps.push(pointsRule.explain(before, points, totalScore, money));
    // Under a bonus keyed on a metric's achievement (basis) and not times the score, the total score pays nothing:
    // points off it would be a penalty that costs nothing. Said, at the first row that took them.
    if (points > 0 && plan.bonus.basis !== undefined && !plan.bonus.timesScore) {
      const at = input.deductions ? { file: input.deductions.file, source: input.deductions.source } : { file: model.schemeFile };
      const row = repHits.find((h) => h.rule.kind === 'points')?.row;
      addIssue(
        engine,
        codedIssue(problem('KPI2767', { id: rep.id, points: fmt.trimmed(points), metric: plan.bonus.basis }), {
          ...at,
          ...(row !== undefined ? { row } : {}),
          severity: 'warning',
          action: 'kept',
        }),
      );
    }

    const basis = basisOf(plan.bonus, totalScore, metrics);
    const bm = basisMultiplier(plan.bonus, basis, totalScore);
    const { tier, multiplier: rawMult } = bm;
    const capped = capMultiplier(plan.bonus, rawMult);
    repSteps.push(...bm.steps); // bounded spread: one or two steps
    if (capped !== rawMult) repSteps.push(said('bonus.multiplierCapped', { multiplier: fmt.trimmed(capped, 4) }));

    const proration = PRORATIONS[plan.bonus.proration];
    const pro = proration.value(rep, period);
    const proratedBase = fin(clean15(rep.baseBonus * pro.fraction));
    const proStep = proration.explain(rep, pro, rep.baseBonus, proratedBase, money);
    if (proStep) repSteps.push(proStep);

    // Commission is earned on its own metric: a zero_bonus gate does not touch it.
    let commission = 0;
    let commissionBeforeCap = 0;
    let commissionSlices: RepResult['commissionSlices'] = [];
    let commissionStep: Text | undefined;
    let addedBack = 0;
    const cs = plan.commission;
    const claws = cs ? clawbacks.get(cs) : undefined;
    if (cs) {
      const metricValue = finOrNull(metricValues(engine, period, cs.metric).values[r] ?? null);
      // Refunds of earlier orders netted in this period's base are added back: they are clawed back below instead.
      const netted = claws?.netted[r] ?? 0;
      addedBack = netted;
      const amount = metricValue === null ? null : clean15(metricValue + netted);
      const c = commissionFor(cs, amount);
      commission = fin(c.commission);
      commissionBeforeCap = fin(c.beforeCap);
      commissionSlices = c.slices;
      const parts = commissionMode(cs).explain(c.slices, money);
      const base: Text =
        netted > 0
          ? said('bonus.commissionNetted', { base: money(metricValue!), netted: money(netted), amount: money(amount!) })
          : amount === null
            ? NO_DATA
            : money(amount);
      const shown = { mode: said(`mode.${cs.mode}`), metric: cs.metric, amount: base, parts, commission: money(commissionBeforeCap) };
      commissionStep =
        commission < commissionBeforeCap ? said('bonus.commissionCapped', { ...shown, capped: money(commission) }) : said('bonus.commission', shown);
    }

    // Pay lines: components (added), then clawbacks, 红线 and paid to date (taken off).
    const lines: PayLine[] = [];
    const componentInput = {
      metric: (name: string) => metrics.find((m) => m.metric === name),
      lowerIsBetter: (name: string) => model.metrics.find((m) => m.name === name)?.direction === 'lower_is_better',
    };
    for (const c of plan.components) {
      const rule = componentRule(c);
      // A rep scored on a rollup is paid 回款 on the team's payments, as its metrics are the team's.
      const group = engine.rollups.byRep.get(r);
      const paidIn = (c.kind === 'collection' ? payments.get(c) : undefined) ?? [];
      const own = group ? group.members.flatMap((m) => paidIn[m] ?? []).sort((a, b) => a.row - b.row) : (paidIn[r] ?? []);
      const cin = { ...componentInput, ...(c.kind === 'collection' ? { payments: own } : {}) };
      const v = rule.value(c, cin, money);
      const hint = rule.inverse(c, cin, v, money);
      lines.push({
        kind: c.kind,
        name: c.name,
        label: c.label,
        sign: 1,
        amount: fin(v.amount),
        rounded: 0,
        basis: v.basis,
        rate: v.rate,
        text: v.text,
        ...(v.detail?.length ? { detail: v.detail } : {}),
        ...(hint !== null ? { hint } : {}),
      });
    }
    for (const rf of claws?.refunds[r] ?? []) {
      const amount = fin(clawbackOf(rf));
      lines.push({
        kind: 'clawback',
        name: rf.order,
        label: `Clawback ${rf.order}`,
        sign: -1,
        amount,
        rounded: 0,
        basis: rf.refund,
        rate: rf.rate,
        text: clawbackText(rf, amount, money),
        clawback: { refund: rf.refund, orderAmount: rf.orderAmount, refundedBefore: rf.refundedBefore, orderPeriod: rf.orderPeriod, row: rf.row },
      });
    }
    const componentTotal = clean15(lines.reduce((s, l) => s + (l.sign > 0 ? l.amount : 0), 0));
    const clawTotal = clean15(lines.reduce((s, l) => s + (l.kind === 'clawback' ? l.amount : 0), 0));
    // The bonus as earned (gates, caps) is what a percent_of_bonus 红线 takes its share of.
    const earnedBonus = payoutOf(plan.bonus, {
      proratedBase,
      multiplier: rawMult,
      zeroed: bonusZeroedBy !== undefined,
      commission: 0,
      deductionAmount: 0,
    }).bonus;
    const rl = applyRedLines(repHits, earnedBonus, money);
    for (const h of rl.lines) {
      lines.push({
        kind: 'red_line',
        name: h.rule,
        label: `红线 ${h.rule}`,
        sign: -1,
        amount: fin(h.amount),
        rounded: 0,
        basis: h.kind === 'percent_of_bonus' ? earnedBonus : null,
        rate: h.kind === 'percent_of_bonus' || h.kind === 'amount' ? h.value : null,
        text: h.text,
        reason: h.reason,
        redLine: { kind: h.kind, value: h.value, points: h.points, row: h.row },
      });
    }
    const paidToDate = paid ? (paid.paid[r] ?? 0) : null;
    if (paidToDate !== null) {
      lines.push({
        kind: 'paid_to_date',
        name: 'paid_to_date',
        label: 'Paid to date',
        sign: -1,
        amount: fin(paidToDate),
        rounded: 0,
        basis: null,
        rate: null,
        text: paid!.rows[r]!.length
          ? said('paidToDate.rows', { amount: money(paidToDate), file: model.paidToDate!.fileAsWritten, rows: paid!.rows[r]! })
          : said('paidToDate.none', { amount: money(paidToDate) }),
      });
    }
    const zeroedByRedLine = rl.zeroBonus;
    const totalCommission = clean15(commission + componentTotal);
    const deductionAmount = fin(clean15(d.amount + rl.amount + clawTotal + (paidToDate ?? 0)));
    const pay = payoutOf(plan.bonus, {
      proratedBase,
      multiplier: rawMult,
      zeroed: bonusZeroedBy !== undefined || zeroedByRedLine !== null,
      commission: totalCommission,
      deductionAmount,
    });
    const { multiplier, bonus, payout } = pay;
    const bonusShown = { base: money(proratedBase), multiplier: fmt.trimmed(multiplier, plan.bonus.timesScore ? 8 : 4), bonus: money(pay.uncappedBonus) };
    repSteps.push(bonus !== pay.uncappedBonus ? said('bonus.bonusCapped', { ...bonusShown, capped: money(bonus) }) : said('bonus.bonus', bonusShown));
    if (zeroedByRedLine !== null) repSteps.push(said('redLine.zeroed', { rule: zeroedByRedLine.rule.name, reason: zeroedByRedLine.reason }));
    if (commissionStep) repSteps.push(commissionStep);
    for (const l of lines) {
      if (l.kind === 'red_line' || l.kind === 'paid_to_date') continue;
      repSteps.push(l.text);
      // A rep's payments can be many: one step each.
      for (const x of l.detail ?? []) repSteps.push(said('v.indent', { text: x }));
      if (l.hint !== undefined) repSteps.push(said('v.indent', { text: said('pay.whatItTakes', { hint: l.hint }) }));
    }
    if (d.reasons.length) {
      const reasons = d.reasons.slice(1).reduce((first: Text, rest) => said('v.then', { first, rest }), d.reasons[0]!);
      repSteps.push(
        d.points > 0
          ? said('bonus.deductionsPoints', { amount: money(d.amount), points: fmt.trimmed(d.points), reasons })
          : said('bonus.deductions', { amount: money(d.amount), reasons }),
      );
    }
    for (const l of lines) if (l.kind === 'red_line') repSteps.push(l.text);
    const earned = fin(Math.max(0, clean15(bonus + totalCommission - (deductionAmount - (paidToDate ?? 0)))));
    const taken = lines.filter((l) => l.sign < 0);
    // Rounding: the old three figures when there are no lines (so existing runs round exactly as before).
    let rounded: RepResult['rounded'];
    // The rounded parts (bonus, commission, each line added, the deductions file's part, each line taken off).
    let shownParts: number[] | undefined;
    let plusCount = 0;
    if (lines.length === 0) {
      rounded = roundComponents({ bonus, commission: totalCommission, deductions: pay.deducted }, payout, minor);
    } else {
      const plus = [bonus, commission, ...lines.filter((l) => l.sign > 0).map((l) => l.amount)];
      const minusLines = lines.filter((l) => l.sign < 0);
      const applied = appliedInOrder(bonus + totalCommission, [d.amount, ...minusLines.map((l) => l.amount)]);
      const parts = roundParts([...plus, ...applied], [...plus.map(() => 1 as const), ...applied.map(() => -1 as const)], payout, minor);
      shownParts = parts;
      plusCount = plus.length;
      const plusLines = lines.filter((l) => l.sign > 0);
      plusLines.forEach((l, i) => {
        l.rounded = parts[2 + i]!;
      });
      minusLines.forEach((l, i) => {
        l.rounded = parts[plus.length + 1 + i]!;
      });
      const sumOf = (xs: number[]) =>
        roundToUnits(
          xs.reduce((s, x) => s + roundToUnits(x, minor), 0),
          0,
        ) /
          10 ** minor || 0;
      rounded = {
        bonus: parts[0]!,
        commission: sumOf(parts.slice(1, plus.length)),
        deductions: sumOf(parts.slice(plus.length)),
        payout: roundToUnits(payout, minor) / 10 ** minor || 0,
      };
    }
    // Bonus, commission and deductions alone when there are no lines; else every line by name, so the sum adds up.
    if (lines.length === 0) {
      repSteps.push(
        said(pay.unfloored < 0 ? 'bonus.payoutFloor' : 'bonus.payout', {
          bonus: money(bonus),
          commission: money(commission),
          deductions: money(deductionAmount),
          payout: money(payout),
        }),
      );
      // When the payout was floored at 0, the deduction shown is the part actually applied.
      if (pay.deducted < deductionAmount) repSteps.push(DEDUCTION_KINDS.amount.explain(bonus + totalCommission, deductionAmount, pay.deducted, money));
    } else {
      // bonus + commission + each component (label) − deductions − each line taken off (label)
      // Each term as paid: the rounded parts, which add up to the payout to the cent (largest-remainder rounding may
      // have nudged a line by a cent, as the Pay lines sheet notes). A payout floored at 0 shows the lines as they are.
      const asPaid = pay.unfloored >= 0 && shownParts !== undefined;
      const shown = (exact: number, paid: number | undefined): string => money(asPaid && paid !== undefined ? paid : exact);
      const labelled = (l: PayLine): Text => said('v.labelled', { amount: shown(l.amount, l.rounded), label: lineLabel(l) });
      const plus = [shown(bonus, shownParts?.[0]), shown(commission, shownParts?.[1]), ...lines.filter((l) => l.sign > 0).map(labelled)];
      const off = [
        ...(d.amount > 0 ? [said('v.labelled', { amount: shown(d.amount, shownParts?.[plusCount]), label: said('pay.label.deductions') })] : []),
        ...taken.filter((l) => l.amount > 0 || l.kind === 'paid_to_date').map(labelled),
      ];
      let terms: Text = plus.slice(1).reduce((a: Text, b) => said('v.plus', { a, b }), plus[0]!);
      for (const b of off) terms = said('v.minus', { a: terms, b });
      repSteps.push(said(pay.unfloored < 0 ? 'bonus.payoutLinesFloor' : 'bonus.payoutLines', { terms, payout: money(payout) }));
    }
    const carried = paidToDate === null ? 0 : trueUp(earned, paidToDate).carried;
    if (paidToDate !== null) {
      const shown = { earned: money(earned), paid: money(paidToDate), diff: money(clean15(earned - paidToDate)) };
      repSteps.push(carried < 0 ? said('trueUp.carried', { ...shown, carried: money(-carried) }) : said('trueUp.step', shown));
    }

    repSteps.push(
      said('bonus.rounded', {
        bonus: money(rounded.bonus),
        commission: money(rounded.commission),
        deductions: money(rounded.deductions),
        payout: money(rounded.payout),
      }),
    );

    const result: RepResult = {
      rep,
      rank: 0,
      hasData: hasData[r]!,
      metrics,
      scoreBeforeDeductions: before,
      deductionPoints: fin(points),
      totalScore,
      gates,
      tier,
      multiplier: fin(multiplier),
      proration: fin(pro.fraction),
      proratedBase,
      bonus,
      commission: totalCommission,
      commissionBeforeCap,
      commissionSlices,
      deductionAmount,
      deductionReasons: [
        ...d.reasons,
        ...lines
          .filter((l) => l.kind === 'red_line' || l.kind === 'clawback')
          .map((l) => (l.kind === 'red_line' ? said('redLine.reason', { rule: l.name, reason: l.reason ?? '' }) : l.text)),
      ],
      payout,
      rounded,
      steps: repSteps,
    };
    if (bonusZeroedBy !== undefined) result.bonusZeroedBy = bonusZeroedBy;
    const team = engine.rollups.byRep.get(r);
    if (team) result.rollup = { basis: team.basis, members: team.members.map((m) => reps[m]!.id) };
    if (zeroedByRedLine !== null) result.bonusZeroedByRedLine = said('v.colon', { a: zeroedByRedLine.rule.name, b: zeroedByRedLine.reason });
    if (plan.role !== null) result.plan = plan.role;
    if (plan.bonus.basis !== undefined || plan.bonus.timesScore)
      result.basis = { what: basis.what, value: basis.key, coefficient: bm.coefficient, timesScore: plan.bonus.timesScore === true };
    if (lines.length) result.lines = lines;
    if (addedBack > 0) result.commissionAddedBack = addedBack;
    if (paidToDate !== null) result.trueUp = { earned, paidToDate, carried };
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
