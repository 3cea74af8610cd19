// The Details sheet writes each metric's figures as the formula of the rule that computed them (issue #11:
// linear scoring was flat beyond the stretch in Excel while the core keeps the slope; bands without a target
// were noted "no target").
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/core/model.js';
import { buildReportParts } from '../../src/output/report.js';
import { metric, target } from '../core/helpers.js';
import { reportCtx, rowWhere, runOf } from './helpers.js';

const revenue = (over: Partial<MetricSpec>): MetricSpec =>
  metric('revenue', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] }, over);

describe('linear scoring beyond the stretch', () => {
  // target 100, threshold 60 %, stretch 150 %, scores 50 % / 100 % / 150 %, cap 200 %: actual 175 → the last
  // slope (1 % of score per 1 of actual) continues: 150 % + 25 % = 175 %.
  const linear = revenue({
    target: target({ default: 100, threshold: { kind: 'relative', fraction: 0.6 }, stretch: { kind: 'relative', fraction: 1.5 } }),
    scoring: { method: 'linear', cap: 2, thresholdScore: 0.5, stretchScore: 1.5 },
  });
  const { model, result } = runOf({ metrics: [linear], weights: { ae: { revenue: 1 } } }, [['A', 175]]);
  it('the core keeps the slope', () => {
    expect(result.reps[0]!.metrics[0]!.score).toBeCloseTo(1.75, 12);
  });
  it('so does the Details formula', () => {
    const row = rowWhere(buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Details')!, 'Metric', 'revenue');
    expect(row.get('Score')!.formula).toBeDefined();
    expect(row.get('Score')!.value).toBeCloseTo(1.75, 12);
    expect(row.get('Score')!.note).toBeUndefined();
    // The bounds are the target's fractions, live.
    expect(row.get('Threshold')!.formula).toBe('G2*0.6');
    expect(row.get('Stretch')!.formula).toBe('G2*1.5');
  });
});

describe('bands without a target', () => {
  const banded = revenue({
    scoring: {
      method: 'bands',
      cap: 1.5,
      bands: [
        { from: 0, to: 100, score: 0.5 },
        { from: 100, score: 1 },
      ],
    },
  });
  const { model, result } = runOf({ metrics: [banded], weights: { ae: { revenue: 1 } } }, [['A', 120]]);
  it('score from the band, as a formula, and no "no target" note', () => {
    const row = rowWhere(buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Details')!, 'Metric', 'revenue');
    expect(row.get('Score')!.formula).toBe('MIN(1.5,MAX(0,IF(AND(F2>=0,F2<100),0.5,IF(F2>=100,1,0))))');
    expect(row.get('Score')!.value).toBe(1);
    expect(row.get('Score')!.note ?? '').not.toContain('no target');
    expect(row.get('Weighted score')!.formula).toBe('L2*K2');
  });
});

describe('actuals computed from other metrics', () => {
  const won = metric('won', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [] });
  const rev = revenue({ target: target({ default: 100 }) });
  const aov = metric(
    'aov',
    {
      kind: 'derived',
      formula: { type: 'binary', op: '/', left: { type: 'ref', name: 'revenue' }, right: { type: 'ref', name: 'won' } },
      text: 'revenue / won',
    },
    { target: target({ default: 50 }) },
  );
  const share = metric('share', { kind: 'ratio', numerator: { metric: 'revenue' }, denominator: { metric: 'won' } }, { target: target({ default: 50 }) });
  const { model, result } = runOf({ metrics: [rev, won, aov, share], weights: { ae: { revenue: 0.5, aov: 0.25, share: 0.25 } } }, [
    ['A', 120],
    ['A', 60],
  ]);
  it('a derived metric and a ratio of metrics are formulas over their rows', () => {
    const ws = buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Details')!;
    expect(rowWhere(ws, 'Metric', 'aov').get('Actual')).toMatchObject({ formula: 'F2/F3', value: 90 });
    expect(rowWhere(ws, 'Metric', 'share').get('Actual')).toMatchObject({ formula: 'F2/F3', value: 90 });
  });
});
