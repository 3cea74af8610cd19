// How bin/kpi.js starts the bundled command line (dist/kpi-main.cjs, scripts/bundle.mjs) with V8's code cache.
// A short run (`kpi validate`) spends most of its time compiling and first running code; Node 20 has no compile
// cache for modules (module.enableCompileCache came in 22.1), so the bundle is one CommonJS script compiled with
// vm.Script and the bytecode V8 made for it is kept between runs (`cachedData`).
//
// Where the cache is: dist/kpi-main.cache, written by `npm run build` (it ships with the package and works on
// read-only installs); when that does not fit (another Node version or V8 flags, a hand-edited bundle), the user's
// cache folder, written after the first such run and read first from then on. A cache is used only for the exact bundle bytes and Node it was made
// from: its header holds a SHA-256 of both, since V8's own check compares only the source's length and would run
// stale bytecode for an edited bundle of the same length. KPI_CODE_CACHE=off runs without any cache.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { raiseInterruptBudget } from './tiering.js';

const MAGIC = 'kpi-v8-code-cache/1 ';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** cacheKey of the bundle run. */
  key: string;
  /** V8's bytecode of the bundle, as far as it has run. */
  cachedData(): Buffer;
  /** Where the cache used came from: 'built' (next to the bundle), 'user', or null (compiled from source). */
  cache: 'built' | 'user' | null;
  /** After the run: keeps the bytecode made in it for the next run, when no cache fitted this one. */
  save(): void;
}

/** Identifies the bundle's bytes and the Node that runs them. */
export function cacheKey(source: Buffer): string {
  return createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex');
}

/** The cache file's header: the cached data follows it. */
function header(key: string): Buffer {
  return Buffer.from(`${MAGIC}${key}\n`, 'latin1');
}

/** The cached data of `file` when it was made for `key`; null when there is none or it is another's. */
export function readCache(file: string, key: string): Buffer | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const head = header(key);
  return bytes.length > head.length && bytes.subarray(0, head.length).equals(head) ? bytes.subarray(head.length) : null;
}

/** Writes the cache whole or not at all (a run starting meanwhile must never read half a file). */
export function writeCache(file: string, key: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, Buffer.concat([header(key), data]));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** The user's cache folder for kpi (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function userCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base =
    xdg && path.isAbsolute(xdg)
      ? xdg
      : process.platform === 'win32' && env.LOCALAPPDATA
        ? env.LOCALAPPDATA
        : process.platform === 'darwin'
          ? path.join(homedir(), 'Library', 'Caches')
          : path.join(homedir(), '.cache');
  // One file per Node version and architecture: a new kpi overwrites its own, old ones do not pile up.
  return path.join(base, 'kpi', `kpi-main-${process.version}-${process.arch}.cache`);
}

/** dist/kpi-main.cache beside dist/kpi-main.cjs. */
export function builtCacheFile(url: URL): string {
  return fileURLToPath(url).replace(/\.cjs$/, '.cache');
}

export { INTERRUPT_BUDGET } from './tiering.js';

/** Compiles and runs the CommonJS bundle at `url`, with the first cache that fits. */
export function loadBundle(url: URL, env: NodeJS.ProcessEnv = process.env): LoadedBundle {
  const file = fileURLToPath(url);
  const bytes = readFileSync(file);
  const off = env.KPI_CODE_CACHE === 'off';
  const key = cacheKey(bytes);
  const built = builtCacheFile(url);
  const user = off ? '' : userCacheFile(env);
  let cache: LoadedBundle['cache'] = null;
  let data: Buffer | null = null;
  if (!off) {
    // The user's own cache first: one exists for this bundle only when the built one did not fit, e.g. V8 refused
    // it for other flags (NODE_OPTIONS=--max-old-space-size=…); read second, it would be refused and rewritten
    // on every run.
    data = readCache(user, key);
    if (data !== null) cache = 'user';
    else if ((data = readCache(built, key)) !== null) cache = 'built';
  }
  raiseInterruptBudget();
  // The build makes the bundle ASCII (scripts/bundle.mjs): read as Latin-1 it is the same text, with no UTF-8
  // decoding, and V8 keeps it one byte per character.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(data !== null ? { cachedData: data } : {}),
  });
  if (script.cachedDataRejected === true) cache = null;
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    key,
    // Under the flags it was compiled with: a run over a large input set the budget back (tiering.ts).
    cachedData: () => {
      raiseInterruptBudget();
      return script.createCachedData();
    },
    cache,
    save: () => {
      if (off || cache !== null) return;
      raiseInterruptBudget();
      writeCache(user, key, script.createCachedData());
    },
  };
}
