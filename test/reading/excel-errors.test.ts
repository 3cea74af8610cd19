// A spreadsheet's error values saved as text (#N/A from a lookup that found nothing): in a text column they were read
// as any text, so a won deal with a stage of #N/A dropped out of revenue and #REF! counted as a customer, with exit 0.
// Said once per text column (KPI2181), the rows kept.
import { describe, expect, it } from 'vitest';
import { codedColumn, type Column, type Table } from '../../src/core/table.js';
import type { SourceSpec } from '../../src/core/model.js';
import { excelErrors } from '../../src/reading/excel-errors.js';
import { readSource } from '../../src/reading/index.js';
import { SALES_COLUMNS, spec, writeFixture } from './helpers.js';

const opts = { minorUnit: 2, currency: { code: 'USD', symbol: '$' } };

describe('error values in text columns', () => {
  it('a CSV saved from a sheet with failed lookups: one warning per text column, with its first row and count; the rows kept', async () => {
    const csv = [
      'Order ID,Rep,Customer,Stage,Amount,Close Date',
      'SO-1,R1,C1,Won,1.00,2026-11-01',
      'SO-2,R1,#N/A,#N/A,2.00,2026-11-02',
      'SO-3,#N/A,C3,Won,3.00,2026-11-03',
      'SO-4,R2,#REF!,Won,4.00,2026-11-04',
      'SO-5,R2,Err:502,Lost,5.00,2026-11-05',
      'SO-6,R2,#N/A Corp,Won,6.00,2026-11-06', // a name that only starts like one
    ].join('\n');
    const s = spec(writeFixture('lookups.csv', `${csv}\n`), {
      rep: 'rep',
      date: 'closed',
      columns: [...SALES_COLUMNS, { name: 'customer', header: 'Customer', type: 'string' }, { name: 'stage', header: 'Stage', type: 'string' }],
    });
    const r = await readSource(s, opts);
    expect(r.table.rowCount).toBe(6);
    // The rep column's #N/A is an unknown rep, reported (and not counted) when the roster is checked.
    expect(r.issues.map((i) => `${i.code} ${i.severity} ${i.action} row ${i.row} ${i.column} ${i.value}`)).toEqual([
      'KPI2181 warning kept row 3 Customer #N/A',
      'KPI2181 warning kept row 3 Stage #N/A',
    ]);
    expect(r.issues[0]?.reason).toContain('(3)');
  });

  const SPEC = {
    name: 'sales',
    rep: 'rep',
    period: 'month',
    columns: [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'region', header: 'Region', type: 'string' },
      { name: 'month', header: 'Month', type: 'string' },
    ],
    derived: [],
  } as unknown as SourceSpec;
  const table = (region: (string | null)[], coded: boolean): Table => {
    const dict = [null, ...new Set(region.filter((c) => c !== null))];
    const col: Column = coded
      ? codedColumn(
          Uint16Array.from(region, (c) => dict.indexOf(c)),
          dict,
        )
      : { type: 'string', values: region };
    const same = (v: string): Column => ({ type: 'string', values: region.map(() => v) });
    return {
      source: 'sales',
      file: 'sales.csv',
      rowCount: region.length,
      rowNumbers: Int32Array.from(region, (_, i) => i + 2),
      columns: new Map([
        ['rep', same('#N/A')],
        ['region', col],
        ['month', same('#VALUE!')],
      ]),
    } as unknown as Table;
  };

  for (const coded of [false, true]) {
    it(`every error value Excel, WPS, Google Sheets and LibreOffice write; never a real text (${coded ? 'coded' : 'plain'} column)`, () => {
      const errors = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#SPILL!', '#CALC!', '#GETTING_DATA', '#ERROR!', 'Err:502', '#n/a'];
      const found = excelErrors(table(['East', null, ...errors], coded), SPEC);
      expect(found.map((i) => `${i.column} row ${i.row} ${i.value}`)).toEqual(['Region row 4 #NULL!']);
      expect(found[0]?.params).toMatchObject({ count: errors.length });
      expect(excelErrors(table(['East', '#1 Partner', 'N/A', '#', 'Err:50', 'Error', '#N/A Corp', ''], coded), SPEC)).toEqual([]);
    });
  }
});
