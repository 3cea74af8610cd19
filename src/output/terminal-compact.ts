// The compact ranked table for a terminal: rank, rep, team, achievement per metric, score, tier, payout, fitted to
// the terminal's width. Widths are display widths (a Chinese character takes two columns), measured with
// string-width after colour codes; when the table is too wide the gaps narrow, achievements lose their decimal,
// then names are shortened with "…". `--wide` shows actual / target instead (terminal.ts).
import type { ChalkInstance } from 'chalk';
import type { RepResult, RunResult } from '../core/results.js';
import type { MoneyDisplay } from '../core/model.js';
import { formatMoneyAs, formatPercent } from './numbers.js';
import { isoFromDay } from '../core/period.js';
import { displayText, gateTest, weightedMetrics } from './view.js';
import { displayWidth, truncateToWidth } from './text-width.js';

// The one place for this table's words (a later message catalogue takes them over).
export const COMPACT_TEXT = {
  rank: '#', rep: 'Rep', team: 'Team', score: 'Score', tier: 'Tier', payout: 'Payout',
  noData: 'no data',
  subtotal: 'Subtotal',
  total: 'Total',
  reps: (n: number) => `${n} rep${n === 1 ? '' : 's'}`,
  average: (pct: string) => pct,
  legend: 'Achievement per metric:',
  gated: '* bonus zeroed by a gate:',
  noDataNote: 'no data: no rows for this rep in the period, scored 0',
  wider: 'Actual / target per metric: kpi score … --wide',
  title: (name: string, label: string, start: string, end: string) => `${name} — ${label} (${start} to ${end})`,
} as const;

export interface CompactOptions {
  width: number;
  moneyDisplay?: MoneyDisplay;
}

type Align = 'left' | 'right';
interface Column {
  head: string;
  align: Align;
  /** Cells as [plain text, painted text]. */
  cells: [string, string][];
  /** Shortened with "…" down to this width when the table is too wide; absent: never shortened. */
  shrinkTo?: number;
}

const width = displayWidth;

function pad(plain: string, painted: string, w: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, w - width(plain)));
  return align === 'right' ? fill + painted : painted + fill;
}

function band(a: number): 'green' | 'yellow' | 'red' {
  return a >= 1 ? 'green' : a >= 0.8 ? 'yellow' : 'red';
}

export function renderCompact(result: RunResult, c: ChalkInstance, opts: CompactOptions): string {
  const T = COMPACT_TEXT;
  const metrics = weightedMetrics(result);
  const money = (x: number) => formatMoneyAs(x, result.currency, opts.moneyDisplay ?? 'standard');
  const teams = result.teams;
  const gated = result.reps.filter((r) => r.bonusZeroedBy);

  const build = (places: number): Column[] => {
    const ach = (r: RepResult, metric: string): [string, string] => {
      const m = r.metrics.find((x) => x.metric === metric);
      if (!m || m.weight === 0) return ['', ''];
      if (m.achievement === null) return ['—', c.dim('—')];
      const t = formatPercent(m.achievement, places);
      return [t, c[band(m.achievement)](t)];
    };
    const plain = (s: string): [string, string] => [s, s];
    const bold = (s: string): [string, string] => [s, c.bold(s)];
    const blank = (): [string, string] => ['', ''];
    const subtotalRows = teams.length > 1 ? teams : [];
    const col = (head: string, align: Align, reps: [string, string][], sub: [string, string][], total: [string, string], shrinkTo?: number): Column =>
      ({ head, align, cells: [...reps, ...sub, total], ...(shrinkTo !== undefined ? { shrinkTo } : {}) });
    return [
      col(T.rank, 'right', result.reps.map((r) => plain(String(r.rank))), subtotalRows.map(blank), blank()),
      col(T.rep, 'left', result.reps.map((r) => plain(displayText(r.rep.name))), subtotalRows.map(() => bold(T.subtotal)), bold(T.total), 8),
      col(T.team, 'left', result.reps.map((r) => plain(displayText(r.rep.team))), subtotalRows.map((t) => bold(displayText(t.team))), blank(), 4),
      ...metrics.map((m, i) => col(`M${i + 1}`, 'right', result.reps.map((r) => ach(r, m.metric)), subtotalRows.map(blank), blank())),
      col(T.score, 'right', result.reps.map((r): [string, string] => {
        const t = formatPercent(r.totalScore);
        return [t, r.hasData ? c[band(r.totalScore)](t) : c.dim(t)];
      }), subtotalRows.map((t) => plain(formatPercent(t.averageScore))), blank()),
      col(T.tier, 'left', result.reps.map((r): [string, string] => {
        if (!r.hasData) return [T.noData, c.dim(T.noData)];
        return plain((r.tier ? displayText(r.tier.label) : '—') + (r.bonusZeroedBy ? '*' : ''));
      }), subtotalRows.map((t) => plain(T.reps(t.reps))), plain(T.reps(result.reps.length)), 6),
      col(T.payout, 'right', result.reps.map((r) => plain(money(r.rounded.payout))), subtotalRows.map((t) => bold(money(t.payout))), bold(money(result.totalPayout))),
    ];
  };

  const natural = (cols: Column[]) => cols.map((k) => Math.max(width(k.head), ...k.cells.map(([p]) => width(p))));
  const total = (ws: number[], gap: number) => ws.reduce((s, w) => s + w, 0) + gap * (ws.length - 1);

  // Try the roomiest layout first; give up room step by step until the table fits.
  let cols = build(1);
  let widths = natural(cols);
  let gap = 2;
  if (total(widths, gap) > opts.width) gap = 1;
  if (total(widths, gap) > opts.width) {
    cols = build(0);
    widths = natural(cols);
  }
  // Shorten the text columns, the widest first, a column at a time, down to their floors.
  for (let over = total(widths, gap) - opts.width; over > 0; over--) {
    let k = -1;
    cols.forEach((col, i) => {
      if (col.shrinkTo !== undefined && widths[i]! > col.shrinkTo && (k < 0 || widths[i]! > widths[k]!)) k = i;
    });
    if (k < 0) break;
    widths[k] = widths[k]! - 1;
  }
  cols = cols.map((col, i) => ({ ...col, cells: col.cells.map(([p, s]): [string, string] => {
    if (width(p) <= widths[i]!) return [p, s];
    const t = truncateToWidth(p, widths[i]!);
    return [t, s === p ? t : s.replace(p, t)];
  }) }));

  const sep = ' '.repeat(gap);
  const line = (cells: [string, string][]) => cells.map(([p, s], i) => pad(p, s, widths[i]!, cols[i]!.align)).join(sep).replace(/\s+$/, '');
  const head = line(cols.map((k) => [k.head, c.bold(k.head)] as [string, string]));
  const rule = c.dim('─'.repeat(Math.min(opts.width, total(widths, gap))));
  const rows = cols[0]!.cells.map((_, r) => line(cols.map((k) => k.cells[r]!)));
  const nReps = result.reps.length;
  const body = [...rows.slice(0, nReps), ...(rows.length > nReps + 1 ? [rule] : []), ...rows.slice(nReps, -1), rule, rows[rows.length - 1]!];

  const p = result.period;
  const notes: string[] = [];
  for (const line of wrapItems(T.legend, metrics.map((m, i) => `M${i + 1} ${displayText(m.label)}`), opts.width)) notes.push(line);
  if (result.reps.some((r) => !r.hasData)) notes.push(T.noDataNote);
  // One line per few reps: a loop, not push(...lines), which overflows the stack on a very large roster.
  if (gated.length) for (const line of wrapItems(T.gated, gated.map((r) => `${displayText(r.rep.name)} (${displayText(gateTest(r))})`), opts.width)) notes.push(line);
  notes.push(c.dim(T.wider));
  return [c.bold(displayText(T.title(result.schemeName, p.label, isoFromDay(p.start), isoFromDay(p.end)))), head, rule, ...body, '', ...notes].join('\n') + '\n';
}

/** "Lead: a · b · c" wrapped to `max` columns, continuation lines indented. */
function wrapItems(lead: string, items: string[], max: number): string[] {
  const lines: string[] = [];
  let cur = lead;
  for (const item of items) {
    const next = `${cur}${cur === lead ? ' ' : '  '}${item}`;
    if (width(next) > max && cur !== lead && cur.trim() !== '') {
      lines.push(cur);
      cur = `  ${item}`;
    } else cur = next;
  }
  lines.push(cur);
  return lines;
}
