// Split credit: an order credited to several reps. The source names an order column and a share column; the
// rows of one order each name a rep and that rep's share, and repeat the order's amounts. Each row is credited
// its share of the order: money to the minor unit with the parts adding up exactly to the order's amount (the
// one exact split, core/split.ts), counts as the share itself (a 60/40 split is 0.6 and 0.4 of an order, so a
// team or the company still counts one order), distinct values in full (a customer is a customer).
// An order whose shares do not add up to 100 %, or whose rows disagree on an amount, is credited to no one and
// reported naming its rows: a plausible wrong split would pay someone else's money.
import type { AggregateFn, CommissionSpec, Model, SourceSpec } from './model.js';
import { codedIssue, type DataIssue, type Table } from './table.js';
import { RowList } from './row-list.js';
import { problem, type MessageKey } from '../messages/index.js';
import { aggregateByRep, NOT_CREDITED, type AggError, type AggOutcome, type RepIndex } from './attribution.js';
import { headerOf } from './roster.js';
import { splitByWeights } from './split.js';
import { said, type Said } from './says.js';
import { conditionMask } from './filter.js';
import { plainAggregate, rowsRead } from './rules/metrics/index.js';
import { numericAt } from './derived-columns.js';

export interface BadOrder {
  order: string;
  /** Row indexes into the table, in file order. */
  rows: number[];
  reason: string;
  /** The same, as a sentence in the run's language (the Rows sheets). */
  said: Said;
}

export interface SplitCredit {
  /** Per row: its share of its order as a fraction; NaN on rows of bad orders. */
  share: Float64Array;
  /** How the share column was read: fractions (0.6, 60 %) or percent points (60): the reading more orders add up under. */
  scale: 'fraction' | 'points';
  bad: BadOrder[];
  /** Credited value per row of each numeric column the metrics add up: money in minor units, NaN when blank. */
  credited: Map<string, Float64Array>;
  /**
   * Rows a clawback of a commission on this source takes for refunds (1), or null when none does. They are split
   * apart from their order's rows (by order and date: one refund, its rows adding up to 100 % as an order's do), so
   * a refund never spoils its order's split; the clawback takes it back from the order's reps by their shares.
   */
  refunds: Uint8Array | null;
}

/** Shares may miss 100 % by this much (0.0001 %): 33.3333 + 33.3333 + 33.3334 is fine, 33.33 × 3 is not. */
const TOLERANCE = 1e-6;

/** Numeric columns of `spec` that some aggregate of the scheme adds up, averages or takes the min/max of. */
export function creditedColumns(model: Model, spec: SourceSpec, table: Table): string[] {
  const out = new Set<string>();
  const add = (source: string, fn: AggregateFn, column: string | undefined): void => {
    if (source !== spec.name || column === undefined) return;
    if (fn !== 'sum' && fn !== 'avg' && fn !== 'min' && fn !== 'max') return;
    const t = table.columns.get(column)?.type;
    if (t === 'number' || t === 'money' || t === 'percent') out.add(column);
  };
  for (const m of model.metrics) for (const { agg } of rowsRead(m)) add(agg.source, agg.fn, agg.column);
  return [...out].sort();
}

function orderKeys(table: Table, column: string): (string | null)[] {
  const col = table.columns.get(column);
  const n = table.rowCount;
  if (!col) return new Array<string | null>(n).fill(null);
  if (col.type === 'string') {
    if (col.coded) {
      const { codes, dict } = col.coded;
      const trimmed = dict.map((s) => (s == null || s.trim() === '' ? null : s.trim()));
      return Array.from(codes, (c) => trimmed[c]!);
    }
    return col.values.map((s) => (s == null || s.trim() === '' ? null : s.trim()));
  }
  return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

const pct = (x: number): string => `${Number((x * 100).toFixed(4))}%`;

function shown(v: number, type: string, scale: number): string {
  if (Number.isNaN(v)) return 'blank';
  if (type === 'money') return (v / 10 ** scale).toLocaleString('en-US', { minimumFractionDigits: scale, maximumFractionDigits: scale });
  return String(v);
}

/**
 * The refund rows of `spec` as the clawbacks of the scheme's commissions (default and role plans) on a metric of this
 * source see them: the rows their `refunds:` conditions select, or rows with a negative amount. Null when none.
 */
export function refundRowsOf(model: Model, spec: SourceSpec, table: Table): Uint8Array | null {
  const commissions = new Set<CommissionSpec>();
  if (model.commission) commissions.add(model.commission);
  for (const p of model.plans?.values() ?? []) if (p.commission) commissions.add(p.commission);
  let out: Uint8Array | null = null;
  for (const c of commissions) {
    const m = c.clawback ? model.metrics.find((x) => x.name === c.metric) : undefined;
    const def = m ? plainAggregate(m) : null;
    if (!def || def.source !== spec.name || def.column === undefined || !c.clawback) continue;
    const n = table.rowCount;
    let mask: Uint8Array;
    if (c.clawback.refunds.length) {
      mask = new Uint8Array(n).fill(1);
      for (const cond of c.clawback.refunds) {
        const m = conditionMask(table, cond);
        for (let i = 0; i < n; i++) mask[i] = m ? mask[i]! & m[i]! : 0;
      }
    } else {
      mask = new Uint8Array(n);
      const amount = table.columns.get(def.column);
      if (amount) for (let i = 0; i < n; i++) mask[i] = (numericAt(amount, i) ?? 0) < 0 ? 1 : 0;
    }
    if (out === null) out = mask;
    else for (let i = 0; i < n; i++) out[i] = out[i]! | mask[i]!;
  }
  return out;
}

/** The split of every order of a split source, and the credited values of `columns`; `refunds` as refundRowsOf. */
export function splitCredit(table: Table, spec: SourceSpec, columns: readonly string[], refunds: Uint8Array | null = null): SplitCredit {
  const n = table.rowCount;
  const share = new Float64Array(n).fill(NaN);
  const credited = new Map<string, Float64Array>();
  const bad: BadOrder[] = [];
  const split = spec.split;
  if (!split) return { share: share.fill(1), scale: 'fraction', bad, credited, refunds };
  const shareCol = table.columns.get(split.share);
  const raw = shareCol && shareCol.type !== 'string' ? shareCol.values : new Float64Array(n).fill(NaN);
  const orders = new Map<string, number[]>();
  const keys = orderKeys(table, split.order);
  const day = spec.date !== undefined ? table.columns.get(spec.date) : undefined;
  const singles: number[][] = [];
  for (let i = 0; i < n; i++) {
    const order = keys[i];
    // A refund of an order is a group of its own, one per date: its rows repeat the refund and share it.
    const k = order != null && refunds?.[i] ? `${order}\u0000refund\u0000${day && day.type !== 'string' ? day.values[i] : ''}` : order;
    if (k == null) {
      singles.push([i]); // no order id: the row is an order of its own
      continue;
    }
    const list = orders.get(k);
    if (list) list.push(i);
    else orders.set(k, [i]);
  }
  // Fractions (0.6, "60%") or percent points (60, as CRMs export split percentages): the reading under which more
  // orders add up to 100 %, fractions on a tie. One typo then spoils its own order, not the column.
  const adds = (rows: number[], f: number): boolean => {
    const s = rows.reduce((a, i) => a + (Number.isNaN(raw[i]!) ? (rows.length === 1 ? 1 / f : NaN) : raw[i]!), 0) * f;
    return Math.abs(s - 1) <= TOLERANCE;
  };
  let votes = 0;
  for (const rows of orders.values()) votes += (adds(rows, 0.01) ? 1 : 0) - (adds(rows, 1) ? 1 : 0);
  for (const rows of singles) votes += (adds(rows, 0.01) ? 1 : 0) - (adds(rows, 1) ? 1 : 0);
  const scale: SplitCredit['scale'] = votes > 0 ? 'points' : 'fraction';
  const factor = scale === 'points' ? 0.01 : 1;
  const cols = columns.flatMap((c) => {
    const col = table.columns.get(c);
    if (!col || col.type === 'string') return [];
    const out = new Float64Array(n).fill(NaN);
    credited.set(c, out);
    return [{ name: c, col, out }];
  });
  const rowText = (i: number): string => `row ${table.rowNumbers[i]}`;
  const visit = (order: string, rows: number[]): void => {
    const shares = rows.map((i) => raw[i]! * factor);
    let reason: string | undefined;
    let why: Said | undefined;
    const blank = rows.findIndex((i) => Number.isNaN(raw[i]!));
    if (blank >= 0) {
      if (rows.length === 1)
        shares[0] = 1; // an order with one row and no share is the rep's alone
      else {
        reason = `the share is blank on ${rowText(rows[blank]!)}`;
        why = said('splitBad.blank', { row: table.rowNumbers[rows[blank]!]! });
      }
    }
    const negative = shares.findIndex((s) => s < 0);
    if (reason === undefined && negative >= 0) {
      reason = `the share on ${rowText(rows[negative]!)} is negative (${pct(shares[negative]!)})`;
      why = said('splitBad.negative', { row: table.rowNumbers[rows[negative]!]!, share: pct(shares[negative]!) });
    }
    const sum = shares.reduce((a, b) => a + b, 0);
    if (reason === undefined && !(Math.abs(sum - 1) <= TOLERANCE)) {
      const parts = rows.length <= 6 ? ` (${rows.map((i, k) => `${rowText(i)}: ${pct(shares[k]!)}`).join(', ')})` : '';
      reason = `its shares add up to ${pct(sum)}${parts}, not 100%`;
      why =
        rows.length <= 6
          ? said('splitBad.sumRows', {
              sum: pct(sum),
              rows: rows.map((i, k) => said('splitBad.rowShare', { row: table.rowNumbers[i]!, share: pct(shares[k]!) })),
            })
          : said('splitBad.sum', { sum: pct(sum) });
    }
    if (reason === undefined) {
      for (const { name, col, out } of cols) {
        const v0 = col.values[rows[0]!]!;
        const other = rows.find((i) => !Object.is(col.values[i]!, v0) && !(Number.isNaN(col.values[i]!) && Number.isNaN(v0)));
        if (other !== undefined) {
          const sc = col.type === 'money' ? col.scale : 0;
          reason = `its rows disagree on ${headerOf(spec, name)} (${rowText(rows[0]!)}: ${shown(v0, col.type, sc)}, ${rowText(other)}: ${shown(col.values[other]!, col.type, sc)}); each row must repeat the order's amount`;
          why = said('splitBad.disagree', {
            column: headerOf(spec, name),
            row: table.rowNumbers[rows[0]!]!,
            value: shown(v0, col.type, sc),
            other: table.rowNumbers[other]!,
            otherValue: shown(col.values[other]!, col.type, sc),
          });
          break;
        }
        if (Number.isNaN(v0)) continue;
        if (col.type === 'money') {
          const parts = splitByWeights(v0, shares, 0);
          rows.forEach((i, k) => {
            out[i] = parts[k]!;
          });
        } else {
          rows.forEach((i, k) => {
            out[i] = v0 * shares[k]!;
          });
        }
      }
    }
    if (reason !== undefined) {
      for (const { out } of cols) for (const i of rows) out[i] = NaN;
      bad.push({ order, rows, reason, said: why! });
      return;
    }
    rows.forEach((i, k) => {
      share[i] = shares[k]!;
    });
  };
  for (const [order, rows] of orders) visit(order.split('\u0000')[0]!, rows);
  for (const rows of singles) visit('', rows);
  bad.sort((a, b) => a.rows[0]! - b.rows[0]!);
  return { share, scale, bad, credited, refunds };
}

/** Rows of bad orders are counted for no one (their rep is kept apart from unknown ids, which are reported as such). */
export function excludeBadOrders(repIdx: RepIndex, credit: SplitCredit): void {
  for (const b of credit.bad) for (const i of b.rows) if (repIdx[i]! >= 0) repIdx[i] = NOT_CREDITED;
}

/** One issue per bad order with a row in the period, naming its rows. */
export function splitIssues(table: Table, spec: SourceSpec, credit: SplitCredit, inPeriod: Uint8Array): DataIssue[] {
  const out: DataIssue[] = [];
  const orderColumn = headerOf(spec, spec.split?.order ?? 'order');
  const shareColumn = headerOf(spec, spec.split?.share ?? 'share');
  for (const b of credit.bad) {
    // The rows of the period it leaves uncounted: each is a row skipped in the summary.
    const uncounted = b.rows.filter((i) => inPeriod[i]).map((i) => table.rowNumbers[i]!);
    if (uncounted.length === 0) continue;
    const rows = b.rows.map((i) => table.rowNumbers[i]!);
    const listed = rows.length <= 12 ? rows.join(', ') : `${rows.slice(0, 12).join(', ')} and ${rows.length - 12} more`;
    // Why, as the core says it (splitBad.…): its values beside the problem's own; a list of rows' shares is left
    // to the rows named (its sum is said).
    const why = b.said.key === 'splitBad.sumRows' ? said('splitBad.sum', { sum: b.said.values!.sum! }) : b.said;
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(why.values ?? {})) if (typeof v !== 'object') values[k] = v;
    const said_ = { ...values, reasonTerm: why.key as MessageKey, n: rows.length, rows: listed };
    const p = b.order === '' ? problem('KPI2735', { ...said_, row: rows[0]! }) : problem('KPI2734', { ...said_, order: b.order });
    out.push(
      codedIssue(p, {
        file: table.file,
        source: table.source,
        row: rows[0]!,
        ...(uncounted.length > 1 || uncounted[0] !== rows[0] ? { rows: RowList.of(uncounted) } : {}),
        ...(b.order !== '' ? { column: orderColumn, value: b.order } : { column: shareColumn }),
        severity: 'error',
        action: 'skipped',
      }),
    );
  }
  return out;
}

/**
 * aggregateByRep for a split source: sums, averages and extremes of the credited values, counts weighted by
 * share (avg = credited sum / credited count, so avg = sum / count holds); distinct counts and dates as is.
 */
export function aggregateCredited(
  table: Table,
  repIdx: RepIndex,
  inPeriod: Uint8Array,
  pass: Uint8Array | null,
  fn: AggregateFn,
  column: string | undefined,
  nReps: number,
  credit: SplitCredit,
): AggOutcome | { error: AggError } {
  const col = column === undefined ? undefined : table.columns.get(column);
  if (fn === 'count_distinct' || (col && col.type === 'date') || (column !== undefined && !col))
    return aggregateByRep(table, repIdx, inPeriod, pass, fn, column, nReps);
  const cred = column === undefined ? undefined : credit.credited.get(column);
  if (fn !== 'count' && !cred) return aggregateByRep(table, repIdx, inPeriod, pass, fn, column, nReps);
  const rows = new Int32Array(nReps);
  const blanks = new Int32Array(nReps);
  const shares = new Float64Array(nReps);
  const sums = new Float64Array(nReps);
  const mins = new Float64Array(nReps).fill(Infinity);
  const maxs = new Float64Array(nReps).fill(-Infinity);
  const isBlank = (i: number): boolean => {
    if (!col) return false;
    if (col.type === 'string') {
      const s = col.coded ? col.coded.dict[col.coded.codes[i]!] : col.values[i];
      return s == null || s.trim() === '';
    }
    return Number.isNaN(col.values[i]!);
  };
  for (let i = 0; i < table.rowCount; i++) {
    const r = repIdx[i]!;
    if (r < 0 || !inPeriod[i] || (pass !== null && !pass[i])) continue;
    if (isBlank(i)) {
      blanks[r]!++;
      continue;
    }
    rows[r]!++;
    shares[r]! += credit.share[i]!;
    if (cred) {
      const v = cred[i]!;
      sums[r]! += v;
      if (v < mins[r]!) mins[r] = v;
      if (v > maxs[r]!) maxs[r] = v;
    }
  }
  const unit = col && col.type === 'money' ? 10 ** col.scale : 1;
  const values: (number | null)[] = [];
  for (let r = 0; r < nReps; r++) {
    const k = rows[r]!;
    let v: number | null;
    if (fn === 'count') v = Number(shares[r]!.toPrecision(12));
    else if (fn === 'sum') v = sums[r]! / unit;
    else if (fn === 'avg') v = shares[r]! > 0 ? sums[r]! / shares[r]! / unit : null;
    else if (fn === 'min') v = k === 0 ? null : mins[r]! / unit;
    else v = k === 0 ? null : maxs[r]! / unit;
    values.push(v !== null && !Number.isFinite(v) ? null : v === 0 ? 0 : v);
  }
  return { values, rows, blanks };
}
