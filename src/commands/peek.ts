// `kpi peek FILE`: a CSV or XLSX file exactly as kpi reads it: encoding and separator, sheets, the header row
// and why, each column's type, blanks, unreadable values, distinct values, ranges and the first rows.
// Registration only: the work is imported when the command runs, so `kpi --version` stays cheap.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseLang, type Locale } from '../output/locale.js';

/** A whole number from `min` up, for --rows, --header-row and --top. */
function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}, got "${value}"`);
    }
    return n;
  };
}

/**
 * The language of the user's locale: the first of LC_ALL, LC_MESSAGES and LANG that is set (as POSIX programs
 * read them), when it names Chinese or English; undefined for C, POSIX or another language.
 */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Locale | undefined {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (value === undefined) return undefined;
  const lang = value.toLowerCase();
  return lang.startsWith('zh') ? 'zh-CN' : lang.startsWith('en') ? 'en-US' : undefined;
}

/** --lang value → the language of the messages, as `kpi score --lang` reads it. */
export function langOf(value: string): Locale {
  const l = parseLang(value);
  if (!l) throw new InvalidArgumentError('expected en or zh (also: en-US, zh-CN)');
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
export function registerPeek(program: Command, done: (code: number) => void): void {
  program
    .command('peek')
    .argument('<file>', 'a CSV or XLSX file')
    .description('show a CSV or XLSX file exactly as kpi reads it: header, column types, values, first rows')
    .option('--sheet <name>', 'workbook sheet to read (default: the first visible sheet)')
    .option('--rows <n>', 'rows to show (default 10; --format csv prints every row unless given)', wholeNumber(0))
    .option('--header-row <n>', 'the header is on this row (default: found)', wholeNumber(1))
    .option('--top <n>', 'most frequent values listed per column in --format json', wholeNumber(1), 10)
    .addOption(new Option('--format <format>', 'what to print').choices(['table', 'csv', 'json']).default('table'))
    .option('--lang <lang>', "language of the messages, en or zh (default: the locale, LC_ALL/LC_MESSAGES/LANG; else the headers' language)", langOf)
    .addHelpText(
      'after',
      '\nExit codes: 0 shown, 1 the file cannot be read, 2 usage.\n\nExample:\n  kpi peek data/sales.xlsx --sheet Orders\n  kpi peek data/sales.csv --format csv > as-kpi-reads-it.csv',
    )
    .action(async (file: string, flags: PeekFlags) => {
      const { runPeek } = await import('./peek/run.js');
      const lang = flags.lang ?? langFromEnv();
      done(await runPeek(file, { ...flags, ...(lang ? { lang } : {}) }));
    });
}
