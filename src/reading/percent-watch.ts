// What a plain number means in a percent column. `10%` and a workbook cell formatted as a percentage say it;
// a plain number is a fraction (0.1 = 10 %), as Excel and pandas store percentages. A plain number above 1
// (`10`) reads as over 100 %, and may well be percent points typed without the sign (10 = 10 %): a 100× error
// in a payout. Each column is watched while it is read and settled at the end:
//   - something in the column shows how it writes percentages (a % sign, a percent-formatted cell, a plain
//     fraction such as 0.85) → each plain value above 1 is kept as a fraction and reported (a warning);
//   - nothing does (every non-zero value is a plain number above 1) → the run stops, naming the column, a value
//     and both readings.

import type { SourceSpec } from '../core/model.js';
import { DataError } from './errors.js';
import { problem, type Problem } from '../messages/index.js';

export interface Large {
  row: number;
  line: number;
  raw: string;
  value: number;
}

export interface PercentSeen {
  told: Uint8Array;
  large: readonly (Large[] | undefined)[];
  /** Number columns: the first plain value above 1 and how many there were (a quantity column has many). */
  plain: readonly (Plain | undefined)[];
}

interface Plain {
  first: Large;
  count: number;
}

export interface PercentWarning {
  col: number;
  row: number;
  line: number;
  raw: string;
  problem: Problem;
}

/** A fraction as a percentage, without float noise: 10 → "1000 %". */
const asPercent = (v: number): string => `${Number((v * 100).toPrecision(12))} %`;

export class PercentWatch {
  /** Per mapped column: 1 once a value showed how the column writes percentages. */
  private readonly told: Uint8Array;
  private readonly large: (Large[] | undefined)[] = [];
  private readonly plain: (Plain | undefined)[] = [];

  constructor(private readonly spec: SourceSpec) {
    this.told = new Uint8Array(spec.columns.length);
  }

  /**
   * A value read in percent or number column `col` of a row that is kept. `marked`: written with % or formatted
   * as a percentage in the workbook. A number column reads `10%` as 0.1 and `10` as 10: beside a `10%`, a plain
   * `10` may be 10 % typed without its sign (a discount of 10 = 1000 %), so the two together are said once.
   */
  see(col: number, value: number, marked: boolean, row: number, line: number, raw: string): void {
    if (Number.isNaN(value) || value === 0) return; // blank, unreadable (reported elsewhere) or 0 either way
    const size = Math.abs(value);
    if (this.spec.columns[col]?.type === 'number') {
      if (marked) this.told[col] = 1;
      else if (size > 1) {
        const p = this.plain[col];
        if (p === undefined) this.plain[col] = { first: { row, line, raw, value }, count: 1 };
        else p.count++;
      }
      return;
    }
    if (marked || size < 1) this.told[col] = 1;
    else if (size > 1) {
      let list = this.large[col];
      if (list === undefined) this.large[col] = list = [];
      list.push({ row, line, raw, value });
    }
  }

  /** Parallel read (csv-parallel.ts): what this watch saw, rows as this thread counted them. */
  get seen(): PercentSeen {
    return { told: this.told, large: this.large, plain: this.plain };
  }

  /** Parallel read: what a watch saw in the rows after this one's, its row and line numbers moved on by the offsets. */
  merge(part: PercentSeen, rowOffset: number, lineOffset: number): void {
    part.told.forEach((t, col) => {
      if (t === 1) this.told[col] = 1;
    });
    part.large.forEach((list, col) => {
      if (list === undefined || list === null) return;
      let mine = this.large[col];
      if (mine === undefined) this.large[col] = mine = [];
      for (const l of list) mine.push({ row: l.row + rowOffset, line: l.line + lineOffset, raw: l.raw, value: l.value });
    });
    part.plain.forEach((p, col) => {
      if (p === undefined || p === null) return;
      const mine = this.plain[col];
      if (mine !== undefined) mine.count += p.count;
      else this.plain[col] = { first: { ...p.first, row: p.first.row + rowOffset, line: p.first.line + lineOffset }, count: p.count };
    });
  }

  /** After the last row: warnings for plain values above 1; throws when nothing in a column tells. */
  settle(): PercentWarning[] {
    const out: PercentWarning[] = [];
    const file = this.spec.fileAsWritten;
    this.plain.forEach((p, col) => {
      if (p === undefined || this.told[col] !== 1) return;
      const f = p.first;
      const points = Number(f.value.toPrecision(12));
      out.push({
        col,
        row: f.row,
        line: f.line,
        raw: f.raw,
        problem: problem('KPI2169', { value: f.raw, n: p.count, points, fraction: Number((f.value / 100).toPrecision(12)) }),
      });
    });
    this.large.forEach((list, col) => {
      if (list === undefined || list.length === 0) return;
      const header = this.spec.columns[col]?.header ?? '';
      if (this.told[col] !== 1) {
        const first = list[0]!;
        const points = Number(first.value.toPrecision(12));
        throw new DataError(
          problem('KPI2684', {
            file,
            column: header,
            row: first.row,
            value: first.raw,
            n: list.length,
            percent: asPercent(first.value),
            points,
            fraction: Number((first.value / 100).toPrecision(12)),
          }),
          { file, row: first.row, column: header },
        );
      }
      for (const l of list) {
        out.push({
          col,
          row: l.row,
          line: l.line,
          raw: l.raw,
          problem: problem('KPI2162', { value: l.raw, percent: asPercent(l.value), points: Number(l.value.toPrecision(12)) }),
        });
      }
    });
    return out;
  }
}
