import { describe, expect, it } from 'vitest';
import type { Condition, Expr } from '../../src/core/model.js';
import { repsFromTable } from '../../src/core/roster.js';
import { conditionMask, filterText } from '../../src/core/filter.js';
import { en } from '../english.js';
import { targetsFromFile } from '../../src/core/targets.js';
import { repLookup } from '../../src/core/attribution.js';
import { evalExpr, exprText } from '../../src/core/expr.js';
import { metric, period, rep, source, table } from './helpers.js';

describe('roster from a table', () => {
  it('converts money and dates; reports blank and repeated ids and bad base bonuses', () => {
    const t = table('reps', {
      id: ['string', [' R1 ', 'R2', '', 'R1', 'R3']],
      name: ['string', ['Ann', null, 'Nobody', 'Again', 'Cy']],
      team: ['string', ['East', 'West', 'X', 'X', 'West']],
      role: ['string', ['ae', 'senior', 'ae', 'ae', 'ae']],
      base_bonus: ['money', [5000.5, null, 1, 1, -10]],
      start_date: ['date', ['2026-11-16', null, null, null, null]],
    });
    const { reps, issues } = repsFromTable(t);
    expect(reps).toEqual([
      { id: 'R1', name: 'Ann', team: 'East', role: 'ae', baseBonus: 5000.5, startDate: '2026-11-16' },
      { id: 'R2', name: 'R2', team: 'West', role: 'senior', baseBonus: 0 },
      { id: 'R3', name: 'Cy', team: 'West', role: 'ae', baseBonus: 0 },
    ]);
    expect(issues.map((i) => [i.row, i.action])).toEqual([
      [3, 'kept'], // R2 blank base bonus → 0
      [4, 'skipped'], // blank id
      [5, 'skipped'], // R1 again
      [6, 'kept'], // negative base bonus → 0
    ]);
    expect(issues[2]!.reason).toContain('row 2');
  });
});

describe('filters', () => {
  const t = table('s', {
    stage: ['string', ['Won', ' Won ', 'Lost', null, '']],
    region: ['string', ['East', 'West', 'North', 'East', 'West']],
    amount: ['money', [1.1, 0, 5, null, 2]],
    closed: ['date', ['2026-11-01', '2026-11-15', '2026-11-30', null, '2026-12-01']],
    n: ['number', [1, 2, 3, 4, null]],
  });
  const mask = (c: Condition): number[] => Array.from(conditionMask(t, c)!);
  it('compares strings exactly after trimming; blanks are not equal to anything', () => {
    expect(mask({ column: 'stage', op: 'eq', value: 'Won' })).toEqual([1, 1, 0, 0, 0]);
    expect(mask({ column: 'stage', op: 'ne', value: 'Won' })).toEqual([0, 0, 1, 1, 1]);
    expect(mask({ column: 'stage', op: 'eq', value: 'won' })).toEqual([0, 0, 0, 0, 0]); // exact
    expect(mask({ column: 'region', op: 'in', values: ['East', 'North'] })).toEqual([1, 0, 1, 1, 0]);
    expect(mask({ column: 'region', op: 'not_in', values: ['East', 'North'] })).toEqual([0, 1, 0, 0, 1]);
    expect(mask({ column: 'region', op: 'contains', value: 'st' })).toEqual([1, 1, 0, 1, 1]);
    expect(mask({ column: 'stage', op: 'blank' })).toEqual([0, 0, 0, 1, 1]);
  });
  it('compares money in currency units exactly (1.1 is 110 cents, not 110.00000000000001)', () => {
    expect(mask({ column: 'amount', op: 'gte', value: 1.1 })).toEqual([1, 0, 1, 0, 1]);
    expect(mask({ column: 'amount', op: 'gt', value: 0 })).toEqual([1, 0, 1, 0, 1]);
    expect(mask({ column: 'amount', op: 'between', min: 1, max: 2 })).toEqual([1, 0, 0, 0, 1]);
    expect(mask({ column: 'amount', op: 'not_blank' })).toEqual([1, 1, 1, 0, 1]);
  });
  it('takes ISO dates for date columns', () => {
    expect(mask({ column: 'closed', op: 'gte', value: '2026-11-15' })).toEqual([0, 1, 1, 0, 1]);
    expect(mask({ column: 'closed', op: 'between', min: '2026-11-01', max: '2026-11-30' })).toEqual([1, 1, 1, 0, 0]);
    expect(mask({ column: 'n', op: 'in', values: [2, '4'] })).toEqual([0, 1, 0, 1, 0]);
  });
  it('a missing column gives null; filter text reads like the scheme', () => {
    expect(conditionMask(t, { column: 'nope', op: 'blank' })).toBeNull();
    expect(
      en(
        filterText([
          { column: 'stage', op: 'eq', value: 'Won' },
          { column: 'amount', op: 'gt', value: 0 },
        ]),
      ),
    ).toBe('stage = Won AND amount > 0');
    expect(
      en(
        filterText([
          { column: 'region', op: 'in', values: ['East', 'West'] },
          { column: 'paid', op: 'not_blank' },
        ]),
      ),
    ).toBe('region in (East, West) AND paid is not blank');
  });
});

describe('targets file', () => {
  it('keeps rows of the period, reports unknown reps/metrics and repeats', () => {
    const t = table('targets', {
      rep: ['string', ['A', 'A', 'Z', 'A', 'B', 'B']],
      metric: ['string', ['rev', 'rev', 'rev', 'nope', 'rev', 'rev']],
      period: ['string', ['2026-11', '2026/11', '2026-11', '2026-11', '2026-Q4', '2026-11']],
      target: ['number', [10, 20, 30, 40, 50, null]],
      threshold: ['number', [5, null, null, null, null, null]],
    });
    const r = targetsFromFile(
      t,
      source('targets', { date: undefined, period: 'period' }),
      repLookup([rep('A'), rep('B')]),
      [metric('rev', { kind: 'derived', text: '1', formula: { type: 'num', value: 1 } })],
      period('2026-11'),
    );
    expect([...r.targets.values()]).toEqual([{ target: 10, threshold: 5, row: 2 }]);
    expect(r.issues.map((i) => i.row)).toEqual([3, 4, 5, 7]); // repeat, unknown rep, unknown metric, blank target
  });
  it("a percentage metric's target written as percent points (80 for 80 %) is reported and not used (red team)", () => {
    // Read as 80 (8000 %), it would score a 30 % win rate at 0.4 % and the run would look final.
    const t = table('targets', {
      rep: ['string', ['A', 'B', 'A', 'B']],
      metric: ['string', ['win', 'win', 'rev', 'rev']],
      period: ['string', ['2026-11', '2026-11', '2026-11', '2026-11']],
      target: ['number', [80, 0.8, 80, 0.5]],
      threshold: ['number', [null, 60, null, null]],
    });
    const one = { kind: 'derived', text: '1', formula: { type: 'num', value: 1 } } as const;
    const metrics = [metric('win', one, { unit: 'percent' }), metric('rev', one, { unit: 'money' })];
    const r = targetsFromFile(t, source('targets', { date: undefined, period: 'period' }), repLookup([rep('A'), rep('B')]), metrics, period('2026-11'));
    expect([...r.targets.values()]).toEqual([
      { target: 80, row: 4 },
      { target: 0.5, row: 5 },
    ]);
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.reason, i.action])).toEqual([
      [2, 'target', '80', 'target of A for win (a percentage) is 80, which means 8000%; write 80% or 0.8 in the file; row ignored', 'skipped'],
      [3, 'threshold', '60', 'threshold of B for win (a percentage) is 60, which means 6000%; write 60% or 0.6 in the file; row ignored', 'skipped'],
    ]);
  });
});

describe('expressions', () => {
  it('evaluates with nulls, /0 and functions, and prints with the needed brackets', () => {
    const e = {
      type: 'binary',
      op: '/',
      left: { type: 'binary', op: '-', left: { type: 'ref', name: 'a' }, right: { type: 'ref', name: 'b' } },
      right: { type: 'call', fn: 'abs', args: [{ type: 'ref', name: 'b' }] },
    } satisfies Expr as Expr;
    const vals: Record<string, number | null> = { a: 12, b: -4 };
    expect(evalExpr(e, (n) => vals[n] ?? null)).toBe(4); // (12 − −4) / 4
    expect(exprText(e)).toBe('(a - b) / abs(b)');
    expect(evalExpr(e, (n) => (n === 'b' ? 0 : 1))).toBeNull(); // division by 0
    expect(evalExpr(e, () => null)).toBeNull();
    expect(
      evalExpr(
        {
          type: 'call',
          fn: 'round',
          args: [
            { type: 'num', value: 1.005 },
            { type: 'num', value: 2 },
          ],
        },
        () => null,
      ),
    ).toBe(1.01);
    expect(evalExpr({ type: 'binary', op: '*', left: { type: 'num', value: 1e308 }, right: { type: 'num', value: 10 } }, () => null)).toBeNull(); // overflow
  });
});
