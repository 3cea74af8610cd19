// Raw YAML value → Model. Shape problems are reported through the Context; cross-references are
// checked afterwards (checks.ts), once the whole model is known.
import path from 'node:path';
import type {
  Aggregate,
  Bound,
  ColumnSpec,
  ColumnType,
  Condition,
  Currency,
  DerivedColumn,
  Encoding,
  Expr,
  Gate,
  MetricDef,
  MetricSpec,
  Model,
  Operand,
  Rep,
  Roster,
  ScoringSpec,
  SourceSpec,
  StepTier,
  TargetSpec,
  BonusSpec,
  CommissionSpec,
  Scalar,
} from '../core/model.js';
import { DEFAULT_SMART } from '../core/model.js';
import type * as z from 'zod/mini';
import type { Context } from './context.js';
import { parseFractionText, isPercentText } from './percent.js';
import { parseFormula } from './formula.js';
import type { PathSegment } from './positions.js';
import * as raw from './raw.js';
import { buildComponents, buildPaidToDate, buildPlans, buildRedLines } from './build-plan.js';
import { checkMoney, checkMultiplier, checkRate, checkScore, checkTargetFactor, checkValue, checkWeight, type RangeTerm } from './ranges.js';
import { SCORING_METHODS } from '../core/rules/scoring/index.js';
import { checkBands } from './checks.js';
import type { ScoringRule } from '../core/rules/scoring/rule.js';
import { problem } from '../messages/index.js';

const CURRENCIES: Record<string, { symbol: string; minorUnit: number }> = {
  USD: { symbol: '$', minorUnit: 2 },
  CNY: { symbol: '¥', minorUnit: 2 },
  EUR: { symbol: '€', minorUnit: 2 },
  GBP: { symbol: '£', minorUnit: 2 },
  JPY: { symbol: '¥', minorUnit: 0 },
  HKD: { symbol: 'HK$', minorUnit: 2 },
  TWD: { symbol: 'NT$', minorUnit: 2 },
  SGD: { symbol: 'S$', minorUnit: 2 },
  KRW: { symbol: '₩', minorUnit: 0 },
  INR: { symbol: '₹', minorUnit: 2 },
  AUD: { symbol: 'A$', minorUnit: 2 },
  CAD: { symbol: 'C$', minorUnit: 2 },
};

/** Logical columns of the special files, with the type a shorthand `name: Header` gets. */
const ROSTER_COLUMNS: Record<string, ColumnType> = {
  id: 'string',
  name: 'string',
  team: 'string',
  role: 'string',
  base_bonus: 'money',
  start_date: 'date',
  manager: 'string',
};
const TARGET_COLUMNS: Record<string, ColumnType> = {
  rep: 'string',
  metric: 'string',
  period: 'string',
  target: 'number',
  threshold: 'number',
  stretch: 'number',
};
const DEDUCTION_COLUMNS: Record<string, ColumnType> = {
  rep: 'string',
  date: 'date',
  period: 'string',
  points: 'number',
  amount: 'money',
  reason: 'string',
  rule: 'string',
};

/** Names that were declared but could not be built: checks treat them as existing, so one mistake is not reported twice. */
export interface Broken {
  sources: Set<string>;
  metrics: Set<string>;
}

/** Builds as much of the model as it can, so that every error is found in one pass. */
export function buildModel(ctx: Context, doc: unknown, schemeFile: string): { model: Model; broken: Broken } | undefined {
  const top = ctx.parse(raw.topLevel, doc, []);
  if (!top) return undefined;
  const dir = path.dirname(schemeFile);
  // First: the currency's minor unit bounds every money amount below.
  const currency = buildCurrency(ctx, top.currency);

  const broken: Broken = { sources: new Set(), metrics: new Set() };
  const sources: SourceSpec[] = [];
  for (const [name, value] of Object.entries(top.sources)) {
    const s = buildSource(ctx, name, value, ['sources', name], dir);
    if (s) sources.push(s);
    else broken.sources.add(name);
  }

  const roster = buildRoster(ctx, top.reps, dir, currency.minorUnit);
  const targetsFile =
    top.targets_file === undefined
      ? undefined
      : buildSpecialFile(ctx, 'targets', top.targets_file, ['targets_file'], dir, TARGET_COLUMNS, ['rep', 'metric', 'target'], raw.targetsFile, {
          rep: 'rep',
          period: 'period',
        });
  const deductions =
    top.deductions === undefined
      ? undefined
      : buildSpecialFile(ctx, 'deductions', top.deductions, ['deductions'], dir, DEDUCTION_COLUMNS, ['rep'], raw.deductionsFile, {
          rep: 'rep',
          period: 'period',
        });
  if (deductions && !deductions.columns.some((c) => c.name === 'points' || c.name === 'amount' || c.name === 'rule')) {
    ctx.error(['deductions', 'columns'], problem('KPI5115'));
  }
  const redLines = buildRedLines(ctx, top.deductions, currency.minorUnit);
  if (deductions && redLines.size > 0 && !deductions.columns.some((c) => c.name === 'rule')) {
    ctx.error(['deductions', 'rules'], problem('KPI5116'));
  }

  const metrics: MetricSpec[] = [];
  for (const [name, value] of Object.entries(top.metrics)) {
    // The CSV's run column total_score would be said twice, and a reader's df.total_score would take the metric's.
    if (name === 'total') ctx.error(['metrics', name], problem('KPI5331', { name, column: 'total_score' }), true);
    const m = buildMetric(ctx, name, value, ['metrics', name]);
    if (m) metrics.push(m);
    else broken.metrics.add(name);
  }

  const weights = buildWeights(ctx, top.weights);
  const gates = buildGates(ctx, top.gates ?? [], ['gates']);

  const bonus = buildBonus(ctx, top.bonus, currency.minorUnit);
  const commission = top.commission === undefined ? undefined : buildCommission(ctx, top.commission, currency.minorUnit);
  const components = top.components === undefined ? undefined : buildComponents(ctx, top.components, ['components'], currency.minorUnit);
  const plans = top.plans === undefined ? undefined : buildPlans(ctx, top.plans, currency.minorUnit);
  const paidToDate = top.paid_to_date === undefined ? undefined : buildPaidToDate(ctx, top.paid_to_date, dir);
  const smart = top.smart === undefined ? {} : (ctx.parse(raw.smart, top.smart, ['smart']) ?? {});
  if (smart.max_target_over_best !== undefined) checkTargetFactor(ctx, ['smart', 'max_target_over_best'], smart.max_target_over_best);

  if (!roster || !bonus) return undefined;
  const model: Model = {
    schemeFile,
    name: top.name ?? path.basename(schemeFile),
    currency,
    period: top.period,
    sources,
    roster,
    targetsFile,
    deductions,
    metrics,
    weights,
    gates,
    bonus,
    commission,
    ...(top.rollups ? { rollups: new Map(Object.entries(top.rollups)) } : {}),
    ...(components ? { components } : {}),
    ...(redLines.size ? { redLines } : {}),
    ...(plans ? { plans } : {}),
    ...(paidToDate ? { paidToDate } : {}),
    smart: buildSmart(ctx, smart),
    locale: top.locale ?? 'en-US',
    moneyDisplay: top.money_display ?? 'standard',
  };
  return { model, broken };
}

export function buildGates(ctx: Context, list: unknown[], at: PathSegment[]): Gate[] {
  const gates: Gate[] = [];
  list.forEach((g, i) => {
    const p = ctx.parse(raw.gate, g, [...at, i]);
    if (!p) return;
    const level = frac(p.level);
    if (p.of === 'achievement') checkScore(ctx, [...at, i, 'level'], level, p.level, 'term.s.gateLevelOnAchievement');
    else checkValue(ctx, [...at, i, 'level'], level, 'term.s.gateLevel');
    gates.push({ metric: p.metric, level, of: p.of ?? 'actual', effect: p.effect ?? 'zero_bonus' });
  });
  return gates;
}

/** SMART settings with their documented defaults (docs/scheme.md, "smart"). */
function buildSmart(ctx: Context, s: Partial<Record<keyof z.infer<typeof raw.smart>, number | string>>): Model['smart'] {
  const d = DEFAULT_SMART;
  const share = (key: keyof typeof s, fallback: number, max = 1): number => {
    const v = s[key];
    if (v === undefined) return fallback;
    const f = frac(v);
    if (!(f >= 0 && f <= max)) {
      ctx.error(['smart', key], problem('KPI5306', { key, max: max * 100 }));
      return fallback;
    }
    return f;
  };
  return {
    maxTargetOverBest: typeof s.max_target_over_best === 'number' ? s.max_target_over_best : d.maxTargetOverBest,
    minShareAtThreshold: share('min_share_at_threshold', d.minShareAtThreshold),
    maxShareAtTarget: share('max_share_at_target', d.maxShareAtTarget),
    maxCliff: share('max_cliff', d.maxCliff, 10),
    maxShareZeroedByGate: share('max_share_zeroed_by_gate', d.maxShareZeroedByGate),
    tierEdgeBand: share('tier_edge_band', d.tierEdgeBand),
    targetGrowth: share('target_growth', d.targetGrowth, 10),
  };
}

export function frac(v: number | string): number {
  return parseFractionText(v) ?? NaN;
}

/** A score or a bound of one (cap, tier bound, band score …), checked for its range; NaN when unreadable. */
function scoreAt(ctx: Context, value: number | string, at: PathSegment[], what: RangeTerm): number {
  const x = frac(value);
  checkScore(ctx, at, x, value, what);
  return x;
}

/** An actual a scheme compares with (a target, an absolute bound), checked for its range. */
function valueAt(ctx: Context, value: number | string, at: PathSegment[], what: RangeTerm): number {
  const x = frac(value);
  checkValue(ctx, at, x, what);
  return x;
}

/** Number literals in a formula are actuals too (1e308 * revenue would print ∞). */
function checkLiterals(ctx: Context, e: Expr, at: PathSegment[]): void {
  switch (e.type) {
    case 'num':
      checkValue(ctx, at, e.value, 'term.s.formulaNumber');
      return;
    case 'ref':
      return;
    case 'neg':
      checkLiterals(ctx, e.arg, at);
      return;
    case 'binary':
      checkLiterals(ctx, e.left, at);
      checkLiterals(ctx, e.right, at);
      return;
    case 'call':
      for (const a of e.args) checkLiterals(ctx, a, at);
  }
}

function buildCurrency(ctx: Context, value: unknown): Currency {
  if (value === undefined) return { code: 'USD', minorUnit: 2, symbol: '$' };
  if (typeof value === 'string') {
    const known = CURRENCIES[value];
    if (!/^[A-Z]{3}$/.test(value)) ctx.error(['currency'], problem('KPI5041'));
    return { code: value, minorUnit: known?.minorUnit ?? 2, symbol: known?.symbol ?? value + ' ' };
  }
  const c = ctx.parse(raw.currencyObject, value, ['currency']);
  if (!c) return { code: 'USD', minorUnit: 2, symbol: '$' };
  const known = CURRENCIES[c.code];
  return { code: c.code, minorUnit: c.minor_unit ?? known?.minorUnit ?? 2, symbol: c.symbol ?? known?.symbol ?? c.code + ' ' };
}

function encodingOf(e: string | undefined): Encoding {
  if (e === 'utf8') return 'utf-8';
  if (e === 'gbk') return 'gb18030';
  return (e ?? 'auto') as Encoding;
}

function formatOf(ctx: Context, file: string, at: PathSegment[]): 'csv' | 'xlsx' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls') ctx.error(at, problem('KPI5101'));
  return 'csv';
}

type FileOptions = {
  file: string;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  decimal?: '.' | ',';
  date_order?: 'ymd' | 'mdy' | 'dmy';
  header_row?: number;
  on_bad_row?: 'skip' | 'stop';
  columns: Record<string, unknown>;
};

function fileSpec(ctx: Context, name: string, o: FileOptions, at: PathSegment[], dir: string, columns: ColumnSpec[]): SourceSpec {
  return {
    name,
    file: path.resolve(dir, o.file),
    fileAsWritten: o.file,
    format: formatOf(ctx, o.file, [...at, 'file']),
    sheet: o.sheet,
    encoding: encodingOf(o.encoding),
    delimiter: o.delimiter,
    decimal: o.decimal ?? '.',
    decimalDeclared: o.decimal !== undefined,
    dateOrder: o.date_order ?? 'ymd',
    headerRow: o.header_row,
    onBadRow: o.on_bad_row ?? 'skip',
    columns,
    derived: [],
  };
}

function buildColumns(ctx: Context, columns: Record<string, unknown>, at: PathSegment[], defaults: Record<string, ColumnType> = {}): ColumnSpec[] {
  const out: ColumnSpec[] = [];
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(columns)) {
    const p = [...at, name];
    let header: string | undefined;
    let type: ColumnType = defaults[name] ?? 'string';
    let chinese = false;
    let scale: number | undefined;
    if (typeof value === 'string' || typeof value === 'number') {
      header = String(value).trim();
      if (!header) ctx.error(p, problem('KPI5102'));
    } else {
      const c = ctx.parse(raw.columnObject, value, p);
      if (!c) continue;
      header = c.header;
      type = c.type ?? type;
      chinese = c.chinese_numbers === true;
      if (chinese && (type === 'string' || type === 'date')) ctx.error([...p, 'chinese_numbers'], problem('KPI5103', { name, type }));
      scale = columnScale(ctx, c.scale, name, type, chinese, [...p, 'scale']);
    }
    if (!header) continue;
    const other = headers.get(header);
    if (other !== undefined) ctx.warn(p, problem('KPI5104', { other, name, header }));
    headers.set(header, name);
    out.push({ name, header, type, ...(chinese ? { chineseNumbers: true } : {}), ...(scale !== undefined ? { scale } : {}) });
  }
  if (out.length === 0 && Object.keys(columns).length === 0) ctx.error(at, problem('KPI5105'));
  return out;
}

/** The largest unit a column may declare: 10^9 (billions); 亿 is 10^8. */
const MAX_COLUMN_SCALE = 9;

/**
 * A column's declared unit (`scale:`): a power of ten from 1 to 10^9, on a money or number column, so that the value
 * is read times it exactly (the decimal point moved in the text). A column that reads 万 itself (chinese_numbers)
 * takes none: 1.5万 in a 万元 column would be counted twice over.
 */
function columnScale(ctx: Context, scale: number | undefined, name: string, type: ColumnType, chinese: boolean, at: PathSegment[]): number | undefined {
  if (scale === undefined) return undefined;
  if (type !== 'money' && type !== 'number') return void ctx.error(at, problem('KPI5117', { name, type }));
  const k = Math.round(Math.log10(scale));
  if (!(scale >= 1) || k > MAX_COLUMN_SCALE || 10 ** k !== scale) return void ctx.error(at, problem('KPI5118', { value: String(scale) }));
  if (chinese && scale !== 1) return void ctx.error(at, problem('KPI5119', { name }));
  return scale;
}

function buildSource(ctx: Context, name: string, value: unknown, at: PathSegment[], dir: string): SourceSpec | undefined {
  const s = ctx.parse(raw.source, value, at);
  if (!s) return undefined;
  const columns = buildColumns(ctx, s.columns, [...at, 'columns']);
  const spec = fileSpec(ctx, name, s, at, dir, columns);
  spec.rep = s.rep;
  spec.date = s.date;
  spec.period = s.period;
  spec.key = s.key;
  if (s.split) spec.split = { order: s.split.order, share: s.split.share };
  for (const [dname, dvalue] of Object.entries(s.derived_columns ?? {})) {
    const d = buildDerivedColumn(ctx, dname, dvalue, [...at, 'derived_columns', dname]);
    if (d) spec.derived.push(d);
  }
  return spec;
}

function buildDerivedColumn(ctx: Context, name: string, value: unknown, at: PathSegment[]): DerivedColumn | undefined {
  if (value && typeof value === 'object' && 'formula' in value) {
    const f = ctx.parse(raw.rowFormula, value, at);
    if (!f) return undefined;
    const parsed = parseFormula(f.formula);
    if ('problem' in parsed) return void ctx.error([...at, 'formula'], parsed.problem);
    checkLiterals(ctx, parsed.expr, [...at, 'formula']);
    return { name, kind: 'formula', formula: parsed.expr, text: f.formula };
  }
  const d = ctx.parse(raw.daysBetween, value, at);
  if (!d) return undefined;
  return { name, kind: 'days_between', from: d.days_between[0], to: d.days_between[1] };
}

export function buildSpecialFile<T extends FileOptions & { date?: string; period?: string }>(
  ctx: Context,
  name: string,
  value: unknown,
  at: PathSegment[],
  dir: string,
  known: Record<string, ColumnType>,
  required: string[],
  schema: z.ZodMiniType<T>,
  roles: { rep?: string; period?: string },
): SourceSpec | undefined {
  const o = ctx.parse(schema, value, at);
  if (!o) return undefined;
  for (const key of Object.keys(o.columns)) {
    if (!(key in known)) ctx.error([...at, 'columns', key], problem('KPI5113', { key, name, expected: Object.keys(known).join(', ') }), true);
  }
  for (const r of required) {
    if (!(r in o.columns)) ctx.error([...at, 'columns'], problem('KPI5114', { column: r }));
  }
  const columns = buildColumns(ctx, o.columns, [...at, 'columns'], known)
    .filter((c) => c.name in known)
    .map((c) => (name === 'deductions' && c.name === 'points' ? { ...c, percentPoints: true } : c));
  const spec = fileSpec(ctx, name, o, at, dir, columns);
  spec.purpose = name === 'reps' ? 'roster' : name === 'targets' ? 'targets' : 'deductions';
  spec.rep = roles.rep;
  spec.period = o.period ?? (roles.period && roles.period in o.columns ? roles.period : undefined);
  spec.date = o.date ?? ('date' in o.columns && known.date ? 'date' : undefined);
  return spec;
}

function buildRoster(ctx: Context, value: unknown, dir: string, minorUnit: number): Roster | undefined {
  if (Array.isArray(value)) {
    const reps: Rep[] = [];
    value.forEach((r, i) => {
      const p = ctx.parse(raw.inlineRep, r, ['reps', i]);
      if (p) checkMoney(ctx, ['reps', i, 'base_bonus'], p.base_bonus, minorUnit, 'term.s.baseBonus');
      if (p)
        reps.push({
          id: p.id,
          name: p.name,
          team: p.team,
          role: p.role,
          baseBonus: p.base_bonus,
          startDate: p.start_date,
          ...(p.manager !== undefined ? { manager: p.manager } : {}),
        });
    });
    // Data ids are matched to the roster ignoring case, so two roster ids may not differ only by case.
    const seen = new Map<string, string>();
    reps.forEach((r, i) => {
      const other = seen.get(r.id.toLowerCase());
      if (other === r.id) ctx.error(['reps', i, 'id'], problem('KPI5301', { id: r.id }));
      else if (other !== undefined) ctx.error(['reps', i, 'id'], problem('KPI5302', { id: r.id, other }));
      else seen.set(r.id.toLowerCase(), r.id);
    });
    return { kind: 'inline', reps };
  }
  if (value === undefined || value === null) {
    ctx.error([], problem('KPI5303'));
    return undefined;
  }
  const source = buildSpecialFile(ctx, 'reps', value, ['reps'], dir, ROSTER_COLUMNS, ['id', 'name', 'team', 'role', 'base_bonus'], raw.rosterFile, {});
  return source ? { kind: 'file', source } : undefined;
}

function inferType(v: Record<string, unknown>): string {
  if (typeof v.type === 'string') return v.type;
  if ('formula' in v) return 'derived';
  if ('numerator' in v || 'denominator' in v) return 'ratio';
  if ('compare' in v || ('metric' in v && !('source' in v))) return 'growth';
  if ('source' in v && !('aggregate' in v)) return 'input';
  return 'aggregate';
}

function buildMetric(ctx: Context, name: string, value: unknown, at: PathSegment[]): MetricSpec | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    ctx.error(at, problem('KPI5201'));
    return undefined;
  }
  const type = inferType(value as Record<string, unknown>);
  if (!(raw.METRIC_TYPES as readonly string[]).includes(type)) {
    ctx.error([...at, 'type'], problem('KPI5202', { type, allowed: raw.METRIC_TYPES.join(', ') }));
    return undefined;
  }
  const schema = raw.metricByType[type as keyof typeof raw.metricByType];
  const m = ctx.parse(schema as z.ZodMiniType<Record<string, unknown>>, value, at) as Record<string, unknown> | undefined;
  if (!m) return undefined;

  let def: MetricDef | undefined;
  switch (type) {
    case 'aggregate':
      def = { kind: 'aggregate', ...aggregateOf(ctx, m as unknown as RawAggregate, at) };
      break;
    case 'ratio': {
      const numerator = buildOperand(ctx, m.numerator, [...at, 'numerator']);
      const denominator = buildOperand(ctx, m.denominator, [...at, 'denominator']);
      if (numerator && denominator) def = { kind: 'ratio', numerator, denominator };
      break;
    }
    case 'derived': {
      const text = m.formula as string;
      const parsed = parseFormula(text);
      if ('problem' in parsed) ctx.error([...at, 'formula'], parsed.problem);
      else {
        checkLiterals(ctx, parsed.expr, [...at, 'formula']);
        def = { kind: 'derived', formula: parsed.expr, text };
      }
      break;
    }
    case 'input':
      def = { kind: 'input', source: m.source as string, column: m.column as string };
      break;
    case 'growth':
      def = {
        kind: 'growth',
        metric: m.metric as string,
        compare: (m.compare as 'previous_period' | 'same_period_last_year' | undefined) ?? 'previous_period',
      };
      break;
  }
  const target = buildTarget(ctx, m.target, [...at, 'target']);
  const scoring = buildScoring(ctx, m.scoring, [...at, 'scoring']);
  const range = rangeOf(ctx, m.range as [number | string, number | string] | undefined, [...at, 'range']);
  if (!def || !target || !scoring) return undefined;
  return {
    name,
    label: (m.label as string | undefined) ?? name,
    unit: m.unit as MetricSpec['unit'],
    category: m.category as MetricSpec['category'],
    direction: (m.direction as MetricSpec['direction']) ?? 'higher_is_better',
    ...(range ? { range } : {}),
    def,
    target,
    scoring,
  };
}

/** `range: [low, high]`: two actuals, the low one first. */
function rangeOf(ctx: Context, r: [number | string, number | string] | undefined, at: PathSegment[]): MetricSpec['range'] {
  if (r === undefined) return undefined;
  const min = valueAt(ctx, r[0], [...at, 0], 'term.s.rangeLow');
  const max = valueAt(ctx, r[1], [...at, 1], 'term.s.rangeHigh');
  if (!(min < max)) return void ctx.error(at, problem('KPI5203', { low: String(r[0]), high: String(r[1]) }));
  return { min, max };
}

type RawAggregate = { source: string; aggregate: Aggregate['fn']; column?: string; filter?: Record<string, unknown> };

function aggregateOf(ctx: Context, a: RawAggregate, at: PathSegment[]): Aggregate {
  if (a.aggregate !== 'count' && !a.column) ctx.error(at, problem('KPI5204', { aggregate: a.aggregate }));
  return { source: a.source, fn: a.aggregate, column: a.column, filter: buildFilter(ctx, a.filter ?? {}, [...at, 'filter']) };
}

function buildOperand(ctx: Context, value: unknown, at: PathSegment[]): Operand | undefined {
  if (typeof value === 'string') return { metric: value };
  if (value === undefined) return void ctx.error(at.slice(0, -1), problem('KPI1002', { key: String(at[at.length - 1]) }));
  const a = ctx.parse(raw.inlineAggregate, value, at);
  return a ? aggregateOf(ctx, a, at) : undefined;
}

export function buildFilter(ctx: Context, filter: Record<string, unknown>, at: PathSegment[]): Condition[] {
  const out: Condition[] = [];
  for (const [column, v] of Object.entries(filter)) {
    const p = [...at, column];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out.push({ column, op: 'eq', value: v });
    } else if (Array.isArray(v)) {
      if (v.length === 0 || v.some((x) => !['string', 'number', 'boolean'].includes(typeof x))) ctx.error(p, problem('KPI5206'));
      else out.push({ column, op: 'in', values: v as Scalar[] });
    } else {
      const ops = ctx.parse(raw.filterOps, v, p);
      if (!ops) continue;
      const conds = Object.entries(ops).filter(([, x]) => x !== undefined);
      if (conds.length === 0) ctx.error(p, problem('KPI5207'));
      for (const [op, x] of conds) {
        if (op === 'in' || op === 'not_in') out.push({ column, op, values: x as Scalar[] });
        else if (op === 'between')
          out.push({ column, op, min: (x as [number | string, number | string])[0], max: (x as [number | string, number | string])[1] });
        else if (op === 'blank' || op === 'not_blank') out.push({ column, op });
        else if (op === 'contains') out.push({ column, op, value: x as string });
        else if (op === 'eq' || op === 'ne') out.push({ column, op, value: x as Scalar });
        else out.push({ column, op: op as 'gt' | 'gte' | 'lt' | 'lte', value: x as number | string });
      }
    }
  }
  for (const c of out) {
    const numbers = 'value' in c ? [c.value] : 'values' in c ? c.values : 'min' in c ? [c.min, c.max] : [];
    for (const n of numbers) if (typeof n === 'number') checkValue(ctx, [...at, c.column], n, 'term.s.filterNumber');
  }
  return out;
}

function buildTarget(ctx: Context, value: unknown, at: PathSegment[]): TargetSpec | undefined {
  const empty = new Map<string, number>();
  if (value === undefined) return { byRole: empty, byTeam: empty, byRep: empty };
  if (typeof value === 'number' || typeof value === 'string') {
    const v = parseFractionText(value);
    if (v === undefined) return void ctx.error(at, problem('KPI5208'));
    checkValue(ctx, at, v, 'term.s.target');
    return { default: v, byRole: empty, byTeam: empty, byRep: empty };
  }
  const t = ctx.parse(raw.targetObject, value, at);
  if (!t) return undefined;
  const map = (r: Record<string, number | string> | undefined, key: string) =>
    new Map(Object.entries(r ?? {}).map(([k, v]) => [k, valueAt(ctx, v, [...at, key, k], 'term.s.target')] as const));
  // "60%" is a fraction of the rep's target; a plain number an absolute actual.
  const bound = (b: number | string | undefined, key: string): Bound | undefined =>
    b === undefined
      ? undefined
      : isPercentText(b)
        ? { kind: 'relative', fraction: scoreAt(ctx, b, [...at, key], key === 'threshold' ? 'term.s.thresholdRelative' : 'term.s.stretchRelative') }
        : { kind: 'absolute', value: valueAt(ctx, b, [...at, key], key === 'threshold' ? 'term.s.threshold' : 'term.s.stretch') };
  return {
    default: t.default === undefined ? undefined : valueAt(ctx, t.default, [...at, 'default'], 'term.s.target'),
    byRole: map(t.by_role, 'by_role'),
    byTeam: map(t.by_team, 'by_team'),
    byRep: map(t.by_rep, 'by_rep'),
    threshold: bound(t.threshold, 'threshold'),
    stretch: bound(t.stretch, 'stretch'),
    ...(t.per !== undefined ? { per: t.per } : {}),
    ...(t.split !== undefined ? { split: t.split } : {}),
  };
}

/**
 * `scoring:` → the spec of its method, built by the method's module (core/rules/scoring) from the options it
 * declares; this reads and range-checks them by their kind, and asks nothing of a method by its name.
 */
function buildScoring(ctx: Context, value: unknown, at: PathSegment[]): ScoringSpec | undefined {
  if (value === undefined) return { method: 'ratio', cap: 1.5 };
  const s = ctx.parse(raw.scoring, value, at);
  if (!s) return undefined;
  const cap = s.cap === undefined ? 1.5 : scoreAt(ctx, s.cap, [...at, 'cap'], 'term.s.cap');
  const written = [...raw.SCORING_OPTIONS].filter(([key]) => s[key] !== undefined);
  const method = s.method ?? written.find(([, o]) => o.implies)?.[1].method ?? 'ratio';
  const rule = SCORING_METHODS[method] as ScoringRule<ScoringSpec>;
  // An option of another method would be ignored without a word (threshold_score on ratio): refused instead.
  for (const [key, o] of written) if (!(key in rule.options)) ctx.error([...at, key], problem('KPI5209', { key, owner: o.method, method }), true);
  for (const [key, o] of Object.entries(rule.options)) if (o.required && s[key] === undefined) return void ctx.error(at, problem('KPI5211', { method, key }));
  const spec = rule.build(cap, {
    score: (key, fallback) =>
      s[key] === undefined ? fallback : scoreAt(ctx, s[key] as number | string, [...at, key], SCORE_OPTION_TERMS[key] ?? 'term.s.scoreOption'),
    bands: (key) => {
      const bands = ((s[key] ?? []) as { from: number | string; to?: number | string; score: number | string }[]).map((b, i) => {
        const p = [...at, key, i];
        return {
          from: valueAt(ctx, b.from, [...p, 'from'], 'term.s.bandBound'),
          ...(b.to === undefined ? {} : { to: valueAt(ctx, b.to, [...p, 'to'], 'term.s.bandBound') }),
          score: scoreAt(ctx, b.score, [...p, 'score'], 'term.s.bandScore'),
        };
      });
      // Every bands option of every method: contiguous, only the last open-ended.
      checkBands(ctx, bands, [...at, key], 'band', false);
      return bands;
    },
  });
  // A cap written above what the method can give is a cap that is never reached (default 150 % aside).
  const best = rule.highest(spec);
  if (s.cap !== undefined && cap > best) ctx.warn([...at, 'cap'], problem('KPI5210', { cap: pct(cap), method, best: pct(best) }));
  return spec;
}

/** What a range message calls a score option; an option not named here is "a score". */
const SCORE_OPTION_TERMS: Partial<Record<string, RangeTerm>> = { threshold_score: 'term.s.thresholdScore', stretch_score: 'term.s.stretchScore' };

function buildWeights(ctx: Context, weights: Record<string, Record<string, unknown>>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [role, byMetric] of Object.entries(weights)) {
    const m = new Map<string, number>();
    for (const [metric, w] of Object.entries(byMetric)) {
      const at = ['weights', role, metric];
      // Weights are percent points: 40 and "40%" both mean 40 %.
      const points = typeof w === 'number' ? w : typeof w === 'string' && isPercentText(w) ? frac(w) * 100 : undefined;
      // An unreadable weight is kept as NaN so the role's sum is not checked (it would only repeat the error).
      if (points === undefined || !Number.isFinite(points)) {
        ctx.error(at, problem('KPI5304', { value: JSON.stringify(w) ?? String(w) }));
        m.set(metric, NaN);
      } else if (points < 0) {
        ctx.error(at, problem('KPI5305'));
        m.set(metric, NaN);
      } else if (!checkWeight(ctx, at, points)) m.set(metric, NaN);
      else m.set(metric, points / 100);
    }
    out.set(role, m);
  }
  return out;
}

export function buildBonus(ctx: Context, value: unknown, minorUnit: number, at: PathSegment[] = ['bonus']): BonusSpec | undefined {
  if (value === undefined) return void ctx.error([], problem('KPI5401'));
  const b = ctx.parse(raw.bonus, value, at);
  if (!b) return undefined;
  const mode = b.mode ?? (b.points && !b.tiers ? 'linear' : 'step');
  if (mode === 'step' && !b.tiers) return void ctx.error(at, problem('KPI5402'));
  if (mode === 'linear' && !b.points) return void ctx.error(at, problem('KPI5403'));
  const tiers: StepTier[] = (mode === 'step' ? (b.tiers ?? []) : []).map((t, i) => {
    const from = scoreAt(ctx, t.from, [...at, 'tiers', i, 'from'], 'term.s.tierBound');
    const to = t.to === undefined ? undefined : scoreAt(ctx, t.to, [...at, 'tiers', i, 'to'], 'term.s.tierBound');
    checkMultiplier(ctx, [...at, 'tiers', i, 'multiplier'], t.multiplier);
    return { label: t.label ?? `${pct(from)}–${to === undefined ? '' : pct(to)}`, from, to, multiplier: t.multiplier };
  });
  const points = (mode === 'linear' ? (b.points ?? []) : []).map((p, i) => {
    checkMultiplier(ctx, [...at, 'points', i, 'multiplier'], p.multiplier);
    return { score: scoreAt(ctx, p.score, [...at, 'points', i, 'score'], 'term.s.pointScore'), multiplier: p.multiplier };
  });
  if (b.max_multiplier !== undefined) checkMultiplier(ctx, [...at, 'max_multiplier'], b.max_multiplier, 'term.s.maxMultiplier');
  if (b.max_payout !== undefined) checkMoney(ctx, [...at, 'max_payout'], b.max_payout, minorUnit, 'term.s.maxPayout');
  // `basis: total_score` is the default written out.
  const basis = b.basis === undefined || b.basis === 'total_score' ? {} : { basis: b.basis };
  return {
    mode,
    tiers,
    points,
    maxMultiplier: b.max_multiplier,
    maxPayout: b.max_payout,
    proration: b.proration ?? 'none',
    ...basis,
    ...(b.times_score ? { timesScore: true } : {}),
  };
}

function pct(f: number): string {
  return `${Math.round(f * 10000) / 100}%`;
}

export function buildCommission(ctx: Context, value: unknown, minorUnit: number, top: PathSegment[] = ['commission']): CommissionSpec | undefined {
  const c = ctx.parse(raw.commission, value, top);
  if (!c) return undefined;
  const tiers = commissionTiers(ctx, c.tiers, [...top, 'tiers'], minorUnit);
  if (c.max_payout !== undefined) checkMoney(ctx, [...top, 'max_payout'], c.max_payout, minorUnit, 'term.s.maxPayout');
  return {
    metric: c.metric,
    mode: c.mode ?? 'marginal',
    tiers,
    maxPayout: c.max_payout,
    ...(c.clawback ? { clawback: { order: c.clawback.order, refunds: buildFilter(ctx, c.clawback.refunds ?? {}, [...top, 'clawback', 'refunds']) } } : {}),
  };
}

/** Commission tiers, their rates and bounds checked for range. */
export function commissionTiers(
  ctx: Context,
  list: { from: number; to?: number | undefined; rate: number | string }[],
  at: PathSegment[],
  minorUnit: number,
): CommissionSpec['tiers'] {
  return list.map((t, i) => {
    checkRate(ctx, [...at, i, 'rate'], frac(t.rate), t.rate);
    checkMoney(ctx, [...at, i, 'from'], t.from, minorUnit, 'term.s.commissionTierBound');
    if (t.to !== undefined) checkMoney(ctx, [...at, i, 'to'], t.to, minorUnit, 'term.s.commissionTierBound');
    return { from: t.from, to: t.to, rate: frac(t.rate) };
  });
}
