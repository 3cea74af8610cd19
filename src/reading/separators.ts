// Which separator marks decimals, when the scheme does not say (`decimal:` absent). A value like 1.500 or
// 12,000 reads as two numbers 1000× apart; only the rest of its column can tell which one was meant. Each
// column is watched while it is read and settled at the end:
//   - values readable only with a decimal comma (12,5 · 1.234,56), none only with a point → the run stops:
//     declare decimal: ','.
//   - values that read two ways, and the column shows a decimal point (12.50 · 1,234.56) and never a comma →
//     read the column's way: 1,500 is 1500, 1.500 is 1.5. In a money column 1.500 has more decimals than the
//     currency, so it is reported (a warning: it may be a thousands separator typed the other way).
//   - values that read two ways and nothing in the column says which → the run stops, naming the value, both
//     readings and the two settings.

import type { SourceSpec } from '../core/model.js';
import { DataError } from './errors.js';
import { parseNumberText, newNote, SEP_COMMA, SEP_DOT, type NumberStyle } from './values.js';
import { problem, type Problem } from '../messages/index.js';

interface Seen {
  row: number;
  raw: string;
}

export interface ColumnState {
  dot?: Seen;
  comma?: Seen;
  guesses: { row: number; line: number; raw: string }[];
}

export interface Guess {
  col: number;
  row: number;
  line: number;
  raw: string;
  problem: Problem;
}

export class SeparatorWatch {
  private readonly cols: ColumnState[] = [];

  constructor(
    private readonly spec: SourceSpec,
    private readonly declared: boolean,
    /** Decimal places of the currency (money columns). */
    private readonly minorUnit: number,
  ) {}

  private state(col: number): ColumnState {
    let s = this.cols[col];
    if (s === undefined) this.cols[col] = s = { guesses: [] };
    return s;
  }

  /** Still looking for a value that shows a decimal point in this column (the fast path asks before scanning). */
  wantsDot(col: number): boolean {
    return !this.declared && this.cols[col]?.dot === undefined;
  }

  /** A value showed the decimal point (SEP_DOT) or comma (SEP_COMMA). */
  saw(col: number, bits: number, row: number, raw: string): void {
    if (this.declared) return;
    const s = this.state(col);
    if ((bits & SEP_DOT) !== 0 && s.dot === undefined) s.dot = { row, raw };
    if ((bits & SEP_COMMA) !== 0 && s.comma === undefined) s.comma = { row, raw };
  }

  /** A kept value that reads two ways. */
  guess(col: number, row: number, line: number, raw: string): void {
    if (!this.declared) this.state(col).guesses.push({ row, line, raw });
  }

  /** Parallel read (csv-parallel.ts): what this watch saw, per column, rows as this thread counted them. */
  get seen(): readonly (ColumnState | undefined)[] {
    return this.cols;
  }

  /** Parallel read: what a watch saw in the rows after this one's, its row and line numbers moved on by the offsets. */
  merge(part: readonly (ColumnState | undefined)[], rowOffset: number, lineOffset: number): void {
    part.forEach((p, col) => {
      if (p === undefined || p === null) return;
      const s = this.state(col);
      // The first value in file order that showed each separator: this part's only when the rows before showed none.
      if (s.dot === undefined && p.dot !== undefined) s.dot = { row: p.dot.row + rowOffset, raw: p.dot.raw };
      if (s.comma === undefined && p.comma !== undefined) s.comma = { row: p.comma.row + rowOffset, raw: p.comma.raw };
      for (const g of p.guesses) s.guesses.push({ row: g.row + rowOffset, line: g.line + lineOffset, raw: g.raw });
    });
  }

  /** After the last row: the warnings for values read with the column's own decimal point; throws when it cannot tell. */
  settle(style: NumberStyle): Guess[] {
    const out: Guess[] = [];
    const file = this.spec.fileAsWritten;
    this.cols.forEach((s, col) => {
      if (s === undefined) return;
      const header = this.spec.columns[col]?.header ?? '';
      if (s.comma !== undefined && s.dot === undefined) {
        throw new DataError(problem('KPI2681', { file, column: header, row: s.comma.row, value: s.comma.raw }), { file, row: s.comma.row, column: header });
      }
      if (s.guesses.length === 0) return;
      const first = s.guesses[0]!;
      const [asPoint, asComma] = readings(first.raw, style);
      if (s.dot === undefined || s.comma !== undefined) {
        const said = { file, column: header, row: first.row, value: first.raw, asPoint, asComma, n: s.guesses.length };
        throw new DataError(
          s.dot === undefined
            ? problem('KPI2682', said)
            : problem('KPI2683', { ...said, dotRow: s.dot.row, dot: s.dot.raw, commaRow: s.comma!.row, comma: s.comma!.raw }),
          { file, row: first.row, column: header },
        );
      }
      if (this.spec.columns[col]?.type !== 'money') return;
      for (const g of s.guesses) {
        // 1,500 in a column of 1,234.56: a thousands separator, as the column writes them. 1.500 in money: three
        // decimals where the currency has fewer; read the column's way, but it may be 1500 typed the other way.
        const digits = /[.,](\d+)\D*$/.exec(g.raw)?.[1]?.length ?? 0;
        const point = g.raw.lastIndexOf('.') > g.raw.lastIndexOf(',');
        // A column in 万元 (scale: 10000) holds 4 more decimals of the currency.
        const minor = this.minorUnit + Math.round(Math.log10(this.spec.columns[col]?.scale ?? 1));
        if (!point || digits <= minor) continue;
        const [p, c] = readings(g.raw, style);
        out.push({
          col,
          row: g.row,
          line: g.line,
          raw: g.raw,
          problem: problem('KPI2161', { value: g.raw, digits, minor, read: p, row: s.dot.row, example: s.dot.raw, other: c }),
        });
      }
    });
    return out;
  }
}

/** The value read with a decimal point and with a decimal comma, as plain numbers. */
function readings(raw: string, style: NumberStyle): [string, string] {
  const read = (decimal: '.' | ','): string => {
    const n = parseNumberText(raw, { ...style, decimal, declared: true }, newNote());
    return Number.isNaN(n) ? '?' : String(n);
  };
  return [read('.'), read(',')];
}
