// Ids Excel cut short (red team 33): found after the read, once per text column, never a false alarm on real ids.
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/model.js';
import { codedColumn, type Column, type Table } from '../../src/core/table.js';
import { mangledIds } from '../../src/reading/mangled-ids.js';

const SPEC = {
  name: 'sales',
  columns: [
    { name: 'customer', header: 'Customer', type: 'string' },
    { name: 'month', header: 'Month', type: 'string' },
  ],
  period: 'month',
  derived: [],
} as unknown as SourceSpec;

function table(customers: (string | null)[], coded = false): Table {
  let col: Column = { type: 'string', values: customers };
  if (coded) {
    const dict = [null, ...new Set(customers.filter((c) => c !== null))];
    col = codedColumn(
      Uint16Array.from(customers, (c) => dict.indexOf(c)),
      dict,
    );
  }
  const month: Column = { type: 'string', values: customers.map(() => '2026-11') };
  return {
    source: 'sales',
    file: 'sales.csv',
    rowCount: customers.length,
    rowNumbers: Int32Array.from(customers, (_c, i) => i + 2),
    columns: new Map([
      ['customer', col],
      ['month', month],
    ]),
  };
}
const found = (t: Table) => mangledIds(t, SPEC).map((i) => `${i.code} row ${i.row} ${i.value} ×${i.params?.count}`);

describe('ids cut short by Excel', () => {
  for (const coded of [false, true]) {
    it(`scientific notation is reported once, with its first row and count (${coded ? 'coded' : 'plain'} column)`, () => {
      expect(found(table(['ACME', '1.23457E+11', null, '1.23457E+11', '1E+15'], coded))).toEqual(['KPI2163 row 3 1.23457E+11 ×3']);
      expect(found(table(['1.5e+3', 'x'], coded))).toEqual(['KPI2163 row 2 1.5e+3 ×1']);
    });
    it(`15 digits and zeros: only when every long id of the column is so, two or more (${coded ? 'coded' : 'plain'})`, () => {
      expect(found(table(['6222021234567890000', '6222021234567890000'], coded))).toEqual(['KPI2164 row 2 6222021234567890000 ×2']);
      expect(found(table(['6222021234567890000', '1234567890123450000'], coded))).toEqual(['KPI2164 row 2 6222021234567890000 ×2']);
      // one real 16-digit id ends in 0 one time in ten: not enough to say
      expect(found(table(['1234567890123450', 'ACME'], coded))).toEqual([]);
      // a column of real long ids, some ending in zeros by chance
      expect(found(table(['6222021234567890000', '6222021234567890001', '1234567890123450000'], coded))).toEqual([]);
    });
  }
  it('ordinary texts and short numbers are not ids cut short; the period column is not looked at', () => {
    expect(found(table(['2026', '1E5', 'E+11', '12345678901234', '-', '+86 138 0000 0000', 'A1.2E+11']))).toEqual([]);
  });
});
