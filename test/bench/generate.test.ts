// The bench's data generator: deterministic, shaped so the Acme scheme scores it, and reused when unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { generate, money, REPS } from '../../bench/generate.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'kpi-bench-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ROWS = 2000;
const files = (dir: string) => [...readdirSync(dir).filter((f) => f.endsWith('.yaml')), ...readdirSync(join(dir, 'data')).map((f) => `data/${f}`)].sort();

describe('bench/generate.mjs', () => {
  it('writes money the way the CRM export does', () => {
    // 123456789 cents = 1,234,567.89 dollars: groups of three from the right.
    expect(money(123456789, 'plain')).toBe('1,234,567.89');
    expect(money(5, 'dollar')).toBe('$0.05');
    expect(money(-125000, 'plain')).toBe('(1,250.00)');
    expect(money(100000, 'bare')).toBe('1000.00');
    expect(money(99999, 'plain')).toBe('999.99'); // three digits: no separator
  });

  it('is deterministic: two folders, the same bytes', async () => {
    const a = (await generate(ROWS, { root: join(tmp, 'a') })).dir;
    const b = (await generate(ROWS, { root: join(tmp, 'b') })).dir;
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });

  it('writes ROWS data rows per big source, 500 reps, and one deliberate bad amount (row 7)', async () => {
    const { dir } = await generate(ROWS, { root: join(tmp, 'a') });
    const lines = (f: string) =>
      readFileSync(join(dir, 'data', f), 'utf8')
        .split(/\r?\n/)
        .filter(Boolean);
    for (const f of ['sales.csv', 'customers.csv', 'collections.csv']) expect(lines(f).length, f).toBe(ROWS + 1);
    expect(lines('reps.csv').length).toBe(REPS + 1);
    // Data row 7 is file line 8 (after the header).
    expect(lines('sales.csv')[7]).toContain('"12,4O0.00"');
    expect(lines('sales.csv').filter((l) => l.includes('4O0')).length).toBe(1);
  });

  it('reuses the files when nothing changed (manifest)', async () => {
    const first = await generate(ROWS, { root: join(tmp, 'c') });
    const t = statSync(join(first.dir, 'data', 'sales.csv')).mtimeMs;
    const again = await generate(ROWS, { root: join(tmp, 'c') });
    expect(again.generated).toBe(false);
    expect(statSync(join(again.dir, 'data', 'sales.csv')).mtimeMs).toBe(t);
  });

  it('produces data the Acme scheme scores: all 500 reps ranked, the bad row reported', async () => {
    const { dir } = await generate(ROWS, { root: join(tmp, 'a') });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kpi.js'), 'score', join(dir, 'scheme.yaml'), '--period', '2026-11', '--format', 'csv'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(3); // the bad row makes the run NOT FINAL
    expect(r.stdout.trim().split('\n').length).toBe(REPS + 1); // header + one line per rep
    expect(r.stderr).toContain('12,4O0.00');
  });
});
