// `kpi init [DIR]`: a working example (scheme + sample data) that `kpi score` runs on at once.
// `kpi init --from FILE… [DIR]`: a draft scheme from the user's own exports (commands/init-from/).
import { cp, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Command } from 'commander';
import { langOf } from './peek.js';
import { langFromEnv } from './usage-language.js';
import type { Locale } from '../core/model.js';
import { translator, type Translate } from '../messages/index.js';
import { makeFolder } from '../output/card-folder.js';
import { OutputError, outputErrorLine } from '../output/errors.js';
import { writeProblem, type OutputProblem } from '../output/safe-write.js';
import { packageRoot } from '../package-root.js';

interface InitFlags {
  from: string[];
  force?: boolean;
  lang?: 'en-US' | 'zh-CN';
}

/** Adds `kpi init` to the program; `done` receives the exit code. */
export function registerInit(program: Command, done: (code: number) => void, t: Translate): void {
  program
    .command('init')
    .argument('[dir]', t('cli.init.dir'))
    .description(t('cli.init'))
    .option('--from <file>', t('cli.init.from'), (f: string, all: string[]) => [...all, f], [] as string[])
    .option('--force', t('cli.init.force'))
    .option('--lang <lang>', t('cli.init.lang'), langOf)
    .addHelpText('after', t('cli.init.after'))
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

/** Why the example could not be written, with its code, in the run's language. */
function cannotWrite(p: OutputError | OutputProblem, t: Translate): number {
  process.stderr.write(`kpi init: ${outputErrorLine(p, t)}\n`);
  return 1;
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
    // Not there yet, or a file on its path (makeFolder says which): anything else stops here.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return cannotWrite(writeProblem(e, dir, dir), t);
  }
  try {
    await makeFolder(target, dir);
    await cp(path.join(EXAMPLE, 'scheme.yaml'), path.join(target, 'scheme.yaml'), { errorOnExist: true, force: false });
    await cp(path.join(EXAMPLE, 'data'), path.join(target, 'data'), { recursive: true, errorOnExist: true, force: false });
  } catch (e) {
    return cannotWrite(e instanceof OutputError ? e : writeProblem(e, dir, dir), t);
  }
  const scheme = path.join(dir, 'scheme.yaml');
  process.stdout.write(
    `${t('init.wrote', { dir })}\n\n${t('init.next')}\n  kpi validate ${scheme}\n  kpi score ${scheme} --xlsx ${t('init.reportFile')} --scorecards ${t('init.cardsDir')}\n`,
  );
  return 0;
}
