// The work of `kpi verify` (loaded only when it runs): read the report's cells and its Run sheet, find and hash the
// scheme and every input, score the period again, rebuild the report in memory and compare it cell by cell.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Model, SourceSpec } from '../core/model.js';
import { DataError } from '../reading/errors.js';
import { hashFile } from '../reading/hash.js';
import { Workbook } from '../reading/xlsx/workbook.js';
import { compareBooks, readReportCells, type CellDifference, type SheetCells } from '../plan/report-cells.js';
import { CATALOGUES } from '../messages/index.js';
import { NotAReport, readRunSheet, type RunRecord } from '../plan/run-sheet.js';
import { checkedRun, loadScheme, type Failure } from './pipeline.js';
import { runStatus } from '../output/status.js';
import { outputContext } from './score.js';
import { english, said, say, type Said } from '../messages/index.js';
import { enVerify } from '../messages/en-verify.js';

/** A usage outcome: the sentence, and its English for code and tests. */
function usage(s: Said): VerifyOutcome {
  return { kind: 'usage', said: s, message: say(s, english) };
}

export interface VerifyOptions {
  /** The scheme, when it is no longer where the report says. */
  scheme?: string;
  /** A folder holding the inputs (each looked up by its path as the scheme writes it, then by its name). */
  inputs?: string;
  /** `source=file`, for one input that moved. */
  input?: string[];
}

/** A file of the run that is missing or no longer the one the report was made from. */
export interface FileProblem {
  /** "scheme" or the input's source name. */
  what: string;
  /** The path looked at, as the user would type it. */
  file: string;
  problem: 'missing' | 'changed';
  expected: string;
  found?: string;
}

export type VerifyOutcome =
  | { kind: 'usage'; said: Said; message: string }
  | { kind: 'files'; record: RunRecord; problems: FileProblem[] }
  | { kind: 'failed'; record: RunRecord; failure: Failure }
  | { kind: 'compared'; record: RunRecord; differences: CellDifference[]; cells: number; sheets: number; inputs: number };

/** The path as the user would type it from here. */
function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

async function sha256Of(file: string): Promise<string | null> {
  return (await exists(file)) ? hashFile(file) : null;
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => null))?.isFile() === true;
}

/** Where each recorded input is now: `--input`, else under `--inputs`, else beside the scheme as written. */
async function locateInput(file: string, source: string, schemeDir: string, opts: VerifyOptions, overrides: Map<string, string>): Promise<string> {
  const over = overrides.get(source);
  if (over !== undefined) return path.resolve(over);
  if (opts.inputs !== undefined) {
    const dir = path.resolve(opts.inputs);
    const asWritten = path.isAbsolute(file) ? undefined : path.resolve(dir, file);
    if (asWritten !== undefined && (await exists(asWritten))) return asWritten;
    return path.join(dir, path.basename(file.replace(/\\/g, '/')));
  }
  return path.resolve(schemeDir, file);
}

/** The model with each source read from where its input is now (the path as written stays, for messages). */
function relocated(model: Model, where: Map<string, string>): Model {
  const move = <S extends SourceSpec>(s: S): S => ({ ...s, file: where.get(s.name) ?? s.file });
  return {
    ...model,
    sources: model.sources.map(move),
    roster: model.roster.kind === 'file' ? { ...model.roster, source: move(model.roster.source) } : model.roster,
    ...(model.targetsFile ? { targetsFile: move(model.targetsFile) } : {}),
    ...(model.deductions ? { deductions: move(model.deductions) } : {}),
  };
}

/** The names the Run sheet has in any language kpi writes. */
const RUN_SHEETS = new Set(Object.values(CATALOGUES).map((c) => c['sheet.run']));

/**
 * The cells of the sheets that may be the Run sheet (by its name in any language; every sheet of a report whose Run
 * sheet is named otherwise): all that is needed before the files are checked, and small whatever the report holds.
 */
async function readRunCells(file: string, shownAs: string): Promise<SheetCells[]> {
  const book = await Workbook.open(file, shownAs);
  try {
    const named = await readReportCells(book, (name) => RUN_SHEETS.has(name));
    return named.length > 0 ? named : await readReportCells(book);
  } finally {
    book.close();
  }
}

export async function verifyReport(report: string, opts: VerifyOptions = {}): Promise<VerifyOutcome> {
  const overrides = new Map<string, string>();
  for (const o of opts.input ?? []) {
    const eq = o.indexOf('=');
    if (eq <= 0 || eq === o.length - 1) return usage(said('verify.inputForm', { value: o }));
    overrides.set(o.slice(0, eq), o.slice(eq + 1));
  }
  let found: SheetCells[];
  try {
    found = await readRunCells(report, report);
  } catch (e) {
    if (e instanceof DataError) {
      // What the file is, without the reader's advice for a data source ("save it as .csv" …); a problem
      // verify has no short words for is said whole.
      const what: Said = `verify.is.${e.code}` in enVerify ? { key: `verify.is.${e.code}` } : { key: e.code, values: e.params };
      return usage(said('verify.notAReport', { report, what }));
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return usage(said('verify.noFile', { report }));
    if (code === 'EISDIR') return usage(said('verify.isFolder', { report }));
    throw e;
  }
  let record: RunRecord;
  try {
    record = readRunSheet(found, report);
  } catch (e) {
    if (e instanceof NotAReport) return usage(e.said);
    throw e;
  }
  for (const source of overrides.keys()) {
    if (!record.inputs.some((i) => i.source === source)) {
      return usage(said('verify.noSuchInput', { source, inputs: record.inputs.map((i) => i.source) }));
    }
  }

  const reportDir = path.dirname(path.resolve(report));
  const schemePath = opts.scheme !== undefined ? path.resolve(opts.scheme) : path.resolve(reportDir, record.schemeFromReport ?? record.schemeFile);
  const problems: FileProblem[] = [];
  const schemeSha = await sha256Of(schemePath);
  if (schemeSha === null) problems.push({ what: 'scheme', file: shown(schemePath), problem: 'missing', expected: record.schemeSha256 });
  else if (schemeSha !== record.schemeSha256)
    problems.push({ what: 'scheme', file: shown(schemePath), problem: 'changed', expected: record.schemeSha256, found: schemeSha });
  const schemeDir = path.dirname(schemePath);
  const where = new Map<string, string>();
  for (const i of record.inputs) {
    const file = await locateInput(i.file, i.source, schemeDir, opts, overrides);
    where.set(i.source, file);
    const sha = await sha256Of(file);
    if (sha === null) problems.push({ what: i.source, file: shown(file), problem: 'missing', expected: i.sha256 });
    else if (sha !== i.sha256) problems.push({ what: i.source, file: shown(file), problem: 'changed', expected: i.sha256, found: sha });
  }
  if (problems.length > 0) return { kind: 'files', record, problems };

  const loaded = await loadScheme(schemePath, shown(schemePath));
  if (!loaded.model) return { kind: 'failed', record, failure: { ok: false, code: 1, diagnostics: loaded.diagnostics } };
  const model = relocated(loaded.model, where);
  // Scored and checked as kpi score does: the run's own issues and its status are on the report too.
  const checked = await checkedRun(schemePath, record.period, { loaded: { ...loaded, model } });
  if (!checked.ok) return { kind: 'failed', record, failure: checked };
  const { run, result, runIssues, issues } = checked.checked;
  const { reportBytes } = await import('../output/report.js');
  const { reportExtras } = await import('./report-extras.js');
  // Rebuilt as it was written: the same kpi version, language and scheme path on the Run sheet (the figures are
  // what is proved; those cells only say how the report was made).
  const bytes = await reportBytes(result, {
    ...outputContext(run, runIssues, runStatus(issues)),
    schemeFile: record.schemeFile,
    toolVersion: record.toolVersion,
    ...(record.schemeFromReport !== undefined ? { schemeFromReport: record.schemeFromReport } : {}),
    ...(record.locale !== undefined ? { locale: record.locale } : {}),
    ...reportExtras(run, result),
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kpi-verify-'));
  try {
    const tmp = path.join(dir, 'expected.xlsx');
    await fs.writeFile(tmp, bytes);
    // Both read side by side, row by row: neither is held whole (a million data issues are eight million cells).
    const expected = await Workbook.open(tmp, 'the recomputed report');
    try {
      const file = await Workbook.open(report, report);
      try {
        const { differences, cells, sheets } = await compareBooks(expected, file);
        return { kind: 'compared', record, differences, cells, sheets, inputs: record.inputs.length };
      } finally {
        file.close();
      }
    } finally {
      expected.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
