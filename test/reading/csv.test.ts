import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DataIssue } from '../../src/core/table.js';

/** An issue as a test writes it, its code added where the test checks one. */
type Issue = Omit<DataIssue, 'code'> & Partial<Pick<DataIssue, 'code'>>;
import { readHeaders, readSource } from '../../src/reading/index.js';
import { dir, failure, plain, spec, values, writeFixture } from './helpers.js';

const FIX = fileURLToPath(new URL('../fixtures/reading/', import.meta.url));
const opts = { minorUnit: 2 };
const HEADER = 'Order ID,Rep,Amount,Close Date';

async function read(name: string, text: string | Uint8Array, over = {}) {
  return readSource(spec(writeFixture(name, text), over), opts);
}

const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('CSV encodings', () => {
  const body = `${HEADER}\nSO-1,Zhāng,"1,234.50",2026-11-01\nSO-2,李娜,88,2026/11/2\n`;
  const want = {
    order_id: ['SO-1', 'SO-2'],
    rep: ['Zhāng', '李娜'],
    amount: [123450, 8800],
    closed: ['2026-11-01', '2026-11-02'],
  };
  const check = (r: Awaited<ReturnType<typeof read>>) => {
    expect(plain(r.issues)).toEqual([]);
    for (const [k, v] of Object.entries(want)) expect(values(r.table.columns.get(k))).toEqual(v);
    expect(r.headers).toEqual(['Order ID', 'Rep', 'Amount', 'Close Date']);
  };

  it('UTF-8 without BOM', async () => check(await read('u8.csv', body)));
  it('UTF-8 with BOM (the BOM is not part of the first header)', async () => check(await read('u8bom.csv', '\uFEFF' + body)));
  it('UTF-16LE with BOM, tab-separated (Excel "Unicode text")', async () => {
    check(await read('u16le.csv', Buffer.from('\uFEFF' + body.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t'), 'utf16le')));
  });
  it('UTF-16BE with BOM', async () => check(await read('u16be.csv', utf16be('\uFEFF' + body))));
  it('UTF-16LE without BOM is recognised by its zero bytes', async () => check(await read('u16nobom.csv', Buffer.from(body, 'utf16le'))));

  it('GB18030 (Chinese Excel/WPS) detected automatically, headers in Chinese', async () => {
    const s = spec(`${FIX}sales-gb18030.csv`, {
      columns: [
        { name: 'order_id', header: '订单号', type: 'string' },
        { name: 'rep', header: '销售代表', type: 'string' },
        { name: 'amount', header: '金额', type: 'money' },
        { name: 'closed', header: '成交日期', type: 'date' },
      ],
    });
    const r = await readSource(s, { minorUnit: 2, currency: { code: 'CNY', symbol: '¥' } });
    expect(plain(r.issues)).toEqual([]);
    expect(values(r.table.columns.get('rep'))).toEqual(['张伟', '李娜']);
    expect(values(r.table.columns.get('amount'))).toEqual([123450, 8800]);
    expect(values(r.table.columns.get('closed'))).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('GB18030 bytes first seen after the first megabyte: the file is read again as GB18030', async () => {
    const rows = ['Order ID,Rep,Amount,Close Date'];
    for (let i = 1; i <= 40_000; i++) rows.push(`SO-${i},R${i % 7},${i}.00,2026-11-01`);
    const ascii = Buffer.from(rows.join('\r\n') + '\r\n');
    expect(ascii.length).toBeGreaterThan(1 << 20);
    const late = Buffer.concat([ascii, Buffer.from('SO-40001,'), Buffer.from('cdf5b7bc', 'hex'), Buffer.from(',5.00,2026-11-01\r\n')]);
    const r = await read('late-gb.csv', late);
    expect(r.table.rowCount).toBe(40_001);
    expect(values(r.table.columns.get('rep'))[40_000]).toBe('王芳');
    expect(r.table.rowNumbers[40_000]).toBe(40_002); // header is row 1
  });

  it('invalid UTF-8 where the scheme says utf-8: error with byte offset and line', async () => {
    // The header line is 30 bytes + LF = 31; "SO-1,R1,1,2026-11-01\n" is 21; "SO-2," is 5: the bad byte is at 31 + 21 + 5 = 57.
    const bad = Buffer.concat([Buffer.from(`${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,`), Buffer.from([0xff]), Buffer.from(',1,2026-11-01\n')]);
    const e = await failure(read('bad-utf8.csv', bad, { encoding: 'utf-8' }));
    expect(e.message).toBe('bad-utf8.csv: line 3 (byte 57) is not valid UTF-8; set encoding: gb18030 if it was saved by Chinese Excel/WPS.');
  });

  it('neither UTF-8 nor GB18030 (auto): the first bad byte, as UTF-8', async () => {
    // 0xFF is invalid in both; it sits at 31 + 21 + 5 = 57 as above.
    const bad = Buffer.concat([Buffer.from(`${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,`), Buffer.from([0xff]), Buffer.from(',1,2026-11-01\n')]);
    const e = await failure(read('neither.csv', bad));
    expect(e.message).toBe('neither.csv: line 3 (byte 57) is not valid UTF-8 (nor GB18030); save the file as "CSV UTF-8", or set encoding for this source.');
  });

  it('a GB18030 file whose Chinese happens to hold a valid 3-byte UTF-8 run (青岛 = c7 e0 b5 ba) is not "mixed"', async () => {
    // The shipped China example failed with encoding auto: "line 4 is UTF-8 but line 1 is not".
    const gb = Buffer.concat([
      Buffer.from('Order ID,Rep,Amount,Close Date\nSO-1,R1,1,2026-11-01\nSO-2,'),
      Buffer.from(new TextEncoder().encode('x')), // keep the line ASCII up to here
      Buffer.from('c7e0b5ba', 'hex'), // 青岛 in GB18030
      Buffer.from(',2,2026-11-02\n'),
    ]);
    const r = await read('qingdao.csv', gb);
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'x青岛']);
  });

  it('UTF-8 and GB18030 lines in one file: stop, naming a line of each', async () => {
    const mixed = Buffer.concat([
      Buffer.from(`${HEADER}\nSO-1,王芳,1,2026-11-01\nSO-2,R1,1,2026-11-01\nSO-3,`), // line 2: UTF-8 王芳
      Buffer.from('cdf5b7bc', 'hex'), // line 4: 王芳 in GB18030
      Buffer.from(',1,2026-11-01\n'),
    ]);
    const e = await failure(read('mixed.csv', mixed));
    expect(e.message).toBe(
      'mixed.csv: mixed encodings: line 2 is UTF-8 but line 4 is not (GB18030?). ' +
        'Save the whole file in one encoding (Excel: "CSV UTF-8"), or set encoding: gb18030 if it is all GB18030.',
    );
    // Said explicitly, the file is read as GB18030 (line 2 becomes mojibake: the user chose it).
    expect((await read('mixed.csv', mixed, { encoding: 'gb18030' })).table.rowCount).toBe(3);
  });
});

describe('CSV structure', () => {
  it('finds the header below title rows and reports rows as Excel numbers them', async () => {
    const r = await read('titled.csv', `Acme sales report,,,\nNovember 2026,,,\n\n${HEADER}\nSO-1,R1,5,2026-11-01\n`);
    expect(r.table.rowNumbers[0]).toBe(5);
    expect(r.table.rowCount).toBe(1);
  });

  it('a quoted value with line breaks: the row as Excel shows it, the line as an editor shows it', async () => {
    const r = await read('multiline.csv', `${HEADER}\nSO-1,"R1\nsecond line",5,2026-11-01\nSO-2,R2,abc,2026-11-01\n`);
    expect(values(r.table.columns.get('rep'))).toEqual(['R1\nsecond line']);
    expect(plain(r.issues)).toEqual([
      {
        file: 'multiline.csv',
        source: 'sales',
        row: 3,
        column: 'Amount',
        value: 'abc',
        reason: '"abc" is not a number (line 4 in a text editor)',
        severity: 'error',
        action: 'skipped',
        code: 'KPI2101',
      },
    ]);
    expect(r.issues[0]?.line).toBe(4);
  });

  it('escaped quotes, CRLF, semicolons with a decimal comma', async () => {
    const r = await read('semi.csv', `Order ID;Rep;Amount;Close Date\r\n"SO ""1""";R1;1.234,56;2026-11-01\r\n`, { decimal: ',' });
    expect(values(r.table.columns.get('order_id'))).toEqual(['SO "1"']);
    expect(values(r.table.columns.get('amount'))).toEqual([123456]);
  });

  it('keeps only the mapped columns and keeps "0012" as text', async () => {
    const r = await read('extra.csv', `Region,${HEADER},Notes\nN,0012,R1,5,2026-11-01,hello\n`);
    expect([...r.table.columns.keys()]).toEqual(['order_id', 'rep', 'amount', 'closed']);
    expect(values(r.table.columns.get('order_id'))).toEqual(['0012']);
  });

  it('input: SHA-256 of the file bytes and the rows kept', async () => {
    const text = `${HEADER}\nSO-1,R1,5,2026-11-01\nSO-2,R1,x,2026-11-01\n`;
    const r = await read('hash.csv', text);
    expect(r.input).toEqual({
      source: 'sales',
      file: 'hash.csv',
      sha256: createHash('sha256').update(text).digest('hex'),
      rows: 1,
    });
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await readSource(spec(writeFixture('progress.csv', `${HEADER}\nSO-1,R1,5,2026-11-01\n`)), {
      minorUnit: 2,
      onProgress: (p) => seen.push(p.bytesRead / p.totalBytes),
    });
    expect(seen.at(-1)).toBe(1);
  });
});

describe('bad rows are reported, never dropped silently', () => {
  const issue = (row: number, column: string | undefined, value: string, reason: string, over: Partial<DataIssue> = {}): Issue => ({
    file: 'bad.csv',
    source: 'sales',
    row,
    ...(column !== undefined ? { column } : {}),
    value,
    reason,
    severity: 'error',
    action: 'skipped',
    ...over,
  });

  it('each kind of bad value skips its row with the exact reason', async () => {
    const r = await read(
      'bad.csv',
      [
        HEADER,
        'SO-1,R1,1.2.3,2026-11-01', // row 2
        'SO-2,R1,--5,2026-11-01',
        'SO-3,R1,NaN,2026-11-01',
        'SO-4,R1,1e400,2026-11-01',
        'SO-5,R1,5,2026-02-30', // row 6
        'SO-6,R1,5,11/01/2026',
        'SO-7,,5,2026-11-01', // blank rep
        'SO-8,R1,5', // ragged: too few
        'SO-9,R1,5,2026-11-01,oops', // ragged: too many
        'SO-10,R1,5,2026-11-01,,', // extra empty fields: harmless
        'SO-11,R1,(1,234),2026-11-01', // unquoted comma: too many fields
        'SO-12,R1,abc,not a date', // two bad values: two issues
        '   ', // a line of spaces is as blank as an empty one
        'SO-13,R1,1,2026-11-01',
      ].join('\n') + '\n',
      { rep: 'rep' },
    );
    expect(plain(r.issues)).toEqual([
      issue(2, 'Amount', '1.2.3', '"1.2.3" has more than one decimal point', { code: 'KPI2102' }),
      issue(3, 'Amount', '--5', '"--5" has more than one sign', { code: 'KPI2106' }),
      issue(4, 'Amount', 'NaN', '"NaN" is not a number', { code: 'KPI2101' }),
      issue(5, 'Amount', '1e400', '"1e400" is too large to keep exact to the cent', { code: 'KPI2113' }),
      issue(6, 'Close Date', '2026-02-30', '"2026-02-30" is not a valid date', { code: 'KPI2121' }),
      issue(7, 'Close Date', '11/01/2026', '"11/01/2026" could be month/day or day/month; set date_order (mdy or dmy) for this source', { code: 'KPI2126' }),
      issue(8, 'Rep', '', 'no rep id: the row cannot be credited to anyone', { code: 'KPI2203' }),
      issue(9, undefined, 'SO-8,R1,5', 'the row has 3 fields but the header has 4 (a missing separator, or a line break inside an unquoted value?)', {
        code: 'KPI2001',
      }),
      issue(10, undefined, 'SO-9,R1,5,2026-11-01,oops', 'the row has 5 fields but the header has 4 (a separator inside an unquoted value?)', {
        code: 'KPI2002',
      }),
      issue(12, undefined, 'SO-11,R1,(1,234),2026-11-01', 'the row has 5 fields but the header has 4 (a separator inside an unquoted value?)', {
        code: 'KPI2002',
      }),
      issue(13, 'Amount', 'abc', '"abc" is not a number', { code: 'KPI2101' }),
      issue(13, 'Close Date', 'not a date', '"not a date" is not a date', { code: 'KPI2122' }),
    ]);
    expect(values(r.table.columns.get('order_id'))).toEqual(['SO-10', 'SO-13']);
    expect(Array.from(r.table.rowNumbers)).toEqual([11, 15]);
    expect(r.input.rows).toBe(2);
  });

  it('money with more decimals than the currency: kept, rounded, warned', async () => {
    const r = await read('bad.csv', `${HEADER}\nSO-1,R1,1.005,2026-11-01\n`, { decimalDeclared: true });
    expect(values(r.table.columns.get('amount'))).toEqual([101]);
    expect(plain(r.issues)).toEqual([
      issue(2, 'Amount', '1.005', '"1.005" has more than 2 decimal places; rounded to 1.01', { severity: 'warning', action: 'kept', code: 'KPI2112' }),
    ]);
  });

  it('duplicate keys and rows without a period date are kept and reported', async () => {
    const r = await read('bad.csv', `${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,R1,1,\nSO-1,R2,2,2026-11-02\n`, { key: 'order_id', date: 'closed' });
    expect(r.table.rowCount).toBe(3);
    expect(plain(r.issues)).toEqual([
      issue(3, 'Close Date', '', 'no date: the row falls in no period', { severity: 'warning', action: 'kept', code: 'KPI2204' }),
      issue(4, 'Order ID', 'SO-1', 'duplicate Order ID "SO-1" (first on row 2)', { severity: 'warning', action: 'kept', code: 'KPI2206' }),
    ]);
  });

  it('on_bad_row: stop ends the run at the first bad value, naming file, row and column', async () => {
    const e = await failure(read('bad.csv', `${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,R1,12abc,2026-11-01\n`, { onBadRow: 'stop' }));
    expect(e.message).toBe('bad.csv row 3, column "Amount": "12abc" holds the letter "a": not a number. The scheme says on_bad_row: stop.');
    expect([e.file, e.row, e.column]).toEqual(['bad.csv', 3, 'Amount']);
  });

  it('an unclosed quote at the end of the file: every swallowed row is reported', async () => {
    // 4 lines: the quote opened on line 3 swallows line 4 (SO-3's row) too.
    const r = await read('bad.csv', `${HEADER}\nSO-1,R1,1,2026-11-01\nSO-2,"R1,1,2026-11-01\nSO-3,R1,1,2026-11-01\n`);
    expect(r.table.rowCount).toBe(1);
    expect(plain(r.issues)).toEqual([
      issue(3, undefined, 'SO-2,"R1,1,2026-11-01', 'a quoted value opened on line 3 is never closed, so lines 3–4 read as one value', { code: 'KPI2005' }),
      issue(4, undefined, 'SO-3,R1,1,2026-11-01', 'inside the quoted value opened on line 3 that is never closed', { code: 'KPI2007' }),
    ]);
  });

  it('NUL bytes', async () => {
    const r = await read('bad.csv', `${HEADER}\nSO-1,R\u00001,1,2026-11-01\nSO-2,R2,1,2026-11-01\n`);
    expect(r.table.rowCount).toBe(1);
    expect(plain(r.issues)).toEqual([issue(2, 'Rep', 'R\u00001', 'contains a NUL character (byte 0): the file may be damaged', { code: 'KPI2116' })]);
  });

  it('a row of only spaces between the separators is a blank row, as ,,,, is (a formatted blank row as Excel or WPS save it)', async () => {
    const rows = [
      'SO-1,R1,1,2026-11-01,',
      ',,,,',
      ' , , , , ',
      '  ,  ,  ,  ,  ',
      '\u3000,\u00a0,\t, ,', // full-width and no-break spaces, a tab
      '"","","",""," "', // every field quoted, as a writer that quotes all (csv.QUOTE_ALL) saves a blank row
      '  ,  ', // fewer fields than the header, as a line of spaces has one
      ' , , , ,total', // a value in a column the scheme does not use: still said
      'SO-2, R1 ,2, 2026-11-02 , ', // spaces beside real values: read as before
    ];
    const r = await read('bad.csv', `Order ID,Rep,Amount,Close Date,Note\n${rows.join('\n')}\n`);
    expect(values(r.table.columns.get('order_id'))).toEqual(['SO-1', 'SO-2']);
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'R1']);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 10]);
    expect(plain(r.issues)).toEqual([
      issue(9, undefined, ' , , , ,total', 'the row has no values in the columns the scheme uses', { severity: 'warning', code: 'KPI2003' }),
    ]);
  });

  it('a row whose only content is invisible characters (a zero-width space, word joiner or BOM left by a copy) is a blank row too', async () => {
    const rows = [
      'SO-1,R1,1,2026-11-01,',
      ',,,,\u200b', // in a column the scheme does not read
      ',,,,\u2060',
      ',,,, \ufeff\u200e ',
      '\u200b,\u200b,,,', // in columns it reads: nothing to say about the invisible characters of a blank row
      '\u200b,\u200b', // fewer fields than the header
      ',,,,\u200btotal', // a value beside them: still said
      'SO-2,R1\u200b,2,2026-11-02,', // beside a real value: removed and said, as before
    ];
    const r = await read('bad.csv', `Order ID,Rep,Amount,Close Date,Note\n${rows.join('\n')}\n`);
    expect(values(r.table.columns.get('order_id'))).toEqual(['SO-1', 'SO-2']);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 9]);
    expect(r.issues.map((i) => `${i.row} ${i.code} ${i.column ?? ''}`)).toEqual(['8 KPI2003 ', '9 KPI2302 Rep']);
  });

  it('a row with none of the mapped values', async () => {
    const r = await read('bad.csv', `Order ID,Rep,Amount,Close Date,Note\n,,,,total\n`);
    expect(plain(r.issues)).toEqual([
      issue(2, undefined, ',,,,total', 'the row has no values in the columns the scheme uses', { severity: 'warning', code: 'KPI2003' }),
    ]);
  });
});

describe('files that cannot be read give one clear message', () => {
  it('a missing file says where it looked', async () => {
    const e = await failure(readSource(spec(`${dir}/sales-2026-11.csv`), opts));
    expect(e.message).toBe(`sales-2026-11.csv: no such file (looked in ${dir})`);
  });

  it('0-byte file', async () => {
    expect((await failure(read('empty.csv', ''))).message).toBe('empty.csv is empty (0 bytes).');
  });

  it('only blank lines', async () => {
    expect((await failure(read('blank.csv', '\n\n  \n'))).message).toBe('blank.csv has no data: every row is blank.');
  });

  it('header only: an empty table and a warning', async () => {
    const r = await read('header.csv', `${HEADER}\n`);
    expect(r.table.rowCount).toBe(0);
    expect(plain(r.issues)).toEqual([
      {
        file: 'header.csv',
        source: 'sales',
        row: 1,
        reason: 'the file has a header row but no data rows',
        severity: 'warning',
        action: 'kept',
        code: 'KPI2004',
      },
    ]);
  });

  it('a missing header names the file, lists the headers and suggests the closest', async () => {
    const e = await failure(read('typo.csv', 'Order ID,Rep,Amout,Close Date\nSO-1,R1,1,2026-11-01\n'));
    expect(e.message).toBe(
      'typo.csv: column "Amount" (for amount) is not in the header row (did you mean "Amout"?). ' +
        'Headers found on row 1: "Order ID", "Rep", "Amout", "Close Date".',
    );
    expect([e.code, e.file, e.row, e.column]).toEqual(['KPI2667', 'typo.csv', 1, 'Amount']);
  });

  it('a header typed on two lines in its cell (Alt+Enter) matches the mapping written with a space, and is said on one line', async () => {
    const r = await read('wrapped.csv', '"Order\nID",Rep,Amount,"Close \r\nDate"\nSO-1,R1,1,2026-11-01\n');
    expect([r.table.rowCount, r.issues]).toEqual([1, []]);
    const e = await failure(read('wrapped-typo.csv', '"Order\nID",Rep,"Amout\n(USD)",Close Date\nSO-1,R1,1,2026-11-01\n'));
    expect(e.message).toBe(
      'wrapped-typo.csv: column "Amount" (for amount) is not in the header row. ' + 'Headers found on row 1: "Order ID", "Rep", "Amout (USD)", "Close Date".',
    );
  });

  it('an ambiguous (duplicated) mapped header stops; unmapped duplicates, empty and __proto__ headers are reported', async () => {
    const e = await failure(read('dup.csv', 'Order ID,Rep,Amount,Close Date,Amount\n'));
    expect(e.message).toBe('dup.csv: the header "Amount" appears more than once (columns C, E) on row 1; rename one so it is clear which to use.');
    const r = await read('dup.csv', 'Order ID,__proto__,Rep,,Amount,Close Date,x,x\nSO-1,p,R1,,1,2026-11-01,a,b\n');
    expect(r.table.rowCount).toBe(1);
    expect(r.issues.map((i) => i.reason)).toEqual([
      'header "__proto__" is a reserved word in programs; read as an ordinary name',
      'column D has no header; its values are not used',
      'header "x" appears more than once (columns G, H); not used',
    ]);
    expect(Object.prototype).not.toHaveProperty('p');
  });

  it('a value under the empty header cells that end the header row (a,b,c,) is a note, once per column, at its first row', async () => {
    // Rows 2 and 4 end in an empty field, like the header; row 3 has a value there (a shifted row shows so first).
    const r = await read(
      'trailing.csv',
      'Order ID,Rep,Amount,Close Date,,\nSO-1,R1,1.00,2026-11-01,,\nSO-2,R1,2.00,2026-11-02,x,\nSO-3,R1,3.00,2026-11-03,y,z\nSO-4,R1,4.00,2026-11-04,,\n',
    );
    expect(r.table.rowCount).toBe(4);
    expect(r.issues.map((i) => [i.code, i.row, i.column, i.value, i.severity, i.action])).toEqual([
      ['KPI2309', 3, 'E', 'x', 'note', 'kept'],
      ['KPI2309', 4, 'F', 'z', 'note', 'kept'],
    ]);
    expect(r.issues[0]!.reason).toBe(
      'column E has values but its header is empty (the header row ends in an empty cell); they are not used. A row with a value there may have shifted one cell to the right',
    );
    // A header row ending in an empty cell with nothing under it says nothing.
    expect((await read('trailing2.csv', 'Order ID,Rep,Amount,Close Date,\nSO-1,R1,1.00,2026-11-01,\n')).issues).toEqual([]);
  });

  it('an xlsx named .csv', async () => {
    const e = await failure(read('book.csv', Buffer.from('PK\x03\x04rest-of-zip')));
    expect(e.message).toBe(
      'book.csv is a zip file (an .xlsx workbook?), not CSV text: save or rename it with the .xlsx extension and point the scheme at that name.',
    );
  });

  it('readHeaders returns the header row (or the closest candidate) without reading the data', async () => {
    const path = writeFixture('headers.csv', `Title\n${HEADER}\nSO-1,R1,1,2026-11-01\n`);
    expect(await readHeaders(spec(path))).toEqual(['Order ID', 'Rep', 'Amount', 'Close Date']);
    const typo = writeFixture('headers2.csv', 'Title\nOrder ID,Rep,Amout\nSO-1,R1,1\n');
    expect(await readHeaders(spec(typo))).toEqual(['Order ID', 'Rep', 'Amout']);
  });

  it('the GB18030 fixture is really not UTF-8', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(`${FIX}sales-gb18030.csv`))).toThrow();
  });
});
