// The pay lines of issue #12 in the workbooks: components, clawbacks, 红线 and paid to date, one row each with
// what it is computed on, its rate, its amount as a live formula (from the rule that owns the kind) and its reason.
// Shared by the report's "Pay lines" sheet and the scorecards.
import type { Model } from '../core/model.js';
import type { PayLine, RepResult, RunResult } from '../core/results.js';
import { componentRule } from '../core/rules/components/index.js';
import { clawbackFormula } from '../core/rules/clawback.js';
import { RED_LINE_KINDS } from '../core/rules/red-lines/index.js';
import { min, mul, ref, round, sameMoney, sameNumber, type F } from '../core/formula.js';
import { setNote, setNumber, setText, type Worksheet } from './excel.js';
import { put } from './report.js';

/** Where a rep's metric cells are (the report's Details sheet, a scorecard's metric rows), for kicker formulas. */
export type MetricCellsOf = (rep: RepResult, metric: string) => { actual: string; achievement: string } | undefined;

type Choice = { formula: F } | { why: string };


/** The line's amount as a formula over its own cells (E basis, F rate, and for a clawback J–L), when one reproduces it. */
export function lineFormula(model: Model, r: RepResult, l: PayLine, cells: { basis: string; rate: string; refund?: string; order?: string; before?: string }, metricCells: MetricCellsOf): Choice {
  const basis = ref(cells.basis, l.basis);
  const rate = ref(cells.rate, l.rate);
  let f: F | null = null;
  let why = 'no formula for this line';
  switch (l.kind) {
    case 'commission':
    case 'spiff':
    case 'kicker':
    case 'collection': {
      const plan = model.plans?.get(r.rep.role);
      const list = plan?.components ?? model.components ?? [];
      const c = list.find((x) => x.name === l.name && x.kind === l.kind);
      if (!c) break;
      f = componentRule(c).formula(c, { amount: l.amount, basis: l.basis, rate: l.rate, text: l.text }, {
        basis, rate,
        metric: (name) => {
          const at = metricCells(r, name);
          const m = r.metrics.find((x) => x.metric === name);
          return at && m ? { actual: ref(at.actual, m.actual), achievement: ref(at.achievement, m.achievement) } : undefined;
        },
        lowerIsBetter: (name) => model.metrics.find((m) => m.name === name)?.direction === 'lower_is_better',
      });
      why = l.kind === 'collection' ? 'cash after aging, tiered (see the payments in the note)' : 'tiered commission (see the text)';
      break;
    }
    case 'clawback':
      if (l.clawback && cells.refund && cells.order && cells.before) {
        f = clawbackFormula({ refund: ref(cells.refund, l.clawback.refund), orderAmount: ref(cells.order, l.clawback.orderAmount), refundedBefore: ref(cells.before, l.clawback.refundedBefore), rate });
      }
      break;
    case 'red_line':
      if (l.redLine?.kind === 'amount') f = rate;
      else if (l.redLine?.kind === 'percent_of_bonus') f = min(mul(basis, rate), basis);
      else why = l.redLine?.kind === 'points' ? 'points come off the total score' : 'the whole bonus is zeroed';
      if (l.redLine && RED_LINE_KINDS[l.redLine.kind].phase === 'score') f = null;
      break;
    case 'paid_to_date':
      f = null;
      why = 'from the paid-to-date file';
      break;
  }
  if (f === null) return { why };
  return Number.isFinite(f.v) && sameNumber(f.v, l.amount) ? { formula: f } : { why: 'the line was computed otherwise (see the text)' };
}

/** The rounded amount: ROUND(amount) when that is the line's share of the rounded payout, else the value. */
function roundedChoice(amountCell: string, l: PayLine, minor: number): Choice {
  const f = round(ref(amountCell, l.amount), minor);
  return sameMoney(f.v, l.rounded, minor) && f.v === l.rounded ? { formula: f } : { why: l.rounded < l.amount ? 'only the part within the payout is applied (the payout is not below 0), or the cent that makes the lines add up' : 'the cent that makes the lines add up to the rounded payout' };
}

// Pay lines: A Rep ID, B Name, C Line, D Kind, E Basis, F Rate, G Amount, H Rounded (signed in the payout: I),
// I Sign, J Refund, K Order amount, L Refunded before, M How, N Reason
export function writePayLinesSheet(ws: Worksheet, result: RunResult, model: Model, moneyFmt: string, metricCells: MetricCellsOf): void {
  const titles = ['Rep ID', 'Name', 'Line', 'Kind', 'Basis', 'Rate', 'Amount', 'Rounded', 'Sign', 'Refund', 'Order amount', 'Refunded before', 'How', 'Reason'];
  ws.columns = titles.map((t, i) => ({ header: t, width: [10, 20, 22, 12, 14, 10, 13, 13, 6, 13, 13, 13, 60, 30][i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const minor = result.currency.minorUnit;
  let row = 2;
  for (const r of result.reps) {
    for (const l of r.lines ?? []) {
      const x = ws.getRow(row);
      setText(x.getCell(1), r.rep.id);
      setText(x.getCell(2), r.rep.name);
      setText(x.getCell(3), l.label);
      setText(x.getCell(4), l.kind === 'red_line' ? `红线 ${l.redLine?.kind ?? ''}` : l.kind);
      const basisFmt = l.kind === 'spiff' ? '#,##0' : moneyFmt;
      setNumber(x.getCell(5), l.basis, basisFmt);
      const rateFmt = l.kind === 'spiff' || l.kind === 'kicker' || l.redLine?.kind === 'amount' ? moneyFmt : l.redLine?.kind === 'points' ? '0.##' : '0.00##%';
      setNumber(x.getCell(6), l.redLine?.kind === 'points' ? l.redLine.points : l.rate, rateFmt);
      if (l.clawback) {
        setNumber(x.getCell(10), l.clawback.refund, moneyFmt);
        setNumber(x.getCell(11), l.clawback.orderAmount, moneyFmt);
        setNumber(x.getCell(12), l.clawback.refundedBefore, moneyFmt);
      }
      const choice = lineFormula(model, r, l, { basis: `E${row}`, rate: `F${row}`, refund: `J${row}`, order: `K${row}`, before: `L${row}` }, metricCells);
      put(x.getCell(7), choice, l.amount, moneyFmt);
      put(x.getCell(8), roundedChoice(`G${row}`, l, minor), l.rounded, moneyFmt);
      setNumber(x.getCell(9), l.sign);
      setText(x.getCell(13), l.text);
      if (l.detail?.length) setNote(x.getCell(13), l.detail.slice(0, 40).join('\n') + (l.detail.length > 40 ? `\n… ${l.detail.length - 40} more (kpi explain)` : ''));
      setText(x.getCell(14), l.reason ?? '');
      row++;
    }
    if (r.trueUp && r.trueUp.carried < 0) {
      const x = ws.getRow(row++);
      setText(x.getCell(1), r.rep.id);
      setText(x.getCell(2), r.rep.name);
      setText(x.getCell(3), 'Balance carried');
      setText(x.getCell(4), 'true_up');
      setNumber(x.getCell(7), r.trueUp.carried, moneyFmt);
      setText(x.getCell(13), `earned year to date ${r.trueUp.earned} − paid to date ${r.trueUp.paidToDate}: not paid, carried as a balance`);
    }
  }
  ws.autoFilter = { from: 'A1', to: `N${Math.max(1, row - 1)}` };
}

/** The scorecard's lines for one rep: label | rounded amount (signed by place) | how | reason. Returns the next row. */
export function writeScorecardLines(ws: Worksheet, r: RepResult, model: Model, lines: readonly PayLine[], startRow: number, moneyFmt: string, metricCells: MetricCellsOf, minor: number): number {
  let row = startRow;
  for (const l of lines) {
    setText(ws.getCell(row, 1), `  ${l.label}`);
    // Basis and rate beside the text (D, E) so the amount is a formula over them.
    setNumber(ws.getCell(row, 4), l.basis, l.kind === 'spiff' ? '#,##0' : moneyFmt);
    setNumber(ws.getCell(row, 5), l.redLine?.kind === 'points' ? l.redLine.points : l.rate, l.kind === 'spiff' || l.kind === 'kicker' || l.redLine?.kind === 'amount' ? moneyFmt : '0.00##%');
    const choice = lineFormula(model, r, l, { basis: `D${row}`, rate: `E${row}` }, metricCells);
    const amount: Choice = 'formula' in choice ? (() => {
      const f = round(choice.formula, minor);
      return f.v === l.rounded ? { formula: f } : { why: 'the cent that makes the lines add up to the rounded payout' };
    })() : choice;
    put(ws.getCell(row, 2), amount, l.rounded, moneyFmt);
    setText(ws.getCell(row, 3), l.text);
    row++;
  }
  return row;
}
