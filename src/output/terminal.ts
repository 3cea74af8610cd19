// The ranked table printed by `kpi score`. Colour only when asked (the shell turns it off under NO_COLOR or when
// stdout is not a TTY), so piped output and golden files stay plain.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { displayWidth } from './text-width.js';
import type { MoneyDisplay, Unit } from '../core/model.js';
import type { MetricResult, RepResult, RunResult } from '../core/results.js';
import { formatByUnit as formatByUnitPlain, formatMoneyAs, formatPercent } from './numbers.js';
import { renderCompact } from './terminal-compact.js';
import { isoFromDay } from '../core/period.js';
import { displayText, gateReason, weightedMetrics, type MetricColumn } from './view.js';
import { issueCount, notFinalLine, runStatus, type RunStatus } from './status.js';
import { english, type Translate } from '../messages/index.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width; the metric columns get more compact until the table fits. Absent: widest layout. */
  width?: number;
  /** metric → unit, to show money and percentages as such (see unitsOf(model)). */
  units?: ReadonlyMap<string, Unit>;
  /**
   * At a terminal (width given): 'compact' (default) shows achievement per metric, fitted to the width; 'wide' shows
   * actual / target, one line a rep however wide (the shell pages it sideways when it is wider than the terminal).
   * Without a width (a pipe or file) the wide table is printed as it always was.
   */
  layout?: 'compact' | 'wide';
  /** The scheme's money_display (万). */
  moneyDisplay?: MoneyDisplay;
  /** Whether the run is final; by default, from the result's issues. Not final: a banner above and below. */
  status?: RunStatus;
  /** The run's language (default English). */
  text?: Translate;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '─',
  right: '',
  'right-mid': '',
  middle: ' ',
};

/** ≥ 100 % green, 80–100 % yellow, < 80 % red. */
export function band(achievement: number): 'green' | 'yellow' | 'red' {
  return achievement >= 1 ? 'green' : achievement >= 0.8 ? 'yellow' : 'red';
}

export function renderTable(result: RunResult, options: TableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out = renderLayout(result, options, c);
  // A table of a run with data issues must not pass for the real one: say so above and below it.
  const status = options.status ?? runStatus(result.issues);
  if (status.final) return out;
  const t = options.text ?? english;
  const long = notFinalLine(status, t('status.whereStderr'), t);
  const fits = options.width === undefined || displayWidth(long) <= options.width;
  const banner = c.bold.red(fits ? long : t('status.notFinalShort', { count: issueCount(status, t) }));
  return `${banner}\n${out}${banner}\n`;
}

function renderLayout(result: RunResult, options: TableOptions, c: ChalkInstance): string {
  if (options.width !== undefined && options.layout !== 'wide') {
    return renderCompact(result, c, {
      width: options.width,
      ...(options.moneyDisplay ? { moneyDisplay: options.moneyDisplay } : {}),
      ...(options.text ? { text: options.text } : {}),
    });
  }
  // --wide: actual / target, one line a rep, never squeezed (a rep's figures read across one line).
  return renderWide(result, options, c);
}

/** The widest line of printed text, in display columns. */
export function widest(text: string): number {
  // eslint-disable-next-line no-control-regex
  // Display width: a Chinese character takes two columns (string-width also skips colour codes).
  // A fold, not Math.max(...lines): a table of 100k+ reps has as many lines, too many arguments for one call.
  return text.split('\n').reduce((w, l) => Math.max(w, displayWidth(l)), 0);
}

function renderWide(result: RunResult, options: TableOptions, c: ChalkInstance): string {
  const t = options.text ?? english;
  const cols = weightedMetrics(result);
  const units = options.units ?? new Map<string, Unit>();
  const money = (x: number) => formatMoneyAs(x, result.currency, options.moneyDisplay ?? 'standard');
  const paint = (text: string, ach: number | null) => (ach === null ? c.dim(text) : c[band(ach)](text));

  const head = [t('col.rankShort'), t('col.rep'), t('col.team'), ...cols.map((m) => displayText(m.label)), t('col.score'), t('col.tier'), t('col.payout')].map(
    (h) => c.bold(h),
  );
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, ...(options.width !== undefined ? { 'padding-left': 0, 'padding-right': 0 } : {}) },
    colAligns: ['right', 'left', 'left', ...cols.map(() => 'right' as const), 'right', 'left', 'right'],
    // At a terminal (--wide) no box: the lines cost three columns a cell the table needs for the figures.
    ...(options.width !== undefined ? { chars: BORDERLESS } : {}),
  });

  const footnotes: string[] = [];
  for (const r of result.reps) {
    const name = displayText(r.rep.name) + ` (${displayText(r.rep.id)})` + (r.hasData ? '' : ` [${t('table.noData')}]`);
    const tier = (r.tier ? displayText(r.tier.label) : '—') + (r.bonusZeroedBy ? ` [${t('table.gateMark')}]` : '');
    if (r.bonusZeroedBy) footnotes.push(`[${t('table.gateMark')}] ${displayText(r.rep.id)}: ${t('table.gateNote', { reason: displayText(gateReason(r, t)) })}`);
    table.push([
      String(r.rank),
      name,
      displayText(r.rep.team),
      ...cols.map((col) => metricCell(r, col, units, result, paint, options.moneyDisplay ?? 'standard')),
      paint(formatPercent(r.totalScore), r.hasData ? r.totalScore : null),
      tier,
      money(r.rounded.payout),
    ]);
  }
  const blanks = cols.map(() => '');
  for (const tm of result.teams) {
    table.push([
      '',
      c.bold(t('table.teamSubtotal', { team: displayText(tm.team) })),
      t('table.reps', { n: tm.reps }),
      ...blanks,
      t('table.average', { score: formatPercent(tm.averageScore) }),
      '',
      c.bold(money(tm.payout)),
    ]);
  }
  table.push(['', c.bold(t('table.total')), t('table.reps', { n: result.reps.length }), ...blanks, '', '', c.bold(money(result.totalPayout))]);

  const p = result.period;
  const title = displayText(
    t('table.title', { scheme: result.schemeName, period: t('period.span', { label: p.label, start: isoFromDay(p.start), end: isoFromDay(p.end) }) }),
  );
  const notes: string[] = [];
  if (result.reps.some((r) => !r.hasData)) notes.push(`[${t('table.noData')}] ${t('table.noDataWide')}`);
  for (const f of footnotes) notes.push(f);
  notes.push(t('table.metricCells'));
  return [c.bold(title), table.toString(), ...notes].join('\n') + '\n';
}

function metricCell(
  r: RepResult,
  col: MetricColumn,
  units: ReadonlyMap<string, Unit>,
  result: RunResult,
  paint: (text: string, ach: number | null) => string,
  display: MoneyDisplay,
): string {
  const m: MetricResult | undefined = r.metrics.find((x) => x.metric === col.metric);
  if (!m || m.weight === 0) return '';
  const unit = units.get(m.metric);
  const formatByUnit = (x: number | null, u: Unit | undefined, cur: RunResult['currency']) =>
    u === 'money' && x !== null && Number.isFinite(x) ? formatMoneyAs(x, cur, display, true) : formatByUnitPlain(x, u, cur);
  const ach = m.achievement === null ? '—' : formatPercent(m.achievement);
  const pair = `${formatByUnit(m.actual, unit, result.currency)} / ${formatByUnit(m.target, unit, result.currency)}`;
  return `${pair}  ${paint(ach, m.achievement)}`;
}
