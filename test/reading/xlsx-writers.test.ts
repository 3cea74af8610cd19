// Workbooks written by real programs (test/fixtures/xlsx: openpyxl, as pandas uses it, and LibreOffice; made
// by make.py and make-libreoffice.sh there, committed so CI needs neither), read as `kpi score` reads them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { failure, spec, values } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'xlsx');
const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Closed', type: 'date' },
  { name: 'stage', header: 'Stage', type: 'string' },
  { name: 'note', header: 'Note', type: 'string' },
];
const read = (name: string, sheet?: string) =>
  readSource(spec(join(FIXTURES, name), { columns: COLS, rep: 'rep', ...(sheet ? { sheet } : {}) }), { minorUnit: 2 });
const MERGED = 'cell A9 is inside the merged cells A8:A9, whose value is only in A8: unmerge them and fill in every row';
const HIDDEN =
  'read the first visible sheet, "Orders"; the workbook also has hidden sheets ("Old") that were not read. Name the sheet with sheet: in the scheme to be sure';

describe('real writers', () => {
  it('openpyxl (pandas): hidden first sheet skipped, absolute targets, inline strings, a formula without a saved result', async () => {
    const r = await read('openpyxl.xlsx');
    const t = Object.fromEntries(COLS.map((c) => [c.name, values(r.table.columns.get(c.name))]));
    expect(t).toEqual({
      rep: ['R1', 'R2', 'R5', 'R6'],
      amount: [123450, 10, -4200, 700],
      closed: ['2026-11-03', '2026-11-30', '1900-03-01', '2026-11-07'],
      stage: ['受注', 'Won', 'Lost', 'Won'],
      note: ['a & b <c>', 'spaced', '😀 emoji', null],
    });
    expect(Array.from(r.table.rowNumbers)).toEqual([3, 4, 7, 8]);
    expect(r.issues.map((i) => `${i.row ?? '-'} ${i.column ?? '-'}: ${i.reason}`)).toEqual([
      `- -: ${HIDDEN}`,
      '5 Amount: the formula in B5 has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice',
      '6 Amount: "TRUE" is a true/false value, not a number',
      `9 Rep: ${MERGED}`,
    ]);
  });

  it('LibreOffice: shared strings, cached formula results (its TRUE() too)', async () => {
    const r = await read('libreoffice.xlsx');
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'R2', 'R3', 'R5', 'R6']);
    expect(values(r.table.columns.get('amount'))).toEqual([123450, 10, 246900, -4200, 700]);
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-03', '2026-11-30', '2026-11-05', '1900-03-01', '2026-11-07']);
    expect(values(r.table.columns.get('stage'))).toEqual(['受注', 'Won', 'Won', 'Lost', 'Won']);
    expect(r.issues.map((i) => `${i.row ?? '-'}: ${i.reason}`)).toEqual([`-: ${HIDDEN}`, '6: "TRUE" is a true/false value, not a number', `9: ${MERGED}`]);
  });

  it('the hidden sheet when named', async () => {
    const r = await read('openpyxl.xlsx', 'Old');
    expect(values(r.table.columns.get('amount'))).toEqual([99900]);
    expect(r.issues.map((i) => i.reason)).toEqual(['sheet "Old" is hidden in the workbook; it was read because the scheme names it']);
  });

  it('.xls and .ods renamed .xlsx: what the file is and how to convert it', async () => {
    const as = async (name: string) => (await failure(readSource(spec(join(FIXTURES, name), { format: 'xlsx', columns: COLS }), { minorUnit: 2 }))).message;
    expect(await as('libreoffice.xls')).toBe(
      'libreoffice.xls is an old-style Excel 97–2003 workbook (.xls), not .xlsx: open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook).',
    );
    expect(await as('libreoffice.ods')).toBe(
      'libreoffice.ods is an OpenDocument spreadsheet (.ods), not .xlsx: open it in LibreOffice or Excel and save it as .xlsx (Excel 2007-365).',
    );
  });
});

describe('hidden rows and columns (issue 9): read and counted, and said once per file with the rows', () => {
  for (const name of ['hidden.xlsx', 'libreoffice-hidden.xlsx']) {
    it(`${name}: rows hidden by hand, filtered out and in a collapsed group, and a hidden column the scheme reads`, async () => {
      const r = await read(name);
      // Every row is counted (the one with an impossible time is reported, as any bad date is).
      expect(values(r.table.columns.get('amount'))).toEqual([10000, 20000, 30000, 40000, 50000, 60000, 70000, 90000]);
      expect(values(r.table.columns.get('closed'))).toEqual([
        '2026-11-02',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
        '2026-11-07',
        '2026-11-08',
        '2026-11-10',
      ]);
      expect(r.issues.map((i) => ({ row: i.row, column: i.column, code: i.code, reason: i.reason }))).toEqual([
        { row: 9, column: 'Closed', code: 'KPI2143', reason: '"2026-11-09 25:00" is not a valid date and time: there is no hour 25' },
        {
          row: 3,
          column: undefined,
          code: 'KPI2411',
          reason:
            '5 rows of sheet "Orders" are hidden in the workbook (by hand, by a filter or in a collapsed group): rows 3–4, 6–8; they were read and counted like the others',
        },
        {
          row: undefined,
          column: 'Amount',
          code: 'KPI2412',
          reason: 'column "Amount" (B) of sheet "Orders" is hidden in the workbook; the scheme reads it, so it was read like the others',
        },
      ]);
      expect(r.issues.every((i) => i.severity === 'warning' || i.action === 'skipped')).toBe(true);
    });
  }
});
