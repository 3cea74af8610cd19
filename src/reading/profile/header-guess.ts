// Which row is the header when there is no scheme to say which headers to look for. `kpi score` finds the
// header as the first of the first 20 rows holding every mapped header; without a scheme, peek takes the
// first row of labels that spans the table: a title block above it ("Sales report", "Exported 2026-12-01")
// fills a cell or two, a header fills most columns with text, a data row holds numbers and dates.

import { parseDateText, parseNumberText, newNote, type NumberStyle } from '../values.js';
import { HEADER_SEARCH_ROWS } from '../header.js';

export { HEADER_SEARCH_ROWS };

export type CellKind = 'blank' | 'label' | 'value';

export interface HeaderCandidate {
  row: number;
  /** The cells as header text (trimmed, NFC), as the header search compares them. */
  cells: string[];
  kinds: CellKind[];
}

export type HeaderReason =
  | { code: 'given' }
  | { code: 'first-row'; labels: number }
  | { code: 'after-title'; labels: number; width: number; from: number; to: number; filled: number }
  | { code: 'fallback'; width: number };

export interface HeaderChoice {
  row: number;
  reason: HeaderReason;
}

/** Numbers in a header row as a decimal point writes them, in any currency: enough to tell a value from a label. */
const STYLE: NumberStyle = { decimal: '.', declared: true, currency: { code: '', symbol: '' } };

/** A text cell that reads as a number or a date is a value, not a label. */
export function textKind(text: string): CellKind {
  const t = text.trim();
  if (t === '') return 'blank';
  const note = newNote();
  if (!Number.isNaN(parseNumberText(t, STYLE, note)) && note.error === null) return 'value';
  note.error = null;
  if (!Number.isNaN(parseDateText(t, 'ymd', note)) && note.error === null) return 'value';
  return 'label';
}

const filled = (c: HeaderCandidate): number => c.kinds.reduce((n, k) => n + (k === 'blank' ? 0 : 1), 0);
const values = (c: HeaderCandidate): number => c.kinds.reduce((n, k) => n + (k === 'value' ? 1 : 0), 0);

/** The header among the first rows of a file (all of them when it is short); null when every row is blank. */
export function guessHeader(rows: readonly HeaderCandidate[]): HeaderChoice | null {
  const nonBlank = rows.filter((r) => filled(r) > 0);
  const first = nonBlank[0];
  if (first === undefined) return null;
  const width = Math.max(...nonBlank.map(filled)); // bounded spread: the first 20 rows of a file
  const need = width <= 1 ? 1 : Math.max(2, Math.ceil(width / 2));
  for (const r of nonBlank) {
    const n = filled(r);
    if (n < need || values(r) * 4 > n) continue;
    if (r === first) return { row: r.row, reason: { code: 'first-row', labels: n } };
    const above = nonBlank.filter((x) => x.row < r.row);
    return {
      row: r.row,
      reason: {
        code: 'after-title',
        labels: n,
        width,
        from: (above[0] as HeaderCandidate).row,
        to: (above[above.length - 1] as HeaderCandidate).row,
        filled: Math.max(...above.map(filled)), // bounded spread: rows above the header, within the first 20
      },
    };
  }
  return { row: first.row, reason: { code: 'fallback', width } };
}
