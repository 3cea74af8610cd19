// How bin/kpi.js starts the bundled command line (dist/kpi-main.cjs, scripts/bundle.mjs) with V8's code cache.
// A short run (`kpi validate`) spends most of its time compiling and first running code; Node 20 has no compile
// cache for modules (module.enableCompileCache came in 22.1), so the bundle is one CommonJS script compiled with
// vm.Script and the bytecode V8 made for it is kept between runs (`cachedData`).
//
// Where the cache is: dist/kpi-main.cache, written by `npm run build` (it ships with the package and works on
// read-only installs); when that does not fit (another Node version or V8 flags, a hand-edited bundle), the user's
// cache folder, written after the first such run and read first from then on. A cache is used only for the exact
// bundle bytes and Node it was made from: it holds a copy of the bundle, compared byte for byte before its bytecode
// is used, since V8's own check compares only the source's length and would run stale bytecode for an edited
// bundle of the same length. (The copy replaced a SHA-256 of the bundle: node:crypto took ~5 ms to load and the
// hash ~2 ms, every run; reading and comparing the copy takes ~1 ms.) KPI_CODE_CACHE=off runs without any cache.
//
// On this project's machine every page of memory touched for the first time costs about 15 µs (a 1.8 MB buffer:
// ~7 ms), so the start-up touches as little new memory as it can: the cached bytecode is read into the buffer
// that held the bundle's bytes once they are a string, and the bundle is written already wrapped in the function
// CommonJS needs (a wrapper added here would make V8 copy the whole source once more to join the two).
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { raiseInterruptBudget } from './tiering.js';

const MAGIC = 'kpi-v8-code-cache/2';
/** What a CommonJS module is run inside; scripts/bundle.mjs writes the bundle with it (the file is ASCII). */
export const WRAP_START = '(function (exports, require, module, __filename, __dirname) {';
export const WRAP_END = '\n})';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** V8's bytecode of the bundle, as far as it has run. */
  cachedData(): Buffer;
  /** Where the cache used came from: 'built' (next to the bundle), 'user', or null (compiled from source). */
  cache: 'built' | 'user' | null;
  /** After the run: keeps the bytecode made in it for the next run, when no cache fitted this one. */
  save(): void;
}

/** The cache file's first line: what it was made for; the bundle's bytes and then the cached data follow it. */
function header(source: Buffer, ascii: boolean): string {
  return `${MAGIC} ${process.version} ${process.arch} ${source.length} ${ascii ? 'latin1' : 'utf8'}\n`;
}

/** A cache file made from exactly `source` under this Node, still open: `data` reads its bytecode and closes it. */
interface OpenCache {
  /** How the bundle was read when the cache was made: Latin-1 (it was ASCII) or UTF-8. */
  ascii: boolean;
  /** The cached data, read into `into` when that is large enough (its contents are then lost); null if it cannot be read. */
  data(into?: Buffer): Buffer | null;
}

/** `file` when it is a cache made from exactly `source` under this Node; null when there is none or it is another's. */
function openCache(file: string, source: Buffer): OpenCache | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  let open: OpenCache | null = null;
  try {
    open = matchCache(fd, source);
    return open;
  } catch {
    return null;
  } finally {
    if (open === null) closeSync(fd);
  }
}

/** The cache open as `fd` when its first line and its copy of the bundle are this Node's and `source`. */
function matchCache(fd: number, source: Buffer): OpenCache | null {
  const size = fstatSync(fd).size;
  const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, size));
  // The first line says which Node and how long a source; only then are the source's bytes compared.
  const got = readSync(fd, chunk, 0, chunk.length, 0);
  const end = chunk.indexOf(10);
  if (end < 0 || end >= got) return null;
  const line = chunk.toString('latin1', 0, end + 1);
  const ascii = line === header(source, true);
  if (!ascii && line !== header(source, false)) return null;
  const start = end + 1;
  const dataStart = start + source.length;
  const dataLength = size - dataStart;
  if (dataLength <= 0) return null;
  for (let at = 0; at < source.length; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, source.length - at), start + at);
    if (n <= 0 || chunk.compare(source, at, at + n, 0, n) !== 0) return null;
    at += n;
  }
  return {
    ascii,
    data: (into) => {
      try {
        const data = into !== undefined && into.length >= dataLength ? into.subarray(0, dataLength) : Buffer.allocUnsafe(dataLength);
        for (let at = 0; at < dataLength; ) {
          const n = readSync(fd, data, at, dataLength - at, dataStart + at);
          if (n <= 0) return null;
          at += n;
        }
        return data;
      } catch {
        return null;
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The cached data of `file` when it was made from exactly `source` under this Node; null when there is none or it is another's. */
export function readCache(file: string, source: Buffer): Buffer | null {
  return openCache(file, source)?.data() ?? null;
}

/** Writes the cache whole or not at all (a run starting meanwhile must never read half a file). */
export function writeCache(file: string, source: Buffer, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, Buffer.concat([Buffer.from(header(source, isAscii(source)), 'latin1'), source, data]));
    renameSync(tmp, file);
  } catch {
    // The cache is only ever a help: a folder that cannot hold it (a file where a folder should be: rmSync's
    // ENOTDIR) must not turn a finished run into a crash.
    try {
      rmSync(tmp, { force: true });
    } catch {}
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

/** Whether the bytes are already the CommonJS wrapper around the module's text (the built bundle is). */
function wrapped(bytes: Buffer): boolean {
  return (
    bytes.length >= WRAP_START.length + WRAP_END.length &&
    bytes.toString('latin1', 0, WRAP_START.length) === WRAP_START &&
    bytes.toString('latin1', bytes.length - WRAP_END.length) === WRAP_END
  );
}

/**
 * Compiles and runs the CommonJS bundle at `url`, with the first cache that fits. `require` is what the bundle
 * requires with (bin/kpi.js gives its own; by default one made for the bundle's path).
 */
export function loadBundle(url: URL, env: NodeJS.ProcessEnv = process.env, require?: NodeJS.Require): LoadedBundle {
  const file = fileURLToPath(url);
  const bytes = readFileSync(file);
  const off = env.KPI_CODE_CACHE === 'off';
  const user = off ? '' : userCacheFile(env);
  // The user's own cache first: one exists for this bundle only when the built one did not fit, e.g. V8 refused
  // it for other flags (NODE_OPTIONS=--max-old-space-size=…); read second, it would be refused and rewritten on
  // every run.
  let cache: LoadedBundle['cache'] = null;
  let found: OpenCache | null = null;
  if (!off) {
    if ((found = openCache(user, bytes)) !== null) cache = 'user';
    else if ((found = openCache(builtCacheFile(url), bytes)) !== null) cache = 'built';
  }
  raiseInterruptBudget();
  // The build makes the bundle ASCII (scripts/bundle.mjs): read as Latin-1 it is the same text, with no UTF-8
  // decoding, and V8 keeps it one byte per character. A cache says how its bundle was read (no second scan).
  const text = bytes.toString((found?.ascii ?? isAscii(bytes)) ? 'latin1' : 'utf8');
  const source = wrapped(bytes) ? text : `${WRAP_START}${text}${WRAP_END}`;
  // The bundle's bytes are a string now: their buffer takes the cached data.
  const data = found?.data(bytes) ?? null;
  if (data === null) cache = null;
  const script = new Script(source, { filename: file, ...(data !== null ? { cachedData: data } : {}) });
  if (script.cachedDataRejected === true) cache = null;
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...a: unknown[]) => void).call(
    module.exports,
    module.exports,
    require ?? createRequire(file),
    module,
    file,
    path.dirname(file),
  );
  return {
    exports: module.exports,
    // Under the flags it was compiled with: a run over a large input set the budget back (tiering.ts).
    cachedData: () => {
      raiseInterruptBudget();
      return script.createCachedData();
    },
    cache,
    save: () => {
      if (off || cache !== null) return;
      raiseInterruptBudget();
      // A cache was read (or begun to be) into the bundle's buffer, and V8 refused it: the bundle is read again.
      writeCache(user, found === null ? bytes : readFileSync(file), script.createCachedData());
    },
  };
}
