// Command-line entry: sets up the program and registers the commands; each command module owns its
// definition, options and usage. Exit codes: 0 ok, 1 scheme/data errors, 2 usage, 3 scored but NOT FINAL.
import { Command, CommanderError } from 'commander';
import { registerInit } from './commands/init.js';
import { registerValidate } from './commands/validate.js';
import { registerScore } from './commands/score.js';
import { registerExplain } from './commands/explain.js';
import { registerBacktest } from './commands/backtest.js';
import { registerTargets } from './commands/targets.js';
import { registerPeek } from './commands/peek.js';
import { registerDiff } from './commands/diff.js';
import { registerVerify } from './commands/verify.js';
import { toolVersion } from './version.js';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const done = (c: number): void => {
    code = c;
  };
  const program = new Command();
  program
    .name('kpi')
    .description('Score sales reps against a KPI scheme and compute their bonuses.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', '\nExample:\n  kpi init my-scheme\n  kpi validate my-scheme/scheme.yaml\n  kpi score my-scheme/scheme.yaml --xlsx report.xlsx --scorecards scorecards\n\nExit codes: 0 ok, 1 errors in the scheme or data (nothing written), 2 wrong usage,\n3 scored with data issues: every output is marked NOT FINAL.');

  // The order here is the order of `kpi --help`.
  registerInit(program, done);
  registerPeek(program, done);
  registerValidate(program, done);
  registerScore(program, done);
  registerExplain(program, done);
  registerBacktest(program, done);
  registerTargets(program, done);
  registerDiff(program, done);
  registerVerify(program, done);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    throw e;
  }
  return code;
}
