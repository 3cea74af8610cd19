// `npm run build`'s second step: dist/ (tsc's output) bundled into one CommonJS script, dist/kpi-main.cjs, which
// bin/kpi.js compiles with V8's code cache (src/start/code-cache.ts); then that cache, dist/kpi-main.cache, made
// by a warm-up run. Node spends most of a short run's start-up finding, reading and compiling code (validate
// loaded ~200 modules: ours, zod's and yaml's); one script with its bytecode cached skips most of that. Each
// command's code stays lazy: a module imported dynamically is wrapped by esbuild and runs only when imported
// (test/e2e/startup.test.ts checks what each command runs). exceljs stays outside: src/output/excel.ts patches one
// of its modules, which must be the one exceljs itself loads. The bundle sits in dist/ itself, so paths taken
// from import.meta.url (package.json, the examples) resolve as they do from dist/*.js.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WRAP_END, WRAP_START } from '../dist/start/code-cache.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
for (const f of readdirSync(dist)) if (/^kpi-.*\.(js|cjs|cache|json)$/.test(f)) rmSync(join(dist, f));

const out = join(dist, 'kpi-main.cjs');

// Node's own modules that modules on every path import but only some runs use: required at their first use, not
// when the importing module runs (worker_threads: the parallel read and the background hash of large files;
// fs/promises: XLSX and other commands; crypto: the inputs' and the scheme's SHA-256, which `kpi validate` does not
// make). Loading them cost `kpi validate` 3-15 ms each. esbuild requires a named import
// of a node module once (`import_x=require("node:…")`) and reads each name from it where used (`import_x.stat`):
// each such variable becomes a proxy (`kpiLazy`, defined by the banner) that requires the module at its first
// property read. The build stops if a variable is used any other way (passed on, spread), where a proxy would not
// behave as the module.
const KPI_LAZY = 'const kpiLazy = (id) => { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id))[k] }); };';
function lazyBuiltins(code, ids) {
  for (const id of ids) {
    const assigned = new RegExp(`(?<![\\w$.])(import_[\\w$]+) ?= ?require\\("${id}"\\)`, 'g');
    const names = [...code.matchAll(assigned)].map((m) => m[1]);
    if (names.length === 0) throw new Error(`bundle: no import of ${id} found; update scripts/bundle.mjs`);
    for (const name of names) {
      for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])( ?.)`, 'g'))) {
        const next = m[1].trim();
        const declared = (next === ',' || next === ';') && /var [\w$,]*$/.test(code.slice(Math.max(0, m.index - 2000), m.index));
        const required = next === '=' && /^ ?= ?require\(/.test(code.slice(m.index + name.length, m.index + name.length + 12));
        if (next !== '.' && !required && !declared) throw new Error(`bundle: ${name} (${id}) is used as a value at ${m.index}; it cannot be made lazy`);
      }
    }
    code = code.replace(assigned, `$1 = kpiLazy("${id}")`);
  }
  return code;
}
// ASCII only, so bin/kpi.js hands V8 the source as one byte per character: decoding 2 MB holding a few non-ASCII
// characters as UTF-8 took 25–40 ms of every run and gave V8 a two-byte string. esbuild escapes strings and
// templates but leaves regular expressions (/[万萬亿億]/u) as written; a \uXXXX escape (two for a character
// beyond U+FFFF) matches the same in a regular expression, with or without the u flag, and means the same in a
// string, an identifier or a comment. A character after a backslash would change meaning: the build stops.
function asciiOnly(code, name) {
  return code.replace(/[^\x00-\x7f]/g, (c, at) => {
    let slashes = 0;
    while (code[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) throw new Error(`bundle: an escaped non-ASCII character at ${at} of ${name}`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// commander requires node:child_process at its top for one thing kpi never does (running a subcommand as a program
// of its own); loading it costs every run about 5-8 ms (child_process, net, dgram). It is required when used. Exact
// text of commander 14.0.3 (pinned): the build stops if it changes.
let childProcessMadeLazy = false;
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      childProcessMadeLazy = true;
      const text = readFileSync(args.path, 'utf8');
      const from = "const childProcess = require('node:child_process');";
      if (text.split(from).length !== 2) throw new Error(`bundle: commander's "${from}" not found once; update scripts/bundle.mjs`);
      return { contents: text.replace(from, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

// zod's index of its ~50 languages (`z.locales`) runs every language module when zod loads; kpi never sets zod's
// language (its scheme problems are its own messages) and zod uses English unless told otherwise. Only English is
// bundled: about 60 modules fewer to run on every command that reads a scheme. Exact text of zod 4.6.7 (pinned).
let zodLocalesCut = false;
const englishZod = {
  name: 'english-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => {
      zodLocalesCut = true;
      const text = readFileSync(args.path, 'utf8');
      const en = 'export { default as en } from "./en.js";';
      if (!text.includes(en)) throw new Error(`bundle: zod's "${en}" not found; update scripts/bundle.mjs`);
      return { contents: `${en}\n`, loader: 'js' };
    });
  },
};

// yaml's parser and composer read process.env.LOG_TOKENS for every token of the scheme and LOG_STREAM for every
// document part (yaml's own debugging, printing each token to stdout when set): each read of process.env asks the
// C library (~1.7 µs), 2,500 times for the Acme scheme (~4 ms of every command that reads a scheme), and a user who
// has either variable set would get yaml's token dump inside kpi's output. The bundle never logs them. Exact text of
// yaml 2.9.1 (pinned): the build stops if it changes.
const yamlDebugCut = new Set();
const YAML_DEBUG = [
  [/[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, 'if (node_process.env.LOG_TOKENS)'],
  [/[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, 'if (node_process.env.LOG_STREAM)'],
];
const quietYaml = {
  name: 'quiet-yaml',
  setup(b) {
    for (const [filter, from] of YAML_DEBUG) {
      b.onLoad({ filter }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (text.split(from).length !== 2) throw new Error(`bundle: yaml's "${from}" not found once; update scripts/bundle.mjs`);
        yamlDebugCut.add(from);
        return { contents: text.replace(from, 'if (false)'), loader: 'js' };
      });
    }
  },
};

const result = await build({
  entryPoints: [join(dist, 'bin-entry.js')],
  outfile: out,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'exceljs/*'],
  minifyWhitespace: true,
  define: { 'import.meta.url': 'kpiBundleUrl' },
  // KPI_TRACE_MODULES names a file that receives each bundled module as it first runs (the start-up test).
  banner: {
    js: `const kpiBundleUrl = require('node:url').pathToFileURL(__filename).href; const kpiTrace = process.env.KPI_TRACE_MODULES ? (m) => require('node:fs').appendFileSync(process.env.KPI_TRACE_MODULES, m + '\\n') : null; ${KPI_LAZY}`,
  },
  metafile: true,
  logLevel: 'warning',
  plugins: [lazyChildProcess, englishZod, quietYaml],
});
if (!childProcessMadeLazy) throw new Error("bundle: commander's lib/command.js was not bundled; update scripts/bundle.mjs");
if (!zodLocalesCut) throw new Error("bundle: zod's locales/index.js was not bundled; update scripts/bundle.mjs");
if (yamlDebugCut.size !== YAML_DEBUG.length) throw new Error("bundle: yaml's parser.js and composer.js were not both bundled; update scripts/bundle.mjs");

// esbuild's wrappers of lazily run modules (__esm for ES modules, __commonJS for CommonJS ones) report each module
// the first time it runs. Exact text of esbuild 0.28 (pinned): the build stops if it changes.
let code = readFileSync(out, 'utf8');
const hooks = [
  ['function __init(){', 'function __init(){if(fn&&kpiTrace)kpiTrace(__getOwnPropNames(fn)[0]);'],
  ['function __require(){', 'function __require(){if(!mod&&kpiTrace)kpiTrace(__getOwnPropNames(cb)[0]);'],
];
for (const [from, to] of hooks) {
  if (code.split(from).length !== 2) throw new Error(`bundle: esbuild's "${from}" not found once; update scripts/bundle.mjs`);
  code = code.replace(from, to);
}
// Node's own modules only some runs use, required at their first use (lazyBuiltins, above).
code = lazyBuiltins(code, ['node:fs/promises', 'node:worker_threads', 'node:crypto']);
// No import() may remain: a script compiled by vm.Script has no loader for it.
if (/[^\w$.]import\(/.test(code)) throw new Error('bundle: a dynamic import() is left in dist/kpi-main.cjs');
code = asciiOnly(code, 'dist/kpi-main.cjs');
// Written inside the function CommonJS runs a module in (src/start/code-cache.ts): V8 compiles the file's text as it
// is, where a wrapper joined to it at run time made V8 copy all 1.8 MB once more.
writeFileSync(out, `${WRAP_START}${code}${WRAP_END}`);

/** A small CommonJS script of dist/ for bin/kpi.js to require itself, the node modules `lazy` required when used. */
async function smallScript(entry, name, lazy) {
  const file = join(dist, name);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: KPI_LAZY },
    logLevel: 'warning',
  });
  writeFileSync(file, lazyBuiltins(readFileSync(file, 'utf8'), lazy));
}

// bin/kpi.js is CommonJS (a CommonJS main starts without node's ES module loader): the bundle's loader,
// dist/start/code-cache.js, as one CommonJS file for it. scripts/warm-cache.mjs and the tests use the module itself.
// node:module (createRequire: bin/kpi.js gives its own require) and node:os (homedir: only without XDG_CACHE_HOME)
// are required when used; node:module alone loads node's ES module loader.
await smallScript(join(dist, 'start', 'code-cache.js'), 'kpi-start.cjs', ['node:module', 'node:os']);

// `kpi score`'s guess whether its scheme names a large CSV, and the start of the parallel read's worker when it does
// (src/start/early-worker.ts): bin/kpi.js requires it before the bundle, only when the first argument is `score`.
// node:worker_threads is required only when a worker is started (a score on small files loads none).
await smallScript(join(dist, 'start', 'early-worker.js'), 'kpi-early.cjs', ['node:worker_threads']);

// The parallel CSV read's worker thread (src/reading/csv-parallel.ts) loads only the reading code, as its own script.
// Its start is cpu on the other core while the main thread loads the scheme or reads (a worker's thread alone: ~40 ms;
// the bundle took ~25 ms more). The worker says every problem in English (the main thread says it in the run's
// language), so the Chinese catalogue, half the bundle (260 KB) that V8 had to read through, is left out: a module
// that asked for it would throw, and the main thread would read that part itself. node:crypto is required when the
// worker hashes the file (not at 10M rows: hash-worker.ts), and the script is ASCII as the main bundle is. Started
// alone 20 times each, alternating: the worker's thread cpu until loaded, median 74 -> 64 ms (empty worker 47).
let zhCut = false;
const noChinese = {
  name: 'no-chinese',
  setup(b) {
    b.onLoad({ filter: /[\\/]messages[\\/]zh\.js$/ }, () => {
      zhCut = true;
      return { contents: 'export const zh = () => { throw new Error("kpi-csv-worker: no Chinese catalogue"); };\n', loader: 'js' };
    });
  },
};
const worker = join(dist, 'kpi-csv-worker.cjs');
await build({
  entryPoints: [join(dist, 'reading', 'csv-worker.js')],
  outfile: worker,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  // As the main bundle: paths from import.meta.url (the CSV kernel's dist/csv-kernel.wasm) resolve from dist/.
  define: { 'import.meta.url': 'kpiBundleUrl' },
  banner: { js: `const kpiBundleUrl = require('node:url').pathToFileURL(__filename).href; ${KPI_LAZY}` },
  logLevel: 'warning',
  plugins: [noChinese],
});
if (!zhCut) throw new Error('bundle: messages/zh.js was not in the worker bundle; update scripts/bundle.mjs');
writeFileSync(worker, asciiOnly(lazyBuiltins(readFileSync(worker, 'utf8'), ['node:crypto']), 'dist/kpi-csv-worker.cjs'));

// Which modules the bundle holds, and which of them run as soon as it loads (not wrapped: the entry's static
// imports); test/e2e/startup.test.ts adds those to what the trace reports.
const inputs = Object.keys(Object.values(result.metafile.outputs)[0].inputs);
const wrapped = new Set([...code.matchAll(/__(?:esm|commonJS)\(\{"([^"]+)"/g)].map((m) => m[1]));
writeFileSync(join(dist, 'kpi-bundle.json'), JSON.stringify({ modules: inputs, eager: inputs.filter((m) => !wrapped.has(m)) }, null, 1));

// The code cache: V8's bytecode after a warm-up run of the example (validate, then score). The warm-up runs with
// node's default flags: V8 refuses a cache made under other flags.
const warm = spawnSync(process.execPath, [join(root, 'scripts', 'warm-cache.mjs')], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
if (warm.status !== 0) throw new Error(`bundle: the warm-up run failed (exit ${warm.status}):\n${warm.stderr}`);
