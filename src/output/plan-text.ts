// Plain text tables for the plan-design commands (backtest, diff, targets): columns padded by display width
// (a Chinese character takes two columns), no borders, so a summary fits 80 columns.
import { Chalk } from 'chalk';
import { displayText } from './view.js';
import { displayWidth, truncateToWidth } from './text-width.js';
import { issueCount, notFinalLine, type RunStatus } from './status.js';
import { english, type Translate } from '../messages/index.js';

export type Align = 'left' | 'right';

/** Cut to at most `width` columns, marking the cut with "…". */
export function fitText(s: string, width: number): string {
  return truncateToWidth(displayText(s), width);
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Rows of cells under a header, two spaces between columns; trailing spaces trimmed. */
export function textTable(head: string[], rows: string[][], align: Align[]): string[] {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, align[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

export function widestLine(lines: readonly string[]): number {
  return lines.reduce((w, l) => Math.max(w, displayWidth(l)), 0);
}

/** "+1,234.50" / "-12.00" / "0.00": a change in money, always signed. */
export function signed(formatted: string, x: number): string {
  return x > 0 ? `+${formatted}` : x < 0 && !formatted.startsWith('-') ? `-${formatted}` : formatted;
}

/**
 * The text a plan command prints, between two NOT FINAL lines when its figures rest on data with issues (as kpi
 * score's table is), so a backtest or a diff of untrusted runs never looks like a normal one.
 */
export function notFinalAround(text: string, status: RunStatus, color: boolean, width = 80, t: Translate = english, where = t('status.whereStderr')): string {
  if (status.final) return text;
  const long = notFinalLine(status, where, t);
  const line = displayWidth(long) <= width ? long : t('status.notFinalShort', { count: issueCount(status, t) });
  const banner = new Chalk({ level: color ? 1 : 0 }).bold.red(line);
  return `${banner}\n${text}${text.endsWith('\n') ? '' : '\n'}${banner}\n`;
}
