// `kpi backtest --xlsx FILE`: one sheet per measure (cost, reach, reach per metric, tiers, tier edges, movers),
// each a chart-ready table, then every rep's score and payout per period and the data issues.
import type { Model } from '../core/model.js';
import type { DataIssue } from '../core/table.js';
import { GUIDANCE, share } from '../plan/attainment.js';
import type { Backtest, Move } from '../plan/backtest.js';
import { createWorkbook, moneyFormat, type Workbook } from './excel.js';
import { dayToDate } from './numbers.js';
import { addStatusSheet, addTableSheet, chartFor, int, money, percent, txt, workbookWithCharts, type ChartPlan, type SheetTable } from './plan-xlsx.js';
import { writeFileAtomic } from './safe-write.js';
import { toolVersion } from '../version.js';
import { runStatus, type RunStatus } from './status.js';
import { english, issueText, type Translate } from '../messages/index.js';

function moverRow(m: Move) {
  return [
    txt(`${m.id} ${m.name}`),
    txt(m.team),
    txt(m.from),
    txt(m.to),
    money(m.payoutBefore),
    money(m.payoutAfter),
    money(m.change),
    percent(m.scoreBefore),
    percent(m.scoreAfter),
    txt(m.tierBefore),
    txt(m.tierAfter),
  ];
}

const moverHead = (t: Translate) => [
  t('plan.rep'),
  t('diff.col.team'),
  t('diff.col.from'),
  t('diff.col.to'),
  t('diff.col.payoutBefore'),
  t('diff.col.payoutAfter'),
  t('bt.change'),
  t('diff.col.scoreBefore'),
  t('diff.col.scoreAfter'),
  t('diff.col.tierBefore'),
  t('diff.col.tierAfter'),
];

/** The sheets and their charts, in order, in the run's language. */
function backtestSheets(model: Model, bt: Backtest, issues: readonly DataIssue[], t: Translate = english): { tables: SheetTable[]; charts: ChartPlan[] } {
  const label = (i: number) => bt.periods[i]!.period.label;
  const tables: SheetTable[] = [];
  const charts: ChartPlan[] = [];

  const cost: SheetTable = {
    name: t('bt.sheet.cost'),
    head: [t('plan.period'), t('plan.bonus'), t('plan.commission'), t('plan.deductions'), t('plan.payout')],
    rows: bt.periods.map((p) => [txt(p.period.label), money(p.cost.bonus), money(p.cost.commission), money(p.cost.deductions), money(p.cost.payout)]),
  };
  tables.push(cost);
  charts.push(chartFor(cost, 'column', t('bt.chart.cost'), [2, 3, 5], moneyFormat(model.currency.symbol, 0)));

  const reach: SheetTable = {
    name: t('bt.sheet.reach'),
    head: [
      t('plan.period'),
      t('bt.col.repsWithData'),
      t('bt.col.atThreshold'),
      t('bt.col.atTarget'),
      t('bt.col.atStretch'),
      t('bt.col.guidanceThreshold'),
      t('bt.col.guidanceTarget'),
      t('bt.col.guidanceStretch'),
    ],
    rows: bt.periods.map((p) => [
      txt(p.period.label),
      int(p.overall.reps),
      percent(share(p.overall.threshold, p.overall.reps)),
      percent(share(p.overall.target, p.overall.reps)),
      percent(share(p.overall.stretch, p.overall.reps)),
      percent(GUIDANCE.threshold),
      percent(GUIDANCE.target),
      percent(GUIDANCE.stretch),
    ]),
  };
  tables.push(reach);
  charts.push(chartFor(reach, 'line', t('bt.chart.reach'), [3, 4, 5, 6, 7, 8], '0%'));

  // Per metric: the share at target per period (the chart), then threshold and stretch beside it.
  const metrics = bt.total.metrics;
  const metricReach: SheetTable = {
    name: t('bt.sheet.metricReach'),
    head: [
      t('plan.period'),
      ...metrics.map((m) => t('bt.col.metricAtTarget', { metric: m.label })),
      ...metrics.map((m) => t('bt.col.metricAtThreshold', { metric: m.label })),
      ...metrics.map((m) => t('bt.col.metricAtStretch', { metric: m.label })),
    ],
    rows: bt.periods.map((p) => {
      const at = (level: 'threshold' | 'target' | 'stretch') => p.metrics.map((m) => percent(share(m[level], m.reps)));
      return [txt(p.period.label), ...at('target'), ...at('threshold'), ...at('stretch')];
    }),
  };
  if (metrics.length) {
    tables.push(metricReach);
    charts.push(
      chartFor(
        metricReach,
        'line',
        t('bt.chart.metricReach'),
        metrics.map((_, i) => i + 2),
        '0%',
      ),
    );
  }

  const tierList = bt.periods[0]!.tiers;
  const own = bt.periods.some((p) => p.ownPlanTiers > 0);
  const tiers: SheetTable = {
    name: t('bt.sheet.tiers'),
    head: [t('plan.period'), ...tierList.map((x) => x.label), t('bt.col.gateZeroed'), ...(own ? [t('bt.ownPlanTiers')] : []), t('bt.noData')],
    rows: bt.periods.map((p) => [
      txt(p.period.label),
      ...p.tiers.map((x) => int(x.reps)),
      int(p.zeroedByGate),
      ...(own ? [int(p.ownPlanTiers)] : []),
      int(p.reps - p.repsWithData),
    ]),
  };
  tables.push(tiers);
  charts.push(
    chartFor(
      tiers,
      'column',
      t('bt.chart.tiers'),
      tierList.map((_, i) => i + 2),
    ),
  );

  const edges: SheetTable = {
    name: t('bt.sheet.edges'),
    head: [t('plan.period'), t('bt.col.withinEdge', { band: `${Math.round(bt.edgeBand * 1000) / 10}%` }), t('bt.side.below'), t('bt.side.above')],
    rows: bt.periods.map((p) => [
      txt(p.period.label),
      int(p.onEdge.length),
      int(p.onEdge.filter((e) => e.side === 'below').length),
      int(p.onEdge.filter((e) => e.side === 'above').length),
    ]),
  };
  tables.push(edges);
  charts.push(chartFor(edges, 'column', t('bt.chart.edges'), [3, 4]));

  const edgeList: SheetTable = {
    name: t('bt.sheet.edgeReps'),
    head: [t('plan.period'), t('plan.rep'), t('diff.col.team'), t('bt.col.totalScore'), t('bt.col.edge'), t('bt.col.side')],
    rows: bt.periods.flatMap((p, i) =>
      p.onEdge.map((e) => [
        txt(label(i)),
        txt(`${e.id} ${e.name}`),
        txt(e.team),
        percent(e.totalScore),
        percent(e.edge),
        txt(t(e.side === 'below' ? 'bt.side.below' : 'bt.side.above')),
      ]),
    ),
    widths: [12, 28, 12, 12, 10, 16],
  };
  tables.push(edgeList);

  const movers: SheetTable = {
    name: t('bt.sheet.movers'),
    head: moverHead(t),
    rows: [...bt.movers, ...bt.periods.flatMap((p) => [...p.up, ...p.down]).filter((m) => !bt.movers.includes(m))].map(moverRow),
    widths: [28, 12, 10, 10, 14, 14, 14, 12, 12, 14, 14],
  };
  tables.push(movers);
  if (bt.movers.length) {
    const top: SheetTable = { ...movers, rows: bt.movers.map(moverRow) };
    charts.push(chartFor(top, 'bar', t('bt.chart.movers'), [7], moneyFormat(model.currency.symbol, 0)));
  }

  const periods = bt.periods.map((p) => p.period.label);
  tables.push({
    name: t('bt.sheet.reps'),
    head: [
      t('plan.rep'),
      t('diff.col.name'),
      t('diff.col.team'),
      t('bt.col.role'),
      ...periods.flatMap((p) => [t('bt.col.periodScore', { period: p }), t('bt.col.periodTier', { period: p }), t('bt.col.periodPayout', { period: p })]),
    ],
    rows: bt.reps.map((r) => [
      txt(r.id),
      txt(r.name),
      txt(r.team),
      txt(r.role),
      ...r.periods.flatMap((p) => [p.hasData ? percent(p.totalScore) : txt(t('bt.noData')), txt(p.tier), money(p.payout)]),
    ]),
  });

  tables.push({
    name: t('bt.sheet.issues'),
    head: [t('col.file'), t('col.row'), t('col.column'), t('col.value'), t('col.reason'), t('col.severity'), t('col.action')],
    rows: issues.map((i) => [
      txt(i.file),
      int(i.row ?? null),
      txt(i.column),
      txt(i.value),
      txt(issueText(i, t)),
      txt(t(`severity.${i.severity}`)),
      txt(t(`action.${i.action}`)),
    ]),
    widths: [24, 8, 18, 18, 70, 10, 10],
  });
  return { tables, charts };
}

function buildBacktestWorkbook(
  model: Model,
  bt: Backtest,
  issues: readonly DataIssue[],
  status: RunStatus = runStatus(issues),
  t: Translate = english,
): { wb: Workbook; charts: ChartPlan[] } {
  const last = bt.periods[bt.periods.length - 1]!.period;
  const wb = createWorkbook(dayToDate(last.end), `kpi ${toolVersion()}`);
  const { tables, charts } = backtestSheets(model, bt, issues, t);
  addStatusSheet(wb, status, t('status.whereIssues', { sheet: t('bt.sheet.issues') }), t);
  for (const table of tables) addTableSheet(wb, table, model.currency);
  return { wb, charts };
}

export async function writeBacktestWorkbook(
  model: Model,
  bt: Backtest,
  issues: readonly DataIssue[],
  status: RunStatus,
  target: string,
  inputs: readonly string[],
  t: Translate = english,
): Promise<void> {
  const { wb, charts } = buildBacktestWorkbook(model, bt, issues, status, t);
  await writeFileAtomic(target, await workbookWithCharts(wb, charts), { inputs });
}
