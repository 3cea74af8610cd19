// The steps every data-reading command shares: load the scheme, read each source, score the period.
import path from 'node:path';
import type { Model, Rep, SourceSpec } from '../core/model.js';
import type { DataIssue, InputFile, Table } from '../core/table.js';
import type { Period, RunResult } from '../core/results.js';
import { parsePeriod } from '../core/period.js';
import { repsFromTable } from '../core/roster.js';
import { scoreRun } from '../core/score.js';
import { narrowedToUse } from '../core/columns-used.js';
import type { LoadedScheme } from '../scheme/load.js';
import type { Diagnostic } from '../scheme/diagnostics.js';
import { readSource, DataError } from '../reading/index.js';
import { createProgress } from '../reading/progress.js';

export interface Prepared {
  /** The scheme path as the user typed it. */
  schemeShownAs: string;
  loaded: LoadedScheme & { model: Model };
  model: Model;
  period: Period;
  reps: Rep[];
  tables: Map<string, Table>;
  targets?: Table;
  deductions?: Table;
  inputs: InputFile[];
  /** Issues found while reading (the core adds its own to the result). */
  readIssues: DataIssue[];
}

export type Failure = { ok: false; code: 1 | 2; diagnostics: Diagnostic[]; message?: string };

/**
 * The scheme loader and what it pulls in (yaml, zod, jsep) load on first use, not with the command line: `kpi
 * --version` and `--help` start as fast as node does.
 */
export async function loadScheme(file: string, shownAs = file): Promise<LoadedScheme> {
  return (await import('../scheme/load.js')).loadScheme(file, shownAs);
}

async function loadModel(schemeFile: string, preloaded?: LoadedScheme): Promise<{ ok: true; loaded: LoadedScheme & { model: Model } } | Failure> {
  const loaded = preloaded ?? (await loadScheme(schemeFile, schemeFile));
  if (!loaded.model) return { ok: false, code: 1, diagnostics: loaded.diagnostics };
  return { ok: true, loaded: loaded as LoadedScheme & { model: Model } };
}

export function resolvePeriod(model: Model, given: string | undefined): Period | Failure {
  const label = given ?? model.period;
  if (!label) {
    return { ok: false, code: 2, diagnostics: [], message: 'no period: pass --period 2026-11 (or 2026-Q4, 2026-11-YTD, 2026), or set "period:" in the scheme' };
  }
  const p = parsePeriod(label);
  if ('error' in p) return { ok: false, code: given ? 2 : 1, diagnostics: [], message: `period "${label}": ${p.error}` };
  return p;
}

/** Read one source; a run-stopping problem becomes a diagnostic pointing at the data file. */
async function read(spec: SourceSpec, model: Model, issues: DataIssue[], inputs: InputFile[], diagnostics: Diagnostic[]): Promise<Table | undefined> {
  const progress = createProgress(path.basename(spec.file));
  try {
    const r = await readSource(spec, { minorUnit: model.currency.minorUnit, currency: model.currency, onProgress: (p) => progress.update(p) });
    issues.push(...r.issues);
    inputs.push(r.input);
    return r.table;
  } catch (e) {
    if (e instanceof DataError) {
      // The reader's message already names file, row and column; only say the file from where the user is.
      const shown = path.relative(process.cwd(), spec.file) || spec.file;
      diagnostics.push({ severity: 'error', file: shown, line: e.row ?? 0, col: 0, message: e.message.replace(e.file, shown), placeInMessage: true });
      return undefined;
    }
    throw e;
  } finally {
    progress.done();
  }
}

export interface PrepareOptions {
  /** Read and type-check every mapped column, used or not (`kpi validate`); by default only the used ones. */
  allColumns?: boolean;
  /** The scheme, when the caller has loaded it already (`kpi validate`): loaded once, not twice. */
  loaded?: LoadedScheme;
}

export async function prepareRun(schemeFile: string, periodLabel: string | undefined, opts: PrepareOptions = {}): Promise<{ ok: true; run: Prepared } | Failure> {
  const m = await loadModel(schemeFile, opts.loaded);
  if (!m.ok) return m;
  const { loaded } = m;
  const model = loaded.model;
  const period = resolvePeriod(model, periodLabel);
  if ('ok' in period) return period;

  const issues: DataIssue[] = [];
  const inputs: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const tables = new Map<string, Table>();
  for (const s of model.sources) {
    const t = await read(opts.allColumns ? s : narrowedToUse(model, s), model, issues, inputs, diagnostics);
    if (t) tables.set(s.name, t);
  }
  let reps: Rep[] = [];
  if (model.roster.kind === 'inline') reps = model.roster.reps;
  else {
    const t = await read(model.roster.source, model, issues, inputs, diagnostics);
    if (t) {
      const r = repsFromTable(t, model.roster.source);
      reps = r.reps;
      issues.push(...r.issues);
    }
  }
  const targets = model.targetsFile ? await read(model.targetsFile, model, issues, inputs, diagnostics) : undefined;
  const deductions = model.deductions ? await read(model.deductions, model, issues, inputs, diagnostics) : undefined;
  if (diagnostics.length) return { ok: false, code: 1, diagnostics };
  return { ok: true, run: { schemeShownAs: schemeFile, loaded, model, period, reps, tables, targets, deductions, inputs, readIssues: issues } };
}

/**
 * Targets in a scheme are written for the kind of period it names (`period: 2026-11` → months). Scoring another
 * kind (a quarter, a year) compares, say, quarter actuals with month targets: worth saying before anyone is paid.
 */
export function periodKindWarning(run: Prepared): string | undefined {
  if (!run.model.period) return undefined;
  const own = parsePeriod(run.model.period);
  if ('error' in own || own.kind === run.period.kind) return undefined;
  return `warning: the scheme's period is a ${own.kind} (${run.model.period}) but ${run.period.label} is a ${run.period.kind}; ` +
    `targets are used as written, so check they are meant for a ${run.period.kind}`;
}

export function score(run: Prepared): RunResult {
  return scoreRun({ model: run.model, period: run.period, reps: run.reps, tables: run.tables, targets: run.targets, deductions: run.deductions });
}

/** Every issue of the run, read and scoring alike, in a stable order. */
export function allIssues(run: Prepared, result: RunResult): DataIssue[] {
  return [...run.readIssues, ...result.issues];
}
