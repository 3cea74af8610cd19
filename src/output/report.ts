// `--xlsx report.xlsx`: the annotated workbook for finance. Derived figures are live formulas with cached results
// where a formula reproduces the core's number exactly (checked here, figure by figure); any other figure is
// written as the core's value with a note saying why.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Model, Unit } from '../core/model.js';
import type { MetricResult, RunResult } from '../core/results.js';
import type { DataIssue, InputFile } from '../core/table.js';
import {
  arrangeSheets,
  createWorkbook,
  PERCENT,
  setFormula,
  setNote,
  setNumber,
  setText,
  workbookToBuffer,
  type Cell,
  type Workbook,
  type Worksheet,
} from './excel.js';
import { addCharts, type ChartSpec } from './charts/index.js';
import { addIssueSheets, writeIssueRows, type IssueRows } from './issue-sheets.js';
import { outputLocale, workbookMoneyFormat, type Locale } from './locale.js';
import { setPrint } from './print.js';
import { fitColumns, widenClipped } from './column-widths.js';
import { writeDashboard } from './sheets/dashboard.js';
import { addManagerSheets } from './sheets/manager.js';
import { SUMMARY_HEADER_ROW, sheetRef, summaryRow } from './sheets/common.js';
import { writeScheme } from './sheets/scheme.js';
import { writeSummary } from './sheets/summary.js';
import type { PreviousPeriod } from './sheets/compare.js';
import type { RowsBehind } from '../core/rows-behind.js';
import { formulaText } from '../core/formula.js';
import { metricFormulas } from './metric-formulas.js';
import type { Choice } from '../core/rules/metric-row.js';
import { dayToDate } from './numbers.js';
import { isoFromDay } from '../core/period.js';
import { writeFileAtomic, protectedPaths } from './safe-write.js';
import { runStatus, statusLine, type RunStatus } from './status.js';
import { RUN_LABELS } from './run-labels.js';
import { english, said, say, translator, type Translate } from '../messages/index.js';
import { isSplitTarget } from '../core/decompose.js';
import { payLineRows, writePayLinesSheet } from './pay-lines.js';

export interface ReportContext {
  schemeFile: string;
  schemeText?: string;
  /** SHA-256 of the scheme file's bytes (what `sha256sum` prints); without it, of schemeText. */
  schemeSha256?: string;
  /**
   * The scheme's path from the report's folder, for `kpi verify` a year later (writeReport sets it from where the
   * report goes; verify passes the one on the report it checks).
   */
  schemeFromReport?: string;
  inputs: InputFile[];
  /** Issues found while reading (the core's own are in result.issues). */
  issues: DataIssue[];
  toolVersion: string;
  model: Model;
  /** Extra paths the report must never overwrite (the scheme and the model's source files always are). */
  protect?: string[];
  /** `--lang`: overrides the scheme's locale for this run (paper size, formats). */
  locale?: Locale;
  /** The previous period scored the same way, or the sources that do not reach it (a comparison sheet). */
  previous?: PreviousPeriod;
  /** The rows behind each rep's figures ("Rows" sheets, for disputes). */
  rowsBehind?: RowsBehind;
  /**
   * The rows behind a lead's scorecard (a rep scored on a rollup), by the roster ids of the team: "Rows" sheets on
   * the lead's card. Absent: no card has them.
   */
  cardRows?: (repIds: readonly string[]) => RowsBehind;
  /** Whether the run is final; by default, from the issues (ctx.issues and the result's). */
  status?: RunStatus;
}

/** The status of the run the outputs describe. */
export function statusOf(result: RunResult, ctx: Pick<ReportContext, 'issues' | 'status'>): RunStatus {
  return ctx.status ?? runStatus([...ctx.issues, ...result.issues]);
}

/** A status banner in `cell`'s row, filled from its column to `lastColumn` (exposed for the scorecards). */
export function writeStatusBanner(
  ws: Worksheet,
  row: number,
  column: number,
  lastColumn: number,
  status: RunStatus,
  where: string,
  t: Translate = english,
): void {
  setText(ws.getCell(row, column), statusLine(status, where, t));
  const fill = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: status.final ? 'FFC6EFCE' : 'FFFFC7CE' } };
  for (let c = column; c <= lastColumn; c++) ws.getCell(row, c).fill = fill;
  ws.getCell(row, column).font = { bold: true, color: { argb: status.final ? 'FF006100' : 'FF9C0006' }, size: status.final ? 11 : 12 };
}

const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };

export function unitFormat(unit: Unit | undefined, money: string): string {
  switch (unit) {
    case 'money':
      return money;
    case 'percent':
      return PERCENT;
    case 'count':
      return '#,##0';
    case 'days':
      return '#,##0.0';
    default:
      return '#,##0.00';
  }
}

function header(ws: Worksheet, titles: string[], widths: number[]): void {
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 12 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const NO_SPEC: Choice = { why: said('note.notInScheme') };

/** A figure that may come from the data (no note when it does) or from a formula over other cells. */
export function putInput(cell: Cell, choice: Choice | undefined, value: number | null, numFmt: string): void {
  if (choice && 'formula' in choice && value !== null) setFormula(cell, formulaText(choice.formula), value, numFmt);
  else setNumber(cell, value, numFmt);
}

/** Write a formula when `choice` has one, else the value with a note giving the reason. */
export function put(cell: Cell, choice: Choice, value: number | null, numFmt: string, t: Translate = english): void {
  if ('formula' in choice) {
    setFormula(cell, formulaText(choice.formula), value ?? 0, numFmt);
  } else {
    setNumber(cell, value, numFmt);
    if (value !== null) setNote(cell, t('note.valueNotFormula', { why: say(choice.why, t) }));
  }
}

/** Where a target split from a year's or quarter's came from (target.per, targets-file rows): a note on the target cell. */
export function targetNote(m: MetricResult, t: Translate = english): string | undefined {
  const from = m.targetFrom;
  return from !== undefined && isSplitTarget(from) ? t('note.target', { from: say(from, t) }) : undefined;
}

export function provenanceNote(m: MetricResult, t: Translate = english): string {
  // The report's Details and the rep's scorecard show the same note: made once per language (a tenth of a
  // scorecard's building time went into making it again).
  let byLanguage = provenanceNotes.get(m);
  const known = byLanguage?.get(t);
  if (known !== undefined) return known;
  const note = makeProvenanceNote(m, t);
  if (byLanguage === undefined) provenanceNotes.set(m, (byLanguage = new Map()));
  byLanguage.set(t, note);
  return note;
}

const provenanceNotes = new WeakMap<MetricResult, Map<Translate, string>>();

function makeProvenanceNote(m: MetricResult, t: Translate): string {
  const p = m.provenance;
  const lines = [
    p.source !== undefined ? (p.file ? t('note.sourceFile', { source: p.source, file: p.file }) : t('note.source', { source: p.source })) : undefined,
    p.filter ? t('note.filter', { filter: say(p.filter, t) }) : undefined,
    p.aggregation ? t('note.aggregation', { aggregation: say(p.aggregation, t) }) : undefined,
    p.rows !== undefined ? t('note.rows', { rows: p.rows }) : undefined,
    p.formula ? t('note.formula', { formula: say(p.formula, t) }) : undefined,
    ...p.steps.slice(0, 12).map((s) => say(s, t)),
    p.steps.length > 12 ? t('note.moreSteps', { n: p.steps.length - 12 }) : undefined,
    m.note ? t('note.note', { note: say(m.note, t) }) : undefined,
  ].filter((x): x is string => x !== undefined);
  return lines.join('\n') || t('note.noProvenance');
}

/** Details rows (1-based, inclusive) per rep, in result order. */
type DetailRows = { first: number; last: number }[];

// Details: A Rep ID, B Name, C Team, D Metric, E Label, F Actual, G Target, H Threshold, I Stretch,
// J Achievement, K Score, L Weight, M Weighted score, N Note
function writeDetails(ws: Worksheet, result: RunResult, model: Model, moneyFmt: string, t: Translate): DetailRows {
  header(
    ws,
    [
      t('col.repId'),
      t('col.name'),
      t('col.team'),
      t('col.metric'),
      t('col.label'),
      t('col.actual'),
      t('col.target'),
      t('col.threshold'),
      t('col.stretch'),
      t('col.achievement'),
      t('col.score'),
      t('col.weight'),
      t('col.weightedScore'),
      t('col.note'),
    ],
    [10, 22, 12, 18, 28, 14, 14, 12, 12, 13, 10, 9, 15, 40],
  );
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  const spans: DetailRows = [];
  let row = 2;
  for (const r of result.reps) {
    const first = row;
    const rowOf = new Map(r.metrics.map((m, i) => [m.metric, first + i]));
    const addressOf = (metric: string) => {
      const n = rowOf.get(metric);
      return n === undefined
        ? undefined
        : { actual: `F${n}`, target: `G${n}`, threshold: `H${n}`, stretch: `I${n}`, achievement: `J${n}`, score: `K${n}`, weight: `L${n}` };
    };
    for (const m of r.metrics) {
      const spec = specs.get(m.metric);
      const fmt = unitFormat(spec?.unit, moneyFmt);
      const x = ws.getRow(row);
      setText(x.getCell(1), r.rep.id);
      setText(x.getCell(2), r.rep.name);
      setText(x.getCell(3), r.rep.team);
      setText(x.getCell(4), m.metric);
      setText(x.getCell(5), m.label);
      const ch = metricFormulas(model, r, m, addressOf);
      putInput(x.getCell(6), ch?.actual, m.actual, fmt);
      setNote(x.getCell(6), provenanceNote(m, t));
      setNumber(x.getCell(7), m.target, fmt);
      const tn = targetNote(m, t);
      if (tn) setNote(x.getCell(7), tn);
      putInput(x.getCell(8), ch?.threshold, m.threshold, fmt);
      putInput(x.getCell(9), ch?.stretch, m.stretch, fmt);
      if (m.achievement === null) setNumber(x.getCell(10), null);
      else put(x.getCell(10), ch?.achievement ?? NO_SPEC, m.achievement, PERCENT, t);
      put(x.getCell(11), ch?.score ?? NO_SPEC, m.score, PERCENT, t);
      setNumber(x.getCell(12), m.weight, PERCENT);
      put(x.getCell(13), ch?.weighted ?? NO_SPEC, m.weightedScore, PERCENT, t);
      setText(x.getCell(14), m.note !== undefined ? say(m.note, t) : r.hasData ? null : t('details.noData'));
      row++;
    }
    spans.push({ first, last: row - 1 });
  }
  ws.autoFilter = { from: 'A1', to: `N${Math.max(1, row - 1)}` };
  if (row > 2) {
    ws.addConditionalFormatting({ ref: `J2:J${row - 1}`, rules: achievementRules('J2') });
  }
  return spans;
}

/** ≥ 100 % green, 80–100 % yellow, < 80 % red (blank cells untouched). */
export function achievementRules(topLeft: string) {
  const fill = (argb: string) => ({ fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb } } });
  return [
    { type: 'expression' as const, priority: 1, formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}>=1)`], style: fill('FFC6EFCE') },
    { type: 'expression' as const, priority: 2, formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}>=0.8,${topLeft}<1)`], style: fill('FFFFEB9C') },
    { type: 'expression' as const, priority: 3, formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}<0.8)`], style: fill('FFFFC7CE') },
  ];
}

function writeRun(ws: Worksheet, result: RunResult, ctx: ReportContext, locale: Locale, t: Translate): void {
  ws.columns = [{ width: 22 }, { width: 40 }, { width: 68 }, { width: 10 }];
  const L = RUN_LABELS;
  const sha = ctx.schemeSha256 ?? (ctx.schemeText !== undefined ? createHash('sha256').update(ctx.schemeText).digest('hex') : undefined);
  const kv: [string, string][] = [
    // The labels kpi verify reads back (RUN_LABELS) stay as they are in every language; the others are translated.
    [L.scheme, result.schemeName],
    [L.schemeFile, path.basename(ctx.schemeFile)],
    ...(ctx.schemeFromReport !== undefined ? [[L.schemeFromReport, ctx.schemeFromReport] as [string, string]] : []),
    ...(sha !== undefined ? [[L.schemeSha256, sha] as [string, string]] : []),
    [L.period, result.period.label],
    [t('run.periodStart'), isoFromDay(result.period.start)],
    [t('run.periodEnd'), isoFromDay(result.period.end)],
    [t('run.currency'), t('run.currencyValue', { code: result.currency.code, symbol: result.currency.symbol, n: result.currency.minorUnit })],
    [L.toolVersion, `kpi ${ctx.toolVersion}`],
    [L.language, locale],
    [t('col.reps'), String(result.reps.length)],
    [t('sheet.issues'), String(ctx.issues.length + result.issues.length)],
    [L.status, statusOf(result, ctx).final ? 'final' : 'NOT FINAL'],
  ];
  kv.forEach(([k, v], i) => {
    setText(ws.getCell(1 + i, 1), k);
    ws.getCell(1 + i, 1).font = { bold: true };
    setText(ws.getCell(1 + i, 2), v);
  });
  let row = kv.length + 2;
  L.inputs.forEach((h, i) => {
    setText(ws.getCell(row, 1 + i), h);
    ws.getCell(row, 1 + i).font = { bold: true };
  });
  for (const f of ctx.inputs) {
    row++;
    setText(ws.getCell(row, 1), f.source);
    setText(ws.getCell(row, 2), f.file);
    setText(ws.getCell(row, 3), f.sha256);
    setNumber(ws.getCell(row, 4), f.rows);
  }
}

/** The report as a workbook, its issue sheets laid out but without their rows (exposed for tests); writeReport writes it. */
export function buildReport(result: RunResult, ctx: ReportContext): Workbook {
  return buildReportParts(result, ctx).workbook;
}

/**
 * The workbook, and what reportBytes adds to the package exceljs writes of it: the charts (exceljs writes none) and
 * the rows of the issue sheets (laid out, but empty, in the workbook).
 */
export function buildReportParts(result: RunResult, ctx: ReportContext): { workbook: Workbook; charts: ChartSpec[]; issueRows: IssueRows } {
  const wb = createWorkbook(dayToDate(result.period.end), `kpi ${ctx.toolVersion}`);
  const loc = outputLocale(ctx.model, ctx.locale);
  const t = translator(loc.locale);
  const moneyFmt = workbookMoneyFormat(result.currency.symbol, result.currency.minorUnit, loc.moneyDisplay);
  // Sheet order is what the analyst sees; formulas reference sheets by name, so creation order does not matter.
  const summary = wb.addWorksheet(t('sheet.summary'));
  const details = wb.addWorksheet(t('sheet.details'));
  // Every issue, on as many sheets as they need; their rows are written into the package by reportBytes.
  const issueSheets = addIssueSheets(wb, [...ctx.issues, ...result.issues], t);
  const issues = issueSheets.sheets[0]!;
  const scheme = wb.addWorksheet(t('sheet.scheme'));
  const run = wb.addWorksheet(t('sheet.run'));
  const detailRows = writeDetails(details, result, ctx.model, moneyFmt, t);
  const schemeCells = writeScheme(scheme, ctx.model, result.period, moneyFmt, t);
  // Components, clawbacks, 红线 and paid to date: one row each, when any rep has one; the Summary adds them up.
  const payLines = result.reps.some((r) => r.lines?.length || r.trueUp) ? wb.addWorksheet(t('sheet.payLines')) : undefined;
  writeSummary(summary, {
    result,
    model: ctx.model,
    detailRows,
    detailsRef: sheetRef(details.name),
    scheme: schemeCells,
    moneyFmt,
    status: statusOf(result, ctx),
    issuesSheet: issues.name,
    text: t,
    ...(payLines ? { payLines: { name: payLines.name, ref: sheetRef(payLines.name), rows: payLineRows(result) } } : {}),
  });
  if (payLines) {
    const spans = new Map(result.reps.map((r, i) => [r, detailRows[i]!]));
    const summaryIndex = new Map(result.reps.map((r, i) => [r, i]));
    const dref = sheetRef(details.name);
    writePayLinesSheet(
      payLines,
      result,
      ctx.model,
      moneyFmt,
      (r, metric) => {
        const k = r.metrics.findIndex((m) => m.metric === metric);
        const span = spans.get(r);
        return k < 0 || !span ? undefined : { actual: `${dref}!F${span.first + k}`, achievement: `${dref}!J${span.first + k}` };
      },
      t,
      { ref: sheetRef(summary.name), row: (r) => summaryRow(summaryIndex.get(r)!) },
    );
  }
  writeRun(run, result, ctx, loc.locale, t);
  // The report opens on the dashboard; its charts read the Summary and Details sheets.
  const dashboard = wb.addWorksheet(t('sheet.dashboard'));
  const charts = writeDashboard(dashboard, { result, model: ctx.model, locale: loc, moneyFmt, summary, details, text: t });
  // Team rollup, comparison with the previous period, rows behind the figures, sign-off.
  const status = statusOf(result, ctx);
  const extra = addManagerSheets(wb, { result, ctx, status, locale: loc, moneyFmt, dashboard, summary, issues, run, text: t });
  // The sheet the report opens on, and the one managers sign, say whether the run is final as the Summary does
  // (row 6 of the dashboard sits between the key figures and the charts; row 2 of the sign-off under its title).
  writeStatusBanner(dashboard, 6, 1, 16, status, t('status.whereIssues', { sheet: issues.name }), t);
  writeStatusBanner(extra.signoff, 2, 1, 4, status, t('status.whereSignoff', { sheet: issues.name }), t);
  arrangeSheets(wb, [
    dashboard,
    summary,
    extra.teams,
    ...(extra.compare ? [extra.compare] : []),
    details,
    ...(payLines ? [payLines] : []),
    ...extra.rows,
    ...issueSheets.sheets,
    scheme,
    run,
    extra.signoff,
  ]);
  const lang = loc.locale;
  fitColumns(summary, { maxWidth: 34, headerRow: SUMMARY_HEADER_ROW });
  fitColumns(details, { maxWidth: 40 });
  for (const ws of [scheme, run]) widenClipped(ws);
  if (payLines) setPrint(payLines, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1' });
  setPrint(dashboard, lang, { orientation: 'landscape', fit: 'page' });
  setPrint(summary, lang, { orientation: 'landscape', fit: 'width', titleRows: `1:${SUMMARY_HEADER_ROW}`, titleColumns: 'A:C' });
  setPrint(details, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1', titleColumns: 'A:B' });
  for (const ws of issueSheets.sheets) setPrint(ws, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1' });
  setPrint(scheme, lang, { orientation: 'landscape', fit: 'width', titleRows: '1:1' });
  setPrint(run, lang, { orientation: 'landscape', fit: 'width' });
  return { workbook: wb, charts, issueRows: issueSheets.rows };
}

export async function reportBytes(result: RunResult, ctx: ReportContext): Promise<Buffer> {
  const { workbook, charts, issueRows } = buildReportParts(result, ctx);
  return writeIssueRows(addCharts(await workbookToBuffer(workbook), charts), issueRows);
}

export async function writeReport(result: RunResult, ctx: ReportContext, target: string): Promise<void> {
  const bytes = await reportBytes(result, { schemeFromReport: schemeFromReport(ctx.schemeFile, target), ...ctx });
  await writeFileAtomic(target, bytes, { inputs: protectedPaths(ctx) });
}

/** The scheme's path from the report's folder, with forward slashes (the same on every system). */
export function schemeFromReport(schemeFile: string, report: string): string {
  const rel = path.relative(path.dirname(path.resolve(report)), path.resolve(schemeFile));
  return (path.isAbsolute(rel) ? rel : rel || path.basename(schemeFile)).split(path.sep).join('/');
}
