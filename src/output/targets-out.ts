// `kpi targets` outputs: the targets file (CSV with the scheme's targets-file headers and an Explanation column,
// which the reader ignores), `--format json` (`kpi-targets/1`) and the terminal summary.
import type { Model } from '../core/model.js';
import type { Period } from '../core/results.js';
import { isoFromDay } from '../core/period.js';
import { clean15 } from '../core/money.js';
import type { Skipped, Suggestion } from '../plan/targets.js';
import { csvCell, issueJson } from './formats.js';
import { runStatus, statusLine, type RunStatus } from './status.js';
import type { DataIssue } from '../core/table.js';
import { formatByUnit } from './numbers.js';
import { fitText, textTable } from './plan-text.js';
import { displayText } from './view.js';
import { english, say, type Translate } from '../messages/index.js';
import { PERIOD_COUNT } from '../messages/en-plan.js';

const TARGETS_FORMAT = 'kpi-targets/1';

/** The column of the explanation: not mapped in any scheme, so `kpi validate` and `kpi score` ignore it. */
const EXPLANATION = 'Explanation';

/** Whether the history behind the targets had data issues (`final` / `NOT FINAL`); like Explanation, never read. */
const RUN_STATUS = 'run_status';

/** The headers the scheme's targets file uses, or the logical names when it has none. */
function targetHeaders(model: Model): { rep: string; metric: string; period: string; target: string; byDate: boolean } {
  const spec = model.targetsFile;
  const header = (logical: string) => spec?.columns.find((c) => c.name === logical)?.header ?? logical;
  // A targets file dated by a date column rather than a period label gets the first day of each period.
  const byDate = spec !== undefined && spec.period === undefined && spec.date !== undefined && !spec.columns.some((c) => c.name === 'period');
  return {
    rep: header(spec?.rep ?? 'rep'),
    metric: header('metric'),
    period: byDate ? header(spec!.date!) : header(spec?.period ?? 'period'),
    target: header('target'),
    byDate,
  };
}

export function targetsCsv(model: Model, suggestions: readonly Suggestion[], periods: readonly Period[], status?: RunStatus, t: Translate = english): string {
  const h = targetHeaders(model);
  const when = new Map(periods.map((p) => [p.label, h.byDate ? isoFromDay(p.start) : p.label]));
  // As kpi score's CSV: a last column says on every row whether the history behind it had data issues.
  const rows: (string | number)[][] = [[h.rep, h.metric, h.period, h.target, EXPLANATION, ...(status ? [RUN_STATUS] : [])]];
  const mark = status ? [status.final ? 'final' : 'NOT FINAL'] : [];
  for (const s of suggestions) {
    const explanation = say(s.explanation, t);
    s.periods.forEach((p, i) => {
      const share = s.split.basis === 'none' ? '' : t('tg.thisPeriod', { share: Math.round(s.split.shares[i]! * 1000) / 10 });
      rows.push([s.rep, s.metric, when.get(p.period) ?? p.period, p.target, explanation + share, ...mark]);
    });
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const num = (x: number) => clean15(x);
const text = (s: string) => s.normalize('NFC');

export function targetsJson(
  model: Model,
  span: Period,
  periods: readonly Period[],
  growth: number,
  trailing: readonly Period[],
  suggestions: readonly Suggestion[],
  skipped: readonly Skipped[],
  issues: readonly DataIssue[] = [],
  status: RunStatus = runStatus(issues),
): string {
  return (
    JSON.stringify(
      {
        format: TARGETS_FORMAT,
        status: { final: status.final, issues: status.issues, skipped: status.skipped, message: statusLine(status, 'issues[]') },
        scheme: text(model.name),
        for: { label: span.label, kind: span.kind, start: isoFromDay(span.start), end: isoFromDay(span.end) },
        periods: periods.map((p) => p.label),
        growth: num(growth),
        maxTargetOverBest: num(model.smart.maxTargetOverBest),
        history: trailing.map((p) => p.label),
        suggestions: suggestions.map((s) => ({
          rep: text(s.rep),
          name: text(s.name),
          metric: s.metric,
          label: text(s.label),
          unit: s.unit ?? null,
          direction: s.direction,
          additive: s.additive,
          history: s.history.map((h) => ({ period: h.period, actual: num(h.actual) })),
          average: num(s.average),
          best: num(s.best),
          bestPeriod: s.bestPeriod,
          level: num(s.level),
          rule: s.rule,
          total: num(s.total),
          split: { basis: s.split.basis, shares: s.split.shares.map(num) },
          periods: s.periods.map((p) => ({ period: p.period, target: num(p.target) })),
          explanation: text(say(s.explanation, english)),
        })),
        skipped: skipped.map((x) => ({ rep: text(x.rep), metric: x.metric, reason: say(x.reason, english) })),
        issues: issues.map(issueJson),
      },
      null,
      2,
    ) + '\n'
  );
}

const RULE = { growth: 'tg.short.growthUp', best: 'tg.short.bestUp', average: 'tg.short.average', full: 'tg.short.full' } as const;
const RULE_LOWER = { ...RULE, growth: 'tg.short.growthDown', best: 'tg.short.bestDown' } as const;

export function renderTargets(
  model: Model,
  span: Period,
  periods: readonly Period[],
  growth: number,
  suggestions: readonly Suggestion[],
  skipped: readonly Skipped[],
  width = 80,
  t: Translate = english,
): string {
  const c = model.currency;
  const unitOf = new Map(model.metrics.map((m) => [m.name, m.unit] as const));
  const v = (x: number, metric: string) => formatByUnit(x, unitOf.get(metric), c);
  const out: string[] = [];
  out.push(fitText(t('tg.title', { scheme: displayText(model.name), period: span.label }), width));
  out.push(
    t('tg.line1', {
      span: t(PERIOD_COUNT[periods[0]!.kind], { n: periods.length }),
      first: periods[0]!.label,
      last: periods[periods.length - 1]!.label,
      growth: `${Math.round(growth * 10000) / 100}%`,
    }),
    t('tg.line2', { factor: model.smart.maxTargetOverBest }),
  );
  const rows = suggestions.map((s) => [
    fitText(s.rep, 10),
    fitText(s.metric, 18),
    v(s.average, s.metric),
    v(s.best, s.metric),
    s.additive && periods.length > 1 ? v(s.total, s.metric) : v(s.periods[0]!.target, s.metric),
    t((s.direction === 'lower_is_better' ? RULE_LOWER : RULE)[s.rule]),
  ]);
  out.push('');
  // One line per rep and metric: a loop, not push(...lines) (a large roster would overflow the stack).
  for (const line of textTable(
    [
      t('plan.rep'),
      t('plan.metric'),
      t('tg.average'),
      t('tg.best'),
      periods.length > 1 ? t('tg.spanTarget', { period: span.label }) : t('plan.target'),
      t('tg.rule'),
    ],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'left'],
  ))
    out.push(line);
  const notes = [...new Set(suggestions.filter((s) => s.split.basis !== 'none').map((s) => `${s.metric}: ${say(s.split.note, t)}`))];
  if (notes.length) out.push('', t('tg.splitHead'), ...notes.map((n) => fitText(`  ${n}`, width))); // bounded spread: one note per metric
  if (suggestions.some((s) => !s.additive) && periods.length > 1) out.push(fitText(t('tg.sameTarget'), width));
  if (skipped.length) {
    out.push('', t('tg.noSuggestion', { n: skipped.length }));
    for (const k of skipped.slice(0, 10)) out.push(fitText(`  ${k.rep} ${k.metric}: ${say(k.reason, t)}`, width));
    if (skipped.length > 10) out.push(t('tg.more', { n: skipped.length - 10 }));
  }
  return out.join('\n') + '\n';
}
