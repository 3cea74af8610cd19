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
const HIDDEN = 'read the first visible sheet, "Orders"; the workbook also has hidden sheets ("Old") that were not read. Name the sheet with sheet: in the scheme to be sure';

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
