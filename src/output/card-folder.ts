// The scorecard folder describes exactly one run. The whole set is written into a new hidden sibling folder and
// swapped in by two renames, so a run that fails or is killed leaves the previous set as it was, and cards of reps
// who left do not linger beside the new ones. A manifest (.kpi-scorecards.json) lists what kpi wrote: a folder
// holding anything else is refused rather than replaced, and nothing kpi did not write is ever deleted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OutputError } from './errors.js';
import { processAlive, systemErrorOf, type OutputProblem } from './safe-write.js';
import { problem } from '../messages/index.js';

const MANIFEST = '.kpi-scorecards.json';
const MANIFEST_FORMAT = 'kpi-scorecards/1';
/** Files a desktop adds to any folder it shows; carried over to the new set, never deleted. */
const DESKTOP_FILES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

export interface Manifest {
  format: string;
  scheme: string;
  period: string;
  files: string[];
}

/** `.cards.kpi-new-<pid>-<n>` and `.cards.kpi-old-<pid>-<n>` beside `cards`. */
function tempName(base: string, kind: 'new' | 'old', n: number): string {
  return `.${base.slice(0, 150)}.kpi-${kind}-${process.pid}-${n}`;
}
const TEMP = /^\.(.+)\.kpi-(new|old)-(\d+)-\d+$/;

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    if (m && m.format === MANIFEST_FORMAT && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string')) return m;
  } catch {
    // no manifest, or not ours
  }
  return undefined;
}

/**
 * Removes what kpi wrote in `dir` (the files its manifest lists, the manifest, desktop files), then the folder if
 * that leaves it empty. Never follows a link, never recurses: anything else stays where it is. True when removed.
 */
async function removeSet(dir: string, extra: readonly string[] = []): Promise<boolean> {
  const m = await readManifest(dir);
  const ours = new Set([...(m?.files ?? []), ...extra, MANIFEST, ...DESKTOP_FILES]);
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (!ours.has(name) || name.includes('/') || name.includes('\\')) continue;
    const p = path.join(dir, name);
    const st = await fs.lstat(p).catch(() => null);
    if (st && (st.isFile() || st.isSymbolicLink())) await fs.rm(p, { force: true }).catch(() => undefined);
  }
  return fs.rmdir(dir).then(
    () => true,
    () => false,
  );
}

/** What a folder holds besides a set kpi wrote (its manifest's files, the manifest, desktop files). */
async function foreignEntries(dir: string): Promise<string[]> {
  const m = await readManifest(dir);
  const ours = new Set([...(m?.files ?? []), MANIFEST, ...DESKTOP_FILES]);
  const out: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const st = await fs.lstat(path.join(dir, name));
    // A listed name that is now a folder or a link is not the card kpi wrote.
    if (!ours.has(name) || !st.isFile()) out.push(name);
  }
  return out.sort();
}

/** The path with links resolved as far as it exists (the rest as written). */
async function resolved(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await resolved(parent), path.basename(abs));
  }
}

/** Whether `file` lies in the folder `dir` (or is it), links resolved: a scorecard set would replace it. */
export async function insideFolder(file: string, dir: string): Promise<boolean> {
  return isInside(await resolved(file), await resolved(dir));
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder as it really is (links resolved as far as it exists). */
function realFolder(dir: string): Promise<string> {
  return resolved(dir);
}

/**
 * Checks, before anything is written, that `dir` can be replaced by a set of scorecards: it is not the current
 * folder (or one holding it), not a file, and holds nothing kpi did not write. Throws OutputError; `usage` ones
 * mean another folder must be chosen (exit 2).
 */
export async function checkCardFolder(dir: string): Promise<void> {
  const real = await realFolder(dir);
  if (isInside(process.cwd(), real)) {
    throw new OutputError(problem('KPI3003', { dir }), dir, true);
  }
  const st = await fs.stat(real).catch(() => null);
  if (!st) return;
  if (!st.isDirectory()) throw new OutputError(problem('KPI3031', { dir }), dir);
  const foreign = await foreignEntries(real);
  if (foreign.length > 0) {
    // The first three, said the same in every language (names as JSON strings, so a space or a quote shows).
    const files =
      foreign
        .slice(0, 3)
        .map((f) => JSON.stringify(f))
        .join(', ') + (foreign.length > 3 ? ', …' : '');
    throw new OutputError(problem('KPI3004', { dir, n: foreign.length, files }), dir, true);
  }
}

/**
 * Earlier runs that were killed: a new set never swapped in is removed; a previous set moved aside but not
 * replaced (killed between the two renames) is put back.
 */
async function recover(parent: string, base: string, target: string): Promise<void> {
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of entries.sort()) {
    const m = TEMP.exec(name);
    if (!m || m[1] !== base.slice(0, 150) || processAlive(Number(m[3]))) continue;
    const p = path.join(parent, name);
    const st = await fs.lstat(p).catch(() => null);
    if (!st?.isDirectory()) continue;
    if (m[2] === 'old' && !(await fs.stat(target).catch(() => null))) await fs.rename(p, target).catch(() => undefined);
    else
      await removeSet(
        p,
        await fs.readdir(p).then(
          (l) => l.filter((f) => f.endsWith('.xlsx')),
          () => [],
        ),
      );
  }
}

/**
 * Why a folder could not be made, or a set written or swapped in, in folder `parent`: a scorecard open in Excel
 * (EBUSY; on Windows EPERM and EACCES too) blocks the swap of `dir`.
 */
function cause(e: NodeJS.ErrnoException, dir: string, parent: string): OutputProblem {
  switch (e.code) {
    case 'EROFS':
      return problem('KPI3015', { dir: parent });
    case 'ENOSPC':
      return problem('KPI3016', { file: dir });
    case 'EDQUOT':
      return problem('KPI3017', { file: dir });
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return process.platform === 'win32' || e.code === 'EBUSY' ? problem('KPI3033', { dir, code: e.code }) : problem('KPI3014', { dir: parent, code: e.code });
    default:
      return problem('KPI3018', { file: dir, ...systemErrorOf(e) });
  }
}

/**
 * Writes a new set with `write(folder)` (which returns the file names it wrote) and swaps it in for `dir`. The
 * previous set is removed only after the new one is in place.
 */
export async function replaceCardFolder(
  dir: string,
  manifest: Omit<Manifest, 'format' | 'files'>,
  write: (folder: string) => Promise<string[]>,
): Promise<void> {
  const target = await realFolder(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  await makeFolder(parent, dir);
  await recover(parent, base, target);

  let n = 0;
  let fresh = '';
  for (;;) {
    fresh = path.join(parent, tempName(base, 'new', ++n));
    try {
      await fs.mkdir(fresh);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw new OutputError(cause(e as NodeJS.ErrnoException, dir, parent), dir);
    }
  }
  try {
    const files = await write(fresh);
    await fs.writeFile(path.join(fresh, MANIFEST), JSON.stringify({ format: MANIFEST_FORMAT, ...manifest, files }, null, 2) + '\n', { flag: 'wx' });
  } catch (e) {
    await removeSet(fresh, await fs.readdir(fresh).catch(() => []));
    if (e instanceof OutputError) throw e;
    throw new OutputError(cause(e as NodeJS.ErrnoException, dir, parent), dir);
  }

  // The swap: the previous set aside, the new one in, then the previous one removed.
  const exists = await fs.stat(target).catch(() => null);
  let aside: string | undefined;
  if (exists) {
    aside = path.join(parent, tempName(base, 'old', n));
    try {
      await fs.rename(target, aside);
    } catch (e) {
      await removeSet(fresh, await fs.readdir(fresh).catch(() => []));
      throw new OutputError(cause(e as NodeJS.ErrnoException, dir, parent), dir);
    }
  }
  try {
    await fs.rename(fresh, target);
  } catch (e) {
    if (aside) await fs.rename(aside, target).catch(() => undefined);
    await removeSet(fresh, await fs.readdir(fresh).catch(() => []));
    throw new OutputError(cause(e as NodeJS.ErrnoException, dir, parent), dir);
  }
  if (aside) {
    // Desktop files of the previous folder go along; the rest of it was checked to be kpi's own.
    for (const d of DESKTOP_FILES) await fs.rename(path.join(aside, d), path.join(target, d)).catch(() => undefined);
    await removeSet(aside);
  }
}

/** mkdir -p that names the real cause (Node's recursive mkdir says ENOENT on a read-only disk); `shown` as the user wrote it. */
export async function makeFolder(folder: string, shown: string): Promise<void> {
  const st = await fs.stat(folder).catch(() => null);
  if (st?.isDirectory()) return;
  if (st) {
    const part = path.relative(process.cwd(), folder) || folder;
    throw new OutputError(folder === path.resolve(shown) ? problem('KPI3031', { dir: shown }) : problem('KPI3032', { dir: shown, part }), shown);
  }
  await makeFolder(path.dirname(folder), shown);
  try {
    await fs.mkdir(folder);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') return;
    throw new OutputError(cause(err, shown, path.dirname(folder)), shown);
  }
}
