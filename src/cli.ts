// Command-line entry: sets up the program and registers the commands; each command module owns its
// definition, options and usage. Exit codes: 0 ok, 1 scheme/data errors, 2 usage, 3 scored but NOT FINAL.
import { CommanderError, type Command } from 'commander';
import type { Translate } from './messages/index.js';
import { toolVersion } from './version.js';
import { printOut } from './commands/stdio.js';

type Register = (program: Command, done: (code: number) => void, t: Translate) => void;

/** Every command, in the order of `kpi --help`; each module is imported only when its command is registered. */
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ['init', async () => (await import('./commands/init.js')).registerInit],
  ['peek', async () => (await import('./commands/peek.js')).registerPeek],
  ['validate', async () => (await import('./commands/validate.js')).registerValidate],
  ['score', async () => (await import('./commands/score.js')).registerScore],
  ['explain', async () => (await import('./commands/explain.js')).registerExplain],
  ['backtest', async () => (await import('./commands/backtest.js')).registerBacktest],
  ['targets', async () => (await import('./commands/targets.js')).registerTargets],
  ['diff', async () => (await import('./commands/diff.js')).registerDiff],
  ['verify', async () => (await import('./commands/verify.js')).registerVerify],
];

/**
 * The commands to register for `argv`: the command, when it is the first argument (its module and what it
 * imports are all a run loads); none for `kpi --version` alone; every command otherwise (`kpi --help`, `kpi`, a
 * misspelt name, so commander can list them or suggest the nearest).
 */
function commandsFor(argv: readonly string[]): string[] {
  const args = argv.slice(2);
  // Only a command named first: `kpi -h score` is the program's help, which lists every command.
  const named = COMMANDS.find(([name]) => name === args[0]);
  if (named) return [named[0]];
  if (args.length > 0 && args.every((a) => a === '-V' || a === '--version')) return [];
  return COMMANDS.map(([name]) => name);
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const done = (c: number): void => {
    code = c;
  };
  // Usage errors and --help speak the run's language, decided before anything is parsed: --lang, else the
  // environment's (LC_ALL, LC_MESSAGES, LANG), else English (a scheme's locale: is not known yet).
  const { KpiCommand, helpIn, usageLocale } = await import('./commands/usage-language.js');
  const { translator } = await import('./messages/index.js');
  const locale = usageLocale(argv.slice(2));
  const t = translator(locale);
  // Chinese takes two columns a character: measured so, the help's columns line up (string-width, loaded only here).
  const width = locale === 'zh-CN' ? (await import('./output/text-width.js')).displayWidth : undefined;
  const program = new KpiCommand();
  program.t = t;
  program
    .name('kpi')
    .description(t('cli.kpi'))
    .version(toolVersion(), '-V, --version', t('cli.help.version'))
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.help'))
    .exitOverride()
    .showHelpAfterError(t('cli.runHelp'))
    .configureHelp(helpIn(t, width))
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: printOut })
    .addHelpText('after', t('cli.kpi.after'));

  const wanted = new Set(commandsFor(argv));
  const registers = await Promise.all(COMMANDS.filter(([name]) => wanted.has(name)).map(([, load]) => load()));
  for (const register of registers) register(program, done, t);

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
