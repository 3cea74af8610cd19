// `kpi init [DIR]`: a working example (scheme + sample data) that `kpi score` runs on at once.
import { cp, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Command } from 'commander';

/** Adds `kpi init` to the program; `done` receives the exit code. */
export function registerInit(program: Command, done: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'folder to write the example into', 'kpi-example')
    .description('write a working example scheme with sample data')
    .addHelpText('after', '\nExample:\n  kpi init my-scheme && kpi score my-scheme/scheme.yaml')
    .action(async (dir: string) => {
      done(await runInit(dir));
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
