// Comparison with the previous period, scored by the same core from the same data and scheme: per rep the score,
// tier and payout then and now, the changes, and the tier move. This period's figures are formulas over the
// Summary sheet; the previous period's are values (they are not elsewhere in the workbook).
import type { Model } from '../../core/model.js';
import type { Period, RepResult, RunResult } from '../../core/results.js';
import { bonusMode } from '../../core/rules/bonus/index.js';
import { PERCENT, setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { columnOf, columnsByHeader, headerRow, sheetRef, SUMMARY_HEADER_ROW, summaryRow } from './common.js';
import { english, type Translate } from '../../messages/index.js';

/** The previous period: scored when every dated source reaches it, else the sources that do not. */
export interface PreviousPeriod {
  period: Period;
  result?: RunResult;
  missing: string[];
}

function tierIndex(model: Model, r: RepResult): number | null {
  if (!r.tier) return null;
  const i = bonusMode(model.bonus)
    .tiers(model.bonus)
    .findIndex((tr) => tr.label === r.tier!.label);
  return i < 0 ? null : i;
}

export function tierMove(model: Model, before: RepResult | undefined, now: RepResult, t: Translate = english): string {
  if (!before?.hasData) return t('compare.noDataBefore');
  if (!now.hasData) return t('compare.noData');
  const a = tierIndex(model, before);
  const b = tierIndex(model, now);
  if (a === null || b === null) return '';
  return b > a ? t('compare.up', { n: b - a }) : b < a ? t('compare.down', { n: a - b }) : t('compare.same');
}

export function writeCompare(ws: Worksheet, result: RunResult, previous: RunResult, model: Model, summary: Worksheet, moneyFmt: string, t: Translate): void {
  const SUMMARY = { score: t('col.totalScore'), payout: t('col.payout') };
  const prev = previous.period.label;
  const cur = result.period.label;
  setText(ws.getCell(1, 1), t('compare.note', { prev, cur }));
  ws.getCell(1, 1).font = { italic: true, color: { argb: 'FF595959' } };
  const head = 3;
  headerRow(ws, head, [
    t('col.rank'),
    t('col.repId'),
    t('col.name'),
    t('col.team'),
    t('compare.score', { period: prev }),
    t('compare.score', { period: cur }),
    t('compare.deltaScore'),
    t('compare.tier', { period: prev }),
    t('compare.tier', { period: cur }),
    t('compare.move'),
    t('compare.payout', { period: prev }),
    t('compare.payout', { period: cur }),
    t('compare.deltaPayout'),
  ]);
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: head }];
  const S = sheetRef(summary.name);
  const sc = columnsByHeader(summary, SUMMARY_HEADER_ROW);
  const col = (h: string) => columnOf(sc, h, summary.name);
  const before = new Map(previous.reps.map((r) => [r.rep.id, r]));
  result.reps.forEach((r, i) => {
    const row = head + 1 + i;
    const s = summaryRow(i);
    const b = before.get(r.rep.id);
    setNumber(ws.getCell(row, 1), r.rank, '0');
    setText(ws.getCell(row, 2), r.rep.id);
    setText(ws.getCell(row, 3), r.rep.name);
    setText(ws.getCell(row, 4), r.rep.team);
    setNumber(ws.getCell(row, 5), b ? b.totalScore : null, PERCENT);
    setFormula(ws.getCell(row, 6), `${S}!${col(SUMMARY.score)}${s}`, r.totalScore, PERCENT);
    if (b) setFormula(ws.getCell(row, 7), `F${row}-E${row}`, r.totalScore - b.totalScore, '+0.0%;-0.0%;0.0%');
    setText(ws.getCell(row, 8), b ? (b.hasData ? (b.tier?.label ?? '') : t('compare.noData')) : '');
    setText(ws.getCell(row, 9), r.hasData ? (r.tier?.label ?? '') : t('compare.noData'));
    setText(ws.getCell(row, 10), tierMove(model, b, r, t));
    setNumber(ws.getCell(row, 11), b ? b.rounded.payout : null, moneyFmt);
    setFormula(ws.getCell(row, 12), `${S}!${col(SUMMARY.payout)}${s}`, r.rounded.payout, moneyFmt);
    if (b) setFormula(ws.getCell(row, 13), `L${row}-K${row}`, r.rounded.payout - b.rounded.payout, moneyFmt);
  });
  const last = head + result.reps.length;
  const tr = last + 1;
  setText(ws.getCell(tr, 3), t('compare.total'));
  if (result.reps.length) {
    // Averages over the reps scored in each period (AVERAGE skips the blank previous score of a rep not there).
    const avg = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
    const then = avg(result.reps.flatMap((r) => (before.has(r.rep.id) ? [before.get(r.rep.id)!.totalScore] : [])));
    const now = avg(result.reps.map((r) => r.totalScore));
    setFormula(ws.getCell(tr, 5), `AVERAGE(E${head + 1}:E${last})`, then, PERCENT);
    setFormula(ws.getCell(tr, 6), `AVERAGE(F${head + 1}:F${last})`, now, PERCENT);
    setFormula(ws.getCell(tr, 7), `F${tr}-E${tr}`, now - then, '+0.0%;-0.0%;0.0%');
    const prevTotal = result.reps.reduce((a, r) => a + (before.get(r.rep.id)?.rounded.payout ?? 0), 0);
    const curTotal = result.reps.reduce((a, r) => a + r.rounded.payout, 0);
    setFormula(ws.getCell(tr, 11), `SUM(K${head + 1}:K${last})`, prevTotal, moneyFmt);
    setFormula(ws.getCell(tr, 12), `SUM(L${head + 1}:L${last})`, curTotal, moneyFmt);
    setFormula(ws.getCell(tr, 13), `L${tr}-K${tr}`, curTotal - prevTotal, moneyFmt);
  }
  ws.getRow(tr).font = { bold: true };
  // Up green, down red: the change columns and the tier move.
  const green = { font: { color: { argb: 'FF006100' } } };
  const red = { font: { color: { argb: 'FF9C0006' } } };
  for (const c of ['G', 'M']) {
    ws.addConditionalFormatting({
      ref: `${c}${head + 1}:${c}${tr}`,
      rules: [
        { type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${c}${head + 1}),${c}${head + 1}>0)`], style: green },
        { type: 'expression', priority: 2, formulae: [`AND(ISNUMBER(${c}${head + 1}),${c}${head + 1}<0)`], style: red },
      ],
    });
  }
  ws.addConditionalFormatting({
    ref: `J${head + 1}:J${last}`,
    rules: [
      { type: 'expression', priority: 3, formulae: [`LEFT(J${head + 1},1)="↑"`], style: green },
      { type: 'expression', priority: 4, formulae: [`LEFT(J${head + 1},1)="↓"`], style: red },
    ],
  });
}
