// The rows behind the plan rules of issue #12, per rep: 红线 hits from the deductions file's `rule` column,
// 回款 payments of a collection component, refunds of earlier orders (clawback), amounts paid to date. Each reader
// reports every row it cannot use (file, row, column, reason); nothing is dropped silently.
import type { Clawback, CommissionSpec, Component, RedLineRule, SourceSpec } from './model.js';
import type { Period } from './results.js';
import { codedIssue, type Column, type DataIssue, type Table } from './table.js';
import { RowList } from './row-list.js';
import { problem, type Problem } from '../messages/index.js';
import type { RedLineHit } from './rules/red-lines/index.js';
import type { Payment } from './rules/components/index.js';
import type { RefundRow } from './rules/clawback.js';
import { agingCoefficient, agingDays, creditedShare } from './rules/components/index.js';
import { attributeRows, attributionIssues, periodMask, type RepIndex } from './attribution.js';
import { rowsOfMask } from './period-rows.js';
import { conditionMask } from './filter.js';
import { addIssue, metricValues, type Engine } from './metrics.js';
import { headerOf } from './roster.js';
import { commissionFor } from './rules/commission/index.js';
import { clean15 } from './money.js';
import { isoFromDay, normaliseLabel, parsePeriod, ymdFromDay } from './period.js';
import { numericAt } from './derived-columns.js';
import { said } from './says.js';
import { plainAggregate } from './rules/metrics/index.js';
import { splitByWeights } from './split.js';
import type { SplitCredit } from './split-credit.js';

const textAt = (c: Column | undefined, i: number): string => {
  if (!c) return '';
  if (c.type === 'string') return (c.values[i] ?? '').trim();
  const v = c.values[i]!;
  return Number.isNaN(v) ? '' : String(v);
};

const issueOf = (
  table: Table,
  spec: SourceSpec | undefined,
  row: number,
  column: string,
  p: Problem,
  value?: string,
  severity: DataIssue['severity'] = 'warning',
  action: DataIssue['action'] = 'skipped',
): DataIssue =>
  codedIssue(p, {
    file: table.file,
    source: table.source,
    row,
    column: spec ? headerOf(spec, column) : column,
    ...(value !== undefined ? { value } : {}),
    severity,
    action,
  });

// ---- 红线 ------------------------------------------------------------------------------------------------------

/**
 * The rows of the deductions file in the period that name a rule, per rep, each with the rule of the rep's plan.
 * A rule the rep's plan does not have is reported (an error: a penalty that cannot be priced) and not applied.
 */
export function readRedLineHits(
  engine: Engine,
  table: Table,
  spec: SourceSpec,
  period: Period,
  rulesOf: (rep: number) => ReadonlyMap<string, RedLineRule>,
): RedLineHit[][] {
  const out: RedLineHit[][] = Array.from({ length: engine.nReps }, () => []);
  const ruleCol = table.columns.get('rule');
  if (!ruleCol) return out;
  const repIdx = attributeRows(table, spec.rep ?? 'rep', engine.lookup);
  const dating = {
    ...(spec.date !== undefined ? { date: spec.date } : {}),
    ...(spec.period !== undefined ? { period: spec.period } : spec.date === undefined && table.columns.has('period') ? { period: 'period' } : {}),
  };
  const mask = periodMask(table, dating, period);
  const reasonCol = table.columns.get('reason');
  const hasPointsOrAmount = (i: number) =>
    ['points', 'amount'].some((c) => {
      const col = table.columns.get(c);
      return col !== undefined && numericAt(col, i) !== null;
    });
  for (let i = 0; i < table.rowCount; i++) {
    const r = repIdx[i]!;
    if (r < 0 || !mask[i]) continue; // unknown reps are reported by readDeductions
    const row = table.rowNumbers[i]!;
    const name = textAt(ruleCol, i);
    if (name === '') {
      if (!hasPointsOrAmount(i)) addIssue(engine, issueOf(table, spec, row, 'rule', problem('KPI2736')));
      continue;
    }
    const rules = rulesOf(r);
    const rule = rules.get(name);
    if (!rule) {
      const known = [...rules.keys()];
      addIssue(
        engine,
        issueOf(
          table,
          spec,
          row,
          'rule',
          problem('KPI2737', { rule: name, id: engine.lookup.reps[r]!.id, known: known.length ? known.join(', ') : '—' }),
          name,
          'error',
        ),
      );
      continue;
    }
    // The row's own points or amount are taken off as well (readDeductions): said, since a file that repeats the
    // rule's price beside its name would take it twice.
    if (hasPointsOrAmount(i)) addIssue(engine, issueOf(table, spec, row, 'rule', problem('KPI2765', { rule: name }), name, 'warning', 'kept'));
    const reason = textAt(reasonCol, i);
    out[r]!.push({ rule, reason: reason === '' ? said('deduction.noReason') : reason, row });
  }
  return out;
}

// ---- 回款 -------------------------------------------------------------------------------------------------------

/**
 * Each rep's payments in the period (by the payment date) that pass the component's filter, with their aging and
 * their pro-rata credit against the invoice (payments of one invoice are taken in date order, then file order).
 */
export function collectionPayments(engine: Engine, c: Extract<Component, { kind: 'collection' }>, period: Period): Payment[][] {
  const out: Payment[][] = Array.from({ length: engine.nReps }, () => []);
  const s = engine.sources.get(c.source);
  if (!s) return out;
  const { table, repIdx } = s;
  const col = (name: string | undefined) => (name === undefined ? undefined : table.columns.get(name));
  const paid = col(c.paid);
  const paidDate = col(c.paidDate);
  const invoiceDate = col(c.invoiceDate);
  if (!paid || !paidDate || paidDate.type !== 'date' || !invoiceDate || invoiceDate.type !== 'date') return out;
  const invoice = col(c.invoice);
  const invoiceAmount = col(c.invoiceAmount);
  const base = col(c.base);
  let pass: Uint8Array | null = null;
  for (const cond of c.filter) {
    const m = conditionMask(table, cond);
    if (!m) return out;
    if (pass === null) pass = m;
    else for (let i = 0; i < m.length; i++) pass[i] = pass[i]! & m[i]!;
  }
  const inPeriod = periodMask(table, { date: c.paidDate }, period);
  for (const i of attributionIssues(table, { ...s.spec, date: c.paidDate }, repIdx, rowsOfMask(inPeriod), engine.lookup, period.label)) addIssue(engine, i);

  // A split source (split: { order, share }) repeats a payment on one row per credited rep, each with its share:
  // the rep is credited that share of the payment, and the payment counts once on its invoice.
  // Shares are taken over their order's sum (which split credit lets miss 100 % by 0.0001 %), so the parts of a
  // payment add up to the payment, to the cent, as a split order's money does (split.ts).
  const splitOrder = s.spec.split ? col(s.spec.split.order) : undefined;
  const shareSum = new Map<string, number>();
  if (s.credit && splitOrder) {
    for (let i = 0; i < table.rowCount; i++) {
      const key = textAt(splitOrder, i);
      const f = s.credit.share[i]!;
      if (key !== '' && Number.isFinite(f) && !s.credit.refunds?.[i]) shareSum.set(key, (shareSum.get(key) ?? 0) + f);
    }
  }
  const share = (i: number): number => {
    if (!s.credit || !s.spec.split) return 1;
    const f = s.credit.share[i]!;
    const sum = splitOrder ? shareSum.get(textAt(splitOrder, i)) : undefined;
    return sum !== undefined && sum > 0 ? f / sum : f;
  };
  // Cash paid before each payment on the same invoice, over every dated row of the source.
  const before = new Float64Array(table.rowCount);
  // The amount of each invoice on its first payment row (by date), to say when another row of it differs.
  const firstAmount = new Map<string, { amount: number; row: number }>();
  const differs = new Set<string>();
  if (invoice) {
    const order: number[] = [];
    for (let i = 0; i < table.rowCount; i++) if ((pass === null || pass[i]) && !Number.isNaN(paidDate.values[i]!)) order.push(i);
    order.sort((a, b) => paidDate.values[a]! - paidDate.values[b]! || a - b);
    const running = new Map<string, number>();
    // The rows of one split payment all see the cash paid before that payment, not each other's shares.
    const seen = new Map<string, number>();
    for (const i of order) {
      const key = textAt(invoice, i);
      if (key === '') continue;
      const a = invoiceAmount ? numericAt(invoiceAmount, i) : null;
      if (a !== null && !firstAmount.has(key)) firstAmount.set(key, { amount: a, row: table.rowNumbers[i]! });
      const sofar = running.get(key) ?? 0;
      const payment = splitOrder ? textAt(splitOrder, i) : '';
      before[i] = payment !== '' ? (seen.get(`${key}\u0000${payment}`) ?? sofar) : sofar;
      if (payment !== '' && !seen.has(`${key}\u0000${payment}`)) seen.set(`${key}\u0000${payment}`, sofar);
      const p = numericAt(paid, i);
      const f = share(i);
      if (p !== null && p > 0 && Number.isFinite(f)) running.set(key, clean15(sofar + p * f));
    }
  }
  for (let i = 0; i < table.rowCount; i++) {
    const r = repIdx[i]!;
    if (r < 0 || (pass !== null && !pass[i])) continue;
    const row = table.rowNumbers[i]!;
    const p = numericAt(paid, i);
    if (!inPeriod[i]) {
      if (Number.isNaN(paidDate.values[i]!) && p !== null && p > 0) {
        addIssue(engine, issueOf(table, s.spec, row, c.paidDate, problem('KPI2738', { label: c.label, paid: p })));
      }
      continue;
    }
    if (p === null || p === 0) continue;
    if (p < 0) {
      addIssue(engine, issueOf(table, s.spec, row, c.paid, problem('KPI2739', { label: c.label }), String(p)));
      continue;
    }
    const inv = invoiceDate.values[i]!;
    if (Number.isNaN(inv)) {
      addIssue(engine, issueOf(table, s.spec, row, c.invoiceDate, problem('KPI2740', { label: c.label })));
      continue;
    }
    const key = textAt(invoice, i);
    // A blank invoice id on a mapped invoice column: with an invoice amount, the payments before this one on its
    // invoice are unknown, so its share (and the cap at the invoice) cannot be measured: two partial payments would
    // each count up to the whole invoice. Without one, the id changes no figure: a note, the payment counts.
    if (invoice && key === '') {
      if (invoiceAmount) {
        addIssue(engine, issueOf(table, s.spec, row, c.invoice!, problem('KPI2768', { label: c.label }), ''));
        continue;
      }
      addIssue(engine, issueOf(table, s.spec, row, c.invoice!, problem('KPI2769', { label: c.label }), '', 'note', 'kept'));
    }
    const amount = invoiceAmount ? numericAt(invoiceAmount, i) : null;
    // With an invoice amount (and a base) mapped, a payment is a share of its invoice: without the amount that share
    // is unknown, and counting the cash whole would pay on the full payment (not the margin, past the invoice).
    if (invoiceAmount && (amount === null || !(amount > 0))) {
      addIssue(engine, issueOf(table, s.spec, row, c.invoiceAmount!, problem('KPI2762', { label: c.label }), amount === null ? '' : String(amount)));
      continue;
    }
    const baseValue = base ? numericAt(base, i) : null;
    if (base && (baseValue === null || baseValue < 0)) {
      addIssue(engine, issueOf(table, s.spec, row, c.base!, problem('KPI2763', { label: c.label }), baseValue === null ? '' : String(baseValue)));
      continue;
    }
    const first = firstAmount.get(key);
    if (amount !== null && first && first.amount !== amount && !differs.has(key)) {
      differs.add(key);
      addIssue(
        engine,
        issueOf(
          table,
          s.spec,
          row,
          c.invoiceAmount!,
          problem('KPI2764', { label: c.label, invoice: key, amount, first: first.amount, row: first.row }),
          String(amount),
          'warning',
          'kept',
        ),
      );
    }
    const whole = creditedShare(p, { paidBefore: before[i]!, invoiceAmount: amount, base: baseValue });
    const f = share(i);
    if (!Number.isFinite(f)) continue; // a split order whose shares do not add up: reported by the split check
    const credited = f === 1 ? whole : clean15(whole * f);
    if (amount !== null && whole < clean15((p / amount) * (baseValue ?? amount))) {
      addIssue(
        engine,
        issueOf(table, s.spec, row, c.paid, problem('KPI2741', { label: c.label, invoice: textAt(invoice, i) || '—', amount }), String(p), 'warning', 'kept'),
      );
    }
    const days = agingDays(inv, paidDate.values[i]!);
    const coefficient = agingCoefficient(c.aging, days);
    // A payment before its invoice (预收款, or a date typed wrong) ages 0 days: a note names it, the run stays final.
    if (paidDate.values[i]! < inv) {
      const shown = {
        label: c.label,
        paid: isoFromDay(paidDate.values[i]!),
        invoiced: isoFromDay(inv),
        coefficient: `${Number((coefficient * 100).toFixed(4))}%`,
      };
      addIssue(engine, issueOf(table, s.spec, row, c.paidDate, problem('KPI2770', shown), shown.paid, 'note', 'kept'));
    }
    out[r]!.push({ row, invoice: textAt(invoice, i), paid: f === 1 ? p : clean15(p * f), days, coefficient, credited });
  }
  return out;
}

// ---- clawback ---------------------------------------------------------------------------------------------------

/** The period an earlier order was paid in: its month (its quarter for a quarterly run). */
function orderPeriod(day: number, run: Period): Period {
  const { y, m } = ymdFromDay(day);
  const label = run.kind === 'quarter' ? `${y}-Q${Math.floor((m - 1) / 3) + 1}` : `${y}-${String(m).padStart(2, '0')}`;
  return parsePeriod(label) as Period;
}

export interface Clawbacks {
  /** Per rep: the refunds of earlier orders dated in the period. */
  refunds: RefundRow[][];
  /** Per rep: what those refund rows took off the commission base by netting (added back: they are clawed back instead). */
  netted: number[];
}

/**
 * Refund rows in the period of orders dated before it, and of orders of the period itself that the refund row does
 * not net in the base (a refund row that fails the metric's filter). The order's rep is clawed back, and so is every lead scored
 * on a rollup that holds that rep (the order was in the team's base then): each at its own effective commission
 * rate in the order's period under `commissionOf(rep)` (commission ÷ its base), the rate that order was paid at.
 */
export function readClawbacks(
  engine: Engine,
  metricName: string,
  claw: Clawback,
  period: Period,
  commissionOf: (rep: number) => CommissionSpec | undefined,
): Clawbacks {
  const n = engine.nReps;
  const out: Clawbacks = { refunds: Array.from({ length: n }, () => []), netted: new Array<number>(n).fill(0) };
  const spec = engine.model.metrics.find((m) => m.name === metricName);
  const def = spec ? plainAggregate(spec) : null;
  if (!def || def.column === undefined) return out;
  const s = engine.sources.get(def.source);
  if (!s?.spec.date) return out;
  const { table, repIdx } = s;
  const amount = table.columns.get(def.column!);
  const orderCol = table.columns.get(claw.order);
  const date = table.columns.get(s.spec.date);
  if (!amount || !orderCol || !date || date.type !== 'date') return out;
  const maskOf = (conds: typeof def.filter): Uint8Array | null => {
    let m: Uint8Array | null = null;
    for (const c of conds) {
      const x = conditionMask(table, c);
      if (!x) return new Uint8Array(table.rowCount);
      if (m === null) m = x;
      else for (let i = 0; i < x.length; i++) m[i] = m[i]! & x[i]!;
    }
    return m;
  };
  const counted = maskOf(def.filter);
  const refundMask = claw.refunds.length ? maskOf(claw.refunds) : null;
  const isRefund = (i: number): boolean => {
    if (refundMask) return refundMask[i] === 1;
    const v = numericAt(amount, i);
    return v !== null && v < 0;
  };
  // Orders: rows the commission counted (filter passed, positive amount), by order id: amount, first date, rep.
  const orders = new Map<string, { amount: number; day: number; rep: number }>();
  const refundsByOrder = new Map<string, number[]>();
  for (let i = 0; i < table.rowCount; i++) {
    const key = textAt(orderCol, i);
    const day = date.values[i]!;
    if (key === '' || Number.isNaN(day)) continue;
    if (isRefund(i)) {
      const list = refundsByOrder.get(key) ?? [];
      list.push(i);
      refundsByOrder.set(key, list);
      continue;
    }
    const v = numericAt(amount, i);
    if ((counted !== null && !counted[i]) || v === null || !(v > 0)) continue;
    const o = orders.get(key);
    if (o) {
      o.amount = clean15(o.amount + v);
      o.day = Math.min(o.day, day);
    } else orders.set(key, { amount: v, day, rep: repIdx[i]! });
  }
  // The leads scored on a rollup that holds each rep (a rep's own group aside), and whether a rep's figures
  // count a row of another rep (a lead counts the whole team's rows).
  const leadsOf = new Map<number, number[]>();
  for (const g of engine.rollups.groups) for (const m of g.members) if (m !== g.rep) leadsOf.set(m, [...(leadsOf.get(m) ?? []), g.rep]);
  const counts = (rep: number, rowRep: number): boolean =>
    rowRep === rep || (rowRep >= 0 && (engine.rollups.byRep.get(rep)?.members.includes(rowRep) ?? false));
  const side = { ...engine, issues: [] as DataIssue[], issueKeys: new Set<string>() };
  const rateCache = new Map<string, number>();
  const rateOf = (rep: number, p: Period): number => {
    const key = `${rep}\u0000${p.label}`;
    const hit = rateCache.get(key);
    if (hit !== undefined) return hit;
    const c = commissionOf(rep);
    const base = c ? (metricValues(side, p, metricName).values[rep] ?? null) : null;
    const rate = c && base !== null && base > 0 ? clean15(commissionFor(c, base).commission / base) : 0;
    rateCache.set(key, rate);
    return rate;
  };
  if (s.credit && s.spec.split) {
    splitClawbacks({
      engine,
      table,
      spec: s.spec,
      credit: s.credit,
      column: def.column!,
      repIdx,
      amount,
      orderCol,
      days: date.values,
      counted,
      isRefund,
      period,
      claw,
      leadsOf,
      commissionOf,
      rateOf,
      out,
    });
    return out;
  }
  for (const [key, rows] of refundsByOrder) {
    rows.sort((a, b) => date.values[a]! - date.values[b]! || a - b);
    const o = orders.get(key);
    let refundedBefore = 0;
    for (const i of rows) {
      const day = date.values[i]!;
      const v = numericAt(amount, i);
      const refund = v === null ? (o?.amount ?? 0) : Math.abs(v);
      const inPeriod = day >= period.start && day <= period.end;
      if (!o) {
        if (inPeriod) addIssue(engine, issueOf(table, s.spec, table.rowNumbers[i]!, claw.order, problem('KPI2742', { order: key, source: def.source }), key));
        continue;
      }
      // A refund of an order of this very period nets in its base when the refund row passes the metric's filter
      // (a negative amount); a refund row of its own (stage Refunded) does not, so it is clawed back here at this
      // period's rate, as an earlier order's is at its period's: otherwise the refunded part would be paid in full.
      const earlier = o.day < period.start;
      const sameRun = !earlier && o.day <= period.end && !((counted === null || counted[i]) && v !== null && v < 0);
      if (inPeriod && (earlier || sameRun) && o.rep >= 0) {
        const p = earlier ? orderPeriod(o.day, period) : period;
        const orderPeriodText = said('clawback.period', { period: p.label, date: isoFromDay(o.day) });
        for (const rep of [o.rep, ...(leadsOf.get(o.rep) ?? []).filter((g) => commissionOf(g) !== undefined)]) {
          out.refunds[rep]!.push({
            row: table.rowNumbers[i]!,
            order: key,
            refund,
            orderAmount: o.amount,
            refundedBefore,
            orderPeriod: orderPeriodText,
            rate: rateOf(rep, p),
          });
          // Netted in this period's base too (it passes the metric's filter): added back, it is clawed back instead.
          if ((counted === null || counted[i]) && v !== null && v < 0 && counts(rep, repIdx[i]!)) out.netted[rep] = clean15(out.netted[rep]! - v);
        }
      }
      refundedBefore = clean15(refundedBefore + refund);
    }
  }
  return out;
}

interface SplitClawbackInput {
  engine: Engine;
  table: Table;
  spec: SourceSpec;
  credit: SplitCredit;
  /** The commission metric's amount column. */
  column: string;
  repIdx: RepIndex;
  amount: Column;
  orderCol: Column;
  /** The source's date of each row (a day number, NaN when blank). */
  days: Float64Array;
  counted: Uint8Array | null;
  isRefund: (i: number) => boolean;
  period: Period;
  claw: Clawback;
  leadsOf: ReadonlyMap<number, number[]>;
  commissionOf: (rep: number) => CommissionSpec | undefined;
  rateOf: (rep: number, p: Period) => number;
  out: Clawbacks;
}

/**
 * Clawbacks on a split source (split: { order, share }): an order's rows each credit a rep with a share of it, so a
 * refund of the order is taken back from each of those reps by their share of the order (as Xactly and QuotaPath
 * do), each at their own rate of the order's period, and from the leads whose rollup holds them. A refund's rows
 * (one per date: a refund repeated on a row per rep, or one row) form a group of their own, never part of the
 * order's split (splitCredit). A refund of a split order is always clawed back, even of an order of this period:
 * what its rows netted in a base is added back, so no rep pays for another's share.
 */
function splitClawbacks(x: SplitClawbackInput): void {
  const { engine, table, credit, repIdx, amount, orderCol, days, counted, period, out } = x;
  const places = amount.type === 'money' ? amount.scale : 6;
  const unit = amount.type === 'money' ? 10 ** amount.scale : 1;
  const creditedAmount = credit.credited.get(x.column);
  const partOf = (i: number): number => {
    const c = creditedAmount?.[i];
    return c !== undefined && Number.isFinite(c) ? c / unit : clean15((numericAt(amount, i) ?? 0) * credit.share[i]!);
  };
  // Orders: per id, the first date and each rep's credited part; `bad` when its split is reported (no one credited).
  const orders = new Map<string, { amount: number; day: number; parts: Map<number, number>; bad: boolean }>();
  const refunds = new Map<string, Map<number, number[]>>();
  for (let i = 0; i < table.rowCount; i++) {
    const key = textAt(orderCol, i);
    const day = days[i]!;
    if (key === '' || Number.isNaN(day)) continue;
    if (x.isRefund(i)) {
      const byDay = refunds.get(key) ?? new Map<number, number[]>();
      byDay.set(day, [...(byDay.get(day) ?? []), i]);
      refunds.set(key, byDay);
      continue;
    }
    const v = numericAt(amount, i);
    if ((counted !== null && !counted[i]) || v === null || !(v > 0)) continue;
    const o = orders.get(key) ?? { amount: 0, day, parts: new Map<number, number>(), bad: false };
    orders.set(key, o);
    o.day = Math.min(o.day, day);
    if (!Number.isFinite(credit.share[i]!)) {
      o.bad = true;
      continue;
    }
    const part = partOf(i);
    o.amount = clean15(o.amount + part);
    // A row of a rep not in the roster (reported) keeps its part (as -1), so the others' shares stay theirs.
    const r = Math.max(-1, repIdx[i]!);
    o.parts.set(r, clean15((o.parts.get(r) ?? 0) + part));
  }
  const at = (i: number): number => table.rowNumbers[i]!;
  for (const [key, byDay] of refunds) {
    const o = orders.get(key);
    // What each rep of the order has had taken back by its earlier refunds.
    const before = new Map<number, number>();
    for (const [day, rows] of [...byDay].sort((a, b) => a[0] - b[0])) {
      const inPeriod = day >= period.start && day <= period.end;
      if (rows.some((i) => !Number.isFinite(credit.share[i]!))) continue; // the refund's own split is reported
      if (!o) {
        if (inPeriod) addIssue(engine, issueOf(table, x.spec, at(rows[0]!), x.claw.order, problem('KPI2742', { order: key, source: x.spec.name }), key));
        continue;
      }
      if (o.bad) {
        if (inPeriod)
          addIssue(engine, {
            ...issueOf(table, x.spec, at(rows[0]!), x.claw.order, problem('KPI2771', { order: key }), key),
            ...(rows.length > 1 ? { rows: RowList.of(rows.map(at)) } : {}),
          });
        continue;
      }
      const v = numericAt(amount, rows[0]!);
      const refund = v === null ? o.amount : Math.abs(v);
      const reps = [...o.parts.keys()];
      const weights = reps.map((r) => o.parts.get(r)!);
      const parts = splitByWeights(refund, weights, places);
      if (inPeriod && o.day <= period.end) {
        const p = o.day < period.start ? orderPeriod(o.day, period) : period;
        const orderPeriodText = said('clawback.period', { period: p.label, date: isoFromDay(o.day) });
        const into = new Map<number, { refund: number; orderAmount: number; refundedBefore: number }>();
        reps.forEach((r, k) => {
          if (r < 0) return;
          for (const t of [r, ...(x.leadsOf.get(r) ?? []).filter((g) => x.commissionOf(g) !== undefined)]) {
            const e = into.get(t) ?? { refund: 0, orderAmount: 0, refundedBefore: 0 };
            e.refund = clean15(e.refund + parts[k]!);
            e.orderAmount = clean15(e.orderAmount + weights[k]!);
            e.refundedBefore = clean15(e.refundedBefore + (before.get(r) ?? 0));
            into.set(t, e);
          }
        });
        for (const [t, e] of into) {
          const split = { share: o.amount > 0 ? clean15(e.orderAmount / o.amount) : 1, refund };
          out.refunds[t]!.push({ row: at(rows[0]!), order: key, ...e, orderPeriod: orderPeriodText, rate: x.rateOf(t, p), split });
        }
        // What the refund's rows netted in this period's bases (a negative amount passing the metric's filter) is
        // added back: it is clawed back above instead, by the order's shares.
        if (v !== null && v < 0) {
          for (const i of rows) {
            const r = repIdx[i]!;
            if ((counted !== null && !counted[i]) || r < 0) continue;
            for (const t of [r, ...(x.leadsOf.get(r) ?? [])]) out.netted[t] = clean15(out.netted[t]! - partOf(i));
          }
        }
      }
      reps.forEach((r, k) => {
        before.set(r, clean15((before.get(r) ?? 0) + parts[k]!));
      });
    }
  }
}

// ---- paid to date -----------------------------------------------------------------------------------------------

/**
 * What each rep was already paid, from the paid-to-date file: rows whose period label names exactly the scored
 * period (`2026-09-YTD`), or every row without a period column. Unknown reps and blank amounts are reported.
 * Undefined when no row is for this period: the run is not a true-up.
 */
export function readPaidToDate(engine: Engine, table: Table, spec: SourceSpec, period: Period): { paid: (number | null)[]; rows: number[][] } | undefined {
  const paid: (number | null)[] = new Array<number | null>(engine.nReps).fill(null);
  const rows: number[][] = Array.from({ length: engine.nReps }, () => []);
  const repCol = table.columns.get(spec.rep ?? 'rep');
  const amount = table.columns.get('amount');
  const pcol = spec.period !== undefined ? table.columns.get(spec.period) : undefined;
  if (!repCol || !amount) return { paid, rows };
  let matched = false;
  // The labels of rows for other runs, said when a year-to-date or year run finds none of its own.
  const others = new Set<string>();
  // Per rep: a row for an earlier run inside this one (2026-10-YTD in a 2026-11-YTD run), and whether any row is for this run.
  const earlier = new Map<number, { row: number; label: string }>();
  const own = new Set<number>();
  const repOf = (id: string) => engine.lookup.byId.get(id) ?? engine.lookup.byLower.get(id.toLowerCase());
  for (let i = 0; i < table.rowCount; i++) {
    const row = table.rowNumbers[i]!;
    if (pcol) {
      // By the months covered: `2026-12-YTD` and `2026` are the same run.
      const label = textAt(pcol, i);
      const p = normaliseLabel(label);
      if (!p || p.start !== period.start || p.end !== period.end) {
        if (label !== '') others.add(p?.label ?? label);
        const r = repOf(textAt(repCol, i));
        if (p && r !== undefined && r >= 0 && p.end >= period.start && p.end < period.end && !earlier.has(r)) earlier.set(r, { row, label: p.label });
        continue;
      }
    }
    matched = true;
    const id = textAt(repCol, i);
    const r = repOf(id);
    if (r !== undefined && r >= 0) own.add(r);
    if (r === undefined || r < 0) {
      addIssue(engine, issueOf(table, spec, row, spec.rep ?? 'rep', problem('KPI2743', { id }), id));
      continue;
    }
    const v = numericAt(amount, i);
    if (v === null) {
      addIssue(engine, issueOf(table, spec, row, 'amount', problem('KPI2744', { id })));
      continue;
    }
    // A payment written as a negative (a payroll debit) would be paid out again on top of what was earned.
    if (v < 0) {
      addIssue(engine, issueOf(table, spec, row, 'amount', problem('KPI2761', { id }), String(v)));
      continue;
    }
    paid[r] = clean15((paid[r] ?? 0) + v);
    rows[r]!.push(row);
  }
  // A file whose rows are all for other runs (a month scored between the quarterly true-ups) means no true-up now.
  // A year-to-date or year run is the true-up itself: with rows for other periods only (the months or quarters
  // the payments were made in), the whole period's earnings would be paid again as if nothing had been paid.
  if (!matched && others.size > 0 && (period.kind === 'ytd' || period.kind === 'year')) {
    const labels = [...others].slice(0, 5).join(', ') + (others.size > 5 ? ', …' : '');
    addIssue(
      engine,
      codedIssue(problem('KPI2760', { n: table.rowCount, period: period.label, labels }), {
        file: table.file,
        source: table.source,
        column: headerOf(spec, spec.period!),
        severity: 'error',
        action: 'kept',
      }),
    );
  }
  // A rep paid by an earlier run of the period but missing from this one (the file not brought up to date for them)
  // would be paid everything earned again: said, at that earlier row.
  if (matched) {
    for (const [r, e] of earlier) {
      if (own.has(r)) continue;
      const id = engine.lookup.reps[r]!.id;
      addIssue(engine, issueOf(table, spec, e.row, spec.period!, problem('KPI2766', { id, label: e.label, period: period.label }), e.label, 'warning', 'kept'));
    }
  }
  return matched ? { paid, rows } : undefined;
}
