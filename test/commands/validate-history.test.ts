// `kpi validate` replays the scheme on the periods before the one it checks (the SMART history checks) with
// scoreFigures: each rep's metrics and gates only, without the steps that explain a score and without the pay
// (bonus, commission, pay lines, payout): nobody reads them there. Every figure it returns, and so every finding
// and diagnostic, must be what the full scoring gives. The main score of validate leaves the steps out too
// (ScoreInput.explain: false), with the same figures.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MetricSpec, Rep } from '../../src/core/model.js';
import { createEngine } from '../../src/core/metrics.js';
import type { RunResult } from '../../src/core/results.js';
import { periodHasData, scoreRun } from '../../src/core/score.js';
import { scoreFigures, type PeriodFigures } from '../../src/core/score-figures.js';
import { prepareRun } from '../../src/commands/pipeline.js';
import { historyDiagnostics } from '../../src/commands/validate-history.js';
import { coded } from '../../src/commands/checks/run-issue.js';
import { historyFindings, unreachablePayoutCap } from '../../src/plan/history-lint.js';
import { periodsBefore } from '../../src/plan/periods.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { metric, model, period, rep, source, table, target } from '../core/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// The Acme example with a threshold few reached, a target all reached and a gate that zeroes most in its history
// (as test/e2e/plan.test.ts): KPI1311, KPI1312 and KPI1313 to compare.
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
const HARD = path.join(dir, 'scheme.yaml');
writeFileSync(
  HARD,
  readFileSync(HARD, 'utf8')
    .replace('threshold: 60%, stretch: 150%', 'threshold: 95%, stretch: 150%')
    .replace('level: 80%, effect: zero_bonus', 'level: 92%, effect: zero_bonus')
    .replace('target: { default: 4, by_team: { West: 3 } }', 'target: { default: 2 }'),
);

/** The result as the history checks may see it: each metric's steps are its actual's only. */
function figuresOf(r: RunResult) {
  return { ...r, reps: r.reps.map((x) => ({ ...x, metrics: x.metrics.map((m) => ({ ...m, provenance: { ...m.provenance, steps: [] } })) })) };
}

/** What scoreFigures returns of a period, in roster order, without steps (the gates' own texts stay). */
function metricsAndGates(r: PeriodFigures | RunResult) {
  const reps = [...r.reps].sort((a, b) => (a.rep.id < b.rep.id ? -1 : a.rep.id > b.rep.id ? 1 : 0));
  return {
    period: r.period,
    reps: reps.map((x) => ({
      rep: x.rep,
      hasData: x.hasData,
      gates: x.gates,
      metrics: x.metrics.map((m) => ({ ...m, provenance: { ...m.provenance, steps: [] } })),
    })),
  };
}

describe('the history replay of kpi validate, without the scoring steps', () => {
  const schemes = ['examples/acme/scheme.yaml', 'examples/china/scheme.yaml', 'examples/teams/scheme.yaml', 'test/fixtures/pay/scheme.yaml'];
  for (const [name, scheme] of [...schemes.map((s) => [s, path.join(ROOT, s)]), ['the Acme example made hard', HARD]] as const) {
    it(`${name}: the same figures, findings and diagnostics as the full scoring`, async () => {
      const prepared = await prepareRun(scheme, undefined, { allColumns: true });
      if (!prepared.ok) throw new Error(`${scheme} did not prepare`);
      const run = prepared.run;
      const shared = createEngine(run.model, run.tables, run.reps);
      const periods = periodsBefore(run.period)
        .reverse()
        .filter((p) => periodHasData(shared, p));
      const full = scorePeriods(run, periods, shared);
      const light = scorePeriods({ ...run, explain: false }, periods, createEngine(run.model, run.tables, run.reps));
      expect(light.map(figuresOf)).toEqual(full.map(figuresOf));
      // The steps of the actual stay; only the scoring's own are left out.
      expect(light.flatMap((r) => r.reps.flatMap((x) => x.metrics.map((m) => m.provenance.steps.length)))).not.toEqual(
        full.flatMap((r) => r.reps.flatMap((x) => x.metrics.map((m) => m.provenance.steps.length))),
      );
      // What the history checks replay: each rep's metrics and gates as the full scoring makes them.
      const figures = periods.map((period) => scoreFigures({ ...run, period, shared: createEngine(run.model, run.tables, run.reps) }));
      expect(figures.map(metricsAndGates)).toEqual(full.map(metricsAndGates));
      expect(figures.every((f, k) => f.reps.length === full[k]!.reps.length)).toBe(true);
      // What validate says, against what the full scoring would have made it say.
      const expected = historyFindings(run.model, full);
      const cap = unreachablePayoutCap(run.model, run.reps);
      const said = historyDiagnostics(run, createEngine(run.model, run.tables, run.reps));
      expect(said.map((d) => [d.code, d.params, d.line, d.col])).toEqual(
        [...(cap ? [cap] : []), ...(full.length >= 2 ? expected : [])].map((f) => {
          const c = coded(f.problem);
          const at = run.loaded.positionOf?.(f.path, f.atKey) ?? { line: 0, col: 0 };
          return [c.code, c.params, at.line, at.col];
        }),
      );
    });
  }

  it('the Acme example made hard has history findings to compare (the comparison above is not empty)', async () => {
    const prepared = await prepareRun(HARD, undefined, { allColumns: true });
    if (!prepared.ok) throw new Error('acme did not prepare');
    const said = historyDiagnostics(prepared.run, createEngine(prepared.run.model, prepared.run.tables, prepared.run.reps));
    expect(said.map((d) => d.code).sort()).toEqual(['KPI1311', 'KPI1312', 'KPI1313']);
  });

  it('on random rows, rosters with team leads, gates and targets: every figure of every period', () => {
    const metrics: MetricSpec[] = [
      metric(
        'revenue',
        { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'stage', op: 'eq', value: 'Won' }] },
        { unit: 'money', target: target({ default: 100, threshold: { kind: 'relative', fraction: 0.5 }, stretch: { kind: 'relative', fraction: 1.5 } }) },
      ),
      metric('deals', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [] }, { unit: 'count', target: target({ default: 2 }) }),
      metric('growth', { kind: 'growth', metric: 'revenue', compare: 'previous_period' }, { unit: 'percent', target: target({ default: 0.1 }) }),
    ];
    const roster: Rep[] = [
      rep('L', { role: 'lead', team: 'East' }),
      rep('A', { team: 'East', manager: 'L' }),
      rep('B', { team: 'East', manager: 'L' }),
      rep('C', { team: 'West' }),
    ];
    const row = fc.record({
      rep: fc.constantFrom('L', 'A', 'B', 'C', 'X', ''),
      amount: fc.integer({ min: -50, max: 500 }),
      stage: fc.constantFrom('Won', 'Lost'),
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), (rows, rollups, month) => {
        const sales = table('sales', {
          rep: ['string', rows.map((r) => r.rep || null)],
          amount: ['money', rows.map((r) => r.amount)],
          stage: ['string', rows.map((r) => r.stage)],
          date: ['date', rows.map((r) => `2026-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`)],
        });
        const run = {
          model: model({
            sources: [source('sales')],
            metrics,
            weights: { ae: { revenue: 0.7, deals: 0.3 }, lead: { revenue: 1 } },
            // A gate of each effect: a failed zero_metric gate changes a metric's figures (its weighted score).
            gates: [
              { metric: 'deals', of: 'actual', level: 2, effect: 'zero_metric' },
              { metric: 'revenue', of: 'achievement', level: 0.8, effect: 'zero_bonus' },
            ],
            ...(rollups ? { rollups: new Map([['lead', 'team' as const]]) } : {}),
          }),
          reps: roster,
          tables: new Map([['sales', sales]]),
        };
        const p = period(`2026-${String(month).padStart(2, '0')}`);
        const full = scoreRun({ ...run, period: p });
        expect(figuresOf(scoreRun({ ...run, period: p, explain: false }))).toEqual(figuresOf(full));
        expect(metricsAndGates(scoreFigures({ ...run, period: p }))).toEqual(metricsAndGates(full));
      }),
      { numRuns: 60 },
    );
  });
});
