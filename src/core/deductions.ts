// Deductions ("red lines") from the penalties file: points off the total score and amounts off the payout.
import type { Period } from './results.js';
import type { SourceSpec } from './model.js';
import { codedIssue, type Table } from './table.js';
import { problem } from '../messages/index.js';
import { numericAt } from './derived-columns.js';
import { addIssue, type Engine } from './metrics.js';
import { clean15 } from './money.js';
import { attributeRows, attributionIssues, periodMask } from './attribution.js';
import { rowsOfMask } from './period-rows.js';
import { headerOf } from './roster.js';
import { said, type Text } from './says.js';

/** One rep's deductions in the period. */
export interface Deduction {
  points: number;
  amount: number;
  /** As the file gives them (the user's words), or "no reason given". */
  reasons: Text[];
}

export const noDeduction = (): Deduction => ({ points: 0, amount: 0, reasons: [] });

/** Sums each rep's rows of the deductions file in the period; a negative value is reported and ignored. */
export function readDeductions(engine: Engine, table: Table, spec: SourceSpec, period: Period): Deduction[] {
  const out: Deduction[] = Array.from({ length: engine.nReps }, noDeduction);
  const repCol = spec.rep ?? 'rep';
  const repIdx = attributeRows(table, repCol, engine.lookup);
  const dating = {
    ...(spec.date !== undefined ? { date: spec.date } : {}),
    ...(spec.period !== undefined ? { period: spec.period } : spec.date === undefined && table.columns.has('period') ? { period: 'period' } : {}),
  };
  const mask = periodMask(table, dating, period);
  for (const i of attributionIssues(table, { ...spec, rep: repCol }, repIdx, rowsOfMask(mask), engine.lookup, period.label)) addIssue(engine, i);
  const pointsCol = table.columns.get('points');
  const amountCol = table.columns.get('amount');
  const reasonCol = table.columns.get('reason');
  const ruleCol = table.columns.get('rule');
  // Money amounts summed exactly in minor units, divided once.
  const minor = new Float64Array(engine.nReps);
  const scale = amountCol?.type === 'money' ? amountCol.scale : 0;
  for (let i = 0; i < table.rowCount; i++) {
    const r = repIdx[i]!;
    if (r < 0 || !mask[i]) continue;
    const row = table.rowNumbers[i]!;
    const p = pointsCol ? numericAt(pointsCol, i) : null;
    let a: number | null = null;
    if (amountCol && amountCol.type !== 'string') {
      const v = amountCol.values[i]!;
      if (!Number.isNaN(v)) a = v; // minor units when money
    }
    const bad = (what: 'points' | 'amount', v: number): void =>
      addIssue(
        engine,
        codedIssue(problem('KPI2521', { whatTerm: `term.${what}` }), {
          file: table.file,
          source: table.source,
          row,
          column: headerOf(spec, what),
          value: String(v),
          severity: 'warning',
          action: 'skipped',
        }),
      );
    const d = out[r]!;
    let deducted = false;
    if (p !== null && Number.isFinite(p)) {
      if (p < 0) bad('points', p);
      else {
        d.points += p;
        deducted = true;
      }
    }
    if (a !== null && Number.isFinite(a)) {
      if (a < 0) bad('amount', amountCol?.type === 'money' ? a / 10 ** scale : a);
      else {
        minor[r]! += a;
        deducted = true;
      }
    }
    // With a `rule` column, such a row is priced by its 红线 rule, or reported when it names none
    // (pay-rows.ts readRedLineHits).
    if (p === null && a === null && ruleCol !== undefined) continue;
    if (p === null && a === null) {
      // A red line written down without its points or amount: nothing to deduct, and worth saying.
      const what = pointsCol && amountCol ? 'term.pointsOrAmount' : pointsCol ? 'term.points' : 'term.amount';
      addIssue(
        engine,
        codedIssue(problem('KPI2522', { id: engine.lookup.reps[r]!.id, whatTerm: what }), {
          file: table.file,
          source: table.source,
          row,
          column: headerOf(spec, pointsCol ? 'points' : 'amount'),
          value: '',
          severity: 'warning',
          action: 'skipped',
        }),
      );
    }
    if (!deducted) continue;
    const reasonRaw = reasonCol?.type === 'string' ? (reasonCol.values[i] ?? '').trim() : '';
    d.reasons.push(reasonRaw === '' ? said('deduction.noReason') : reasonRaw);
  }
  for (let r = 0; r < engine.nReps; r++) {
    out[r]!.amount = amountCol?.type === 'money' ? minor[r]! / 10 ** scale : minor[r]!;
    out[r]!.points = clean15(out[r]!.points);
  }
  return out;
}
