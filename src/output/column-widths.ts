// Column widths from what the cells show, so a wide table prints one page wide at a readable scale: each column as
// wide as its longest value (Chinese characters count twice), headers wrapped onto two or three lines, long text
// wrapped within a capped width.
import { displayWidth } from './text-width.js';
import type { Cell, Worksheet } from './excel.js';

export interface FitOptions {
  /** Header row (its text wraps and does not widen a column beyond its longest word). */
  headerRow?: number;
  /** Widest a column may get; longer text wraps. */
  maxWidth?: number;
  minWidth?: number;
  /** Columns (1-based) left as they are. */
  keep?: readonly number[];
  /** Last row of the table (notes below it do not size columns). */
  lastRow?: number;
  /** Widest text of columns (1-based) whose rows are not in the sheet model (written as XML later). */
  contentWidths?: ReadonlyMap<number, number>;
}

/**
 * en-US grouping with exactly `decimals` places, as `x.toLocaleString('en-US', {minimum…, maximumFractionDigits})`
 * gives it: that call builds a new Intl.NumberFormat every time, and a report sizes its columns from every cell.
 */
const GROUPED = new Map<number, Intl.NumberFormat>();
export function groupedNumber(x: number, decimals: number): string {
  let f = GROUPED.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    GROUPED.set(decimals, f);
  }
  return f.format(x);
}

/** The text a number shows under `numFmt`, near enough to size a column. */
function shownNumber(x: number, numFmt: string | undefined): string {
  const fmt = numFmt ?? '';
  const decimals = /0\.(0+)/.exec(fmt)?.[1]?.length ?? (Number.isInteger(x) ? 0 : 2);
  if (fmt.includes('%')) return `${(x * 100).toFixed(decimals)}%`;
  const symbol = /"([^"]*)"/.exec(fmt)?.[1] ?? '';
  if (fmt.includes('万')) return `${symbol}${(x / 10_000).toFixed(4)}万`;
  const grouped = fmt.includes('#,##0') ? groupedNumber(x, decimals) : x.toFixed(decimals);
  return symbol + grouped;
}

function shownText(cell: Cell): string {
  let v = cell.value as unknown;
  if (v instanceof Date) return '2026-11-30';
  if (v !== null && typeof v === 'object') {
    // A formula (exceljs drops a cached 0), rich text or a hyperlink.
    const o = v as { result?: unknown; formula?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('formula' in o || 'sharedFormula' in o) v = o.result ?? 0;
    else if (o.richText) v = o.richText.map((r) => r.text).join('');
    else if (typeof o.text === 'string') v = o.text;
    else return '';
  }
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return shownNumber(v, cell.numFmt);
  return String(v);
}

/** Display width of the widest line of `s` in character cells (CJK = 2). */
export function textWidth(s: string): number {
  return s.split('\n').reduce((w, line) => Math.max(w, displayWidth(line)), 0); // a fold: a cell may hold thousands of lines
}

export function fitColumns(ws: Worksheet, opts: FitOptions = {}): void {
  const header = opts.headerRow ?? 1;
  const max = opts.maxWidth ?? 40;
  const min = opts.minWidth ?? 5;
  const widths = new Map<number, number>();
  const headerWords = new Map<number, number>();
  const lastRow = opts.lastRow ?? Infinity;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > lastRow) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const text = shownText(cell);
      if (r === header)
        headerWords.set(
          c,
          text.split(/\s+/).reduce((m, w) => Math.max(m, displayWidth(w)), 0),
        );
      // A bold, larger title in the first rows above the header does not size a column.
      else if (r > header) widths.set(c, Math.max(widths.get(c) ?? 0, textWidth(text)));
    });
  });
  for (const [c, w] of opts.contentWidths ?? []) widths.set(c, Math.max(widths.get(c) ?? 0, w));
  const keep = new Set(opts.keep ?? []);
  const columns = [...widths.keys(), ...headerWords.keys()].reduce((m, k) => Math.max(m, k), 0);
  const wrapped: number[] = [];
  for (let c = 1; c <= columns; c++) {
    if (keep.has(c)) continue;
    const content = widths.get(c) ?? 0;
    // A header wraps onto at most three lines.
    const headerText = header > 0 ? shownText(ws.getCell(header, c)) : '';
    const byHeader = Math.max(headerWords.get(c) ?? 0, Math.ceil(textWidth(headerText) / 3));
    const width = Math.min(max, Math.max(min, content, byHeader) + 2);
    const col = ws.getColumn(c);
    col.width = width;
    if (content + 2 > max) {
      col.alignment = { ...col.alignment, wrapText: true, vertical: 'top' };
      wrapped.push(c);
    }
  }
  // Neither Excel nor LibreOffice grows a row for wrapped text when it opens a file: give such rows their height.
  if (wrapped.length) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= header || r > lastRow) return;
      let lines = 1;
      for (const c of wrapped) lines = Math.max(lines, wrappedLines(shownText(row.getCell(c)), (ws.getColumn(c).width ?? 10) - 1));
      if (lines > 1) row.height = 15 * lines;
    });
  }
  if (header > 0) {
    const row = ws.getRow(header);
    let lines = 1;
    row.eachCell((cell, c) => {
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'bottom' };
      const width = ws.getColumn(c).width ?? 10;
      lines = Math.max(lines, wrappedLines(shownText(cell), width - 1));
    });
    // Excel does not grow a row for wrapped text on its own: say how tall the header is.
    if (lines > 1) row.height = 15 * lines;
  }
}

/** Lines `text` takes when wrapped at `width` character cells (by words, as spreadsheets wrap). */
export function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of para.split(/(?<=\s)/)) {
      const w = displayWidth(word);
      if (used > 0 && used + w > width) {
        lines++;
        used = 0;
      }
      used += w;
      while (used > width) {
        lines++;
        used -= width;
      }
    }
  }
  return lines;
}

/**
 * Widens a column wherever a cell's text is wider than the column and the next cell of its row is filled: a
 * spreadsheet cuts such text off on screen and on paper. Up to `maxWidth`; wider text wraps in its row.
 */
export function widenClipped(ws: Worksheet, maxWidth = 48): void {
  const need = new Map<number, number>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const next = row.getCell(c + 1);
      if (next.value === null || next.value === undefined || next.value === '') return;
      if (cell.alignment?.wrapText) return;
      need.set(c, Math.max(need.get(c) ?? 0, textWidth(shownText(cell)) + 2));
    });
  });
  for (const [c, w] of need) {
    const col = ws.getColumn(c);
    if ((col.width ?? 9) < w) col.width = Math.min(maxWidth, w);
  }
}
