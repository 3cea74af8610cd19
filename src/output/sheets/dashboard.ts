// The Dashboard sheet the report opens on: the run's key figures and four native charts (payout by rep, reps per
// tier, average score by team, achievement per metric). The charts read small tables below them, whose figures
// are live formulas over the Summary and Details sheets with the core's values cached.
import type { Model } from '../../core/model.js';
import type { RunResult } from '../../core/results.js';
import { bonusMode, scoreBands } from '../../core/rules/bonus/index.js';
import { cellRef, rangeRef, type ChartSpec } from '../charts/index.js';
import { PERCENT, setFormula, setNumber, setText, type Worksheet } from '../excel.js';
import { sameMoney, sameNumber } from '../../core/formula.js';
import { isoFromDay } from '../../core/period.js';
import { roundHalfAwayFromZero } from '../../core/money.js';
import { pct as fmtPct } from '../../core/format.js';
import { chartMoneyFormat, type OutputLocale } from '../locale.js';
import { weightedMetrics } from '../view.js';
import { columnOf, columnsByHeader, headerRow, sheetRef, SUMMARY_HEADER_ROW } from './common.js';
import type { Translate } from '../../messages/index.js';

/** At most this many reps in the payout chart (the highest payouts): more bars cannot be read. */
export const PAYOUT_CHART_MAX = 40;

export interface DashboardInput {
  result: RunResult;
  model: Model;
  locale: OutputLocale;
  moneyFmt: string;
  summary: Worksheet;
  details: Worksheet;
  text: Translate;
}

/** Writes the sheet and returns the charts to add to the package. */
export function writeDashboard(ws: Worksheet, input: DashboardInput): ChartSpec[] {
  const { result, model, locale, moneyFmt } = input;
  const t = input.text;
  // Summary and Details columns, found by their headers (the same words the report wrote).
  const SUMMARY = {
    id: t('col.repId'),
    team: t('col.team'),
    score: t('col.totalScore'),
    tier: t('col.tier'),
    gate: t('col.bonusZeroedBy'),
    payout: t('col.payout'),
  };
  const DETAILS = { metric: t('col.metric'), achievement: t('col.achievement'), weight: t('col.weight') };
  const lang = locale.locale;
  const n = result.reps.length;
  const top0 = SUMMARY_HEADER_ROW;
  const last = top0 + n;
  const S = sheetRef(input.summary.name);
  const D = sheetRef(input.details.name);
  const sc = columnsByHeader(input.summary, top0);
  const dc = columnsByHeader(input.details);
  const scol = (h: string) => `${S}!$${columnOf(sc, h, input.summary.name)}$${top0 + 1}:$${columnOf(sc, h, input.summary.name)}$${last}`;
  const detailLast = 1 + result.reps.reduce((k, r) => k + r.metrics.length, 0);
  const dcol = (h: string) => `${D}!$${columnOf(dc, h, input.details.name)}$2:$${columnOf(dc, h, input.details.name)}$${detailLast}`;
  const minor = result.currency.minorUnit;

  ws.columns = Array.from({ length: 16 }, () => ({ width: 11 }));
  setText(ws.getCell('A1'), result.schemeName);
  ws.getCell('A1').font = { bold: true, size: 16 };
  const p = result.period;
  setText(ws.getCell('A2'), t('period.span', { label: p.label, start: isoFromDay(p.start), end: isoFromDay(p.end) }));

  // Key figures: label over value, two columns each.
  const kpi = (i: number, label: string, write: (c: ReturnType<Worksheet['getCell']>) => void) => {
    const col = 1 + 2 * i;
    setText(ws.getCell(4, col), label);
    ws.getCell(4, col).font = { color: { argb: 'FF595959' } };
    const c = ws.getCell(5, col);
    write(c);
    ws.mergeCells(5, col, 5, col + 1);
    c.font = { bold: true, size: 14 };
    c.alignment = { horizontal: 'left' };
  };
  const scores = result.reps.map((r) => r.totalScore);
  const avg = n ? scores.reduce((s, x) => s + x, 0) / n : 0;
  const atTarget = scores.filter((x) => x >= 1).length;
  const gated = result.reps.filter((r) => r.bonusZeroedBy || r.bonusZeroedByRedLine).length;
  kpi(0, t('col.reps'), (c) => (n ? setFormula(c, `COUNTA(${scol(SUMMARY.id)})`, n, '0') : setNumber(c, 0, '0')));
  const total = result.reps.reduce((s, r) => s + r.rounded.payout, 0);
  kpi(1, t('dash.totalPayout'), (c) =>
    n && sameMoney(roundHalfAwayFromZero(total, minor), result.totalPayout, minor)
      ? setFormula(c, `ROUND(SUM(${scol(SUMMARY.payout)}),${minor})`, result.totalPayout, moneyFmt)
      : setNumber(c, result.totalPayout, moneyFmt),
  );
  kpi(2, t('dash.averageScore'), (c) => (n ? setFormula(c, `AVERAGE(${scol(SUMMARY.score)})`, avg, PERCENT) : setNumber(c, null)));
  kpi(3, t('dash.atTarget'), (c) => (n ? setFormula(c, `COUNTIF(${scol(SUMMARY.score)},">=1")`, atTarget, '0') : setNumber(c, 0, '0')));
  kpi(4, t('dash.gated'), (c) => (n ? setFormula(c, `COUNTIF(${scol(SUMMARY.gate)},"?*")`, gated, '0') : setNumber(c, 0, '0')));
  kpi(5, t('dash.noData'), (c) => setNumber(c, result.reps.filter((r) => !r.hasData).length, '0'));
  if (n === 0) return [];

  // Chart layout: payout by rep down the left half (taller with more reps), three charts down the right half.
  const top = 6; // 0-based row of the charts' top edge (row 7)
  const shownReps = Math.min(n, PAYOUT_CHART_MAX);
  const height = Math.max(36, Math.min(66, Math.ceil(shownReps * 1.3) + 6));
  const third = Math.floor(height / 3);
  const row = top + height + 3; // 1-based first row of the data tables
  setText(ws.getCell(row - 1, 1), t('dash.chartData'));
  ws.getCell(row - 1, 1).font = { italic: true, color: { argb: 'FF595959' } };
  const sheet = ws.name;
  const charts: ChartSpec[] = [];

  // 1. Payout by rep: the highest payouts first.
  const byPayout = result.reps
    .map((r, i) => ({ r, summaryRow: top0 + 1 + i }))
    .sort((a, b) => b.r.rounded.payout - a.r.rounded.payout || a.r.rank - b.r.rank)
    .slice(0, shownReps);
  const names = result.reps.map((r) => r.rep.name);
  const label = (r: RunResult['reps'][number]) => (names.filter((x) => x === r.rep.name).length > 1 ? `${r.rep.name} (${r.rep.id})` : r.rep.name);
  headerRow(ws, row, [t('col.rep'), t('col.payout')], 1);
  const payoutCol = columnOf(sc, SUMMARY.payout, input.summary.name);
  byPayout.forEach(({ r, summaryRow }, i) => {
    setText(ws.getCell(row + 1 + i, 1), label(r));
    setFormula(ws.getCell(row + 1 + i, 2), `${S}!${payoutCol}${summaryRow}`, r.rounded.payout, moneyFmt);
  });
  charts.push({
    sheet,
    at: { col: 0, row: top, cols: 8, rows: height },
    kind: 'bar',
    lang,
    title: shownReps < n ? t('dash.payoutTop', { shown: shownReps, n }) : t('dash.payoutByRep'),
    categories: { values: byPayout.map(({ r }) => label(r)), ref: rangeRef(sheet, 0, row + 1, row + shownReps) },
    series: [
      {
        name: t('col.payout'),
        nameRef: cellRef(sheet, 1, row),
        values: byPayout.map(({ r }) => r.rounded.payout),
        ref: rangeRef(sheet, 1, row + 1, row + shownReps),
        color: '4472C4',
      },
    ],
    numberFormat: chartMoneyFormat(result.currency.symbol, locale.moneyDisplay),
    dataLabels: true,
  });

  // 2. Reps per tier (step tiers), or per score band between the points of a linear scale.
  const tierRows: { label: string; count: number; formula?: string }[] = [];
  const tierRange = scol(SUMMARY.tier);
  const scoreRange = scol(SUMMARY.score);
  const mode = bonusMode(model.bonus);
  const named = mode.tiers(model.bonus);
  if (named.length) {
    for (const tr of named) {
      tierRows.push({
        label: tr.label,
        count: result.reps.filter((r) => r.tier?.label === tr.label).length,
        formula: `SUMPRODUCT(--EXACT(${tierRange},D{row}))`,
      });
    }
    const none = result.reps.filter((r) => !r.tier).length;
    if (none) tierRows.push({ label: t('dash.noTier'), count: none });
  } else {
    for (const { from: lo, to: hi } of scoreBands(model.bonus)) {
      const pct = (x: number) => fmtPct(x, 1);
      tierRows.push({
        label: hi === null ? `≥ ${pct(lo)}` : `${pct(lo)}–${pct(hi)}`,
        count: scores.filter((s) => s >= lo && (hi === null || s < hi)).length,
        formula: hi === null ? `COUNTIF(${scoreRange},">=${lo}")` : `COUNTIFS(${scoreRange},">=${lo}",${scoreRange},"<${hi}")`,
      });
    }
  }
  const tierTitle = mode.named ? t('dash.repsPerTier') : t('dash.repsPerBand');
  headerRow(ws, row, [mode.named ? t('col.tier') : t('dash.band'), t('col.reps')], 4);
  tierRows.forEach((tr, i) => {
    const r = row + 1 + i;
    setText(ws.getCell(r, 4), tr.label);
    if (tr.formula) setFormula(ws.getCell(r, 5), tr.formula.replace('{row}', String(r)), tr.count, '0');
    else setNumber(ws.getCell(r, 5), tr.count, '0');
  });
  charts.push({
    sheet,
    at: { col: 8, row: top, cols: 8, rows: third },
    kind: 'column',
    lang,
    title: tierTitle,
    categories: { values: tierRows.map((tr) => tr.label), ref: rangeRef(sheet, 3, row + 1, row + tierRows.length) },
    series: [
      {
        name: t('col.reps'),
        nameRef: cellRef(sheet, 4, row),
        values: tierRows.map((tr) => tr.count),
        ref: rangeRef(sheet, 4, row + 1, row + tierRows.length),
        color: '70AD47',
      },
    ],
    numberFormat: '0',
    dataLabels: true,
    valueAxis: { min: 0 },
  });

  // 3. Average score by team.
  headerRow(ws, row, [t('col.team'), t('dash.averageScore'), t('col.reps')], 7);
  const teamRange = scol(SUMMARY.team);
  result.teams.forEach((tm, i) => {
    const r = row + 1 + i;
    setText(ws.getCell(r, 7), tm.team);
    setFormula(ws.getCell(r, 9), `SUMPRODUCT(--EXACT(${teamRange},G${r}))`, tm.reps, '0');
    const members = result.reps.filter((x) => x.rep.team === tm.team);
    const mean = members.reduce((s, x) => s + x.totalScore, 0) / members.length;
    if (members.length && sameNumber(mean, tm.averageScore)) {
      setFormula(ws.getCell(r, 8), `SUMPRODUCT(EXACT(${teamRange},G${r})*${scoreRange})/I${r}`, tm.averageScore, PERCENT);
    } else setNumber(ws.getCell(r, 8), tm.averageScore, PERCENT);
  });
  charts.push({
    sheet,
    at: { col: 8, row: top + third, cols: 8, rows: third },
    kind: 'column',
    lang,
    title: t('dash.scoreByTeam'),
    categories: { values: result.teams.map((tm) => tm.team), ref: rangeRef(sheet, 6, row + 1, row + result.teams.length) },
    series: [
      {
        name: t('dash.averageScore'),
        nameRef: cellRef(sheet, 7, row),
        values: result.teams.map((tm) => tm.averageScore),
        ref: rangeRef(sheet, 7, row + 1, row + result.teams.length),
        color: 'ED7D31',
      },
    ],
    numberFormat: '0%',
    dataLabels: true,
    valueAxis: { min: 0 },
  });

  // 4. Achievement per weighted metric: the mean over reps for whom it is weighted and has a value, and the share
  // of them at or above target.
  headerRow(ws, row, [t('col.metric'), t('col.label'), t('dash.averageAchievement'), t('dash.shareAtTarget')], 11);
  const mRange = dcol(DETAILS.metric);
  const aRange = dcol(DETAILS.achievement);
  const wRange = dcol(DETAILS.weight);
  const metrics = weightedMetrics(result);
  const means: (number | null)[] = [];
  const shares: (number | null)[] = [];
  metrics.forEach((m, i) => {
    const r = row + 1 + i;
    setText(ws.getCell(r, 11), m.metric);
    setText(ws.getCell(r, 12), m.label);
    const achs = result.reps.flatMap((x) =>
      x.metrics.filter((y) => y.metric === m.metric && y.weight > 0 && y.achievement !== null).map((y) => y.achievement!),
    );
    const which = `EXACT(${mRange},K${r})*(${wRange}>0)*ISNUMBER(${aRange})`;
    if (achs.length === 0) {
      means.push(null);
      shares.push(null);
      return;
    }
    const mean = achs.reduce((s, x) => s + x, 0) / achs.length;
    const share = achs.filter((x) => x >= 1).length / achs.length;
    means.push(mean);
    shares.push(share);
    setFormula(ws.getCell(r, 13), `SUMPRODUCT(${which},${aRange})/SUMPRODUCT(${which})`, mean, PERCENT);
    setFormula(ws.getCell(r, 14), `SUMPRODUCT(${which}*(${aRange}>=1))/SUMPRODUCT(${which})`, share, PERCENT);
  });
  charts.push({
    sheet,
    at: { col: 8, row: top + 2 * third, cols: 8, rows: height - 2 * third },
    kind: 'column',
    lang,
    title: t('dash.achievementByMetric'),
    categories: { values: metrics.map((m) => m.label), ref: rangeRef(sheet, 11, row + 1, row + metrics.length) },
    series: [
      {
        name: t('dash.averageAchievement'),
        nameRef: cellRef(sheet, 12, row),
        values: means,
        ref: rangeRef(sheet, 12, row + 1, row + metrics.length),
        color: '4472C4',
      },
      {
        name: t('dash.shareAtTarget'),
        nameRef: cellRef(sheet, 13, row),
        values: shares,
        ref: rangeRef(sheet, 13, row + 1, row + metrics.length),
        color: 'A5A5A5',
      },
    ],
    numberFormat: '0%',
    valueAxis: { min: 0 },
  });
  ws.views = [{ state: 'normal', showGridLines: false }];
  // Print the figures and charts; the chart data below them stays on the sheet.
  // (exceljs prefixes "$" to each corner: "A$1" becomes the absolute $A$1 Excel and LibreOffice both honour.)
  ws.pageSetup.printArea = `A$1:P$${top + height + 1}`;
  return charts;
}
