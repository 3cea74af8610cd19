// The steps every data-reading command shares: load the scheme, read each source, score the period.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Model, Rep, SourceSpec } from '../core/model.js';
import type { DataIssue, InputFile, Table } from '../core/table.js';
import type { Period, RunResult } from '../core/results.js';
import { parsePeriod } from '../core/period.js';
import { said, type Text } from '../messages/index.js';
import { repsFromTable } from '../core/roster.js';
import { scoreRun } from '../core/score.js';
import { narrowedToUse } from '../core/columns-used.js';
import type { LoadedScheme } from '../scheme/load.js';
import { formatDiagnostic, type Diagnostic } from '../scheme/diagnostics.js';
import { readSource, DataError, dataErrorShownAs, missingHeaders, missingHeadersProblem } from '../reading/index.js';
import { createProgress } from '../reading/progress.js';
import { budgetForInput } from '../start/tiering.js';
import { runChecks } from './checks/run-checks.js';
import { issueDiagnostic } from './checks/run-issue.js';
import { periodRowsCache } from './period-rows-cache.js';
import { periodKey, type PeriodRows } from '../core/period-rows.js';

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
  paidToDate?: Table;
  inputs: InputFile[];
  /** Issues found while reading (the core adds its own to the result). */
  readIssues: DataIssue[];
}

/** `message`: why the command stopped, when no diagnostic says it (a sentence, said in the run's language). */
/** `issues`: the data issues found before the run stopped (a period without rows may be dates read the wrong way). */
export type Failure = { ok: false; code: 1 | 2; diagnostics: Diagnostic[]; message?: Text; issues?: readonly DataIssue[] };

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
    return { ok: false, code: 2, diagnostics: [], message: said('period.none') };
  }
  const p = parsePeriod(label);
  if ('error' in p) return { ok: false, code: given ? 2 : 1, diagnostics: [], message: said('period.bad', { label, error: p.error }) };
  return p;
}

/**
 * A read whose file's SHA-256 was still being computed when it returned (ReadOptions.hashLater). If that stops the
 * read (KPI2608: the file changed while read), its diagnostics take the place of those the read added (`added`, from
 * `at`): the same list, in the same order, as when the read itself stopped.
 */
interface Unverified {
  verified: Promise<unknown>;
  shown: string;
  at: number;
  added: number;
}

/**
 * Read one source; a run-stopping problem becomes a diagnostic pointing at the data file. `full` is the source as
 * the scheme maps it when only some of its columns are read: every mapped header must still be there, so that
 * `kpi score` refuses what `kpi validate` rejects. With `unverified`, a large file's SHA-256 may come later (listed there).
 */
async function read(
  spec: SourceSpec,
  model: Model,
  issues: DataIssue[],
  inputs: InputFile[],
  diagnostics: Diagnostic[],
  full = spec,
  unverified?: Unverified[],
  hash?: boolean,
  period?: Period,
): Promise<{ table: Table; periodRows?: PeriodRows } | undefined> {
  budgetForInput(sizeOf(spec.file));
  const progress = createProgress(path.basename(spec.file));
  const shown = path.relative(process.cwd(), spec.file) || spec.file;
  const at = diagnostics.length;
  try {
    const r = await readSource(spec, {
      minorUnit: model.currency.minorUnit,
      currency: model.currency,
      onProgress: (p) => progress.update(p),
      ...(unverified !== undefined ? { hashLater: true } : {}),
      ...(hash === false ? { hash } : {}),
      ...(period !== undefined ? { period: { start: period.start, end: period.end } } : {}),
    });
    const later = r.verified !== undefined && unverified !== undefined ? { verified: r.verified, shown, at, added: 0 } : null;
    if (later !== null) unverified?.push(later);
    for (const i of r.issues) issues.push(i); // not push(...): a million issues overflow the stack
    inputs.push(r.input);
    const missing = full === spec ? [] : missingHeaders(full, r.headers);
    if (missing.length > 0) {
      const p = missingHeadersProblem(shown, missing, r.headers, r.headerRow);
      diagnostics.push({ severity: 'error', file: shown, line: r.headerRow, col: 0, message: p.text, code: p.code, params: p.params, placeInMessage: true });
      if (later !== null) later.added = 1;
      return undefined;
    }
    return { table: r.table, ...(r.periodRows !== undefined ? { periodRows: r.periodRows } : {}) };
  } catch (e) {
    if (e instanceof DataError) {
      for (const d of stopDiagnostics(e, shown)) diagnostics.push(d);
      return undefined;
    }
    throw e;
  } finally {
    progress.done();
  }
}

/** A read that stopped: the reader's message already names file, row and column; only say the file from where the user is. */
function stopDiagnostics(e: DataError, shown: string): Diagnostic[] {
  const p = dataErrorShownAs(e, shown);
  return [
    { severity: 'error', file: shown, line: e.row ?? 0, col: 0, message: p.text, code: p.code, params: p.params, placeInMessage: true },
    ...e.issues.map((i) => issueDiagnostic({ ...i, file: shown })),
  ];
}

/** Waits for the hashes still to come; a read they stop gets its diagnostics where the read had them. */
async function settle(unverified: Unverified[], diagnostics: Diagnostic[]): Promise<void> {
  const list = unverified.splice(0);
  const outcomes = await Promise.all(list.map((u) => u.verified));
  for (let k = outcomes.length - 1; k >= 0; k--) {
    const e = outcomes[k];
    if (e === null) continue;
    if (!(e instanceof DataError)) throw e;
    const u = list[k] as Unverified;
    diagnostics.splice(u.at, u.added, ...stopDiagnostics(e, u.shown));
  }
}

/** Bytes of a file, 0 when it cannot be read (reading it says why). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export interface PrepareOptions {
  /** Read and type-check every mapped column, used or not (`kpi validate`); by default only the used ones. */
  allColumns?: boolean;
  /** The scheme, when the caller has loaded it already (`kpi validate`): loaded once, not twice. */
  loaded?: LoadedScheme;
  /**
   * A large CSV's SHA-256 may still be computed on its thread when prepareRun returns: the caller must call `verify`
   * before it uses run.inputs or shows anything (checkedRun scores meanwhile).
   */
  hashLater?: boolean;
  /** false: CSV inputs are not hashed (`kpi validate`; ReadOptions.hash): run.inputs' sha256 is '' for them. */
  hash?: boolean;
}

export async function prepareRun(
  schemeFile: string,
  periodLabel: string | undefined,
  opts: PrepareOptions = {},
): Promise<{ ok: true; run: Prepared; verify: () => Promise<Failure | null> } | Failure> {
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
  const unverified: Unverified[] | undefined = opts.hashLater === true ? [] : undefined;
  /** The roster and the other special files: read whole, hashed before the read returns (unless opts.hash is false). */
  const readWhole = async (spec: SourceSpec) => (await read(spec, model, issues, inputs, diagnostics, spec, undefined, opts.hash))?.table;
  // The roster file is read before the sources, and said after them as before (its issues, input and errors kept
  // apart until then). Read after a large source, its few hundred rows met the read's code as V8 had optimised it
  // for that source (csvLine and what it calls): new paths there threw it away, and it was compiled again, on the
  // other core, while this one scored.
  const roster = { issues: [] as DataIssue[], inputs: [] as InputFile[], diagnostics: [] as Diagnostic[] };
  const rosterTable =
    model.roster.kind === 'file'
      ? (await read(model.roster.source, model, roster.issues, roster.inputs, roster.diagnostics, model.roster.source, undefined, opts.hash))?.table
      : undefined;
  for (const s of model.sources) {
    const spec = opts.allColumns ? s : narrowedToUse(model, s);
    const r = await read(spec, model, issues, inputs, diagnostics, s, unverified, opts.hash, period);
    if (!r) continue;
    tables.set(s.name, r.table);
    // The period's rows as the reading threads listed them: the score starts from them (core/period-rows.ts).
    if (r.periodRows !== undefined && spec.date === s.date) periodRowsCache(tables).set(periodKey(s.name, period), r.periodRows);
  }
  let reps: Rep[] = [];
  if (model.roster.kind === 'inline') reps = model.roster.reps;
  else {
    for (const i of roster.issues) issues.push(i); // not push(...): a million issues overflow the stack
    for (const i of roster.inputs) inputs.push(i);
    for (const d of roster.diagnostics) diagnostics.push(d);
    const t = rosterTable;
    if (t) {
      const r = repsFromTable(t, model.roster.source);
      reps = r.reps;
      for (const i of r.issues) issues.push(i); // not push(...): a million issues overflow the stack
    }
  }
  const targets = model.targetsFile ? await readWhole(model.targetsFile) : undefined;
  const deductions = model.deductions ? await readWhole(model.deductions) : undefined;
  const paidToDate = model.paidToDate ? await readWhole(model.paidToDate) : undefined;
  /** The hashes still to come, awaited: a file that changed while read stops the run as its read would have. */
  const verify = async (): Promise<Failure | null> => {
    if (unverified !== undefined) await settle(unverified, diagnostics);
    return diagnostics.length ? { ok: false, code: 1, diagnostics } : null;
  };
  if (diagnostics.length) return (await verify()) as Failure;
  return {
    ok: true,
    verify,
    run: {
      schemeShownAs: schemeFile,
      loaded,
      model,
      period,
      reps,
      tables,
      targets,
      deductions,
      ...(paidToDate ? { paidToDate } : {}),
      inputs,
      readIssues: issues,
    },
  };
}

/** `explain: false` for a caller that reads only the figures (kpi validate): the same figures, fewer steps. */
export function score(run: Prepared, explain = true): RunResult {
  return scoreRun({
    explain,
    model: run.model,
    period: run.period,
    reps: run.reps,
    tables: run.tables,
    targets: run.targets,
    deductions: run.deductions,
    ...(run.paidToDate ? { paidToDate: run.paidToDate } : {}),
    periodRows: periodRowsCache(run.tables),
  });
}

/** A run scored and checked: what every command that pays works from. */
export interface Checked {
  run: Prepared;
  result: RunResult;
  /** Every data issue of the run: read, scoring and run-level (a source with no rows in the period …), in that order. */
  issues: DataIssue[];
  /** The run-level ones alone. */
  runIssues: DataIssue[];
  /** Warnings of the shared checks (tiers no rep can reach, metrics that count for nobody), to show on stderr. */
  warnings: Diagnostic[];
}

/**
 * Prepare, score and check a run. Any error of the shared checks (the ones `kpi validate` reports, a figure no
 * output may show among them) stops it: a command that pays never pays from a scheme or data validate rejects.
 */
export async function checkedRun(
  schemeFile: string,
  periodLabel: string | undefined,
  opts: PrepareOptions = {},
): Promise<{ ok: true; checked: Checked } | Failure> {
  // The inputs' SHA-256 may be hashed on another thread while this one scores (a large CSV: the idle core's work).
  const prepared = await prepareRun(schemeFile, periodLabel, { ...opts, hashLater: true });
  if (!prepared.ok) return prepared;
  const run = prepared.run;
  let result: RunResult;
  try {
    result = score(run);
  } catch (e) {
    // Figures from a file that changed while read are not to be believed, nor a failure in making them.
    const changed = await prepared.verify();
    if (changed !== null) return changed;
    throw e;
  }
  // A file that changed while read stops the run here, as its read would have: before any check or output. The
  // checks come after it: they compare the inputs' hashes (one export saved twice, read as two sources).
  const changed = await prepared.verify();
  if (changed !== null) return changed;
  const checks = runChecks(run, result);
  if (checks.diagnostics.some((d) => d.severity === 'error')) return { ok: false, code: 1, diagnostics: checks.diagnostics, issues: run.readIssues };
  const runIssues = checks.runIssues.map((r) => r.issue);
  return { ok: true, checked: { run, result, issues: [...run.readIssues, ...result.issues, ...runIssues], runIssues, warnings: checks.diagnostics } };
}

/**
 * Each period's checks (the ones kpi score makes): errors and warnings once each, and every data issue once: the
 * read issues, then each period's scoring and run-level ones (a row reported in every period is listed once).
 */
export function checkPeriods(run: Prepared, results: readonly RunResult[]): { diagnostics: Diagnostic[]; issues: DataIssue[] } {
  const diagnostics = new Map<string, Diagnostic>();
  const runIssues: DataIssue[] = [];
  for (const res of results) {
    const checks = runChecks({ ...run, period: res.period }, res);
    for (const d of checks.diagnostics) {
      const key = formatDiagnostic(d);
      if (!diagnostics.has(key)) diagnostics.set(key, d);
    }
    for (const r of checks.runIssues) runIssues.push(r.issue);
  }
  return { diagnostics: [...diagnostics.values()], issues: periodsIssues(run, results, runIssues) };
}

/** The read issues, then each period's scoring issues and `more`, each once (a row reported in every period is listed once). */
export function periodsIssues(run: Prepared, results: readonly RunResult[], more: readonly DataIssue[] = []): DataIssue[] {
  const issues = new Map<string, DataIssue>();
  const add = (i: DataIssue) => {
    const key = JSON.stringify([i.file, i.row ?? null, i.column ?? null, i.reason]);
    if (!issues.has(key)) issues.set(key, i);
  };
  for (const i of run.readIssues) add(i);
  for (const res of results) for (const i of res.issues) add(i);
  for (const i of more) add(i);
  return [...issues.values()];
}
