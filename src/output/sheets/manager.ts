// The sheets a sales manager asks for beyond the summary: the team rollup, the comparison with the previous
// period (when the data reaches it), the rows behind each rep's figures, and the sign-off sheet. Each is written,
// sized and set up for print here; report.ts only places them.
import type { RunResult } from '../../core/results.js';
import { setText, type Workbook, type Worksheet } from '../excel.js';
import { fitColumns } from '../column-widths.js';
import { dateFormat, type OutputLocale } from '../locale.js';
import { setPrint } from '../print.js';
import type { ReportContext } from '../report.js';
import { COMPARE_TEXT, writeCompare } from './compare.js';
import { writeRowsSheets } from './rows-behind.js';
import { SIGNOFF_TEXT, writeSignoff } from './signoff.js';
import { TEAMS_TEXT, writeTeams } from './teams.js';

export interface ManagerSheetsInput {
  result: RunResult;
  ctx: ReportContext;
  locale: OutputLocale;
  moneyFmt: string;
  dashboard: Worksheet;
  summary: Worksheet;
  issues: Worksheet;
  run: Worksheet;
}

export interface ManagerSheets {
  teams: Worksheet;
  compare?: Worksheet;
  rows: Worksheet[];
  signoff: Worksheet;
}

export function addManagerSheets(wb: Workbook, input: ManagerSheetsInput): ManagerSheets {
  const { result, ctx, moneyFmt } = input;
  const lang = input.locale.locale;

  const teams = wb.addWorksheet(TEAMS_TEXT.sheet);
  writeTeams(teams, result, ctx.model, input.summary, moneyFmt);
  fitColumns(teams, { maxWidth: 24, lastRow: 2 + result.teams.length });
  setPrint(teams, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1', titleColumns: 'A:A' });

  // The previous period: a sheet when it could be scored, else a line on the dashboard saying why not.
  let compare: Worksheet | undefined;
  const prev = ctx.previous;
  if (prev?.result) {
    compare = wb.addWorksheet(COMPARE_TEXT.sheet(prev.period.label));
    writeCompare(compare, result, prev.result, ctx.model, input.summary, moneyFmt);
    fitColumns(compare, { headerRow: 3, maxWidth: 24 });
    setPrint(compare, lang, { orientation: 'landscape', fit: 'width', titleRows: '3:3', titleColumns: 'A:C' });
  }
  if (prev) {
    const c = input.dashboard.getCell('A3');
    setText(c, prev.result ? COMPARE_TEXT.compared(prev.period.label, compare!.name) : COMPARE_TEXT.missing(prev.period.label, prev.missing));
    c.font = { italic: true, color: { argb: 'FF595959' } };
  }

  const rows = ctx.rowsBehind
    ? writeRowsSheets(wb, { rows: ctx.rowsBehind, moneyFmt, dateFmt: dateFormat(lang) })
    : [];
  for (const { ws, headerRow } of rows) {
    setPrint(ws, lang, { orientation: 'landscape', fit: 'width', titleRows: `${headerRow}:${headerRow}`, titleColumns: 'A:B' });
  }

  const signoff = wb.addWorksheet(SIGNOFF_TEXT.sheet);
  writeSignoff(signoff, {
    result, moneyFmt, teams, issueCount: ctx.issues.length + result.issues.length, issuesSheet: input.issues.name,
    inputCount: ctx.inputs.length, runSheet: input.run.name,
  });
  setPrint(signoff, lang, { orientation: 'portrait', fit: 'page' });
  return { teams, ...(compare ? { compare } : {}), rows: rows.map((r) => r.ws), signoff };
}
