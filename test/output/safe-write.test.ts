import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { OutputError } from '../../src/output/errors.js';
import { writeFileAtomic } from '../../src/output/safe-write.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  test('writes bytes and leaves no temp file', async () => {
    const target = path.join(dir, 'a.txt');
    await writeFileAtomic(target, 'hello');
    await writeFileAtomic(target, new Uint8Array([104, 105]));
    expect(readFileSync(target, 'utf8')).toBe('hi');
    expect(readdirSync(dir).filter((f) => f.startsWith('.kpi-tmp'))).toEqual([]);
  });
  test('a write that fails half-way leaves the previous file intact and no temp file', async () => {
    const target = path.join(dir, 'report.xlsx');
    writeFileSync(target, 'previous report');
    const err = await writeFileAtomic(target, async (tmp) => {
      writeFileSync(tmp, 'half a rep');
      throw new Error('interrupted');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(readFileSync(target, 'utf8')).toBe('previous report');
    expect(readdirSync(dir).filter((f) => f.includes('.kpi-tmp'))).toEqual([]);
  });
  test('a writer function writes to the temp path', async () => {
    const target = path.join(dir, 'w.txt');
    await writeFileAtomic(target, async (tmp) => writeFileSync(tmp, 'via writer'));
    expect(readFileSync(target, 'utf8')).toBe('via writer');
  });
  test('refuses to overwrite an input file, also through a symlink or another spelling', async () => {
    const input = path.join(dir, 'sales.csv');
    writeFileSync(input, 'order,amount\n');
    const link = path.join(dir, 'link.csv');
    symlinkSync(input, link);
    for (const target of [input, link, path.join(dir, '.', 'sub', '..', 'sales.csv')]) {
      const err = await writeFileAtomic(target, 'x', { inputs: [input] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutputError);
      expect((err as OutputError).message).toMatch(/input file/);
    }
    expect(readFileSync(input, 'utf8')).toBe('order,amount\n');
  });
  test('a missing folder gives a clear message', async () => {
    const err = await writeFileAtomic(path.join(dir, 'nope', 'r.xlsx'), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).message).toMatch(/does not exist/);
  });
  test.skipIf(process.getuid?.() === 0)('an unwritable folder gives a clear message', async () => {
    const ro = path.join(dir, 'ro');
    await import('node:fs').then((fs) => fs.mkdirSync(ro));
    chmodSync(ro, 0o555);
    const err = await writeFileAtomic(path.join(ro, 'r.xlsx'), 'x').catch((e: unknown) => e);
    chmodSync(ro, 0o755);
    expect((err as OutputError).message).toMatch(/cannot write to folder .*permission denied/);
  });
  test('a target that is a folder is refused', async () => {
    const err = await writeFileAtomic(dir, 'x').catch((e: unknown) => e);
    expect((err as OutputError).message).toMatch(/is a folder/);
  });
});
