// `kpi targets SCHEME --for 2027`: on-tiptoe targets per rep and metric from history, written as a targets file
// the scheme can use (`targets_file:`), each row explained. Never written over an input.
import { Option, type Command } from 'commander';
import { periodsIssues, prepareRun } from './pipeline.js';
import { reportFailure, usageError } from './fail.js';
import { outputContext, summariseIssues } from './score.js';
import { useColor } from './terminal-env.js';
import { EXIT_NOT_FINAL, runStatus } from '../output/status.js';
import { parsePeriod, samePeriodLastYear } from '../core/period.js';
import type { Period } from '../core/results.js';
import { nextPeriod, periodContaining, periodsBefore } from '../plan/periods.js';
import { scorePeriods } from '../plan/replay.js';
import { suggestTargets } from '../plan/targets.js';
import { OutputError, outputErrorLine } from '../output/errors.js';
import { protectedPaths, refuseInputs, writeFileAtomic } from '../output/safe-write.js';
import { parseFractionText } from '../scheme/percent.js';
import { csvBomByDefault } from '../output/locale.js';
import { PERIOD_COUNT } from '../messages/en-plan.js';
import { said, say, translator, type Locale, type Translate } from '../messages/index.js';
import { langArg, runLocale } from './lang-option.js';

export interface TargetsOptions {
  for: string;
  growth?: string;
  out?: string;
  format: 'table' | 'csv' | 'json';
  lang?: Locale;
}

/** Adds `kpi targets` to the program; `done` receives the exit code. */
export function registerTargets(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('targets')
    .argument('<scheme>', t('cli.arg.scheme'))
    .description(t('cli.targets'))
    .requiredOption('--for <period>', t('cli.targets.for'))
    .option('--growth <percent>', t('cli.targets.growth'))
    .option('--out <file>', t('cli.targets.out'))
    .addOption(new Option('--format <format>', t('cli.score.format')).choices(['table', 'csv', 'json']).default('table'))
    .option('--lang <locale>', t('cli.targets.lang'), langArg)
    .addHelpText('after', t('cli.targets.after'))
    .action(async (scheme: string, opts: TargetsOptions) => {
      done(await runTargets(scheme, opts));
    });
}

const usage = (message: string): number => usageError('targets', message);

/** The periods of `kind` that make up `span` exactly, or why they do not. */
export function periodsIn(span: Period, kind: Period['kind'], t: Translate = translator('en-US')): Period[] | { error: string } {
  if (kind === 'ytd') return { error: t('tg.ytdScheme') };
  const out: Period[] = [];
  for (let p: Period = periodContaining(span.start, kind); p.end <= span.end; p = nextPeriod(p)) out.push(p);
  if (out.length === 0 || out[0]!.start !== span.start || out[out.length - 1]!.end !== span.end) {
    return { error: t(kind === 'quarter' ? 'tg.notWholeQuarters' : kind === 'year' ? 'tg.notWholeYears' : 'tg.notWholeMonths', { period: span.label }) };
  }
  return out;
}

async function runTargets(schemeFile: string, opts: TargetsOptions): Promise<number> {
  // Before the scheme loads, its language comes from --lang or its locale: line, read only when there is
  // something to say (runLocale reads the file).
  const early = async () => translator(await runLocale(schemeFile, opts.lang));
  const span = parsePeriod(opts.for);
  if ('error' in span) return usage(say(said('period.badOption', { flag: '--for', label: opts.for, error: span.error }), await early()));
  let growth: number | undefined;
  if (opts.growth !== undefined) {
    const g = parseFractionText(opts.growth.includes('%') ? opts.growth : Number(opts.growth));
    if (g === undefined || !Number.isFinite(g) || g < 0 || g > 10) return usage((await early())('tg.badGrowth', { value: opts.growth }));
    growth = g;
  }
  const prepared = await prepareRun(schemeFile, opts.for);
  if (!prepared.ok) return reportFailure('targets', prepared, await early());
  const run = prepared.run;
  const locale = opts.lang ?? run.model.locale ?? 'en-US';
  const t = translator(locale);
  const own = run.model.period === undefined ? undefined : parsePeriod(run.model.period);
  const kind = own && !('error' in own) ? own.kind : 'month';
  const periods = periodsIn(span, kind, t);
  if ('error' in periods) return usage(periods.error);

  // One read, one shared engine: the trailing periods and last year's for seasonality, each scored once.
  // A period after the scheme's own (the last one closed) is not over: pipeline deals with expected dates there
  // would read as a month of zero sales and pull every average down. It is left out of the history, and said so.
  const before = periodsBefore(periods[0]!).reverse();
  const closed = own && !('error' in own) ? own.end : undefined;
  const trailing = closed === undefined ? before : before.filter((p) => p.end <= closed);
  const open = before.filter((p) => !trailing.includes(p));
  if (open.length)
    process.stderr.write(t('tg.notClosed', { periods: open.map((p) => p.label).join(t('list.sep')), n: open.length, own: run.model.period! }) + '\n');
  if (trailing.length === 0) return usage(t('tg.noClosedHistory', { own: run.model.period!, first: periods[0]!.label }));
  const lastYear = periods.map(samePeriodLastYear);
  const all = [...new Map([...trailing, ...lastYear].map((p) => [p.label, p])).values()];
  const scored = new Map(scorePeriods(run, all).map((r) => [r.period.label, r]));
  const history = trailing.map((p) => scored.get(p.label)!).filter((r) => r.reps.some((x) => x.hasData));
  if (history.length === 0) {
    const span = t(PERIOD_COUNT[kind], { n: trailing.length });
    process.stderr.write(
      `kpi targets: ${t('tg.noHistory', { span, before: periods[0]!.label, first: trailing[0]!.label, last: trailing[trailing.length - 1]!.label })}\n`,
    );
    return 1;
  }
  const g = growth ?? run.model.smart.targetGrowth;
  const { suggestions, skipped } = suggestTargets(run.model, { trailing: history, lastYear: lastYear.map((p) => scored.get(p.label)!) }, periods, g);
  // Targets from history with data issues (rows skipped, values guessed) may change once they are fixed: NOT FINAL,
  // as kpi score says it, in every output and the exit code.
  const issues = periodsIssues(run, [...scored.values()]);
  const status = runStatus(issues);

  const inputs = protectedPaths(outputContext(run));
  if (opts.out) {
    try {
      await refuseInputs(opts.out, inputs);
    } catch (e) {
      if (e instanceof OutputError) return fail(e, t);
      throw e;
    }
  }
  // The outputs (and the text table's width measure) load only when this command runs.
  const { renderTargets, targetsCsv, targetsJson } = await import('../output/targets-out.js');
  const { notFinalAround } = await import('../output/plan-text.js');
  // A Chinese run's file starts with a byte-order mark, so Excel shows its explanations (kpi reads it either way).
  const csv = (csvBomByDefault(locale) ? '\uFEFF' : '') + targetsCsv(run.model, suggestions, periods, status, t);
  if (opts.format === 'csv') process.stdout.write(csv);
  else if (opts.format === 'json')
    process.stdout.write(
      targetsJson(
        run.model,
        span,
        periods,
        g,
        history.map((h) => h.period),
        suggestions,
        skipped,
        issues,
        status,
      ),
    );
  else {
    const width = process.stdout.columns && process.stdout.isTTY ? Math.max(60, process.stdout.columns) : 80;
    process.stdout.write(
      notFinalAround(renderTargets(run.model, span, periods, g, suggestions, skipped, width, t), status, useColor(process.stdout), width, t),
    );
  }
  summariseIssues(issues, status, undefined, t, { xlsx: false });
  if (!status.final) process.stderr.write(`${t('status.notFinalStderr', { code: EXIT_NOT_FINAL })}\n`);
  if (opts.out) {
    try {
      await writeFileAtomic(opts.out, csv, { inputs });
    } catch (e) {
      if (e instanceof OutputError) return fail(e, t);
      throw e;
    }
    const rows = suggestions.reduce((n, s) => n + s.periods.length, 0);
    process.stderr.write(t('tg.wrote', { file: opts.out, rows, notFinal: status.final ? '' : t('status.markedNotFinal') }) + '\n');
  }
  return status.final ? 0 : EXIT_NOT_FINAL;
}

function fail(e: OutputError, t: Translate): number {
  process.stderr.write(`kpi targets: ${outputErrorLine(e, t)}\n`);
  return 1;
}
