// Values and rows the reader must report rather than read silently (issue 9, the data side): separators that
// read two ways, period labels, invisible characters, unreadable roster/targets/deductions rows, a header
// below the searched rows, a file with no line breaks.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import type { DataIssue } from '../../src/core/table.js';

/** An issue as a test writes it, its code added where the test checks one. */
type Issue = Omit<DataIssue, 'code'> & Partial<Pick<DataIssue, 'code'>>;
import { readSource } from '../../src/reading/index.js';
import { failure, plain, spec, values, writeFixture } from './helpers.js';

const opts = { minorUnit: 2, currency: { code: 'USD', symbol: '$' } };
const HEADER = 'Order ID,Rep,Amount,Close Date';

async function read(name: string, text: string, over: Partial<SourceSpec> = {}) {
  return readSource(spec(writeFixture(name, text), over), opts);
}

const warning = (row: number, column: string, value: string, reason: string): Issue => ({
  file: 'sep.csv',
  source: 'sales',
  row,
  column,
  value,
  reason,
  severity: 'warning',
  action: 'kept',
});

describe('a decimal separator the scheme does not declare', () => {
  it('a column whose values all read two ways stops the run, naming the value, both readings and both settings', async () => {
    const e = await failure(read('sep.csv', `${HEADER}\nSO-1,R1,1.500,2026-11-01\nSO-2,R1,12.000,2026-11-02\n`));
    expect(e.message).toBe(
      'sep.csv, column "Amount", row 2: "1.500" could be 1.5 or 1500, and nothing in the column shows which separator ' +
        "marks decimals (2 values read two ways). Declare it next to file: sep.csv in the scheme: decimal: '.' if it " +
        "means 1.5, or decimal: ',' if it means 1500.",
    );
    expect([e.row, e.column]).toEqual([2, 'Amount']);
  });

  it('thousands commas with no decimals anywhere: stops too (12,000 could be 12)', async () => {
    const e = await failure(read('sep.csv', `${HEADER}\nSO-1,R1,"1,500",2026-11-01\nSO-2,R1,800,2026-11-02\n`));
    expect(e.message).toContain('"1,500" could be 1500 or 1.5');
  });

  it('the column shows a decimal point: 1,500 is 1500; 1.500 in money is kept as 1.50 and reported (more decimals than USD)', async () => {
    const r = await read('sep.csv', `${HEADER}\nSO-1,R1,12.50,2026-11-01\nSO-2,R1,"1,500",2026-11-02\nSO-3,R1,1.500,2026-11-03\n`);
    expect(values(r.table.columns.get('amount'))).toEqual([1250, 150000, 150]);
    expect(plain(r.issues)).toEqual(
      [
        warning(
          4,
          'Amount',
          '1.500',
          '"1.500" has 3 decimal places, more than the currency\'s 2: read as 1.5, as this column writes decimal points (row 2: "12.50"); if it means 1500, correct the value',
        ),
      ].map((i) => ({ ...i, code: 'KPI2161' })),
    );
  });

  it("a column written with decimal commas stops the run: declare decimal: ','", async () => {
    const e = await failure(read('sep.csv', `Order ID;Rep;Amount;Close Date\nSO-1;R1;1.234,56;2026-11-01\nSO-2;R1;12,5;2026-11-02\n`));
    expect(e.message).toBe(
      'sep.csv, column "Amount": numbers are written with a decimal comma (row 2: "1.234,56"), but the scheme does not say so: ' +
        "add decimal: ',' next to file: sep.csv in the scheme.",
    );
  });

  it("declared decimal: ',' reads 1.234,56 and 1.500 (= 1500) without a word", async () => {
    const r = await read('sep.csv', `Order ID;Rep;Amount;Close Date\nSO-1;R1;1.234,56;2026-11-01\nSO-2;R1;1.500;2026-11-02\n`, {
      decimal: ',',
      decimalDeclared: true,
    });
    expect(values(r.table.columns.get('amount'))).toEqual([123456, 150000]);
    expect(r.issues).toEqual([]);
  });

  it("declared decimal: '.' reads 1.500 as 1.50 and 1,500 as 1500 without a word", async () => {
    const r = await read('sep.csv', `${HEADER}\nSO-1,R1,1.500,2026-11-01\nSO-2,R1,"1,500",2026-11-02\n`, { decimalDeclared: true });
    expect(values(r.table.columns.get('amount'))).toEqual([150, 150000]);
    expect(r.issues).toEqual([]);
  });

  it('the same rule for workbook text cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Order ID', 'Rep', 'Amount', 'Close Date']);
    ws.addRow(['SO-1', 'R1', 1500, '2026-11-01']);
    ws.addRow(['SO-2', 'R1', '12.000', '2026-11-01']);
    const file = writeFixture('sep.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const e = await failure(readSource(spec(file), opts));
    expect(e.message).toContain('sep.xlsx, column "Amount", row 3: "12.000" could be 12 or 12000');
  });
});

describe('a time no clock shows after a date (issue 9: 25:00, 24:60, 2026-11-31)', () => {
  const wrong = [
    ['2026-11-05 25:00', '"2026-11-05 25:00" is not a valid date and time: there is no hour 25', 'KPI2143'],
    ['2026-11-06 24:60', '"2026-11-06 24:60" is not a valid date and time: there is no hour 24', 'KPI2143'],
    ['2026-11-31 10:00', '"2026-11-31 10:00" is not a valid date', 'KPI2121'],
  ] as const;
  const expected = (file: string, firstRow: number): DataIssue[] =>
    wrong.map(([value, reason, code], k) => ({
      file,
      source: 'sales',
      row: firstRow + k,
      column: 'Close Date',
      value,
      reason,
      severity: 'error',
      action: 'skipped',
      code,
    }));

  it('CSV: each is a data issue naming file, row, column and value; the good times are read as their day', async () => {
    const r = await read('times.csv', `${HEADER}\nSO-0,R1,10,2026-11-05 23:59\n${wrong.map(([v], k) => `SO-${k + 1},R1,10,${v}`).join('\n')}\n`);
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-05']);
    expect(plain(r.issues)).toEqual(expected('times.csv', 3));
  });

  it('XLSX text cells: the same', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(HEADER.split(','));
    ws.addRow(['SO-0', 'R1', 10, '2026-11-05 23:59']);
    for (const [k, [v]] of wrong.entries()) ws.addRow([`SO-${k + 1}`, 'R1', 10, v]);
    const r = await readSource(spec(writeFixture('times.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))), opts);
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-05']);
    expect(plain(r.issues)).toEqual(expected('times.xlsx', 3));
  });
});

describe('period labels in a period column', () => {
  const cols: ColumnSpec[] = [
    { name: 'rep', header: 'Rep', type: 'string' },
    { name: 'period', header: 'Month', type: 'string' },
    { name: 'score', header: 'CSAT', type: 'number' },
  ];
  it('every accepted form is stored as its period; anything else is an error naming row, column and value', async () => {
    const r = await read(
      'labels.csv',
      'Rep,Month,CSAT\nR1,Nov 2026,4\nR1,2026年11月,4\nR1,11/2026,4\nR1,2026-13,4\nR1,Nov 2026x,4\nR1,2026年第4季度,4\nR1,,4\n',
      { columns: cols, rep: 'rep', period: 'period' },
    );
    expect(values(r.table.columns.get('period'))).toEqual(['2026-11', '2026-11', '2026-11', '2026-Q4', null]);
    const at = (row: number, value: string, reason: string, over: Partial<DataIssue> = {}): Issue => ({
      file: 'labels.csv',
      source: 'sales',
      row,
      column: 'Month',
      value,
      reason,
      severity: 'error',
      action: 'skipped',
      ...over,
    });
    expect(plain(r.issues)).toEqual(
      [
        at(5, '2026-13', '"2026-13" is not a period: there is no month 13'),
        at(6, 'Nov 2026x', '"Nov 2026x" is not a period label; write a month like 2026-11, Nov 2026 or 2026年11月, or a quarter like 2026-Q4'),
        at(8, '', 'no period label: the row falls in no period', { severity: 'warning', action: 'kept' }),
      ].map((i, k) => ({ ...i, code: ['KPI2133', 'KPI2131', 'KPI2205'][k] })),
    );
  });

  it('a source with a date column places rows by date: its period column is plain text', async () => {
    const r = await read('labels.csv', 'Rep,Month,CSAT,Day\nR1,whenever,4,2026-11-01\n', {
      columns: [...cols, { name: 'day', header: 'Day', type: 'date' }],
      rep: 'rep',
      period: 'period',
      date: 'day',
    });
    expect(values(r.table.columns.get('period'))).toEqual(['whenever']);
    expect(r.issues).toEqual([]);
  });
});

describe('plain numbers in a percent column (10: ten percent or 1000 %?)', () => {
  const cols: ColumnSpec[] = [
    { name: 'rep', header: 'Rep', type: 'string' },
    { name: 'disc', header: 'Disc', type: 'percent' },
  ];
  const over = { columns: cols, rep: 'rep' };
  const kept = (row: number, value: string, reason: string): Issue => ({
    file: 'pct.csv',
    source: 'sales',
    row,
    column: 'Disc',
    value,
    reason,
    severity: 'warning',
    action: 'kept',
  });

  it('10% and 0.1 mean the same; a plain 10 beside them is read as a fraction (1000 %) and reported', async () => {
    const r = await read('pct.csv', 'Rep,Disc\nR1,10%\nR1,0.1\nR1,10\nR1,0\nR1,\n', over);
    expect(values(r.table.columns.get('disc'))).toEqual([0.1, 0.1, 10, 0, null]);
    expect(plain(r.issues)).toEqual(
      [
        kept(
          4,
          '10',
          '"10" is a plain number above 1 in a percent column: read as 1000 % (plain numbers are fractions, as elsewhere in this column); if it means 10 %, write 10%',
        ),
      ].map((i) => ({ ...i, code: 'KPI2162' })),
    );
  });

  it('a column of plain numbers above 1 only: nothing tells, so the run stops naming the value and both readings', async () => {
    const e = await failure(read('pct.csv', 'Rep,Disc\nR1,10\nR1,12.5\nR1,0\n', over));
    expect(e.message).toBe(
      'pct.csv, column "Disc", row 2: "10" is a plain number above 1 in a percent column (2 values like it), and nothing in the ' +
        'column shows whether plain numbers are fractions (0.1 = 10 %) or percent points: read as a fraction it is 1000 %, as ' +
        'points 10 %. Write the values with a % sign (10%) if they are percent points, or as fractions (0.1).',
    );
    expect([e.row, e.column]).toEqual([2, 'Disc']);
  });

  it('fractions only (0.85, 1 for 100 %): read without a word', async () => {
    const r = await read('pct.csv', 'Rep,Disc\nR1,0.85\nR1,1\nR1,-0.2\n', over);
    expect(values(r.table.columns.get('disc'))).toEqual([0.85, 1, -0.2]);
    expect(r.issues).toEqual([]);
  });

  it('a skipped row does not count: its plain 10 is neither reported twice nor a sign of how the column writes', async () => {
    const r = await read('pct.csv', 'Rep,Disc\n,0.5\nR1,15\nR1,20%\n', over);
    expect(r.issues.map((i) => [i.row, i.action])).toEqual([
      [2, 'skipped'],
      [3, 'kept'],
    ]);
  });

  it('workbook: a cell formatted as a percentage holds the fraction (105 % is 1.05), a plain number cell does not say', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Rep', 'Disc']);
    ws.addRow(['R1', 1.05]).getCell(2).numFmt = '0%';
    ws.addRow(['R1', 1.2]).getCell(2).numFmt = '0.0%';
    const file = writeFixture('pct.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await readSource(spec(file, over), opts);
    expect(values(r.table.columns.get('disc'))).toEqual([1.05, 1.2]);
    expect(r.issues).toEqual([]);
    ws.addRow(['R1', 12]);
    const file2 = writeFixture('pct2.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r2 = await readSource(spec(file2, over), opts);
    expect(r2.issues.map((i) => [i.row, i.value, i.action])).toEqual([[4, '12', 'kept']]);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('S').addRows([
      ['Rep', 'Disc'],
      ['R1', 10],
      ['R1', 15],
    ]);
    const file3 = writeFixture('pct3.xlsx', Buffer.from(await plain.xlsx.writeBuffer()));
    expect((await failure(readSource(spec(file3, over), opts))).message).toContain('pct3.xlsx, column "Disc", row 2: "10" is a plain number above 1');
  });
});

describe('plain numbers beside percentages in a number column (a discount of 10%, then 10)', () => {
  const cols: ColumnSpec[] = [
    { name: 'rep', header: 'Rep', type: 'string' },
    { name: 'disc', header: 'Disc', type: 'number' },
  ];
  const over = { columns: cols, rep: 'rep' };

  it('10% is 0.1 and 10 is 10, as before; the plain numbers above 1 are said once, with the first and how many', async () => {
    // Found by the red-team sweep: amount × (1 − disc) paid 8,000 × (1 − 10) = −72,000 for such a row, final, exit 0.
    const r = await read('disc.csv', 'Rep,Disc\nR1,10%\nR1,10\nR1,0.5\nR1,12\nR1,1\n', over);
    expect(values(r.table.columns.get('disc'))).toEqual([0.1, 10, 0.5, 12, 1]);
    expect(plain(r.issues)).toEqual([
      {
        file: 'disc.csv',
        source: 'sales',
        row: 3,
        column: 'Disc',
        value: '10',
        code: 'KPI2169',
        reason:
          '"10" is a plain number in a number column that also holds percentages (10% is read as 0.1): read as 10 (2 values above 1 so, first here); ' +
          'if the column gives percent points, 10 means 0.1: write 10% or type the column percent',
        severity: 'warning',
        action: 'kept',
      },
    ]);
  });

  it('a column of quantities, or of percentages only: read without a word', async () => {
    expect((await read('disc.csv', 'Rep,Disc\nR1,10\nR1,0.5\nR1,1200\n', over)).issues).toEqual([]);
    expect((await read('disc.csv', 'Rep,Disc\nR1,10%\nR1,0.5\nR1,1\n', over)).issues).toEqual([]);
    // A targets file's target column holds a win rate of 30% beside a revenue of 50000 by right.
    expect((await read('targets.csv', 'Rep,Disc\nR1,30%\nR1,50000\n', { ...over, purpose: 'targets' })).issues).toEqual([]);
  });

  it('workbook: a cell formatted as a percentage says it too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Rep', 'Disc']);
    ws.addRow(['R1', 0.1]).getCell(2).numFmt = '0%';
    ws.addRow(['R1', 15]);
    const r = await readSource(spec(writeFixture('disc.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), over), opts);
    expect(r.issues.map((i) => [i.code, i.row, i.value, i.action])).toEqual([['KPI2169', 3, '15', 'kept']]);
  });
});

describe('invisible characters and Unicode forms in text', () => {
  it('NFC, zero-width characters, BOMs and no-break spaces: read as the plain text, reported once per column', async () => {
    const r = await read(
      'text.csv',
      `${HEADER}\nSO-1,R1\u200b,1,2026-11-01\nSO-2,\ufeffR1,1,2026-11-01\nSO-3,Gano\u0301,1,2026-11-01\nSO-4,R\u00a01,"1,234.50\u200b",2026-11-01\n`,
    );
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'R1', 'Ganó', 'R 1']);
    expect(values(r.table.columns.get('amount'))).toEqual([100, 100, 100, 123450]);
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.reason])).toEqual([
      [
        2,
        'Rep',
        'R1<U+200B>',
        'invisible characters (zero-width space, BOM, direction marks…) removed: read as "R1"; 2 values in this column had them, all read the same way',
      ],
      [5, 'Amount', '1,234.50<U+200B>', 'invisible characters (zero-width space, BOM, direction marks…) removed: read as "1,234.50"'],
    ]);
  });

  it('zero-width joiners inside emoji are kept', async () => {
    const r = await read('text.csv', `${HEADER}\nSO-1,👩\u200d💻,1,2026-11-01\n`);
    expect(values(r.table.columns.get('rep'))).toEqual(['👩\u200d💻']);
    expect(r.issues).toEqual([]);
  });
});

describe('roster, targets and deductions files: no row may be lost', () => {
  const roster: ColumnSpec[] = [
    { name: 'id', header: 'ID', type: 'string' },
    { name: 'name', header: 'Name', type: 'string' },
    { name: 'base_bonus', header: 'Base', type: 'money' },
    { name: 'start_date', header: 'Start', type: 'date' },
  ];
  it('a typo in an optional roster column stops the run, naming every such row', async () => {
    const e = await failure(
      read('reps.csv', 'ID,Name,Base,Start\nR1,Ann,5000,2026-01-05\nR2,Bob,5k,2026-01-05\nR3,Cy,100,2026-11-31\n', {
        name: 'reps',
        columns: roster,
        purpose: 'roster',
      }),
    );
    expect(e.message).toBe(
      'reps.csv: 2 rows of the roster cannot be read (rows 3, 4; row 3, column "Base": "5k" holds the letter "k": not a number). ' +
        'Every row of the roster must be read: a rep on such a row would be left out of the ranking. Fix the file and run again.',
    );
    expect([e.code, e.file, e.row, e.column]).toEqual(['KPI2687', 'reps.csv', 3, 'Base']);
    // Every such row comes with the error, by code and place, to be reported beside it.
    expect(e.issues.map((i) => `${i.code} ${i.row} ${i.column} ${i.action}`)).toEqual(['KPI2108 3 Base stopped', 'KPI2121 4 Start stopped']);
  });

  it('ids stay text as written (007 is not 7)', async () => {
    const r = await read('reps.csv', 'ID,Name,Base,Start\n007,Ann,5000,\n', { name: 'reps', columns: roster, purpose: 'roster' });
    expect(values(r.table.columns.get('id'))).toEqual(['007']);
  });

  it('a targets-file row with a bad period label stops the run (never a silent fallback to the default target)', async () => {
    const e = await failure(
      read('targets.csv', 'rep,metric,period,target\nR1,revenue,2026-11,100\nR2,revenue,Nov 2026x,100\n', {
        name: 'targets',
        purpose: 'targets',
        rep: 'rep',
        period: 'period',
        columns: [
          { name: 'rep', header: 'rep', type: 'string' },
          { name: 'metric', header: 'metric', type: 'string' },
          { name: 'period', header: 'period', type: 'string' },
          { name: 'target', header: 'target', type: 'number' },
        ],
      }),
    );
    expect(e.message).toContain('targets.csv: 1 row of the targets file cannot be read (row 3; row 3, column "period": "Nov 2026x" is not a period label');
    expect([e.code, e.row, e.column]).toEqual(['KPI2687', 3, 'period']);
    expect(e.message).toContain('a rep on such a row would be scored against another target');
  });

  it('a deductions row with an unreadable amount stops the run (never a lost deduction)', async () => {
    const e = await failure(
      read('pen.csv', 'rep,period,amount\nR1,2026年11月,250.00\nR2,2026-11,€250.00\n', {
        name: 'deductions',
        purpose: 'deductions',
        rep: 'rep',
        period: 'period',
        columns: [
          { name: 'rep', header: 'rep', type: 'string' },
          { name: 'period', header: 'period', type: 'string' },
          { name: 'amount', header: 'amount', type: 'money' },
        ],
      }),
    );
    expect(e.message).toContain('row 3, column "amount": "€250.00" is in EUR (€), not in the scheme\'s currency USD');
    expect(e.message).toContain('a deduction on such a row would be lost');
  });

  it('deduction points written as a percentage ("5%", ５％, or a cell formatted 0%) stop the run: 0.05 of a point is never deducted (red team)', async () => {
    const points = {
      name: 'deductions',
      purpose: 'deductions' as const,
      rep: 'rep',
      period: 'period',
      columns: [
        { name: 'rep', header: 'rep', type: 'string' as const },
        { name: 'period', header: 'period', type: 'string' as const },
        { name: 'points', header: 'points', type: 'number' as const, percentPoints: true },
      ],
    };
    const e = await failure(read('pts.csv', 'rep,period,points\nR1,2026-11,5\nR2,2026-11,5%\n', points));
    expect(e.message).toContain(
      'row 3, column "points": "5%" is a percentage, but points are percent points off the total score ("5%" would take off 0.05 of a point): write 5',
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('P');
    ws.addRow(['rep', 'period', 'points']);
    ws.addRow(['R1', '2026-11', 2]);
    ws.addRow(['R2', '2026-11', 0.025]).getCell(3).numFmt = '0.0%';
    const file = writeFixture('pts.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const x = await failure(readSource(spec(file, points), opts));
    expect(x.message).toContain(
      'row 3, column "points": "2.5%" is a percentage, but points are percent points off the total score ("2.5%" would take off 0.025 of a point): write 2.5',
    );
  });
});

describe('messages that point the right way', () => {
  it('a header below the searched rows: says where it is and how to set header_row', async () => {
    const title = Array.from({ length: 30 }, (_, i) => `note ${i + 1}`).join('\n');
    const e = await failure(read('deep.csv', `${title}\n${HEADER}\nSO-1,R1,1,2026-11-01\n`));
    expect(e.message).toBe(
      'deep.csv: the header row is row 31, but only the first 20 rows are searched for it; set header_row: 31 for this file in the scheme.',
    );
  });

  it('no header anywhere in a long file: says only 20 rows were searched', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `a${i},b,c,d`).join('\n');
    const e = await failure(read('none.csv', `${rows}\n`));
    expect(e.message).toContain('(Only the first 20 rows are searched for the header: if it is lower, set header_row for this file.)');
  });

  it('a line over 8M characters with no quote is not "a quoted value is never closed"', async () => {
    const e = await failure(read('long.csv', `${HEADER}\n${'x'.repeat(9 * 1024 * 1024)}`));
    expect(e.message).toBe(
      'long.csv row 2 (line 2) runs on for more than 8,388,608 characters without a line break: this is not a table of rows ' +
        '(a file with another line ending, or not a CSV file at all?).',
    );
  });
});

describe('encodings and files that are not what the scheme says', () => {
  const body = `${HEADER}\nSO-1,R1,1,2026-11-01\n`;
  it('a UTF-8 byte-order mark against encoding: gb18030 names the contradiction', async () => {
    const e = await failure(read('bom.csv', `\ufeff${body}`, { encoding: 'gb18030' }));
    expect(e.message).toBe(
      'bom.csv starts with a UTF-8 byte-order mark, but the scheme says encoding: gb18030: the file is UTF-8. Remove the encoding line for this file (or set encoding: utf-8).',
    );
  });

  it('UTF-16 read with encoding: utf-8 is called UTF-16 (never "try gb18030")', async () => {
    const withBom = await failure(readSource(spec(writeFixture('u16.csv', Buffer.from(`\ufeff${body}`, 'utf16le')), { encoding: 'utf-8' }), opts));
    expect(withBom.message).toBe(
      'u16.csv starts with a UTF-16LE byte-order mark, but the scheme says encoding: utf-8: the file is UTF-16LE. Remove the encoding line for this file (or set encoding: utf-16le).',
    );
    const bare = await failure(readSource(spec(writeFixture('u16.csv', Buffer.from(body, 'utf16le')), { encoding: 'utf-8' }), opts));
    expect(bare.message).toBe(
      'u16.csv looks like UTF-16LE text (every other byte is 0, as in Excel\'s "Unicode Text"), but the scheme says encoding: utf-8. Remove the encoding line for this file (or set encoding: utf-16le).',
    );
    expect(bare.message).not.toContain('gb18030');
  });

  it('Chinese UTF-16 without a byte-order mark is read as UTF-16 (a character such as 销, 00 95, has a zero byte of its own)', async () => {
    const columns = [
      { name: 'rep', header: '销售员', type: 'string' as const },
      { name: 'amount', header: '金额', type: 'money' as const },
      { name: 'closed', header: '日期', type: 'date' as const },
    ];
    const text = '销售员\t金额\t日期\r\n' + ['张三', '李四', '王五'].map((r, i) => `${r}\t${i + 1}00.00\t2026-11-0${i + 1}\r\n`).join('');
    for (const [name, bytes] of [
      ['le.csv', Buffer.from(text, 'utf16le')],
      ['be.csv', Buffer.from(text, 'utf16le').swap16()],
    ] as const) {
      const r = await readSource(spec(writeFixture(name, bytes), { columns, rep: 'rep', date: 'closed' }), opts);
      expect(values(r.table.columns.get('rep')), name).toEqual(['张三', '李四', '王五']);
      expect(values(r.table.columns.get('amount')), name).toEqual([10000, 20000, 30000]);
    }
  });

  it('encoding: gbk on a UTF-8 file says the file is UTF-8 (read as GBK every Chinese header would be garbled)', async () => {
    const text = '订单号,销售代表,金额,成交日期\nSO-1,张伟,1.00,2026-11-01\n';
    const e = await failure(readSource(spec(writeFixture('utf8-as-gbk.csv', text), { encoding: 'gb18030' }), opts));
    expect(e.code).toBe('KPI2689');
    expect(e.message).toBe(
      'utf8-as-gbk.csv reads as UTF-8 text ("订单号" …), but the scheme says encoding: gb18030, which would garble it. Remove the encoding line for this file (or set encoding: utf-8).',
    );
    // Real GB18030 bytes declared so are read.
    const gb = Buffer.from(new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5])); // 订单号 in GB18030
    const ok = writeFixture('real-gbk.csv', Buffer.concat([gb, Buffer.from(',Rep,Amount,Close Date\nSO-1,R1,1.00,2026-11-01\n')]));
    const cols = [
      { name: 'order_id', header: '订单号', type: 'string' as const },
      { name: 'amount', header: 'Amount', type: 'money' as const },
    ];
    expect((await readSource(spec(ok, { encoding: 'gb18030', columns: cols }), opts)).table.rowCount).toBe(1);
  });

  it('a UTF-32 byte-order mark: said to be UTF-32, not read, and how to save it again', async () => {
    const utf32 = Buffer.alloc((body.length + 1) * 4);
    [...`\ufeff${body}`].forEach((ch, i) => {
      utf32.writeUInt32LE(ch.codePointAt(0)!, i * 4);
    });
    const e = await failure(readSource(spec(writeFixture('u32.csv', utf32)), opts));
    expect(e.message).toBe(
      'u32.csv starts with a UTF-32LE byte-order mark: UTF-32 text is not read (UTF-8, UTF-16 and GB18030 are). Save it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8; LibreOffice: character set "Unicode (UTF-8)").',
    );
  });

  it('a workbook named .csv: the advice is a file name, not a scheme key that does not exist', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['x']);
    const e = await failure(readSource(spec(writeFixture('book.csv', Buffer.from(await wb.xlsx.writeBuffer()))), opts));
    expect(e.message).toBe(
      'book.csv is a zip file (an .xlsx workbook?), not CSV text: save or rename it with the .xlsx extension and point the scheme at that name.',
    );
  });

  it.each(['/dev/zero', '/dev/null'])('%s (a device) is refused before it is read, CSV and XLSX alike', async (device) => {
    for (const format of ['csv', 'xlsx'] as const) {
      const e = await failure(readSource({ ...spec(device), format }, opts));
      expect(e.message).toBe(
        `${device.split('/').pop()}: is not a regular file (a pipe, device or socket); kpi reads data from files: save the data to a file and point the scheme at it.`,
      );
    }
  });

  it('a FIFO is refused at once (not "empty (0 bytes)", and no wait for a writer)', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = writeFixture('pipe-placeholder', '').replace(/pipe-placeholder$/, 'sales.fifo.csv');
    execFileSync('mkfifo', [fifo]);
    const e = await failure(readSource(spec(fifo), opts));
    expect(e.message).toContain('is not a regular file (a pipe, device or socket)');
  });
});
