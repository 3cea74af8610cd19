// One export saved twice (`sales_nov.csv` and `sales_nov (1).csv`, the copy a browser makes on a second download)
// and each copy named as a source: every row is counted once per copy, and nothing else looks wrong. The run
// already has each file's SHA-256 (for the report's Run sheet): sources whose files have the same bytes under
// different paths are said. One file read by two sources (sales and refunds from one export) is one path and quiet.
import { realpathSync } from 'node:fs';
import type { Model } from '../core/model.js';
import { problem, type Problem } from '../messages/index.js';
import { sourcesBehind, sourcesRead } from '../core/rules/metrics/index.js';
import type { Prepared } from './pipeline.js';

export interface CopiedInput {
  source: string;
  file: string;
  problem: Problem;
}

/**
 * Each metric source whose file has the bytes of an earlier source's file under another path (and, in a workbook,
 * reads the same sheet), when metrics read both: said once per copy, naming the first file, and the metrics that
 * add the two together (or, when none does, the metrics that read the copy).
 */
export function copiedInputs(run: Pick<Prepared, 'model' | 'inputs'>): CopiedInput[] {
  const model = run.model;
  const specs = new Map(model.sources.map((s) => [s.name, s]));
  const readBy = metricsBySource(model);
  const first = new Map<string, { source: string; file: string; path: string }>();
  const out: CopiedInput[] = [];
  for (const input of run.inputs) {
    const spec = specs.get(input.source);
    if (!spec || input.sha256 === '' || !readBy.has(spec.name)) continue;
    const key = `${input.sha256}\u0000${spec.format === 'xlsx' ? (spec.sheet ?? '') : ''}`;
    const where = realPath(spec.file);
    const before = first.get(key);
    if (before === undefined) {
      first.set(key, { source: spec.name, file: input.file, path: where });
      continue;
    }
    if (before.path === where) continue; // one file, read twice on purpose
    const both = metricsReadingBoth(model, before.source, spec.name);
    // Said inside the term (howTerm), which takes the problem's other values.
    const metrics = { metrics: (both.length > 0 ? both : (readBy.get(spec.name) ?? [])).join(', ') };
    out.push({
      source: spec.name,
      file: input.file,
      problem: problem('KPI2716', {
        file: input.file,
        source: spec.name,
        other: before.file,
        otherSource: before.source,
        howTerm: both.length > 0 ? 'term.copySummed' : 'term.copyRead',
        ...metrics,
      }),
    });
  }
  return out;
}

/** The path a file is reached by, links followed (the path as given when it cannot be resolved). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Per source, the metrics that read its rows themselves. */
function metricsBySource(model: Model): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of model.metrics) {
    for (const s of new Set(sourcesRead(m))) {
      const list = out.get(s) ?? [];
      list.push(m.name);
      out.set(s, list);
    }
  }
  return out;
}

/** The metrics whose value comes from rows of both sources (themselves or through the metrics they refer to). */
function metricsReadingBoth(model: Model, a: string, b: string): string[] {
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  return model.metrics
    .filter((m) => {
      const s = sourcesBehind(m.name, specs);
      return s.has(a) && s.has(b);
    })
    .map((m) => m.name);
}
