// Plain text tables for the plan-design commands (backtest, diff, targets): columns padded by display width
// (a Chinese character takes two columns), no borders, so a summary fits 80 columns.
import { displayText } from './view.js';

export type Align = 'left' | 'right';

/** Columns a terminal gives a character: 2 for East Asian wide and full-width forms, 0 for combining marks. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c < 0x370) || c === 0x200b) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Cut to at most `width` columns, marking the cut with "…". */
export function fitText(s: string, width: number): string {
  const clean = displayText(s);
  if (displayWidth(clean) <= width) return clean;
  let out = '';
  for (const ch of clean) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Rows of cells under a header, two spaces between columns; trailing spaces trimmed. */
export function textTable(head: string[], rows: string[][], align: Align[]): string[] {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, align[i] ?? 'left')).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

export function widestLine(lines: readonly string[]): number {
  return Math.max(0, ...lines.map(displayWidth));
}

/** "+1,234.50" / "-12.00" / "0.00": a change in money, always signed. */
export function signed(formatted: string, x: number): string {
  return x > 0 ? `+${formatted}` : x < 0 && !formatted.startsWith('-') ? `-${formatted}` : formatted;
}
