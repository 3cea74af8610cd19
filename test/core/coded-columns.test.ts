// Text columns stored as codes (reps, stages, regions: reading/builder.ts) are decided once per distinct value.
// Every rule that reads text gives the same answer on a coded column as on the plain one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateByRep, attributeRows, attributionIssues, periodMask, repCodesOf, repLookup } from '../../src/core/attribution.js';
import { rowsOfMask } from '../../src/core/period-rows.js';
import { conditionMask, filterMisses } from '../../src/core/filter.js';
import type { Condition, Rep } from '../../src/core/model.js';
import { parsePeriod } from '../../src/core/period.js';
import type { Period } from '../../src/core/results.js';
import { codedColumn, type Column, type Table } from '../../src/core/table.js';
import { source } from './helpers.js';

const POOL = ['Won', 'won', ' Won ', 'Lost', '', 'R1', 'r1', 'R2', 'R9', '2026-11', '2026-10', 'Nov 2026', '10', '9.5', '中文', 'a b'];

function coded(values: (string | null)[]): Column {
  const dict: (string | null)[] = [null];
  const index = new Map<string, number>();
  const codes = Uint16Array.from(values, (v) => {
    if (v === null) return 0;
    let k = index.get(v);
    if (k === undefined) index.set(v, (k = dict.push(v) - 1));
    return k;
  });
  return codedColumn(codes, dict);
}

const tables = (values: (string | null)[]): [Table, Table] => {
  const t = (col: Column): Table => ({
    source: 's',
    file: 's.csv',
    rowCount: values.length,
    rowNumbers: Int32Array.from(values, (_, i) => i + 2),
    columns: new Map([['c', col]]),
  });
  return [t({ type: 'string', values }), t(coded(values))];
};

const value = fc.constantFrom(...POOL);
const cell = fc.oneof(value, fc.constant(null));
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ column: fc.constant('c'), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.oneof(value, fc.integer({ min: 0, max: 12 })) }),
  fc.record({ column: fc.constant('c'), op: fc.constantFrom('in' as const, 'not_in' as const), values: fc.array(value, { maxLength: 3 }) }),
  fc.record({
    column: fc.constant('c'),
    op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: fc.oneof(value, fc.integer({ min: 0, max: 12 })),
  }),
  fc.record({ column: fc.constant('c'), op: fc.constant('between' as const), min: value, max: value }),
  fc.record({ column: fc.constant('c'), op: fc.constant('contains' as const), value }),
  fc.record({ column: fc.constant('c'), op: fc.constantFrom('blank' as const, 'not_blank' as const) }),
);

const reps: Rep[] = [
  { id: 'R1', name: 'One', team: 'A', role: 'ae', baseBonus: 1 },
  { id: 'R2', name: 'Two', team: 'A', role: 'ae', baseBonus: 1 },
];

describe('coded text columns', () => {
  it('build their values only when asked, and the same values', () => {
    const col = coded(['Won', null, 'Lost', 'Won']);
    expect(col.type === 'string' && col.coded?.codes).toEqual(Uint16Array.from([1, 0, 2, 1]));
    expect(col.values).toEqual(['Won', null, 'Lost', 'Won']);
  });

  it('pass the same rows through every filter', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), condition, (values, cond) => {
        const [plain, codes] = tables(values);
        expect(conditionMask(codes, cond)).toEqual(conditionMask(plain, cond));
      }),
      { numRuns: 3000 },
    );
  });

  it('attribute the same rows to the same reps, with the same issues, counts and filter misses', () => {
    const period = parsePeriod('2026-11') as Period;
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), fc.array(fc.constantFrom(0, 1), { minLength: 40, maxLength: 40 }), condition, (values, inP, cond) => {
        const [plain, codes] = tables(values);
        const lookup = repLookup(reps);
        const a = attributeRows(plain, 'c', lookup);
        expect(attributeRows(codes, 'c', lookup)).toEqual(a);
        const mask = Uint8Array.from(values, (_, i) => inP[i]!);
        const rows = rowsOfMask(mask);
        const spec = source('s', { rep: 'c', columns: [{ name: 'c', header: 'C', type: 'string' }] });
        const issues = attributionIssues(plain, spec, a, rows, lookup, '2026-11');
        expect(attributionIssues(codes, spec, a, rows, lookup, '2026-11')).toEqual(issues);
        // Decided per code, from the codes' counts in the period: the same issues, in the same order.
        expect(attributionIssues(codes, spec, repCodesOf(codes, 'c', lookup)!, rows, lookup, '2026-11')).toEqual(issues);
        expect(periodMask(codes, { period: 'c' }, period)).toEqual(periodMask(plain, { period: 'c' }, period));
        const all = Int32Array.from(values, (_, i) => i % 2);
        for (const fn of ['count', 'count_distinct'] as const) {
          expect(aggregateByRep(codes, all, mask, null, fn, 'c', 2)).toEqual(aggregateByRep(plain, all, mask, null, fn, 'c', 2));
        }
        expect(filterMisses(codes, [cond], rows)).toEqual(filterMisses(plain, [cond], rows));
      }),
      { numRuns: 2000 },
    );
  });
});
