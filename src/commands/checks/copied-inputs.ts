// One export saved twice (`sales_nov.csv` and `sales_nov (1).csv`, the copy a browser makes on a second download)
// and each copy named as a source: every row is counted once per copy, and nothing else looks wrong. The run
// already has each file's SHA-256 (for the report's Run sheet): sources whose files have the same bytes under
// different paths are said. One file read by two sources (sales and refunds from one export) is one path and quiet.
// `kpi validate` reads its CSV files without hashing them (ReadOptions.hash): files of the same size are hashed here.
import { realpathSync, statSync } from 'node:fs';
import type { Model } from '../../core/model.js';
import { problem, type Problem } from '../../messages/index.js';
import { sourcesBehind, sourcesRead } from '../../core/rules/metrics/index.js';
import type { Prepared } from '../pipeline.js';
import type { InputFile } from '../../core/table.js';
import { hashFileSync } from '../../reading/hash.js';

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
  const read = run.inputs.flatMap((input) => {
    const spec = specs.get(input.source);
    return spec && readBy.has(spec.name) ? [{ input, spec, path: realPath(spec.file) }] : [];
  });
  const shaOf = hashesOf(read);
  for (const { input, spec, path: where } of read) {
    const sha = shaOf(input);
    if (sha === '') continue;
    const key = `${sha}\u0000${spec.format === 'xlsx' ? (spec.sheet ?? '') : ''}`;
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

/**
 * Each input's SHA-256: the read's, or, for a file read without one, made now when another file read has its size
 * (no two files of different sizes hold the same bytes); '' for a file that can be no other's copy.
 */
function hashesOf(read: { input: InputFile; spec: { file: string }; path: string }[]): (input: InputFile) => string {
  const paths = new Map<number, Set<string>>();
  const sized = new Map<InputFile, { size: number; file: string }>();
  for (const { input, spec, path } of read) {
    try {
      const size = statSync(spec.file).size;
      sized.set(input, { size, file: spec.file });
      paths.set(size, (paths.get(size) ?? new Set()).add(path));
    } catch {
      // gone since it was read: no copy to tell
    }
  }
  return (input) => {
    if (input.sha256 !== '') return input.sha256;
    const f = sized.get(input);
    // Alone at its size, or of the same size only as itself (one file read by two sources): no copy.
    if (f === undefined || (paths.get(f.size)?.size ?? 0) < 2) return '';
    try {
      return hashFileSync(f.file).sha256;
    } catch {
      return '';
    }
  };
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
