// The scoring reads a source's rows of the period once (core/period-rows.ts) and decides a coded column per code:
// a rep per rep code, a filter per stage code, value counts by code. These properties hold that path to the general
// one (row by row, through masks) on random tables: every figure, issue and step the same, in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateByRep, aggregateSelected, attributeRows, periodMask, repCodesOf, repLookup, selectInPeriod } from '../../src/core/attribution.js';
import { conditionMask, rowFilter, type RowFilter } from '../../src/core/filter.js';
import type { AggregateFn, Condition, MetricSpec, Rep } from '../../src/core/model.js';
import { labelInPeriod } from '../../src/core/period.js';
import { daysSeen, expectedRows, periodRows } from '../../src/core/period-rows.js';
import { scoreRun } from '../../src/core/score.js';
import { codedColumn, type Column, type Table } from '../../src/core/table.js';
import { metric, model, period, rep, source, target } from './helpers.js';

const REPS = ['R1', 'R2', 'R3', 'r1', ' R2', 'X9', 'X9 ', '007', '', 'r1 '];
const STAGES = ['Won', 'won', 'Lost', ' Won', 'Ｗｏｎ', 'Open', ''];
const REGIONS = ['East', 'West', 'east', ''];
const LABELS = ['2026-11', '2026-10', '2026-12', 'Nov 2026', '2026-Q4', '2026', 'x'];
const PERIODS = ['2026-11', '2026-Q4', '2026-11-YTD', '2026', '2026-10'];
const DAY0 = 20_710; // 2026-09-14

/** Codes in reverse text order, not in order of first appearance (a parallel read merges its parts' codes). */
function coded(values: (string | null)[]): Column {
  const dict: (string | null)[] = [null, ...[...new Set(values.filter((v) => v !== null))].sort().reverse()];
  const codes = Uint16Array.from(values, (v) => dict.indexOf(v));
  return codedColumn(codes, dict);
}

const text = (pool: string[]) => fc.oneof(fc.constantFrom(...pool), fc.constant(null));
const num = (f: fc.Arbitrary<number>) => fc.oneof({ weight: 5, arbitrary: f }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
const row = fc.record({
  rep: text(REPS),
  stage: text(STAGES),
  region: text(REGIONS),
  label: text(LABELS),
  amount: num(fc.integer({ min: -50_000, max: 500_000 })),
  score: num(fc.double({ min: -100, max: 100, noNaN: true })),
  closed: num(fc.integer({ min: DAY0, max: DAY0 + 130 })),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** The rows as a table: text columns coded (as the readers store them) or plain (the general path). */
function tableOf(rows: Row[], asCodes: boolean): Table {
  const textCol = (k: 'rep' | 'stage' | 'region' | 'label'): Column => {
    const values = rows.map((r) => r[k]);
    return asCodes ? coded(values) : { type: 'string', values };
  };
  const nums = (k: 'amount' | 'score' | 'closed') => Float64Array.from(rows, (r) => r[k]);
  return {
    source: 'sales',
    file: 'sales.csv',
    rowCount: rows.length,
    rowNumbers: Int32Array.from(rows, (_, i) => i + 2),
    columns: new Map<string, Column>([
      ['rep', textCol('rep')],
      ['stage', textCol('stage')],
      ['region', textCol('region')],
      ['label', textCol('label')],
      ['amount', { type: 'money', values: nums('amount'), scale: 2 }],
      ['score', { type: 'number', values: nums('score') }],
      ['closed', { type: 'date', values: nums('closed') }],
    ]),
  };
}

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ column: fc.constantFrom('stage', 'region'), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom(...STAGES, ...REGIONS) }),
  fc.record({
    column: fc.constantFrom('stage', 'region'),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    values: fc.array(fc.constantFrom(...STAGES, ...REGIONS), { maxLength: 3 }),
  }),
  fc.record({ column: fc.constantFrom('stage', 'region'), op: fc.constantFrom('contains' as const), value: fc.constantFrom('on', 'W', 'st') }),
  fc.record({ column: fc.constantFrom('stage', 'region', 'amount'), op: fc.constantFrom('blank' as const, 'not_blank' as const) }),
  fc.record({ column: fc.constantFrom('amount', 'score'), op: fc.constantFrom('gt' as const, 'lte' as const), value: fc.integer({ min: -10, max: 3000 }) }),
);

const AGGS: [AggregateFn, string | undefined][] = [
  ['sum', 'amount'],
  ['sum', 'score'],
  ['avg', 'score'],
  ['min', 'amount'],
  ['max', 'closed'],
  ['count', undefined],
  ['count', 'amount'],
  ['count', 'stage'],
  ['count_distinct', 'stage'],
  ['count_distinct', 'score'],
];
const dating = fc.constantFrom<{ date?: string; period?: string }>({ date: 'closed' }, { period: 'label' }, {}, { date: 'stage' }, { date: 'gone' });
const roster: Rep[] = [rep('R1'), rep('R2', { team: 'U' }), rep('R3', { role: 'lead' }), rep('7', { team: 'U' })];

/** A filter's rows as one mask, condition by condition (the general path). */
function filterMask(t: Table, conds: readonly Condition[]): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const c of conds) {
    const m = conditionMask(t, c)!;
    out = out === null ? m : out.map((x, i) => x & m[i]!);
  }
  return out;
}

describe('the rows of a period', () => {
  it('are the rows a per-row reading of the date or label puts in it, in order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), dating, fc.constantFrom(...PERIODS), fc.boolean(), (rows, spec, label, asCodes) => {
        const t = tableOf(rows, asCodes);
        const p = period(label);
        const name = spec.date ?? spec.period;
        const inP = (r: Row): boolean => {
          if (name === undefined) return true;
          if (name === 'closed') return r.closed >= p.start && r.closed <= p.end;
          if (name === 'label') return r.label !== null && labelInPeriod(r.label, p);
          if (name === 'stage') return r.stage !== null && labelInPeriod(r.stage, p);
          return false;
        };
        const want = rows.flatMap((r, i) => (inP(r) ? [i] : []));
        const got = periodRows(t, spec, p);
        expect(got.count).toBe(want.length);
        expect(got.rows === null ? rows.map((_, i) => i) : [...got.rows]).toEqual(want);
        expect([...periodMask(t, spec, p)]).toEqual(rows.map((r) => (inP(r) ? 1 : 0)));
      }),
      { numRuns: 1500 },
    );
  });

  it('come with the days of the period they are dated, as a pass over the rows listed finds them (export-ends.ts)', () => {
    const date = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: DAY0, max: DAY0 + 130 }) },
      { weight: 1, arbitrary: fc.double({ min: DAY0, max: DAY0 + 130, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0) },
    );
    fc.assert(
      fc.property(fc.array(date, { maxLength: 80 }), fc.constantFrom(...PERIODS), (dates, label) => {
        const values = Float64Array.from(dates);
        const t: Table = {
          source: 'sales',
          file: 'sales.csv',
          rowCount: dates.length,
          rowNumbers: Int32Array.from(dates, (_, i) => i + 2),
          columns: new Map([['closed', { type: 'date', values }]]),
        };
        const p = period(label);
        const got = periodRows(t, { date: 'closed' }, p);
        expect(got.days).toEqual(daysSeen(values, got.rows, got.count, p.start, p.end));
        // And as the dates say, day by day.
        const whole = dates.filter((d) => d >= p.start && d <= p.end);
        expect(got.days!.first).toBe(whole.length ? Math.min(...whole) : Number.POSITIVE_INFINITY);
        expect(got.days!.last).toBe(whole.length ? Math.max(...whole) : Number.NEGATIVE_INFINITY);
        expect([...got.days!.seen].flatMap((x, k) => (x ? [p.start + k] : []))).toEqual([...new Set(whole.filter(Number.isInteger))].sort((a, b) => a - b));
      }),
      { numRuns: 1500 },
    );
  });

  it('are listed in one array made about their size: room from a sample of the rows, never much less or more', () => {
    // A month of 1M rows was a list grown by doubling from 4,096 (~2.8 MB of arrays for 0.8 MB of rows).
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (const n of [0, 1, 500, 4_096, 10_000, 123_457, 300_000]) {
      for (const share of [0, 0.01, 0.2, 0.5, 1]) {
        const shuffled = Array.from({ length: n }, () => random() < share);
        const sorted = [...shuffled].sort((a, b) => Number(b) - Number(a));
        for (const rows of [shuffled, sorted]) {
          const count = rows.filter(Boolean).length;
          const room = expectedRows(n, (i) => rows[i]!);
          expect(room, `n ${n}, share ${share}`).toBeGreaterThanOrEqual(count);
          expect(room, `n ${n}, share ${share}`).toBeLessThanOrEqual(count * 1.12 + n * 0.006 + 2_048);
        }
      }
    }
  });
  it('aggregate per rep code and filter code as row by row through masks', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }),
        dating,
        fc.constantFrom(...PERIODS),
        fc.array(condition, { maxLength: 3 }),
        fc.constantFrom(...AGGS),
        (rows, spec, label, conds, [fn, column]) => {
          const t = tableOf(rows, true);
          const p = period(label);
          const lookup = repLookup(roster);
          const repIdx = attributeRows(t, 'rep', lookup);
          const want = aggregateByRep(t, repIdx, periodMask(t, spec, p), filterMask(t, conds), fn, column, roster.length);
          const filter = rowFilter(t, conds) as RowFilter;
          const inP = periodRows(t, spec, p);
          expect(aggregateSelected(t, selectInPeriod(inP, repCodesOf(t, 'rep', lookup)!, filter), fn, column, roster.length)).toEqual(want);
          expect(aggregateSelected(t, selectInPeriod(inP, repIdx, filter), fn, column, roster.length)).toEqual(want);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('score a run the same from coded columns as from plain ones: figures, steps, issues and their order', () => {
    const metrics = fc.array(fc.tuple(fc.constantFrom(...AGGS), fc.array(condition, { maxLength: 2 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 50 }), dating, fc.constantFrom(...PERIODS), metrics, fc.boolean(), (rows, spec, label, ms, rollup) => {
        const defs: MetricSpec[] = ms.map(([[fn, column], filter], k) =>
          metric(
            `m${k}`,
            { kind: 'aggregate', source: 'sales', fn, ...(column !== undefined ? { column } : {}), filter },
            { target: target({ default: 100 }) },
          ),
        );
        const m = model({
          sources: [source('sales', { date: undefined, ...spec })],
          metrics: defs,
          weights: { ae: Object.fromEntries(defs.map((d) => [d.name, 1 / defs.length])), lead: { m0: 1 } },
          ...(rollup ? { rollups: new Map([['lead', 'team' as const]]) } : {}),
        });
        const run = (asCodes: boolean) => scoreRun({ model: m, period: period(label), reps: roster, tables: new Map([['sales', tableOf(rows, asCodes)]]) });
        expect(run(true)).toEqual(run(false));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the rows of a period in a large table', () => {
  // Dates in no order, blanks among them: the period's rows are listed without a branch on the date, and the
  // selection picks them a block of 16,384 at a time. Rows the sample of 4,096 misses make the list grow.
  let seed = 11;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const n = 60_000;
  const step = Math.floor(n / 4_096);
  const p = period('2026-11');
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({
    rep: REPS[Math.floor(random() * REPS.length)] ?? null,
    stage: STAGES[Math.floor(random() * STAGES.length)] ?? null,
    region: REGIONS[Math.floor(random() * REGIONS.length)] ?? null,
    label: null,
    amount: random() < 0.05 ? Number.NaN : Math.floor(random() * 100_000),
    score: 0,
    // The sampled rows (every step-th) fall outside the period, most others in it.
    closed: i % step === 0 ? p.start - 1 : random() < 0.02 ? Number.NaN : p.start + Math.floor(random() * 40) - 5,
  }));
  const t = tableOf(rows, true);

  it('are the rows whose date is in the period, in order, however far the sample was off', () => {
    const want = rows.flatMap((r, i) => (r.closed >= p.start && r.closed <= p.end ? [i] : []));
    expect(want.length).toBeGreaterThan(40_000);
    const got = periodRows(t, { date: 'closed' }, p);
    expect(got.count).toBe(want.length);
    expect([...(got.rows ?? [])].slice(0, got.count)).toEqual(want);
  });

  it('aggregate per rep code and filter across blocks as row by row through masks', () => {
    const lookup = repLookup(roster);
    const repIdx = attributeRows(t, 'rep', lookup);
    const inP = periodRows(t, { date: 'closed' }, p);
    const filters: Condition[][] = [
      [],
      [{ column: 'stage', op: 'eq', value: 'Won' }],
      [
        { column: 'stage', op: 'in', values: ['Won', 'Open'] },
        { column: 'region', op: 'ne', value: 'West' },
      ],
      [
        { column: 'stage', op: 'ne', value: 'Lost' },
        { column: 'amount', op: 'gt', value: 50_000 },
      ],
    ];
    for (const conds of filters) {
      const filter = rowFilter(t, conds) as RowFilter;
      for (const [fn, column] of AGGS) {
        const want = aggregateByRep(t, repIdx, periodMask(t, { date: 'closed' }, p), filterMask(t, conds), fn, column, roster.length);
        expect(aggregateSelected(t, selectInPeriod(inP, repCodesOf(t, 'rep', lookup)!, filter), fn, column, roster.length)).toEqual(want);
        expect(aggregateSelected(t, selectInPeriod(inP, repIdx, filter), fn, column, roster.length)).toEqual(want);
      }
    }
  });
});
