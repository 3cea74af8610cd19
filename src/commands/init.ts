// `kpi init [DIR]`: a working example (scheme + sample data) that `kpi score` runs on at once.
// `kpi init --from FILE… [DIR]`: a draft scheme from the user's own exports (commands/init-from/).
import { cp, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Command } from 'commander';
import { langFromEnv, langOf } from './peek.js';

interface InitFlags {
  from: string[];
  force?: boolean;
  lang?: 'en-US' | 'zh-CN';
}

/** Adds `kpi init` to the program; `done` receives the exit code. */
export function registerInit(program: Command, done: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'folder to write into (default: kpi-example/, or with --from the current folder)')
    .description('write a working example scheme with sample data, or draft a scheme from your own files (--from)')
    .option('--from <file>', 'draft the scheme from this CSV or XLSX export (repeat for each file)', (f: string, all: string[]) => [...all, f], [] as string[])
    .option('--force', 'with --from: replace an existing scheme.yaml')
    .option('--lang <lang>', 'with --from: language of the comments and labels, en or zh (default: the locale, LC_ALL/LC_MESSAGES/LANG; else the headers\' language)', langOf)
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 1 a file cannot be read, 2 usage (or scheme.yaml exists without --force).\n\n' +
        'Example:\n  kpi init my-scheme && kpi score my-scheme/scheme.yaml\n  kpi init --from exports/sales.xlsx --from exports/collections.csv . && kpi validate scheme.yaml',
    )
    .action(async (dir: string | undefined, flags: InitFlags) => {
      if (flags.from.length === 0) {
        if (flags.force || flags.lang) {
          const { initText } = await import('./init-from/messages.js');
          process.stderr.write(`kpi init: ${initText(flags.lang ?? 'en-US').forceWithoutFrom}\n`);
          done(2);
          return;
        }
        done(await runInit(dir ?? 'kpi-example'));
        return;
      }
      const { runInitFrom } = await import('./init-from/run.js');
      const lang = flags.lang ?? langFromEnv();
      done(await runInitFrom({ from: flags.from, dir: dir ?? '.', force: flags.force === true, ...(lang ? { lang } : {}) }));
    });
}

const EXAMPLE = fileURLToPath(new URL('../../examples/acme/', import.meta.url));

async function runInit(dir: string): Promise<number> {
  const target = path.resolve(dir);
  try {
    const existing = await readdir(target);
    if (existing.length > 0) {
      process.stderr.write(`kpi init: ${dir} already exists and is not empty; choose a new folder\n`);
      return 1;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      process.stderr.write(`kpi init: cannot use ${dir}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  try {
    await mkdir(target, { recursive: true });
    await cp(path.join(EXAMPLE, 'scheme.yaml'), path.join(target, 'scheme.yaml'), { errorOnExist: true, force: false });
    await cp(path.join(EXAMPLE, 'data'), path.join(target, 'data'), { recursive: true, errorOnExist: true, force: false });
  } catch (e) {
    process.stderr.write(`kpi init: cannot write ${dir}: ${(e as Error).message}\n`);
    return 1;
  }
  const scheme = path.join(dir, 'scheme.yaml');
  process.stdout.write(`Wrote an example scheme and sample data to ${dir}/\n\nNext:\n  kpi validate ${scheme}\n  kpi score ${scheme} --xlsx report.xlsx --scorecards scorecards/\n`);
  return 0;
}
