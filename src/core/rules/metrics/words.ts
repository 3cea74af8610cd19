// How aggregates and operands are named in steps and notes.
import type { Aggregate, Operand } from '../../model.js';
import { filterText } from '../../filter.js';
import { said, type Said } from '../../says.js';

export function aggregationText(agg: Pick<Aggregate, 'fn' | 'column'>): Said {
  if (agg.column === undefined) return said('agg.count');
  return said(agg.fn === 'count' ? 'agg.countOf' : `agg.${agg.fn}`, { column: agg.column });
}

export function operandText(op: Operand): string | Said {
  if ('metric' in op) return op.metric;
  const filter = filterText(op.filter);
  const what = op.column === undefined ? said('agg.countRows') : aggregationText(op);
  return filter ? said('agg.inWhere', { what, source: op.source, filter }) : said('agg.in', { what, source: op.source });
}
