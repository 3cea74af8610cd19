// zod schemas for the scheme as written in YAML. Objects are strict, so a misspelt key is an error.
// Alternatives (a string or an object, a number or "80%") are dispatched by the caller on the value's
// JavaScript type rather than with z.union, so each error names the one shape the user meant.
import * as z from 'zod/mini';
import { dayFromIso } from '../core/period.js';
import { schemeAmount, schemeNumber, schemeNumberProblem } from '../core/chinese-numbers.js';
import { SCORING_METHODS, type ScoringOption, type ScoringSpec } from '../core/rules/scoring/index.js';

/** A registry's kinds as the scheme's choices: a kind registered in the core is a key the scheme accepts. */
const kindsOf = <K extends string>(registry: Record<K, unknown>) => Object.keys(registry) as [K, ...K[]];

// A scheme is checked once per process: zod's generated (eval'd) object parsers cost more to build than they
// save on one document, so they are turned off (the same checks, run by the plain interpreter path).
// zod/mini, not zod's classic API: the same schemas and issues from the same core, but built without classic's
// extra per-schema parts (its chained methods, JSON-schema processors); classic's defaults are set here as it sets
// them itself: English messages (context.ts reads some of zod's own) and the memoizer of containers (a YAML value
// with a cycle through aliases is checked as before).
z.config({ jitless: true, memoizer: z.memoizer(), ...z.locales.en() });

/**
 * What a number in a scheme may look like. Messages of ours are given to zod as a code of messages/scheme-en.ts;
 * context.ts reports the problem of that code.
 */
const NUMBER_WORDS = 'KPI5032';

/** 0.8, "80%", "８０％" or "10万" (read by scheme/percent.ts). */
const fraction = z.union(
  [z.number(), z.string().check(z.refine((s) => schemeNumber(s) !== undefined, { error: (iss) => schemeNumberProblem(String(iss.input)) ?? NUMBER_WORDS }))],
  { error: NUMBER_WORDS },
);

/** An amount: 30000, "3万", "３００００" (a percentage is not one). */
const AMOUNT_WORDS = 'KPI5033';
const amount = z.pipe(
  z.union(
    [
      z.number(),
      z.string().check(
        z.refine((s) => schemeAmount(s) !== undefined, {
          error: (iss) => schemeNumberProblem(String(iss.input)) ?? 'KPI5034',
        }),
      ),
    ],
    { error: AMOUNT_WORDS },
  ),
  z.transform((v: number | string) => (typeof v === 'number' ? v : (schemeAmount(v) as number))),
);

const nonEmpty = z.string({ error: 'expected text' }).check(z.trim(), z.minLength(1, { error: 'KPI5035' }));

const columnType = z.enum(['string', 'number', 'money', 'percent', 'date']);

export const columnObject = z.strictObject({
  header: nonEmpty,
  type: z.optional(columnType),
  /** Read 10万, 1.5万, full-width digits and ％ in this number, money or percent column. */
  chinese_numbers: z.optional(z.boolean()),
  /** The unit of a money or number column's values: 10000 for 万元, 1000 for 千元 / (000) / $K; 1: as written. */
  scale: z.optional(z.number()),
});

const fileOptions = {
  file: nonEmpty,
  sheet: z.optional(nonEmpty),
  encoding: z.optional(z.enum(['auto', 'utf-8', 'utf8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk'])),
  delimiter: z.optional(z.string().check(z.length(1, { error: 'KPI5036' }))),
  decimal: z.optional(z.enum(['.', ','])),
  date_order: z.optional(z.enum(['ymd', 'mdy', 'dmy'])),
  header_row: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1_048_576, { error: 'KPI5037' }))),
  on_bad_row: z.optional(z.enum(['skip', 'stop'])),
  columns: z.record(z.string(), z.unknown(), { error: 'expected a map of logical name: file header' }),
};

export const source = z.strictObject({
  ...fileOptions,
  rep: z.optional(nonEmpty),
  date: z.optional(nonEmpty),
  period: z.optional(nonEmpty),
  key: z.optional(nonEmpty),
  split: z.optional(z.strictObject({ order: nonEmpty, share: nonEmpty })),
  derived_columns: z.optional(z.record(z.string(), z.unknown())),
});

export const daysBetween = z.strictObject({
  days_between: z.tuple([nonEmpty, nonEmpty], { error: 'KPI5038' }),
});
export const rowFormula = z.strictObject({ formula: nonEmpty });

export const rosterFile = z.strictObject({ ...fileOptions });
export const targetsFile = z.strictObject({ ...fileOptions });
export const deductionsFile = z.strictObject({
  ...fileOptions,
  date: z.optional(nonEmpty),
  period: z.optional(nonEmpty),
  rules: z.optional(z.record(z.string(), z.unknown(), { error: 'expected a map of rule name: { kind, value }' })),
});
export const paidToDateFile = z.strictObject({ ...fileOptions, period: z.optional(nonEmpty) });

export const inlineRep = z.strictObject({
  id: z.pipe(z.union([nonEmpty, z.number()]), z.transform(String)),
  name: nonEmpty,
  team: nonEmpty,
  role: nonEmpty,
  base_bonus: z.pipe(amount, z.number().check(z.nonnegative())),
  // A day the calendar does not have (2026-11-31) is a typo: taken as some other day it would prorate the bonus.
  start_date: z.optional(
    z.string().check(
      z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'KPI5039' }),
      z.refine((d) => dayFromIso(d) !== null, { error: 'KPI5040' }),
    ),
  ),
  manager: z.optional(z.pipe(z.union([nonEmpty, z.number()]), z.transform(String))),
});

export const currencyObject = z.strictObject({
  code: z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'KPI5041' })),
  minor_unit: z.optional(z.number().check(z.int(), z.gte(0), z.lte(4))),
  symbol: z.optional(z.string()),
});

export const METRIC_TYPES = ['aggregate', 'ratio', 'derived', 'input', 'growth'] as const;
const AGGREGATES = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max'] as const;

const metricCommon = {
  label: z.optional(nonEmpty),
  description: z.optional(z.string()),
  unit: z.optional(z.enum(['money', 'count', 'percent', 'number', 'days', 'score'])),
  category: z.optional(z.enum(['financial', 'customer', 'process', 'people'])),
  direction: z.optional(z.enum(['higher_is_better', 'lower_is_better'])),
  /** The values the metric can take: [1, 5] for a rating, [0, "100%"] for a rate. */
  range: z.optional(z.tuple([fraction, fraction])),
  type: z.optional(z.enum(METRIC_TYPES)),
  target: z.optional(z.unknown()),
  scoring: z.optional(z.unknown()),
};

const aggregateFields = {
  source: nonEmpty,
  aggregate: z.enum(AGGREGATES),
  column: z.optional(nonEmpty),
  filter: z.optional(z.record(z.string(), z.unknown())),
};

export const metricByType = {
  aggregate: z.strictObject({ ...metricCommon, ...aggregateFields }),
  ratio: z.strictObject({ ...metricCommon, numerator: z.unknown(), denominator: z.unknown() }),
  derived: z.strictObject({ ...metricCommon, formula: nonEmpty }),
  input: z.strictObject({ ...metricCommon, source: nonEmpty, column: nonEmpty }),
  growth: z.strictObject({ ...metricCommon, metric: nonEmpty, compare: z.optional(z.enum(['previous_period', 'same_period_last_year'])) }),
} as const;

export const inlineAggregate = z.strictObject(aggregateFields);

export const targetObject = z.strictObject({
  default: z.optional(fraction),
  by_role: z.optional(z.record(z.string(), fraction)),
  by_team: z.optional(z.record(z.string(), fraction)),
  by_rep: z.optional(z.record(z.string(), fraction)),
  threshold: z.optional(fraction),
  stretch: z.optional(fraction),
  per: z.optional(z.enum(['month', 'quarter', 'year'])),
  split: z.optional(z.enum(['even', 'seasonality'])),
});

const band = z.strictObject({ from: fraction, to: z.optional(fraction), score: fraction });

/** The schema of each kind of option a scoring method may read (core/rules/scoring/rule.ts ScoringOption). */
const OPTION_KINDS = { score: fraction, bands: z.array(band).check(z.minLength(1)) } satisfies Record<ScoringOption['kind'], z.ZodMiniType>;

/** Every key a scoring method reads under `scoring:` besides method and cap, with the method that reads it. */
export const SCORING_OPTIONS: ReadonlyMap<string, ScoringOption & { method: ScoringSpec['method'] }> = new Map(
  (Object.entries(SCORING_METHODS) as [ScoringSpec['method'], { options: Readonly<Record<string, ScoringOption>> }][])
    .flatMap(([method, rule]) => Object.entries(rule.options).map(([key, o]) => [key, { ...o, method }] as const))
    .reverse(), // the first method to declare a key decides its kind
);

/** `scoring:` as written: the method, the cap and the options of every registered method. */
export type RawScoring = { method?: ScoringSpec['method']; cap?: number | string } & { readonly [option: string]: unknown };

export const scoring: z.ZodMiniType<RawScoring> = z.strictObject({
  method: z.optional(z.enum(kindsOf(SCORING_METHODS))),
  cap: z.optional(fraction),
  ...Object.fromEntries([...SCORING_OPTIONS].map(([key, o]) => [key, z.optional(OPTION_KINDS[o.kind])])),
});

export const filterOps = z.strictObject({
  eq: z.optional(z.union([z.string(), z.number(), z.boolean()])),
  ne: z.optional(z.union([z.string(), z.number(), z.boolean()])),
  in: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()])).check(z.minLength(1))),
  not_in: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()])).check(z.minLength(1))),
  gt: z.optional(z.union([z.number(), z.string()])),
  gte: z.optional(z.union([z.number(), z.string()])),
  lt: z.optional(z.union([z.number(), z.string()])),
  lte: z.optional(z.union([z.number(), z.string()])),
  between: z.optional(z.tuple([z.union([z.number(), z.string()]), z.union([z.number(), z.string()])])),
  contains: z.optional(z.string()),
  blank: z.optional(z.literal(true)),
  not_blank: z.optional(z.literal(true)),
});

export const gate = z.strictObject({
  metric: nonEmpty,
  level: fraction,
  of: z.optional(z.enum(['actual', 'achievement'])),
  effect: z.optional(z.enum(['zero_bonus', 'zero_metric'])),
});

const stepTier = z.strictObject({
  label: z.optional(z.string()),
  from: fraction,
  to: z.optional(fraction),
  multiplier: z.number().check(z.nonnegative()),
});

export const bonus = z.strictObject({
  mode: z.optional(z.enum(['step', 'linear'])),
  tiers: z.optional(z.array(stepTier).check(z.minLength(1))),
  points: z.optional(z.array(z.strictObject({ score: fraction, multiplier: z.number().check(z.nonnegative()) })).check(z.minLength(2))),
  max_multiplier: z.optional(z.number().check(z.nonnegative())),
  max_payout: z.optional(z.pipe(amount, z.number().check(z.nonnegative()))),
  proration: z.optional(z.enum(['none', 'calendar_days'])),
  basis: z.optional(nonEmpty),
  times_score: z.optional(z.boolean()),
});

export const commission = z.strictObject({
  metric: nonEmpty,
  mode: z.optional(z.enum(['marginal', 'retroactive'])),
  tiers: z.array(z.strictObject({ from: z.pipe(amount, z.number().check(z.nonnegative())), to: z.optional(amount), rate: fraction })).check(z.minLength(1)),
  max_payout: z.optional(z.pipe(amount, z.number().check(z.nonnegative()))),
  clawback: z.optional(z.strictObject({ order: nonEmpty, refunds: z.optional(z.record(z.string(), z.unknown())) })),
});

export const smart = z.strictObject({
  max_target_over_best: z.optional(z.number().check(z.gte(1))),
  min_share_at_threshold: z.optional(fraction),
  max_share_at_target: z.optional(fraction),
  max_cliff: z.optional(fraction),
  max_share_zeroed_by_gate: z.optional(fraction),
  tier_edge_band: z.optional(fraction),
  target_growth: z.optional(fraction),
});

export const topLevel = z.strictObject({
  version: z.optional(z.literal(1, { error: 'KPI5042' })),
  name: z.optional(nonEmpty),
  currency: z.optional(z.unknown()),
  period: z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
  sources: z.record(z.string(), z.unknown(), { error: 'expected a map of source name: definition' }),
  reps: z.optional(z.unknown()),
  targets_file: z.optional(z.unknown()),
  deductions: z.optional(z.unknown()),
  metrics: z.record(z.string(), z.unknown(), { error: 'expected a map of metric name: definition' }),
  weights: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'expected a map of role: { metric: weight }' }),
  gates: z.optional(z.array(z.unknown())),
  bonus: z.optional(z.unknown()),
  commission: z.optional(z.unknown()),
  components: z.optional(z.array(z.unknown(), { error: 'expected a list of components, each { name, kind, … }' })),
  plans: z.optional(z.record(z.string(), z.unknown(), { error: 'expected a map of role: { bonus, commission, gates, components, deduction_rules }' })),
  paid_to_date: z.optional(z.unknown()),
  smart: z.optional(z.unknown()),
  locale: z.optional(z.enum(['en-US', 'zh-CN'], { error: 'expected en-US or zh-CN' })),
  money_display: z.optional(z.enum(['standard', 'wan'], { error: 'expected standard or wan (万, amounts in units of 10,000)' })),
  rollups: z.optional(
    z.record(z.string(), z.enum(['team', 'manager'], { error: "expected team (the rep's roster team) or manager (everyone reporting to the rep)" }), {
      error: 'expected a map of role: team | manager',
    }),
  ),
});

// Pay components (issue #12). One schema per kind, dispatched on `kind` by the caller.
const componentCommon = { name: nonEmpty, label: z.optional(nonEmpty) };
const commissionTiers = z.array(z.strictObject({ from: z.number().check(z.nonnegative()), to: z.optional(z.number()), rate: fraction })).check(z.minLength(1));

export const componentByKind = {
  commission: z.strictObject({
    ...componentCommon,
    kind: z.literal('commission'),
    metric: nonEmpty,
    mode: z.optional(z.enum(['marginal', 'retroactive'])),
    rate: z.optional(fraction),
    tiers: z.optional(commissionTiers),
    max_payout: z.optional(z.number().check(z.nonnegative())),
  }),
  spiff: z.strictObject({ ...componentCommon, kind: z.literal('spiff'), metric: nonEmpty, amount: z.number().check(z.nonnegative()) }),
  kicker: z.strictObject({
    ...componentCommon,
    kind: z.literal('kicker'),
    when: z.array(z.strictObject({ metric: nonEmpty, level: fraction, of: z.optional(z.enum(['actual', 'achievement'])) })).check(z.minLength(1)),
    amount: z.number().check(z.nonnegative()),
  }),
  collection: z.strictObject({
    ...componentCommon,
    kind: z.literal('collection'),
    source: nonEmpty,
    paid: nonEmpty,
    paid_date: nonEmpty,
    invoice_date: nonEmpty,
    invoice: z.optional(nonEmpty),
    invoice_amount: z.optional(nonEmpty),
    base: z.optional(nonEmpty),
    filter: z.optional(z.record(z.string(), z.unknown())),
    mode: z.optional(z.enum(['marginal', 'retroactive'])),
    rate: z.optional(fraction),
    tiers: z.optional(commissionTiers),
    max_payout: z.optional(z.number().check(z.nonnegative())),
    aging: z.optional(z.array(z.strictObject({ up_to: z.optional(z.number().check(z.int(), z.nonnegative())), coefficient: fraction })).check(z.minLength(1))),
  }),
} as const;
export const COMPONENT_KINDS = Object.keys(componentByKind) as (keyof typeof componentByKind)[];

export const redLineRule = z.strictObject({
  kind: z.enum(['points', 'amount', 'percent_of_bonus', 'zero_bonus']),
  value: z.optional(fraction),
});

export const plan = z.strictObject({
  bonus: z.optional(z.unknown()),
  commission: z.optional(z.unknown()),
  gates: z.optional(z.array(z.unknown())),
  components: z.optional(z.array(z.unknown())),
  deduction_rules: z.optional(z.record(z.string(), z.unknown())),
});
