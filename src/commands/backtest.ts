// `kpi backtest SCHEME --from P --to P`: replay history under a scheme. The data is read once; every period in
// the range is scored from the same tables by the same core as `kpi score`; the summary says what the plan would
// have cost, how many reps reached threshold, target and stretch, who sat on a tier edge and who moved most.
import { Option, type Command } from 'commander';
import { checkPeriods, prepareRun } from './pipeline.js';
import { reportFailure, usageError } from './fail.js';
import { outputContext, summariseIssues } from './score.js';
import { useColor } from './terminal-env.js';
import { EXIT_NOT_FINAL, runStatus } from '../output/status.js';
import { formatDiagnostic } from '../scheme/diagnostics.js';
import { parsePeriod } from '../core/period.js';
import type { Period, RunResult } from '../core/results.js';
import { periodRange } from '../plan/periods.js';
import { scorePeriods } from '../plan/replay.js';
import { backtest } from '../plan/backtest.js';
import { backtestJson } from '../output/backtest-json.js';
import { said, say, translator, type Locale, type Translate } from '../messages/index.js';
import { langArg, runLocale } from './lang-option.js';
import { OutputError, outputErrorLine } from '../output/errors.js';
import { protectedPaths, refuseInputs } from '../output/safe-write.js';

export interface BacktestOptions {
  from: string;
  to?: string;
  format: 'table' | 'json';
  xlsx?: string;
  lang?: Locale;
}

/** Adds `kpi backtest` to the program; `done` receives the exit code. */
export function registerBacktest(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('backtest')
    .argument('<scheme>', t('cli.arg.scheme'))
    .description(t('cli.backtest'))
    .requiredOption('--from <period>', t('cli.backtest.from'))
    .option('--to <period>', t('cli.backtest.to'))
    .addOption(new Option('--format <format>', t('cli.score.format')).choices(['table', 'json']).default('table'))
    .option('--xlsx <file>', t('cli.backtest.xlsx'))
    .option('--lang <locale>', t('cli.plan.lang'), langArg)
    .addHelpText('after', t('cli.backtest.after'))
    .action(async (scheme: string, opts: BacktestOptions) => {
      done(await runBacktest(scheme, opts));
    });
}

const usage = (message: string): number => usageError('backtest', message);

async function runBacktest(schemeFile: string, opts: BacktestOptions): Promise<number> {
  // Before the scheme loads, its language comes from --lang or its locale: line (runLocale reads the file).
  const early = async () => translator(await runLocale(schemeFile, opts.lang));
  const from = parsePeriod(opts.from);
  if ('error' in from) return usage(say(said('period.badOption', { flag: '--from', label: opts.from, error: from.error }), await early()));
  if (opts.to !== undefined) {
    const to = parsePeriod(opts.to);
    if ('error' in to) return usage(say(said('period.badOption', { flag: '--to', label: opts.to, error: to.error }), await early()));
  }
  // Read once, as `kpi score --period FROM` would (same checks, same refusals).
  const prepared = await prepareRun(schemeFile, opts.from);
  if (!prepared.ok) return reportFailure('backtest', prepared, translator(await runLocale(schemeFile, opts.lang)));
  const run = prepared.run;
  const t = translator(opts.lang ?? run.model.locale ?? 'en-US');
  const toLabel = opts.to ?? run.model.period;
  if (toLabel === undefined) return usage(t('bt.noTo'));
  const to = parsePeriod(toLabel);
  if ('error' in to)
    return reportFailure('backtest', { ok: false, code: 1, diagnostics: [], message: said('period.badInScheme', { label: toLabel, error: to.error }) }, t);
  const periods = periodRange(run.period, to);
  if ('error' in periods) return usage(say(periods.error, t));

  const results = scorePeriods(run, periods);
  const empty = emptyPeriods(results);
  if (empty.length) {
    process.stderr.write(`kpi backtest: ${noDataMessage(empty, results, t)}\n`);
    return 1;
  }
  // Every period is checked as kpi score checks it: an error in any stops the backtest, a warning is shown once,
  // and a data issue of any period makes the whole backtest NOT FINAL (its figures may change once it is fixed).
  const checks = checkPeriods(run, results);
  if (checks.diagnostics.some((d) => d.severity === 'error'))
    return reportFailure('backtest', { ok: false, code: 1, diagnostics: checks.diagnostics, issues: run.readIssues }, t);
  for (const w of checks.diagnostics) process.stderr.write(formatDiagnostic(w, t) + '\n');
  const bt = backtest(run.model, results);
  const issues = checks.issues;
  const status = runStatus(issues);

  if (opts.xlsx) {
    try {
      await refuseInputs(opts.xlsx, protectedPaths(outputContext(run)));
    } catch (e) {
      if (e instanceof OutputError) return fail(e, t);
      throw e;
    }
  }
  // Files first, then stdout, as kpi score: a backtest that cannot write its workbook prints only why.
  if (opts.xlsx) {
    try {
      const { writeBacktestWorkbook } = await import('../output/backtest-xlsx.js');
      await writeBacktestWorkbook(run.model, bt, issues, status, opts.xlsx, protectedPaths(outputContext(run)), t);
    } catch (e) {
      if (e instanceof OutputError) return fail(e, t);
      throw e;
    }
  }
  if (opts.format === 'json') process.stdout.write(backtestJson(run.model, bt, issues, status));
  else {
    // The text table (and its width measure) loads only when printed, like the score table.
    const { renderBacktest } = await import('../output/backtest-terminal.js');
    const { notFinalAround } = await import('../output/plan-text.js');
    process.stdout.write(notFinalAround(renderBacktest(run.model, bt, t), status, useColor(process.stdout), 80, t));
  }
  summariseIssues(issues, status, opts.xlsx, t, { xlsx: true });
  if (!status.final) process.stderr.write(`${t('status.notFinalStderr', { code: EXIT_NOT_FINAL })}\n`);
  if (opts.xlsx) process.stderr.write(t('bt.wrote', { file: opts.xlsx }) + (status.final ? '' : t('status.markedNotFinal')) + '\n');
  return status.final ? 0 : EXIT_NOT_FINAL;
}

function fail(e: OutputError, t: Translate): number {
  process.stderr.write(`kpi backtest: ${outputErrorLine(e, t)}\n`);
  return 1;
}

/** Periods in which no source had a single row for any rep: their zeros would look like a cheap plan. */
function emptyPeriods(results: readonly RunResult[]): Period[] {
  return results.filter((r) => r.reps.length > 0 && r.reps.every((x) => !x.hasData)).map((r) => r.period);
}

function noDataMessage(empty: Period[], results: readonly RunResult[], t: Translate): string {
  const labels = empty.map((p) => p.label);
  const shown =
    labels.length > 6
      ? t('bt.someOf', { first: labels.slice(0, 3).join(t('list.sep')), last: labels[labels.length - 1]!, n: labels.length })
      : labels.join(t('list.sep'));
  const withData = results.filter((r) => !empty.includes(r.period)).map((r) => r.period.label);
  return withData.length
    ? t('bt.noDataIn', { periods: shown, first: withData[0]!, last: withData[withData.length - 1]! })
    : t('bt.noDataAt', { periods: shown });
}
