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
import { english } from '../messages/index.js';

function moverRow(m: Move) {
  return [txt(`${m.id} ${m.name}`), txt(m.team), txt(m.from), txt(m.to), money(m.payoutBefore), money(m.payoutAfter), money(m.change),
    percent(m.scoreBefore), percent(m.scoreAfter), txt(m.tierBefore), txt(m.tierAfter)];
}

const MOVER_HEAD = ['rep', 'team', 'from', 'to', 'payout before', 'payout after', 'change', 'score before', 'score after', 'tier before', 'tier after'];

/** The sheets and their charts, in order. */
export function backtestSheets(model: Model, bt: Backtest, issues: readonly DataIssue[]): { tables: SheetTable[]; charts: ChartPlan[] } {
  const label = (i: number) => bt.periods[i]!.period.label;
  const tables: SheetTable[] = [];
  const charts: ChartPlan[] = [];

  const cost: SheetTable = {
    name: 'Cost',
    head: ['period', 'bonus', 'commission', 'deductions', 'payout'],
    rows: bt.periods.map((p) => [txt(p.period.label), money(p.cost.bonus), money(p.cost.commission), money(p.cost.deductions), money(p.cost.payout)]),
  };
  tables.push(cost);
  charts.push(chartFor(cost, 'column', 'Cost per period', [2, 3, 5], moneyFormat(model.currency.symbol, 0)));

  const reach: SheetTable = {
    name: 'Reach',
    head: ['period', 'reps with data', 'at threshold', 'at target', 'at stretch', 'guidance threshold', 'guidance target', 'guidance stretch'],
    rows: bt.periods.map((p) => [txt(p.period.label), int(p.overall.reps), percent(share(p.overall.threshold, p.overall.reps)),
      percent(share(p.overall.target, p.overall.reps)), percent(share(p.overall.stretch, p.overall.reps)),
      percent(GUIDANCE.threshold), percent(GUIDANCE.target), percent(GUIDANCE.stretch)]),
  };
  tables.push(reach);
  charts.push(chartFor(reach, 'line', 'Share of reps reaching the plan threshold, target and stretch', [3, 4, 5, 6, 7, 8], '0%'));

  // Per metric: the share at target per period (the chart), then threshold and stretch beside it.
  const metrics = bt.total.metrics;
  const metricReach: SheetTable = {
    name: 'Reach per metric',
    head: ['period', ...metrics.map((m) => `${m.label}: at target`), ...metrics.map((m) => `${m.label}: at threshold`), ...metrics.map((m) => `${m.label}: at stretch`)],
    rows: bt.periods.map((p) => {
      const at = (level: 'threshold' | 'target' | 'stretch') => p.metrics.map((m) => percent(share(m[level], m.reps)));
      return [txt(p.period.label), ...at('target'), ...at('threshold'), ...at('stretch')];
    }),
  };
  if (metrics.length) {
    tables.push(metricReach);
    charts.push(chartFor(metricReach, 'line', 'Share of reps at target, per metric', metrics.map((_, i) => i + 2), '0%'));
  }

  const tierList = bt.periods[0]!.tiers;
  const tiers: SheetTable = {
    name: 'Tiers',
    head: ['period', ...tierList.map((t) => t.label), 'bonus zeroed by a gate'],
    rows: bt.periods.map((p) => [txt(p.period.label), ...p.tiers.map((t) => int(t.reps)), int(p.zeroedByGate)]),
  };
  tables.push(tiers);
  charts.push(chartFor(tiers, 'column', 'Reps per tier', tierList.map((_, i) => i + 2)));

  const edges: SheetTable = {
    name: 'Tier edges',
    head: ['period', `reps within ±${Math.round(bt.edgeBand * 1000) / 10}% of a tier edge`, 'just below', 'at or just above'],
    rows: bt.periods.map((p) => [txt(p.period.label), int(p.onEdge.length), int(p.onEdge.filter((e) => e.side === 'below').length), int(p.onEdge.filter((e) => e.side === 'above').length)]),
  };
  tables.push(edges);
  charts.push(chartFor(edges, 'column', 'Reps on a tier edge', [3, 4]));

  const edgeList: SheetTable = {
    name: 'Reps on an edge',
    head: ['period', 'rep', 'team', 'total score', 'edge', 'side'],
    rows: bt.periods.flatMap((p, i) => p.onEdge.map((e) => [txt(label(i)), txt(`${e.id} ${e.name}`), txt(e.team), percent(e.totalScore), percent(e.edge), txt(e.side === 'below' ? 'just below' : 'at or just above')])),
    widths: [12, 28, 12, 12, 10, 16],
  };
  tables.push(edgeList);

  const movers: SheetTable = {
    name: 'Movers',
    head: MOVER_HEAD,
    rows: [...bt.movers, ...bt.periods.flatMap((p) => [...p.up, ...p.down]).filter((m) => !bt.movers.includes(m))].map(moverRow),
    widths: [28, 12, 10, 10, 14, 14, 14, 12, 12, 14, 14],
  };
  tables.push(movers);
  if (bt.movers.length) {
    const top: SheetTable = { ...movers, rows: bt.movers.map(moverRow) };
    charts.push(chartFor(top, 'bar', 'Biggest changes in payout', [7], moneyFormat(model.currency.symbol, 0)));
  }

  const periods = bt.periods.map((p) => p.period.label);
  tables.push({
    name: 'Reps',
    head: ['rep', 'name', 'team', 'role', ...periods.flatMap((p) => [`${p} score`, `${p} tier`, `${p} payout`])],
    rows: bt.reps.map((r) => [txt(r.id), txt(r.name), txt(r.team), txt(r.role),
      ...r.periods.flatMap((p) => [p.hasData ? percent(p.totalScore) : txt('no data'), txt(p.tier), money(p.payout)])]),
  });

  tables.push({
    name: 'Data issues',
    head: ['file', 'row', 'column', 'value', 'reason', 'severity', 'action'],
    rows: issues.map((i) => [txt(i.file), int(i.row ?? null), txt(i.column), txt(i.value), txt(i.reason), txt(i.severity), txt(i.action)]),
    widths: [24, 8, 18, 18, 70, 10, 10],
  });
  return { tables, charts };
}

export function buildBacktestWorkbook(model: Model, bt: Backtest, issues: readonly DataIssue[], status: RunStatus = runStatus(issues)): { wb: Workbook; charts: ChartPlan[] } {
  const last = bt.periods[bt.periods.length - 1]!.period;
  const wb = createWorkbook(dayToDate(last.end), `kpi ${toolVersion()}`);
  const { tables, charts } = backtestSheets(model, bt, issues);
  addStatusSheet(wb, status, english('status.whereIssues', { sheet: 'Data issues' }));
  for (const t of tables) addTableSheet(wb, t, model.currency);
  return { wb, charts };
}

export async function writeBacktestWorkbook(model: Model, bt: Backtest, issues: readonly DataIssue[], status: RunStatus, target: string, inputs: readonly string[]): Promise<void> {
  const { wb, charts } = buildBacktestWorkbook(model, bt, issues, status);
  await writeFileAtomic(target, await workbookWithCharts(wb, charts), { inputs });
}
