// Runs the BUILT command line on one corpus case in a throw-away folder and records what it did to the disk.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO, 'bin/kpi.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/corpus');

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * A fresh case folder: <root>/work holds a copy of _base overlaid with the case's own files. <root> itself
 * holds nothing else, so any file that appears beside `work` was written outside the chosen output.
 */
export function prepareCase(id: string, fixture = id): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), `kpi-corpus-${id.slice(0, 30)}-`));
  const dir = path.join(root, 'work');
  mkdirSync(dir);
  cpSync(path.join(FIXTURES, '_base'), dir, { recursive: true });
  const own = path.join(FIXTURES, fixture);
  if (existsSync(own)) cpSync(own, dir, { recursive: true });
  return { root, dir };
}

/** Runs `node bin/kpi.js ARGS`; with `pipe`, its stdout goes through that reader (e.g. `head -c 10`), as in a shell. */
export function runCli(args: string[], cwd: string, timeoutMs = 30_000, pipe?: string): Promise<RunOutput> {
  const [cmd, argv] = pipe
    ? ['bash', ['-c', `"$@" | ${pipe} >/dev/null; exit \${PIPESTATUS[0]}`, 'kpi', process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  return new Promise((resolve) => {
    execFile(
      cmd,
      argv,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          timedOut: Boolean(e?.killed) || e?.signal === 'SIGTERM',
        });
      },
    );
  });
}

/** Every file under `dir` (relative path → sha256; symlinks as "link→target"), to see what a run changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    for (const name of readdirSync(abs)) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(dir, r));
      if (st.isSymbolicLink()) out.set(r, 'link');
      else if (st.isDirectory()) {
        out.set(`${r}/`, 'dir');
        try {
          walk(r);
        } catch {
          // an unreadable folder (the read-only case as non-root) lists as empty
        }
      } else
        out.set(
          r,
          createHash('sha256')
            .update(readFileSync(path.join(dir, r)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}

/** Lines of a stream with the case's temp folder replaced by <dir>, so messages naming it can be compared. */
export function normalise(text: string, dir: string): string {
  return text.split(dir).join('<dir>');
}
