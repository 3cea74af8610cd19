// `kpi validate SCHEME`: every problem at once, as file:line:col, then SMART warnings. Exit 0 / 1 / 2.
import { Option, type Command } from 'commander';
import { diagnosticText, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../scheme/diagnostics.js';
import { loadScheme, prepareRun, score, resolvePeriod } from './pipeline.js';
import { dataDiagnostics } from './validate-data.js';
import { designChecks } from './checks/design-checks.js';
import { langArg, runLocale } from './lang-option.js';
import { english, problem, problemFix, say, translator, type Text, type Translate } from '../messages/index.js';
import type { Locale } from '../core/model.js';
import { budgetForCheckRun } from '../start/tiering.js';
import { printOut } from './stdio.js';

export interface ValidateOptions {
  data: boolean;
  format: 'text' | 'json';
  period?: string;
  lang?: Locale;
}

/** Adds `kpi validate` to the program; `done` receives the exit code. */
export function registerValidate(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('validate')
    .argument('<scheme>', t('cli.arg.scheme'))
    .description(t('cli.validate'))
    .option('--no-data', t('cli.validate.noData'))
    .option('--period <period>', t('cli.validate.period'))
    .addOption(new Option('--format <format>', t('cli.validate.format')).choices(['text', 'json']).default('text'))
    .option('--lang <locale>', t('cli.opt.lang'), langArg)
    .addHelpText('after', t('cli.validate.after'))
    .action(async (scheme: string, opts: ValidateOptions) => {
      done(await runValidate(scheme, opts));
    });
}

/**
 * KPI1304: no period to check the data in, and why (`reason`: period.none, period.bad …, a sentence of its own).
 * The message (English, for JSON and code without a run language) says the reason in English, the values in the
 * run's language: each reads in one language.
 */
export function noPeriodWarning(reason: Text | undefined, file: string, at: { line: number; col: number }, t: Translate): Diagnostic {
  const said = (tr: Translate) => (reason === undefined ? '' : say(reason, tr));
  const p = problem('KPI1304', { reason: said(english) });
  return { severity: 'warning', file, ...at, message: p.text, code: p.code, params: { reason: said(t) }, smart: 'time-bound' };
}

async function runValidate(schemeFile: string, opts: ValidateOptions): Promise<number> {
  budgetForCheckRun();
  const loaded = await loadScheme(schemeFile, schemeFile);
  const t = translator(await runLocale(schemeFile, opts.lang, loaded.model));
  let diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let usage: string | undefined;
  let dataChecked = false;
  if (loaded.model && opts.data) {
    const period = resolvePeriod(loaded.model, opts.period);
    if ('ok' in period) {
      if (period.code === 2 && opts.period) usage = period.message === undefined ? undefined : say(period.message, t);
      else {
        // No period to check the data in (none set, or the scheme's is not one): said, and the rest is checked.
        const at = (loaded.model.period !== undefined && loaded.positionOf?.(['period'])) || { line: 0, col: 0 };
        diagnostics.push(noPeriodWarning(period.message, schemeFile, at, t));
      }
    }
    if (!usage && !('ok' in period)) {
      // No hashes: validate shows none, and finds copied inputs by comparing their bytes (copied-inputs.ts).
      const prepared = await prepareRun(schemeFile, opts.period, { allColumns: true, loaded, hash: false });
      // Loops, not push(...list): millions of data issues would overflow the stack as call arguments.
      if (!prepared.ok) for (const d of prepared.diagnostics) diagnostics.push(d);
      else {
        // The same checks as every command that pays (run-checks.ts), plus the SMART history checks. They read the
        // figures, not the steps that explain each score (not made: ScoreInput.explain).
        for (const d of dataDiagnostics(prepared.run, score(prepared.run, false))) diagnostics.push(d);
        dataChecked = true;
      }
    }
  }
  if (loaded.model && !dataChecked) {
    // Without the data, the roster is known only when it is inline.
    const model = loaded.model;
    const at = (p: (string | number)[], atKey = false) => loaded.positionOf?.(p, atKey) ?? { line: 0, col: 0 };
    for (const d of designChecks(model, model.roster.kind === 'inline' ? model.roster.reps : undefined, schemeFile, at)) diagnostics.push(d);
  }
  if (usage) {
    process.stderr.write(`kpi validate: ${usage}\n`);
    return 2;
  }
  diagnostics = sortDiagnostics(dedupe(diagnostics));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (opts.format === 'json') {
    const list = diagnostics.map((d) => {
      const { severity, file, line, col, smart, code } = d;
      return { severity, file, line, col, message: diagnosticText(d, t), code, hint: problemFix(code, t), ...(smart ? { smart } : {}) };
    });
    printOut(JSON.stringify({ format: 'kpi-validate/1', scheme: schemeFile, valid: errors === 0, errors, warnings, diagnostics: list }, null, 2) + '\n');
  } else {
    for (const d of diagnostics) printOut(formatDiagnostic(d, t) + '\n');
    const summary = errors
      ? t('validate.errors', { scheme: schemeFile, errors, warnings })
      : (warnings ? t('validate.validWarnings', { scheme: schemeFile, warnings }) : t('validate.valid', { scheme: schemeFile })) +
        (opts.data ? '' : t('validate.noData'));
    printOut(summary + '\n');
  }
  return errors ? 1 : 0;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = formatDiagnostic(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
