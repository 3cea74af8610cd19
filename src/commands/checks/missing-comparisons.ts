// A growth metric compared with a period its data does not reach, or reaches only from part way in (KPI2708,
// KPI2717): every rep's growth is no data, or larger than it is, and the run looks normal.
import { periodMask } from '../../core/attribution.js';
import { isoFromDay } from '../../core/period.js';
import { problem, type Problem } from '../../messages/index.js';
import { comparesWith, sourcesBehind } from '../../core/rules/metrics/index.js';
import type { Prepared } from '../pipeline.js';
import { metricsThatCount } from './design-checks.js';
import { fileIssue, type Findings } from './run-issue.js';
import { extent, spanSaid } from './source-span.js';

export function comparisonsMissing(run: Prepared, out: Findings): void {
  for (const g of missingComparisons(run)) fileIssue(out, g.problem, { file: g.file, source: g.source }, ['metrics', g.metric], true);
}

/**
 * A growth metric that counts for pay, compared with a period its data does not reach (only November exported,
 * growth on October): every rep's growth is no data and scores 0, which looks like a run where nobody grew; or
 * reaches only from part way in (KPI2717). Said per metric and source, as a data issue, so the run is not final.
 */
function missingComparisons(run: Pick<Prepared, 'model' | 'tables' | 'period' | 'reps'>): { metric: string; file: string; source: string; problem: Problem }[] {
  const out: { metric: string; file: string; source: string; problem: Problem }[] = [];
  const model = run.model;
  const counts = metricsThatCount(model, [...new Set(run.reps.map((r) => r.role))]);
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  const spans = new Map<string, ReturnType<typeof extent>>();
  for (const m of model.metrics) {
    const compared = comparesWith(m, run.period);
    if (!compared || !counts.has(m.name)) continue;
    const other = compared.period;
    const sources = sourcesBehind(compared.metric, specs);
    for (const spec of model.sources) {
      const table = run.tables.get(spec.name);
      if (!sources.has(spec.name) || !table || (spec.date === undefined && spec.period === undefined)) continue;
      const mask = periodMask(table, spec, other);
      if (mask.includes(1)) {
        // Rows in the earlier period, but the export starts after it began (sales from 15 October, growth on
        // October): the earlier figure is part of a period, and the growth looks larger than it is. A rep's own
        // start date is not the source's: the first date is over every rep's rows that were read.
        const e = spans.get(spec.name) ?? extent(table, spec);
        spans.set(spec.name, e);
        if (e.kind === 'none' || !(e.lo > other.start)) continue;
        const first =
          e.kind === 'date'
            ? { firstTerm: 'term.startsOn' as const, first: isoFromDay(e.lo) }
            : { firstTerm: 'term.startsWith' as const, first: e.first ?? '' };
        out.push({
          metric: m.name,
          file: table.file,
          source: spec.name,
          problem: problem('KPI2717', { ...first, metric: m.name, base: compared.metric, other: other.label, file: table.file }),
        });
        continue;
      }
      out.push({
        metric: m.name,
        file: table.file,
        source: spec.name,
        problem: problem('KPI2708', { ...spanSaid(table, spec, 0), metric: m.name, base: compared.metric, other: other.label, file: table.file }),
      });
    }
  }
  return out;
}
