// Text 2026.1 in a period column (red team): January as written, unless the column shows it may be October saved from
// a workbook number (2026.10 → 2026.1): then said once, with the first row and the count.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { sameWhenSplit, spec, values, writeFixture } from './helpers.js';
import { handXlsx, row } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'month', header: 'Month', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
];
let n = 0;
async function read(months: string[]) {
  const text = `Rep,Month,Amount\n${months.map((m) => `R1,${m},10`).join('\n')}\n`;
  const r = await readSource(spec(writeFixture(`dots-${++n}.csv`, text), { columns: COLS, rep: 'rep', period: 'month' }), { minorUnit: 2 });
  return { months: values(r.table.columns.get('month')), issues: r.issues.map((i) => [i.code, i.row, i.column, i.value, i.severity, i.action]), r };
}

describe('2026.1 as text in a period column', () => {
  it('beside 2026.11 and no 2026.10: may be October, said once with the first row and the count (KPI2137, rows kept)', async () => {
    const r = await read(['2026.9', '2026.1', '2026.11', '2026.1', '2026.12']);
    expect(r.months).toEqual(['2026-09', '2026-01', '2026-11', '2026-01', '2026-12']);
    expect(r.issues).toEqual([['KPI2137', 3, 'Month', '2026.1', 'warning', 'kept']]);
    expect(r.r.issues[0]!.reason).toBe(
      '"2026.1" is read as January, but this column also holds "2026.11" and no month written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1 too, so 2 rows may belong to October',
    );
    // a padded month says the same (a workbook number 2026.01 is January, so 2026.1 beside it is October)
    expect((await read(['2026.01', '2026.1'])).issues.map((i) => i[0])).toEqual(['KPI2137']);
  });

  it('beside 2026.2 to 2026.9 alone, where read as October it leaves fewer months missing than read as January: said the same (KPI2138)', async () => {
    // July to October from a workbook of numbers, saved as CSV: a Q1 run would count October in January without it
    const r = await read(['2026.7', '2026.8', '2026.9', '2026.1', '2026.1']);
    expect(r.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-01', '2026-01']);
    expect(r.issues).toEqual([['KPI2138', 5, 'Month', '2026.1', 'warning', 'kept']]);
    expect(r.r.issues[0]!.reason).toBe(
      '"2026.1" is read as January, but the other months in this column (2026.7–2026.9) lead up to October, and none is written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1, so 2 rows may belong to October',
    );
    expect((await read(['2026.1', '2026.9'])).r.issues.map((i) => [i.code, i.params?.months])).toEqual([['KPI2138', '2026.9']]);
    expect((await read(['2026.6', '2026.1', '2026.9'])).issues.map((i) => i[0])).toEqual(['KPI2138']); // 2 missing as October, 6 as January
    expect((await read(['2025.8', '2025.9', '2025.1', '2026.8', '2026.9', '2026.1'])).issues.map((i) => i[0])).toEqual(['KPI2138']);
  });

  it('January as written, without a word, where reading it as October leaves as many months missing or more', async () => {
    expect((await read(['2026.1', '2026.2', '2026.3'])).issues).toEqual([]); // Q1
    expect((await read(['2026.1', '2026.2', '2026.3', '2026.4', '2026.5', '2026.6', '2026.7', '2026.8', '2026.9'])).issues).toEqual([]); // even
    expect((await read(['2026.1', '2026.5'])).issues).toEqual([]);
    expect((await read(['2026.1', '2026.2', '2026.3', '2026.9'])).issues).toEqual([]); // 5 missing either way
    expect((await read(['2025.7', '2025.8', '2025.9', '2026.1'])).issues).toEqual([]); // January follows September of the year before
  });

  it('January as written, without a word, where the column keeps the zero of October or holds no later month', async () => {
    expect((await read(['2026.1', '2026.10', '2026.11'])).issues).toEqual([]);
    expect((await read(['2026.1', '2026.2', '2026.3'])).issues).toEqual([]);
    expect((await read(['2026.11', '2026.12', '2026-01'])).issues).toEqual([]);
    expect((await read(['2026.1'])).months).toEqual(['2026-01']);
  });

  it('a workbook: a text 2026.1 beside the number 2026.11 is reported the same; the number 2026.1 is refused (KPI2136)', async () => {
    const data = [row(1, ['Rep', 'Month', 'Amount']), row(2, ['R1', '2026.1', 10]), row(3, ['R1', 2026.11, 10]), row(4, ['R1', 2026.1, 10])].join('');
    const file = writeFixture(`dots-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data }] }));
    const r = await readSource(spec(file, { columns: COLS, rep: 'rep', period: 'month' }), { minorUnit: 2 });
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([
      ['KPI2137', 2],
      ['KPI2136', 4],
    ]);
    // text 2026.1 below the numbers 2026.8 and 2026.9 (each read as its month): the same as in a CSV
    const late = [row(1, ['Rep', 'Month', 'Amount']), row(2, ['R1', 2026.8, 10]), row(3, ['R1', 2026.9, 10]), row(4, ['R1', '2026.1', 10])].join('');
    const file2 = writeFixture(`dots-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data: late }] }));
    const r2 = await readSource(spec(file2, { columns: COLS, rep: 'rep', period: 'month' }), { minorUnit: 2 });
    expect(values(r2.table.columns.get('month'))).toEqual(['2026-08', '2026-09', '2026-01']);
    expect(r2.issues.map((i) => [i.code, i.row, i.params?.months])).toEqual([['KPI2138', 4, '2026.8–2026.9']]);
  });
});

describe('the parallel read says the same as one reader', () => {
  afterEach(() => {
    setChunkBytesForTests(undefined);
    parallel.setSplitForTests();
  });

  it('months with a dot on either side of the split, and amounts in 万元 read by the worker', async () => {
    const cols: ColumnSpec[] = [...COLS.slice(0, 2), { name: 'amount', header: '金额(万元)', type: 'money', scale: 10000 }];
    for (const [months, said] of [
      [['2026.9', '2026.1', '2026.11'], true],
      [['2026.11', '2026.2', '2026.1'], true],
      [['2026.1', '2026.2', '2026.10', '2026.1', '2026.12'], false],
      [['2026.7', '2026.8', '2026.9', '2026.1'], true],
      [['2026.1', '2026.2', '2026.3', '2026.9'], false],
    ] as const) {
      const lines = ['Rep,Month,金额(万元)'];
      for (let i = 0; i < 120; i++) lines.push(`R${i % 3},${months[Math.floor((i * months.length) / 120)]},${i}.2345`);
      const path = writeFixture(`dots-par-${++n}.csv`, `${lines.join('\n')}\n`);
      const readIt = async () => {
        const r = await readSource(spec(path, { columns: cols, rep: 'rep', period: 'month' }), { minorUnit: 2 });
        return { amounts: values(r.table.columns.get('amount')), months: values(r.table.columns.get('month')), issues: JSON.stringify(r.issues) };
      };
      const one = await sameWhenSplit(readIt);
      expect(/KPI213[78]/.test(one.issues)).toBe(said);
      expect(one.amounts.slice(0, 2)).toEqual([234500, 1234500]); // 0.2345 万元 = 2,345.00
    }
  });
});
