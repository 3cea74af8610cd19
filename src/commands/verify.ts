// `kpi verify report.xlsx`: prove a report still says what its scheme and inputs say. Its Run sheet names the
// scheme and every input with their SHA-256; each file is found (where the report says, relative to it, or where
// the auditor points), hashed, the period scored again, the report rebuilt in memory and compared cell by cell
// with the file (src/commands/verify-report.ts).
import type { Command } from 'commander';
import { toolVersion } from '../version.js';
import { reportFailure } from './fail.js';
import type { VerifyOptions } from './verify-report.js';

export function registerVerify(program: Command, done: (code: number) => void): void {
  program
    .command('verify')
    .argument('<report>', 'a report written by kpi score --xlsx')
    .description('prove a report\'s figures: check the SHA-256 of its scheme and every input, score again, compare every cell')
    .option('--scheme <file>', 'the scheme, when it is no longer where the report says (its path from the report is on the Run sheet)')
    .option('--inputs <dir>', 'a folder holding the input files (each found by its path as the scheme writes it, then by its name)')
    .option('--input <source=file>', 'where one input is now (repeat for several)', (v: string, acc: string[] = []) => [...acc, v])
    .addHelpText('after', '\nThe Run sheet names the scheme (by its path from the report) and every input (by its path from the\n' +
      'scheme) with their SHA-256. A file that is missing or changed is named; otherwise the period is scored again,\n' +
      'the report rebuilt in memory and every cell compared with the file.\n' +
      'Exit codes: 0 every figure matches, 1 a difference or a missing/changed file, 2 usage (not a kpi report).\n\n' +
      'Example:\n  kpi verify reports/2026-11.xlsx\n  kpi verify 2026-11.xlsx --scheme archive/scheme.yaml --inputs archive/data')
    .action(async (report: string, opts: VerifyOptions) => {
      done(await runVerify(report, opts));
    });
}

export async function runVerify(report: string, opts: VerifyOptions): Promise<number> {
  const { verifyReport } = await import('./verify-report.js');
  const { cellRef } = await import('../plan/report-cells.js');
  const out = await verifyReport(report, opts);
  const err = (s: string): void => void process.stderr.write(s + '\n');
  switch (out.kind) {
    case 'usage':
      err(`kpi verify: ${out.message}`);
      return 2;
    case 'failed':
      return reportFailure('verify', out.failure);
    case 'files': {
      for (const p of out.problems) {
        const name = p.what === 'scheme' ? 'scheme' : `input "${p.what}"`;
        if (p.problem === 'missing') err(`${name}: ${p.file}: not found (the report's SHA-256: ${p.expected})`);
        else err(`${name}: ${p.file}: changed since the report (SHA-256 ${p.found}, the report's: ${p.expected})`);
      }
      const missing = out.problems.some((p) => p.problem === 'missing');
      err(`kpi verify: ${report}: not verified: ${out.problems.length} file${out.problems.length === 1 ? '' : 's'} of the run ${out.problems.length === 1 ? 'is' : 'are'} not the ones it was made from` +
        (missing ? ' (point at moved files with --scheme, --inputs DIR or --input source=file)' : ''));
      return 1;
    }
    case 'compared': {
      const r = out.record;
      if (r.toolVersion !== toolVersion()) err(`note: the report was written by kpi ${r.toolVersion}; this is kpi ${toolVersion()}`);
      if (out.differences.length > 0) {
        for (const d of out.differences) {
          if (d.what === 'sheet') err(`${d.sheet}: expected ${d.expected}, found ${d.found}`);
          else err(`${cellRef(d.sheet, d.ref)}: ${d.what === 'formula' ? 'formula ' : ''}expected ${d.expected}, found ${d.found}`);
        }
        err(`kpi verify: ${report}: NOT VERIFIED: ${out.differences.length} cell${out.differences.length === 1 ? '' : 's'} differ${out.differences.length === 1 ? 's' : ''} from the figures recomputed from its scheme and inputs (which match their SHA-256)`);
        return 1;
      }
      if (r.status === 'NOT FINAL') err('note: the report is marked NOT FINAL (its data had issues, listed on its "Data issues" sheet): it is what its files give, not a final run');
      process.stdout.write(`verified ${report}: the scheme and ${out.inputs} input file${out.inputs === 1 ? '' : 's'} match their SHA-256; ` +
        `all ${out.cells.toLocaleString('en-US')} cells on ${out.sheets} sheets match the recomputed report (${r.scheme}, ${r.period}).\n`);
      return 0;
    }
  }
}
