// Small runs for the rule tests: one source "sales" (rep, date, amount, kind), metrics over it, real scoreRun.
import type { Model } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { scoreRun } from '../../src/core/score.js';
import type { Table } from '../../src/core/table.js';
import type { ReportContext } from '../../src/output/report.js';
import type { Worksheet } from '../../src/output/excel.js';
import { model, period, rep, source, table, type ModelOver } from '../core/helpers.js';

export type Row = [rep: string, amount: number, kind?: string];

export const sales = (rows: Row[], date = '2026-11-10'): Table =>
  table('sales', {
    rep: ['string', rows.map((r) => r[0])],
    date: ['date', rows.map(() => date)],
    amount: ['money', rows.map((r) => r[1])],
    kind: ['string', rows.map((r) => r[2] ?? 'sale')],
  });

export function runOf(over: ModelOver, rows: Row[], reps = [...new Set(rows.map((r) => r[0]))].map((id) => rep(id)), extra: { deductions?: Table } = {}): { model: Model; result: RunResult } {
  const m = model({ sources: [source('sales')], ...over });
  const result = scoreRun({ model: m, period: period('2026-11'), reps, tables: new Map([['sales', sales(rows)]]), ...extra });
  return { model: m, result };
}

export const reportCtx = (m: Model): ReportContext => ({ schemeFile: m.schemeFile, inputs: [], issues: [], toolVersion: '0.0.0-test', model: m });

/** Every text shown in a sheet: plain strings and the cached text of formulas. */
export function textsOf(ws: Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((c) => {
      const v = c.value as unknown;
      if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'string') out.push((v as { result: string }).result);
    });
  });
  return out;
}
