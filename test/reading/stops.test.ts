// Problems that stop a run (DataError) carry a stable code, the file, and the row and column where known; their
// message is said in the run's language from the code, a row's own problem inside it included.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problem, problemText, translator } from '../../src/messages/index.js';
import { DataError, dataErrorLine } from '../../src/reading/errors.js';
import { readSource } from '../../src/reading/index.js';
import { failure, spec, writeFixture } from './helpers.js';

const opts = { minorUnit: 2, currency: { code: 'USD', symbol: '$' } };
const HEADER = 'Order ID,Rep,Amount,Close Date';
const zh = translator('zh-CN');
const read = (name: string, text: string | Uint8Array, over = {}) => readSource(spec(writeFixture(name, text), over), opts);
const where = (e: DataError) => [e.code, path.basename(e.file), e.row, e.column];

describe('a problem that stops the run has a code, a file and a place', () => {
  it('cannot be made without a code: the constructor takes a problem, not a sentence', () => {
    // @ts-expect-error a DataError is made from problem('KPI…', …), never from words alone
    const e = new DataError('sales.csv: something went wrong', { file: 'sales.csv' });
    expect(e).toBeInstanceOf(DataError);
    const ok = new DataError(problem('KPI2607', { file: 'sales.csv' }), { file: 'sales.csv' });
    expect([ok.code, ok.message]).toEqual(['KPI2607', 'sales.csv is empty (0 bytes).']);
  });

  it('a file that is not there, empty, or a folder', async () => {
    expect(where(await failure(readSource(spec(path.join(writeFixture('x.csv', 'a'), '..', 'nope.csv')), opts)))).toEqual([
      'KPI2601',
      'nope.csv',
      undefined,
      undefined,
    ]);
    expect(where(await failure(read('empty.csv', '')))).toEqual(['KPI2607', 'empty.csv', undefined, undefined]);
    const dir = path.join(path.dirname(writeFixture('x.csv', 'a')), 'folder.csv');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'inside.txt'), '');
    expect((await failure(readSource(spec(dir), opts))).code).toBe('KPI2603');
  });

  it('a header the scheme maps is missing or twice; a workbook named .csv', async () => {
    expect(where(await failure(read('typo.csv', 'Order ID,Rep,Amout,Close Date\nSO-1,R1,1,2026-11-01\n')))).toEqual(['KPI2667', 'typo.csv', 1, 'Amount']);
    expect(where(await failure(read('dup.csv', `${HEADER},Amount\nSO-1,R1,1,2026-11-01,2\n`)))).toEqual(['KPI2669', 'dup.csv', 1, 'Amount']);
    expect(where(await failure(read('zip.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))))).toEqual(['KPI2616', 'zip.csv', undefined, undefined]);
  });

  it('Chinese headers not found in a CSV read as GB18030 by guess (Big5 bytes read as other characters): KPI2175 says so', async () => {
    // 業務員 in Big5, then ASCII: not UTF-8, so read as GB18030, where these bytes are other characters.
    const big5 = Buffer.concat([Buffer.from([0xb7, 0x7e, 0xb0, 0xc8, 0xad, 0xfb]), Buffer.from(',Amount\nR1,5\n')]);
    const columns = [
      { name: 'rep', header: '業務員', type: 'string' as const },
      { name: 'amount', header: 'Amount', type: 'money' as const },
    ];
    const e = await failure(read('big5.csv', big5, { columns, rep: 'rep' }));
    expect(where(e)).toEqual(['KPI2175', 'big5.csv', 1, '業務員']);
    expect(e.message).toMatch(
      /^big5\.csv: column "業務員" \(for rep\) is not in the header row\..* \(The file is not UTF-8 and was read as GB18030, .*such as Big5/,
    );
    // Declared GB18030, or an ASCII header missing: KPI2667 as before.
    expect((await failure(read('big5.csv', big5, { columns, rep: 'rep', encoding: 'gb18030' }))).code).toBe('KPI2667');
  });

  it('values that stop the run: a decimal comma not declared, numbers read two ways, percent or points', async () => {
    expect(where(await failure(read('sep.csv', 'Order ID;Rep;Amount;Close Date\nSO-1;R1;1.234,56;2026-11-01\n')))).toEqual(['KPI2681', 'sep.csv', 2, 'Amount']);
    expect(where(await failure(read('sep.csv', `${HEADER}\nSO-1,R1,1.500,2026-11-01\nSO-2,R1,12.000,2026-11-02\n`)))).toEqual([
      'KPI2682',
      'sep.csv',
      2,
      'Amount',
    ]);
  });

  it("on_bad_row: stop: the row's own problem inside, in English and in Chinese", async () => {
    const e = await failure(read('bad.csv', `${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,R1,abc,2026-11-01\n`, { onBadRow: 'stop' }));
    expect(where(e)).toEqual(['KPI2685', 'bad.csv', 3, 'Amount']);
    expect(e.message).toBe('bad.csv row 3, column "Amount": "abc" is not a number. The scheme says on_bad_row: stop.');
    expect(problemText(e, e.message, zh)).toBe('bad.csv 第 3 行，列“Amount”：“abc”不是数字。方案设置了 on_bad_row: stop。');
    expect(dataErrorLine(e, zh)).toBe('KPI2685 bad.csv 第 3 行，列“Amount”：“abc”不是数字。方案设置了 on_bad_row: stop。');
  });

  it('a roster row that cannot be read: the code of the stop, and each row with its own code', async () => {
    const e = await failure(
      read('reps.csv', 'ID,Name,Base\nR1,Ann,5000\nR2,Bob,5k\n', {
        name: 'reps',
        purpose: 'roster',
        columns: [
          { name: 'id', header: 'ID', type: 'string' },
          { name: 'name', header: 'Name', type: 'string' },
          { name: 'base_bonus', header: 'Base', type: 'money' },
        ],
      }),
    );
    expect(where(e)).toEqual(['KPI2687', 'reps.csv', 3, 'Base']);
    expect(problemText(e, e.message, zh)).toBe(
      'reps.csv：花名册中有 1 行无法读取（第 3 行；第 3 行，列“Base”：“5k”中有字母“k”，不是数字）。花名册的每一行都必须能读取：这些行上的销售会被排除在排名之外。请修正文件后重新运行。',
    );
    expect(e.issues.map((i) => [i.code, i.row, i.column, i.action])).toEqual([['KPI2108', 3, 'Base', 'stopped']]);
  });
});
