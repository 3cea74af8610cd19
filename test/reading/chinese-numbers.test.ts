// Data columns that declare chinese_numbers: 10万, 1.5万, full-width digits and ％ are read exactly; a form that
// reads two ways is a data issue with its row and column; columns that do not declare it are unchanged.
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { spec, values, writeFixture } from './helpers.js';

const opts = { minorUnit: 2, currency: { code: 'CNY', symbol: '¥' } };
const COLUMNS: ColumnSpec[] = [
  { name: 'rep', header: '销售', type: 'string' },
  { name: 'amount', header: '金额', type: 'money', chineseNumbers: true },
  { name: 'rate', header: '回款率', type: 'percent', chineseNumbers: true },
  { name: 'plain', header: '数量', type: 'number' },
  { name: 'closed', header: '日期', type: 'date' },
];

describe('a column declared chinese_numbers', () => {
  it('reads 10万, 1.5万, ¥3.2亿元, full-width digits and ％ exactly', async () => {
    const csv =
      '销售,金额,回款率,数量,日期\n' +
      'R1,10万,８５％,1,2026-11-01\n' +
      'R1,1.5万,90%,2,2026-11-02\n' +
      'R1,"１，２００．５０",１００％,3,2026-11-03\n' +
      'R1,¥0.0001亿元,0.5,4,2026-11-04\n' +
      'R1,1.23456万,,5,2026-11-05\n';
    const r = await readSource(spec(writeFixture('cn.csv', csv), { columns: COLUMNS }), opts);
    expect(r.issues).toEqual([]);
    expect(values(r.table.columns.get('amount'))).toEqual([10_000_000, 1_500_000, 120_050, 1_000_000, 1_234_560]);
    expect(values(r.table.columns.get('rate'))).toEqual([0.85, 0.9, 1, 0.5, null]);
  });

  it('a form that reads two ways is reported with row, column and value, and its row skipped', async () => {
    const csv = '销售,金额,回款率,数量,日期\nR1,1万2千,90%,1,2026-11-01\nR1,十万,90%,1,2026-11-02\nR1,100,90%,1,2026-11-03\n';
    const r = await readSource(spec(writeFixture('cn-bad.csv', csv), { columns: COLUMNS }), opts);
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.action])).toEqual([
      [2, '金额', '1万2千', 'skipped'],
      [3, '金额', '十万', 'skipped'],
    ]);
    expect(r.issues[0]!.reason).toContain('mixes units');
    expect(r.issues[1]!.reason).toContain('Chinese numerals');
    expect(values(r.table.columns.get('amount'))).toEqual([10_000]);
  });

  it('a column that does not declare it still refuses 10万 (nothing is read differently without asking)', async () => {
    const csv = '销售,金额,回款率,数量,日期\nR1,100,90%,10万,2026-11-01\n';
    const r = await readSource(spec(writeFixture('cn-plain.csv', csv), { columns: COLUMNS }), opts);
    expect(r.issues.map((i) => [i.row, i.column, i.value])).toEqual([[2, '数量', '10万']]);
  });
});
