// The checks of a run with its data in hand, in one place: `kpi validate` lists them, and every command that
// pays (`kpi score`, `kpi explain`) refuses to go on when one of them is an error. One function, so what
// validate rejects and what score refuses cannot drift apart. Each check is in the file named for what it
// checks; this is the list, in the order their findings are shown.
import type { RunResult } from '../../core/results.js';
import { codedIssue } from '../../core/table.js';
import type { Prepared } from '../pipeline.js';
import { insaneFigure } from '../figures.js';
import { copiedInputs } from './copied-inputs.js';
import { rowsBeforeStart } from './start-dates.js';
import { missingInputs } from './missing-inputs.js';
import { designChecks, metricsThatCount } from './design-checks.js';
import { comparisonsMissing } from './missing-comparisons.js';
import { exportsCutShort } from './export-ends.js';
import { monthsMissing, periodKind, periodLabels, periodWithoutRows } from './period-checks.js';
import { inputsGivenTwice } from './repeated-inputs.js';
import { rosterIdsAlike } from './roster-ids.js';
import { coded, fileIssue, type Findings, issueDiagnostic, type RunChecks, rowIssue, sample } from './run-issue.js';
import { missingTargets, rolesWithoutWeights, targetNames, targetsOutsidePeriod, zeroTargets } from './target-checks.js';

export function runChecks(run: Prepared, result: RunResult): RunChecks {
  const out: Findings = {
    diagnostics: [],
    runIssues: [],
    schemeFile: run.schemeShownAs,
    at: (p, atKey = false) => run.loaded.positionOf?.(p, atKey) ?? { line: 0, col: 0 },
  };

  // A reader's problem that stopped part of the run (a roster without an id column …) is an error everywhere.
  for (const i of [...run.readIssues, ...result.issues]) if (i.action === 'stopped') out.diagnostics.push(issueDiagnostic(i));
  rolesWithoutWeights(run, out);
  missingTargets(run, result, out);
  zeroTargets(run, result, out);
  periodWithoutRows(run, out);
  periodLabels(run, out);
  inputsGivenTwice(run, out);
  targetsOutsidePeriod(run, out);
  targetNames(run, out);
  rosterIdsAlike(run, out);
  comparisonsMissing(run, out);
  periodKind(run, out);
  for (const e of rowsBeforeStart(run)) {
    rowIssue(out, codedIssue(e.problem, { file: e.file, source: e.source, row: e.row, column: e.column, value: e.value, severity: 'warning', action: 'kept' }));
  }
  monthsMissing(run, out);
  exportsCutShort(run, out);

  const roleCounts = new Map<string, Set<string>>();
  const countsFor = (role: string): Set<string> => {
    let c = roleCounts.get(role);
    if (c === undefined) roleCounts.set(role, (c = metricsThatCount(run.model, [role])));
    return c;
  };
  for (const g of missingInputs(run, result, countsFor, sample)) {
    fileIssue(out, g.problem, { file: g.file, source: g.source, ...(g.row !== undefined ? { row: g.row } : {}) }, ['metrics', g.metric], true);
  }
  for (const c of copiedInputs(run)) fileIssue(out, c.problem, { file: c.file, source: c.source }, ['sources', c.source, 'file']);

  // The last line of defence: a figure no output may show (∞, or too large to be exact) stops the run.
  const insane = insaneFigure(result, new Map(run.model.metrics.flatMap((m) => (m.unit ? [[m.name, m.unit] as const] : []))));
  if (insane) out.diagnostics.push({ severity: 'error', file: out.schemeFile, line: 0, col: 0, ...coded(insane) });

  for (const d of designChecks(run.model, run.reps, out.schemeFile, out.at)) out.diagnostics.push(d);
  return { diagnostics: out.diagnostics, runIssues: out.runIssues };
}
