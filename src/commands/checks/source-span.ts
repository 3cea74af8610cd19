// What a source's file holds, said when it lacks what the run needs: the first and last day its rows are dated
// with, or the period labels it names, and its row count ("holds 2026-08-01 to 2026-10-31 (1,200 rows)").
import type { SourceSpec } from '../../core/model.js';
import type { Table } from '../../core/table.js';
import { isoFromDay, normaliseLabel } from '../../core/period.js';
import type { MessageKey } from '../../messages/index.js';

/**
 * The first and last day a source's rows are dated with, or the periods its labels name (with the labels that name
 * them); lo > hi when there is none. `kind` says which column placed the rows.
 */
export function extent(
  table: Table,
  spec: SourceSpec,
): { kind: 'date' | 'label' | 'none'; name?: string; lo: number; hi: number; first?: string; last?: string } {
  const name = spec.date ?? spec.period;
  const col = name === undefined ? undefined : table.columns.get(name);
  let lo = Infinity;
  let hi = -Infinity;
  if (col?.type === 'date') {
    for (const d of col.values) {
      if (Number.isNaN(d)) continue;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    return { kind: 'date', name, lo, hi };
  }
  if (col?.type !== 'string') return { kind: 'none', lo, hi };
  let first: string | undefined;
  let last: string | undefined;
  const seen = new Set<string>();
  for (const raw of col.values) {
    if (raw == null || seen.has(raw)) continue;
    seen.add(raw);
    const p = normaliseLabel(raw);
    if (!p) continue;
    if (p.start < lo) [lo, first] = [p.start, raw.trim()];
    if (p.end > hi) [hi, last] = [p.end, raw.trim()];
  }
  return { kind: 'label', name, lo, hi, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
}

/** What a file holds (its dates or period labels, and rows), as a term and its values for a problem. */
export type Holds = { holdsTerm: MessageKey; rows?: number; skipped?: number; from?: string; to?: string; column?: string };

export function spanSaid(table: Table, spec: SourceSpec, skipped: number): Holds {
  const rows = table.rowCount;
  if (rows === 0) return skipped > 0 ? { holdsTerm: 'term.holdsSkipped', skipped } : { holdsTerm: 'term.holdsNothing' };
  const e = extent(table, spec);
  if (e.kind === 'date')
    return e.lo <= e.hi
      ? { holdsTerm: 'term.holdsDates', from: isoFromDay(e.lo), to: isoFromDay(e.hi), rows }
      : { holdsTerm: 'term.holdsNoDates', column: e.name ?? '', rows };
  if (e.kind === 'label') {
    if (e.first === undefined || e.last === undefined) return { holdsTerm: 'term.holdsNoLabels', column: e.name ?? '', rows };
    return e.first === e.last ? { holdsTerm: 'term.holdsLabel', from: e.first, rows } : { holdsTerm: 'term.holdsLabels', from: e.first, to: e.last, rows };
  }
  return { holdsTerm: 'term.holdsRows', rows };
}
