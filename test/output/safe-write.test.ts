import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promises as fsPromises } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { OutputError } from '../../src/output/errors.js';
import { replaceProblem, writeFileAtomic, writeProblem } from '../../src/output/safe-write.js';
import { problem, problemText, translator } from '../../src/messages/index.js';

const zh = translator('zh-CN');

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
      expect((err as OutputError).code).toBe('KPI3005');
      expect((err as OutputError).message).toMatch(/input file/);
    }
    expect(readFileSync(input, 'utf8')).toBe('order,amount\n');
  });
  test('a missing folder gives a clear message', async () => {
    const err = await writeFileAtomic(path.join(dir, 'nope', 'r.xlsx'), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).code).toBe('KPI3012');
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
    expect((err as OutputError).code).toBe('KPI3011');
    expect((err as OutputError).message).toMatch(/is a folder/);
  });
  test('an output problem without a code does not compile', () => {
    // @ts-expect-error OutputError takes a problem with a KPI3xxx code, not a sentence
    expect(() => new OutputError('cannot write r.xlsx', 'r.xlsx')).not.toThrow();
    // @ts-expect-error nor a problem of another range
    expect(new OutputError(problem('KPI2607', { file: 'x' }), 'x').code).toBe('KPI2607');
  });
});

describe('the real cause of a failed write (issue 9)', () => {
  test('a file open in Excel on Windows (EPERM, EBUSY, EACCES on the rename): "close the file in Excel"', () => {
    for (const code of ['EPERM', 'EBUSY', 'EACCES']) {
      const p = replaceProblem(Object.assign(new Error(code), { code }), 'report.xlsx', 'win32');
      expect(p.code).toBe('KPI3021');
      expect(p.text).toBe('cannot replace report.xlsx: it is open in another program; close the file in Excel and run again');
      expect(problemText(p, '', zh)).toBe('无法替换 report.xlsx：它正被其他程序打开；请在 Excel 中关闭该文件后重新运行');
    }
    expect(replaceProblem(Object.assign(new Error('x'), { code: 'EBUSY' }), 'report.xlsx', 'linux').code).toBe('KPI3021');
    const denied = replaceProblem(Object.assign(new Error('x'), { code: 'EPERM' }), 'report.xlsx', 'linux');
    expect([denied.code, denied.text]).toEqual(['KPI3022', 'cannot replace report.xlsx: permission denied (EPERM); the file may belong to someone else']);
  });
  test('a read-only disk and a permission error name themselves, never ENOENT', () => {
    const problems = ['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'ENOENT', 'ELOOP', 'EWHATEVER'].map((code) =>
      writeProblem(Object.assign(new Error('x'), { code }), 'r.xlsx', '/srv'),
    );
    expect(problems.map((p) => `${p.code} ${p.text}`)).toEqual([
      'KPI3015 cannot write to folder /srv: the disk is read-only (EROFS); choose a folder on a disk you can write to',
      'KPI3014 cannot write to folder /srv: permission denied (EACCES); choose a folder you can write to',
      'KPI3014 cannot write to folder /srv: permission denied (EPERM); choose a folder you can write to',
      'KPI3016 cannot write r.xlsx: the disk is full',
      'KPI3017 cannot write r.xlsx: the disk quota is used up',
      'KPI3013 cannot write r.xlsx: folder /srv no longer exists',
      'KPI3018 cannot write r.xlsx: too many symbolic links (ELOOP)',
      'KPI3018 cannot write r.xlsx: a system error (EWHATEVER)',
    ]);
    // In a Chinese run every one is Chinese (the system's code aside).
    for (const p of problems) expect(problemText(p, '', zh).replace(/r\.xlsx|\/srv|\bE[A-Z]+\b/g, '')).not.toMatch(/[A-Za-z]/);
  });
  test('a rename refused by the system reaches the user as that message', async () => {
    const target = path.join(dir, 'open.xlsx');
    const spy = vi.spyOn(fsPromises, 'rename').mockRejectedValueOnce(Object.assign(new Error('busy'), { code: 'EBUSY' }));
    const err = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    spy.mockRestore();
    expect((err as OutputError).code).toBe('KPI3021');
    expect((err as OutputError).message).toBe(`cannot replace ${target}: it is open in another program; close the file in Excel and run again`);
    expect(readdirSync(dir).filter((f) => f.startsWith('.kpi-tmp'))).toEqual([]);
  });
  test("temp files of a killed earlier run are removed; a live run's and other files are left", async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const sub = path.join(dir, 'stale');
    await fsPromises.mkdir(sub);
    writeFileSync(path.join(sub, `.kpi-tmp-${dead}-3-report.xlsx`), 'half');
    writeFileSync(path.join(sub, `.kpi-tmp-${process.ppid}-1-other.xlsx`), 'a live run');
    writeFileSync(path.join(sub, 'notes.txt'), 'mine');
    await writeFileAtomic(path.join(sub, 'report.xlsx'), 'done');
    expect(readdirSync(sub).sort()).toEqual([`.kpi-tmp-${process.ppid}-1-other.xlsx`, 'notes.txt', 'report.xlsx']);
  });
});
