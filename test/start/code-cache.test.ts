// bin/kpi.js compiles the bundle with V8's code cache (src/start/code-cache.ts): a cache is used only for the exact
// bundle bytes and Node it was made from, the one built beside the bundle serves until it does not fit, and a
// run with none that fits writes one to the user's cache folder, whole or not at all. Each run is a process of its
// own, as a user's is (within one process V8 reuses what it compiled and never looks at the cache again): the
// built dist/start/code-cache.js (bin/kpi.js loads the same code bundled as dist/kpi-start.cjs).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCacheFile, INTERRUPT_BUDGET, loadBundle, readCache, userCacheFile, WRAP_END, WRAP_START, writeCache } from '../../src/start/code-cache.js';

const LOADER = pathToFileURL(path.join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/start/code-cache.js')).href;

/** loadBundle in a new node process: which cache it used and what the bundle's answer() gave; then save() if asked. */
function run(url: URL, env: NodeJS.ProcessEnv, save = false, flags: string[] = []): { cache: string | null; answer: number } {
  const code = `const { loadBundle } = await import(${JSON.stringify(LOADER)});
const b = loadBundle(new URL(${JSON.stringify(url.href)}));
console.log(JSON.stringify({ cache: b.cache, answer: b.exports.answer() }));
if (${save}) b.save();`;
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cache: string | null; answer: number };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-code-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A bundle in a folder of its own, and an environment whose user cache folder is in that folder too. */
function bundleOf(source: string): { url: URL; env: NodeJS.ProcessEnv; dir: string } {
  const dir = path.join(tmp, `b${n++}`);
  mkdirSync(dir);
  const file = path.join(dir, 'kpi-main.cjs');
  writeFileSync(file, source);
  return { url: pathToFileURL(file), env: { XDG_CACHE_HOME: path.join(dir, 'cache') }, dir };
}

// Enough code that V8 has bytecode worth keeping; `answer` says which version of the source ran.
const source = (answer: number) => `function f(x) { return x * 2; }\nmodule.exports.answer = () => f(${answer});\n`;

describe('the code cache of the bundle', () => {
  it('runs the bundle as CommonJS: exports, require and __filename work', () => {
    const { url, env } = bundleOf(`module.exports.name = require('node:path').basename(__filename);\n`);
    expect(loadBundle(url, env).exports.name).toBe('kpi-main.cjs');
  });

  it('first run: no cache; save() writes one to the user cache folder; the next run uses it', () => {
    const { url, env } = bundleOf(source(21));
    expect(run(url, env, true)).toEqual({ cache: null, answer: 42 });
    expect(existsSync(userCacheFile(env))).toBe(true);
    expect(run(url, env)).toEqual({ cache: 'user', answer: 42 });
  });

  it('a bundle edited to the same length does not run the old bytecode (V8 itself compares only the length)', () => {
    const { url, env } = bundleOf(source(21));
    run(url, env, true);
    writeFileSync(url, source(12)); // same length, other code
    expect(run(url, env)).toEqual({ cache: null, answer: 24 });
  });

  it('the cache built beside the bundle is used; a cache for other bytes or another Node is not read', () => {
    const { url, env } = bundleOf(source(21));
    const made = loadBundle(url, env);
    const bytes = readFileSync(url);
    writeCache(builtCacheFile(url), bytes, made.cachedData());
    expect(run(url, env)).toEqual({ cache: 'built', answer: 42 });
    expect(readCache(builtCacheFile(url), bytes)).not.toBeNull();
    // Other bytes of the same length: the copy in the cache differs.
    expect(readCache(builtCacheFile(url), Buffer.from(source(12)))).toBeNull();
    // The first line names the Node version: the same bytes under another Node are not read.
    const version = Object.getOwnPropertyDescriptor(process, 'version')!;
    try {
      Object.defineProperty(process, 'version', { value: 'v99.0.0' });
      expect(readCache(builtCacheFile(url), bytes)).toBeNull();
    } finally {
      Object.defineProperty(process, 'version', version);
    }
  });

  it('a cache whose copy of the bundle differs in its last byte only is not used', () => {
    const { url, env } = bundleOf(source(21));
    const made = loadBundle(url, env);
    const bytes = readFileSync(url);
    const other = Buffer.from(bytes);
    other[other.length - 1] = 0x20; // the final newline made a space: same length, same first line
    writeCache(builtCacheFile(url), other, made.cachedData());
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
    writeCache(builtCacheFile(url), bytes, made.cachedData());
    expect(run(url, env)).toEqual({ cache: 'built', answer: 42 });
  });

  it('a bundle written inside the CommonJS wrapper (as the build writes it) runs as it is, with its cache', () => {
    const { url, env } = bundleOf(`${WRAP_START}${source(21)}${WRAP_END}`);
    expect(loadBundle(url, env).exports.answer).toBeTypeOf('function');
    expect(run(url, env, true)).toEqual({ cache: null, answer: 42 });
    expect(run(url, env)).toEqual({ cache: 'user', answer: 42 });
  });

  it('a built cache V8 refuses (node run with other flags) is replaced once in the user folder, then used', () => {
    // A bundle larger than its bytecode: the refused cache was read into the bundle's own buffer, so the one saved
    // must be made from the bundle read again.
    const { url, env } = bundleOf(`${source(21)}// ${'padding '.repeat(20_000)}\n`);
    const made = loadBundle(url, env);
    writeCache(builtCacheFile(url), readFileSync(url), made.cachedData());
    const flags = ['--max-old-space-size=200'];
    expect(run(url, env, true, flags)).toEqual({ cache: null, answer: 42 });
    expect(existsSync(userCacheFile(env))).toBe(true);
    expect(run(url, env, false, flags)).toEqual({ cache: 'user', answer: 42 });
    // Back without the flags: the user one, made under them, is refused and the bundle compiles from source.
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
  });

  it('a damaged or truncated cache file is not used', () => {
    const { url, env } = bundleOf(source(21));
    const made = loadBundle(url, env);
    writeCache(builtCacheFile(url), readFileSync(url), made.cachedData());
    const whole = readFileSync(builtCacheFile(url));
    expect(run(url, env)).toEqual({ cache: 'built', answer: 42 });
    writeFileSync(builtCacheFile(url), whole.subarray(0, 20));
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
    // The first line and the copy of the bundle intact, the bytecode cut short or garbage: V8 rejects it and the
    // bundle still runs from source.
    const bytecodeAt = whole.indexOf(10) + 1 + readFileSync(url).length;
    writeFileSync(builtCacheFile(url), whole.subarray(0, bytecodeAt + 16));
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
    writeFileSync(builtCacheFile(url), Buffer.concat([whole.subarray(0, bytecodeAt), Buffer.alloc(64, 7)]));
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
    // Nothing after the copy of the bundle.
    writeFileSync(builtCacheFile(url), whole.subarray(0, bytecodeAt));
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
  });

  it('a cache folder under a file (XDG_CACHE_HOME naming a file): save() writes nothing and does not fail', () => {
    const { url, env, dir } = bundleOf(source(21));
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const underFile = { ...env, XDG_CACHE_HOME: file };
    expect(run(url, underFile, true)).toEqual({ cache: null, answer: 42 }); // exits 0
    expect(() => writeCache(userCacheFile(underFile), Buffer.from(source(21)), Buffer.from('data'))).not.toThrow();
  });

  it('a read-only cache folder: save() writes nothing and does not fail', () => {
    const { url, env, dir } = bundleOf(source(21));
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const roEnv = { ...env, XDG_CACHE_HOME: path.join(ro, 'inside') };
    try {
      run(url, roEnv, true); // exits 0
      // root ignores the mode bits; elsewhere nothing was written
      if (process.getuid?.() !== 0) expect(existsSync(userCacheFile(roEnv))).toBe(false);
    } finally {
      chmodSync(ro, 0o700);
    }
  });

  it("raises V8's interrupt budget before the bundle runs: a function 50 calls warm is not optimised yet; a budget the user gave is kept", () => {
    // %GetOptimizationStatus bit 16: optimised. Optimisation on the main thread, so the answer does not depend on timing.
    const { url, env } = bundleOf(
      `function f(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * 2; return s; }
const a = Array.from({ length: 100 }, (_, i) => i);
module.exports.answer = () => { for (let k = 0; k < 50; k++) f(a); return %GetOptimizationStatus(f) & 16; };\n`,
    );
    const flags = ['--allow-natives-syntax', '--no-concurrent-recompilation'];
    expect(run(url, env, false, flags).answer).toBe(0);
    expect(run(url, env, false, [...flags, '--interrupt-budget=67584']).answer).toBe(16);
    expect(INTERRUPT_BUDGET).toBeGreaterThan(67_584);
  });

  it("an input of LONG_RUN_BYTES or more sets V8's own budget back: its hot loops are optimised at once", () => {
    const tiering = pathToFileURL(path.join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/start/tiering.js')).href;
    const warm = (name: string) =>
      `function ${name}(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * 2; return s; }\nfor (let k = 0; k < 50; k++) ${name}(a);`;
    const code = `import { raiseInterruptBudget, budgetForInput, LONG_RUN_BYTES } from ${JSON.stringify(tiering)};
const a = Array.from({ length: 100 }, (_, i) => i);
raiseInterruptBudget();
budgetForInput(LONG_RUN_BYTES - 1);
${warm('f')}
budgetForInput(LONG_RUN_BYTES);
${warm('g')}
console.log(JSON.stringify([%GetOptimizationStatus(f) & 16, %GetOptimizationStatus(g) & 16]));`;
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([0, 16]);
  });

  it('kpi validate raises the budget four times again once it runs; an input of LONG_RUN_BYTES still sets V8 own back', () => {
    // 300 calls: optimised under the raised budget (~160 calls), not under four times it (~650).
    const tiering = pathToFileURL(path.join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/start/tiering.js')).href;
    const warm = (name: string) =>
      `function ${name}(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * 2; return s; }\nfor (let k = 0; k < 300; k++) ${name}(a);`;
    const code = `import { raiseInterruptBudget, budgetForCheckRun, budgetForInput, LONG_RUN_BYTES } from ${JSON.stringify(tiering)};
const a = Array.from({ length: 100 }, (_, i) => i);
raiseInterruptBudget();
${warm('f')}
budgetForCheckRun();
${warm('g')}
budgetForInput(LONG_RUN_BYTES);
${warm('h')}
console.log(JSON.stringify([%GetOptimizationStatus(f) & 16, %GetOptimizationStatus(g) & 16, %GetOptimizationStatus(h) & 16]));`;
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([16, 0, 16]);
  });

  it('a bundle with non-ASCII text (not built by scripts/bundle.mjs) is read as UTF-8', () => {
    const { url, env } = bundleOf(`module.exports.answer = () => '年度 €'.length * 10 + 2;\n`);
    expect(run(url, env)).toEqual({ cache: null, answer: 42 });
  });

  it('KPI_CODE_CACHE=off reads and writes no cache', () => {
    const { url, env } = bundleOf(source(21));
    run(url, env, true);
    const off = { ...env, KPI_CODE_CACHE: 'off' };
    expect(run(url, off)).toEqual({ cache: null, answer: 42 });
    rmSync(userCacheFile(env));
    run(url, off, true);
    expect(existsSync(userCacheFile(env))).toBe(false);
  });
});

describe('the user cache folder', () => {
  it('XDG_CACHE_HOME when absolute, else ~/.cache; one file per Node version and architecture', () => {
    expect(userCacheFile({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'kpi', `kpi-main-${process.version}-${process.arch}.cache`));
    if (process.platform === 'linux') expect(userCacheFile({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache\/kpi\/kpi-main-v/);
  });
});
