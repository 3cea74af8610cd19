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
import { english, type Translate } from '../messages/index.js';

export interface CompactOptions {
  width: number;
  moneyDisplay?: MoneyDisplay;
  /** The run's language (default English). */
  text?: Translate;
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
  const t = opts.text ?? english;
  const metrics = weightedMetrics(result);
  const money = (x: number) => formatMoneyAs(x, result.currency, opts.moneyDisplay ?? 'standard');
  const teams = result.teams;
  const gated = result.reps.filter((r) => r.bonusZeroedBy);

  const build = (places: number): Column[] => {
    const ach = (r: RepResult, metric: string): [string, string] => {
      const m = r.metrics.find((x) => x.metric === metric);
      if (!m || m.weight === 0) return ['', ''];
      if (m.achievement === null) return ['—', c.dim('—')];
      const s = formatPercent(m.achievement, places);
      return [s, c[band(m.achievement)](s)];
    };
    const plain = (s: string): [string, string] => [s, s];
    const bold = (s: string): [string, string] => [s, c.bold(s)];
    const blank = (): [string, string] => ['', ''];
    const subtotalRows = teams.length > 1 ? teams : [];
    const col = (head: string, align: Align, reps: [string, string][], sub: [string, string][], total: [string, string], shrinkTo?: number): Column => ({
      head,
      align,
      cells: [...reps, ...sub, total],
      ...(shrinkTo !== undefined ? { shrinkTo } : {}),
    });
    return [
      col(
        t('col.rankShort'),
        'right',
        result.reps.map((r) => plain(String(r.rank))),
        subtotalRows.map(blank),
        blank(),
      ),
      col(
        t('col.rep'),
        'left',
        result.reps.map((r) => plain(displayText(r.rep.name))),
        subtotalRows.map(() => bold(t('table.subtotal'))),
        bold(t('table.total')),
        8,
      ),
      col(
        t('col.team'),
        'left',
        result.reps.map((r) => plain(displayText(r.rep.team))),
        subtotalRows.map((tm) => bold(displayText(tm.team))),
        blank(),
        4,
      ),
      ...metrics.map((m, i) =>
        col(
          `M${i + 1}`,
          'right',
          result.reps.map((r) => ach(r, m.metric)),
          subtotalRows.map(blank),
          blank(),
        ),
      ),
      col(
        t('col.score'),
        'right',
        result.reps.map((r): [string, string] => {
          const s = formatPercent(r.totalScore);
          return [s, r.hasData ? c[band(r.totalScore)](s) : c.dim(s)];
        }),
        subtotalRows.map((tm) => plain(formatPercent(tm.averageScore))),
        blank(),
      ),
      col(
        t('col.tier'),
        'left',
        result.reps.map((r): [string, string] => {
          if (!r.hasData) return [t('table.noData'), c.dim(t('table.noData'))];
          return plain((r.tier ? displayText(r.tier.label) : '—') + (r.bonusZeroedBy ? '*' : ''));
        }),
        subtotalRows.map((tm) => plain(t('table.reps', { n: tm.reps }))),
        plain(t('table.reps', { n: result.reps.length })),
        6,
      ),
      col(
        t('col.payout'),
        'right',
        result.reps.map((r) => plain(money(r.rounded.payout))),
        subtotalRows.map((tm) => bold(money(tm.payout))),
        bold(money(result.totalPayout)),
      ),
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
  cols = cols.map((col, i) => ({
    ...col,
    cells: col.cells.map(([p, s]): [string, string] => {
      if (width(p) <= widths[i]!) return [p, s];
      const t = truncateToWidth(p, widths[i]!);
      return [t, s === p ? t : s.replace(p, t)];
    }),
  }));

  const sep = ' '.repeat(gap);
  const line = (cells: [string, string][]) =>
    cells
      .map(([p, s], i) => pad(p, s, widths[i]!, cols[i]!.align))
      .join(sep)
      .replace(/\s+$/, '');
  const head = line(cols.map((k) => [k.head, c.bold(k.head)] as [string, string]));
  const rule = c.dim('─'.repeat(Math.min(opts.width, total(widths, gap))));
  const rows = cols[0]!.cells.map((_, r) => line(cols.map((k) => k.cells[r]!)));
  const nReps = result.reps.length;
  const body = [...rows.slice(0, nReps), ...(rows.length > nReps + 1 ? [rule] : []), ...rows.slice(nReps, -1), rule, rows[rows.length - 1]!];

  const p = result.period;
  const notes: string[] = [];
  for (const line of wrapItems(
    t('table.legend'),
    metrics.map((m, i) => `M${i + 1} ${displayText(m.label)}`),
    opts.width,
  ))
    notes.push(line);
  if (result.reps.some((r) => !r.hasData)) notes.push(t('table.noDataNote'));
  // One line per few reps: a loop, not push(...lines), which overflows the stack on a very large roster.
  if (gated.length)
    for (const line of wrapItems(
      t('table.gated'),
      gated.map((r) => `${displayText(r.rep.name)} (${displayText(gateTest(r, t))})`),
      opts.width,
    ))
      notes.push(line);
  notes.push(c.dim(t('table.wider')));
  return (
    [
      c.bold(
        displayText(
          t('table.title', { scheme: result.schemeName, period: t('period.span', { label: p.label, start: isoFromDay(p.start), end: isoFromDay(p.end) }) }),
        ),
      ),
      head,
      rule,
      ...body,
      '',
      ...notes,
    ].join('\n') + '\n'
  );
}

/** "Lead: a · b · c" wrapped to `max` columns, continuation lines indented. */
function wrapItems(lead: string, items: string[], max: number): string[] {
  const lines: string[] = [];
  let cur = lead;
  for (const item of items) {
    const next = `${cur}${cur === lead ? (lead.endsWith('：') ? '' : ' ') : '  '}${item}`; // no space after a full-width colon
    if (width(next) > max && cur !== lead && cur.trim() !== '') {
      lines.push(cur);
      cur = `  ${item}`;
    } else cur = next;
  }
  lines.push(cur);
  return lines;
}
