// Atomic writes: a temp file in the target's folder, then rename. A crash or a full disk never leaves a half
// report, and an input file is never overwritten by an output.
import type { Model } from '../core/model.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OutputError } from './errors.js';

export type Contents = Uint8Array | string | ((tempPath: string) => Promise<void>);

export interface WriteOptions {
  /** Paths that must never be overwritten (the scheme and every data file). */
  inputs?: readonly string[];
}

let counter = 0;

async function realpathOrResolved(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    // Target not there yet: resolve its folder (symlinks included) and add the name.
    try {
      return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Throws OutputError when `target` is (after symlinks) one of `inputs`. */
export async function refuseInputs(target: string, inputs: readonly string[]): Promise<void> {
  const t = await realpathOrResolved(target);
  for (const input of inputs) {
    const i = await realpathOrResolved(input);
    // Windows and macOS file systems usually ignore case: compare folded there.
    const same = process.platform === 'linux' ? i === t : i.toLowerCase() === t.toLowerCase();
    if (same) {
      throw new OutputError(`refusing to write ${target}: it is an input file (${input}); choose another output path`, target);
    }
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e && typeof e.message === 'string' ? (e.code ?? e.message) : String(err);
}

export async function writeFileAtomic(target: string, contents: Contents, options: WriteOptions = {}): Promise<void> {
  await refuseInputs(target, options.inputs ?? []);
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const stat = await fs.stat(abs).catch(() => null);
  if (stat?.isDirectory()) throw new OutputError(`cannot write ${target}: it is a folder`, target);
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new OutputError(`cannot write ${target}: folder ${dir} does not exist`, dir);

  const temp = path.join(dir, `.kpi-tmp-${process.pid}-${++counter}-${path.basename(abs)}`.slice(0, 200));
  try {
    if (typeof contents === 'function') {
      await contents(temp);
    } else {
      await fs.writeFile(temp, contents, { flag: 'wx' });
    }
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new OutputError(`cannot write to folder ${dir}: permission denied (${code}); choose a folder you can write to`, dir);
    }
    if (code === 'ENOSPC') throw new OutputError(`cannot write ${target}: the disk is full`, target);
    throw new OutputError(`cannot write ${target}: ${describe(err)}`, target);
  }
  try {
    await fs.rename(temp, abs);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') {
      throw new OutputError(`cannot replace ${target}: it is open in another program; close the file in Excel and run again`, target);
    }
    throw new OutputError(`cannot write ${target}: ${describe(err)}`, target);
  }
}

/** Every path an output must never replace. */
export function protectedPaths(ctx: { schemeFile: string; model: Model; protect?: string[] }): string[] {
  const m = ctx.model;
  const files = [ctx.schemeFile, ...m.sources.map((s) => s.file), m.targetsFile?.file, m.deductions?.file,
    m.roster.kind === 'file' ? m.roster.source.file : undefined, ...(ctx.protect ?? [])];
  return files.filter((f): f is string => typeof f === 'string' && f !== '');
}

