// Atomic writes: a temp file in the target's folder, then rename. A crash or a full disk never leaves a half
// report, and an input file is never overwritten by an output.
import type { Model } from '../core/model.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OutputError, type OutputCode } from './errors.js';
import { problem, systemError, type Problem } from '../messages/index.js';

export type Contents = Uint8Array | string | ((tempPath: string) => Promise<void>);

export interface WriteOptions {
  /** Paths that must never be overwritten (the scheme and every data file). */
  inputs?: readonly string[];
}

let counter = 0;

/** An output problem: what OutputError carries. */
export type OutputProblem = Problem & { code: OutputCode };

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
      throw new OutputError(problem('KPI3005', { file: target, input }), target);
    }
  }
}

/** The real cause of a failed write of `target` in folder `dir`, as one problem (never a bare ENOENT). */
export function writeProblem(err: unknown, target: string, dir: string): OutputProblem {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EROFS':
      return problem('KPI3015', { dir });
    case 'EACCES':
    case 'EPERM':
      return problem('KPI3014', { dir, code });
    case 'ENOSPC':
      return problem('KPI3016', { file: target });
    case 'EDQUOT':
      return problem('KPI3017', { file: target });
    case 'ENOENT':
      return problem('KPI3013', { file: target, dir });
    default:
      return problem('KPI3018', { file: target, ...systemErrorOf(err) });
  }
}

/**
 * Why `target` could not be replaced. On Windows a file open in Excel cannot be replaced (EPERM, EBUSY, EACCES on
 * the rename): that is what the user must be told, not an error code.
 */
export function replaceProblem(err: unknown, target: string, platform: NodeJS.Platform = process.platform): OutputProblem {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EBUSY' || (platform === 'win32' && (code === 'EPERM' || code === 'EACCES'))) return problem('KPI3021', { file: target });
  if (code === 'EPERM' || code === 'EACCES') return problem('KPI3022', { file: target, code });
  if (code === 'EROFS') return problem('KPI3015', { dir: path.dirname(target) });
  return problem('KPI3018', { file: target, ...systemErrorOf(err) });
}

/** A system error in words where kpi knows it, with its code (an error without one: its name). */
export function systemErrorOf(err: unknown): ReturnType<typeof systemError> {
  const e = err as NodeJS.ErrnoException | undefined;
  const said = systemError({ code: e?.code });
  return e?.code === undefined && typeof e?.name === 'string' ? { ...said, code: e.name } : said;
}

const TEMP = /^\.kpi-tmp-(\d+)-\d+-/;

/** A temp file kpi left in `dir` when a run was killed: its process is gone. Removed; nothing else is touched. */
async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const m = TEMP.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    const p = path.join(dir, name);
    const st = await fs.lstat(p).catch(() => null);
    if (st?.isFile()) await fs.rm(p, { force: true }).catch(() => undefined);
  }
}

/** Whether process `pid` is running (ours always is). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function writeFileAtomic(target: string, contents: Contents, options: WriteOptions = {}): Promise<void> {
  await refuseInputs(target, options.inputs ?? []);
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const stat = await fs.stat(abs).catch(() => null);
  if (stat?.isDirectory()) throw new OutputError(problem('KPI3011', { file: target }), target);
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new OutputError(problem('KPI3012', { file: target, dir }), dir);
  await removeStaleTemps(dir);

  const temp = path.join(dir, `.kpi-tmp-${process.pid}-${++counter}-${path.basename(abs)}`.slice(0, 200));
  try {
    if (typeof contents === 'function') {
      await contents(temp);
    } else {
      await fs.writeFile(temp, contents, { flag: 'wx' });
    }
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new OutputError(writeProblem(err, target, dir), (err as NodeJS.ErrnoException).code === 'ENOSPC' ? target : dir);
  }
  try {
    await fs.rename(temp, abs);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new OutputError(replaceProblem(err, target), target);
  }
}

/** Every path an output must never replace. */
export function protectedPaths(ctx: { schemeFile: string; model: Model; protect?: string[] }): string[] {
  const m = ctx.model;
  const files = [
    ctx.schemeFile,
    ...m.sources.map((s) => s.file),
    m.targetsFile?.file,
    m.deductions?.file,
    m.roster.kind === 'file' ? m.roster.source.file : undefined,
    ...(ctx.protect ?? []),
  ];
  return files.filter((f): f is string => typeof f === 'string' && f !== '');
}
