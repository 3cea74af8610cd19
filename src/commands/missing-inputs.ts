// An input metric (a CSAT survey, a manager's rating) with no value for a rep: no data, so the rep scores 0 on it,
// as the scheme says of a rep with no rows. A rep missing from a survey file is far more often a survey not yet in
// than a 0 earned, so the run says who, once per metric, and is not final; the score stays 0 (the figures are what
// the files hold, and the person paying decides).
import type { RunResult } from '../core/results.js';
import { rowsInPeriod } from '../core/attribution.js';
import { dayFromIso } from '../core/period.js';
import { problem, type Problem } from '../messages/index.js';
import { rowsRead } from '../core/rules/metrics/index.js';
import type { Prepared } from './pipeline.js';

export interface MissingInput {
  metric: string;
  source: string;
  file: string;
  problem: Problem;
}

/**
 * Per input metric, the reps with no value in the period for whom it counts (`counts`: the metrics a role's pay
 * uses) and who have rows of the period in another source, leaving out reps who joined after the period began. A
 * source with no row in the period at all is said on its own (KPI2703) and not again here.
 */
export function missingInputs(
  run: Pick<Prepared, 'model' | 'tables' | 'period'>,
  result: RunResult,
  counts: (role: string) => ReadonlySet<string>,
  list: (ids: string[]) => string,
): MissingInput[] {
  const out: MissingInput[] = [];
  const model = run.model;
  // A value given per rep (the input kind) is a metric whose rows are read as given, not aggregated.
  const givenFrom = (m: (typeof model.metrics)[number]) => rowsRead(m).find((r) => r.given)?.agg.source;
  const given = new Set(model.metrics.filter((m) => givenFrom(m) !== undefined).map((m) => m.name));
  for (const m of model.metrics) {
    const source = givenFrom(m);
    if (source === undefined) continue;
    const table = run.tables.get(source);
    const spec = model.sources.find((s) => s.name === source);
    if (!table || !spec || rowsInPeriod(table, spec, run.period) === 0) continue;
    const reps: string[] = [];
    for (const rep of result.reps) {
      // A rep who joined during the period may not have been surveyed yet.
      const start = rep.rep.startDate === undefined ? null : dayFromIso(rep.rep.startDate);
      if (start !== null && start > run.period.start) continue;
      if (!counts(rep.rep.role).has(m.name) || rep.metrics.find((x) => x.metric === m.name)?.actual !== null) continue;
      // A rep with no rows at all (on leave) is scored as such: only one who worked and has no value is said.
      if (rep.metrics.some((x) => !given.has(x.metric) && (x.provenance.rows ?? 0) > 0)) reps.push(rep.rep.id);
    }
    if (reps.length === 0) continue;
    out.push({
      metric: m.name,
      source,
      file: table.file,
      problem: problem('KPI2718', { metric: m.name, file: table.file, period: run.period.label, n: reps.length, reps: list(reps) }),
    });
  }
  return out;
}
