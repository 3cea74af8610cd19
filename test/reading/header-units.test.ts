// Amounts in a unit the header names (万元, 千元, (000), $K; red team): reported unless the scheme declares the
// column's scale, and read exactly in the currency when it does.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { headerUnit, unitByShapes } from '../../src/reading/header-units.js';
import { readSource } from '../../src/reading/index.js';
import { spec, values, writeFixture } from './helpers.js';
import { handXlsx, row } from './xlsx-parts.js';

describe('the unit a header names', () => {
  it.each([
    ['金额(万元)', '万元', 1e4],
    ['销售额（万元）', '万元', 1e4],
    ['回款金额/千元', '千元', 1e3],
    ['合同额 百万元', '百万元', 1e6],
    ['金額（萬元）', '萬元', 1e4],
    ['收入(万美元)', '万美元', 1e4],
    ['金额（单位：万）', '万', 1e4],
    ['营业额(亿)', '(亿)', 1e8],
    ['Revenue (000)', '(000)', 1e3],
    ["Amount ('000)", "('000)", 1e3],
    ['Bookings (USD 000)', '(USD 000)', 1e3],
    ['Sales (in thousands)', '(in thousands)', 1e3],
    ['Amount in thousands', 'in thousands', 1e3],
    ['Revenue $K', '$K', 1e3],
    ['Revenue ($k)', '($k)', 1e3],
    ['Pipeline ($M)', '($M)', 1e6],
    ['ARR (mn)', '(mn)', 1e6],
    ['Revenue USD m', 'USD m', 1e6],
    ['Amount 000s', '000s', 1e3],
  ])('%s → %s ×%d', (header, unit, factor) => {
    const u = headerUnit(header);
    expect(u?.factor).toBe(factor);
    expect(u?.unit.includes(unit.replace(/[(（）)]/g, '').trim())).toBe(true);
  });

  it.each([
    ['金额'],
    ['金额(元)'],
    ['单价（元）'],
    ['Amount'],
    ['Amount (USD)'],
    ['Bookings'],
    ['Sum $'],
    ['Mkt'],
    ['KPI bonus'],
    ['Amount ($)'],
    ['千克'],
    ['1000 Club'],
    ['销售额'],
  ])('%s names no unit', (header) => expect(headerUnit(header)).toBeNull());

  // headerUnit runs the shapes only when the header holds one of the marks they need (~5 ms of compiling them saved
  // on a start-up such as kpi validate): the same answer as the shapes alone on any header.
  it('a header without a unit mark runs none of the shapes', () => {
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      for (const h of ['Amount', 'Invoiced Amount', 'CSAT', '销售额', 'Mkt']) expect(headerUnit(h)).toBeNull();
      expect(exec).not.toHaveBeenCalled();
      expect(headerUnit('Revenue (000)')?.factor).toBe(1e3);
      expect(exec).toHaveBeenCalled();
    } finally {
      exec.mockRestore();
    }
  });

  it('the same unit as the shapes alone, on any header', () => {
    // The marks, the shapes' words and their case and width variants, and what sits around them.
    const pieces =
      "万|萬|千|十|百|亿|億|元|美元|单位|：|:|(|)|（|）|[|]|【|】|$|€|£|¥|￥|0|000|'|s|k|K|m|M|mn|bn|b|mio|in| |_|/|-|,|of|thousands|Millions|BILLION|usd|EUR|Hkd|chf|Amount|İ|K|ｋ|ＵＳＤ|（万）".split(
        '|',
      );
    const header = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join('')),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    fc.assert(
      fc.property(header, (h) => {
        expect(headerUnit(h)).toEqual(unitByShapes(h.normalize('NFKC')));
      }),
      { numRuns: 3000 },
    );
  });
});

const columns = (amount: Partial<ColumnSpec>): ColumnSpec[] => [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: '金额(万元)', type: 'money', ...amount },
];
const CSV = 'Rep,金额(万元)\nR1,1.2345\nR2,2\nR2,0.123456\nR3,\n';
let n = 0;
const read = (over: Partial<ColumnSpec>, text = CSV, file = `wan-${++n}.csv`) =>
  readSource(spec(writeFixture(file, text), { columns: columns(over), rep: 'rep' }), { minorUnit: 2 });
const issues = (r: Awaited<ReturnType<typeof read>>) => r.issues.map((i) => [i.code, i.row, i.column, i.severity]);

describe('a money column in 万元', () => {
  it('without scale: read as written, and the header unit is reported once (KPI2166, the run not final)', async () => {
    const r = await read({});
    expect(values(r.table.columns.get('amount'))).toEqual([123, 200, 12, null]);
    expect(issues(r)).toEqual([
      ['KPI2166', 1, '金额(万元)', 'warning'],
      ['KPI2112', 2, '金额(万元)', 'warning'],
      ['KPI2112', 4, '金额(万元)', 'warning'],
    ]);
    expect(r.issues[0]!.reason).toBe(
      'the header "金额(万元)" gives the amounts in 万元 (×10,000), but the scheme does not give this column a scale: they are read as written (1.5 is 1.5, not 15,000), which is right only if the targets are in 万元 too',
    );
  });

  it('scale: 10000 reads the amounts exactly in the currency (1.2345 万元 = 12,345.00), without a word', async () => {
    const r = await read({ scale: 10000 });
    expect(values(r.table.columns.get('amount'))).toEqual([1234500, 2000000, 123456, null]);
    expect(issues(r)).toEqual([]);
    // the general path and the fast paths agree: the same values quoted, with a group separator, in parentheses
    const q = await read({ scale: 10000 }, 'Rep,金额(万元)\nR1,"1,234.5678"\nR2,(0.5)\nR3,"$2"\n');
    expect(values(q.table.columns.get('amount'))).toEqual([1234567800, -500000, 2000000]);
    // more decimals than the currency's cents at that unit: rounded, and said in the currency (10000.01), not as
    // the 万元 it was read at (1.000001)
    const w = await read({ scale: 10000 }, 'Rep,金额(万元)\nR1,1.0000005\nR2,"-1,500.1234567"\nR3,-0.0000125\n');
    expect([values(w.table.columns.get('amount')), issues(w)]).toEqual([
      [1000001, -1500123457, -13],
      [
        ['KPI2168', 2, '金额(万元)', 'warning'],
        ['KPI2168', 3, '金额(万元)', 'warning'],
        ['KPI2168', 4, '金额(万元)', 'warning'],
      ],
    ]);
    expect(w.issues.map((i) => i.reason)).toEqual([
      '"1.0000005" × 10,000 (the column\'s scale) has more than the currency\'s 2 decimal places; rounded to 10000.01',
      '"-1,500.1234567" × 10,000 (the column\'s scale) has more than the currency\'s 2 decimal places; rounded to -15001234.57',
      '"-0.0000125" × 10,000 (the column\'s scale) has more than the currency\'s 2 decimal places; rounded to -0.13',
    ]);
    // a currency without decimals (JPY) in 千円: a whole amount
    const yen = await readSource(spec(writeFixture(`wan-${++n}.csv`, 'Rep,金额(万元)\nR1,1.2345\n'), { columns: columns({ scale: 1000 }), rep: 'rep' }), {
      minorUnit: 0,
    });
    expect([values(yen.table.columns.get('amount')), yen.issues.map((i) => [i.code, i.params?.rounded])]).toEqual([
      [1235],
      [
        ['KPI2167', undefined],
        ['KPI2168', '1235'],
      ],
    ]);
  });

  it('scale: 1 says the amounts are meant as written: no word; another scale than the header says is reported (KPI2167)', async () => {
    const one = await read({ scale: 1 });
    expect([values(one.table.columns.get('amount')), issues(one).map((i) => i[0])]).toEqual([
      [123, 200, 12, null],
      ['KPI2112', 'KPI2112'],
    ]);
    const k = await read({ scale: 1000 });
    expect(values(k.table.columns.get('amount'))).toEqual([123450, 200000, 12346, null]);
    expect(issues(k)[0]).toEqual(['KPI2167', 1, '金额(万元)', 'warning']);
  });

  it('workbook number cells are read to the same cents as the text', async () => {
    const data = [row(1, ['Rep', '金额(万元)']), row(2, ['R1', 1.2345]), row(3, ['R2', 0.123456]), row(4, ['R3', '1.2345']), row(5, ['R4', 3])].join('');
    const file = writeFixture(`wan-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data }] }));
    const r = await readSource(spec(file, { columns: columns({ scale: 10000 }), rep: 'rep' }), { minorUnit: 2 });
    expect(values(r.table.columns.get('amount'))).toEqual([1234500, 123456, 1234500, 3000000]);
    expect(r.issues).toEqual([]);
    // a number cell finer than a cent at that unit is said in the currency, as the text is
    const fine = [row(1, ['Rep', '金额(万元)']), row(2, ['R1', 1.2345678]), row(3, ['R2', '1.2345678'])].join('');
    const f = writeFixture(`wan-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data: fine }] }));
    const r2 = await readSource(spec(f, { columns: columns({ scale: 10000 }), rep: 'rep' }), { minorUnit: 2 });
    expect(r2.issues.map((i) => [i.code, i.row, i.params?.rounded])).toEqual([
      ['KPI2168', 2, '12345.68'],
      ['KPI2168', 3, '12345.68'],
    ]);
  });

  it('a number column (a target in 千元) is scaled by moving the decimal point: 1.1 × 1000 is 1100 exactly', async () => {
    const cols: ColumnSpec[] = [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'target', header: '目标(千元)', type: 'number', scale: 1000 },
    ];
    const r = await readSource(spec(writeFixture(`k-${++n}.csv`, 'Rep,目标(千元)\nR1,1.1\nR2,0.0003\nR3,\nR4,-2.675\n'), { columns: cols, rep: 'rep' }), {
      minorUnit: 2,
    });
    expect(values(r.table.columns.get('target'))).toEqual([1100, 0.3, null, -2675]);
    expect(r.issues).toEqual([]);
    const bare = await readSource(
      spec(writeFixture(`k-${++n}.csv`, 'Rep,目标(千元)\nR1,1.1\n'), { columns: [cols[0]!, { ...cols[1]!, scale: undefined }], rep: 'rep' }),
      {
        minorUnit: 2,
      },
    );
    expect(bare.issues.map((i) => i.code)).toEqual(['KPI2166']);
  });
});
