// Command-line entry: parses arguments and hands over to one command module. Exit codes: 0 ok,
// 1 scheme/data errors, 2 usage.
import { Command, CommanderError, Option } from 'commander';
import { runValidate } from './commands/validate.js';
import { runInit } from './commands/init.js';
import { runScore } from './commands/score.js';
import { runExplain } from './commands/explain.js';
import { toolVersion } from './version.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const program = new Command();
  program
    .name('kpi')
    .description('Score sales reps against a KPI scheme and compute their bonuses.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', '\nExample:\n  kpi init my-scheme\n  kpi validate my-scheme/scheme.yaml\n  kpi score my-scheme/scheme.yaml --xlsx report.xlsx --scorecards scorecards\n\nExit codes: 0 ok, 1 errors in the scheme or data, 2 wrong usage.');

  program
    .command('init')
    .argument('[dir]', 'folder to write the example into', 'kpi-example')
    .description('write a working example scheme with sample data')
    .addHelpText('after', '\nExample:\n  kpi init my-scheme && kpi score my-scheme/scheme.yaml')
    .action(async (dir: string) => {
      code = await runInit(dir);
    });

  program
    .command('validate')
    .argument('<scheme>', 'the scheme YAML file')
    .description('check a scheme (and its data) before anyone is paid from it')
    .option('--no-data', 'check the scheme only; do not read the data files')
    .option('--period <period>', 'period for the data checks (2026-11, 2026-Q4, 2026-11-YTD, 2026)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 errors found, 2 usage.\n\nExample:\n  kpi validate examples/acme/scheme.yaml\n  kpi validate scheme.yaml --no-data --format json')
    .action(async (scheme: string, opts: { data: boolean; format: 'text' | 'json'; period?: string }) => {
      code = await runValidate(scheme, opts);
    });

  program
    .command('score')
    .argument('<scheme>', 'the scheme YAML file')
    .description('score every rep; print the ranked table; write the report and scorecards')
    .option('--period <period>', 'period to score: 2026-11 (month), 2026-Q4, 2026-11-YTD, 2026 (default: the scheme\'s period)')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(['table', 'csv', 'json', 'md']).default('table'))
    .option('--xlsx <file>', 'write the annotated Excel report to this file')
    .option('--scorecards <dir>', 'write one scorecard workbook per rep into this folder')
    .addHelpText('after', '\nExample:\n  kpi score examples/acme/scheme.yaml --period 2026-11 --xlsx report.xlsx --scorecards cards/\n  kpi score scheme.yaml --format json > result.json')
    .action(async (scheme: string, opts: { period?: string; format: 'table' | 'csv' | 'json' | 'md'; xlsx?: string; scorecards?: string }) => {
      code = await runScore(scheme, opts);
    });

  program
    .command('explain')
    .argument('<scheme>', 'the scheme YAML file')
    .argument('<rep>', 'rep id (or exact name)')
    .argument('[metric]', 'one metric to explain')
    .option('--period <period>', 'period (default: the scheme\'s period)')
    .description('show how one rep\'s figures were computed: rows used, formula, each step')
    .addHelpText('after', '\nExample:\n  kpi explain examples/acme/scheme.yaml R007 revenue')
    .action(async (scheme: string, rep: string, metric: string | undefined, opts: { period?: string }) => {
      code = await runExplain(scheme, rep, metric, opts);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    throw e;
  }
  return code;
}
