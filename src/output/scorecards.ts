// `--scorecards DIR`: one workbook per rep that the rep can audit: metrics, the bonus step by step, and what it
// takes to reach the next tier. File names come from untrusted ids/names, made safe by FileNamer.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RepResult, RunResult } from '../core/results.js';
import { checkCardFolder, replaceCardFolder } from './card-folder.js';
import { afterWrite, createWorkbook, PERCENT, setFormula, setNote, setNumber, setText, workbookToBuffer, type CfRule, type Workbook } from './excel.js';
import { dateFormat, outputLocale, workbookMoneyFormat, type Locale } from './locale.js';
import { fillRows, writeRowsSheets } from './sheets/rows-behind.js';
import { setPrint } from './print.js';
import { widenClipped } from './column-widths.js';
import { FileNamer } from './filenames.js';
import { add, lit, mul, ref, round, sameMoney, sameNumber, sub, sum, type F } from '../core/formula.js';
import { metricFormulas } from './metric-formulas.js';
import { gateReason } from './view.js';
import { writeScorecardLines, type MetricCellsOf } from './pay-lines.js';
import { balanceHow, lineLabel } from './pay-line-text.js';
import { planFor } from '../core/plans.js';
import { dayToDate, formatMoney } from './numbers.js';
import * as fmt from '../core/format.js';
import { isoFromDay } from '../core/period.js';
import { clean15, roundHalfAwayFromZero } from '../core/money.js';
import { commissionLines } from '../core/rules/commission/index.js';
import { DEDUCTION_KINDS } from '../core/rules/deductions.js';
import { achievementRules, put, putInput, provenanceNote, statusOf, targetNote, unitFormat, writeStatusBanner, type ReportContext } from './report.js';
import { say, translator, type Translate } from '../messages/index.js';

const BAR_CAP = 1.5;

/** One rep's scorecard workbook (exposed for tests). */
export function buildScorecard(result: RunResult, r: RepResult, ctx: CardContext): Workbook {
  const wb = createWorkbook(dayToDate(result.period.end), `kpi ${ctx.toolVersion}`);
  const loc = outputLocale(ctx.model, ctx.locale);
  const t = translator(loc.locale);
  const ws = wb.addWorksheet(t('sheet.scorecard'));
  const minor = result.currency.minorUnit;
  const moneyFmt = workbookMoneyFormat(result.currency.symbol, minor, loc.moneyDisplay);
  ws.columns = [
    { width: 26 },
    { width: 28 },
    { width: 14 },
    { width: 14 },
    { width: 12 },
    { width: 12 },
    { width: 13 },
    { width: 10 },
    { width: 9 },
    { width: 15 },
    { width: 18 },
  ];

  setText(ws.getCell('A1'), t('sheet.scorecard'));
  ws.getCell('A1').font = { bold: true, size: 14 };
  // Whether the run is final, beside the title: a card of a run with data issues must not pass for the real one.
  if (ctx.status) writeStatusBanner(ws, 1, 3, 11, ctx.status, t('status.whereReport', { sheet: t('sheet.issues') }), t);
  const head: [string, string][] = [
    [t('col.name'), r.rep.name],
    [t('col.repId'), r.rep.id],
    [t('col.team'), r.rep.team],
    [t('col.role'), r.rep.role],
    [t('run.period'), t('period.span', { label: result.period.label, start: isoFromDay(result.period.start), end: isoFromDay(result.period.end) })],
    [t('run.scheme'), result.schemeName],
  ];
  head.forEach(([k, v], i) => {
    setText(ws.getCell(2 + i, 1), k);
    ws.getCell(2 + i, 1).font = { bold: true };
    setText(ws.getCell(2 + i, 2), v);
  });
  if (!r.hasData) setText(ws.getCell(2, 3), t('card.noData'));

  // Metrics: A Metric, B Label, C Actual, D Target, E Threshold, F Stretch, G Achievement, H Score, I Weight,
  // J Weighted score, K Bar
  const top = 9;
  [
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
    t('card.bar'),
  ].forEach((h, i) => {
    setText(ws.getCell(top, 1 + i), h);
  });
  ws.getRow(top).font = { bold: true };
  const specs = new Map(ctx.model.metrics.map((m) => [m.name, m]));
  let row = top + 1;
  const rowOf = new Map(r.metrics.map((m, i) => [m.metric, top + 1 + i]));
  const addressOf = (metric: string) => {
    const n = rowOf.get(metric);
    return n === undefined
      ? undefined
      : { actual: `C${n}`, target: `D${n}`, threshold: `E${n}`, stretch: `F${n}`, achievement: `G${n}`, score: `H${n}`, weight: `I${n}` };
  };
  const noSpec = { why: 'metric not in the scheme' };
  for (const m of r.metrics) {
    const spec = specs.get(m.metric);
    const fmt = unitFormat(spec?.unit, moneyFmt);
    const ch = metricFormulas(ctx.model, r, m, addressOf);
    setText(ws.getCell(row, 1), m.metric);
    setText(ws.getCell(row, 2), m.label);
    putInput(ws.getCell(row, 3), ch?.actual, m.actual, fmt);
    setNote(ws.getCell(row, 3), provenanceNote(m, t));
    setNumber(ws.getCell(row, 4), m.target, fmt);
    const tn = targetNote(m, t);
    if (tn) setNote(ws.getCell(row, 4), tn);
    putInput(ws.getCell(row, 5), ch?.threshold, m.threshold, fmt);
    putInput(ws.getCell(row, 6), ch?.stretch, m.stretch, fmt);
    if (m.achievement === null) setNumber(ws.getCell(row, 7), null);
    else put(ws.getCell(row, 7), ch?.achievement ?? noSpec, m.achievement, PERCENT, t);
    put(ws.getCell(row, 8), ch?.score ?? noSpec, m.score, PERCENT, t);
    setNumber(ws.getCell(row, 9), m.weight, PERCENT);
    put(ws.getCell(row, 10), ch?.weighted ?? noSpec, m.weightedScore, PERCENT, t);
    // The score clipped to the bar's scale, drawn as a data bar (the number itself is hidden: it is in column H).
    setFormula(ws.getCell(row, 11), `MIN(MAX(H${row},0),${BAR_CAP})`, Math.min(Math.max(m.score, 0), BAR_CAP), ';;;');
    row++;
  }
  const lastMetric = row - 1;
  if (lastMetric > top) {
    ws.addConditionalFormatting({ ref: `G${top + 1}:G${lastMetric}`, rules: achievementRules(`G${top + 1}`) });
    // A gradient bar is plain OOXML 2007: exceljs writes solid bars with an x14 extension under a random id, which
    // would make every run's bytes differ.
    ws.addConditionalFormatting({
      ref: `K${top + 1}:K${lastMetric}`,
      rules: [
        {
          type: 'dataBar',
          priority: 4,
          gradient: true,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: BAR_CAP },
          ],
          color: { argb: 'FF5B9BD5' },
        } as CfRule,
      ],
    });
  }

  // The bonus, step by step: A step, B figure, C how.
  row += 1;
  setText(ws.getCell(row, 1), t('card.how'));
  ws.getCell(row, 1).font = { bold: true, size: 12 };
  row++;
  const at: Record<string, number> = {};
  const line = (key: string, label: string, how: string) => {
    at[key] = row;
    setText(ws.getCell(row, 1), label);
    setText(ws.getCell(row, 3), how);
    // Off the right-aligned figure before it ("¥8,000.00目标奖金" otherwise).
    ws.getCell(row, 3).alignment = { horizontal: 'left', indent: 1 };
    return ws.getCell(row++, 2);
  };
  setNumber(line('base', t('col.baseBonus'), t('card.targetIncentive')), r.rep.baseBonus, moneyFmt);
  setNumber(
    line(
      'pro',
      t('col.proration'),
      r.proration === 0
        ? t('card.notStarted', { start: r.rep.startDate ?? '?' })
        : r.proration < 1
          ? t('card.employedPart', { start: r.rep.startDate ?? '?' })
          : t('card.fullPeriod'),
    ),
    r.proration,
    PERCENT,
  );
  put(
    line('pbase', t('col.proratedBase'), t('card.proratedHow')),
    check(mul(ref(`B${at.base}`, r.rep.baseBonus), ref(`B${at.pro}`, r.proration)), r.proratedBase, t('why.proratedBase')),
    r.proratedBase,
    moneyFmt,
    t,
  );
  put(
    line('sbd', t('col.scoreBeforeDeductions'), t('card.weightedSumHow')),
    check(
      sum(
        `J${top + 1}:J${lastMetric}`,
        r.metrics.map((m) => m.weightedScore),
      ),
      r.scoreBeforeDeductions,
      t('why.weightedSum'),
    ),
    r.scoreBeforeDeductions,
    PERCENT,
    t,
  );
  setNumber(line('pts', t('col.pointsOff'), r.deductionReasons.map((x) => say(x, t)).join('; ') || t('card.none')), r.deductionPoints, '0.##');
  put(
    line('total', t('col.totalScore'), t('card.totalHow')),
    check(DEDUCTION_KINDS.points.formula(ref(`B${at.sbd}`, r.scoreBeforeDeductions), ref(`B${at.pts}`, r.deductionPoints)), r.totalScore, t('why.totalScore')),
    r.totalScore,
    PERCENT,
    t,
  );
  setText(
    line(
      'tier',
      t('col.tier'),
      r.tier
        ? r.tier.to === undefined
          ? t('card.tierFrom', { from: pct(r.tier.from) })
          : t('card.tierRange', { from: pct(r.tier.from), to: pct(r.tier.to) })
        : '',
    ),
    r.tier?.label ?? '—',
  );
  setNumber(
    line(
      'mult',
      t('col.multiplier'),
      r.bonusZeroedBy || r.bonusZeroedByRedLine
        ? t('summary.bonusZeroed', { reason: gateReason(r, t) })
        : r.basis
          ? t(r.basis.timesScore ? 'card.coefficientTimesHow' : 'card.coefficientHow', {
              coefficient: fmt.trimmed(r.basis.coefficient, 4),
              what: say(r.basis.what, t),
            })
          : t('card.multiplierHow'),
    ),
    r.multiplier,
    '0.00',
  );
  put(
    line('bonus', t('col.bonus'), t('card.bonusHow')),
    checkMoney(round(mul(ref(`B${at.pbase}`, r.proratedBase), ref(`B${at.mult}`, r.multiplier)), minor), r.rounded.bonus, minor, t('why.adjusted')),
    r.rounded.bonus,
    moneyFmt,
    t,
  );
  // The slices rounded so that they (and what the commission's max payout takes off) add up to the commission.
  const lines = commissionLines(r, minor);
  const firstSlice = row;
  r.commissionSlices.forEach((s, i) => {
    setText(
      ws.getCell(row, 1),
      s.to === undefined
        ? t('card.sliceFrom', { from: fmtMoney(s.from, result) })
        : t('card.slice', { from: fmtMoney(s.from, result), to: fmtMoney(s.to, result) }),
    );
    ws.getCell(row, 3).alignment = { horizontal: 'left', indent: 1 };
    setText(ws.getCell(row, 3), t('card.sliceHow', { amount: fmtMoney(s.amount, result), rate: fmt.pct(s.rate, 4) }));
    setNumber(ws.getCell(row++, 2), lines.slices[i]!, moneyFmt);
  });
  if (lines.capAdjustment !== 0) {
    setText(ws.getCell(row, 1), t('card.commissionCap'));
    ws.getCell(row, 3).alignment = { horizontal: 'left', indent: 1 };
    setText(ws.getCell(row, 3), t('card.commissionCapHow', { amount: fmtMoney(r.rounded.commission, result) }));
    setNumber(ws.getCell(row++, 2), lines.capAdjustment, moneyFmt);
  }
  // Components (commissions on their own metrics, SPIFFs, kickers, 回款): one line each, below the slices.
  const metricAt: MetricCellsOf = (_r, metric) => {
    const k = r.metrics.findIndex((m) => m.metric === metric);
    return k < 0 ? undefined : { actual: `C${top + 1 + k}`, achievement: `G${top + 1 + k}` };
  };
  const added = (r.lines ?? []).filter((l) => l.sign > 0);
  const takenOff = (r.lines ?? []).filter((l) => l.sign < 0);
  row = writeScorecardLines(ws, r, ctx.model, added, row, moneyFmt, metricAt, minor, t);
  const sliceRows = row - firstSlice;
  const commHow = added.length ? t('pay.card.commission') : sliceRows ? (lines.capAdjustment !== 0 ? t('card.linesSum') : t('card.slicesSum')) : t('card.none');
  const comm = line('comm', t('col.commission'), commHow);
  if (sliceRows) {
    const parts = [...lines.slices, ...(lines.capAdjustment !== 0 ? [lines.capAdjustment] : []), ...added.map((l) => l.rounded)];
    put(
      comm,
      checkMoney(round(sum(`B${firstSlice}:B${firstSlice + sliceRows - 1}`, parts), minor), r.rounded.commission, minor, t('why.adjusted')),
      r.rounded.commission,
      moneyFmt,
      t,
    );
  } else setNumber(comm, r.rounded.commission, moneyFmt);
  // 红线, clawbacks and paid to date, each with its reason.
  const firstOff = row;
  row = writeScorecardLines(ws, r, ctx.model, takenOff, row, moneyFmt, metricAt, minor, t);
  // Deductions as the Summary has them: what comes off, never more than bonus + commission. The deductions file's
  // amounts have no cell of their own and lead as a number (beside the lines above, the part left once their
  // rounded amounts are taken out, so the rounded parts add up).
  const ded = line(
    'ded',
    t('col.deductions'),
    takenOff.length ? t('pay.card.deductions') : r.deductionReasons.map((x) => say(x, t)).join('; ') || t('card.none'),
  );
  const fromFile = takenOff.length ? clean15(r.rounded.deductions - takenOff.reduce((s, l) => s + l.rounded, 0)) : r.deductionAmount;
  const offTerms = [
    ...(Math.abs(fromFile) > 1e-9 || !takenOff.length ? [lit(fromFile)] : []),
    ...(takenOff.length
      ? [
          sum(
            `B${firstOff}:B${firstOff + takenOff.length - 1}`,
            takenOff.map((l) => l.rounded),
          ),
        ]
      : []),
  ];
  const off = offTerms.slice(1).reduce((f, x) => add(f, x), offTerms[0]!);
  put(
    ded,
    checkMoney(
      round(DEDUCTION_KINDS.amount.formula(add(ref(`B${at.bonus}`, r.rounded.bonus), ref(`B${at.comm}`, r.rounded.commission)), off), minor),
      r.rounded.deductions,
      minor,
      t('why.deductions'),
    ),
    r.rounded.deductions,
    moneyFmt,
    t,
  );
  const payout = line('pay', t('col.payout'), t('card.payoutHow'));
  put(
    payout,
    checkMoney(
      round(sub(add(ref(`B${at.bonus}`, r.rounded.bonus), ref(`B${at.comm}`, r.rounded.commission)), ref(`B${at.ded}`, r.rounded.deductions)), minor),
      r.rounded.payout,
      minor,
      t('why.adjusted'),
    ),
    r.rounded.payout,
    moneyFmt,
    t,
  );
  payout.font = { bold: true };
  ws.getCell(at.pay!, 1).font = { bold: true };
  if (r.trueUp && r.trueUp.carried < 0) {
    setNumber(line('carried', t('pay.label.balance'), balanceHow(r, t, minor)), r.trueUp.carried, moneyFmt);
  }

  // What it takes to reach the next tier.
  row += 1;
  setText(ws.getCell(row, 1), t('card.whatItTakes'));
  ws.getCell(row++, 1).font = { bold: true, size: 12 };
  // A gate that zeroes the bonus comes first: meeting it is what unlocks any payout from the tiers.
  for (const u of r.unlock ?? []) {
    const spec = specs.get(u.metric);
    const need =
      u.actualNeeded === null
        ? t('card.noActualMeetsGate')
        : t('card.actualMeetsGate', { metric: spec?.label ?? u.metric, actual: fmt.short(u.actualNeeded, spec?.unit) });
    setText(ws.getCell(row, 1), t('card.bonusBlocked', { reason: say(u.reason, t), need }));
    setText(ws.getCell(row, 3), t('card.payoutOnceMet'));
    setNumber(ws.getCell(row++, 2), roundHalfAwayFromZero(u.payout, minor), moneyFmt);
  }
  if (!r.next) {
    setText(ws.getCell(row, 1), r.tier && !r.bonusZeroedBy ? t('card.topTier') : t('card.noNextTier'));
  } else {
    setText(ws.getCell(row, 1), t('card.nextTier'));
    setText(ws.getCell(row++, 2), r.next.tier?.label ?? '—');
    const basisMetric = planFor(ctx.model, r.rep.role).bonus.basis;
    setText(ws.getCell(row, 1), basisMetric !== undefined ? t('card.achievementNeeded', { metric: basisMetric }) : t('card.scoreNeeded'));
    setNumber(ws.getCell(row++, 2), r.next.score, PERCENT);
    setText(ws.getCell(row, 1), t('card.payoutThere'));
    const at = r.next.payoutOnceUnlocked ?? r.next.payout;
    if (r.next.payoutOnceUnlocked !== undefined) setText(ws.getCell(row, 3), t('card.onceGateMet'));
    setNumber(ws.getCell(row++, 2), roundHalfAwayFromZero(at, minor), moneyFmt);
    [t('col.metric'), t('card.changeNeeded'), t('card.actualNeeded')].forEach((h, i) => {
      setText(ws.getCell(row, 1 + i), h);
    });
    ws.getRow(row++).font = { bold: true };
    for (const w of r.next.perMetric) {
      const spec = specs.get(w.metric);
      const fmt = unitFormat(spec?.unit, moneyFmt);
      setText(ws.getCell(row, 1), spec?.label ?? w.metric);
      if (w.change === null) setText(ws.getCell(row, 2), w.why ? t('card.cannotAloneWhy', { why: say(w.why, t) }) : t('card.cannotAlone'));
      else setNumber(ws.getCell(row, 2), w.change, fmt);
      setNumber(ws.getCell(row, 3), w.actualNeeded, fmt);
      row++;
    }
  }
  // What would raise a component (a kicker's condition, one more SPIFF unit), from each rule's inverse.
  const hints = (r.lines ?? []).filter((l) => l.hint !== undefined);
  if (hints.length) {
    row += 1;
    for (const l of hints) {
      setText(ws.getCell(row, 1), lineLabel(l, t));
      setText(ws.getCell(row++, 2), say(l.hint!, t));
    }
  }
  ws.views = [{ state: 'normal', showGridLines: false }];
  // One landscape page: the scorecard is handed out printed, with no label cut off.
  widenClipped(ws);
  setPrint(ws, loc.locale, { orientation: 'landscape', fit: 'page' });
  // A lead's figures are sums over the team: the card lists the rows behind them (a rep's own rows are on the
  // report's Rows sheets; on every card they would double the cards' writing time, README).
  if (ctx.cardRows && r.rollup) addRowsSheets(wb, r, ctx.cardRows, moneyFmt, loc.locale, t);
  return wb;
}

/** What a scorecard is built from. */
export type CardContext = Pick<ReportContext, 'model' | 'toolVersion' | 'locale' | 'status' | 'cardRows'>;

/**
 * The rows behind a lead's card, for disputes, one sheet per source as on the report: every row of the team (each
 * names its rep), since that is what the figures sum. Each sheet prints one page wide, as many pages tall as it
 * takes; the card's first sheet stays one page.
 */
function addRowsSheets(wb: Workbook, r: RepResult, cardRows: NonNullable<CardContext['cardRows']>, moneyFmt: string, locale: Locale, t: Translate): void {
  const ids = r.rollup?.members ?? [r.rep.id];
  const shown = ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')}, …`;
  const intro = [
    r.rollup?.basis === 'manager'
      ? t('rows.card.manager', { id: r.rep.id, n: ids.length, ids: shown })
      : t('rows.card.team', { team: r.rep.team, n: ids.length, ids: shown }),
  ];
  const sheets = writeRowsSheets(wb, { rows: cardRows(ids), moneyFmt, dateFmt: dateFormat(locale), text: t, intro }, { deferRows: true });
  for (const { ws, headerRow } of sheets) {
    setPrint(ws, locale, { orientation: 'landscape', fit: 'width', titleRows: `${headerRow}:${headerRow}`, titleColumns: 'A:B' });
  }
  const pending = sheets.flatMap((s) => (s.pending ? [s.pending] : []));
  if (pending.length) afterWrite(wb, (stored) => fillRows(stored, pending));
}

const pct = (x: number) => fmt.pct(x, 1);
const fmtMoney = (x: number, result: RunResult) => formatMoney(x, result.currency);

function check(x: F, expected: number, why: string) {
  return Number.isFinite(x.v) && sameNumber(x.v, expected) ? { formula: x } : { why };
}
function checkMoney(x: F, expected: number, minor: number, why: string) {
  return Number.isFinite(x.v) && sameMoney(x.v, expected, minor) ? { formula: x } : { why };
}

/** One rep's scorecard as .xlsx bytes. */
export async function scorecardBytes(result: RunResult, r: RepResult, ctx: CardContext): Promise<Buffer> {
  return workbookToBuffer(buildScorecard(result, r, ctx));
}

export interface ScorecardFile {
  repId: string;
  name: string;
  path: string;
}

/**
 * Writes one workbook per rep as the whole content of the folder `dir`, created if missing. The set is written
 * aside and swapped in (card-folder.ts), so the folder always holds exactly one run's cards. Returns the files in
 * result order.
 */
export async function writeScorecards(result: RunResult, ctx: ReportContext, dir: string): Promise<ScorecardFile[]> {
  await checkCardFolder(dir);
  const status = statusOf(result, ctx);
  const files: ScorecardFile[] = [];
  await replaceCardFolder(dir, { scheme: result.schemeName, period: result.period.label }, async (folder) => {
    const namer = new FileNamer(folder);
    for (const r of result.reps) {
      const { name, path: file } = namer.next(r.rep.id, r.rep.name);
      // A fresh folder of kpi's own: 'wx' still refuses to follow anything that appeared there meanwhile.
      // Synchronous: three thread-pool round trips per card (open, write, close) cost more than the write itself.
      const bytes = await scorecardBytes(result, r, { ...ctx, status });
      writeFileSync(file, bytes, { flag: 'wx' });
      files.push({ repId: r.rep.id, name, path: path.resolve(dir, name) });
    }
    return files.map((f) => f.name);
  });
  return files;
}
