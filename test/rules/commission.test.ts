// Commission: the slices shown (Summary note, scorecard lines, JSON) add up to the commission paid, after the
// commission's max_payout and after rounding. Issue #11: "a note summing to 3,600 beside a cell of 3,000";
// "note 500.5 → 5.00, cell 5.01"; "JSON commissionSlices add up to more than commission".
import { describe, expect, it } from 'vitest';
import type { CommissionSpec, MetricSpec } from '../../src/core/model.js';
import { toJsonValue } from '../../src/output/formats.js';
import { buildReportParts } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { SUMMARY_HEADER_ROW, summaryRow } from '../../src/output/sheets/common.js';
import type { Worksheet } from '../../src/output/excel.js';
import { metric, target } from '../core/helpers.js';
import { reportCtx, runOf } from './helpers.js';
import { enAll } from '../english.js';
import { COMPONENT_RULES } from '../../src/core/rules/components/index.js';
import { formulaText, ref } from '../../src/core/formula.js';
import type { MetricResult } from '../../src/core/results.js';

const revenue: MetricSpec = metric(
  'revenue',
  { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
  { target: target({ default: 100_000 }) },
);

function run(commission: CommissionSpec, amount: number) {
  return runOf({ metrics: [revenue], weights: { ae: { revenue: 1 } }, commission }, [['A', amount]]);
}

/** The Summary's Commission cell of the first rep: its cached value and its note. */
function commissionCell(ws: Worksheet): { value: number; note: string } {
  let col = 0;
  ws.getRow(SUMMARY_HEADER_ROW).eachCell((c, i) => {
    if (c.value === 'Commission') col = i;
  });
  const cell = ws.getCell(summaryRow(0), col);
  const v = cell.value as { result?: number } | number;
  return { value: typeof v === 'number' ? v : (v.result ?? 0), note: typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note) };
}

/** The money figures after "→" or ":" at the end of each note line, summed (the last line is the total). */
function noteParts(note: string): { parts: number[]; total: number } {
  const lines = note.split('\n');
  const num = (l: string): number => Number(l.replace(/.*(?:→|:)\s*/, '').replace(/,/g, ''));
  return { parts: lines.slice(0, -1).map(num), total: num(lines[lines.length - 1]!) };
}

const cents = (xs: number[]): number => xs.reduce((s, x) => s + Math.round(x * 100), 0);

describe('commission capped by its max_payout', () => {
  // 200,000 marginal: 100,000 × 1 % + 100,000 × 2.6 % = 3,600, capped at 3,000.
  const spec: CommissionSpec = {
    metric: 'revenue',
    mode: 'marginal',
    maxPayout: 3000,
    tiers: [
      { from: 0, to: 100_000, rate: 0.01 },
      { from: 100_000, rate: 0.026 },
    ],
  };
  const { model, result } = run(spec, 200_000);
  const r = result.reps[0]!;

  it('the core keeps the slices and what the cap took off', () => {
    expect(r.commission).toBe(3000);
    expect(r.commissionBeforeCap).toBe(3600);
    expect(enAll(r.steps).find((s) => s.startsWith('commission'))).toContain('= 3,600.00, capped at 3,000.00 (commission max payout)');
  });
  it('the Summary note adds up to the cell', () => {
    const c = commissionCell(buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Summary')!);
    expect(c.value).toBe(3000);
    const { parts, total } = noteParts(c.note);
    expect(total).toBe(3000);
    expect(c.note).toContain('capped at the commission max payout: -600.00');
    expect(cents(parts)).toBe(300_000);
  });
  it('the JSON slices and the cap adjustment add up to the commission', () => {
    const j = toJsonValue(result).reps[0]!;
    expect(cents([...j.commissionSlices.map((s) => s.commission ?? NaN), j.commissionCapAdjustment ?? NaN])).toBe(Math.round((j.commission ?? NaN) * 100));
    expect(j.commissionBeforeCap).toBe(3600);
  });
  it('the scorecard lines add up to its commission line', () => {
    const ws = buildScorecard(result, r, reportCtx(model)).getWorksheet('Scorecard')!;
    const lines: number[] = [];
    let commission: number | undefined;
    ws.eachRow((row) => {
      const label = String(row.getCell(1).value ?? '');
      const v = row.getCell(2).value as number | { result?: number } | null;
      const n = typeof v === 'number' ? v : (v?.result ?? 0);
      if (/^\s+Commission /.test(label) || /max payout/.test(label)) lines.push(n);
      else if (label === 'Commission') commission = n;
    });
    expect(commission).toBe(3000);
    expect(cents(lines)).toBe(300_000);
  });
});

describe('commission slices rounded so that they add up', () => {
  // 500.5 × 1 % = 5.005 → 5.01 (half away from zero); the one slice must say 5.01 too, not 5.00.
  const spec: CommissionSpec = { metric: 'revenue', mode: 'marginal', tiers: [{ from: 0, rate: 0.01 }] };
  const { model, result } = run(spec, 500.5);
  it('note, JSON and cell agree', () => {
    const c = commissionCell(buildReportParts(result, reportCtx(model)).workbook.getWorksheet('Summary')!);
    expect(c.value).toBe(5.01);
    expect(c.note).toContain('→ 5.01');
    expect(toJsonValue(result).reps[0]!.commissionSlices[0]!.commission).toBe(5.01);
  });
});

describe('a tiered commission component is a live formula with its tiers in it (issue #11)', () => {
  const tiers = [
    { from: 40_000, to: 100_000, rate: 0.01 },
    { from: 0, to: 40_000, rate: 0.005 },
    { from: 100_000, rate: 0.015 },
  ];
  const component = (mode: 'marginal' | 'retroactive', maxPayout?: number) => ({
    kind: 'commission' as const,
    name: 'tiered',
    label: 'Tiered',
    index: 0,
    commission: { metric: 'revenue', mode, tiers, ...(maxPayout !== undefined ? { maxPayout } : {}) },
  });
  const cells = (basis: number | null) => ({ basis: ref('E2', basis), rate: ref('F2', null), metric: () => undefined, lowerIsBetter: () => false });
  const formula = (mode: 'marginal' | 'retroactive', basis: number | null, maxPayout?: number) => {
    const c = component(mode, maxPayout);
    const v = COMPONENT_RULES.commission.value(
      c,
      { metric: () => (basis === null ? undefined : ({ actual: basis } as MetricResult)), lowerIsBetter: () => false },
      String,
    );
    const f = COMPONENT_RULES.commission.formula(c, v, cells(basis));
    return { amount: v.amount, f: f && formulaText(f), v: f?.v };
  };

  it('marginal: each slice at its rate, the cap on the sum', () => {
    // 157,500 = 40,000 × 0.5% + 60,000 × 1% + 57,500 × 1.5% = 200 + 600 + 862.5 = 1,662.50
    expect(formula('marginal', 157_500)).toEqual({
      amount: 1662.5,
      f: 'MAX(0,(((MAX(0,(MIN(N(E2),40000)-0))*0.005)+(MAX(0,(MIN(N(E2),100000)-40000))*0.01))+(MAX(0,(N(E2)-100000))*0.015)))',
      v: 1662.5,
    });
    expect(formula('marginal', 157_500, 1500)).toMatchObject({ amount: 1500, v: 1500 });
    expect(formula('marginal', 157_500, 1500).f).toMatch(/^MIN\(1500,MAX\(0,/);
  });

  it('retroactive: the whole amount at the reached tier, a LOOKUP over the tiers as constants', () => {
    // 81,000 reaches the 40,000 tier: 81,000 × 1% = 810
    expect(formula('retroactive', 81_000)).toEqual({
      amount: 810,
      f: 'MAX(0,IF(N(E2)>0,(N(E2)*LOOKUP(N(E2),{0,40000,100000},{0.005,0.01,0.015})),0))',
      v: 810,
    });
  });

  it('no amount to pay on: 0 as a formula, not a value', () => {
    expect(formula('marginal', null)).toMatchObject({ amount: 0, v: 0 });
    expect(formula('retroactive', 0)).toMatchObject({ amount: 0, v: 0 });
  });
});
