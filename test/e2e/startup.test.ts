// Start-up does no more than the command needs: the libraries of other paths (YAML, schema validation, the
// terminal table, Excel) load where they are used, so `kpi --version` starts about as fast as node does.
// Module loads are recorded as they happen (the bundle's own trace, node's loaders), not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, kpi, ROOT } from './run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// What a run loads: the bundle (dist/kpi-main.cjs, scripts/bundle.mjs) reports each of its modules as it first runs
// (KPI_TRACE_MODULES); a preload reports each file node itself loads with require (exceljs stays outside the
// bundle), and a hook (on its own thread in Node 20) each ES module imported.
const hooks = path.join(tmp, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.KPI_TEST_IMPORT_LOG, r.url + '\\n');
  return r;
}\n`,
);
const register = path.join(tmp, 'register.mjs');
writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify('file://' + hooks)});\n`);
const requires = path.join(tmp, 'requires.cjs');
writeFileSync(
  requires,
  `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const m = load.apply(this, arguments);
  try { appendFileSync(process.env.KPI_TEST_REQUIRE_LOG, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return m;
};\n`,
);

/** What a kpi command loaded: the bundle's modules that ran, the files node imported or required, what it printed. */
function modulesLoaded(args: string[]): { bundled: string[]; files: string[]; stdout: string } {
  const log = (kind: string) => path.join(tmp, `${kind}-${args.join('_').replace(/\W/g, '')}.txt`);
  const logs = { bundled: log('bundled'), imported: log('imported'), required: log('required') };
  for (const f of Object.values(logs)) writeFileSync(f, '');
  const r = spawnSync(process.execPath, ['--import', register, '--require', requires, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KPI_TRACE_MODULES: logs.bundled, KPI_TEST_IMPORT_LOG: logs.imported, KPI_TEST_REQUIRE_LOG: logs.required },
  });
  // 3: the run went ahead but is NOT FINAL (the acme example holds two bad rows on purpose).
  expect([0, 3], r.stderr).toContain(r.status);
  const read = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
  const files = [...read(logs.imported), ...read(logs.required)]
    .filter((u) => u.startsWith('file:') || path.isAbsolute(u))
    .map((u) => path.relative(ROOT, u.startsWith('file:') ? fileURLToPath(u) : u));
  return { bundled: read(logs.bundled), files, stdout: r.stdout };
}

/**
 * The modules a kpi command runs, as paths like `dist/commands/score.js` or `node_modules/yaml/dist/index.js`: the
 * bundle's modules that run as soon as it loads (dist/kpi-bundle.json's `eager`), those the trace reported, and
 * the files outside the bundle that node loaded.
 */
function sourcesLoaded(args: string[]): string[] {
  const bundle = JSON.parse(readFileSync(path.join(ROOT, 'dist/kpi-bundle.json'), 'utf8')) as { eager: string[] };
  const { bundled, files } = modulesLoaded(args);
  return [...bundle.eager, ...bundled, ...files];
}

/** The npm packages a kpi command loads. */
function packagesLoaded(args: string[]): string[] {
  const pkgs = sourcesLoaded(args)
    .map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1])
    .filter((p): p is string => !!p);
  return [...new Set(pkgs)].sort();
}

/** The command modules (dist/commands/NAME.js) a kpi command loads. */
function commandModules(args: string[]): string[] {
  const names = sourcesLoaded(args)
    .map((u) => /(?:^|\/)dist\/commands\/([a-z-]+)\.js$/.exec(u)?.[1])
    .filter((p): p is string => !!p);
  return [...new Set(names)];
}

const COMMANDS = ['init', 'peek', 'validate', 'score', 'explain', 'backtest', 'targets', 'diff', 'verify'];

describe('start-up loads what the command needs', () => {
  it('kpi --version and --help: the command-line parser only', () => {
    expect(packagesLoaded(['--version'])).toEqual(['commander']);
    expect(packagesLoaded(['--help'])).toEqual(['commander']);
  });

  it('kpi validate: the scheme libraries, not the terminal table, Excel or the zip library of XLSX', () => {
    const loaded = packagesLoaded(['validate', 'examples/acme/scheme.yaml']);
    expect(loaded).toEqual(expect.arrayContaining(['yaml', 'zod']));
    for (const p of ['chalk', 'cli-table3', 'exceljs', 'yauzl']) expect(loaded).not.toContain(p);
  });

  it('kpi score --format csv on CSV files: no terminal table, no Excel, no zip', () => {
    const loaded = packagesLoaded(['score', 'examples/acme/scheme.yaml', '--format', 'csv']);
    for (const p of ['chalk', 'cli-table3', 'exceljs', 'yauzl']) expect(loaded).not.toContain(p);
  });
});

describe('kpi runs from the bundle (scripts/bundle.mjs)', () => {
  it('kpi validate and --version load no module of dist/ or of the bundled packages outside the bundle', () => {
    const { bundled, files } = modulesLoaded(['validate', 'examples/acme/scheme.yaml']);
    expect(bundled).toContain('dist/commands/validate.js');
    const outside = (f: string) => /^dist\/(?!kpi-start\.cjs$)/.test(f) || /^node_modules\/(yaml|zod|commander|jsep)\//.test(f);
    expect(files.filter(outside)).toEqual([]);
    // Nor kpi --version: only `kpi score` loads bin/kpi.js's guess whether to start the CSV worker early (kpi-early.cjs).
    expect(modulesLoaded(['--version']).files.filter(outside)).toEqual([]);
    expect(modulesLoaded(['score', 'examples/acme/scheme.yaml', '--format', 'json']).files).toContain('dist/kpi-early.cjs');
  });

  it("yaml's debugging variables are not read (LOG_TOKENS, LOG_STREAM): the same output with them set", () => {
    const plain = kpi(['validate', 'examples/acme/scheme.yaml']);
    const debug = kpi(['validate', 'examples/acme/scheme.yaml'], { env: { LOG_TOKENS: '1', LOG_STREAM: '1' } });
    expect(debug.stdout).toBe(plain.stdout);
    expect(debug.stderr).toBe(plain.stderr);
    expect(debug.code).toBe(plain.code);
  });

  it('bin/kpi.js is CommonJS: node starts it without its ES module loader', () => {
    const seen = path.join(tmp, 'module-jobs.cjs');
    writeFileSync(seen, `process.on('exit', () => process.stderr.write('esm jobs: ' + process.moduleLoadList.some((m) => m.endsWith('esm/module_job'))));\n`);
    const r = spawnSync(process.execPath, ['--require', seen, BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('esm jobs: false');
  });

  it('the bundle holds only the parts of zod the scheme uses (src/scheme/raw.ts imports zod/mini as a namespace: tree-shaken)', () => {
    const { modules } = JSON.parse(readFileSync(path.join(ROOT, 'dist/kpi-bundle.json'), 'utf8')) as { modules: string[] };
    expect(modules.some((m) => m.includes('node_modules/zod/v4/mini/'))).toBe(true);
    // zod's classic API builds each schema with parts kpi never uses (its chained methods, JSON-schema processors).
    const unused = /zod\/v4\/(classic\/[\w-]+|core\/json-schema-generator|core\/visit)\.js$/;
    expect(modules.filter((m) => unused.test(m))).toEqual([]);
  });

  it('the bundle is ASCII (read as Latin-1, one byte per character for V8)', () => {
    const bytes = readFileSync(path.join(ROOT, 'dist/kpi-main.cjs'));
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
  });

  it("the parallel read's worker bundle: ASCII, no Chinese catalogue (it says problems in English), node:crypto only when it hashes", () => {
    const text = readFileSync(path.join(ROOT, 'dist/kpi-csv-worker.cjs'), 'latin1');
    expect([...text].findIndex((c) => c.charCodeAt(0) > 0x7f)).toBe(-1);
    expect(text).not.toContain('zhCore');
    expect(text).toContain('kpiLazy("node:crypto")');
    expect(text).not.toMatch(/= ?require\("node:crypto"\)/);
  });

  it('exceljs, outside the bundle, is seen when it loads: kpi score --xlsx loads it', () => {
    const out = path.join(tmp, 'report.xlsx');
    expect(packagesLoaded(['score', 'examples/acme/scheme.yaml', '--format', 'csv', '--xlsx', out])).toContain('exceljs');
  });
});

describe("kpi validate loads none of node's modules it does not use, and starts no thread pool", () => {
  // At exit: node's own modules loaded (process.moduleLoadList) and the threads of the process (Linux).
  const probe = path.join(tmp, 'probe.cjs');
  writeFileSync(
    probe,
    `process.on('exit', () => {
  let threads = -1;
  try { threads = require('node:fs').readdirSync('/proc/self/task').length; } catch {}
  process.stderr.write('\\n' + JSON.stringify({ modules: process.moduleLoadList, threads }) + '\\n');
});\n`,
  );
  const probed = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    // 3: kpi score ran but is NOT FINAL (the acme example holds two bad rows on purpose).
    expect([0, 3], r.stderr).toContain(r.status);
    return JSON.parse(r.stderr.trim().split('\n').pop()!) as { modules: string[]; threads: number };
  };

  it('worker_threads, fs/promises, perf_hooks and crypto are not loaded (the parallel read, XLSX, progress and hashes need them)', () => {
    const { modules } = probed(['validate', 'examples/acme/scheme.yaml']);
    expect(modules).toContain('NativeModule fs');
    for (const m of ['worker_threads', 'fs/promises', 'perf_hooks', 'crypto']) expect(modules).not.toContain(`NativeModule ${m}`);
    // kpi score hashes its inputs (the report's Run sheet, JSON): crypto loads when the first one is read.
    const score = probed(['score', 'examples/acme/scheme.yaml', '--format', 'json']).modules;
    expect(score).toContain('NativeModule crypto');
    // Nor does kpi score on small files: its worker is started early only for a large CSV (commands/early-worker.ts).
    expect(score).not.toContain('NativeModule worker_threads');
  });

  // The first asynchronous file call starts libuv's four threads: validate reads its files synchronously.
  it.runIf(process.platform === 'linux')('as many threads at exit as kpi --version (no libuv thread pool)', () => {
    const version = probed(['--version']).threads;
    expect(version).toBeGreaterThan(0);
    expect(probed(['validate', 'examples/acme/scheme.yaml']).threads).toBe(version);
  });
});

describe('kpi --version and kpi validate make no stream for stdout or stderr (commands/stdio.ts)', () => {
  // For a pipe or socket node makes a net.Socket when process.stdout (or stderr) is first read: node's net module
  // and 6-8 ms of cpu. A run that prints only its text writes fd 1 itself. The list is written to a file at exit:
  // writing it to stderr would make the stream.
  const probe = path.join(tmp, 'net-probe.cjs');
  writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(process.env.KPI_TEST_MODULES, JSON.stringify(process.moduleLoadList)));\n`);
  const run = (args: string[]) => {
    const modules = path.join(tmp, `modules-${args.join('_').replace(/\W/g, '')}.json`);
    // stdout and stderr are pipes here (spawnSync), as in the bench and under most callers.
    const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', KPI_TEST_MODULES: modules },
    });
    return { ...r, modules: JSON.parse(readFileSync(modules, 'utf8')) as string[] };
  };

  it('kpi --version prints the version with no net module loaded', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(r.stderr).toBe('');
    expect(r.modules).not.toContain('NativeModule net');
  });

  it('kpi validate prints the same text, in text and JSON, with no net module loaded', () => {
    for (const format of ['text', 'json']) {
      const r = run(['validate', 'examples/acme/scheme.yaml', '--format', format]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(kpi(['validate', 'examples/acme/scheme.yaml', '--format', format]).stdout);
      expect(r.stdout).toContain(format === 'json' ? '"format": "kpi-validate/1"' : 'examples/acme/scheme.yaml: valid (5 warnings)\n');
      expect(r.stderr).toBe('');
      expect(r.modules).not.toContain('NativeModule net');
    }
  });

  it('kpi score still prints through the stream it makes (the table and its warnings)', () => {
    expect(run(['score', 'examples/acme/scheme.yaml', '--format', 'csv']).modules).toContain('NativeModule net');
  });
});

describe("a command loads its own module, not the other commands'", () => {
  it('kpi validate and kpi score load no other command; kpi --version none', () => {
    const validate = commandModules(['validate', 'examples/acme/scheme.yaml']);
    expect(validate).toContain('validate');
    for (const c of COMMANDS.filter((c) => c !== 'validate')) expect(validate).not.toContain(c);
    const score = commandModules(['score', 'examples/acme/scheme.yaml', '--format', 'csv']);
    for (const c of COMMANDS.filter((c) => c !== 'score')) expect(score).not.toContain(c);
    for (const c of COMMANDS) expect(commandModules(['--version'])).not.toContain(c);
  });

  it('kpi --help and kpi -h score still list every command', () => {
    for (const args of [['--help'], ['-h', 'score']]) {
      const { stdout } = modulesLoaded(args);
      for (const c of COMMANDS) expect(stdout, args.join(' ')).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });
});

describe('kpi validate reads the scheme once', () => {
  it('prepareRun takes the scheme the caller loaded instead of loading it again', async () => {
    const { loadScheme, prepareRun } = await import('../../src/commands/pipeline.js');
    const loaded = await loadScheme(path.join(ROOT, 'examples/acme/scheme.yaml'));
    // No file at this path: only the scheme passed in can be used.
    const r = await prepareRun(path.join(tmp, 'gone.yaml'), '2026-11', { loaded });
    expect(r.ok).toBe(true);
    const again = await prepareRun(path.join(tmp, 'gone.yaml'), '2026-11');
    expect(again.ok).toBe(false);
  });
});
