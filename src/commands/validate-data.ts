// What `kpi validate` reports with the data in hand: the data issues, the checks every paying command shares
// (run-checks.ts: roles without weights, reps without targets, a period without data …), and the "on tiptoe"
// rule — a target should be reachable (not far above the rep's best month) yet not below what the rep already
// averages.
import path from 'node:path';
import type { Model, MetricSpec } from '../core/model.js';
import type { Period, RunResult } from '../core/results.js';
import { computeMetrics, createEngine, type Engine } from '../core/metrics.js';
import { parsePeriod } from '../core/period.js';
import type { Diagnostic } from '../scheme/diagnostics.js';
import type { Prepared } from './pipeline.js';
import { historyDiagnostics } from './validate-history.js';
import { runChecks } from './checks/run-checks.js';
import { coded, issueDiagnostic, sample } from './checks/run-issue.js';
import { problem, type Problem } from '../messages/index.js';

const HISTORY_MONTHS = 12;
const MIN_HISTORY = 2;

export function dataDiagnostics(run: Prepared, result: RunResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const scheme = run.loaded;
  const schemeFile = run.schemeShownAs;
  const at = (p: (string | number)[], atKey = false) => scheme.positionOf?.(p, atKey) ?? { line: 0, col: 0 };

  // Data files are named in the scheme relative to its folder; a diagnostic names them from where the user is.
  const schemeDir = path.dirname(run.model.schemeFile);
  const shown = (f: string) => path.relative(process.cwd(), path.resolve(schemeDir, f)) || f;
  // Issues that stopped the run are errors of the shared checks below; the rest are warnings here.
  for (const i of [...run.readIssues, ...result.issues]) if (i.action !== 'stopped') out.push(issueDiagnostic({ ...i, file: shown(i.file) }));

  const checks = runChecks(run, result);
  // Loops, not push(...list): millions of data issues would overflow the stack as call arguments.
  for (const d of checks.diagnostics) out.push(d.file === schemeFile ? d : { ...d, file: shown(d.file) });
  for (const r of checks.runIssues) out.push(r.diagnostic);
  // One engine for both history checks: the months they look back on are computed once. The plan replay first: it
  // scores each month as that month's own run, which computes the month's values again if they were computed
  // without its data warnings said (engine contextFor); its values then serve onTiptoe as they are. onTiptoe first
  // left all but its first month to be computed twice, unless a growth metric had compared them (engine.compared).
  const shared = createEngine(run.model, run.tables, run.reps);
  const history = historyDiagnostics(run, shared);
  for (const d of onTiptoe(run, result, shared, schemeFile, at)) out.push(d);
  for (const d of history) out.push(d);
  return out;
}

/** Months before the period (at most a year back) in which the metric sources have rows at all. */
function historyMonths(run: Prepared): Period[] {
  const dated: Float64Array[] = [];
  for (const s of run.model.sources) {
    const col = s.date ? run.tables.get(s.name)?.columns.get(s.date) : undefined;
    if (col && col.type === 'date') dated.push(col.values);
  }
  const candidates: Period[] = [];
  const start = new Date(run.period.start * 86_400_000);
  for (let k = 1; k <= HISTORY_MONTHS; k++) {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - k, 1));
    const p = parsePeriod(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    if ('error' in p) break;
    candidates.push(p);
  }
  // An empty month says nothing about what a rep can reach, so it is left out rather than counted as 0. One pass
  // over each date column marks the months that have a row (a pass per month read the empty ones whole).
  const hasRows = new Uint8Array(candidates.length);
  if (candidates.length > 0) {
    const first = candidates[candidates.length - 1]!.start;
    const last = candidates[0]!.end;
    for (const values of dated) {
      for (let i = 0; i < values.length; i++) {
        const day = values[i]!;
        if (!(day >= first && day <= last)) continue;
        for (let k = 0; k < candidates.length; k++) {
          if (day >= candidates[k]!.start && day <= candidates[k]!.end) {
            hasRows[k] = 1;
            break;
          }
        }
      }
    }
  }
  return candidates.filter((_, k) => hasRows[k] === 1);
}

function onTiptoe(
  run: Prepared,
  result: RunResult,
  shared: Engine,
  schemeFile: string,
  at: (p: (string | number)[], atKey?: boolean) => { line: number; col: number },
): Diagnostic[] {
  if (run.period.kind !== 'month') return [];
  const months = historyMonths(run);
  if (months.length < MIN_HISTORY) return [];
  const history = months.map((p) => computeMetrics(run.model, run.tables, run.reps, p, shared));
  const factor = run.model.smart.maxTargetOverBest;
  const tooHigh = new Map<string, string[]>();
  const tooLow = new Map<string, string[]>();
  for (const rep of result.reps) {
    for (const m of rep.metrics) {
      const spec = specOf(run.model, m.metric);
      if (!spec || m.weight <= 0 || m.target === null) continue;
      const values = history.map((h) => h.get(rep.rep.id)?.get(m.metric)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length < MIN_HISTORY) continue;
      const higher = spec.direction === 'higher_is_better';
      const best = values.reduce((a, b) => (higher ? Math.max(a, b) : Math.min(a, b)));
      const average = values.reduce((a, b) => a + b, 0) / values.length;
      const unreachable = higher ? m.target > best * factor && best > 0 : m.target < best / factor;
      const easy = higher ? m.target < average : m.target > average;
      // Each rep with the two figures the message names: "R1 (12,000; 5,000)".
      if (unreachable) push(tooHigh, m.metric, `${rep.rep.id} (${fmt(m.target)}; ${fmt(best)})`);
      else if (easy) push(tooLow, m.metric, `${rep.rep.id} (${fmt(m.target)}; ${fmt(average)})`);
    }
  }
  const out: Diagnostic[] = [];
  const warn = (metric: string, p: Problem) =>
    out.push({
      severity: 'warning',
      smart: 'achievable',
      file: schemeFile,
      ...at(['metrics', metric, 'target'], true),
      ...coded(p),
    });
  for (const [metric, reps] of tooHigh) warn(metric, problem('KPI1315', { metric, factor, months: months.length, n: reps.length, reps: sample(reps) }));
  for (const [metric, reps] of tooLow) {
    const sideTerm = specOf(run.model, metric)?.direction === 'lower_is_better' ? 'term.above' : 'term.below';
    warn(metric, problem('KPI1316', { metric, sideTerm, months: months.length, n: reps.length, reps: sample(reps) }));
  }
  return out;
}

function specOf(model: Model, name: string): MetricSpec | undefined {
  return model.metrics.find((m) => m.name === name);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 1000) / 1000);
}
