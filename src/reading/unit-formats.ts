// Workbook cells whose number format shows them divided: `0!.0000"万"` shows 123456 as 12.3456万, `#,##0,"K"` as 123K.
// The cell holds the amount in the currency; only the display is in 万 or thousands. Under a header such as 金额(万元)
// the scheme may well say `scale: 10000` (KPI2166 asks for it), and each such amount would be counted 10,000 times
// over: ¥1,234,560,000 for ¥123,456, in a run that looks normal. Such a cell in a scaled column is refused; a column
// whose header names a unit and has no scale is not told to add one when its cells say they hold the currency.

import type { SourceSpec } from '../core/model.js';
import type { DataIssue, Table } from '../core/table.js';
import { type Problem, problem } from '../messages/index.js';
import { columnLetter } from './header.js';
import { headerUnit } from './header-units.js';
import type { UnitFormat } from './xlsx/styles.js';

/** A money or number column with a scale above 1. */
const SCALED = 1;
/** A money or number column whose header names a unit and that has no scale (KPI2166). */
const UNIT_HEADER = 2;

const shown = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 10 });

export class UnitFormats {
  /** Per mapped column: SCALED, UNIT_HEADER or 0. */
  readonly cols: Uint8Array;
  /** UNIT_HEADER columns: the first cell shown divided, and how many were. */
  private readonly seen: ({ cell: string; value: number; format: UnitFormat; count: number } | undefined)[] = [];

  private constructor(
    private readonly spec: SourceSpec,
    cols: Uint8Array,
    /** FMT_UNIT + index → the format. */
    private readonly formats: readonly UnitFormat[],
    private readonly sheet: string,
  ) {
    this.cols = cols;
  }

  /** Null when the workbook has no such format or no column of `spec` could be misread by one. */
  static of(spec: SourceSpec, formats: readonly UnitFormat[], sheet: string): UnitFormats | null {
    if (formats.length === 0) return null;
    const cols = Uint8Array.from(spec.columns, (c) =>
      c.type !== 'money' && c.type !== 'number' ? 0 : (c.scale ?? 1) > 1 ? SCALED : c.scale === undefined && headerUnit(c.header) !== null ? UNIT_HEADER : 0,
    );
    return cols.some((c) => c !== 0) ? new UnitFormats(spec, cols, formats, sheet) : null;
  }

  /**
   * Number `n` of mapped column `col`, in workbook column `p` of `row`, shown divided by format `kind` (FMT_UNIT +
   * index): why it is not read (a scaled column), or null (noted for a UNIT_HEADER column's KPI2166).
   */
  see(col: number, p: number, row: number, n: number, unit: number): Problem | null {
    const format = this.formats[unit];
    if (format === undefined) return null;
    const cell = `${columnLetter(p)}${row}`;
    if (this.cols[col] === UNIT_HEADER) {
      const s = this.seen[col];
      if (s === undefined) this.seen[col] = { cell, value: n, format, count: 1 };
      else s.count++;
      return null;
    }
    const scale = this.spec.columns[col]?.scale ?? 1;
    return problem('KPI2170', {
      value: shown(n),
      cell,
      sheet: this.sheet,
      format: format.code,
      shown: shown(Number((n / format.factor).toPrecision(12))),
      factor: shown(format.factor),
      scale: String(scale),
      scaled: shown(n * scale),
    });
  }

  /**
   * KPI2166 (add a scale) for a column whose cells are shown divided by their format, so hold the currency: said
   * instead as KPI2171, with the first such cell and how many of the column's values are so.
   */
  settle(issues: DataIssue[], table: Table): void {
    this.seen.forEach((s, col) => {
      if (s === undefined) return;
      const c = this.spec.columns[col];
      const at = issues.findIndex((i) => i.code === 'KPI2166' && i.column === c?.header);
      const unit = c === undefined ? null : headerUnit(c.header);
      if (c === undefined || at === -1 || unit === null) return;
      const column = table.columns.get(c.name);
      let total = 0;
      if (column !== undefined && column.type !== 'string') for (const v of column.values) if (!Number.isNaN(v)) total++;
      const p = problem('KPI2171', {
        header: c.header,
        unit: unit.unit,
        cell: s.cell,
        value: shown(s.value),
        format: s.format.code,
        factor: shown(s.format.factor),
        count: s.count,
        total: Math.max(total, s.count),
      });
      const old = issues[at] as DataIssue;
      issues[at] = { ...old, reason: p.text, code: p.code, params: p.params };
    });
  }
}
