// Start-up does no more than the command needs: the libraries of other paths (YAML, schema validation, the
// terminal table, Excel) load where they are used, so `kpi --version` starts about as fast as node does.
// Module loads are recorded by a resolve hook, the way node sees them, not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The hooks run on their own thread in Node 20: they append each resolved URL to a file.
const hooks = path.join(tmp, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.KPI_TEST_MODULE_LOG, r.url + '\\n');
  return r;
}\n`,
);
const register = path.join(tmp, 'register.mjs');
writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify('file://' + hooks)});\n`);

/** The module URLs a kpi command loads, and what it printed. */
function modulesLoaded(args: string[]): { urls: string[]; stdout: string } {
  const log = path.join(tmp, `modules-${args.join('_').replace(/\W/g, '')}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', register, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KPI_TEST_MODULE_LOG: log },
  });
  // 3: the run went ahead but is NOT FINAL (the acme example holds two bad rows on purpose).
  expect([0, 3], r.stderr).toContain(r.status);
  return { urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout: r.stdout };
}

/**
 * The modules a kpi command loads: each URL, or for a file of the bundle (dist/kpi-*.js, scripts/bundle.mjs) the
 * modules bundled in it, as esbuild's metafile lists them (dist/kpi-bundle.json: paths like
 * `dist/commands/score.js`, `node_modules/yaml/dist/index.js`).
 */
function sourcesLoaded(args: string[]): string[] {
  const bundle = JSON.parse(readFileSync(path.join(ROOT, 'dist/kpi-bundle.json'), 'utf8')) as Record<string, string[]>;
  return modulesLoaded(args).urls.flatMap((u) => bundle[/\/dist\/(kpi-[^/]+\.js)$/.exec(u)?.[1] ?? ''] ?? [u]);
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
  it("kpi validate loads no module of dist/ or of the bundled packages outside the bundle's files", () => {
    const urls = modulesLoaded(['validate', 'examples/acme/scheme.yaml']).urls.filter((u) => u.startsWith('file:'));
    expect(urls.some((u) => /\/dist\/kpi-main\.js$/.test(u))).toBe(true);
    expect(urls.filter((u) => /\/dist\/(?!kpi-[^/]+\.js$)/.test(u) || /\/node_modules\/(yaml|zod|commander|jsep)\//.test(u))).toEqual([]);
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
