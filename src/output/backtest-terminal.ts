// `kpi backtest` on the terminal: cost, reach and tiers per period, reach per metric over the range, the reps on
// a tier edge and the biggest movers. Plain text that fits 80 columns.
import type { Model } from '../core/model.js';
import { GUIDANCE, share, type Reached } from '../plan/attainment.js';
import type { Backtest, Move } from '../plan/backtest.js';
import { formatMoney, formatPercent } from './numbers.js';
import { displayText } from './view.js';
import { fitText, signed, textTable, widestLine } from './plan-text.js';
import { english, type Translate } from '../messages/index.js';
import { PERIOD_COUNT } from '../messages/en-plan.js';

const WIDTH = 80;

function shareText(count: number | null, reps: number): string {
  const s = share(count, reps);
  return s === null ? '—' : formatPercent(s, 0);
}

/** A reach far from the guidance gets a mark the legend explains. */
function mark(model: Model, r: Reached, t: Translate): string {
  const thr = share(r.threshold, r.reps);
  const tgt = share(r.target, r.reps);
  const marks: string[] = [];
  if (thr !== null && thr < model.smart.minShareAtThreshold) marks.push(t('bt.thresholdHard'));
  if (tgt !== null && tgt > model.smart.maxShareAtTarget) marks.push(t('bt.targetEasy'));
  return marks.join(', ');
}

export function renderBacktest(model: Model, bt: Backtest, t: Translate = english, width = WIDTH): string {
  const c = model.currency;
  const money = (x: number) => formatMoney(x, c);
  const first = bt.periods[0]!.period;
  const last = bt.periods[bt.periods.length - 1]!.period;
  const n = bt.periods.length;
  const out: string[] = [];
  const span = t(PERIOD_COUNT[first.kind], { n });
  out.push(fitText(t('bt.title', { scheme: displayText(model.name) }), width));
  out.push(t('bt.range', { first: first.label, last: last.label, span, reps: bt.periods[0]!.reps, currency: c.code }));

  // Cost
  out.push('', t('bt.cost'));
  const costRows = bt.periods.map((p, i) => {
    const before = bt.periods[i - 1];
    const change = before ? p.cost.payout - before.cost.payout : null;
    return [
      p.period.label,
      money(p.cost.bonus),
      money(p.cost.commission),
      money(p.cost.deductions),
      money(p.cost.payout),
      change === null ? '' : signed(money(Math.round(change * 10 ** c.minorUnit) / 10 ** c.minorUnit), change),
    ];
  });
  const tc = bt.total.cost;
  costRows.push([t('plan.total'), money(tc.bonus), money(tc.commission), money(tc.deductions), money(tc.payout), '']);
  const costHead = [t('plan.period'), t('plan.bonus'), t('plan.commission'), t('plan.deductions'), t('plan.payout'), t('bt.vsPrevious')];
  let cost = textTable(costHead, costRows, ['left', 'right', 'right', 'right', 'right', 'right']);
  if (widestLine(cost) > width)
    cost = textTable(
      costHead.slice(0, 5),
      costRows.map((r) => r.slice(0, 5)),
      ['left', 'right', 'right', 'right', 'right'],
    );
  out.push(...cost);

  // Reach of the plan as a whole, and tiers
  const e = bt.edges;
  const edgeText = (x: number | null) => (x === null ? t('plan.none') : formatPercent(x, 0));
  out.push(
    '',
    ...t('bt.reachHead', {
      threshold: edgeText(e.threshold),
      target: edgeText(e.target),
      stretch: edgeText(e.stretch),
      g1: formatPercent(GUIDANCE.threshold, 0),
      g2: formatPercent(GUIDANCE.target, 0),
      g3: formatPercent(GUIDANCE.stretch, 0),
    }).split('\n'),
  );
  const band = formatPercent(bt.edgeBand, 0);
  const reachRows = bt.periods.map((p) => [
    p.period.label,
    `${p.repsWithData}`,
    shareText(p.overall.threshold, p.overall.reps),
    shareText(p.overall.target, p.overall.reps),
    shareText(p.overall.stretch, p.overall.reps),
    `${p.onEdge.length}`,
    `${p.zeroedByGate}`,
  ]);
  const o = bt.total.overall;
  reachRows.push([
    t('bt.all'),
    `${o.reps}`,
    shareText(o.threshold, o.reps),
    shareText(o.target, o.reps),
    shareText(o.stretch, o.reps),
    `${bt.periods.reduce((s, p) => s + p.onEdge.length, 0)}`,
    `${bt.periods.reduce((s, p) => s + p.zeroedByGate, 0)}`,
  ]);
  out.push(
    ...textTable(
      [t('plan.period'), t('plan.reps'), t('plan.threshold'), t('plan.target'), t('plan.stretch'), t('bt.onEdgeCol', { band }), t('bt.gateZeroed')],
      reachRows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );

  const tiers = bt.periods[0]!.tiers;
  // Reps without data are in no tier: a column of their own when there are any, so every rep is counted once.
  const noData = bt.periods.some((p) => p.reps > p.repsWithData);
  // Reps paid by a role plan's own tiers are in none of the default's columns: counted apart, so every rep is once.
  const own = bt.periods.some((p) => p.ownPlanTiers > 0);
  const extra = (p: (typeof bt.periods)[number]) => [...(own ? [`${p.ownPlanTiers}`] : []), ...(noData ? [`${p.reps - p.repsWithData}`] : [])];
  const extraHead = [...(own ? [t('bt.ownPlanTiers')] : []), ...(noData ? [t('bt.noData')] : [])];
  const tierRows = bt.periods.map((p) => [p.period.label, ...p.tiers.map((x) => `${x.reps}`), ...extra(p)]);
  const right = [...tiers.map(() => 'right' as const), ...extraHead.map(() => 'right' as const)];
  let tierTable = textTable([t('bt.repsPerTier'), ...tiers.map((x) => displayText(x.label)), ...extraHead], tierRows, ['left', ...right]);
  const legend: string[] = [];
  if (widestLine(tierTable) > width) {
    tierTable = textTable([t('bt.repsPerTier'), ...tiers.map((_, i) => `T${i + 1}`), ...extraHead], tierRows, ['left', ...right]);
    tiers.forEach((x, i) => {
      legend.push(fitText(t('bt.tierLegend', { i: i + 1, label: x.label, from: formatPercent(x.from, 0) }), width));
    });
  }
  out.push('', ...tierTable, ...legend);

  // Reach per metric, pooled over the range
  if (bt.total.metrics.length) {
    out.push('', t('bt.metricHead', { span, kinds: t(`plan.kinds.${first.kind}`) }));
    const rows = bt.total.metrics.map((m) => [
      fitText(m.label, 28),
      `${m.reps}`,
      shareText(m.threshold, m.reps),
      shareText(m.target, m.reps),
      shareText(m.stretch, m.reps),
      mark(model, m, t),
    ]);
    rows.push([
      t('bt.guidance'),
      '',
      `≈ ${formatPercent(GUIDANCE.threshold, 0)}`,
      `≈ ${formatPercent(GUIDANCE.target, 0)}`,
      `≈ ${formatPercent(GUIDANCE.stretch, 0)}`,
      '',
    ]);
    out.push(
      ...textTable([t('plan.metric'), t('plan.reps'), t('plan.threshold'), t('plan.target'), t('plan.stretch'), ''], rows, [
        'left',
        'right',
        'right',
        'right',
        'right',
        'left',
      ]),
    );
  }

  // On the edge, last period
  const lastFigures = bt.periods[bt.periods.length - 1]!;
  if (lastFigures.onEdge.length) {
    out.push('', t('bt.edgeHead', { band, period: last.label }));
    for (const x of lastFigures.onEdge) {
      const values = { rep: `${x.id} ${x.name}`, score: formatPercent(x.totalScore), edge: formatPercent(x.edge, 0) };
      out.push(fitText(t(x.side === 'below' ? 'bt.justBelow' : 'bt.atOrAbove', values), width));
    }
  }

  // Movers
  if (bt.movers.length) {
    out.push('', t('bt.moversHead'));
    const rows = bt.movers.map((m: Move) => [
      fitText(`${m.id} ${m.name}`, 22),
      `${m.from} → ${m.to}`,
      signed(money(m.change), m.change),
      fitText(`${m.tierBefore ?? '—'} → ${m.tierAfter ?? '—'}`, 24),
    ]);
    out.push(...textTable([t('plan.rep'), t('bt.when'), t('bt.change'), t('plan.tier')], rows, ['left', 'left', 'right', 'left']));
  }
  return out.join('\n') + '\n';
}
