// Comparison with the previous period, scored by the same core from the same data and scheme: per rep the score,
// tier and payout then and now, the changes, and the tier move. This period's figures are formulas over the
// Summary sheet; the previous period's are values (they are not elsewhere in the workbook).
import type { Model } from '../../core/model.js';
import type { Period, RepResult, RunResult } from '../../core/results.js';
import { PERCENT, setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { columnOf, columnsByHeader, headerRow, sheetRef, SUMMARY_HEADER_ROW, summaryRow } from './common.js';

/** The previous period: scored when every dated source reaches it, else the sources that do not. */
export interface PreviousPeriod {
  period: Period;
  result?: RunResult;
  missing: string[];
}

// The one place for this sheet's words (a later message catalogue takes them over).
export const COMPARE_TEXT = {
  sheet: (label: string) => `vs ${label}`,
  rank: 'Rank',
  id: 'Rep ID',
  name: 'Name',
  team: 'Team',
  score: (label: string) => `Score ${label}`,
  deltaScore: 'Δ score',
  tier: (label: string) => `Tier ${label}`,
  move: 'Tier move',
  payout: (label: string) => `Payout ${label}`,
  deltaPayout: 'Δ payout',
  up: (n: number) => `↑ up ${n}`,
  down: (n: number) => `↓ down ${n}`,
  same: '= same',
  noData: 'no data',
  noDataBefore: 'no data before',
  total: 'All reps',
  note: (prev: string, cur: string) =>
    `${prev} scored with the same scheme and data as ${cur}; a rep without rows in ${prev} shows "no data".`,
  missing: (prev: string, sources: string[]) => `No comparison with ${prev}: the data does not reach it (no rows in ${prev} in ${sources.join(', ')}).`,
  compared: (prev: string, sheet: string) => `Compared with ${prev}: sheet "${sheet}".`,
} as const;

const SUMMARY = { score: 'Total score', tier: 'Tier', payout: 'Payout' };

function tierIndex(model: Model, r: RepResult): number | null {
  if (!r.tier || model.bonus.mode !== 'step') return null;
  const i = model.bonus.tiers.findIndex((t) => t.label === r.tier!.label);
  return i < 0 ? null : i;
}

export function tierMove(model: Model, before: RepResult | undefined, now: RepResult): string {
  const T = COMPARE_TEXT;
  if (!before?.hasData) return T.noDataBefore;
  if (!now.hasData) return T.noData;
  const a = tierIndex(model, before);
  const b = tierIndex(model, now);
  if (a === null || b === null) return '';
  return b > a ? T.up(b - a) : b < a ? T.down(a - b) : T.same;
}

export function writeCompare(ws: Worksheet, result: RunResult, previous: RunResult, model: Model, summary: Worksheet, moneyFmt: string): void {
  const T = COMPARE_TEXT;
  const prev = previous.period.label;
  const cur = result.period.label;
  setText(ws.getCell(1, 1), T.note(prev, cur));
  ws.getCell(1, 1).font = { italic: true, color: { argb: 'FF595959' } };
  const head = 3;
  headerRow(ws, head, [T.rank, T.id, T.name, T.team, T.score(prev), T.score(cur), T.deltaScore, T.tier(prev), T.tier(cur), T.move,
    T.payout(prev), T.payout(cur), T.deltaPayout]);
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
    setText(ws.getCell(row, 8), b ? (b.hasData ? b.tier?.label ?? '' : T.noData) : '');
    setText(ws.getCell(row, 9), r.hasData ? r.tier?.label ?? '' : T.noData);
    setText(ws.getCell(row, 10), tierMove(model, b, r));
    setNumber(ws.getCell(row, 11), b ? b.rounded.payout : null, moneyFmt);
    setFormula(ws.getCell(row, 12), `${S}!${col(SUMMARY.payout)}${s}`, r.rounded.payout, moneyFmt);
    if (b) setFormula(ws.getCell(row, 13), `L${row}-K${row}`, r.rounded.payout - b.rounded.payout, moneyFmt);
  });
  const last = head + result.reps.length;
  const t = last + 1;
  setText(ws.getCell(t, 3), T.total);
  if (result.reps.length) {
    // Averages over the reps scored in each period (AVERAGE skips the blank previous score of a rep not there).
    const avg = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
    const then = avg(result.reps.flatMap((r) => (before.has(r.rep.id) ? [before.get(r.rep.id)!.totalScore] : [])));
    const now = avg(result.reps.map((r) => r.totalScore));
    setFormula(ws.getCell(t, 5), `AVERAGE(E${head + 1}:E${last})`, then, PERCENT);
    setFormula(ws.getCell(t, 6), `AVERAGE(F${head + 1}:F${last})`, now, PERCENT);
    setFormula(ws.getCell(t, 7), `F${t}-E${t}`, now - then, '+0.0%;-0.0%;0.0%');
    const prevTotal = result.reps.reduce((a, r) => a + (before.get(r.rep.id)?.rounded.payout ?? 0), 0);
    const curTotal = result.reps.reduce((a, r) => a + r.rounded.payout, 0);
    setFormula(ws.getCell(t, 11), `SUM(K${head + 1}:K${last})`, prevTotal, moneyFmt);
    setFormula(ws.getCell(t, 12), `SUM(L${head + 1}:L${last})`, curTotal, moneyFmt);
    setFormula(ws.getCell(t, 13), `L${t}-K${t}`, curTotal - prevTotal, moneyFmt);
  }
  ws.getRow(t).font = { bold: true };
  // Up green, down red: the change columns and the tier move.
  const green = { font: { color: { argb: 'FF006100' } } };
  const red = { font: { color: { argb: 'FF9C0006' } } };
  for (const c of ['G', 'M']) {
    ws.addConditionalFormatting({ ref: `${c}${head + 1}:${c}${t}`, rules: [
      { type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${c}${head + 1}),${c}${head + 1}>0)`], style: green },
      { type: 'expression', priority: 2, formulae: [`AND(ISNUMBER(${c}${head + 1}),${c}${head + 1}<0)`], style: red },
    ] });
  }
  ws.addConditionalFormatting({ ref: `J${head + 1}:J${last}`, rules: [
    { type: 'expression', priority: 3, formulae: [`LEFT(J${head + 1},1)="↑"`], style: green },
    { type: 'expression', priority: 4, formulae: [`LEFT(J${head + 1},1)="↓"`], style: red },
  ] });
}
