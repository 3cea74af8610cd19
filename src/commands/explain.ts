// `kpi explain SCHEME REP [METRIC]`: the rows, formula and each step behind one rep's figures.
import type { Command } from 'commander';
import { checkedRun } from './pipeline.js';
import { formatDiagnostic } from '../scheme/diagnostics.js';
import { EXIT_NOT_FINAL, notFinalLine, runStatus } from '../output/status.js';
import { reportFailure } from './fail.js';
import { closest } from '../scheme/suggest.js';
import type { MetricResult, RepResult, RunResult } from '../core/results.js';
import { outputLocale, type Locale } from '../output/locale.js';
import { say, translator, type Translate } from '../messages/index.js';
import { langArg, runLocale } from './lang-option.js';

/** Adds `kpi explain` to the program; `done` receives the exit code. */
export function registerExplain(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('explain')
    .argument('<scheme>', t('cli.arg.scheme'))
    .argument('<rep>', t('cli.explain.rep'))
    .argument('[metric]', t('cli.explain.metric'))
    .option('--period <period>', t('cli.explain.period'))
    .option('--lang <locale>', t('cli.explain.lang'), langArg)
    .description(t('cli.explain'))
    .addHelpText('after', t('cli.explain.after'))
    .action(async (scheme: string, rep: string, metric: string | undefined, opts: { period?: string; lang?: Locale }) => {
      done(await runExplain(scheme, rep, metric, opts));
    });
}

async function runExplain(schemeFile: string, repQuery: string, metric: string | undefined, opts: { period?: string; lang?: Locale }): Promise<number> {
  // The same checks as kpi score: explain shows a payout too, so it refuses what score refuses.
  const checked = await checkedRun(schemeFile, opts.period);
  if (!checked.ok) return reportFailure('explain', checked, translator(await runLocale(schemeFile, opts.lang)));
  const { run, result, issues, warnings } = checked.checked;
  const t = translator(outputLocale(run.model, opts.lang).locale);
  for (const w of warnings) process.stderr.write(formatDiagnostic(w, t) + '\n');
  const status = runStatus(issues);
  const rep = findRep(result, repQuery);
  if (Array.isArray(rep)) {
    process.stderr.write(`kpi explain: ${t('explain.ambiguousRep', { rep: repQuery, n: rep.length, ids: rep.map((r) => r.rep.id).join(', ') })}\n`);
    return 2;
  }
  if (!rep) {
    process.stderr.write(
      `kpi explain: ${t('explain.noRep', { rep: repQuery })}${hint(
        repQuery,
        result.reps.flatMap((r) => [r.rep.id, r.rep.name]),
        t,
      )}\n`,
    );
    return 2;
  }
  const metrics = metric ? rep.metrics.filter((m) => m.metric === metric) : rep.metrics;
  if (metric && metrics.length === 0) {
    process.stderr.write(
      `kpi explain: ${t('explain.noMetric', { metric })}${hint(
        metric,
        rep.metrics.map((m) => m.metric),
        t,
      )}\n`,
    );
    return 2;
  }
  const banner = status.final ? '' : notFinalLine(status, t('status.whereExplain'), t) + '\n';
  process.stdout.write(banner + explainText(result, rep, metrics, metric === undefined, t));
  return status.final ? 0 : EXIT_NOT_FINAL;
}

/** " (did you mean "XS007"?)" in the run's language, when a candidate is close enough to be a likely typo. */
function hint(word: string, candidates: string[], t: Translate): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? '' : t('hint.didYouMean', { suggestion });
}

/** The rep an id (or, failing that, a name) names; every rep of that name when several share it (never a guess). */
function findRep(result: RunResult, q: string): RepResult | RepResult[] | undefined {
  const t = q.trim();
  const byId = result.reps.find((r) => r.rep.id === t) ?? result.reps.find((r) => r.rep.id.toLowerCase() === t.toLowerCase());
  if (byId) return byId;
  const named = result.reps.filter((r) => r.rep.name.toLowerCase() === t.toLowerCase());
  return named.length > 1 ? named : named[0];
}

export function explainText(result: RunResult, rep: RepResult, metrics: MetricResult[], withBonus: boolean, t: Translate): string {
  const lines: string[] = [];
  lines.push(
    t('explain.title', { name: rep.rep.name, id: rep.rep.id, team: rep.rep.team, role: rep.rep.role, scheme: result.schemeName, period: result.period.label }),
  );
  if (!rep.hasData) lines.push(t('explain.noData'));
  for (const m of metrics) {
    lines.push('', `${m.label} [${m.metric}]${m.weight > 0 ? '' : ` ${t('explain.notWeighted')}`}`);
    const p = m.provenance;
    if (p.file) lines.push(`  ${t('explain.source', { source: p.source ?? '', file: p.file })}`);
    if (p.filter) lines.push(`  ${t('explain.filter', { filter: say(p.filter, t) })}`);
    if (p.aggregation) {
      const aggregation = say(p.aggregation, t);
      lines.push(`  ${p.rows !== undefined ? t('explain.aggregationRows', { aggregation, n: p.rows }) : t('explain.aggregation', { aggregation })}`);
    }
    if (p.formula) lines.push(`  ${t('explain.formula', { formula: say(p.formula, t) })}`);
    for (const s of p.steps) lines.push(`  ${say(s, t)}`);
    if (m.note) lines.push(`  ${t('explain.note', { note: say(m.note, t) })}`);
  }
  if (withBonus) {
    const steps = rep.steps;
    lines.push('', t('col.bonus'));
    if (steps?.length) for (const s of steps) lines.push(`  ${say(s, t)}`);
    else {
      lines.push(
        `  ${t('explain.fallbackScore', { score: `${(rep.totalScore * 100).toFixed(2)}%`, tier: rep.tier?.label ?? '—', multiplier: rep.multiplier })}`,
      );
      lines.push(`  ${t('explain.fallbackPayout', { payout: rep.rounded.payout.toFixed(result.currency.minorUnit), currency: result.currency.code })}`);
    }
  }
  return lines.join('\n') + '\n';
}
