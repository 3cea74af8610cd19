// How aggregates and operands are named in steps and notes.
import type { Aggregate, Operand } from '../../model.js';
import { filterText } from '../../filter.js';

const AGG_WORDS: Record<Aggregate['fn'], string> = {
  sum: 'sum of',
  count: 'count of',
  count_distinct: 'number of distinct',
  avg: 'average of',
  min: 'minimum of',
  max: 'maximum of',
};

export function aggregationText(agg: Pick<Aggregate, 'fn' | 'column'>): string {
  if (agg.column === undefined) return 'count';
  return `${AGG_WORDS[agg.fn]} ${agg.column}`;
}

export function operandText(op: Operand): string {
  if ('metric' in op) return op.metric;
  const f = filterText(op.filter);
  const what = op.column === undefined ? 'count of rows' : aggregationText(op);
  return `${what} in ${op.source}${f ? ` where ${f}` : ''}`;
}

export const rowsWord = (n: number): string => (n === 1 ? '1 row' : `${n} rows`);
