// `kpi diff A B`: two schemes on the same data (what a plan change does to each rep and to the cost), or two
// runs' JSON (what changed between them, by data and by rules).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { checkedRun, type Prepared } from './pipeline.js';
import { reportFailure, usageError } from './fail.js';
import { outputContext, summariseIssues } from './score.js';
import { useColor } from './terminal-env.js';
import type { DataIssue } from '../core/table.js';
import { EXIT_NOT_FINAL, issueCount, runStatus } from '../output/status.js';
import { english } from '../messages/index.js';
import { runInfoOf } from './run-info.js';
import { compareRuns, viewOfResult, type ActualsMoveWith } from '../plan/diff.js';
import { schemeChanges } from '../plan/scheme-changes.js';
import { inputChanges, savedRun, SavedRunError, type SavedRun } from '../plan/score-json.js';
import type { DiffReport } from '../plan/diff-report.js';
import { OutputError } from '../output/errors.js';
import { protectedPaths, refuseInputs } from '../output/safe-write.js';

export interface DiffOptions {
  period?: string;
  format: 'table' | 'json';
  xlsx?: string;
}

/** Adds `kpi diff` to the program; `done` receives the exit code. */
export function registerDiff(program: Command, done: (code: number) => void): void {
  program
    .command('diff')
    .argument('<a>', 'the old scheme (YAML) or a saved run (kpi score --format json)')
    .argument('<b>', 'the new scheme, or the other saved run')
    .description('compare two schemes on the same data (winners, losers, cost, tier moves) or two runs (what changed, by data and by rules)')
    .option('--period <period>', 'schemes: the period to score both on (default: their period)')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(['table', 'json']).default('table'))
    .option('--xlsx <file>', 'write the comparison as an Excel workbook')
    .addHelpText('after', '\nTwo YAML files are scored on their data and compared rep by rep; two JSON files from\n' +
      '`kpi score --format json` are compared as saved, each change marked as one of data or of rules.\n' +
      'Exit codes: 0 ok (differences are not errors), 1 errors in a scheme, its data or a JSON file, 2 usage,\n' +
      '3 either side has data issues (a run marked NOT FINAL): the comparison is marked NOT FINAL too.\n\n' +
      'Example:\n  kpi diff plan-2026.yaml plan-2027.yaml --period 2026-11\n' +
      '  kpi score scheme.yaml --format json > oct.json   # … later, after edits …\n  kpi diff oct.json now.json --xlsx changes.xlsx')
    .action(async (a: string, b: string, opts: DiffOptions) => {
      done(await runDiff(a, b, opts));
    });
}

const usage = (message: string): number => usageError('diff', message);

function fail(message: string): number {
  process.stderr.write(`kpi diff: ${message}\n`);
  return 1;
}

/** JSON by its extension, or by its first character when the extension says neither. */
async function kindOf(file: string): Promise<'json' | 'yaml' | undefined> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  try {
    const fh = await fs.open(file, 'r');
    try {
      const { buffer, bytesRead } = await fh.read(Buffer.alloc(64), 0, 64, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'json' : 'yaml';
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

async function runDiff(a: string, b: string, opts: DiffOptions): Promise<number> {
  for (const f of [a, b]) {
    const st = await fs.stat(f).catch(() => null);
    if (!st) return fail(`cannot read ${f}: no such file`);
    if (st.isDirectory()) return fail(`${f} is a folder, not a scheme or a saved run`);
  }
  const [ka, kb] = await Promise.all([kindOf(a), kindOf(b)]);
  if (ka === undefined || kb === undefined) return fail(`cannot read ${ka === undefined ? a : b}`);
  if (ka !== kb) return usage(`${a} is ${ka === 'json' ? 'a saved run (JSON)' : 'a scheme (YAML)'} but ${b} is ${kb === 'json' ? 'a saved run (JSON)' : 'a scheme (YAML)'}: compare two schemes or two runs`);
  if (ka === 'json' && opts.period) return usage('--period applies to schemes; two saved runs are compared as they are');
  const made = ka === 'json' ? await diffRuns(a, b) : await diffSchemes(a, b, opts.period);
  if (typeof made === 'number') return made;
  const { report, protect, issues } = made;
  if (opts.xlsx) {
    try {
      await refuseInputs(opts.xlsx, protect);
    } catch (e) {
      if (e instanceof OutputError) return fail(e.message);
      throw e;
    }
  }
  for (const n of report.notes) process.stderr.write(`note: ${n}\n`);
  // The outputs (and the text table's width measure) load only when this command runs.
  const { diffJson, renderDiff } = await import('../output/diff-out.js');
  const { notFinalAround } = await import('../output/plan-text.js');
  // Files first, then stdout, as kpi score: a comparison that cannot write its workbook prints only why.
  if (opts.xlsx) {
    try {
      const { writeDiffWorkbook } = await import('../output/diff-xlsx.js');
      await writeDiffWorkbook(report, opts.xlsx, protect);
    } catch (e) {
      if (e instanceof OutputError) return fail(e.message);
      throw e;
    }
  }
  const st = report.status;
  process.stdout.write(opts.format === 'json' ? diffJson(report) : notFinalAround(renderDiff(report), st, useColor(process.stdout), 80, english, report.issuesWhere));
  summariseIssues(issues, st, undefined, english, { xlsx: false });
  if (!st.final) process.stderr.write(`${english('status.notFinalStderr', { code: EXIT_NOT_FINAL })}\n`);
  if (opts.xlsx) process.stderr.write(`wrote diff: ${opts.xlsx}${st.final ? '' : english('status.markedNotFinal')}\n`);
  return st.final ? 0 : EXIT_NOT_FINAL;
}

/** The comparison, the files it must not write over, and the data issues to list on stderr (two schemes). */
type Made = { report: DiffReport; protect: string[]; issues: DataIssue[] };

async function diffSchemes(a: string, b: string, period: string | undefined): Promise<Made | number> {
  // Each scheme is scored and checked as kpi score does: one kpi score would refuse is refused here too.
  const ca = await checkedRun(a, period);
  if (!ca.ok) return reportFailure('diff', ca);
  const cb = await checkedRun(b, period ?? ca.checked.run.period.label);
  if (!cb.ok) return reportFailure('diff', cb);
  const ra: Prepared = ca.checked.run;
  const rb: Prepared = cb.checked.run;
  if (period === undefined && (ra.model.period ?? '') !== (rb.model.period ?? '')) {
    return usage(`${a} scores ${ra.model.period ?? 'no period'} but ${b} scores ${rb.model.period ?? 'no period'}: pass --period to score both on one`);
  }
  const ia = runInfoOf(ra);
  const ib = runInfoOf(rb);
  const files = inputChanges(ia.inputs, ib.inputs);
  const notes: string[] = [];
  // The same data means every figure that moved moved because of the rules (a metric's definition included).
  const dataFiles = files.filter((f) => f.role !== 'targets');
  if (dataFiles.length) notes.push(`the two schemes read different data (${dataFiles.map((f) => f.source).join(', ')}): the differences mix changes of data and of rules`);
  if (ra.model.currency.code !== rb.model.currency.code) notes.push(`the currencies differ (${ra.model.currency.code}, ${rb.model.currency.code}): payouts are compared as numbers`);
  const actuals: ActualsMoveWith = dataFiles.length ? 'data or rules' : 'rules';
  const comparison = compareRuns(viewOfResult(ca.checked.result), viewOfResult(cb.checked.result), actuals);
  // Data issues of either run make the comparison NOT FINAL; the same row read by both is one issue.
  // Files are compared where they are (each scheme names them from its own folder).
  const seen = new Set<string>();
  const once = (scheme: string) => (i: DataIssue) => {
    const key = JSON.stringify([path.resolve(path.dirname(scheme), i.file), i.row ?? null, i.column ?? null, i.reason]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const issues = [...ca.checked.issues.filter(once(a)), ...cb.checked.issues.filter(once(b))];
  const report: DiffReport = {
    kind: 'schemes',
    a: { file: a, scheme: ra.model.name, period: ra.period.label },
    b: { file: b, scheme: rb.model.name, period: rb.period.label },
    currency: { code: rb.model.currency.code, minorUnit: rb.model.currency.minorUnit, symbol: rb.model.currency.symbol },
    comparison,
    schemeChanges: schemeChanges(ra.model, rb.model),
    schemeChanged: ia.schemeSha256 !== ib.schemeSha256,
    inputChanges: files,
    notes,
    status: runStatus(issues),
    issuesWhere: english('status.whereStderr'),
  };
  return { report, protect: [...protectedPaths(outputContext(ra)), ...protectedPaths(outputContext(rb))], issues };
}

async function readSaved(file: string): Promise<SavedRun | string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return `${file} is not valid JSON: ${(e as Error).message}`;
  }
  try {
    return savedRun(json);
  } catch (e) {
    if (e instanceof SavedRunError) return `${file} is not a saved kpi score run: ${e.message}`;
    throw e;
  }
}

async function diffRuns(a: string, b: string): Promise<Made | number> {
  const sa = await readSaved(a);
  if (typeof sa === 'string') return fail(sa);
  const sb = await readSaved(b);
  if (typeof sb === 'string') return fail(sb);
  const notes: string[] = [];
  let actuals: ActualsMoveWith = 'data or rules';
  let schemeChanged: boolean | null = null;
  let files: DiffReport['inputChanges'] = [];
  if (sa.run && sb.run) {
    schemeChanged = sa.run.schemeSha256 !== sb.run.schemeSha256;
    files = inputChanges(sa.run.inputs, sb.run.inputs);
    const dataChanged = files.some((f) => f.role !== 'targets');
    actuals = schemeChanged && dataChanged ? 'data or rules' : schemeChanged ? 'rules' : 'data';
    if (schemeChanged && dataChanged) notes.push('both the scheme and the data changed: an actual that moved may be either\'s doing');
  } else {
    notes.push(`${sa.run ? b : a} carries no input hashes (saved by an older kpi): changes are told apart from the figures only`);
  }
  for (const [file, st] of [[a, sa.status], [b, sb.status]] as const) {
    if (!st.final) notes.push(english('diff.sideNotFinal', { file, count: issueCount(st) }));
  }
  if (sa.view.period !== sb.view.period) notes.push(`the runs are for different periods (${sa.view.period}, ${sb.view.period})`);
  if (sa.currency.code !== sb.currency.code) notes.push(`the currencies differ (${sa.currency.code}, ${sb.currency.code}): payouts are compared as numbers`);
  const report: DiffReport = {
    kind: 'runs',
    a: { file: a, scheme: sa.scheme, period: sa.view.period },
    b: { file: b, scheme: sb.scheme, period: sb.view.period },
    currency: sb.currency,
    comparison: compareRuns(sa.view, sb.view, actuals),
    schemeChanges: [],
    schemeChanged,
    inputChanges: files,
    notes,
    status: { final: sa.status.final && sb.status.final, issues: sa.status.issues + sb.status.issues, skipped: sa.status.skipped + sb.status.skipped, notes: sa.status.notes + sb.status.notes },
    issuesWhere: english('status.whereSavedRuns', { a, b }),
  };
  return { report, protect: [a, b], issues: [] };
}
