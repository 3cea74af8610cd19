// Row-level derived columns (deal cycle, days to collect, row formulas), computed column-wise.
import type { SourceSpec } from './model.js';
import type { Column, Table } from './table.js';
import { evalExpr } from './expr.js';

/** Numeric value of a column at a row in currency/plain units; null when blank or not numeric. */
export function numericAt(col: Column, row: number): number | null {
  if (col.type === 'string') return null;
  const v = col.values[row]!;
  if (Number.isNaN(v)) return null;
  return col.type === 'money' ? v / 10 ** col.scale : v;
}

/**
 * Adds the source's derived columns to a copy of `table` (the input is not changed). Columns already present
 * are kept, so calling this twice is harmless. Blank inputs, division by zero or a missing column give blank.
 */
export function addDerivedColumns(table: Table, source: SourceSpec): Table {
  if (source.derived.length === 0) return table;
  const columns = new Map<string, Column>(table.columns);
  const n = table.rowCount;
  for (const d of source.derived) {
    if (columns.has(d.name)) continue;
    const out = new Float64Array(n);
    if (d.kind === 'days_between') {
      const from = columns.get(d.from);
      const to = columns.get(d.to);
      if (from && to && from.type !== 'string' && to.type !== 'string') {
        const a = from.values;
        const b = to.values;
        // NaN (blank) propagates through the subtraction by itself.
        for (let i = 0; i < n; i++) out[i] = b[i]! - a[i]!;
      } else out.fill(NaN);
    } else {
      let row = 0;
      const ref = (name: string): number | null => {
        const c = columns.get(name);
        return c ? numericAt(c, row) : null;
      };
      for (row = 0; row < n; row++) {
        const v = evalExpr(d.formula, ref);
        out[row] = v === null ? NaN : v;
      }
    }
    columns.set(d.name, { type: 'number', values: out });
  }
  return { ...table, columns };
}
