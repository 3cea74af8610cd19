// `kpi score --wide` at a terminal is never squeezed: one line a rep, and when that is wider than the terminal the
// table goes through a pager that scrolls sideways (less -S) instead of wrapping mid-cell. Run in a real
// pseudo-terminal (util-linux `script`) at 80 columns, with KPI_PAGER capturing what the pager receives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, test } from 'vitest';
import { pagerFor } from '../../src/commands/pager.js';
import { BIN, ROOT } from './run.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-wide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs kpi in a pseudo-terminal `cols` wide; the pager (if any) writes what it is given to `paged`. */
function atTerminal(args: string[], cols: number, paged: string): { code: number; screen: string } {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = `stty cols ${cols} rows 50; ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}; echo "EXIT=$?"`;
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', KPI_PAGER: `cat > ${q(paged)}` };
  delete env.FORCE_COLOR;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const exit = /EXIT=(\d+)/.exec(r.stdout);
  return { code: exit ? Number(exit[1]) : -1, screen: r.stdout };
}

describe.skipIf(!hasScript)('kpi score --wide at an 80-column terminal', () => {
  test.each(['acme', 'china'])('%s: the table goes to the pager, one line a rep, every line whole', (ex) => {
    const paged = path.join(dir, `${ex}.txt`);
    const r = atTerminal(['score', `examples/${ex}/scheme.yaml`, '--wide'], 80, paged);
    expect(r.code, r.screen).toBe(ex === 'acme' ? 3 : 0);
    const table = readFileSync(paged, 'utf8');
    const lines = table.split('\n');
    // Wider than the terminal (that is why it is paged), and no rep is split over lines: every payout sits on the
    // line that names its rep.
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeGreaterThan(80);
    const json = JSON.parse(
      spawnSync(process.execPath, [BIN, 'score', `examples/${ex}/scheme.yaml`, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout,
    );
    for (const rep of json.reps) {
      const line = lines.find((l) => l.includes(`(${rep.id})`));
      expect(line, rep.id).toBeDefined();
      expect(line).toContain(rep.payout.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    }
    // The pager got the table, the screen did not (the stderr summary still reaches it).
    expect(r.screen).not.toContain(`(${json.reps[0].id})`);
  });

  test('the compact default fits and is printed, not paged', () => {
    const paged = path.join(dir, 'compact.txt');
    const r = atTerminal(['score', 'examples/china/scheme.yaml'], 80, paged);
    expect(r.code).toBe(0);
    expect(existsSync(paged)).toBe(false);
    expect(r.screen).toContain('张伟');
  });
});

describe('when the wide table is paged', () => {
  const tty = { stdin: true, stdout: true };
  test('only at a terminal, only when wider than it', () => {
    expect(pagerFor(120, 80, tty, {})).toEqual({ kind: 'default' });
    expect(pagerFor(80, 80, tty, {})).toEqual({ kind: 'print' });
    expect(pagerFor(120, undefined, tty, {})).toEqual({ kind: 'print' });
    expect(pagerFor(120, 80, { stdin: true, stdout: false }, {})).toEqual({ kind: 'print' });
    expect(pagerFor(120, 80, { stdin: false, stdout: true }, {})).toEqual({ kind: 'print' });
  });
  test('KPI_PAGER chooses the pager; empty or cat prints the table as it is', () => {
    expect(pagerFor(120, 80, tty, { KPI_PAGER: 'most' })).toEqual({ kind: 'shell', command: 'most' });
    expect(pagerFor(120, 80, tty, { KPI_PAGER: '' })).toEqual({ kind: 'print' });
    expect(pagerFor(120, 80, tty, { KPI_PAGER: 'cat' })).toEqual({ kind: 'print' });
  });
});
