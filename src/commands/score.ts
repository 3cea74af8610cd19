// `kpi score SCHEME`: score the period, print the ranked table (or CSV/JSON/Markdown), write the report
// and the scorecards, and summarise data issues on stderr.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { checkCardFolder, insideFolder } from '../output/card-folder.js';
import { Option, type Command } from 'commander';
import { checkedRun, type Prepared } from './pipeline.js';
import { reportFailure } from './fail.js';
import { toCsv, toJson, toMarkdown } from '../output/formats.js';
import { OutputError, outputErrorLine } from '../output/errors.js';
import type { DataIssue } from '../core/table.js';
import { toolVersion } from '../version.js';
import { runInfoOf } from './run-info.js';
import { useColor } from './terminal-env.js';
import { unitsOf } from '../output/view.js';
import { formatDiagnostic } from '../scheme/diagnostics.js';
import { writeIssueLines } from './issue-lines.js';
import { EXIT_NOT_FINAL, issueCount, runStatus, type RunStatus } from '../output/status.js';
import type { ReportContext } from '../output/report.js';
import { protectedPaths, refuseInputs } from '../output/safe-write.js';
import { csvBomByDefault, outputLocale, type Locale } from '../output/locale.js';
import { langArg, runLocale } from './lang-option.js';
import { page, pagerFor } from './pager.js';
import { writeInPieces } from './stdio.js';
import { english, problem, translator, type Translate } from '../messages/index.js';
import { dropEarly } from '../reading/csv-parallel.js';
import { startWorkerForLargeCsv } from './early-worker.js';

export interface ScoreOptions {
  period?: string;
  format: 'table' | 'csv' | 'json' | 'md';
  xlsx?: string;
  scorecards?: string;
  /** At a terminal: actual / target per metric instead of the compact table. */
  wide?: boolean;
  /** Overrides the scheme's locale for this run. */
  lang?: Locale;
  /** --bom / --no-bom; absent: by the locale. */
  bom?: boolean;
}

/** Adds `kpi score` to the program; `done` receives the exit code. */
export function registerScore(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('score')
    .argument('<scheme>', t('cli.arg.scheme'))
    .description(t('cli.score'))
    .option('--period <period>', t('cli.score.period'))
    .addOption(new Option('--format <format>', t('cli.score.format')).choices(['table', 'csv', 'json', 'md']).default('table'))
    .option('--xlsx <file>', t('cli.score.xlsx'))
    .option('--scorecards <dir>', t('cli.score.scorecards'))
    .option('--wide', t('cli.score.wide'))
    .option('--lang <locale>', t('cli.score.lang'), langArg)
    .option('--bom', t('cli.score.bom'))
    .option('--no-bom', t('cli.score.noBom'))
    .addHelpText('after', t('cli.score.after'))
    .action(async (scheme: string, opts: ScoreOptions) => {
      // A large CSV's worker loads while the scheme does (early-worker.ts); stopped at the end if no read took it.
      startWorkerForLargeCsv(scheme);
      try {
        done(await runScore(scheme, opts));
      } finally {
        dropEarly();
      }
    });
}

async function runScore(schemeFile: string, opts: ScoreOptions): Promise<number> {
  // Outputs that cannot be used as asked are refused before anything is read (exit 2).
  try {
    await checkOutputPaths(opts);
  } catch (e) {
    if (e instanceof OutputError) return fail(e, translator(await runLocale(schemeFile, opts.lang)));
    throw e;
  }
  const checked = await checkedRun(schemeFile, opts.period);
  if (!checked.ok) return reportFailure('score', checked, translator(await runLocale(schemeFile, opts.lang)));
  const { run, result, issues, runIssues, warnings } = checked.checked;
  const status = runStatus(issues);
  const units = unitsOf(run.model);
  const ctx = { ...outputContext(run, runIssues, status), ...(opts.lang ? { locale: opts.lang } : {}) };
  const loc = outputLocale(run.model, opts.lang);
  const t = translator(loc.locale);
  for (const w of warnings) process.stderr.write(formatDiagnostic(w, t) + '\n');
  // Refuse an output that would replace an input before writing anything, so a failed run writes nothing.
  if (opts.xlsx) {
    try {
      await refuseInputs(opts.xlsx, protectedPaths(ctx));
    } catch (e) {
      if (e instanceof OutputError) return fail(e, t);
      throw e;
    }
  }

  // Files first, then stdout: a run that cannot write its report prints only why, never a table that looks done.
  const written: string[] = [];
  try {
    // The Excel writer (exceljs) is loaded only when a workbook is asked for: it costs ~0.25 s at start-up.
    if (opts.xlsx) {
      const { writeReport } = await import('../output/report.js');
      const { reportExtras } = await import('./report-extras.js');
      await writeReport(result, { ...ctx, ...reportExtras(run, result) }, opts.xlsx);
      written.push(t('score.wroteReport', { file: opts.xlsx }));
    }
    if (opts.scorecards) {
      const { writeScorecards } = await import('../output/scorecards.js');
      const { cardExtras } = await import('./report-extras.js');
      const files = await writeScorecards(result, { ...ctx, ...cardExtras(run) }, opts.scorecards);
      written.push(t('score.wroteCards', { n: files.length, dir: opts.scorecards }));
    }
  } catch (e) {
    if (e instanceof OutputError) return fail(e, t);
    throw e;
  }

  switch (opts.format) {
    case 'table': {
      const { renderTable, widest } = await import('../output/terminal.js'); // chalk and cli-table3 only for the table
      const table =
        renderTable(result, {
          color: useColor(process.stdout),
          units,
          width: process.stdout.columns,
          layout: opts.wide ? 'wide' : 'compact',
          moneyDisplay: loc.moneyDisplay,
          status,
          text: t,
        }) + '\n';
      // --wide is never squeezed: wider than the terminal, it scrolls sideways in a pager instead of wrapping.
      const pager = opts.wide
        ? pagerFor(widest(table), process.stdout.columns, { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY) }, process.env)
        : { kind: 'print' as const };
      if (pager.kind === 'print' || !(await page(table, pager))) process.stdout.write(table);
      break;
    }
    case 'csv':
      // Excel opens a CSV without a byte-order mark in the system code page: Chinese text comes out garbled.
      process.stdout.write(((opts.bom ?? csvBomByDefault(loc.locale)) ? '\uFEFF' : '') + toCsv(result, status));
      break;
    case 'json':
      // The JSON carries every issue: found while reading, while scoring, and about the run as a whole.
      writeInPieces(process.stdout, toJson({ ...result, issues }, status, runInfoOf(run)));
      break;
    case 'md':
      process.stdout.write(toMarkdown(result, units, status, t));
      break;
  }
  summariseIssues(issues, status, opts.xlsx, t);
  if (!status.final) process.stderr.write(`${t('status.notFinalStderr', { code: EXIT_NOT_FINAL })}\n`);
  for (const w of written) process.stderr.write(`${w}${status.final ? '' : t('status.markedNotFinal')}\n`);
  return status.final ? 0 : EXIT_NOT_FINAL;
}

function fail(e: OutputError, t: Translate): number {
  process.stderr.write(`kpi score: ${outputErrorLine(e, t)}\n`);
  return e.usage ? 2 : 1;
}

/**
 * A report path must name a file, and not one in the scorecard folder (kpi replaces that folder on every run, so a
 * card could take the report's place or the report vanish with the old cards); the scorecard folder must be one
 * kpi may replace (see card-folder.ts).
 */
async function checkOutputPaths(opts: ScoreOptions): Promise<void> {
  if (opts.xlsx !== undefined) {
    const folder = /[\\/]$/.test(opts.xlsx) || (await stat(opts.xlsx).catch(() => null))?.isDirectory();
    if (folder) throw new OutputError(problem('KPI3001', { file: opts.xlsx, example: path.join(opts.xlsx, 'report.xlsx') }), opts.xlsx, true);
    if (opts.scorecards !== undefined && (await insideFolder(opts.xlsx, opts.scorecards))) {
      throw new OutputError(problem('KPI3002', { file: opts.xlsx, dir: opts.scorecards }), opts.xlsx, true);
    }
  }
  if (opts.scorecards !== undefined) await checkCardFolder(opts.scorecards);
}

/** What the report and scorecards need besides the result; `runIssues` are the checks' issues about the whole run. */
export function outputContext(run: Prepared, runIssues: DataIssue[] = [], status?: RunStatus): ReportContext {
  return {
    model: run.model,
    schemeFile: run.schemeShownAs,
    schemeText: run.loaded.text,
    ...(run.loaded.sha256 !== undefined ? { schemeSha256: run.loaded.sha256 } : {}),
    inputs: run.inputs,
    // The core's own issues travel in the result; the report adds these, found while reading and checking.
    issues: [...run.readIssues, ...runIssues],
    toolVersion: toolVersion(),
    protect: [path.resolve(run.schemeShownAs)],
    ...(status ? { status } : {}),
  };
}

/**
 * The first issues on stderr and where all of them are: the report named by `xlsx`, or (`plan`: a plan command,
 * whose JSON and workbook list them all) --format json, else kpi validate or a report.
 */
export function summariseIssues(all: DataIssue[], status: RunStatus, xlsx: string | undefined, t: Translate = english, plan?: { xlsx: boolean }): void {
  if (all.length === 0) return;
  const issues = all.filter((i) => i.severity !== 'note');
  const notes = all.filter((i) => i.severity === 'note');
  if (issues.length > 0) {
    process.stderr.write(`${t('score.issuesHead', { count: issueCount(status, t) })}\n`);
    writeIssueLines(issues, t);
  }
  if (notes.length > 0) {
    process.stderr.write(`${t('score.notesHead', { n: notes.length })}\n`);
    writeIssueLines(notes, t);
  }
  const sheet = t('sheet.issues');
  const how = plan
    ? t('score.issuesJson', { flag: '--format json', orXlsx: plan.xlsx ? t('score.issuesOrXlsx', { sheet }) : '' })
    : t('score.issuesHow', { sheet });
  process.stderr.write(`${xlsx ? t('score.issuesSheet', { sheet, file: xlsx }) : how}\n`);
}
