// `kpi backtest` on the terminal: cost, reach and tiers per period, reach per metric over the range, the reps on
// a tier edge and the biggest movers. Plain text that fits 80 columns.
import type { Model } from '../core/model.js';
import { GUIDANCE, share, type Reached } from '../plan/attainment.js';
import type { Backtest, Move } from '../plan/backtest.js';
import { formatMoney, formatPercent } from './numbers.js';
import { displayText } from './view.js';
import { fitText, signed, textTable, widestLine } from './plan-text.js';

const WIDTH = 80;

const kindWord = { month: 'month', quarter: 'quarter', year: 'year', ytd: 'year-to-date period' } as const;

function shareText(count: number | null, reps: number): string {
  const s = share(count, reps);
  return s === null ? '—' : formatPercent(s, 0);
}

/** A reach far from the guidance gets a mark the legend explains. */
function mark(model: Model, r: Reached): string {
  const thr = share(r.threshold, r.reps);
  const tgt = share(r.target, r.reps);
  const marks: string[] = [];
  if (thr !== null && thr < model.smart.minShareAtThreshold) marks.push('threshold hard');
  if (tgt !== null && tgt > model.smart.maxShareAtTarget) marks.push('target easy');
  return marks.join(', ');
}

export function renderBacktest(model: Model, bt: Backtest, width = WIDTH): string {
  const c = model.currency;
  const money = (x: number) => formatMoney(x, c);
  const first = bt.periods[0]!.period;
  const last = bt.periods[bt.periods.length - 1]!.period;
  const n = bt.periods.length;
  const out: string[] = [];
  out.push(fitText(`${displayText(model.name)} — backtest`, width));
  out.push(`${first.label} to ${last.label}: ${n} ${kindWord[first.kind]}${n === 1 ? '' : 's'}, ${bt.periods[0]!.reps} reps, ${c.code}`);

  // Cost
  out.push('', 'Cost');
  const costRows = bt.periods.map((p, i) => {
    const before = bt.periods[i - 1];
    const change = before ? p.cost.payout - before.cost.payout : null;
    return [p.period.label, money(p.cost.bonus), money(p.cost.commission), money(p.cost.deductions), money(p.cost.payout),
      change === null ? '' : signed(money(Math.round(change * 10 ** c.minorUnit) / 10 ** c.minorUnit), change)];
  });
  const t = bt.total.cost;
  costRows.push(['total', money(t.bonus), money(t.commission), money(t.deductions), money(t.payout), '']);
  let cost = textTable(['period', 'bonus', 'commission', 'deductions', 'payout', 'vs previous'], costRows, ['left', 'right', 'right', 'right', 'right', 'right']);
  if (widestLine(cost) > width) cost = textTable(['period', 'bonus', 'commission', 'deductions', 'payout'], costRows.map((r) => r.slice(0, 5)), ['left', 'right', 'right', 'right', 'right']);
  out.push(...cost);

  // Reach of the plan as a whole, and tiers
  const e = bt.edges;
  const edgeText = (x: number | null) => (x === null ? 'none' : formatPercent(x, 0));
  out.push('', 'Reach: share of reps with data whose total score reached the plan\'s threshold',
    `(${edgeText(e.threshold)}), target (${edgeText(e.target)}) and stretch (${edgeText(e.stretch)}); guidance about ${formatPercent(GUIDANCE.threshold, 0)} / ${formatPercent(GUIDANCE.target, 0)} / ${formatPercent(GUIDANCE.stretch, 0)}`);
  const band = formatPercent(bt.edgeBand, 0);
  const reachRows = bt.periods.map((p) => [p.period.label, `${p.repsWithData}`, shareText(p.overall.threshold, p.overall.reps),
    shareText(p.overall.target, p.overall.reps), shareText(p.overall.stretch, p.overall.reps), `${p.onEdge.length}`, `${p.zeroedByGate}`]);
  const o = bt.total.overall;
  reachRows.push(['all', `${o.reps}`, shareText(o.threshold, o.reps), shareText(o.target, o.reps), shareText(o.stretch, o.reps),
    `${bt.periods.reduce((s, p) => s + p.onEdge.length, 0)}`, `${bt.periods.reduce((s, p) => s + p.zeroedByGate, 0)}`]);
  out.push(...textTable(['period', 'reps', 'threshold', 'target', 'stretch', `on edge ±${band}`, 'gate zeroed'], reachRows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right']));

  const tiers = bt.periods[0]!.tiers;
  const tierRows = bt.periods.map((p) => [p.period.label, ...p.tiers.map((x) => `${x.reps}`)]);
  let tierTable = textTable(['reps per tier', ...tiers.map((x) => displayText(x.label))], tierRows, ['left', ...tiers.map(() => 'right' as const)]);
  const legend: string[] = [];
  if (widestLine(tierTable) > width) {
    tierTable = textTable(['reps per tier', ...tiers.map((_, i) => `T${i + 1}`)], tierRows, ['left', ...tiers.map(() => 'right' as const)]);
    tiers.forEach((x, i) => {
      legend.push(fitText(`  T${i + 1} = ${x.label} (from ${formatPercent(x.from, 0)})`, width));
    });
  }
  out.push('', ...tierTable, ...legend);

  // Reach per metric, pooled over the range
  if (bt.total.metrics.length) {
    out.push('', `Reach per metric, over all ${n} ${kindWord[first.kind]}${n === 1 ? '' : 's'} (rep-${kindWord[first.kind]}s with data and a target)`);
    const rows = bt.total.metrics.map((m) => [fitText(m.label, 28), `${m.reps}`, shareText(m.threshold, m.reps), shareText(m.target, m.reps), shareText(m.stretch, m.reps), mark(model, m)]);
    rows.push(['guidance', '', `≈ ${formatPercent(GUIDANCE.threshold, 0)}`, `≈ ${formatPercent(GUIDANCE.target, 0)}`, `≈ ${formatPercent(GUIDANCE.stretch, 0)}`, '']);
    out.push(...textTable(['metric', 'reps', 'threshold', 'target', 'stretch', ''], rows, ['left', 'right', 'right', 'right', 'right', 'left']));
  }

  // On the edge, last period
  const lastFigures = bt.periods[bt.periods.length - 1]!;
  if (lastFigures.onEdge.length) {
    out.push('', `On a tier edge (within ±${band} of total score) in ${last.label}:`);
    for (const x of lastFigures.onEdge) {
      out.push(fitText(`  ${x.id} ${x.name}: ${formatPercent(x.totalScore)} ${x.side === 'below' ? 'just below' : 'at or just above'} ${formatPercent(x.edge, 0)}`, width));
    }
  }

  // Movers
  if (bt.movers.length) {
    out.push('', 'Biggest movers (payout change from one period to the next)');
    const rows = bt.movers.map((m: Move) => [fitText(`${m.id} ${m.name}`, 22), `${m.from} → ${m.to}`, signed(money(m.change), m.change),
      fitText(`${m.tierBefore ?? '—'} → ${m.tierAfter ?? '—'}`, 24)]);
    out.push(...textTable(['rep', 'when', 'change', 'tier'], rows, ['left', 'left', 'right', 'left']));
  }
  return out.join('\n') + '\n';
}
