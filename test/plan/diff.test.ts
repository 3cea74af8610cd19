import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import type { BonusSpec, Model } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { compareRuns, viewOfResult, type Cause, type RunView } from '../../src/plan/diff.js';
import { english, say, translator } from '../../src/messages/index.js';
import { schemeChanges } from '../../src/plan/scheme-changes.js';
import { inputChanges, savedRun, SavedRunError } from '../../src/plan/score-json.js';
import { loadScheme } from '../../src/commands/pipeline.js';
import { toJsonValue } from '../../src/output/formats.js';
import { metric, model, period, rep, source, stepBonus, table, target } from '../core/helpers.js';

/** The causes as the English run says them. */
const en = (causes: readonly Cause[]) => causes.map((c) => ({ kind: c.kind, text: say(c.text, english) }));

// rev = sum of amount, target 100, ratio; step tiers; base bonus 1,000.
const tiers = (near: number): BonusSpec =>
  stepBonus([
    ['Below', 0, 0],
    ['Near', 0.8, near],
    ['On', 1, 1.2],
  ]);
const rev = metric(
  'rev',
  { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
  { unit: 'money', target: target({ default: 100 }), scoring: { method: 'ratio', cap: 2 } },
);
const base = model({ sources: [source('sales')], metrics: [rev], weights: { ae: { rev: 1 } }, bonus: tiers(0.8) });
const sales = (rows: [string, number][]) =>
  table('sales', { rep: ['string', rows.map((r) => r[0])], date: ['date', rows.map(() => '2026-11-10')], amount: ['money', rows.map((r) => r[1])] });
const run = (m: Model, rows: [string, number][], reps = rows.map((r) => rep(r[0]))): RunView =>
  viewOfResult(scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', sales(rows)]]) }));

describe('comparing two schemes on the same data, by hand', () => {
  // A 85 (Near), B 105 (On), C 50 (Below). New scheme: Near pays 0.9.
  const a = run(base, [
    ['A', 85],
    ['B', 105],
    ['C', 50],
  ]);
  const b = run(model({ ...base, bonus: tiers(0.9) }), [
    ['A', 85],
    ['B', 105],
    ['C', 50],
  ]);
  const d = compareRuns(a, b, 'rules');

  it('per-rep deltas, winners, losers and the cost delta', () => {
    expect(d.reps.map((r) => [r.id, r.payoutA, r.payoutB, r.change])).toEqual([
      ['A', 800, 900, 100],
      ['B', 1200, 1200, 0],
      ['C', 0, 0, 0],
    ]);
    expect([d.winners, d.losers, d.unchanged]).toEqual([1, 0, 2]);
    expect(d.cost.change).toEqual({ bonus: 100, commission: 0, deductions: 0, payout: 100 });
    expect(d.cost.a.payout).toBe(2000);
    expect(d.tierMoves).toEqual([]);
  });

  it('says why: the same tier at the same score pays another multiplier (rules)', () => {
    expect(en(d.reps[0]!.causes)).toEqual([{ kind: 'rules', text: 'multiplier 0.8 → 0.9 at the same score' }]);
    expect(say(d.reps[0]!.causes[0]!.text, translator('zh-CN'))).toBe('系数 0.8 → 0.9（总分不变）');
    expect(d.changedBy).toEqual({ data: 0, rules: 1, both: 0 });
  });

  it('tier moves, and a new target as a rules cause', () => {
    const harder = model({ ...base, metrics: [{ ...rev, target: target({ default: 110 }) }] });
    const m = compareRuns(
      a,
      run(harder, [
        ['A', 85],
        ['B', 105],
        ['C', 50],
      ]),
      'rules',
    );
    // B: 105 / 110 = 95.5 % → Near (800); A: 85 / 110 = 77.3 % → Below (0).
    expect(m.tierMoves).toEqual([
      { from: 'Near', to: 'Below', reps: ['A'] },
      { from: 'On', to: 'Near', reps: ['B'] },
    ]);
    expect(en(m.reps.find((r) => r.id === 'B')!.causes)).toEqual([{ kind: 'rules', text: 'rev target 100 → 110' }]);
    expect(m.cost.change.payout).toBe(-1200);
  });

  it('two runs: a changed actual is data; a rep on one roster only counts as 0 on the other', () => {
    const later = run(base, [
      ['A', 105],
      ['B', 105],
      ['D', 90],
    ]);
    const m = compareRuns(a, later, 'data');
    expect(m.reps.map((r) => [r.id, r.change])).toEqual([
      ['D', 800],
      ['A', 400],
      ['B', 0],
      ['C', 0],
    ]);
    expect(en(m.reps.find((r) => r.id === 'A')!.causes)).toEqual([{ kind: 'data', text: 'rev actual 85 → 105' }]);
    expect(m.reps.find((r) => r.id === 'D')).toMatchObject({ inA: false, inB: true, payoutA: null });
    expect(en(m.reps.find((r) => r.id === 'D')!.causes)).toEqual([{ kind: 'data', text: 'new on the roster' }]);
    expect(m.reps.find((r) => r.id === 'C')).toMatchObject({ inA: true, inB: false, payoutB: null });
  });
});

describe('diff of a thing with itself is empty (property)', () => {
  const arb = fc.record({
    near: fc.double({ min: 0, max: 2, noNaN: true }),
    target: fc.integer({ min: 1, max: 1000 }),
    amounts: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 12 }),
  });
  it('the same scheme on the same data: no rep, tier, cost or key moves', () => {
    fc.assert(
      fc.property(arb, ({ near, target: t, amounts }) => {
        const m = model({ ...base, bonus: tiers(near), metrics: [{ ...rev, target: target({ default: t }) }] });
        const rows = amounts.map((x, i): [string, number] => [`R${i}`, x]);
        const d = compareRuns(run(m, rows), run(m, rows), 'rules');
        expect(d.reps.every((r) => r.change === 0 && r.causes.length === 0 && r.tierA === r.tierB)).toBe(true);
        expect(d.cost.change).toEqual({ bonus: 0, commission: 0, deductions: 0, payout: 0 });
        expect([d.winners, d.losers, d.tierMoves.length]).toEqual([0, 0, 0]);
        expect(schemeChanges(m, m)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a change of one weight, target or multiplier is found, at its key', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0.01, max: 1, noNaN: true }), ({ near, target: t }, bump) => {
        const m = model({ ...base, bonus: tiers(near), metrics: [{ ...rev, target: target({ default: t }) }] });
        expect(schemeChanges(m, model({ ...m, bonus: tiers(near + bump) })).map((c) => c.path)).toEqual(['bonus.tiers.1.multiplier']);
        expect(schemeChanges(m, model({ ...m, metrics: [{ ...rev, target: target({ default: t + 1 }) }] })).map((c) => c.path)).toEqual([
          'metrics.rev.target.default',
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it("a threshold or stretch is shown as the scheme writes it (60%), in no language but the scheme's", () => {
    const withBounds = (threshold: number) =>
      model({
        ...base,
        metrics: [
          { ...rev, target: { ...target({ default: 100 }), threshold: { kind: 'relative', fraction: threshold }, stretch: { kind: 'absolute', value: 150 } } },
        ],
      });
    expect(schemeChanges(withBounds(0.5), withBounds(0.6))).toEqual([{ path: 'metrics.rev.target.threshold', a: '"50%"', b: '"60%"', kind: 'rules' }]);
  });

  it('the plan rules of issue 12 are compared too: components, 红线 prices, role plans, rollups (red team 23)', async () => {
    // "Scheme changes: none that affect pay" was printed while the 回款 rate, a 红线 price or a role plan changed
    // the payouts: the comparison looked at bonus, commission and gates only.
    const file = path.resolve(import.meta.dirname, '../fixtures/pay/scheme.yaml');
    const m = (await loadScheme(file)).model!;
    expect(schemeChanges(m, m)).toEqual([]);
    const cash = m.components!.map((c) => (c.kind === 'collection' ? { ...c, tiers: [{ from: 0, rate: 0.03 }] } : c));
    const rules = new Map([...m.redLines!].map(([k, r]) => [k, k === 'complaint' ? { ...r, value: 0.2 } : r]));
    const kam = m.plans!.get('kam')!;
    const plans = new Map([['kam', { ...kam, commission: undefined }]]);
    const changed = schemeChanges(m, { ...m, components: cash, redLines: rules, plans, rollups: new Map([['kam', 'team']]) });
    expect(changed.map((c) => [c.path, c.kind])).toEqual([
      ['deductions.rules.complaint.value', 'rules'],
      ['rollups', 'rules'],
      ['components.cash_commission.tiers.0.rate', 'rules'],
      ['plans.kam.commission', 'rules'],
    ]);
    expect(changed.find((c) => c.path === 'plans.kam.commission')).toMatchObject({ a: '"none"', b: null });
  });

  it('the shipped example loaded twice (and its JSON read back) compares equal', async () => {
    const file = path.resolve(import.meta.dirname, '../../examples/acme/scheme.yaml');
    const [x, y] = await Promise.all([loadScheme(file), loadScheme(file)]);
    expect(schemeChanges(x.model!, y.model!)).toEqual([]);
    const rows: [string, number][] = [
      ['A', 85],
      ['B', 105],
    ];
    const r = scoreRun({ model: base, period: period('2026-11'), reps: rows.map((q) => rep(q[0])), tables: new Map([['sales', sales(rows)]]) });
    const saved = savedRun(JSON.parse(JSON.stringify(toJsonValue(r))));
    expect(compareRuns(saved.view, saved.view, 'data').reps.every((q) => q.causes.length === 0)).toBe(true);
    expect(saved.view.reps.map((q) => q.payout)).toEqual(viewOfResult(r).reps.map((q) => q.payout));
  });
});

describe('saved runs', () => {
  it('a file that is not a kpi-score/1 run is refused with the field that is wrong', () => {
    expect(() => savedRun({ format: 'kpi-backtest/1' })).toThrow(new SavedRunError('its format is "kpi-backtest/1", not "kpi-score/1"'));
    expect(() => savedRun([])).toThrow(SavedRunError);
    const rows: [string, number][] = [['A', 85]];
    const good = JSON.parse(
      JSON.stringify(toJsonValue(scoreRun({ model: base, period: period('2026-11'), reps: [rep('A')], tables: new Map([['sales', sales(rows)]]) }))),
    );
    good.reps[0].payout = '800';
    expect(() => savedRun(good)).toThrow('reps[0].payout should be a number');
  });

  it('input files are matched by source and told apart by SHA-256', () => {
    const f = (source: string, sha: string, role = 'data') => ({ source, role, file: `${source}.csv`, sha256: sha, rows: 1 });
    expect(
      inputChanges([f('sales', 'x'), f('reps', 'r', 'roster'), f('old', 'o')], [f('sales', 'y'), f('reps', 'r', 'roster'), f('new', 'n')]).map((c) => [
        c.source,
        c.change,
      ]),
    ).toEqual([
      ['sales', 'changed'],
      ['old', 'removed'],
      ['new', 'added'],
    ]);
  });
});
