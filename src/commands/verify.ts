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
import { say, translator } from '../messages/index.js';

export function registerVerify(program: Command, done: (code: number) => void): void {
  program
    .command('verify')
    .argument('<report>', 'a report written by kpi score --xlsx')
    .description("prove a report's figures: check the SHA-256 of its scheme and every input, score again, compare every cell")
    .option('--scheme <file>', 'the scheme, when it is no longer where the report says (its path from the report is on the Run sheet)')
    .option('--inputs <dir>', 'a folder holding the input files (each found by its path as the scheme writes it, then by its name)')
    .option('--input <source=file>', 'where one input is now (repeat for several)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--lang <locale>', "language of the messages: en-US or zh-CN (default: the report's language, from its Run sheet)", langArg)
    .addHelpText(
      'after',
      '\nThe Run sheet names the scheme (by its path from the report) and every input (by its path from the\n' +
        'scheme) with their SHA-256. A file that is missing or changed is named; otherwise the period is scored again,\n' +
        'the report rebuilt in memory and every cell compared with the file.\n' +
        'Exit codes: 0 every figure matches, 1 a difference or a missing/changed file, 2 usage (not a kpi report),\n' +
        '3 every figure matches but the report is marked NOT FINAL (its data had issues).\n\n' +
        'Example:\n  kpi verify reports/2026-11.xlsx\n  kpi verify 2026-11.xlsx --scheme archive/scheme.yaml --inputs archive/data',
    )
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
