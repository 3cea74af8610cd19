// Filters evaluated column-wise into row masks (no per-row objects), and their text for provenance.
import type { Condition, Scalar } from './model.js';
import type { Column, Table } from './table.js';
import { dayFromIso } from './period.js';
import { toMinorUnits } from './money.js';

/** A condition value as a number in the column's own representation (minor units, DayNumber); NaN if none. */
function numericValue(col: Column, v: Scalar): number {
  if (typeof v === 'boolean') return NaN;
  if (col.type === 'date') {
    if (typeof v === 'number') return v;
    const d = dayFromIso(v);
    return d === null ? NaN : d;
  }
  const n = typeof v === 'number' ? v : Number(v.trim());
  if (!Number.isFinite(n)) return NaN;
  return col.type === 'money' ? toMinorUnits(n, col.scale) : n;
}

const text = (v: Scalar): string => String(v).trim();

/**
 * Rows of `table` that pass `cond` (1) or not (0). Strings compare exactly after trimming. Blank cells pass
 * only `blank`, `ne` and `not_in` (a blank is not equal to anything). null when the column is missing.
 */
export function conditionMask(table: Table, cond: Condition): Uint8Array | null {
  const col = table.columns.get(cond.column);
  if (!col) return null;
  const n = table.rowCount;
  const out = new Uint8Array(n);
  if (col.type === 'string') {
    const vals = col.values;
    const isBlank = (s: string | null): boolean => s === null || s.trim() === '';
    switch (cond.op) {
      case 'blank':
      case 'not_blank': {
        const want = cond.op === 'blank';
        for (let i = 0; i < n; i++) out[i] = isBlank(vals[i]!) === want ? 1 : 0;
        return out;
      }
      case 'eq':
      case 'ne': {
        const t = text(cond.value);
        const eq = cond.op === 'eq' ? 1 : 0;
        for (let i = 0; i < n; i++) {
          const s = vals[i];
          out[i] = (s != null && s.trim() === t ? 1 : 0) === eq ? 1 : 0;
        }
        return out;
      }
      case 'in':
      case 'not_in': {
        const set = new Set(cond.values.map(text));
        const inn = cond.op === 'in' ? 1 : 0;
        for (let i = 0; i < n; i++) {
          const s = vals[i];
          out[i] = (s != null && set.has(s.trim()) ? 1 : 0) === inn ? 1 : 0;
        }
        return out;
      }
      case 'contains': {
        const t = cond.value;
        for (let i = 0; i < n; i++) out[i] = vals[i]?.includes(t) ? 1 : 0;
        return out;
      }
      default: {
        // gt/gte/lt/lte/between on text: numeric when the cells are numbers, else plain string order.
        const cmp = (s: string, v: number | string): number => {
          const a = Number(s);
          const b = typeof v === 'number' ? v : Number(v);
          if (s !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
          const bs = String(v);
          return s < bs ? -1 : s > bs ? 1 : 0;
        };
        for (let i = 0; i < n; i++) {
          const raw = vals[i];
          if (raw == null || raw.trim() === '') continue;
          const s = raw.trim();
          let ok: boolean;
          if (cond.op === 'between') ok = cmp(s, cond.min) >= 0 && cmp(s, cond.max) <= 0;
          else {
            const c = cmp(s, cond.value);
            ok = cond.op === 'gt' ? c > 0 : cond.op === 'gte' ? c >= 0 : cond.op === 'lt' ? c < 0 : c <= 0;
          }
          out[i] = ok ? 1 : 0;
        }
        return out;
      }
    }
  }
  const vals = col.values;
  switch (cond.op) {
    case 'blank':
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(vals[i]!) ? 1 : 0;
      return out;
    case 'not_blank':
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(vals[i]!) ? 0 : 1;
      return out;
    case 'eq':
    case 'ne': {
      const t = numericValue(col, cond.value);
      const eq = cond.op === 'eq' ? 1 : 0;
      for (let i = 0; i < n; i++) out[i] = (vals[i] === t ? 1 : 0) === eq ? 1 : 0;
      return out;
    }
    case 'in':
    case 'not_in': {
      const set = new Set(cond.values.map((v) => numericValue(col, v)));
      const inn = cond.op === 'in' ? 1 : 0;
      for (let i = 0; i < n; i++) out[i] = (set.has(vals[i]!) ? 1 : 0) === inn ? 1 : 0;
      return out;
    }
    case 'contains':
      return out; // text match on a numeric column never passes
    case 'between': {
      const lo = numericValue(col, cond.min);
      const hi = numericValue(col, cond.max);
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        out[i] = v >= lo && v <= hi ? 1 : 0; // NaN compares false
      }
      return out;
    }
    default: {
      const t = numericValue(col, cond.value);
      const op = cond.op;
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        out[i] = (op === 'gt' ? v > t : op === 'gte' ? v >= t : op === 'lt' ? v < t : v <= t) ? 1 : 0;
      }
      return out;
    }
  }
}

const show = (v: Scalar): string => String(v);

function conditionText(c: Condition): string {
  switch (c.op) {
    case 'eq':
      return `${c.column} = ${show(c.value)}`;
    case 'ne':
      return `${c.column} != ${show(c.value)}`;
    case 'in':
      return `${c.column} in (${c.values.map(show).join(', ')})`;
    case 'not_in':
      return `${c.column} not in (${c.values.map(show).join(', ')})`;
    case 'gt':
      return `${c.column} > ${show(c.value)}`;
    case 'gte':
      return `${c.column} >= ${show(c.value)}`;
    case 'lt':
      return `${c.column} < ${show(c.value)}`;
    case 'lte':
      return `${c.column} <= ${show(c.value)}`;
    case 'between':
      return `${c.column} between ${show(c.min)} and ${show(c.max)}`;
    case 'contains':
      return `${c.column} contains "${c.value}"`;
    case 'blank':
      return `${c.column} is blank`;
    case 'not_blank':
      return `${c.column} is not blank`;
  }
}

/** "stage = Won AND amount > 0"; "" for no filter. */
export function filterText(conds: readonly Condition[]): string {
  return conds.map(conditionText).join(' AND ');
}
