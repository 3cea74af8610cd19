// A hand-made RunResult (and the Model it came from) for developing the outputs before the core exists.
// Actuals and targets are chosen by hand; the derived figures follow SPEC.md's rules, computed below so the
// numbers stay consistent. Hand-checked totals (see output tests) pin the helper down.
import { DEFAULT_SMART } from '../../src/core/model.js';
import type { Model, MetricSpec, Rep, StepTier, ScoringSpec } from '../../src/core/model.js';
import type { CommissionSlice, MetricResult, NextTier, RepResult, RunResult, TeamSubtotal } from '../../src/core/results.js';
import type { DataIssue, InputFile } from '../../src/core/table.js';
import type { RowsBehind } from '../../src/core/rows-behind.js';
import { gateFor } from '../../src/core/rules/gates.js';
import { roundHalfAwayFromZero as roundHalfAway } from '../../src/core/money.js';

const src = (name: string, file: string) => ({
  name,
  file: `/data/acme/${file}`,
  fileAsWritten: file,
  format: 'csv' as const,
  encoding: 'auto' as const,
  decimal: '.' as const,
  dateOrder: 'ymd' as const,
  onBadRow: 'skip' as const,
  columns: [],
  derived: [],
});

const noTargets = { byRole: new Map(), byTeam: new Map(), byRep: new Map() };

const metrics: MetricSpec[] = [
  {
    name: 'revenue',
    label: 'Closed-won revenue',
    unit: 'money',
    category: 'financial',
    direction: 'higher_is_better',
    def: { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
    target: {
      default: 60000,
      byRole: new Map([['senior_ae', 90000]]),
      byTeam: new Map(),
      byRep: new Map(),
      threshold: { kind: 'relative', fraction: 0.6 },
      stretch: { kind: 'relative', fraction: 1.5 },
    },
    scoring: { method: 'linear', cap: 1.5, thresholdScore: 0.5, stretchScore: 1.5 },
  },
  {
    name: 'win_rate',
    label: 'Win rate',
    unit: 'percent',
    category: 'process',
    direction: 'higher_is_better',
    def: { kind: 'ratio', numerator: { metric: 'won_deals' }, denominator: { source: 'sales', fn: 'count', filter: [] } },
    target: { default: 0.3, ...noTargets },
    scoring: { method: 'ratio', cap: 1.3 },
  },
  {
    name: 'new_customers',
    label: 'New customers signed',
    unit: 'count',
    category: 'customer',
    direction: 'higher_is_better',
    def: { kind: 'aggregate', source: 'customers', fn: 'count_distinct', column: 'customer_id', filter: [] },
    target: { default: 4, byRole: new Map(), byTeam: new Map([['West', 4]]), byRep: new Map() },
    scoring: {
      method: 'bands',
      cap: 1.5,
      bands: [
        { from: 0, to: 2, score: 0 },
        { from: 2, to: 4, score: 0.5 },
        { from: 4, to: 6, score: 1 },
        { from: 6, score: 1.2 },
      ],
    },
  },
  {
    name: 'collection_rate',
    label: 'Collection rate',
    unit: 'percent',
    category: 'financial',
    direction: 'higher_is_better',
    def: {
      kind: 'ratio',
      numerator: { source: 'collections', fn: 'sum', column: 'collected', filter: [] },
      denominator: { source: 'collections', fn: 'sum', column: 'invoiced', filter: [] },
    },
    target: { default: 0.95, ...noTargets },
    scoring: { method: 'ratio', cap: 1.1 },
  },
  {
    name: 'days_to_collect',
    label: 'Average days to collect',
    unit: 'days',
    category: 'process',
    direction: 'lower_is_better',
    def: { kind: 'aggregate', source: 'collections', fn: 'avg', column: 'days_to_collect', filter: [] },
    target: { default: 30, ...noTargets },
    scoring: { method: 'ratio', cap: 1.5 },
  },
  {
    name: 'csat',
    label: 'Customer satisfaction (1-5)',
    unit: 'score',
    category: 'customer',
    direction: 'higher_is_better',
    def: { kind: 'input', source: 'csat', column: 'score' },
    target: { default: 4.5, ...noTargets },
    scoring: { method: 'binary', cap: 1.5 },
  },
  {
    name: 'collected',
    label: 'Cash collected',
    unit: 'money',
    category: 'financial',
    direction: 'higher_is_better',
    def: { kind: 'aggregate', source: 'collections', fn: 'sum', column: 'collected', filter: [] },
    target: { ...noTargets },
    scoring: { method: 'ratio', cap: 1.5 },
  },
];

const tiers: StepTier[] = [
  { label: 'Below plan', from: 0, to: 0.8, multiplier: 0 },
  { label: 'Near plan', from: 0.8, to: 1, multiplier: 0.8 },
  { label: 'On plan', from: 1, to: 1.2, multiplier: 1.2 },
  { label: 'Stretch', from: 1.2, multiplier: 1.5 },
];

export const fixtureModel: Model = {
  schemeFile: '/data/acme/scheme.yaml',
  name: 'Acme Sales Bonus FY2026',
  currency: { code: 'USD', minorUnit: 2, symbol: '$' },
  period: '2026-11',
  sources: [src('sales', 'data/sales.csv'), src('customers', 'data/customers.csv'), src('collections', 'data/collections.csv'), src('csat', 'data/csat.csv')],
  roster: { kind: 'inline', reps: [] },
  metrics,
  weights: new Map([
    [
      'account_executive',
      new Map([
        ['revenue', 0.4],
        ['win_rate', 0.15],
        ['new_customers', 0.15],
        ['collection_rate', 0.15],
        ['days_to_collect', 0.05],
        ['csat', 0.1],
      ]),
    ],
    [
      'senior_ae',
      new Map([
        ['revenue', 0.5],
        ['win_rate', 0.1],
        ['new_customers', 0.1],
        ['collection_rate', 0.2],
        ['csat', 0.1],
      ]),
    ],
  ]),
  gates: [{ metric: 'collection_rate', of: 'actual', level: 0.8, effect: 'zero_bonus' }],
  bonus: { mode: 'step', tiers, points: [], maxMultiplier: 1.5, maxPayout: 20000, proration: 'calendar_days' },
  commission: {
    metric: 'collected',
    mode: 'marginal',
    tiers: [
      { from: 0, to: 50000, rate: 0.01 },
      { from: 50000, to: 100000, rate: 0.02 },
      { from: 100000, rate: 0.03 },
    ],
  },
  smart: { ...DEFAULT_SMART },
};

const provenanceOf: Record<string, { source: string; file: string; filter?: string; aggregation: string }> = {
  revenue: { source: 'sales', file: 'data/sales.csv', filter: 'stage = Won AND amount > 0', aggregation: 'sum of amount' },
  win_rate: { source: 'sales', file: 'data/sales.csv', filter: 'stage in (Won, Lost)', aggregation: 'won_deals / count of rows' },
  new_customers: { source: 'customers', file: 'data/customers.csv', aggregation: 'count of distinct customer_id' },
  collection_rate: { source: 'collections', file: 'data/collections.csv', aggregation: 'sum of collected / sum of invoiced' },
  days_to_collect: { source: 'collections', file: 'data/collections.csv', filter: 'paid_date is not blank', aggregation: 'average of days_to_collect' },
  csat: { source: 'csat', file: 'data/csat.csv', aggregation: 'mean of score' },
  collected: { source: 'collections', file: 'data/collections.csv', aggregation: 'sum of collected' },
};

function targetFor(m: MetricSpec, rep: Rep): number | null {
  return m.target.byRep.get(rep.id) ?? m.target.byTeam.get(rep.team) ?? m.target.byRole.get(rep.role) ?? m.target.default ?? null;
}

function scoreOf(s: ScoringSpec, m: MetricSpec, a: number, t: number, thr: number | null, str: number | null): { ach: number; score: number } {
  const hib = m.direction === 'higher_is_better';
  const ach = hib ? a / t : a === 0 ? s.cap : t / a;
  let raw: number;
  switch (s.method) {
    case 'ratio':
      raw = ach;
      break;
    case 'binary':
      raw = (hib ? a >= t : a <= t) ? 1 : 0;
      break;
    case 'bands':
      raw = s.bands.find((b) => a >= b.from && (b.to === undefined || a < b.to))?.score ?? 0;
      break;
    case 'linear': {
      const lo = thr!,
        hi = str!;
      raw =
        a < lo
          ? 0
          : a < t
            ? s.thresholdScore + ((1 - s.thresholdScore) * (a - lo)) / (t - lo)
            : Math.min(s.stretchScore, 1 + ((s.stretchScore - 1) * (a - t)) / (hi - t));
      break;
    }
  }
  return { ach, score: Math.min(s.cap, Math.max(0, raw)) };
}

interface RepInput {
  rep: Rep;
  actuals: Record<string, number | null>;
  rows: number;
  proration?: number;
  deductionPoints?: number;
  deductionAmount?: number;
  deductionReasons?: string[];
}

function commissionOf(amount: number): CommissionSlice[] {
  return fixtureModel.commission!.tiers.flatMap((t) => {
    if (amount <= t.from) return [];
    const inSlice = Math.min(amount, t.to ?? Infinity) - t.from;
    return [{ from: t.from, ...(t.to !== undefined ? { to: t.to } : {}), rate: t.rate, amount: inSlice, commission: inSlice * t.rate }];
  });
}

function build(input: RepInput): RepResult {
  const { rep } = input;
  const weights = fixtureModel.weights.get(rep.role)!;
  const hasData = Object.values(input.actuals).some((v) => v !== null);
  const ms: MetricResult[] = metrics.map((m) => {
    const actual = input.actuals[m.name] ?? null;
    const target = targetFor(m, rep);
    const thr = m.target.threshold?.kind === 'relative' && target !== null ? target * m.target.threshold.fraction : null;
    const str = m.target.stretch?.kind === 'relative' && target !== null ? target * m.target.stretch.fraction : null;
    const weight = weights.get(m.name) ?? 0;
    const p = provenanceOf[m.name]!;
    const provenance = { ...p, rows: actual === null ? 0 : input.rows, steps: [`${p.aggregation} over ${input.rows} rows`] };
    if (actual === null || target === null) {
      return {
        metric: m.name,
        label: m.label,
        weight,
        actual,
        target,
        targetOrigin: target === null ? ('none' as const) : ('default' as const),
        threshold: thr,
        stretch: str,
        achievement: null,
        score: 0,
        weightedScore: 0,
        ...(actual === null ? { note: 'no data in the period: scored 0' } : {}),
        provenance,
      };
    }
    const { ach, score } = scoreOf(m.scoring, m, actual, target, thr, str);
    return {
      metric: m.name,
      label: m.label,
      weight,
      actual,
      target,
      targetOrigin: m.target.byRole.has(rep.role) ? ('role' as const) : m.target.byTeam.has(rep.team) ? ('team' as const) : ('default' as const),
      threshold: thr,
      stretch: str,
      achievement: ach,
      score,
      weightedScore: weight * score,
      provenance,
    };
  });
  const scoreBeforeDeductions = ms.reduce((s, m) => s + m.weightedScore, 0);
  const deductionPoints = input.deductionPoints ?? 0;
  const totalScore = Math.max(0, scoreBeforeDeductions - deductionPoints / 100);
  const tier = tiers.find((t) => totalScore >= t.from && (t.to === undefined || totalScore < t.to)) ?? null;
  const coll = ms.find((m) => m.metric === 'collection_rate')!;
  const gatePassed = coll.actual === null ? false : coll.actual >= 0.8;
  const gates = [gateFor(fixtureModel, fixtureModel.gates[0]!, ms)];
  const bonusZeroedBy = !gatePassed && hasData ? 'collection_rate' : undefined;
  const multiplier = bonusZeroedBy ? 0 : Math.min(1.5, tier?.multiplier ?? 0);
  const proration = input.proration ?? 1;
  const proratedBase = rep.baseBonus * proration;
  const bonus = proratedBase * multiplier;
  const slices = commissionOf(input.actuals.collected ?? 0);
  const commission = slices.reduce((s, x) => s + x.commission, 0);
  const deductionAmount = input.deductionAmount ?? 0;
  const payout = Math.max(0, Math.min(20000, bonus + commission - deductionAmount));
  const rb = roundHalfAway(bonus, 2),
    rc = roundHalfAway(commission, 2),
    rd = roundHalfAway(deductionAmount, 2);
  return {
    rep,
    rank: 0,
    hasData,
    metrics: ms,
    scoreBeforeDeductions,
    deductionPoints,
    totalScore,
    gates,
    ...(bonusZeroedBy ? { bonusZeroedBy } : {}),
    tier,
    multiplier,
    proration,
    proratedBase,
    bonus,
    commission,
    commissionBeforeCap: commission,
    commissionSlices: slices,
    deductionAmount,
    deductionReasons: input.deductionReasons ?? [],
    payout,
    rounded: { bonus: rb, commission: rc, deductions: rd, payout: roundHalfAway(rb + rc - rd, 2) },
  };
}

const rep = (id: string, name: string, team: string, role: string, baseBonus: number, startDate?: string): Rep => ({
  id,
  name,
  team,
  role,
  baseBonus,
  ...(startDate ? { startDate } : {}),
});

const inputs: RepInput[] = [
  {
    rep: rep('A01', 'Alice Chen', 'West', 'account_executive', 5000),
    rows: 14,
    actuals: { revenue: 84000, win_rate: 0.42, new_customers: 6, collection_rate: 0.99, days_to_collect: 24, csat: 4.7, collected: 99000 },
  },
  {
    rep: rep('A02', '张伟', 'East', 'senior_ae', 8000),
    rows: 17,
    actuals: { revenue: 97500, win_rate: 0.33, new_customers: 4, collection_rate: 0.96, days_to_collect: 31, csat: 4.4, collected: 120000 },
  },
  {
    rep: rep('A03', "=cmd|' /C calc'!A0", 'West', 'account_executive', 5000),
    rows: 9,
    actuals: { revenue: 50000, win_rate: 0.27, new_customers: 3, collection_rate: 0.9, days_to_collect: 33, csat: 4.5, collected: 45000 },
  },
  {
    rep: rep('A04', '../../x', 'East', 'account_executive', 5000),
    rows: 11,
    actuals: { revenue: 66000, win_rate: 0.3, new_customers: 5, collection_rate: 0.7, days_to_collect: 45, csat: 4.8, collected: 30000 },
  },
  // Started 2026-11-11: 20 of 30 days employed.
  {
    rep: rep('A05', '李娜', 'West', 'account_executive', 5000, '2026-11-11'),
    rows: 6,
    proration: 20 / 30,
    actuals: { revenue: 62000, win_rate: 0.25, new_customers: 2, collection_rate: 0.95, days_to_collect: 30, csat: 4.6, collected: 20000 },
  },
  {
    rep: rep('A06', "Bob O'Neil | Jr", 'East', 'senior_ae', 8000),
    rows: 0,
    actuals: { revenue: null, win_rate: null, new_customers: null, collection_rate: null, days_to_collect: null, csat: null, collected: null },
  },
  // NFD spelling on purpose: outputs must normalise to NFC.
  {
    rep: rep('A07', 'E\u0301mile Zola', 'West', 'account_executive', 5000),
    rows: 12,
    deductionPoints: 5,
    deductionAmount: 150.5,
    deductionReasons: ['late CRM updates (2026-11-20)'],
    actuals: { revenue: 75000, win_rate: 0.36, new_customers: 4, collection_rate: 0.97, days_to_collect: 28, csat: 4.5, collected: 70000 },
  },
];

function withNext(r: RepResult): RepResult {
  const i = tiers.indexOf(r.tier!);
  const nt = tiers[i + 1];
  if (!nt || !r.hasData) return r;
  const need = nt.from - r.totalScore;
  const rev = r.metrics.find((m) => m.metric === 'revenue')!;
  // Above target the linear slope is 0.5 per (stretch − target); below, 0.5 per (target − threshold).
  const slope = rev.actual! >= rev.target! ? 0.5 / (rev.stretch! - rev.target!) : 0.5 / (rev.target! - rev.threshold!);
  const change = need / (rev.weight * slope);
  const next: NextTier = {
    tier: nt,
    score: nt.from,
    payout: r.proratedBase * nt.multiplier + r.commission - r.deductionAmount,
    perMetric: [
      { metric: 'revenue', change, actualNeeded: rev.actual! + change },
      { metric: 'csat', change: null, actualNeeded: null },
    ],
  };
  return { ...r, next };
}

function rankAll(rs: RepResult[]): RepResult[] {
  const sorted = [...rs].sort((a, b) => b.totalScore - a.totalScore || (a.rep.id < b.rep.id ? -1 : 1));
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1]!.totalScore === r.totalScore ? i : i + 1 }));
}

function teamsOf(rs: RepResult[]): TeamSubtotal[] {
  const names = [...new Set(rs.map((r) => r.rep.team))].sort();
  return names.map((team) => {
    const mine = rs.filter((r) => r.rep.team === team);
    return {
      team,
      reps: mine.length,
      averageScore: mine.reduce((s, r) => s + r.totalScore, 0) / mine.length,
      payout: roundHalfAway(
        mine.reduce((s, r) => s + r.rounded.payout, 0),
        2,
      ),
    };
  });
}

export const fixtureIssues: DataIssue[] = [
  {
    file: 'data/sales.csv',
    source: 'sales',
    row: 17,
    column: 'Amount',
    value: 'abc',
    reason: 'not a number',
    severity: 'error',
    action: 'skipped',
    code: 'KPI2101',
  },
  {
    file: 'data/sales.csv',
    source: 'sales',
    row: 23,
    column: 'Sales Rep ID',
    value: '=HYPERLINK("http://evil","x")',
    reason: 'unknown rep id',
    severity: 'warning',
    action: 'skipped',
    code: 'KPI2201',
  },
  {
    file: 'data/collections.csv',
    source: 'collections',
    row: 5,
    column: 'Paid Date',
    value: '@SUM(1)',
    reason: 'not a date',
    severity: 'warning',
    action: 'kept',
    code: 'KPI2122',
  },
];

export function makeFixture(): RunResult {
  const reps = rankAll(inputs.map(build)).map(withNext);
  return {
    schemeName: fixtureModel.name,
    period: { label: '2026-11', kind: 'month', start: 20758, end: 20787 },
    currency: { code: 'USD', minorUnit: 2, symbol: '$' },
    reps,
    teams: teamsOf(reps),
    totalPayout: roundHalfAway(
      reps.reduce((s, r) => s + r.rounded.payout, 0),
      2,
    ),
    issues: fixtureIssues.slice(1, 2),
  };
}

export const fixtureInputs: InputFile[] = [
  { source: 'sales', file: 'data/sales.csv', sha256: 'a'.repeat(64), rows: 120 },
  { source: 'collections', file: 'data/collections.csv', sha256: 'b'.repeat(64), rows: 80 },
];

export const fixtureSchemeText = 'name: Acme Sales Bonus FY2026\n# (abridged)\n';

/**
 * The rows behind the fixture's figures: rep 0's sales rows listed, 2 reps with 9 rows over the limit of 3.
 * `awkward` adds what the sheet writers must escape or format: a percent column, text with & and <, a row of blanks.
 */
export function fixtureRowsBehind(result: RunResult, awkward = false): RowsBehind {
  const share = (x: number | null): (number | null)[] => (awkward ? [x] : []);
  return {
    period: result.period,
    reps: result.reps.map((r) => r.rep),
    maxRows: 3,
    listed: [0],
    omitted: [1, 2],
    omittedRows: 9,
    sources: [
      {
        source: 'sales',
        file: 'data/sales.csv',
        columns: [
          { name: 'order_id', type: 'string' },
          { name: 'closed', type: 'date' },
          { name: 'amount', type: 'money' },
          { name: 'stage', type: 'string' },
          ...(awkward ? [{ name: 'share', type: 'percent' as const }] : []),
        ],
        uses: [{ metric: 'revenue', part: 'actual', text: 'sum of amount where stage = Won' }],
        rows: [
          { rep: 0, row: 12, values: ['SO-1', 20760, 1500.5, 'Won', ...share(0.6)], verdicts: [null] },
          {
            rep: 0,
            row: 15,
            values: ['=SO-2', 20761, 99, awkward ? 'Lost & <lost>' : 'Lost', ...share(null)],
            verdicts: [{ key: 'behind.needs', values: { filter: 'stage = Won' } }],
          },
          ...(awkward
            ? [{ rep: 0, row: 16, values: [' padded ', null, -3.25, null, null], verdicts: [{ key: 'behind.blank' as const, values: { column: 'stage' } }] }]
            : []),
        ],
      },
    ],
  };
}
