// A rep given two values for one period in an input file (a survey answered twice, a corrected rating added below
// the first): the mean of both is what would be paid on. Said per rep with the rows (KPI2706).
import { periodMask } from '../../core/attribution.js';
import { normaliseLabel } from '../../core/period.js';
import { headerOf } from '../../core/roster.js';
import { codedIssue } from '../../core/table.js';
import { problem, type Problem } from '../../messages/index.js';
import { rowsRead } from '../../core/rules/metrics/index.js';
import type { Prepared } from '../pipeline.js';
import { type Findings, rowIssue, sample } from './run-issue.js';

export function inputsGivenTwice(run: Prepared, out: Findings): void {
  for (const d of repeatedInputs(run)) {
    rowIssue(out, codedIssue(d.problem, { file: d.file, source: d.source, row: d.row, column: d.column, value: d.rep, severity: 'warning', action: 'kept' }));
  }
}

/**
 * An input metric (a rating, a survey score) read from a file of one row per rep and period label: a second row
 * for the same rep and label is a duplicate or a correction, and the mean of both is what would be paid on.
 */
function repeatedInputs(
  run: Pick<Prepared, 'model' | 'tables' | 'period'>,
): { file: string; source: string; row: number; column: string; rep: string; problem: Problem }[] {
  const out: { file: string; source: string; row: number; column: string; rep: string; problem: Problem }[] = [];
  const sources = new Set(run.model.metrics.flatMap((m) => rowsRead(m).flatMap((r) => (r.given ? [r.agg.source] : []))));
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    if (!sources.has(spec.name) || !table || spec.date !== undefined || spec.period === undefined || spec.rep === undefined) continue;
    const reps = table.columns.get(spec.rep);
    const labels = table.columns.get(spec.period);
    if (reps?.type !== 'string' || labels?.type !== 'string') continue;
    const mask = periodMask(table, spec, run.period);
    const seen = new Map<string, number>();
    const repeated = new Map<string, { rep: string; label: string; rows: number[] }>();
    for (let i = 0; i < table.rowCount; i++) {
      const id = reps.values[i]?.trim();
      const label = labels.values[i];
      if (!mask[i] || !id || label == null) continue;
      const key = `${id.toLowerCase()}\u0000${normaliseLabel(label)?.label ?? label}`;
      const before = seen.get(key);
      if (before === undefined) seen.set(key, i);
      else {
        let r = repeated.get(key);
        if (!r) repeated.set(key, (r = { rep: id, label, rows: [table.rowNumbers[before]!] }));
        r.rows.push(table.rowNumbers[i]!);
      }
    }
    for (const r of repeated.values()) {
      out.push({
        file: table.file,
        source: spec.name,
        row: r.rows[0]!,
        column: headerOf(spec, spec.rep),
        rep: r.rep,
        problem: problem('KPI2706', { n: r.rows.length, rep: r.rep, label: r.label, rows: sample(r.rows.map(String)) }),
      });
    }
  }
  return out;
}
