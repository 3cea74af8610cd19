// `kpi init [DIR]`: a working example (scheme + sample data) that `kpi score` runs on at once.
// `kpi init --from FILE… [DIR]`: a draft scheme from the user's own exports (commands/init-from/).
import { cp, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Command } from 'commander';
import { langFromEnv, langOf } from './peek.js';
import type { Locale } from '../core/model.js';
import { translator } from '../messages/index.js';
import { packageRoot } from '../package-root.js';

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
    .option(
      '--lang <lang>',
      "en or zh. Without --from: the example to write (zh: 华诚贸易, locale zh-CN, Chinese headers, a GB18030 CSV). With --from: language of the comments and labels (default: the locale, LC_ALL/LC_MESSAGES/LANG; else the headers' language)",
      langOf,
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 1 a file cannot be read, 2 usage (or scheme.yaml exists without --force).\n\n' +
        'Example:\n  kpi init my-scheme && kpi score my-scheme/scheme.yaml\n  kpi init --lang zh 示例 && kpi score 示例/scheme.yaml\n  kpi init --from exports/sales.xlsx --from exports/collections.csv . && kpi validate scheme.yaml',
    )
    .action(async (dir: string | undefined, flags: InitFlags) => {
      if (flags.from.length === 0) {
        if (flags.force) {
          const { initText } = await import('./init-from/messages.js');
          process.stderr.write(`kpi init: ${initText(flags.lang ?? 'en-US').forceWithoutFrom}\n`);
          done(2);
          return;
        }
        done(await runInit(dir ?? 'kpi-example', flags.lang ?? 'en-US'));
        return;
      }
      const { runInitFrom } = await import('./init-from/run.js');
      const lang = flags.lang ?? langFromEnv();
      done(await runInitFrom({ from: flags.from, dir: dir ?? '.', force: flags.force === true, ...(lang ? { lang } : {}) }));
    });
}

const EXAMPLES: Record<Locale, string> = {
  'en-US': fileURLToPath(new URL('examples/acme/', packageRoot)),
  'zh-CN': fileURLToPath(new URL('examples/china/', packageRoot)),
};

async function runInit(dir: string, lang: Locale): Promise<number> {
  const t = translator(lang);
  const EXAMPLE = EXAMPLES[lang];
  const target = path.resolve(dir);
  try {
    const existing = await readdir(target);
    if (existing.length > 0) {
      process.stderr.write(`kpi init: ${t('init.notEmpty', { dir })}\n`);
      return 1;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      process.stderr.write(`kpi init: ${t('init.cannotUse', { dir, why: (e as Error).message })}\n`);
      return 1;
    }
  }
  try {
    await mkdir(target, { recursive: true });
    await cp(path.join(EXAMPLE, 'scheme.yaml'), path.join(target, 'scheme.yaml'), { errorOnExist: true, force: false });
    await cp(path.join(EXAMPLE, 'data'), path.join(target, 'data'), { recursive: true, errorOnExist: true, force: false });
  } catch (e) {
    process.stderr.write(`kpi init: ${t('init.cannotWrite', { dir, why: (e as Error).message })}\n`);
    return 1;
  }
  const scheme = path.join(dir, 'scheme.yaml');
  process.stdout.write(
    `${t('init.wrote', { dir })}\n\n${t('init.next')}\n  kpi validate ${scheme}\n  kpi score ${scheme} --xlsx report.xlsx --scorecards scorecards/\n`,
  );
  return 0;
}
