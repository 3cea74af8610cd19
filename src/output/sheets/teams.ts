// The team rollup a sales manager asks for: per team the reps, average score, total and average payout, reps whose
// bonus a gate zeroed, and how many reps reached each tier. Live formulas over the Summary sheet (columns found
// by header), with the core's figures cached; a figure the formula would not reproduce exactly is written as value.
import type { Model } from '../../core/model.js';
import type { RunResult } from '../../core/results.js';
import { bonusMode } from '../../core/rules/bonus/index.js';
import { PERCENT, setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { sameMoney, sameNumber } from '../../core/formula.js';
import { clean15, roundHalfAwayFromZero } from '../../core/money.js';
import { columnLetters } from '../charts/index.js';
import { columnOf, columnsByHeader, headerRow, sheetRef, SUMMARY_HEADER_ROW, summaryRow } from './common.js';
import type { Translate } from '../../messages/index.js';

export function writeTeams(ws: Worksheet, result: RunResult, model: Model, summary: Worksheet, moneyFmt: string, t: Translate): void {
  const SUMMARY = { team: t('col.team'), score: t('col.totalScore'), tier: t('col.tier'), gate: t('col.bonusZeroedBy'), payout: t('col.payout') };
  const minor = result.currency.minorUnit;
  const tiers = bonusMode(model.bonus).tiers(model.bonus);
  const fixed = [t('col.team'), t('col.reps'), t('teams.withData'), t('dash.averageScore'), t('dash.totalPayout'), t('teams.averagePayout'), t('dash.gated')];
  headerRow(ws, 1, [...fixed, ...tiers.map((tr) => tr.label)]);
  const tierCol = (k: number) => columnLetters(fixed.length + k);
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  const n = result.reps.length;
  if (n === 0) return;
  const S = sheetRef(summary.name);
  const sc = columnsByHeader(summary, SUMMARY_HEADER_ROW);
  const range = (h: string) => {
    const c = columnOf(sc, h, summary.name);
    return `${S}!$${c}$${summaryRow(0)}:$${c}$${summaryRow(n - 1)}`;
  };
  const team = range(SUMMARY.team);
  const score = range(SUMMARY.score);
  const payout = range(SUMMARY.payout);
  const gate = range(SUMMARY.gate);
  const tier = range(SUMMARY.tier);

  result.teams.forEach((tm, i) => {
    const r = 2 + i;
    const members = result.reps.filter((x) => x.rep.team === tm.team);
    const mine = `EXACT(${team},$A${r})`;
    setText(ws.getCell(r, 1), tm.team);
    setFormula(ws.getCell(r, 2), `SUMPRODUCT(--${mine})`, tm.reps, '0');
    setNumber(ws.getCell(r, 3), members.filter((x) => x.hasData).length, '0');
    const mean = members.reduce((s, x) => s + x.totalScore, 0) / members.length;
    if (sameNumber(mean, tm.averageScore)) setFormula(ws.getCell(r, 4), `SUMPRODUCT(${mine}*${score})/B${r}`, tm.averageScore, PERCENT);
    else setNumber(ws.getCell(r, 4), tm.averageScore, PERCENT);
    const sum = roundHalfAwayFromZero(
      members.reduce((s, x) => s + x.rounded.payout, 0),
      minor,
    );
    if (sameMoney(sum, tm.payout, minor)) setFormula(ws.getCell(r, 5), `ROUND(SUMPRODUCT(${mine}*${payout}),${minor})`, tm.payout, moneyFmt);
    else setNumber(ws.getCell(r, 5), tm.payout, moneyFmt);
    // As a spreadsheet sees the quotient (15 digits): 20965.774999999998 is 20965.775 there.
    setFormula(ws.getCell(r, 6), `E${r}/B${r}`, clean15(tm.payout / tm.reps), moneyFmt);
    setFormula(ws.getCell(r, 7), `SUMPRODUCT(${mine}*(LEN(${gate})>0))`, members.filter((x) => x.bonusZeroedBy || x.bonusZeroedByRedLine).length, '0');
    tiers.forEach((tr, k) => {
      const c = tierCol(k);
      setFormula(
        ws.getCell(r, fixed.length + 1 + k),
        `SUMPRODUCT(${mine}*EXACT(${tier},${c}$1))`,
        members.filter((x) => x.tier?.label === tr.label).length,
        '0',
      );
    });
  });

  // All teams, below the teams.
  const last = 1 + result.teams.length;
  const r = last + 1;
  setText(ws.getCell(r, 1), t('teams.total'));
  setFormula(ws.getCell(r, 2), `SUM(B2:B${last})`, n, '0');
  setNumber(ws.getCell(r, 3), result.reps.filter((x) => x.hasData).length, '0');
  setFormula(ws.getCell(r, 4), `AVERAGE(${score})`, result.reps.reduce((s, x) => s + x.totalScore, 0) / n, PERCENT);
  const total = roundHalfAwayFromZero(
    result.teams.reduce((s, tm) => s + tm.payout, 0),
    minor,
  );
  if (sameMoney(total, result.totalPayout, minor)) setFormula(ws.getCell(r, 5), `ROUND(SUM(E2:E${last}),${minor})`, result.totalPayout, moneyFmt);
  else setNumber(ws.getCell(r, 5), result.totalPayout, moneyFmt);
  setFormula(ws.getCell(r, 6), `E${r}/B${r}`, clean15(result.totalPayout / n), moneyFmt);
  setFormula(ws.getCell(r, 7), `SUM(G2:G${last})`, result.reps.filter((x) => x.bonusZeroedBy || x.bonusZeroedByRedLine).length, '0');
  tiers.forEach((tr, k) => {
    const c = tierCol(k);
    setFormula(ws.getCell(r, fixed.length + 1 + k), `SUM(${c}2:${c}${last})`, result.reps.filter((x) => x.tier?.label === tr.label).length, '0');
  });
  ws.getRow(r).font = { bold: true };
  if (tiers.length) {
    setText(ws.getCell(r + 2, 1), t('teams.tierNote', { tiers: tiers.map((tr) => tr.label).join(t('list.sep')) }));
    ws.getCell(r + 2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  }
}
