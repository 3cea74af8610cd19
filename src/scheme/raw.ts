// zod schemas for the scheme as written in YAML. Objects are strict, so a misspelt key is an error.
// Alternatives (a string or an object, a number or "80%") are dispatched by the caller on the value's
// JavaScript type rather than with z.union, so each error names the one shape the user meant.
import * as z from 'zod';
import { dayFromIso } from '../core/period.js';
import { schemeAmount, schemeNumber, schemeNumberProblem } from '../core/chinese-numbers.js';
import { SCORING_METHODS, type ScoringOption, type ScoringSpec } from '../core/rules/scoring/index.js';

/** A registry's kinds as the scheme's choices: a kind registered in the core is a key the scheme accepts. */
const kindsOf = <K extends string>(registry: Record<K, unknown>) => Object.keys(registry) as [K, ...K[]];

// A scheme is checked once per process: zod's generated (eval'd) object parsers cost more to build than they
// save on one document, so they are turned off (the same checks, run by the plain interpreter path).
z.config({ jitless: true });

/**
 * What a number in a scheme may look like. Messages of ours are given to zod as a code of messages/scheme-en.ts;
 * context.ts reports the problem of that code.
 */
const NUMBER_WORDS = 'KPI5032';

/** 0.8, "80%", "８０％" or "10万" (read by scheme/percent.ts). */
const fraction = z.union(
  [z.number(), z.string().refine((s) => schemeNumber(s) !== undefined, { error: (iss) => schemeNumberProblem(String(iss.input)) ?? NUMBER_WORDS })],
  { error: NUMBER_WORDS },
);

/** An amount: 30000, "3万", "３００００" (a percentage is not one). */
const AMOUNT_WORDS = 'KPI5033';
const amount = z
  .union(
    [
      z.number(),
      z.string().refine((s) => schemeAmount(s) !== undefined, {
        error: (iss) => schemeNumberProblem(String(iss.input)) ?? 'KPI5034',
      }),
    ],
    { error: AMOUNT_WORDS },
  )
  .transform((v) => (typeof v === 'number' ? v : (schemeAmount(v) as number)));

const nonEmpty = z.string({ error: 'expected text' }).trim().min(1, { error: 'KPI5035' });

const columnType = z.enum(['string', 'number', 'money', 'percent', 'date']);

export const columnObject = z.strictObject({
  header: nonEmpty,
  type: columnType.optional(),
  /** Read 10万, 1.5万, full-width digits and ％ in this number, money or percent column. */
  chinese_numbers: z.boolean().optional(),
  /** The unit of a money or number column's values: 10000 for 万元, 1000 for 千元 / (000) / $K; 1: as written. */
  scale: z.number().optional(),
});

const fileOptions = {
  file: nonEmpty,
  sheet: nonEmpty.optional(),
  encoding: z.enum(['auto', 'utf-8', 'utf8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk']).optional(),
  delimiter: z.string().length(1, { error: 'KPI5036' }).optional(),
  decimal: z.enum(['.', ',']).optional(),
  date_order: z.enum(['ymd', 'mdy', 'dmy']).optional(),
  header_row: z.number().int().min(1).max(1_048_576, { error: 'KPI5037' }).optional(),
  on_bad_row: z.enum(['skip', 'stop']).optional(),
  columns: z.record(z.string(), z.unknown(), { error: 'expected a map of logical name: file header' }),
};

export const source = z.strictObject({
  ...fileOptions,
  rep: nonEmpty.optional(),
  date: nonEmpty.optional(),
  period: nonEmpty.optional(),
  key: nonEmpty.optional(),
  split: z.strictObject({ order: nonEmpty, share: nonEmpty }).optional(),
  derived_columns: z.record(z.string(), z.unknown()).optional(),
});

export const daysBetween = z.strictObject({
  days_between: z.tuple([nonEmpty, nonEmpty], { error: 'KPI5038' }),
});
export const rowFormula = z.strictObject({ formula: nonEmpty });

export const rosterFile = z.strictObject({ ...fileOptions });
export const targetsFile = z.strictObject({ ...fileOptions });
export const deductionsFile = z.strictObject({
  ...fileOptions,
  date: nonEmpty.optional(),
  period: nonEmpty.optional(),
  rules: z.record(z.string(), z.unknown(), { error: 'expected a map of rule name: { kind, value }' }).optional(),
});
export const paidToDateFile = z.strictObject({ ...fileOptions, period: nonEmpty.optional() });

export const inlineRep = z.strictObject({
  id: z.union([nonEmpty, z.number()]).transform(String),
  name: nonEmpty,
  team: nonEmpty,
  role: nonEmpty,
  base_bonus: amount.pipe(z.number().nonnegative()),
  // A day the calendar does not have (2026-11-31) is a typo: taken as some other day it would prorate the bonus.
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'KPI5039' })
    .refine((d) => dayFromIso(d) !== null, { error: 'KPI5040' })
    .optional(),
  manager: z.union([nonEmpty, z.number()]).transform(String).optional(),
});

export const currencyObject = z.strictObject({
  code: z.string().regex(/^[A-Z]{3}$/, { error: 'KPI5041' }),
  minor_unit: z.number().int().min(0).max(4).optional(),
  symbol: z.string().optional(),
});

export const METRIC_TYPES = ['aggregate', 'ratio', 'derived', 'input', 'growth'] as const;
const AGGREGATES = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max'] as const;

const metricCommon = {
  label: nonEmpty.optional(),
  description: z.string().optional(),
  unit: z.enum(['money', 'count', 'percent', 'number', 'days', 'score']).optional(),
  category: z.enum(['financial', 'customer', 'process', 'people']).optional(),
  direction: z.enum(['higher_is_better', 'lower_is_better']).optional(),
  /** The values the metric can take: [1, 5] for a rating, [0, "100%"] for a rate. */
  range: z.tuple([fraction, fraction]).optional(),
  type: z.enum(METRIC_TYPES).optional(),
  target: z.unknown().optional(),
  scoring: z.unknown().optional(),
};

const aggregateFields = {
  source: nonEmpty,
  aggregate: z.enum(AGGREGATES),
  column: nonEmpty.optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
};

export const metricByType = {
  aggregate: z.strictObject({ ...metricCommon, ...aggregateFields }),
  ratio: z.strictObject({ ...metricCommon, numerator: z.unknown(), denominator: z.unknown() }),
  derived: z.strictObject({ ...metricCommon, formula: nonEmpty }),
  input: z.strictObject({ ...metricCommon, source: nonEmpty, column: nonEmpty }),
  growth: z.strictObject({ ...metricCommon, metric: nonEmpty, compare: z.enum(['previous_period', 'same_period_last_year']).optional() }),
} as const;

export const inlineAggregate = z.strictObject(aggregateFields);

export const targetObject = z.strictObject({
  default: fraction.optional(),
  by_role: z.record(z.string(), fraction).optional(),
  by_team: z.record(z.string(), fraction).optional(),
  by_rep: z.record(z.string(), fraction).optional(),
  threshold: fraction.optional(),
  stretch: fraction.optional(),
  per: z.enum(['month', 'quarter', 'year']).optional(),
  split: z.enum(['even', 'seasonality']).optional(),
});

const band = z.strictObject({ from: fraction, to: fraction.optional(), score: fraction });

/** The schema of each kind of option a scoring method may read (core/rules/scoring/rule.ts ScoringOption). */
const OPTION_KINDS = { score: fraction, bands: z.array(band).min(1) } satisfies Record<ScoringOption['kind'], z.ZodType>;

/** Every key a scoring method reads under `scoring:` besides method and cap, with the method that reads it. */
export const SCORING_OPTIONS: ReadonlyMap<string, ScoringOption & { method: ScoringSpec['method'] }> = new Map(
  (Object.entries(SCORING_METHODS) as [ScoringSpec['method'], { options: Readonly<Record<string, ScoringOption>> }][])
    .flatMap(([method, rule]) => Object.entries(rule.options).map(([key, o]) => [key, { ...o, method }] as const))
    .reverse(), // the first method to declare a key decides its kind
);

/** `scoring:` as written: the method, the cap and the options of every registered method. */
export type RawScoring = { method?: ScoringSpec['method']; cap?: number | string } & { readonly [option: string]: unknown };

export const scoring: z.ZodType<RawScoring> = z.strictObject({
  method: z.enum(kindsOf(SCORING_METHODS)).optional(),
  cap: fraction.optional(),
  ...Object.fromEntries([...SCORING_OPTIONS].map(([key, o]) => [key, OPTION_KINDS[o.kind].optional()])),
});

export const filterOps = z.strictObject({
  eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
  ne: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  not_in: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  gt: z.union([z.number(), z.string()]).optional(),
  gte: z.union([z.number(), z.string()]).optional(),
  lt: z.union([z.number(), z.string()]).optional(),
  lte: z.union([z.number(), z.string()]).optional(),
  between: z.tuple([z.union([z.number(), z.string()]), z.union([z.number(), z.string()])]).optional(),
  contains: z.string().optional(),
  blank: z.literal(true).optional(),
  not_blank: z.literal(true).optional(),
});

export const gate = z.strictObject({
  metric: nonEmpty,
  level: fraction,
  of: z.enum(['actual', 'achievement']).optional(),
  effect: z.enum(['zero_bonus', 'zero_metric']).optional(),
});

const stepTier = z.strictObject({
  label: z.string().optional(),
  from: fraction,
  to: fraction.optional(),
  multiplier: z.number().nonnegative(),
});

export const bonus = z.strictObject({
  mode: z.enum(['step', 'linear']).optional(),
  tiers: z.array(stepTier).min(1).optional(),
  points: z
    .array(z.strictObject({ score: fraction, multiplier: z.number().nonnegative() }))
    .min(2)
    .optional(),
  max_multiplier: z.number().nonnegative().optional(),
  max_payout: amount.pipe(z.number().nonnegative()).optional(),
  proration: z.enum(['none', 'calendar_days']).optional(),
  basis: nonEmpty.optional(),
  times_score: z.boolean().optional(),
});

export const commission = z.strictObject({
  metric: nonEmpty,
  mode: z.enum(['marginal', 'retroactive']).optional(),
  tiers: z.array(z.strictObject({ from: amount.pipe(z.number().nonnegative()), to: amount.optional(), rate: fraction })).min(1),
  max_payout: amount.pipe(z.number().nonnegative()).optional(),
  clawback: z.strictObject({ order: nonEmpty, refunds: z.record(z.string(), z.unknown()).optional() }).optional(),
});

export const smart = z.strictObject({
  max_target_over_best: z.number().min(1).optional(),
  min_share_at_threshold: fraction.optional(),
  max_share_at_target: fraction.optional(),
  max_cliff: fraction.optional(),
  max_share_zeroed_by_gate: fraction.optional(),
  tier_edge_band: fraction.optional(),
  target_growth: fraction.optional(),
});

export const topLevel = z.strictObject({
  version: z.literal(1, { error: 'KPI5042' }).optional(),
  name: nonEmpty.optional(),
  currency: z.unknown().optional(),
  period: z.union([z.string(), z.number()]).transform(String).optional(),
  sources: z.record(z.string(), z.unknown(), { error: 'expected a map of source name: definition' }),
  reps: z.unknown().optional(),
  targets_file: z.unknown().optional(),
  deductions: z.unknown().optional(),
  metrics: z.record(z.string(), z.unknown(), { error: 'expected a map of metric name: definition' }),
  weights: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'expected a map of role: { metric: weight }' }),
  gates: z.array(z.unknown()).optional(),
  bonus: z.unknown().optional(),
  commission: z.unknown().optional(),
  components: z.array(z.unknown(), { error: 'expected a list of components, each { name, kind, … }' }).optional(),
  plans: z.record(z.string(), z.unknown(), { error: 'expected a map of role: { bonus, commission, gates, components, deduction_rules }' }).optional(),
  paid_to_date: z.unknown().optional(),
  smart: z.unknown().optional(),
  locale: z.enum(['en-US', 'zh-CN'], { error: 'expected en-US or zh-CN' }).optional(),
  money_display: z.enum(['standard', 'wan'], { error: 'expected standard or wan (万, amounts in units of 10,000)' }).optional(),
  rollups: z
    .record(z.string(), z.enum(['team', 'manager'], { error: "expected team (the rep's roster team) or manager (everyone reporting to the rep)" }), {
      error: 'expected a map of role: team | manager',
    })
    .optional(),
});

// Pay components (issue #12). One schema per kind, dispatched on `kind` by the caller.
const componentCommon = { name: nonEmpty, label: nonEmpty.optional() };
const commissionTiers = z.array(z.strictObject({ from: z.number().nonnegative(), to: z.number().optional(), rate: fraction })).min(1);

export const componentByKind = {
  commission: z.strictObject({
    ...componentCommon,
    kind: z.literal('commission'),
    metric: nonEmpty,
    mode: z.enum(['marginal', 'retroactive']).optional(),
    rate: fraction.optional(),
    tiers: commissionTiers.optional(),
    max_payout: z.number().nonnegative().optional(),
  }),
  spiff: z.strictObject({ ...componentCommon, kind: z.literal('spiff'), metric: nonEmpty, amount: z.number().nonnegative() }),
  kicker: z.strictObject({
    ...componentCommon,
    kind: z.literal('kicker'),
    when: z.array(z.strictObject({ metric: nonEmpty, level: fraction, of: z.enum(['actual', 'achievement']).optional() })).min(1),
    amount: z.number().nonnegative(),
  }),
  collection: z.strictObject({
    ...componentCommon,
    kind: z.literal('collection'),
    source: nonEmpty,
    paid: nonEmpty,
    paid_date: nonEmpty,
    invoice_date: nonEmpty,
    invoice: nonEmpty.optional(),
    invoice_amount: nonEmpty.optional(),
    base: nonEmpty.optional(),
    filter: z.record(z.string(), z.unknown()).optional(),
    mode: z.enum(['marginal', 'retroactive']).optional(),
    rate: fraction.optional(),
    tiers: commissionTiers.optional(),
    max_payout: z.number().nonnegative().optional(),
    aging: z
      .array(z.strictObject({ up_to: z.number().int().nonnegative().optional(), coefficient: fraction }))
      .min(1)
      .optional(),
  }),
} as const;
export const COMPONENT_KINDS = Object.keys(componentByKind) as (keyof typeof componentByKind)[];

export const redLineRule = z.strictObject({
  kind: z.enum(['points', 'amount', 'percent_of_bonus', 'zero_bonus']),
  value: fraction.optional(),
});

export const plan = z.strictObject({
  bonus: z.unknown().optional(),
  commission: z.unknown().optional(),
  gates: z.array(z.unknown()).optional(),
  components: z.array(z.unknown()).optional(),
  deduction_rules: z.record(z.string(), z.unknown()).optional(),
});
