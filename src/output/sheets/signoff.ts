// The sign-off sheet: what is being approved (scheme, period, reps, total payout, per team) and lines for the
// people who prepare, review and approve the payouts. Printed on one portrait page.
import type { RunResult } from '../../core/results.js';
import { setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { sameMoney } from '../../core/formula.js';
import { isoFromDay } from '../../core/period.js';
import { roundHalfAwayFromZero } from '../../core/money.js';
import { columnOf, columnsByHeader, headerRow, sheetRef } from './common.js';

// The one place for this sheet's words (a later message catalogue takes them over).
export const SIGNOFF_TEXT = {
  sheet: 'Sign-off',
  title: 'Payout approval',
  scheme: 'Scheme',
  period: 'Period',
  reps: 'Reps',
  total: 'Total payout',
  issues: 'Data issues',
  issuesNote: (n: number, sheet: string) => (n === 0 ? 'none' : `${n}: see the "${sheet}" sheet before signing`),
  inputs: 'Input files',
  inputsNote: (n: number, sheet: string) => `${n}, with their SHA-256 on the "${sheet}" sheet`,
  byTeam: 'Payout by team',
  team: 'Team',
  payout: 'Payout',
  statement: 'By signing we confirm that we have checked the payouts on the Summary sheet, which add up to the total above, and approve them for payment.',
  role: 'Role',
  name: 'Name',
  signature: 'Signature',
  date: 'Date',
  roles: ['Prepared by (sales operations)', 'Reviewed by (sales manager)', 'Approved by (finance)', 'Approved by (HR / payroll)'],
} as const;

export interface SignoffInput {
  result: RunResult;
  moneyFmt: string;
  teams: Worksheet;
  issueCount: number;
  issuesSheet: string;
  inputCount: number;
  runSheet: string;
}

export function writeSignoff(ws: Worksheet, input: SignoffInput): void {
  const T = SIGNOFF_TEXT;
  const { result, moneyFmt } = input;
  ws.columns = [{ width: 34 }, { width: 26 }, { width: 26 }, { width: 16 }];
  setText(ws.getCell('A1'), T.title);
  ws.getCell('A1').font = { bold: true, size: 16 };
  const p = result.period;
  const tc = columnsByHeader(input.teams);
  const TS = sheetRef(input.teams.name);
  const minor = result.currency.minorUnit;
  const payoutCol = columnOf(tc, 'Total payout', input.teams.name);
  const teamsSum = roundHalfAwayFromZero(result.teams.reduce((a, t) => a + t.payout, 0), minor);
  const facts: [string, (c: ReturnType<Worksheet['getCell']>) => void][] = [
    [T.scheme, (c) => setText(c, result.schemeName)],
    [T.period, (c) => setText(c, `${p.label} (${isoFromDay(p.start)} to ${isoFromDay(p.end)})`)],
    [T.reps, (c) => setNumber(c, result.reps.length, '0')],
    [T.total, (c) => {
      c.font = { bold: true };
      if (result.teams.length && sameMoney(teamsSum, result.totalPayout, minor)) {
        setFormula(c, `ROUND(SUM(${TS}!${payoutCol}2:${payoutCol}${1 + result.teams.length}),${minor})`, result.totalPayout, moneyFmt);
      } else setNumber(c, result.totalPayout, moneyFmt);
    }],
    [T.issues, (c) => setText(c, T.issuesNote(input.issueCount, input.issuesSheet))],
    [T.inputs, (c) => setText(c, T.inputsNote(input.inputCount, input.runSheet))],
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
  setText(ws.getCell(r, 1), T.byTeam);
  ws.getCell(r++, 1).font = { bold: true, size: 12 };
  headerRow(ws, r, [T.team, T.reps, T.payout]);
  result.teams.forEach((t, i) => {
    const row = r + 1 + i;
    const teamRow = 2 + i;
    setText(ws.getCell(row, 1), t.team);
    setFormula(ws.getCell(row, 2), `${TS}!${columnOf(tc, 'Reps', input.teams.name)}${teamRow}`, t.reps, '0');
    setFormula(ws.getCell(row, 3), `${TS}!${payoutCol}${teamRow}`, t.payout, moneyFmt);
  });
  r += result.teams.length + 2;

  setText(ws.getCell(r, 1), T.statement);
  ws.mergeCells(r, 1, r, 4);
  ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = 45;
  r += 2;
  headerRow(ws, r, [T.role, T.name, T.signature, T.date]);
  const line = { bottom: { style: 'thin' as const, color: { argb: 'FF7F7F7F' } } };
  for (const role of T.roles) {
    r++;
    setText(ws.getCell(r, 1), role);
    ws.getRow(r).height = 36;
    ws.getCell(r, 1).alignment = { vertical: 'bottom' };
    for (let c = 2; c <= 4; c++) ws.getCell(r, c).border = line;
  }
}
