// A workbook cell whose number format shows it divided (0!.0000"万" shows 123456 as 12.3456万, #,##0,"K" shows it as
// 123K) holds the amount in the currency: in a column the scheme scales (scale: 10000 for a header in 万元, as KPI2166
// advises) it would be counted 10,000 times over, in a run that looked normal.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { formatDivisor } from '../../src/reading/xlsx/styles.js';
import { spec, values, writeFixture } from './helpers.js';

let n = 0;
async function book(header: string, cells: [number | string, string | undefined][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('销售');
  ws.addRow(['Rep', header]);
  cells.forEach(([v, fmt], i) => {
    const c = ws.addRow([`R${i + 1}`, v]).getCell(2);
    if (fmt !== undefined) c.numFmt = fmt;
  });
  return writeFixture(`unit-${++n}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
}
const read = (file: string, header: string, over: Partial<ColumnSpec>, currency?: { code: string; symbol: string }) =>
  readSource(
    spec(file, {
      columns: [
        { name: 'rep', header: 'Rep', type: 'string' },
        { name: 'amount', header, type: 'money', ...over },
      ],
      rep: 'rep',
    }),
    { minorUnit: 2, ...(currency ? { currency } : {}) },
  );
const codes = (r: Awaited<ReturnType<typeof read>>) => r.issues.map((i) => [i.code, i.row, i.severity, i.action]);

describe('what a number format divides by to show a number', () => {
  it.each([
    ['0!.0000"万"', 1e4],
    ['0!.0000"万元"', 1e4],
    ['0\\.0000"万"', 1e4],
    ['0"."0000"万"', 1e4],
    ['0!.0,"万"', 1e4],
    ['#,##0,"K"', 1e3],
    ['0.0,"千"', 1e3],
    ['#,##0,,"M"', 1e6],
    ['$#,##0.0,,"M"', 1e6],
    ['#,##0,', 1e3],
    ['[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";0', 1e8],
    ['#,##0;(#,##0,)', 1e3],
    ['#,##0.00', 1],
    ['0.00"万元"', 1],
    ['#,##0_);(#,##0)', 1],
    ['"¥"#,##0.00', 1],
    ['0.00E+00', 1],
    ['General', 1],
    ['#,##0" ,"', 1],
  ])('%s → %d', (code, d) => expect(formatDivisor(code)).toBe(d));
});

describe('a scaled column whose cells show their unit by format', () => {
  it('123456 shown as 12.3456万 under 金额(万元) with scale: 10000 is refused, not read as 1,234,560,000 (KPI2170, row skipped)', async () => {
    const f = await book('金额(万元)', [
      [123456, '0!.0000"万"'],
      [1.5, undefined],
      [2000, '#,##0,"K"'],
      [7, '0.00"万元"'],
    ]);
    const r = await read(f, '金额(万元)', { scale: 10000 });
    expect(values(r.table.columns.get('amount'))).toEqual([1500000, 7000000]);
    expect(codes(r)).toEqual([
      ['KPI2170', 2, 'error', 'skipped'],
      ['KPI2170', 4, 'error', 'skipped'],
    ]);
    expect(r.issues[0]!.reason).toBe(
      '123,456 in cell B2 of sheet "销售" is shown as 12.3456 by its number format 0!.0000"万" (divided by 10,000): the cell holds the amount in the currency, and the column\'s scale: 10000 would count it as 1,234,560,000',
    );
    expect([r.issues[0]!.column, r.issues[0]!.value]).toEqual(['金额(万元)', '123456']);
    // scale: 1 (or none) reads the same cells as written
    const one = await read(f, '金额(万元)', { scale: 1 });
    expect([values(one.table.columns.get('amount')), codes(one)]).toEqual([[12345600, 150, 200000, 700], []]);
  });

  it('a number column with a scale too; a currency mark in the same format is still checked', async () => {
    const f = await book('目标(千元)', [
      [2000, '#,##0,"K"'],
      [3, undefined],
    ]);
    const r = await readSource(
      spec(f, {
        columns: [
          { name: 'rep', header: 'Rep', type: 'string' },
          { name: 'target', header: '目标(千元)', type: 'number', scale: 1000 },
        ],
        rep: 'rep',
      }),
      { minorUnit: 2 },
    );
    expect([values(r.table.columns.get('target')), codes(r)]).toEqual([[3000], [['KPI2170', 2, 'error', 'skipped']]]);
    const e = await book('Amount (000)', [[2000, '[$€-407]#,##0,"K"']]);
    const eur = await read(e, 'Amount (000)', { scale: 1 });
    expect(codes(eur)).toEqual([['KPI2152', 2, 'error', 'skipped']]);
  });

  it('without a scale, KPI2166 does not advise one for cells that hold the currency: KPI2171, and how many', async () => {
    const f = await book('金额(万元)', [
      [123456, '0!.0000"万"'],
      [50000, '0!.0000"万"'],
      ['1.5', undefined],
    ]);
    const r = await read(f, '金额(万元)', {});
    expect(values(r.table.columns.get('amount'))).toEqual([12345600, 5000000, 150]);
    expect(codes(r)).toEqual([['KPI2171', 1, 'warning', 'kept']]);
    expect(r.issues[0]!.reason).toBe(
      'the header "金额(万元)" gives the amounts in 万元, but the number format of its cells shows them divided by 10,000 (cell B2: 123,456 with 0!.0000"万"; 2 of the column\'s 3 values): those cells hold the amounts in the currency and are read as written, without a scale',
    );
    // cells shown as written (0.00"万元") hold 万: KPI2166 as before
    const plain = await read(await book('金额(万元)', [[1.5, '0.00"万元"']]), '金额(万元)', {});
    expect(codes(plain).map((c) => c[0])).toEqual(['KPI2166']);
  });
});
