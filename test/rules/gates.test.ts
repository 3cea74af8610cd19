// Gate text follows the gate's `of` and the metric's direction, the same in steps (JSON, explain), the Details
// and Summary sheets, the terminal and the scorecard. Issue #11: "cac achievement 80 % > 85 %"; "breaches below
// its gate" for 1 breach against a level of 0.
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { buildReportParts } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { gateReason } from '../../src/output/view.js';
import { renderTable } from '../../src/output/terminal.js';
import { metric, target } from '../core/helpers.js';
import { reportCtx, runOf, sales, textsOf } from './helpers.js';
import { model, period, rep, source } from '../core/helpers.js';
import { scoreRun } from '../../src/core/score.js';
import { scoreFigures } from '../../src/core/score-figures.js';
import { createEngine } from '../../src/core/metrics.js';
import { en, enAll } from '../english.js';
import { english } from '../../src/messages/index.js';

const sum = (name: string, kind: string, over: Partial<MetricSpec> = {}): MetricSpec =>
  metric(name, { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'kind', op: 'eq', value: kind }] }, over);
const count = (name: string, kind: string, over: Partial<MetricSpec> = {}): MetricSpec =>
  metric(name, { kind: 'aggregate', source: 'sales', fn: 'count', filter: [{ column: 'kind', op: 'eq', value: kind }] }, over);

// cac: lower is better, target 80, actual 100 → achievement 80 %; gated on its achievement at 85 %.
const cac = sum('cac', 'cost', { direction: 'lower_is_better', target: target({ default: 80 }), scoring: { method: 'ratio', cap: 1.5 } });
const revenue = sum('revenue', 'sale', { target: target({ default: 100 }) });
// breaches: lower is better, one row → actual 1; gated on its actual at 0.
const breaches = count('breaches', 'breach', { direction: 'lower_is_better', target: target({ default: 0 }) });

describe('gate on the achievement of a lower-is-better metric', () => {
  const { model, result } = runOf(
    { metrics: [revenue, cac], weights: { ae: { revenue: 0.5, cac: 0.5 } }, gates: [{ metric: 'cac', of: 'achievement', level: 0.85, effect: 'zero_bonus' }] },
    [
      ['A', 100, 'sale'],
      ['A', 100, 'cost'],
    ],
  );
  const r = result.reps[0]!;
  it('compares the achievement upwards: 80% < 85%', () => {
    expect(r.metrics[1]!.achievement).toBe(0.8);
    expect(enAll(r.steps)).toContain('gate failed: cac achievement 80% < 85% → bonus zeroed');
    expect(en(r.gates[0]!.text)).toBe('cac achievement 80% < 85%');
    expect(gateReason(r, english)).toBe('cac achievement 80% is below its gate of 85%');
  });
  it('says the same on the Summary sheet', () => {
    const ws = buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Summary')!;
    expect(textsOf(ws)).toContain('bonus zeroed: cac achievement 80% is below its gate of 85%');
  });
});

describe('gate on the actual of a lower-is-better metric', () => {
  const { model, result } = runOf(
    { metrics: [revenue, breaches], weights: { ae: { revenue: 1 } }, gates: [{ metric: 'breaches', of: 'actual', level: 0, effect: 'zero_bonus' }] },
    [
      ['A', 100, 'sale'],
      ['A', 0, 'breach'],
    ],
  );
  const r = result.reps[0]!;
  it('1 breach against a level of 0 is above the gate, not below', () => {
    expect(enAll(r.steps)).toContain('gate failed: breaches actual 1 > 0 → bonus zeroed');
    expect(gateReason(r, english)).toBe('breaches actual 1 is above its gate of 0');
    expect(renderTable(result, { color: false })).toContain('bonus zeroed, breaches actual 1 is above its gate of 0');
  });
  it('the scorecard says it too', () => {
    const ws = buildScorecard(result, r, reportCtx(model)).getWorksheet('Scorecard')!;
    expect(textsOf(ws)).toContain('bonus zeroed: breaches actual 1 is above its gate of 0');
  });
});

describe('zero_metric gate', () => {
  const { model, result } = runOf(
    { metrics: [revenue, cac], weights: { ae: { revenue: 0.5, cac: 0.5 } }, gates: [{ metric: 'cac', of: 'achievement', level: 0.85, effect: 'zero_metric' }] },
    [
      ['A', 100, 'sale'],
      ['A', 100, 'cost'],
    ],
  );
  const m = result.reps[0]!.metrics[1]!;
  it('notes the comparison the right way round, in the steps and on the Details sheet', () => {
    expect(en(m.note)).toBe('gate failed (cac achievement 80% < 85%): contribution zeroed');
    expect(enAll(m.provenance.steps)).toContain('gate failed: cac achievement 80% < 85% → weighted 0%');
    const ws = buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Details')!;
    expect(textsOf(ws)).toContain('gate failed (cac achievement 80% < 85%): contribution zeroed');
  });
});

describe('zero_metric gate without the explaining steps (validate, SMART history)', () => {
  // With explain: false a metric's steps are the engine's own list for the period: the gate's note must not be
  // written into it, or every later run on the same engine (the history replays one per period) says it again.
  const m = model({
    sources: [source('sales')],
    metrics: [revenue, cac],
    weights: { ae: { revenue: 0.5, cac: 0.5 } },
    gates: [{ metric: 'cac', of: 'achievement', level: 0.85, effect: 'zero_metric' }],
  });
  const tables = new Map([
    [
      'sales',
      sales([
        ['A', 100, 'sale'],
        ['A', 100, 'cost'],
      ]),
    ],
  ]);
  const reps = [rep('A')];
  const shared = createEngine(m, tables, reps);
  const failed = (steps: Parameters<typeof enAll>[0]) => enAll(steps).filter((s) => s.startsWith('gate failed')).length;
  it('says the failed gate once in every run, the engine unchanged', () => {
    for (let i = 0; i < 3; i++) {
      const r = scoreRun({ model: m, period: period('2026-11'), reps, tables, shared, explain: false }).reps[0]!;
      expect(r.metrics[1]!.weightedScore).toBe(0);
      expect(failed(r.metrics[1]!.provenance.steps)).toBe(1);
    }
    const f = scoreFigures({ model: m, period: period('2026-11'), reps, tables, shared }).reps[0]!;
    expect(failed(f.metrics[1]!.provenance.steps)).toBe(1);
  });
});
