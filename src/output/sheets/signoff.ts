// The sign-off sheet: what is being approved (scheme, period, reps, total payout, per team) and lines for the
// people who prepare, review and approve the payouts. Printed on one portrait page.
import type { RunResult } from '../../core/results.js';
import { setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { sameMoney } from '../../core/formula.js';
import { isoFromDay } from '../../core/period.js';
import { roundHalfAwayFromZero } from '../../core/money.js';
import { columnOf, columnsByHeader, headerRow, sheetRef } from './common.js';
import type { Translate } from '../../messages/index.js';

export interface SignoffInput {
  result: RunResult;
  moneyFmt: string;
  teams: Worksheet;
  issueCount: number;
  issuesSheet: string;
  summarySheet: string;
  inputCount: number;
  runSheet: string;
  text: Translate;
}

export function writeSignoff(ws: Worksheet, input: SignoffInput): void {
  const t = input.text;
  const { result, moneyFmt } = input;
  ws.columns = [{ width: 34 }, { width: 26 }, { width: 26 }, { width: 16 }];
  setText(ws.getCell('A1'), t('signoff.title'));
  ws.getCell('A1').font = { bold: true, size: 16 };
  const p = result.period;
  const tc = columnsByHeader(input.teams);
  const TS = sheetRef(input.teams.name);
  const minor = result.currency.minorUnit;
  const payoutCol = columnOf(tc, t('dash.totalPayout'), input.teams.name);
  const teamsSum = roundHalfAwayFromZero(
    result.teams.reduce((a, tm) => a + tm.payout, 0),
    minor,
  );
  const facts: [string, (c: ReturnType<Worksheet['getCell']>) => void][] = [
    [t('run.scheme'), (c) => setText(c, result.schemeName)],
    [t('run.period'), (c) => setText(c, t('period.span', { label: p.label, start: isoFromDay(p.start), end: isoFromDay(p.end) }))],
    [t('col.reps'), (c) => setNumber(c, result.reps.length, '0')],
    [
      t('dash.totalPayout'),
      (c) => {
        c.font = { bold: true };
        if (result.teams.length && sameMoney(teamsSum, result.totalPayout, minor)) {
          setFormula(c, `ROUND(SUM(${TS}!${payoutCol}2:${payoutCol}${1 + result.teams.length}),${minor})`, result.totalPayout, moneyFmt);
        } else setNumber(c, result.totalPayout, moneyFmt);
      },
    ],
    [
      t('sheet.issues'),
      (c) => setText(c, input.issueCount === 0 ? t('signoff.noIssues') : t('signoff.issues', { n: input.issueCount, sheet: input.issuesSheet })),
    ],
    [t('signoff.inputs'), (c) => setText(c, t('signoff.inputsNote', { n: input.inputCount, sheet: input.runSheet }))],
  ];
  let r = 3;
  for (const [k, write] of facts) {
    setText(ws.getCell(r, 1), k);
    ws.getCell(r, 1).font = { bold: true };
    write(ws.getCell(r, 2));
    ws.getCell(r, 2).alignment = { horizontal: 'left' };
    r++;
  }

  // Per team, from the Teams sheet.
  r++;
  setText(ws.getCell(r, 1), t('signoff.byTeam'));
  ws.getCell(r++, 1).font = { bold: true, size: 12 };
  headerRow(ws, r, [t('col.team'), t('col.reps'), t('col.payout')]);
  result.teams.forEach((tm, i) => {
    const row = r + 1 + i;
    const teamRow = 2 + i;
    setText(ws.getCell(row, 1), tm.team);
    setFormula(ws.getCell(row, 2), `${TS}!${columnOf(tc, t('col.reps'), input.teams.name)}${teamRow}`, tm.reps, '0');
    setFormula(ws.getCell(row, 3), `${TS}!${payoutCol}${teamRow}`, tm.payout, moneyFmt);
  });
  r += result.teams.length + 2;

  setText(ws.getCell(r, 1), t('signoff.statement', { sheet: input.summarySheet }));
  ws.mergeCells(r, 1, r, 4);
  ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = 45;
  r += 2;
  headerRow(ws, r, [t('col.role'), t('col.name'), t('signoff.signature'), t('signoff.date')]);
  const line = { bottom: { style: 'thin' as const, color: { argb: 'FF7F7F7F' } } };
  for (const role of [t('signoff.preparedBy'), t('signoff.reviewedBy'), t('signoff.approvedFinance'), t('signoff.approvedPayroll')]) {
    r++;
    setText(ws.getCell(r, 1), role);
    ws.getRow(r).height = 36;
    ws.getCell(r, 1).alignment = { vertical: 'bottom' };
    for (let c = 2; c <= 4; c++) ws.getCell(r, c).border = line;
  }
}
