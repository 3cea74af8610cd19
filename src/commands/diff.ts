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
import { runInfoOf } from './run-info.js';
import { compareRuns, viewOfResult, type ActualsMoveWith } from '../plan/diff.js';
import { schemeChanges } from '../plan/scheme-changes.js';
import { inputChanges, savedRun, SavedRunError, type SavedRun } from '../plan/score-json.js';
import type { DiffReport } from '../plan/diff-report.js';
import { OutputError, outputErrorLine } from '../output/errors.js';
import { protectedPaths, refuseInputs } from '../output/safe-write.js';
import { said, say, translator, type Locale, type Text, type Translate } from '../messages/index.js';
import { langArg, runLocale } from './lang-option.js';

export interface DiffOptions {
  period?: string;
  format: 'table' | 'json';
  xlsx?: string;
  lang?: Locale;
}

/** Adds `kpi diff` to the program; `done` receives the exit code. */
export function registerDiff(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('diff')
    .argument('<a>', t('cli.diff.a'))
    .argument('<b>', t('cli.diff.b'))
    .description(t('cli.diff'))
    .option('--period <period>', t('cli.diff.period'))
    .addOption(new Option('--format <format>', t('cli.score.format')).choices(['table', 'json']).default('table'))
    .option('--xlsx <file>', t('cli.diff.xlsx'))
    .option('--lang <locale>', t('cli.diff.lang'), langArg)
    .addHelpText('after', t('cli.diff.after'))
    .action(async (a: string, b: string, opts: DiffOptions) => {
      done(await runDiff(a, b, opts));
    });
}

const usage = (message: string): number => usageError('diff', message);

function fail(message: Text, t: Translate = translator('en-US')): number {
  process.stderr.write(`kpi diff: ${say(message, t)}\n`);
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
      return buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith('{')
        ? 'json'
        : 'yaml';
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

async function runDiff(a: string, b: string, opts: DiffOptions): Promise<number> {
  // Before anything is read, messages follow --lang (a scheme's locale is not known yet).
  const early = translator(opts.lang ?? 'en-US');
  for (const f of [a, b]) {
    const st = await fs.stat(f).catch(() => null);
    if (!st) return fail(said('diff.noFile', { file: f }), early);
    if (st.isDirectory()) return fail(said('diff.isFolder', { file: f }), early);
  }
  const [ka, kb] = await Promise.all([kindOf(a), kindOf(b)]);
  if (ka === undefined || kb === undefined) return fail(said('diff.cannotRead', { file: ka === undefined ? a : b }), early);
  const what = (k: 'json' | 'yaml') => early(k === 'json' ? 'diff.aRun' : 'diff.aScheme');
  if (ka !== kb) return usage(early('diff.mixed', { a, b, whatA: what(ka), whatB: what(kb) }));
  if (ka === 'json' && opts.period) return usage(early('diff.periodOnRuns'));
  const made = ka === 'json' ? await diffRuns(a, b, early) : await diffSchemes(a, b, opts.period, opts.lang);
  if (typeof made === 'number') return made;
  const { report, protect, issues } = made;
  // The language: --lang, else the new scheme's locale (two runs carry none: English).
  const t = translator(opts.lang ?? report.locale ?? 'en-US');
  if (opts.xlsx) {
    try {
      await refuseInputs(opts.xlsx, protect);
    } catch (e) {
      if (e instanceof OutputError) return fail(outputErrorLine(e, t), t);
      throw e;
    }
  }
  for (const n of report.notes) process.stderr.write(t('diff.note', { note: say(n, t) }) + '\n');
  // The outputs (and the text table's width measure) load only when this command runs.
  const { diffJson, renderDiff } = await import('../output/diff-out.js');
  const { notFinalAround } = await import('../output/plan-text.js');
  // Files first, then stdout, as kpi score: a comparison that cannot write its workbook prints only why.
  if (opts.xlsx) {
    try {
      const { writeDiffWorkbook } = await import('../output/diff-xlsx.js');
      await writeDiffWorkbook(report, opts.xlsx, protect, t);
    } catch (e) {
      if (e instanceof OutputError) return fail(outputErrorLine(e, t), t);
      throw e;
    }
  }
  const st = report.status;
  process.stdout.write(
    opts.format === 'json' ? diffJson(report) : notFinalAround(renderDiff(report, t), st, useColor(process.stdout), 80, t, say(report.issuesWhere, t)),
  );
  summariseIssues(issues, st, undefined, t, { xlsx: false });
  if (!st.final) process.stderr.write(`${t('status.notFinalStderr', { code: EXIT_NOT_FINAL })}\n`);
  if (opts.xlsx) process.stderr.write(t('diff.wrote', { file: opts.xlsx }) + (st.final ? '' : t('status.markedNotFinal')) + '\n');
  return st.final ? 0 : EXIT_NOT_FINAL;
}

/** The comparison, the files it must not write over, and the data issues to list on stderr (two schemes). */
type Made = { report: DiffReport; protect: string[]; issues: DataIssue[] };

async function diffSchemes(a: string, b: string, period: string | undefined, lang: Locale | undefined): Promise<Made | number> {
  // Each scheme is scored and checked as kpi score does: one kpi score would refuse is refused here too.
  const ca = await checkedRun(a, period);
  if (!ca.ok) return reportFailure('diff', ca, translator(await runLocale(a, lang)));
  const cb = await checkedRun(b, period ?? ca.checked.run.period.label);
  if (!cb.ok) return reportFailure('diff', cb, translator(await runLocale(b, lang)));
  const ra: Prepared = ca.checked.run;
  const rb: Prepared = cb.checked.run;
  if (period === undefined && (ra.model.period ?? '') !== (rb.model.period ?? '')) {
    const t = translator(lang ?? rb.model.locale ?? 'en-US');
    return usage(t('diff.periodsDiffer', { a, b, pa: ra.model.period ?? t('diff.noPeriod'), pb: rb.model.period ?? t('diff.noPeriod') }));
  }
  const ia = runInfoOf(ra);
  const ib = runInfoOf(rb);
  const files = inputChanges(ia.inputs, ib.inputs);
  const notes: Text[] = [];
  // The same data means every figure that moved moved because of the rules (a metric's definition included).
  const dataFiles = files.filter((f) => f.role !== 'targets');
  if (dataFiles.length) notes.push(said('diff.noteDataDiffers', { sources: dataFiles.map((f) => f.source) }));
  if (ra.model.currency.code !== rb.model.currency.code) notes.push(said('diff.noteCurrencies', { a: ra.model.currency.code, b: rb.model.currency.code }));
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
    issuesWhere: said('status.whereStderr'),
    ...(rb.model.locale ? { locale: rb.model.locale } : {}),
  };
  return { report, protect: [...protectedPaths(outputContext(ra)), ...protectedPaths(outputContext(rb))], issues };
}

async function readSaved(file: string, t: Translate): Promise<SavedRun | string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return t('diff.cannotReadWhy', { file, why: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return t('diff.notJson', { file, why: (e as Error).message });
  }
  try {
    return savedRun(json);
  } catch (e) {
    if (e instanceof SavedRunError) return t('diff.notASavedRun', { file, why: e.message });
    throw e;
  }
}

async function diffRuns(a: string, b: string, t: Translate): Promise<Made | number> {
  const sa = await readSaved(a, t);
  if (typeof sa === 'string') return fail(sa);
  const sb = await readSaved(b, t);
  if (typeof sb === 'string') return fail(sb);
  const notes: Text[] = [];
  let actuals: ActualsMoveWith = 'data or rules';
  let schemeChanged: boolean | null = null;
  let files: DiffReport['inputChanges'] = [];
  if (sa.run && sb.run) {
    schemeChanged = sa.run.schemeSha256 !== sb.run.schemeSha256;
    files = inputChanges(sa.run.inputs, sb.run.inputs);
    const dataChanged = files.some((f) => f.role !== 'targets');
    actuals = schemeChanged && dataChanged ? 'data or rules' : schemeChanged ? 'rules' : 'data';
    if (schemeChanged && dataChanged) notes.push(said('diff.noteBothChanged'));
  } else {
    notes.push(said('diff.noteNoHashes', { file: sa.run ? b : a }));
  }
  // Two saved runs carry no language: t is --lang's, or English.
  for (const [file, st] of [
    [a, sa.status],
    [b, sb.status],
  ] as const) {
    if (!st.final) notes.push(t('diff.sideNotFinal', { file, count: issueCount(st, t) }));
  }
  if (sa.view.period !== sb.view.period) notes.push(said('diff.notePeriods', { a: sa.view.period, b: sb.view.period }));
  if (sa.currency.code !== sb.currency.code) notes.push(said('diff.noteCurrencies', { a: sa.currency.code, b: sb.currency.code }));
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
    status: {
      final: sa.status.final && sb.status.final,
      issues: sa.status.issues + sb.status.issues,
      skipped: sa.status.skipped + sb.status.skipped,
      notes: sa.status.notes + sb.status.notes,
    },
    issuesWhere: said('status.whereSavedRuns', { a, b }),
  };
  return { report, protect: [a, b], issues: [] };
}
