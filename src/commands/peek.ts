// `kpi peek FILE`: a CSV or XLSX file exactly as kpi reads it: encoding and separator, sheets, the header row
// and why, each column's type, blanks, unreadable values, distinct values, ranges and the first rows.
// Registration only: the work is imported when the command runs, so `kpi --version` stays cheap.
import { Option, type Command } from 'commander';
import { said, type Translate } from '../messages/index.js';
import { langFromEnv, UsageValueError } from './usage-language.js';
import { parseLang, type Locale } from '../output/locale.js';

/** A whole number from `min` up, for --rows, --header-row and --top. */
function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageValueError(said('cli.wholeNumber', { min, value }));
    return n;
  };
}

/** --lang value → the language of the messages, as `kpi score --lang` reads it. */
export function langOf(value: string): Locale {
  const l = parseLang(value);
  if (!l) throw new UsageValueError(said('cli.badLang'));
  return l;
}

interface PeekFlags {
  sheet?: string;
  rows?: number;
  headerRow?: number;
  top: number;
  format: 'table' | 'csv' | 'json';
  lang?: Locale;
}

/** Adds `kpi peek` to the program; `done` receives the exit code. */
export function registerPeek(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('peek')
    .argument('<file>', t('cli.peek.file'))
    .description(t('cli.peek'))
    .option('--sheet <name>', t('cli.peek.sheet'))
    .option('--rows <n>', t('cli.peek.rows'), wholeNumber(0))
    .option('--header-row <n>', t('cli.peek.headerRow'), wholeNumber(1))
    .option('--top <n>', t('cli.peek.top'), wholeNumber(1), 10)
    .addOption(new Option('--format <format>', t('cli.peek.format')).choices(['table', 'csv', 'json']).default('table'))
    .option('--lang <lang>', t('cli.peek.lang'), langOf)
    .addHelpText('after', t('cli.peek.after'))
    .action(async (file: string, flags: PeekFlags) => {
      const { runPeek } = await import('./peek/run.js');
      const lang = flags.lang ?? langFromEnv();
      done(await runPeek(file, { ...flags, ...(lang ? { lang } : {}) }));
    });
}
