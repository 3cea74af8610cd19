// How aggregates and operands are named in steps and notes.
import type { Aggregate, Operand } from '../../model.js';
import { filterText } from '../../filter.js';
import { said, type Said } from '../../says.js';

export function aggregationText(agg: Pick<Aggregate, 'fn' | 'column'>): Said {
  if (agg.column === undefined) return said('agg.count');
  return said(agg.fn === 'count' ? 'agg.countOf' : `agg.${agg.fn}`, { column: agg.column });
}

/** An aggregate as the rows behind a figure name it: "sum of amount where stage = Won". */
export function readText(agg: Pick<Aggregate, 'fn' | 'column' | 'filter'>): Said {
  const what =
    agg.column === undefined
      ? said('agg.countRows')
      : said(agg.fn === 'count_distinct' ? 'agg.distinct' : agg.fn === 'count' ? 'agg.countOf' : `agg.${agg.fn}`, { column: agg.column });
  const filter = filterText(agg.filter);
  return filter ? said('agg.where', { what, filter }) : what;
}

export function operandText(op: Operand): string | Said {
  if ('metric' in op) return op.metric;
  const filter = filterText(op.filter);
  const what = op.column === undefined ? said('agg.countRows') : aggregationText(op);
  return filter ? said('agg.inWhere', { what, source: op.source, filter }) : said('agg.in', { what, source: op.source });
}
