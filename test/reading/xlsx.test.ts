import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readHeaders, readSource } from '../../src/reading/index.js';
import { Zip, ZIP_LIMITS } from '../../src/reading/xlsx/zip.js';
import { Workbook } from '../../src/reading/xlsx/workbook.js';
import { dir, failure, plain, spec, values, writeFixture } from './helpers.js';
import { oleFile } from './xlsx-parts.js';

// Row 6 has ¥1,234: a yuan scheme.
const opts = { minorUnit: 2, currency: { code: 'CNY', symbol: '¥' } };
const COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
  { name: 'rate', header: 'Rate', type: 'percent' },
  { name: 'note', header: 'Note', type: 'string' },
];

/** Excel's 2026-11-01 as exceljs stores a date: UTC midnight. */
const nov1 = new Date(Date.UTC(2026, 10, 1));

let salesPath = '';
let book1904 = '';

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').getCell('A1').value = 'not this sheet';
  const ws = wb.addWorksheet('Sales');
  ws.addRow(['Acme sales, November 2026']); // title row 1
  ws.addRow([]);
  ws.addRow(['Order ID', 'Rep', 'Amount', 'Close Date', 'Rate', 'Note']); // header row 3
  const rows: unknown[][] = [
    ['SO-1', 'R1', 1234.5, nov1, 0.12, 'plain'], // row 4
    [1001, { richText: [{ text: 'R' }, { text: '2' }] }, { formula: 'B1*2', result: 10.1 }, 46327, '12%', nov1], // row 5
    ['SO-3', { text: 'R3', hyperlink: 'https://example.com' }, '¥1,234', '2026/11/2', 0.5, true], // row 6
    ['SO-4', 'R4', { error: '#N/A' }, nov1, 0.1, 'x'], // row 7: error cell
    ['SO-5', 'R5', { formula: '1/0', result: { error: '#DIV/0!' } }, nov1, 0.1, 'x'], // row 8: formula error
    ['SO-6', 'R6', 5, true, 0.1, 'x'], // row 9: boolean in a date column
    ['SO-7', 'R7', 5, new Date(Date.UTC(2026, 10, 1, 23, 30)), 0.1, new Date(Date.UTC(2026, 10, 1, 23, 30))], // row 10
  ];
  for (const r of rows) ws.addRow(r);
  for (const r of [4, 6, 7, 8, 9, 10]) ws.getCell(`D${r}`).numFmt = 'yyyy-mm-dd';
  ws.getCell('F5').numFmt = 'yyyy-mm-dd';
  ws.getCell('F10').numFmt = 'yyyy-mm-dd hh:mm';
  // A Chinese built-in date format (id 31, 2026年11月1日): patched in below, exceljs would write it as custom.
  ws.getCell('F11').value = nov1;
  ws.getCell('F11').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('A11').value = 'SO-8';
  ws.getCell('B11').value = 'R8';
  salesPath = `${dir}/sales.xlsx`;
  await wb.xlsx.writeFile(salesPath);
  const zip = await JSZip.loadAsync(readFileSync(salesPath));
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const custom = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"\/>/.exec(styles);
  expect(custom).not.toBeNull();
  const patched = styles.replace(custom![0], '').replaceAll(`numFmtId="${custom![1]}"`, 'numFmtId="31"');
  zip.file('xl/styles.xml', patched);
  writeFileSync(salesPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  const wb2 = new ExcelJS.Workbook();
  wb2.properties.date1904 = true;
  const ws2 = wb2.addWorksheet('Sheet1');
  ws2.addRow(['Order ID', 'Rep', 'Amount', 'Close Date']);
  ws2.addRow(['SO-1', 'R1', 1, nov1]).getCell(4).numFmt = 'yyyy-mm-dd';
  ws2.addRow(['SO-2', 'R1', 1, 46327 - 1462]); // a bare serial in the 1904 system: 2026-11-01
  book1904 = `${dir}/book1904.xlsx`;
  await wb2.xlsx.writeFile(book1904);
});

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('XLSX', () => {
  it('reads the named sheet, finds the header below the title, converts every cell shape', async () => {
    // decimal declared: "¥1,234" (row 6) alone in its column would otherwise read two ways (1234 or 1.234).
    const r = await readSource(spec(salesPath, { sheet: 'Sales', columns: COLUMNS, rep: 'rep', decimalDeclared: true }), opts);
    expect(r.headers).toEqual(['Order ID', 'Rep', 'Amount', 'Close Date', 'Rate', 'Note']);
    expect(values(r.table.columns.get('order_id'))).toEqual(['SO-1', '1001', 'SO-3', 'SO-7', 'SO-8']);
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'R2', 'R3', 'R7', 'R8']);
    expect(values(r.table.columns.get('amount'))).toEqual([123450, 1010, 123400, 500, null]);
    // 46327 in a date column is Excel's serial for 2026-11-01.
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-01', '2026-11-01', '2026-11-02', '2026-11-01', null]);
    expect(values(r.table.columns.get('rate'))).toEqual([0.12, 0.12, 0.5, 0.1, null]);
    // Date cells in a string column become ISO text; the Chinese built-in format (id 31) is a date too.
    expect(values(r.table.columns.get('note'))).toEqual(['plain', '2026-11-01', 'TRUE', '2026-11-01 23:30:00', '2026-11-01']);
    expect(Array.from(r.table.rowNumbers)).toEqual([4, 5, 6, 10, 11]);
    const bad = (row: number, column: string, value: string, reason: string) => ({
      file: 'sales.xlsx',
      source: 'sales',
      row,
      column,
      value,
      reason,
      severity: 'error',
      action: 'skipped',
    });
    expect(plain(r.issues)).toEqual(
      [
        bad(7, 'Amount', '#N/A', 'cell C7 shows the error #N/A'),
        bad(8, 'Amount', '#DIV/0!', 'the formula in C8 shows the error #DIV/0!'),
        bad(9, 'Close Date', 'TRUE', '"TRUE" is a true/false value, not a date'),
      ].map((i, k) => ({ ...i, code: ['KPI2402', 'KPI2401', 'KPI2105'][k] })),
    );
  });

  it('dates do not move with the time zone (Los Angeles, Shanghai)', async () => {
    const days: unknown[] = [];
    for (const tz of ['America/Los_Angeles', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      // The zone really changed for this process (else the test would prove nothing).
      expect(new Date(Date.UTC(2026, 10, 1)).getTimezoneOffset()).toBe(tz === 'Asia/Shanghai' ? -480 : 420);
      const r = await readSource(spec(salesPath, { sheet: 'Sales', columns: COLUMNS, decimalDeclared: true }), opts);
      days.push(values(r.table.columns.get('closed')), values(r.table.columns.get('note')));
    }
    expect(days[0]).toEqual(['2026-11-01', '2026-11-01', '2026-11-02', '2026-11-01', null]);
    expect(days[2]).toEqual(days[0]);
    expect(days[3]).toEqual(days[1]);
  });

  it('a formula whose saved result is 0 is 0; one without a saved result is an error, never 0 or blank', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Order ID', 'Rep', 'Amount', 'Close Date']);
    ws.addRow(['SO-1', { formula: '"R"&"1"', result: 'R1' }, { formula: '1-1', result: 0 }, nov1]);
    ws.addRow(['SO-2', 'R2', { formula: 'X1' }, nov1]); // no saved result at all
    const path = `${dir}/zero.xlsx`;
    await wb.xlsx.writeFile(path);
    const r = await readSource(spec(path), opts);
    // Without a saved result the amount is unknown: neither 0 nor blank, the row is reported and not counted.
    expect(values(r.table.columns.get('rep'))).toEqual(['R1']);
    expect(values(r.table.columns.get('amount'))).toEqual([0]);
    expect(plain(r.issues)).toEqual([
      {
        file: 'zero.xlsx',
        source: 'sales',
        row: 3,
        column: 'Amount',
        value: '=X1',
        code: 'KPI2404',
        reason:
          'the formula in C3 has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): ' +
          'open and save the file in Excel or LibreOffice',
        severity: 'error',
        action: 'skipped',
      },
    ]);
  });

  it('a formula in a workbook that asks to be calculated on opening (xlsxwriter saves 0 as its result) is an error, never its placeholder', async () => {
    // Found by the red-team sweep: such a 0 was summed as the amount, final, exit 0.
    const write = async (file: string, calcOnLoad: boolean): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      if (calcOnLoad) wb.calcProperties.fullCalcOnLoad = true;
      const ws = wb.addWorksheet('S');
      ws.addRow(['Order ID', 'Rep', 'Amount', 'Close Date']);
      ws.addRow(['SO-1', 'R1', { formula: '250*2', result: 0 }, nov1]);
      ws.addRow(['SO-2', 'R2', 700, nov1]);
      const path = `${dir}/${file}`;
      await wb.xlsx.writeFile(path);
      return path;
    };
    const placeholder = await readSource(spec(await write('calc-on-load.xlsx', true)), opts);
    expect(values(placeholder.table.columns.get('amount'))).toEqual([70000]);
    expect(plain(placeholder.issues)).toEqual([
      {
        file: 'calc-on-load.xlsx',
        source: 'sales',
        row: 2,
        column: 'Amount',
        value: '=250*2',
        code: 'KPI2406',
        reason:
          'the formula in C2 was never calculated: the program that wrote the workbook (xlsxwriter, a script) left that to Excel when the file is opened, ' +
          'so its saved result (0) is a placeholder: open and save the file in Excel, WPS or LibreOffice',
        severity: 'error',
        action: 'skipped',
      },
    ]);
    // Saved by a program that calculates (no such flag), the same 0 is the formula's result.
    const saved = await readSource(spec(await write('calculated.xlsx', false)), opts);
    expect(values(saved.table.columns.get('amount'))).toEqual([0, 70000]);
    expect(saved.issues).toEqual([]);
  });

  it("a number cell in a money column whose format shows another currency, or a percentage, is not summed as the scheme's money", async () => {
    // The cell holds 500 either way: only its number format says it is €500 or 50,000 %. Found by the red-team sweep.
    const formats = [
      '[$€-407]#,##0.00', // row 2: euro, as German Excel writes it
      '"¥"#,##0.00', // row 3: yuan or yen
      '#,##0.00\\ _€', // row 4: `_€` pads a space as wide as €: nothing is shown, a plain number
      '"$"#,##0.00', // row 5: dollars
      '#,##0.00 [$USD]', // row 6
      '0.00%', // row 7: shown as 50000.00 %
      '[$$-409]#,##0.00;[Red]\\([$$-409]#,##0.00\\)', // row 8
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Order ID', 'Rep', 'Amount', 'Close Date']);
    formats.forEach((f, i) => {
      const row = ws.addRow([`SO-${i + 2}`, 'R1', 500, nov1]);
      row.getCell(3).numFmt = f;
      row.getCell(4).numFmt = 'yyyy-mm-dd';
    });
    const path = `${dir}/money-formats.xlsx`;
    await wb.xlsx.writeFile(path);
    const usd = await readSource(spec(path), { minorUnit: 2, currency: { code: 'USD', symbol: '$' } });
    expect(Array.from(usd.table.rowNumbers)).toEqual([4, 5, 6, 8]);
    expect(values(usd.table.columns.get('amount'))).toEqual([50000, 50000, 50000, 50000]);
    expect(usd.issues.map((i) => [i.row, i.column, i.value, i.reason, i.action])).toEqual([
      [2, 'Amount', '500', "500 is formatted in EUR (€), not in the scheme's currency USD (the number format of its cell shows €)", 'skipped'],
      [3, 'Amount', '500', "500 is formatted in yuan or yen (¥), not in the scheme's currency USD (the number format of its cell shows ¥)", 'skipped'],
      [7, 'Amount', '500', '500 is formatted as a percentage (50000%), not as an amount of money', 'skipped'],
    ]);
    // A yuan scheme: ¥ is its own, $ and € are not.
    const cny = await readSource(spec(path), opts);
    expect(Array.from(cny.table.rowNumbers)).toEqual([3, 4]);
    expect(cny.issues.map((i) => i.row)).toEqual([2, 5, 6, 7, 8]);
  });

  it('the 1904 date system: date cells and bare serials', async () => {
    const r = await readSource(spec(book1904), opts);
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-01', '2026-11-01']);
  });

  it('the first sheet when none is named; a missing sheet lists the sheets', async () => {
    const e = await failure(readSource(spec(salesPath, { sheet: 'Sale', columns: COLUMNS }), opts));
    expect(e.message).toBe('sales.xlsx has no sheet named "Sale" (did you mean "Sales"?). Its sheets: "Notes", "Sales".');
    const far = await failure(readSource(spec(salesPath, { sheet: 'Notes 2', columns: COLUMNS }), opts));
    expect(far.message).toBe('sales.xlsx has no sheet named "Notes 2". Its sheets: "Notes", "Sales".'); // 2 edits: no guess
    const first = await failure(readSource(spec(salesPath, { columns: COLUMNS }), opts));
    expect(first.message).toMatch(/^sales\.xlsx: \d+ columns the scheme maps are not in the header row: "Order ID" \(order_id\)/);
    expect([first.code, e.code, far.code]).toEqual(['KPI2668', 'KPI2649', 'KPI2649']);
  });

  it('readHeaders', async () => {
    expect(await readHeaders(spec(salesPath, { sheet: 'Sales', columns: COLUMNS }))).toEqual(['Order ID', 'Rep', 'Amount', 'Close Date', 'Rate', 'Note']);
  });
});

describe('files that are not workbooks, and zip bombs', () => {
  it('not a zip', async () => {
    const e = await failure(readSource(spec(writeFixture('text.xlsx', 'Order ID,Rep\n1,2\n')), opts));
    expect(e.message).toBe(
      'text.xlsx is not an .xlsx workbook (not a zip file): it looks like text (CSV?): save or rename it with the .csv extension and point the scheme at that name (the format follows the extension).',
    );
  });

  it('password-protected, .xls, other OLE files: each says what it is and how to convert it', async () => {
    const cases: [string[], string][] = [
      [
        ['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'],
        'locked.xlsx is password-protected (encrypted): open it in Excel, remove the password (File ▸ Info ▸ Protect Workbook), and save it as .xlsx.',
      ],
      [
        ['Workbook', '\u0005SummaryInformation'],
        'locked.xlsx is an old-style Excel 97–2003 workbook (.xls), not .xlsx: open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook).',
      ],
      [
        ['WordDocument'],
        'locked.xlsx is an old-style Office file (an OLE compound file), not an .xlsx workbook: open it in Excel or LibreOffice and save it as .xlsx.',
      ],
    ];
    for (const [names, message] of cases) {
      const e = await failure(readSource(spec(writeFixture('locked.xlsx', oleFile(names))), opts));
      expect(e.message).toBe(message);
    }
  });

  it('0 bytes', async () => {
    expect((await failure(readSource(spec(writeFixture('empty.xlsx', '')), opts))).message).toBe('empty.xlsx is empty (0 bytes).');
  });

  it('1 to 3 bytes: too short to be a zip, said so (not a crash reading past the end)', async () => {
    for (const bytes of ['x', 'x\n', 'PK\u0003']) {
      const e = await failure(readSource(spec(writeFixture('tiny.xlsx', bytes)), opts));
      expect(e.message).toMatch(/^tiny\.xlsx is not an \.xlsx workbook \(not a zip file\)/);
    }
  });

  it('a zip bomb is refused from its table of contents, before anything is inflated', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024, 0x20)); // 20 MB of spaces → ~20 KB
    const path = writeFixture('bomb.xlsx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const e = await failure(readSource(spec(path), opts));
    expect(e.message).toMatch(
      /^bomb\.xlsx looks like a zip bomb: "xl\/worksheets\/sheet1\.xml" would expand from 0 MB to 20 MB \(\d+×, limit 200×\)\. Refusing to open it\.$/,
    );
  });

  it('a part that lies about its size in the table of contents is caught while inflating, never read past its claim', async () => {
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet2.xml']) {
      const buf = Buffer.from(readFileSync(salesPath));
      // Central-directory entry of the part: claim 100 bytes uncompressed (offset 24 in the entry).
      const name = Buffer.from(part);
      let at = -1;
      for (let i = buf.indexOf(name); i !== -1; i = buf.indexOf(name, i + 1)) if (buf.readUInt32LE(i - 46) === 0x02014b50) at = i - 46;
      expect(at).toBeGreaterThan(0);
      buf.writeUInt32LE(100, at + 24);
      const e = await failure(readSource(spec(writeFixture('liar.xlsx', buf), { sheet: 'Sales', columns: COLUMNS }), opts));
      expect(e.message).toBe(`liar.xlsx looks like a zip bomb: "${part}" says it holds 100 bytes but expands to more. Refusing to open it.`);
    }
  });

  it('a workbook whose total size is over the limit', async () => {
    const limits = { ...ZIP_LIMITS, maxTotalBytes: 1000 };
    const e = await failure(Zip.open(salesPath, 'sales.xlsx', limits));
    expect(e.message).toMatch(/^sales\.xlsx would expand to \d+ MB, more than the 0 MB limit\./);
    const book = await Workbook.open(salesPath, 'sales.xlsx', { ...ZIP_LIMITS, maxSharedStringsBytes: 10 });
    const s = await failure(
      book.scan(book.choose('Sales').sheet, { want: null, wantFrom: 0, cell: () => {}, endRow: () => false }).finally(() => book.close()),
    );
    expect(s.message).toMatch(/^sales\.xlsx: its table of texts \(xl\/sharedStrings\.xml\) would expand to 0 MB, more than the 0 MB/);
  });

  it('a zip that is not a workbook; a damaged zip', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    const path = writeFixture('other.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await failure(readSource(spec(path), opts))).message).toBe('other.xlsx is a zip file but not an Excel workbook (no workbook part in it).');
    const cut = readFileSync(salesPath).subarray(0, 2000);
    expect((await failure(readSource(spec(writeFixture('cut.xlsx', cut)), opts))).message).toBe(
      'cut.xlsx is a damaged zip/.xlsx file (its table of contents is missing or cut off); open and re-save it in Excel.',
    );
  });
});
