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

export function runOf(
  over: ModelOver,
  rows: Row[],
  reps = [...new Set(rows.map((r) => r[0]))].map((id) => rep(id)),
  extra: { deductions?: Table } = {},
): { model: Model; result: RunResult } {
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

/** The cells of a row, by header, of the first row where `column` holds `value`. */
export function rowWhere(ws: Worksheet, column: string, value: string): Map<string, { value: unknown; note: string | undefined; formula: string | undefined }> {
  const headers = new Map<number, string>();
  ws.getRow(1).eachCell((c, i) => headers.set(i, String(c.value)));
  const col = [...headers].find(([, h]) => h === column)![0];
  let found: Map<string, { value: unknown; note: string | undefined; formula: string | undefined }> | undefined;
  ws.eachRow((row, n) => {
    if (found || n === 1 || row.getCell(col).value !== value) return;
    found = new Map();
    for (const [i, h] of headers) {
      const c = row.getCell(i);
      const v = c.value as { formula?: string; result?: unknown } | null;
      const isFormula = v !== null && typeof v === 'object' && 'formula' in v;
      const note = typeof c.note === 'string' ? c.note : undefined;
      found.set(h, { value: isFormula ? v.result : v, note, formula: isFormula ? v.formula : undefined });
    }
  });
  if (!found) throw new Error(`no row with ${column} = ${value}`);
  return found;
}
