// The pay lines of issue #12 in the workbooks: components, clawbacks, 红线 and paid to date, one row each with
// what it is computed on, its rate, its amount as a live formula (from the rule that owns the kind) and its reason.
// Shared by the report's "Pay lines" sheet and the scorecards.
import type { Model } from '../core/model.js';
import type { PayLine, RepResult, RunResult } from '../core/results.js';
import { componentRule } from '../core/rules/components/index.js';
import { clawbackFormula } from '../core/rules/clawback.js';
import { RED_LINE_KINDS } from '../core/rules/red-lines/index.js';
import { carriedFormula } from '../core/rules/true-up.js';
import { formulaText, ref, round, sameMoney, sameNumber, type F } from '../core/formula.js';
import { summaryColumn } from './sheets/summary.js';
import { setFormula, setNote, setNumber, setText, type Worksheet } from './excel.js';
import { put } from './report.js';
import { english, say, type Text, type Translate } from '../messages/index.js';
import { balanceHow, lineHow, lineKind, lineLabel } from './pay-line-text.js';

/** Where a rep's metric cells are (the report's Details sheet, a scorecard's metric rows), for kicker formulas. */
export type MetricCellsOf = (rep: RepResult, metric: string) => { actual: string; achievement: string } | undefined;

type Choice = { formula: F } | { why: string };

/** The line's amount as a formula over its own cells (E basis, F rate, and for a clawback J–L), when one reproduces it. */
function lineFormula(
  model: Model,
  r: RepResult,
  l: PayLine,
  cells: { basis: string; rate: string; refund?: string; order?: string; before?: string },
  metricCells: MetricCellsOf,
  t: Translate = english,
): Choice {
  const basis = ref(cells.basis, l.basis);
  const rate = ref(cells.rate, l.rate);
  let f: F | null = null;
  let why = t('why.payLine.none');
  switch (l.kind) {
    case 'commission':
    case 'spiff':
    case 'kicker':
    case 'collection': {
      const plan = model.plans?.get(r.rep.role);
      const list = plan?.components ?? model.components ?? [];
      const c = list.find((x) => x.name === l.name && x.kind === l.kind);
      if (!c) break;
      f = componentRule(c).formula(
        c,
        { amount: l.amount, basis: l.basis, rate: l.rate, text: l.text },
        {
          basis,
          rate,
          metric: (name) => {
            const at = metricCells(r, name);
            const m = r.metrics.find((x) => x.metric === name);
            return at && m ? { actual: ref(at.actual, m.actual), achievement: ref(at.achievement, m.achievement) } : undefined;
          },
          lowerIsBetter: (name) => model.metrics.find((m) => m.name === name)?.direction === 'lower_is_better',
        },
      );
      // Only a kicker has none: when a metric it checks has no cells on the sheet.
      break;
    }
    case 'clawback':
      if (l.clawback && cells.refund && cells.order && cells.before) {
        f = clawbackFormula({
          refund: ref(cells.refund, l.clawback.refund),
          orderAmount: ref(cells.order, l.clawback.orderAmount),
          refundedBefore: ref(cells.before, l.clawback.refundedBefore),
          rate,
        });
      }
      break;
    case 'red_line':
      if (!l.redLine) break;
      // The kind's own formula over the line's cells; a kind that costs no money says why there is none.
      f = RED_LINE_KINDS[l.redLine.kind].formula({ basis, rate });
      if (f === null) why = RED_LINE_KINDS[l.redLine.kind].phase === 'score' ? t('why.payLine.points') : t('why.payLine.zeroBonus');
      break;
    case 'paid_to_date':
      f = null;
      why = t('why.payLine.paidFile');
      break;
  }
  if (f === null) return { why };
  return Number.isFinite(f.v) && sameNumber(f.v, l.amount) ? { formula: f } : { why: t('why.payLine.otherwise') };
}

/** The rounded amount: ROUND(amount) when that is the line's share of the rounded payout, else the value. */
function roundedChoice(amountCell: string, l: PayLine, minor: number, t: Translate): Choice {
  const f = round(ref(amountCell, l.amount), minor);
  return sameMoney(f.v, l.rounded, minor) && f.v === l.rounded
    ? { formula: f }
    : { why: l.rounded < l.amount ? t('why.payLine.floor') : t('why.payLine.cent') };
}

/** A line's row-level detail (回款 payments) as a cell note: the first 40, then how many more `kpi explain` lists. */
function detailNote(detail: readonly Text[], t: Translate): string {
  return (
    detail
      .slice(0, 40)
      .map((d) => say(d, t))
      .join('\n') + (detail.length > 40 ? `\n${t('pay.moreInExplain', { n: detail.length - 40 })}` : '')
  );
}

/** The row of each rep's pay lines on the Pay lines sheet (from row 2, in result order; a balance carried after them). */
export function payLineRows(result: RunResult): Map<RepResult, { line: PayLine; row: number }[]> {
  const out = new Map<RepResult, { line: PayLine; row: number }[]>();
  let row = 2;
  for (const r of result.reps) {
    out.set(
      r,
      (r.lines ?? []).map((line) => ({ line, row: row++ })),
    );
    if (r.trueUp && r.trueUp.carried < 0) row++;
  }
  return out;
}

/** Where a rep's Summary row is (the carried balance is computed from its bonus, commission and amount off). */
export interface SummaryCellsOf {
  /** The Summary sheet as a formula names it. */
  ref: string;
  row(rep: RepResult): number;
}

/**
 * The true-up's carried balance: ROUND(MIN(0, earned − paid to date)) over the rep's Summary bonus, commission and
 * amount off and the paid-to-date line's amount (`paidRow`), when it comes to the core's balance to the cent.
 */
function carriedChoice(
  r: RepResult,
  paid: { row: number; amount: number } | undefined,
  summary: SummaryCellsOf | undefined,
  minor: number,
  t: Translate,
): Choice {
  const carried = r.trueUp?.carried ?? 0;
  if (!paid || !summary) return { why: t('why.payLine.paidFile') };
  const at = (h: 'Bonus' | 'Commission' | 'Amount off'): string => `${summary.ref}!${summaryColumn(h)}${summary.row(r)}`;
  const f = round(
    carriedFormula({
      bonus: ref(at('Bonus'), r.rounded.bonus),
      commission: ref(at('Commission'), r.rounded.commission),
      amountOff: ref(at('Amount off'), r.deductionAmount),
      paidToDate: ref(`G${paid.row}`, paid.amount),
    }),
    minor,
  );
  return sameMoney(f.v, carried, minor) ? { formula: f } : { why: t('why.payLine.otherwise') };
}

// Pay lines: A Rep ID, B Name, C Line, D Kind, E Basis, F Rate, G Amount, H Rounded (signed in the payout: I),
// I Sign, J Refund, K Order amount, L Refunded before, M How, N Reason
export function writePayLinesSheet(
  ws: Worksheet,
  result: RunResult,
  model: Model,
  moneyFmt: string,
  metricCells: MetricCellsOf,
  t: Translate = english,
  summary?: SummaryCellsOf,
): void {
  const titles = [
    t('col.repId'),
    t('col.name'),
    t('pay.col.line'),
    t('pay.col.kind'),
    t('pay.col.basis'),
    t('pay.col.rate'),
    t('pay.col.amount'),
    t('pay.col.rounded'),
    t('pay.col.sign'),
    t('pay.col.refund'),
    t('pay.col.orderAmount'),
    t('pay.col.refundedBefore'),
    t('pay.col.how'),
    t('pay.col.reason'),
  ];
  ws.columns = titles.map((t, i) => ({ header: t, width: [10, 20, 22, 12, 14, 10, 13, 13, 6, 13, 13, 13, 60, 30][i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const minor = result.currency.minorUnit;
  let row = 2;
  for (const r of result.reps) {
    let paid: { row: number; amount: number } | undefined;
    for (const l of r.lines ?? []) {
      if (l.kind === 'paid_to_date') paid = { row, amount: l.amount };
      const x = ws.getRow(row);
      setText(x.getCell(1), r.rep.id);
      setText(x.getCell(2), r.rep.name);
      setText(x.getCell(3), lineLabel(l, t));
      setText(x.getCell(4), lineKind(l, t));
      const basisFmt = l.kind === 'spiff' ? '#,##0' : moneyFmt;
      setNumber(x.getCell(5), l.basis, basisFmt);
      const rateFmt = l.kind === 'spiff' || l.kind === 'kicker' || l.redLine?.kind === 'amount' ? moneyFmt : l.redLine?.kind === 'points' ? '0.##' : '0.00##%';
      setNumber(x.getCell(6), l.redLine?.kind === 'points' ? l.redLine.points : l.rate, rateFmt);
      if (l.clawback) {
        setNumber(x.getCell(10), l.clawback.refund, moneyFmt);
        setNumber(x.getCell(11), l.clawback.orderAmount, moneyFmt);
        setNumber(x.getCell(12), l.clawback.refundedBefore, moneyFmt);
      }
      const choice = lineFormula(model, r, l, { basis: `E${row}`, rate: `F${row}`, refund: `J${row}`, order: `K${row}`, before: `L${row}` }, metricCells, t);
      put(x.getCell(7), choice, l.amount, moneyFmt, t);
      put(x.getCell(8), roundedChoice(`G${row}`, l, minor, t), l.rounded, moneyFmt, t);
      setNumber(x.getCell(9), l.sign);
      setText(x.getCell(13), lineHow(l, r, model, t, minor));
      if (l.detail?.length) setNote(x.getCell(13), detailNote(l.detail, t));
      setText(x.getCell(14), say(l.reason ?? '', t));
      row++;
    }
    if (r.trueUp && r.trueUp.carried < 0) {
      const x = ws.getRow(row++);
      setText(x.getCell(1), r.rep.id);
      setText(x.getCell(2), r.rep.name);
      setText(x.getCell(3), t('pay.label.balance'));
      setText(x.getCell(4), t('pay.kind.trueUp'));
      const carried = carriedChoice(r, paid, summary, minor, t);
      if ('formula' in carried) setFormula(x.getCell(7), formulaText(carried.formula), carried.formula.v, moneyFmt);
      else put(x.getCell(7), carried, r.trueUp.carried, moneyFmt, t);
      setText(x.getCell(13), balanceHow(r, t, minor));
    }
  }
  ws.autoFilter = { from: 'A1', to: `N${Math.max(1, row - 1)}` };
}

/** The scorecard's lines for one rep: label | rounded amount (signed by place) | how | reason. Returns the next row. */
export function writeScorecardLines(
  ws: Worksheet,
  r: RepResult,
  model: Model,
  lines: readonly PayLine[],
  startRow: number,
  moneyFmt: string,
  metricCells: MetricCellsOf,
  minor: number,
  t: Translate = english,
): number {
  let row = startRow;
  for (const l of lines) {
    setText(ws.getCell(row, 1), `  ${lineLabel(l, t)}`);
    // Basis and rate beside the text (D, E) so the amount is a formula over them.
    setNumber(ws.getCell(row, 4), l.basis, l.kind === 'spiff' ? '#,##0' : moneyFmt);
    setNumber(
      ws.getCell(row, 5),
      l.redLine?.kind === 'points' ? l.redLine.points : l.rate,
      l.kind === 'spiff' || l.kind === 'kicker' || l.redLine?.kind === 'amount' ? moneyFmt : '0.00##%',
    );
    const choice = lineFormula(model, r, l, { basis: `D${row}`, rate: `E${row}` }, metricCells, t);
    const amount: Choice =
      'formula' in choice
        ? (() => {
            const f = round(choice.formula, minor);
            return f.v === l.rounded ? { formula: f } : { why: t('why.payLine.cent') };
          })()
        : choice;
    put(ws.getCell(row, 2), amount, l.rounded, moneyFmt, t);
    setText(ws.getCell(row, 3), lineHow(l, r, model, t, minor));
    // The 回款 line says its payments are in the note: here as on the Pay lines sheet.
    if (l.detail?.length) setNote(ws.getCell(row, 3), detailNote(l.detail, t));
    row++;
  }
  return row;
}
