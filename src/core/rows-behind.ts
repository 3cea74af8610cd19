// The rows behind each rep's figures, for disputes: every row of the period attributed to a rep in a source a
// metric aggregates, with its key, date and the columns the metrics use, and for each aggregate whether it
// counted the row or which filter condition (or blank value) left it out. Pure; computed only when a report is
// written. Bounded: at most `maxRows` rows in all, listing whole reps in the order given. Prepared once per run,
// listed for the report (every rep, in rank order) and for each scorecard (the rep, or a lead's whole team).
import type { Aggregate, ColumnType, Condition, Model, Rep } from './model.js';
import type { Period } from './results.js';
import type { Table } from './table.js';
import { attributeRows, periodMask, repLookup } from './attribution.js';
import { addDerivedColumns } from './derived-columns.js';
import { conditionMask, filterText } from './filter.js';
import { creditedColumns, refundRowsOf, splitCredit } from './split-credit.js';
import { said, type Said, type Text } from './says.js';
import { plainAggregate, rowsRead } from './rules/metrics/index.js';

export interface RowsBehindInput {
  model: Model;
  period: Period;
  reps: readonly Rep[];
  tables: ReadonlyMap<string, Table>;
}

export interface RowsBehindOptions {
  /** Most rows listed over all sources. */
  maxRows: number;
  /** Indexes into `reps` in the order to list them (default: roster order). Reps left out are not listed. */
  repOrder?: readonly number[];
}

/** One aggregate reading a source: a metric's own, or one side of a ratio. */
export interface AggregateUse {
  metric: string;
  part: 'actual' | 'numerator' | 'denominator';
  /** e.g. "sum of amount where status = Won AND amount > 0". */
  text: Text;
}

export interface RowBehind {
  /** Index into the input's reps. */
  rep: number;
  /** Row as the user sees it in the file. */
  row: number;
  /** One per column: text, a number (money in currency units, dates as day numbers), or null for blank. */
  values: (string | number | null)[];
  /** One per use: null when the aggregate counted the row, else why it did not. */
  verdicts: (Said | null)[];
}

export interface SourceRows {
  source: string;
  file: string;
  columns: { name: string; type: ColumnType }[];
  uses: AggregateUse[];
  rows: RowBehind[];
}

export interface RowsBehind {
  period: Period;
  /** The reps the indexes below refer to (the input's). */
  reps: readonly Rep[];
  sources: SourceRows[];
  maxRows: number;
  /** Reps whose rows are listed, and those left out by the limit (indexes into reps), in listing order. */
  listed: number[];
  omitted: number[];
  /** Rows of the omitted reps. */
  omittedRows: number;
}

interface Use extends AggregateUse {
  agg: Pick<Aggregate, 'fn' | 'column' | 'filter'>;
  /** More columns shown, and those a blank in leaves the row uncounted (a 回款 payment's invoice date). */
  shows?: (string | undefined)[];
  needed?: string[];
  /** The date column that puts a row in the period for this use, when not the source's (a payment's paid date). */
  dating?: string;
}

/** Every aggregate of the scheme, by the source it reads. */
function usesBySource(model: Model): Map<string, Use[]> {
  const out = new Map<string, Use[]>();
  const add = (source: string, u: Use) => out.set(source, [...(out.get(source) ?? []), u]);
  // 回款 components read their payments source row by row: a lead paid on the team's payments checks them too.
  const seen = new Set<string>();
  for (const c of [...(model.components ?? []), ...[...(model.plans?.values() ?? [])].flatMap((p) => p.components ?? [])]) {
    if (c.kind !== 'collection' || seen.has(c.name)) continue;
    seen.add(c.name);
    const needed = [
      c.invoiceDate,
      ...(c.invoiceAmount !== undefined ? [c.invoiceAmount, ...(c.invoice !== undefined ? [c.invoice] : [])] : []),
      ...(c.base !== undefined ? [c.base] : []),
    ];
    add(c.source, {
      metric: c.label,
      part: 'actual',
      agg: { fn: 'sum', column: c.paid, filter: c.filter },
      text: said('agg.collection', { column: c.paid, date: c.paidDate }),
      shows: [c.invoice, c.paidDate, c.invoiceDate, c.invoiceAmount, c.base],
      needed,
      dating: c.paidDate,
    });
  }
  for (const m of model.metrics) for (const r of rowsRead(m)) add(r.agg.source, { metric: m.name, part: r.part, agg: r.agg, text: r.text });
  return out;
}

function valueAt(table: Table, name: string, i: number): string | number | null {
  const col = table.columns.get(name);
  if (!col) return null;
  if (col.type === 'string') {
    const s = col.values[i];
    return s === null || s === undefined || s.trim() === '' ? null : s;
  }
  const v = col.values[i]!;
  if (Number.isNaN(v)) return null;
  return col.type === 'money' ? v / 10 ** col.scale : v;
}

interface PreparedSource {
  spec: Model['sources'][number];
  table: Table;
  /** Per rep index: the table's rows of the period attributed to that rep, in file order. */
  perRep: Map<number, number[]>;
  uses: Use[];
  badOrder: Map<number, Said>;
  /** The columns shown: the key (and a clawback's order id), the date (or period), the split, then every column an aggregate reads or filters on. */
  names: string[];
  verdict: (x: Use, i: number) => Said | null;
}

/** The rows of the period attributed to each rep, by source, ready to be listed for any set of reps. */
export interface PreparedRows {
  period: Period;
  reps: readonly Rep[];
  sources: PreparedSource[];
}

/**
 * Reads each source a metric aggregates once: which rows of the period belong to which rep, and what decides
 * whether an aggregate counted a row. `selectRows` then lists the rows of any reps (the report's, a card's).
 */
export function prepareRows(input: RowsBehindInput): PreparedRows {
  const { model, period, reps } = input;
  const lookup = repLookup(reps);
  const uses = usesBySource(model);
  // The order id a clawback links refunds by, on its commission metric's source: a disputed refund is found by it.
  const orderColumns = new Map<string, string[]>();
  for (const c of [model.commission, ...[...(model.plans?.values() ?? [])].map((p) => p.commission)]) {
    const m = c?.clawback ? model.metrics.find((x) => x.name === c.metric) : undefined;
    const agg = m ? plainAggregate(m) : null;
    if (agg) orderColumns.set(agg.source, [...(orderColumns.get(agg.source) ?? []), c!.clawback!.order]);
  }
  const sources: PreparedSource[] = [];
  for (const spec of model.sources) {
    const raw = input.tables.get(spec.name);
    const u = uses.get(spec.name);
    if (!raw || !u || spec.rep === undefined) continue;
    const table = addDerivedColumns(raw, spec);
    const repIdx = attributeRows(table, spec.rep, lookup);
    const sourceMask = periodMask(table, spec, period);
    const inPeriod = Uint8Array.from(sourceMask);
    // A 回款 payment is in the period by its paid date, whatever the source's own date: rows in the period by either
    // are listed, and a use says when a row is not in the period its way.
    const datingMasks = new Map<string, Uint8Array>();
    for (const x of u) {
      if (x.dating === undefined || x.dating === spec.date || datingMasks.has(x.dating)) continue;
      const m = periodMask(table, { date: x.dating }, period);
      datingMasks.set(x.dating, m);
      for (let i = 0; i < m.length; i++) if (m[i]) inPeriod[i] = 1;
    }
    // Rows of a split order that could not be split stay with their rep here, marked as not counted.
    const badOrder = new Map<number, Said>();
    if (spec.split)
      for (const b of splitCredit(table, spec, creditedColumns(model, spec, table), refundRowsOf(model, spec, table)).bad)
        for (const i of b.rows) badOrder.set(i, b.said);
    const perRep = new Map<number, number[]>();
    for (let i = 0; i < table.rowCount; i++) {
      const r = repIdx[i]!;
      if (r < 0 || !inPeriod[i]) continue;
      const list = perRep.get(r);
      if (list) list.push(i);
      else perRep.set(r, [i]);
    }
    const names: string[] = [];
    const push = (n: string | undefined) => {
      if (n !== undefined && table.columns.has(n) && !names.includes(n) && n !== spec.rep) names.push(n);
    };
    push(spec.key);
    for (const o of orderColumns.get(spec.name) ?? []) push(o);
    for (const x of u) push(x.shows?.[0]); // a payment's invoice id, as a key
    push(spec.date ?? spec.period);
    push(spec.split?.order);
    push(spec.split?.share);
    for (const x of u) {
      push(x.agg.column);
      for (const c of x.shows ?? []) push(c);
      for (const c of x.agg.filter) push(c.column);
    }
    // Each condition's mask once per source, shared by the aggregates (and the lists) that use it.
    const masks = new Map<string, Uint8Array | null>();
    const maskOf = (c: Condition) => {
      const key = JSON.stringify(c);
      if (!masks.has(key)) masks.set(key, conditionMask(table, c));
      return masks.get(key)!;
    };
    // One sentence per reason, shared by the rows it applies to.
    const needs = new Map<Condition, Said>();
    const blank = new Map<string, Said>();
    const outside = new Map<string, Said>();
    const verdict = (x: Use, i: number): Said | null => {
      const own = x.dating === undefined || x.dating === spec.date ? undefined : datingMasks.get(x.dating);
      const dated = own ?? (datingMasks.size ? sourceMask : undefined);
      if (dated && !dated[i]) {
        const column = own ? x.dating! : (spec.date ?? spec.period ?? '');
        if (!outside.has(column)) outside.set(column, said('behind.otherPeriod', { column }));
        return outside.get(column)!;
      }
      const bad = badOrder.get(i);
      if (bad !== undefined) return said('behind.splitOrder', { order: bad });
      for (const c of x.agg.filter) {
        const m = maskOf(c);
        if (!m?.[i]) {
          if (!needs.has(c)) needs.set(c, said('behind.needs', { filter: filterText([c])! }));
          return needs.get(c)!;
        }
      }
      for (const col of [x.agg.column, ...(x.needed ?? [])]) {
        if (col === undefined || valueAt(table, col, i) !== null) continue;
        if (!blank.has(col)) blank.set(col, said('behind.blank', { column: col }));
        return blank.get(col)!;
      }
      return null;
    };
    sources.push({ spec, table, perRep, uses: u, badOrder, names, verdict });
  }
  return { period, reps, sources };
}

/** The rows of the reps in `opts.repOrder` (default: roster order), whole reps while they fit in `opts.maxRows`. */
export function selectRows(prepared: PreparedRows, opts: RowsBehindOptions): RowsBehind {
  const { period, reps } = prepared;
  const order = opts.repOrder ?? reps.map((_, i) => i);
  const listed: number[] = [];
  const omitted: number[] = [];
  let used = 0;
  let omittedRows = 0;
  for (const r of order) {
    const n = prepared.sources.reduce((k, p) => k + (p.perRep.get(r)?.length ?? 0), 0);
    if (used + n <= opts.maxRows) {
      listed.push(r);
      used += n;
    } else {
      omitted.push(r);
      omittedRows += n;
    }
  }
  const sources: SourceRows[] = prepared.sources.map(({ spec, table, perRep, uses: u, names, verdict }) => {
    const typeOf = (n: string): ColumnType => {
      const col = table.columns.get(n)!;
      return col.type === 'string' ? 'string' : col.type;
    };
    const rows: RowBehind[] = [];
    for (const r of listed) {
      for (const i of perRep.get(r) ?? []) {
        rows.push({ rep: r, row: table.rowNumbers[i]!, values: names.map((n) => valueAt(table, n, i)), verdicts: u.map((x) => verdict(x, i)) });
      }
    }
    return {
      source: spec.name,
      file: table.file,
      columns: names.map((n) => ({ name: n, type: typeOf(n) })),
      uses: u.map(({ metric, part, text }) => ({ metric, part, text })),
      rows,
    };
  });
  return { period, reps, sources, maxRows: opts.maxRows, listed, omitted, omittedRows };
}

export function rowsBehind(input: RowsBehindInput, opts: RowsBehindOptions): RowsBehind {
  return selectRows(prepareRows(input), opts);
}

/** Rows in `period` of each dated source (a date or period column): does the data reach that period? */
export function rowsInPeriod(model: Model, tables: ReadonlyMap<string, Table>, period: Period): { source: string; rows: number }[] {
  const out: { source: string; rows: number }[] = [];
  for (const spec of model.sources) {
    const t = tables.get(spec.name);
    if (!t || (spec.date === undefined && spec.period === undefined)) continue;
    const mask = periodMask(t, spec, period);
    let n = 0;
    for (let i = 0; i < mask.length; i++) n += mask[i]!;
    out.push({ source: spec.name, rows: n });
  }
  return out;
}
