// The sheets a sales manager asks for beyond the summary: the team rollup, the comparison with the previous
// period (when the data reaches it), the rows behind each rep's figures, and the sign-off sheet. Each is written,
// sized and set up for print here; report.ts only places them.
import type { RunResult } from '../../core/results.js';
import { setText, type Workbook, type Worksheet } from '../excel.js';
import { fitColumns } from '../column-widths.js';
import { dateFormat, type OutputLocale } from '../locale.js';
import { setPrint } from '../print.js';
import type { ReportContext } from '../report.js';
import type { RunStatus } from '../status.js';
import { writeCompare } from './compare.js';
import { writeRowsSheets } from './rows-behind.js';
import { writeSignoff } from './signoff.js';
import { writeTeams } from './teams.js';
import type { Translate } from '../../messages/index.js';

export interface ManagerSheetsInput {
  result: RunResult;
  ctx: ReportContext;
  /** The run's status: the sign-off counts the data issues it counts (notes on unread columns are not). */
  status: RunStatus;
  locale: OutputLocale;
  moneyFmt: string;
  dashboard: Worksheet;
  summary: Worksheet;
  issues: Worksheet;
  run: Worksheet;
  text: Translate;
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
  const t = input.text;

  const teams = wb.addWorksheet(t('sheet.teams'));
  writeTeams(teams, result, ctx.model, input.summary, moneyFmt, t);
  fitColumns(teams, { maxWidth: 24, lastRow: 2 + result.teams.length });
  setPrint(teams, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1', titleColumns: 'A:A' });

  // The previous period: a sheet when it could be scored, else a line on the dashboard saying why not.
  let compare: Worksheet | undefined;
  const prev = ctx.previous;
  if (prev?.result) {
    compare = wb.addWorksheet(t('sheet.compare', { period: prev.period.label }));
    writeCompare(compare, result, prev.result, ctx.model, input.summary, moneyFmt, t);
    fitColumns(compare, { headerRow: 3, maxWidth: 24 });
    setPrint(compare, lang, { orientation: 'landscape', fit: 'width', titleRows: '3:3', titleColumns: 'A:C' });
  }
  if (prev) {
    const c = input.dashboard.getCell('A3');
    setText(
      c,
      prev.result
        ? t('compare.compared', { period: prev.period.label, sheet: compare!.name })
        : t('compare.missing', { period: prev.period.label, sources: prev.missing.join(t('list.sep')) }),
    );
    c.font = { italic: true, color: { argb: 'FF595959' } };
  }

  const rows = ctx.rowsBehind ? writeRowsSheets(wb, { rows: ctx.rowsBehind, moneyFmt, dateFmt: dateFormat(lang), text: t }) : [];
  for (const { ws, headerRow } of rows) {
    setPrint(ws, lang, { orientation: 'landscape', fit: 'width', titleRows: `${headerRow}:${headerRow}`, titleColumns: 'A:B' });
  }

  const signoff = wb.addWorksheet(t('sheet.signoff'));
  writeSignoff(signoff, {
    result,
    moneyFmt,
    teams,
    issueCount: input.status.issues,
    issuesSheet: input.issues.name,
    summarySheet: input.summary.name,
    inputCount: ctx.inputs.length,
    runSheet: input.run.name,
    text: t,
  });
  setPrint(signoff, lang, { orientation: 'portrait', fit: 'page' });
  return { teams, ...(compare ? { compare } : {}), rows: rows.map((r) => r.ws), signoff };
}
