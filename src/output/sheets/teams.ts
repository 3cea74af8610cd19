// The team rollup a sales manager asks for: per team the reps, average score, total and average payout, reps whose
// bonus a gate zeroed, and how many reps reached each tier. Live formulas over the Summary sheet (columns found
// by header), with the core's figures cached; a figure the formula would not reproduce exactly is written as value.
import type { Model } from '../../core/model.js';
import type { RunResult } from '../../core/results.js';
import { PERCENT, setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { sameMoney, sameNumber } from '../../core/formula.js';
import { roundHalfAwayFromZero } from '../../core/money.js';
import { columnLetters } from '../charts/index.js';
import { columnOf, columnsByHeader, headerRow, sheetRef, SUMMARY_HEADER_ROW, summaryRow } from './common.js';

// The one place for this sheet's words (a later message catalogue takes them over).
export const TEAMS_TEXT = {
  sheet: 'Teams',
  team: 'Team',
  reps: 'Reps',
  withData: 'Reps with data',
  averageScore: 'Average score',
  totalPayout: 'Total payout',
  averagePayout: 'Average payout',
  gated: 'Bonus zeroed by a gate',
  total: 'All teams',
  tierNote: 'Reps per tier (by total score)',
} as const;

const SUMMARY = { team: 'Team', score: 'Total score', tier: 'Tier', gate: 'Bonus zeroed by', payout: 'Payout' };

export function writeTeams(ws: Worksheet, result: RunResult, model: Model, summary: Worksheet, moneyFmt: string): void {
  const T = TEAMS_TEXT;
  const minor = result.currency.minorUnit;
  const tiers = model.bonus.mode === 'step' ? model.bonus.tiers : [];
  const fixed = [T.team, T.reps, T.withData, T.averageScore, T.totalPayout, T.averagePayout, T.gated];
  headerRow(ws, 1, [...fixed, ...tiers.map((t) => t.label)]);
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

  result.teams.forEach((t, i) => {
    const r = 2 + i;
    const members = result.reps.filter((x) => x.rep.team === t.team);
    const mine = `EXACT(${team},$A${r})`;
    setText(ws.getCell(r, 1), t.team);
    setFormula(ws.getCell(r, 2), `SUMPRODUCT(--${mine})`, t.reps, '0');
    setNumber(ws.getCell(r, 3), members.filter((x) => x.hasData).length, '0');
    const mean = members.reduce((s, x) => s + x.totalScore, 0) / members.length;
    if (sameNumber(mean, t.averageScore)) setFormula(ws.getCell(r, 4), `SUMPRODUCT(${mine}*${score})/B${r}`, t.averageScore, PERCENT);
    else setNumber(ws.getCell(r, 4), t.averageScore, PERCENT);
    const sum = roundHalfAwayFromZero(members.reduce((s, x) => s + x.rounded.payout, 0), minor);
    if (sameMoney(sum, t.payout, minor)) setFormula(ws.getCell(r, 5), `ROUND(SUMPRODUCT(${mine}*${payout}),${minor})`, t.payout, moneyFmt);
    else setNumber(ws.getCell(r, 5), t.payout, moneyFmt);
    setFormula(ws.getCell(r, 6), `E${r}/B${r}`, t.payout / t.reps, moneyFmt);
    setFormula(ws.getCell(r, 7), `SUMPRODUCT(${mine}*(LEN(${gate})>0))`, members.filter((x) => x.bonusZeroedBy).length, '0');
    tiers.forEach((tr, k) => {
      const c = tierCol(k);
      setFormula(ws.getCell(r, fixed.length + 1 + k), `SUMPRODUCT(${mine}*EXACT(${tier},${c}$1))`,
        members.filter((x) => x.tier?.label === tr.label).length, '0');
    });
  });

  // All teams, below the teams.
  const last = 1 + result.teams.length;
  const r = last + 1;
  setText(ws.getCell(r, 1), T.total);
  setFormula(ws.getCell(r, 2), `SUM(B2:B${last})`, n, '0');
  setNumber(ws.getCell(r, 3), result.reps.filter((x) => x.hasData).length, '0');
  setFormula(ws.getCell(r, 4), `AVERAGE(${score})`, result.reps.reduce((s, x) => s + x.totalScore, 0) / n, PERCENT);
  const total = roundHalfAwayFromZero(result.teams.reduce((s, t) => s + t.payout, 0), minor);
  if (sameMoney(total, result.totalPayout, minor)) setFormula(ws.getCell(r, 5), `ROUND(SUM(E2:E${last}),${minor})`, result.totalPayout, moneyFmt);
  else setNumber(ws.getCell(r, 5), result.totalPayout, moneyFmt);
  setFormula(ws.getCell(r, 6), `E${r}/B${r}`, result.totalPayout / n, moneyFmt);
  setFormula(ws.getCell(r, 7), `SUM(G2:G${last})`, result.reps.filter((x) => x.bonusZeroedBy).length, '0');
  tiers.forEach((tr, k) => {
    const c = tierCol(k);
    setFormula(ws.getCell(r, fixed.length + 1 + k), `SUM(${c}2:${c}${last})`, result.reps.filter((x) => x.tier?.label === tr.label).length, '0');
  });
  ws.getRow(r).font = { bold: true };
  if (tiers.length) {
    setText(ws.getCell(r + 2, 1), `${T.tierNote}: ${tiers.map((t) => t.label).join(', ')}`);
    ws.getCell(r + 2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  }
}
