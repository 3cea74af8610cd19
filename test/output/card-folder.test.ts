// The scorecard folder's problems carry their codes (KPI303x, docs/problems.md) and read in the run's language.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fsPromises } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { checkCardFolder, makeFolder, replaceCardFolder } from '../../src/output/card-folder.js';
import { OutputError, outputErrorLine } from '../../src/output/errors.js';
import { FileNamer } from '../../src/output/filenames.js';
import { translator } from '../../src/messages/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-cards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const zh = translator('zh-CN');
const en = translator('en-US');

async function caught(p: Promise<unknown>): Promise<OutputError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OutputError);
  return e as OutputError;
}

describe('scorecard folder problems', () => {
  test('the current folder: KPI3003, a usage error', async () => {
    const e = await caught(checkCardFolder('.'));
    expect([e.code, e.usage]).toEqual(['KPI3003', true]);
    expect(outputErrorLine(e, zh)).toMatch(/^KPI3003 --scorecards \. 是当前文件夹或包含当前文件夹/);
  });

  test('files kpi did not write: KPI3004 names the first three and how many', async () => {
    const cards = path.join(dir, 'foreign');
    mkdirSync(cards);
    for (const f of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) writeFileSync(path.join(cards, f), 'mine');
    const e = await caught(checkCardFolder(cards));
    expect([e.code, e.usage, e.params.n]).toEqual(['KPI3004', true, 4]);
    expect(outputErrorLine(e, en)).toContain(`--scorecards ${cards} holds 4 files kpi did not write ("a.txt", "b.txt", "c.txt", …)`);
    expect(outputErrorLine(e, zh)).toContain(`--scorecards ${cards} 中有 4 个不是 kpi 写入的文件（"a.txt", "b.txt", "c.txt", …）`);
  });

  test('a file where the folder goes: KPI3031; a file on its path: KPI3032', async () => {
    const file = path.join(dir, 'file.csv');
    writeFileSync(file, 'x');
    expect((await caught(checkCardFolder(file))).code).toBe('KPI3031');
    const under = await caught(makeFolder(path.join(file, 'cards'), 'file.csv/cards'));
    expect(under.code).toBe('KPI3032');
    expect(outputErrorLine(under, zh)).toMatch(/^KPI3032 无法创建文件夹 file\.csv\/cards：.*file\.csv 是文件，不是文件夹$/);
  });

  test('a scorecard open in Excel (EBUSY on the swap): KPI3033, "close the scorecards", the previous set kept', async () => {
    const cards = path.join(dir, 'cards');
    const write = (text: string) => async (folder: string) => {
      writeFileSync(path.join(folder, 'R1.xlsx'), text);
      return ['R1.xlsx'];
    };
    await replaceCardFolder(cards, { scheme: 's', period: '2026-10' }, write('october'));
    const spy = vi.spyOn(fsPromises, 'rename').mockRejectedValueOnce(Object.assign(new Error('busy'), { code: 'EBUSY' }));
    const e = await caught(replaceCardFolder(cards, { scheme: 's', period: '2026-11' }, write('november')));
    spy.mockRestore();
    expect(e.code).toBe('KPI3033');
    expect(outputErrorLine(e, en)).toBe(
      `KPI3033 cannot replace the scorecards in ${cards}: a scorecard is open in another program (EBUSY); close the scorecards open in Excel and run again`,
    );
    expect(outputErrorLine(e, zh)).toBe(`KPI3033 无法替换 ${cards} 中的评分卡：有评分卡正被其他程序打开（EBUSY）；请在 Excel 中关闭打开的评分卡后重新运行`);
    expect(readFileSync(path.join(cards, 'R1.xlsx'), 'utf8')).toBe('october');
  });

  test('a file name that would land outside the folder: KPI3041', () => {
    const namer = new FileNamer(dir, '/../../x.xlsx');
    let e: unknown;
    try {
      namer.next('R1', 'Ann');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).code).toBe('KPI3041');
    expect(outputErrorLine(e as OutputError, zh)).toMatch(/^KPI3041 拒绝写入 ".*"：它会落在 .* 之外$/);
  });
});
