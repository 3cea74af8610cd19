// Runs the built CLI exactly as a user would (node bin/kpi.js …), without colour, and captures everything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/kpi.js');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function kpi(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Ran {
  // vitest may set FORCE_COLOR for itself; the CLI must be seen as a user piping its output sees it.
  // The language of usage errors and of a run without a scheme comes from the locale: pinned to none, so a test
  // expecting English passes on a Chinese desktop too (a test that wants Chinese says LANG in opts.env).
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...opts.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 30, // a JSON with every issue of a big run is many megabytes
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** No stack trace, no internal error: what a user sees is always a message. */
export function expectNoStack(r: Ran): void {
  const all = r.stdout + r.stderr;
  if (/\n\s+at .+:\d+:\d+\)?/.test(all) || all.includes('internal error')) {
    throw new Error(`stack trace or internal error in output:\n${all}`);
  }
}
