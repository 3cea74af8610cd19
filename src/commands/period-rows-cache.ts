// The rows of each source in each period as the scoring of a run's tables listed them, kept while the tables live:
// the run checks count a source's rows in the period from that list instead of reading all its dates again.
import type { PeriodRowsCache } from '../core/period-rows.js';
import type { Table } from '../core/table.js';

const caches = new WeakMap<ReadonlyMap<string, Table>, PeriodRowsCache>();

export function periodRowsCache(tables: ReadonlyMap<string, Table>): PeriodRowsCache {
  let c = caches.get(tables);
  if (!c) caches.set(tables, (c = new Map()));
  return c;
}
