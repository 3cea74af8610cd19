// `kpi verify report.xlsx`: prove a report still says what its scheme and inputs say. Its Run sheet names the
// scheme and every input with their SHA-256; each file is found (where the report says, relative to it, or where
// the auditor points), hashed, the period scored again, the report rebuilt in memory and compared cell by cell
// with the file (src/commands/verify-report.ts).
import type { Command } from 'commander';
import { toolVersion } from '../version.js';
import { reportFailure } from './fail.js';
import { EXIT_NOT_FINAL } from '../output/status.js';
import type { VerifyOptions } from './verify-report.js';
import { langArg } from './lang-option.js';
import type { Locale } from '../output/locale.js';
import { say, translator, type Translate } from '../messages/index.js';

export function registerVerify(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('verify')
    .argument('<report>', t('cli.verify.report'))
    .description(t('cli.verify'))
    .option('--scheme <file>', t('cli.verify.scheme'))
    .option('--inputs <dir>', t('cli.verify.inputs'))
    .option('--input <source=file>', t('cli.verify.input'), (v: string, acc: string[] = []) => [...acc, v])
    .option('--lang <locale>', t('cli.verify.lang'), langArg)
    .addHelpText('after', t('cli.verify.after'))
    .action(async (report: string, opts: VerifyOptions & { lang?: Locale }) => {
      done(await runVerify(report, opts));
    });
}

async function runVerify(report: string, opts: VerifyOptions & { lang?: Locale }): Promise<number> {
  const { verifyReport } = await import('./verify-report.js');
  const { cellRef, NO_CELL, NO_FORMULA } = await import('../plan/report-cells.js');
  const out = await verifyReport(report, opts);
  const err = (s: string): void => void process.stderr.write(s + '\n');
  // In --lang, else the report's own language (its Run sheet says which), else English.
  const t = translator(opts.lang ?? (out.kind === 'usage' ? undefined : out.record.locale) ?? 'en-US');
  switch (out.kind) {
    case 'usage':
      err(`kpi verify: ${say(out.said, t)}`);
      return 2;
    case 'failed':
      return reportFailure('verify', out.failure, t);
    case 'files': {
      for (const p of out.problems) {
        const what = p.what === 'scheme' ? t('verify.scheme') : t('verify.input', { source: p.what });
        if (p.problem === 'missing') err(t('verify.missing', { what, file: p.file, expected: p.expected }));
        else err(t('verify.changed', { what, file: p.file, found: p.found ?? '', expected: p.expected }));
      }
      const missing = out.problems.some((p) => p.problem === 'missing');
      err(`kpi verify: ${t('verify.filesDiffer', { report, n: out.problems.length, how: missing ? t('verify.pointAtMoved') : '' })}`);
      return 1;
    }
    case 'compared': {
      const r = out.record;
      if (r.toolVersion !== toolVersion()) err(t('verify.otherVersion', { written: r.toolVersion, current: toolVersion() }));
      if (out.differences.length > 0) {
        const shown = (v: string): string => (v === NO_CELL ? t('verify.empty') : v === NO_FORMULA ? t('verify.aValue') : v);
        for (const d of out.differences) {
          if (d.what === 'sheet') err(t(d.expected === 'no such sheet' ? 'verify.sheetExtra' : 'verify.sheetMissing', { sheet: d.sheet, n: d.cells ?? 0 }));
          else
            err(
              t(d.what === 'formula' ? 'verify.formulaDiffers' : 'verify.cellDiffers', {
                cell: cellRef(d.sheet, d.ref),
                expected: shown(d.expected),
                found: shown(d.found),
              }),
            );
        }
        err(`kpi verify: ${t('verify.notVerified', { report, n: out.differences.length })}`);
        return 1;
      }
      // A report marked NOT FINAL proves only that it is what its files give: never exit 0, so a script that pays
      // after `kpi verify` succeeds does not pay from it (the rule of kpi score's exit 3).
      const notFinal = r.status === 'NOT FINAL';
      if (notFinal) err(t('verify.notFinal', { sheet: t('sheet.issues') }));
      process.stdout.write(
        t('verify.verified', { report, n: out.inputs, cells: out.cells.toLocaleString('en-US'), sheets: out.sheets, scheme: r.scheme, period: r.period }) +
          '\n',
      );
      if (notFinal) {
        process.stdout.write(t('verify.verifiedNotFinal', { sheet: t('sheet.issues') }) + '\n');
        err(`kpi verify: ${t('verify.notFinalExit', { report, code: EXIT_NOT_FINAL })}`);
      }
      return notFinal ? EXIT_NOT_FINAL : 0;
    }
  }
}
