// `--format csv|json|md`: the run as text for piping. JSON is a stable, documented contract (docs/json-format.md).
import { commissionLines } from '../core/rules/commission/index.js';
import type { Unit } from '../core/model.js';
import type { MetricResult, Provenance, RepResult, RunResult } from '../core/results.js';
import type { DataIssue } from '../core/table.js';
import { finiteOrNull, formatByUnit, formatMoney, formatPercent } from './numbers.js';
import { isoFromDay } from '../core/period.js';
import { clean15, roundHalfAwayFromZero } from '../core/money.js';
import { nfc } from '../core/text.js';
import { displayText, weightedMetrics } from './view.js';
import { notFinalLine, runStatus, statusLine, type RunStatus } from './status.js';
import { english, problemFix, say, type Text, type Translate } from '../messages/index.js';

const JSON_FORMAT = 'kpi-score/1';

// ---------------------------------------------------------------------------------------------------- CSV

/** Cells a spreadsheet would run as a formula (or that start a DDE/tab trick), full-width forms included. */
const DANGEROUS_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Prefix a quote so Excel/LibreOffice show the text instead of evaluating it. */
export function neutraliseFormula(s: string): string {
  return DANGEROUS_START.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote when the cell holds a comma, quote, CR or LF; double embedded quotes. */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = neutraliseFormula(v.normalize('NFC'));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per rep. Fractions stay fractions (1 = 100 %); money is rounded to the minor unit. The last column,
 * run_status, is "final" or "NOT FINAL" on every row, so a sheet opened from the file says so too.
 */
export function toCsv(result: RunResult, status: RunStatus = runStatus(result.issues)): string {
  const cols = weightedMetrics(result);
  const money = (x: number) => roundHalfAwayFromZero(x, result.currency.minorUnit);
  const header = [
    'rank',
    'rep_id',
    'name',
    'team',
    'role',
    'has_data',
    ...cols.flatMap((m) => [`${m.metric}_actual`, `${m.metric}_target`, `${m.metric}_achievement`, `${m.metric}_score`]),
    'total_score',
    'tier',
    'multiplier',
    'bonus_zeroed_by',
    'bonus',
    'commission',
    'deductions',
    'payout',
    'currency',
    'run_status',
  ];
  const rows = result.reps.map((r) => [
    r.rank,
    r.rep.id,
    r.rep.name,
    r.rep.team,
    r.rep.role,
    r.hasData,
    ...cols.flatMap((c) => {
      const m = r.metrics.find((x) => x.metric === c.metric);
      return m ? [finiteOrNull(m.actual), finiteOrNull(m.target), finiteOrNull(m.achievement), finiteOrNull(m.score)] : [null, null, null, null];
    }),
    finiteOrNull(r.totalScore),
    r.tier?.label ?? null,
    finiteOrNull(r.multiplier),
    r.bonusZeroedBy ?? null,
    money(r.rounded.bonus),
    money(r.rounded.commission),
    money(r.rounded.deductions),
    money(r.rounded.payout),
    result.currency.code,
    status.final ? 'final' : 'NOT FINAL',
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------------- JSON

/** A number as a spreadsheet shows it: 15 significant digits, no float noise (1.4166666666666754 → 1.41666666666668). */
const num = (x: number | null | undefined): number | null => {
  const v = finiteOrNull(x);
  return v === null ? null : clean15(v);
};
// The JSON is a stable machine format: its sentences (steps, notes, gate reasons) are in English in every language.
const str = (s: Text | undefined | null): string | null => (s === undefined || s === null ? null : nfc(say(s, english)));

function provenanceJson(p: Provenance) {
  return {
    source: str(p.source),
    file: str(p.file),
    filter: str(p.filter),
    aggregation: str(p.aggregation),
    rows: num(p.rows),
    formula: str(p.formula),
    steps: p.steps.map((s) => str(s)),
  };
}

function metricJson(m: MetricResult) {
  return {
    metric: m.metric,
    label: str(m.label),
    weight: num(m.weight),
    actual: num(m.actual),
    target: num(m.target),
    targetOrigin: m.targetOrigin,
    targetFrom: str(m.targetFrom),
    threshold: num(m.threshold),
    stretch: num(m.stretch),
    achievement: num(m.achievement),
    score: num(m.score),
    weightedScore: num(m.weightedScore),
    note: str(m.note),
    provenance: provenanceJson(m.provenance),
  };
}

function repJson(r: RepResult, minor: number) {
  const money = (x: number) => num(roundHalfAwayFromZero(x, minor));
  const lines = commissionLines(r, minor);
  return {
    rank: r.rank,
    id: str(r.rep.id),
    name: str(r.rep.name),
    team: str(r.rep.team),
    role: str(r.rep.role),
    startDate: r.rep.startDate ?? null,
    hasData: r.hasData,
    rollup: r.rollup ? { basis: r.rollup.basis, members: r.rollup.members.map(str) } : null,
    scoreBeforeDeductions: num(r.scoreBeforeDeductions),
    deductionPoints: num(r.deductionPoints),
    totalScore: num(r.totalScore),
    tier: r.tier ? { label: str(r.tier.label), from: num(r.tier.from), to: num(r.tier.to), multiplier: num(r.tier.multiplier) } : null,
    multiplier: num(r.multiplier),
    bonusZeroedBy: str(r.bonusZeroedBy),
    baseBonus: money(r.rep.baseBonus),
    proration: num(r.proration),
    proratedBase: money(r.proratedBase),
    bonus: money(r.rounded.bonus),
    commission: money(r.rounded.commission),
    deductions: money(r.rounded.deductions),
    payout: money(r.rounded.payout),
    unrounded: {
      proratedBase: num(r.proratedBase),
      bonus: num(r.bonus),
      commission: num(r.commission),
      commissionBeforeCap: num(r.commissionBeforeCap),
      deductions: num(r.deductionAmount),
      payout: num(r.payout),
    },
    deductionReasons: r.deductionReasons.map((s) => str(s)),
    gates: r.gates.map((g) => ({
      metric: g.metric,
      of: g.of,
      level: num(g.level),
      value: num(g.value),
      passed: g.passed,
      effect: g.effect,
      passesBelow: g.passesBelow,
      text: str(g.text),
      reason: str(g.reason),
    })),
    // Slices rounded so that Σ slices + commissionCapAdjustment = commission, to the cent.
    commissionSlices: r.commissionSlices.map((s, i) => ({
      from: num(s.from),
      to: num(s.to),
      rate: num(s.rate),
      amount: num(s.amount),
      commission: num(lines.slices[i]!),
      commissionUnrounded: num(s.commission),
    })),
    commissionBeforeCap: num(lines.beforeCap),
    commissionCapAdjustment: num(lines.capAdjustment),
    plan: str(r.plan),
    basis: r.basis ? { what: str(r.basis.what), value: num(r.basis.value), coefficient: num(r.basis.coefficient), timesScore: r.basis.timesScore } : null,
    bonusZeroedByRedLine: str(r.bonusZeroedByRedLine),
    lines: (r.lines ?? []).map((l) => ({
      kind: l.kind,
      name: str(l.name),
      label: str(l.label),
      sign: l.sign,
      amount: num(l.rounded),
      amountUnrounded: num(l.amount),
      basis: num(l.basis),
      rate: num(l.rate),
      text: str(l.text),
      reason: str(l.reason),
      whatItTakes: str(l.hint),
      ...(l.redLine ? { redLine: { kind: l.redLine.kind, value: num(l.redLine.value), points: num(l.redLine.points), row: l.redLine.row } } : {}),
      ...(l.clawback
        ? {
            clawback: {
              refund: num(l.clawback.refund),
              orderAmount: num(l.clawback.orderAmount),
              refundedBefore: num(l.clawback.refundedBefore),
              orderPeriod: str(l.clawback.orderPeriod),
              row: l.clawback.row,
            },
          }
        : {}),
    })),
    trueUp: r.trueUp ? { earned: money(r.trueUp.earned), paidToDate: money(r.trueUp.paidToDate), carried: money(r.trueUp.carried) } : null,
    metrics: r.metrics.map(metricJson),
    next: r.next
      ? {
          tier: r.next.tier ? str(r.next.tier.label) : null,
          score: num(r.next.score),
          payout: money(r.next.payout),
          payoutUnrounded: num(r.next.payout),
          payoutOnceUnlocked: r.next.payoutOnceUnlocked === undefined ? null : money(r.next.payoutOnceUnlocked),
          perMetric: r.next.perMetric.map((w) => ({ metric: w.metric, change: num(w.change), actualNeeded: num(w.actualNeeded), why: str(w.why) })),
        }
      : null,
    unlock: (r.unlock ?? []).map((u) => ({
      metric: u.metric,
      reason: str(u.reason),
      actualNeeded: num(u.actualNeeded),
      change: num(u.change),
      payout: money(u.payout),
    })),
  };
}

export function issueJson(i: DataIssue) {
  return {
    file: str(i.file),
    source: str(i.source),
    row: num(i.row),
    rows: i.rows ? [...i.rows] : null,
    column: str(i.column),
    value: str(i.value),
    reason: str(i.reason),
    severity: i.severity,
    action: i.action,
    code: i.code ?? null,
    hint: i.code ? problemFix(i.code, english) : null,
  };
}

/** The documented JSON (docs/json-format.md): fixed key order, numbers as numbers, null instead of NaN. */
/** Where a run's figures came from: what `kpi diff` needs to tell a change of data from a change of rules. */
export interface RunInfo {
  schemeFile: string;
  /** SHA-256 of the scheme file's bytes (as sha256sum prints it), as on the report's Run sheet. */
  schemeSha256: string;
  toolVersion: string;
  inputs: { source: string; role: 'data' | 'roster' | 'targets' | 'deductions'; file: string; sha256: string; rows: number }[];
}

function runJson(run: RunInfo) {
  return {
    schemeFile: str(run.schemeFile),
    schemeSha256: run.schemeSha256,
    toolVersion: run.toolVersion,
    inputs: run.inputs.map((i) => ({ source: str(i.source), role: i.role, file: str(i.file), sha256: i.sha256, rows: i.rows })),
  };
}

export function toJsonValue(result: RunResult, status: RunStatus = runStatus(result.issues), run?: RunInfo) {
  const minor = result.currency.minorUnit;
  return {
    format: JSON_FORMAT,
    status: { final: status.final, issues: status.issues, skipped: status.skipped, message: statusLine(status, 'issues[]') },
    scheme: str(result.schemeName),
    period: { label: result.period.label, kind: result.period.kind, start: isoFromDay(result.period.start), end: isoFromDay(result.period.end) },
    currency: { code: result.currency.code, minorUnit: minor, symbol: result.currency.symbol },
    totals: {
      reps: result.reps.length,
      repsWithoutData: result.reps.filter((r) => !r.hasData).length,
      payout: num(roundHalfAwayFromZero(result.totalPayout, minor)),
    },
    teams: result.teams.map((t) => ({
      team: str(t.team),
      reps: t.reps,
      averageScore: num(t.averageScore),
      payout: num(roundHalfAwayFromZero(t.payout, minor)),
    })),
    reps: result.reps.map((r) => repJson(r, minor)),
    issues: result.issues.map(issueJson),
    run: run ? runJson(run) : null,
  };
}

export function toJson(result: RunResult, status?: RunStatus, run?: RunInfo): string {
  return JSON.stringify(toJsonValue(result, status, run), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------- Markdown

/** Table-safe text: one line, pipes and backslashes escaped, HTML-ish brackets defused. */
function mdCell(s: string): string {
  return displayText(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
}

export function toMarkdown(
  result: RunResult,
  units: ReadonlyMap<string, Unit> = new Map(),
  status: RunStatus = runStatus(result.issues),
  t: Translate = english,
): string {
  const cols = weightedMetrics(result);
  const c = result.currency;
  const head = [
    t('col.rankShort'),
    t('col.rep'),
    t('col.id'),
    t('col.team'),
    ...cols.map((m) => mdCell(m.label)),
    t('col.score'),
    t('col.tier'),
    t('col.payout'),
  ];
  const align = ['--:', ':--', ':--', ':--', ...cols.map(() => '--:'), '--:', ':--', '--:'];
  const lines = [
    `## ${mdCell(result.schemeName)} — ${mdCell(result.period.label)}`,
    '',
    ...(status.final ? [] : [`> **${mdCell(notFinalLine(status, t('status.whereMd'), t))}**`, '']),
    `| ${head.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
  ];
  for (const r of result.reps) {
    const metricCells = cols.map((col) => {
      const m = r.metrics.find((x) => x.metric === col.metric);
      if (!m || m.weight === 0) return '';
      const u = units.get(m.metric);
      return mdCell(`${formatByUnit(m.actual, u, c)} / ${formatByUnit(m.target, u, c)} (${m.achievement === null ? '—' : formatPercent(m.achievement)})`);
    });
    const tier = (r.tier ? r.tier.label : '—') + (r.bonusZeroedBy ? ` (${t('md.gated', { metric: r.bonusZeroedBy })})` : '');
    lines.push(
      `| ${[
        String(r.rank),
        mdCell(r.rep.name) + (r.hasData ? '' : ` *(${t('table.noData')})*`),
        mdCell(r.rep.id),
        mdCell(r.rep.team),
        ...metricCells,
        formatPercent(r.totalScore),
        mdCell(tier),
        mdCell(formatMoney(r.rounded.payout, c)),
      ].join(' | ')} |`,
    );
  }
  lines.push('', `| ${t('col.team')} | ${t('col.reps')} | ${t('dash.averageScore')} | ${t('col.payout')} |`, '| :-- | --: | --: | --: |');
  for (const tm of result.teams) {
    lines.push(`| ${mdCell(tm.team)} | ${tm.reps} | ${formatPercent(tm.averageScore)} | ${mdCell(formatMoney(tm.payout, c))} |`);
  }
  lines.push(`| **${t('table.total')}** | ${result.reps.length} | | **${mdCell(formatMoney(result.totalPayout, c))}** |`, '');
  return lines.join('\n');
}
