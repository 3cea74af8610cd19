// Every shape of XLSX that real writers produce, built by hand part by part (xlsx-parts.ts), read with our
// reader. Each of these failed or misread with exceljs's streaming reader (issue 10).
import { describe, expect, it } from 'vitest';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import { readHeaders, readSource } from '../../src/reading/index.js';
import { FORMAT_KIND_NAMES, Workbook, type CellValue } from '../../src/reading/xlsx/workbook.js';
import { failure, spec, values, writeFixture } from './helpers.js';
import { handXlsx, row, type HandBook } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Closed', type: 'date' },
  { name: 'stage', header: 'Stage', type: 'string' },
];
const HEADER = row(1, ['Rep', 'Amount', 'Closed', 'Stage']);
let n = 0;

async function file(book: HandBook): Promise<string> {
  return writeFixture(`hand-${++n}.xlsx`, await handXlsx(book));
}

async function read(book: HandBook, over: Partial<SourceSpec> = {}) {
  return readSource(spec(await file(book), { columns: COLS, rep: 'rep', ...over }), { minorUnit: 2 });
}

function table(r: Awaited<ReturnType<typeof read>>) {
  const col = (name: string) => values(r.table.columns.get(name));
  return { rep: col('rep'), amount: col('amount'), closed: col('closed'), stage: col('stage'), rows: Array.from(r.table.rowNumbers) };
}

/** Raw typed cells of a sheet, as the reader streams them (for what the table trims or converts). */
async function cells(book: HandBook, sheet?: string): Promise<Map<string, CellValue>> {
  const wb = await Workbook.open(await file(book), 'cells.xlsx');
  try {
    const rows = await wb.firstRows(wb.choose(sheet).sheet, Infinity);
    return new Map(rows.flatMap((r) => r.cells.map((c): [string, CellValue] => [`${String.fromCharCode(65 + c.col)}${r.row}`, c.value])));
  } finally {
    wb.close();
  }
}

const plain = (rows: string): HandBook => ({ sheets: [{ name: 'Sales', data: HEADER + rows }] });
const issueReasons = (r: Awaited<ReturnType<typeof read>>) => r.issues.map((i) => `${i.row ?? '-'} ${i.severity}: ${i.reason}`);

describe('package structure: found from the relationships, never from entry names or order', () => {
  const data = HEADER + row(2, ['R1', 10, null, 'Won']);
  const cases: [string, Partial<HandBook>][] = [
    ['absolute targets (/xl/worksheets/…, as openpyxl and pandas write)', { absoluteTargets: true }],
    ['the workbook part outside xl/', { workbookPath: 'book/main.xml' }],
    ['the workbook part outside xl/, absolute targets', { workbookPath: 'book/main.xml', absoluteTargets: true }],
    ['sheets before the shared strings and styles in the zip', { sheetsFirst: true }],
    ['no _rels/.rels: the [Content_Types].xml override names the workbook', { noPackageRels: true, workbookPath: 'wb/book.xml' }],
    ['strict OOXML (purl.oclc.org namespaces)', { strict: true }],
    ['prefixed elements (<x:worksheet>, <x:c> …)', { prefix: 'x' }],
  ];
  for (const [what, over] of cases) {
    it(what, async () => {
      const p = over.prefix ? `${over.prefix}:` : '';
      const sheetData = over.prefix ? row(1, ['Rep', 'Amount', 'Closed', 'Stage'], p) + row(2, ['R1', 10, null, 'Won'], p) : data;
      const r = await read({ sheets: [{ name: 'Orders', data: sheetData }], ...over }, { sheet: 'Orders' });
      expect(table(r)).toEqual({ rep: ['R1'], amount: [1000], closed: [null], stage: ['Won'], rows: [2] });
    });
  }

  it('shared strings read whatever the entry order (exceljs raced: some runs gave {sharedString: n})', async () => {
    const book: HandBook = {
      sheetsFirst: true,
      sst: ['Rep', 'Amount', 'Closed', 'Stage', 'R1', 'Won'].map((t) => `<t>${t}</t>`),
      sheets: [
        {
          name: 'S',
          data:
            '<row r="1">' +
            [0, 1, 2, 3].map((i) => `<c r="${'ABCD'[i]}1" t="s"><v>${i}</v></c>`).join('') +
            '</row>' +
            '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>5</v></c><c r="D2" t="s"><v>5</v></c></row>',
        },
      ],
    };
    for (let k = 0; k < 5; k++) expect(table(await read(book))).toEqual({ rep: ['R1'], amount: [500], closed: [null], stage: ['Won'], rows: [2] });
  });

  it('no <dimension>, rows and cells without r attributes: numbered in sequence, as Excel does', async () => {
    const data =
      '<row><c t="inlineStr"><is><t>Rep</t></is></c><c t="inlineStr"><is><t>Amount</t></is></c><c t="inlineStr"><is><t>Closed</t></is></c><c t="inlineStr"><is><t>Stage</t></is></c></row>' +
      '<row><c t="inlineStr"><is><t>R1</t></is></c><c><v>1</v></c></row><row r="7"><c r="A7" t="inlineStr"><is><t>R2</t></is></c><c><v>2</v></c></row>';
    expect(table(await read({ sheets: [{ name: 'S', data }] }))).toEqual({
      rep: ['R1', 'R2'],
      amount: [100, 200],
      closed: [null, null],
      stage: [null, null],
      rows: [2, 7],
    });
  });

  it('comments, CDATA, processing instructions and CR LF line ends in the sheet XML', async () => {
    const data =
      HEADER + '<!-- a comment <row r="9"> -->\r\n<row r="2"><?pi x?><c r="A2" t="inlineStr"><is><t><![CDATA[R<1>]]></t></is></c><c r="B2"><v>3</v></c></row>';
    expect(table(await read({ sheets: [{ name: 'S', data }] }))).toEqual({ rep: ['R<1>'], amount: [300], closed: [null], stage: [null], rows: [2] });
  });

  it('a DOCTYPE (how XML entity bombs start) is refused', async () => {
    const data =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
    const e = await failure(read({ sheets: [{ name: 'S', data }] }));
    expect(e.message).toBe('hand-' + n + '.xlsx could not be read as an .xlsx workbook: it declares a DOCTYPE, which no spreadsheet program writes.');
  });
});

describe('sheet choice', () => {
  const old = { name: 'Old', state: 'hidden' as const, data: HEADER + row(2, ['R9', 999, null, 'Won']) };
  const orders = { name: 'Orders', data: HEADER + row(2, ['R1', 10, null, 'Won']) };

  it('without a name: the first visible sheet, with a warning that hidden sheets were not read', async () => {
    const r = await read({ sheets: [old, { ...old, name: 'Lookup', state: 'veryHidden' }, orders] });
    expect(table(r).rep).toEqual(['R1']);
    expect(r.issues).toEqual([
      {
        file: `hand-${n}.xlsx`,
        source: 'sales',
        severity: 'warning',
        action: 'kept',
        code: 'KPI2308',
        params: { sheet: 'Orders', hidden: '"Old", "Lookup"' },
        reason:
          'read the first visible sheet, "Orders"; the workbook also has hidden sheets ("Old", "Lookup") that were not read. Name the sheet with sheet: in the scheme to be sure',
      },
    ]);
  });

  it('a named hidden sheet is read, with a note', async () => {
    const r = await read({ sheets: [old, orders] }, { sheet: 'Old' });
    expect(table(r).rep).toEqual(['R9']);
    expect(issueReasons(r)).toEqual(['- warning: sheet "Old" is hidden in the workbook; it was read because the scheme names it']);
  });

  it('only hidden sheets: refused, naming them', async () => {
    const e = await failure(read({ sheets: [old] }));
    expect(e.message).toBe(`hand-${n}.xlsx has no visible worksheet, only hidden sheets ("Old"); name the one to read with sheet: in the scheme.`);
  });

  it('a missing sheet: did-you-mean for a near name, never for the name itself', async () => {
    const e = await failure(read({ sheets: [orders] }, { sheet: 'Order' }));
    expect(e.message).toBe(`hand-${n}.xlsx has no sheet named "Order" (did you mean "Orders"?). Its sheets: "Orders".`);
    const f = await failure(read({ sheets: [orders, { ...orders, name: 'Sales Oct' }] }, { sheet: 'Sales Nov' }));
    expect(f.message).toBe(`hand-${n}.xlsx has no sheet named "Sales Nov". Its sheets: "Orders", "Sales Oct".`);
  });

  it('readHeaders reads the visible sheet too', async () => {
    const path = await file({ sheets: [{ ...old, data: row(1, ['Old', 'Headers']) }, orders] });
    expect(await readHeaders(spec(path, { columns: COLS }))).toEqual(['Rep', 'Amount', 'Closed', 'Stage']);
  });
});

describe('cells', () => {
  it('shared strings: rich-text runs joined, phonetic runs skipped, entities decoded once, _xHHHH_ escapes, spaces kept', async () => {
    const book: HandBook = {
      sst: [
        '<r><t>1,2</t></r><r><rPr><b/></rPr><t>00.00</t></r>',
        '<t>受注</t><rPh sb="0" eb="2"><t>ジュチュウ</t></rPh><phoneticPr fontId="1"/>',
        '<t>a &amp;lt; b &#x4E2D;&#25991;</t>',
        '<t xml:space="preserve">  R 1  </t>',
        '<t>line_x000D_break _x005F_x0041_</t>',
        '<r><t>R</t></r><r><t>2</t></r>',
      ],
      sheets: [
        {
          name: 'S',
          data:
            HEADER +
            '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c><c r="E2" t="s"><v>2</v></c><c r="F2" t="s"><v>4</v></c></row>' +
            '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3"><v>1</v></c><c r="D3" t="s"><v>1</v></c></row>',
        },
      ],
    };
    const c = await cells(book);
    expect([c.get('A2'), c.get('B2'), c.get('D2'), c.get('E2'), c.get('F2'), c.get('A3')]).toEqual([
      '  R 1  ',
      '1,200.00',
      '受注',
      'a &lt; b 中文',
      'line\rbreak _x0041_',
      'R2',
    ]);
    expect(table(await read(book))).toEqual({ rep: ['R 1', 'R2'], amount: [120000, 100], closed: [null, null], stage: ['受注', '受注'], rows: [2, 3] });
  });

  it('inline strings: every rich run joined (exceljs kept only the last: "1,2"+"00.00" read as "00.00")', async () => {
    const rich = (ref: string, ...runs: string[]) =>
      `<c r="${ref}" t="inlineStr"><is>${runs.map((t) => `<r><rPr><i/></rPr><t>${t}</t></r>`).join('')}</is></c>`;
    const r = await read(plain(`<row r="2">${rich('A2', 'R', '2')}${rich('B2', '1,2', '00.00')}${rich('D2', 'W', 'on')}</row>`));
    expect(table(r)).toEqual({ rep: ['R2'], amount: [120000], closed: [null], stage: ['Won'], rows: [2] });
  });

  it('numbers, booleans, errors, formulas with cached values (shared formulas too), formulas without, ISO dates', async () => {
    const rows = [
      '<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2"><f>1+1</f><v>2</v></c><c r="C2" t="d"><v>2026-11-03T00:00:00</v></c><c r="D2" t="str"><f>"W"&amp;"on"</f><v>Won</v></c></row>',
      '<row r="3"><c r="A3" t="inlineStr"><is><t>R2</t></is></c><c r="B3"><f t="shared" ref="B3:B4" si="0">B2*2</f><v>4</v></c><c r="C3" t="d"><v>2026-11-04</v></c></row>',
      '<row r="4"><c r="A4" t="inlineStr"><is><t>R3</t></is></c><c r="B4"><f t="shared" si="0"/><v>8</v></c></row>',
      '<row r="5"><c r="A5" t="inlineStr"><is><t>R4</t></is></c><c r="B5" t="b"><v>1</v></c></row>',
      '<row r="6"><c r="A6" t="inlineStr"><is><t>R5</t></is></c><c r="B6" t="b"><f>TRUE()</f><v>1</v></c></row>',
      '<row r="7"><c r="A7" t="inlineStr"><is><t>R6</t></is></c><c r="B7" t="e"><v>#N/A</v></c></row>',
      '<row r="8"><c r="A8" t="inlineStr"><is><t>R7</t></is></c><c r="B8" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
      '<row r="9"><c r="A9" t="inlineStr"><is><t>R8</t></is></c><c r="B9"><f>X1</f><v></v></c></row>',
      '<row r="10"><c r="A10" t="inlineStr"><is><t>R9</t></is></c><c r="B10"><f>X1</f></c></row>',
      '<row r="11"><c r="A11" t="str"><f>"R"&amp;10</f><v>R10</v></c><c r="B11"><f>0*1</f><v>0</v></c><c r="D11" t="str"><f>""</f><v></v></c></row>',
      '<row r="12"><c r="A12" t="inlineStr"><is><t>R11</t></is></c><c r="B12"><v>1.5E+3</v></c><c r="C12" t="d"><v>2026-02-30</v></c></row>',
    ];
    const r = await read(plain(rows.join('')));
    expect(table(r)).toEqual({
      rep: ['R1', 'R2', 'R3', 'R10'],
      amount: [200, 400, 800, 0],
      closed: ['2026-11-03', '2026-11-04', null, null],
      stage: ['Won', null, null, null],
      rows: [2, 3, 4, 11],
    });
    expect(issueReasons(r).filter((s) => !s.includes('no date'))).toEqual([
      '5 error: "TRUE" is a true/false value, not a number',
      '6 error: "TRUE" is a true/false value, not a number',
      '7 error: cell B7 shows the error #N/A',
      '8 error: the formula in B8 shows the error #DIV/0!',
      '9 error: the formula in B9 has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice',
      '10 error: the formula in B10 has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice',
      '12 error: cell C12 should hold a date but holds "2026-02-30": the file may be damaged',
    ]);
    expect(r.issues.find((i) => i.row === 9)?.value).toBe('=X1');
  });
});

describe('dates by number format', () => {
  const DATE_IDS = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
  const CUSTOM_DATES = [
    'yyyy"年"m"月"d"日"',
    'yyyy年m月d日',
    '[$-804]yyyy"年"m"月"d"日";@',
    '[DBNum1][$-804]yyyy"年"m"月"d"日"',
    'm/d/yyyy',
    'dd/mm/yy;@',
    '[h]:mm:ss',
    'yyyy-mm-dd hh:mm',
  ];
  const NOT_DATES = ['0.00%', '#,##0.00', '@', '[Red]#,##0.00;(#,##0.00)', '0.00E+00', '"Day "0', '[$¥-804]#,##0.00', 'General'];

  it('built-in date ids 14–22, 27–36, 45–47, 50–58 and custom date codes make a number a date; others do not', async () => {
    const custom = [...CUSTOM_DATES, ...NOT_DATES].map((code, i): [number, string] => [164 + i, code]);
    const xfs = [0, ...DATE_IDS, ...custom.map(([id]) => id), 9, 10, 49, 2];
    const all = xfs.slice(1);
    const c = await cells({
      numFmts: custom,
      xfs,
      sheets: [{ name: 'S', data: all.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="${i + 1}"><v>46327.5</v></c></row>`).join('') }],
    });
    const kinds = all.map((_, i) => c.get(`A${i + 1}`) instanceof Date);
    const dates = DATE_IDS.length + CUSTOM_DATES.length;
    expect(kinds).toEqual(all.map((_, i) => i < dates));
    expect((c.get('A1') as Date).toISOString()).toBe('2026-11-01T12:00:00.000Z');
  });

  it('a date-formatted formula result is a date; the 1904 date system; no time-zone dependence', async () => {
    const saved = process.env.TZ;
    try {
      const seen: unknown[] = [];
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        expect(new Date(Date.UTC(2026, 10, 1)).getTimezoneOffset()).toBe(tz === 'Asia/Shanghai' ? -480 : 420);
        for (const date1904 of [false, true]) {
          const serial = date1904 ? 46327 - 1462 : 46327;
          const r = await read({
            date1904,
            numFmts: [[164, 'yyyy"年"m"月"d"日"']],
            xfs: [0, 31, 164, 14],
            sheets: [
              {
                name: 'S',
                data:
                  HEADER +
                  `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="C2" s="1"><f>TODAY()</f><v>${serial}.99</v></c><c r="D2" s="2"><v>${serial}</v></c></row>` +
                  `<row r="3"><c r="A3" t="inlineStr"><is><t>R2</t></is></c><c r="C3"><v>${serial}</v></c><c r="D3" s="3"><f>C3</f><v>${serial + 0.999999}</v></c></row>`,
              },
            ],
          });
          seen.push(table(r));
        }
      }
      const want = {
        rep: ['R1', 'R2'],
        amount: [null, null],
        closed: ['2026-11-01', '2026-11-01'],
        stage: ['2026-11-01', '2026-11-01 23:59:59'],
        rows: [2, 3],
      };
      for (const t of seen) expect(t).toEqual(want);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('rows of only spaces (a formatted blank row as Excel or WPS save it): as blank as a row of no cells', () => {
  // Column E (Note) is not read by the scheme: its cells are stepped over unread, and read again only for a row with
  // no value the scheme reads. Column G is right of the header.
  const rows = (p: string): string =>
    [
      `<${p}row r="2"><${p}c r="A2" t="s"><${p}v>3</${p}v></${p}c><${p}c r="B2"><${p}v>5</${p}v></${p}c><${p}c r="E2" t="s"><${p}v>0</${p}v></${p}c></${p}row>`,
      `<${p}row r="3"><${p}c r="A3" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B3" t="s"><${p}v>1</${p}v></${p}c><${p}c r="D3" t="s"><${p}v>2</${p}v></${p}c></${p}row>`,
      `<${p}row r="4"><${p}c r="A4" s="0"/><${p}c r="E4" t="s"><${p}v>0</${p}v></${p}c></${p}row>`,
      `<${p}row r="5"><${p}c r="C5" t="inlineStr"><${p}is><${p}t xml:space="preserve">\u3000</${p}t></${p}is></${p}c><${p}c r="E5" t="inlineStr"><${p}is><${p}t xml:space="preserve">  </${p}t></${p}is></${p}c></${p}row>`,
      `<${p}row r="6"><${p}c r="E6" t="str"><${p}f>IF(1,"","x")</${p}f><${p}v></${p}v></${p}c><${p}c r="G6" t="s"><${p}v>0</${p}v></${p}c></${p}row>`,
      `<${p}row r="7"><${p}c r="A7" t="s"><${p}v>0</${p}v></${p}c><${p}c r="E7" t="s"><${p}v>4</${p}v></${p}c></${p}row>`,
      `<${p}row r="8"><${p}c r="E8"><${p}v>0</${p}v></${p}c></${p}row>`,
      `<${p}row r="9"><${p}c r="E9"><${p}f>X1</${p}f></${p}c></${p}row>`,
      `<${p}row r="10"><${p}c r="A10" t="s"><${p}v>3</${p}v></${p}c><${p}c r="B10"><${p}v>7</${p}v></${p}c><${p}c r="D10" t="s"><${p}v>0</${p}v></${p}c><${p}c r="E10" t="s"><${p}v>1</${p}v></${p}c></${p}row>`,
    ].join('');
  const header = (p: string): string => row(1, ['Rep', 'Amount', 'Closed', 'Stage', 'Note'], p);
  const sst = (p: string): string[] => [' ', '   ', '\u00a0', 'R1', 'total'].map((t) => `<${p}t xml:space="preserve">${t}</${p}t>`);

  for (const prefix of ['', 'x']) {
    it(`are skipped without a word; a value in a column not read is still said (KPI2003)${prefix ? ', with a namespace prefix' : ''}`, async () => {
      const p = prefix ? `${prefix}:` : '';
      const r = await read({ sst: sst(p), prefix, sheets: [{ name: 'S', data: header(p) + rows(p) }] });
      expect(table(r)).toEqual({ rep: ['R1', 'R1'], amount: [500, 700], closed: [null, null], stage: [null, null], rows: [2, 10] });
      expect(r.issues.filter((i) => i.code !== 'KPI2201').map((i) => `${i.row} ${i.code}`)).toEqual(['7 KPI2003', '8 KPI2003', '9 KPI2003']);
    });
  }
});

describe('rows whose only content is invisible characters (a zero-width space, word joiner or BOM): blank too', () => {
  it('in columns the scheme reads or not, and right of the header; beside a value still said', async () => {
    const is = (ref: string, t: string): string => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const data =
      row(1, ['Rep', 'Amount', 'Closed', 'Stage', 'Note']) +
      `<row r="2">${is('A2', 'R1')}<c r="B2"><v>5</v></c></row>` +
      `<row r="3">${is('E3', '\u200b')}</row>` +
      `<row r="4">${is('A4', '\u2060')}${is('D4', '\ufeff\u200b')}</row>` +
      `<row r="5">${is('E5', ' \u200e')}${is('G5', '\u200b')}</row>` +
      `<row r="6"><c r="E6" t="s"><v>0</v></c></row>` +
      `<row r="7">${is('E7', '\u200btotal')}</row>` +
      `<row r="8">${is('A8', 'R1\u200b')}<c r="B8"><v>7</v></c></row>`;
    const r = await read({ sst: ['<t>\u200b\u200b</t>'], sheets: [{ name: 'S', data }] });
    expect(table(r)).toEqual({ rep: ['R1', 'R1'], amount: [500, 700], closed: [null, null], stage: [null, null], rows: [2, 8] });
    expect(r.issues.filter((i) => i.code !== 'KPI2201').map((i) => `${i.row} ${i.code}`)).toEqual(['7 KPI2003', '8 KPI2302']);
  });
});

describe('merged cells', () => {
  it('a mapped cell inside a merge below the header is an issue naming the merge; the top-left cell keeps the value', async () => {
    const data =
      row(1, ['Sales, November']) +
      row(2, ['Rep', 'Amount', 'Closed', 'Stage', 'Note']) +
      row(3, ['R1', 10, null, 'Won', 'x']) +
      row(4, [null, 20, null, 'Won', null]) +
      row(5, ['R2', 30, null, 'Won', 'y']) +
      row(6, ['R3', 40, null, 'Won', null]);
    const r = await read({
      sheets: [{ name: 'S', data, after: '<mergeCells count="3"><mergeCell ref="A1:E1"/><mergeCell ref="A3:A4"/><mergeCell ref="E5:E6"/></mergeCells>' }],
    });
    expect(table(r)).toEqual({
      rep: ['R1', 'R2', 'R3'],
      amount: [1000, 3000, 4000],
      closed: [null, null, null],
      stage: ['Won', 'Won', 'Won'],
      rows: [3, 5, 6],
    });
    expect(issueReasons(r).filter((s) => !s.includes('no date'))).toEqual([
      '4 error: cell A4 is inside the merged cells A3:A4, whose value is only in A3: unmerge them and fill in every row',
    ]);
  });

  it('a merge across mapped columns of one data row: every cell but the top-left is reported', async () => {
    const data = HEADER + row(2, ['R1', 10, null, 'Won']);
    const r = await read({ sheets: [{ name: 'S', data, after: '<mergeCells><mergeCell ref="B2:D2"/></mergeCells>' }] });
    expect(issueReasons(r)).toEqual([
      '2 error: cell C2 is inside the merged cells B2:D2, whose value is only in B2: unmerge them and fill in every row',
      '2 error: cell D2 is inside the merged cells B2:D2, whose value is only in B2: unmerge them and fill in every row',
    ]);
  });
});

describe('a header written on two rows with merged cells (KPI2176)', () => {
  // Rep, Closed and Stage merged over rows 1–2; "Money" over B1:C1 above "Amount" and "Tax": before, KPI2667 said
  // "Amount" was not in the header row 1, with no word on the merges.
  const header = row(1, ['Rep', 'Money', null, 'Closed', 'Stage']) + row(2, [null, 'Amount', 'Tax', null, null]);
  const merges = '<mergeCells count="4"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/><mergeCell ref="D1:D2"/><mergeCell ref="E1:E2"/></mergeCells>';
  const said =
    ': the header is written on two rows, 1 and 2, with merged cells (A1:A2, B1:C1, D1:D2, E1:E2): "Amount" is on row 2, the other headers the scheme maps on row 1.';

  it('a short sheet: the run stops naming the rows and the merges', async () => {
    const e = await failure(read({ sheets: [{ name: 'S', data: header + row(3, ['R1', 10, 1, null, 'Won']), after: merges }] }));
    expect([e.code, e.row, e.column]).toEqual(['KPI2176', 1, 'Amount']);
    expect(e.message).toContain(said);
  });

  it('past the rows searched for the header (the merges are read once more)', async () => {
    let data = header;
    for (let r = 3; r <= 40; r++) data += row(r, [`R${r}`, r, 1, null, 'Won']);
    const e = await failure(read({ sheets: [{ name: 'S', data, after: merges }] }));
    expect([e.code, e.row]).toEqual(['KPI2176', 1]);
    expect(e.message).toContain(said);
  });

  it('without merges, a header missing from the row is said as before', async () => {
    const e = await failure(read({ sheets: [{ name: 'S', data: header + row(3, ['R1', 10, 1, null, 'Won']) }] }));
    expect(e.code).toBe('KPI2667');
  });
});

describe('a cell written twice (<c r="B2"> twice in one row, as some generators write)', () => {
  const twice = (first: string, second: string): string =>
    `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c>${first}${second}<c r="D2" t="inlineStr"><is><t>Won</t></is></c></row>`;

  it('is an error naming the sheet and the cell, and its row is not counted, whichever value came last', async () => {
    const r = await read({
      sheets: [{ name: 'Deals', data: HEADER + twice('<c r="B2"><v>500</v></c>', '<c r="B2"><v>5000</v></c>') + row(3, ['R2', 30, null, 'Won']) }],
    });
    expect(table(r).rows).toEqual([3]);
    expect(issueReasons(r).filter((s) => !s.includes('no date'))).toEqual([
      '2 error: cell B2 of sheet "Deals" is written twice in the file (two cells B2 in the sheet\'s XML, as some programs that write workbooks do by mistake): which value is meant is not known',
    ]);
    expect(r.issues.find((i) => i.code === 'KPI2172')).toMatchObject({ row: 2, column: 'Amount', value: '5000' });
  });

  it('as a shared string after a number, and in a cell without its own reference after one with it', async () => {
    const book: HandBook = {
      sst: ['<t>Won</t>', '<t>Lost</t>'],
      sheets: [
        {
          name: 'S',
          data:
            HEADER +
            `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2"><v>1</v></c><c r="C2"/><c t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>`,
        },
      ],
    };
    const r = await read(book);
    expect(table(r).rows).toEqual([]);
    expect(r.issues.map((i) => i.code)).toContain('KPI2172');
  });

  it('in the header row: the run stops naming the sheet and the cell, not a header that is missing', async () => {
    const header =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Rep</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c><c r="C1" t="inlineStr"><is><t>Closed</t></is></c><c r="D1" t="inlineStr"><is><t>Stage</t></is></c></row>';
    const e = await failure(read({ sheets: [{ name: 'Deals', data: header + row(2, ['R1', 10, null, 'Won']) }] }));
    expect([e.code, e.row]).toEqual(['KPI2173', 1]);
    expect(e.message).toMatch(/: cell B1 of sheet "Deals", in the header row 1, is written twice in the file/);
  });

  it('a styled empty cell beside a cell with content, and cells out of column order, are read as before', async () => {
    const data =
      HEADER +
      `<row r="2"><c r="B2" s="0"/><c r="B2"><v>7</v></c><c r="D2" t="inlineStr"><is><t>Won</t></is></c><c r="A2" t="inlineStr"><is><t>R1</t></is></c></row>`;
    const r = await read({ sheets: [{ name: 'S', data }] });
    expect(table(r)).toMatchObject({ rep: ['R1'], amount: [700], stage: ['Won'], rows: [2] });
    expect(r.issues.map((i) => i.code)).not.toContain('KPI2172');
  });
});

describe('what the scheme does not use is not decoded', () => {
  it('after the header, only mapped columns (and any right of the header) reach the sink', async () => {
    const data =
      row(1, ['Rep', 'X', 'Amount']) +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2" t="e"><v>#REF!</v></c><c r="C2"><v>1</v></c><c r="E2"><v>5</v></c></row>';
    const r = await read({ sheets: [{ name: 'S', data }] }, { columns: [COLS[0]!, COLS[1]!] });
    expect(values(r.table.columns.get('rep'))).toEqual(['R1']);
    // B2's error is in a column the scheme does not map: no issue; E2 is right of the header: reported once.
    expect(issueReasons(r)).toEqual(['2 warning: column E has values but no header; they are not read']);
  });

  it('a value under a blank header cell that ends the header row is right of the header: reported once', async () => {
    const data = row(1, ['Rep', 'Amount', ' ']) + row(2, ['R1', 1, null]) + row(3, ['R1', 2, 'x']) + row(4, ['R1', 3, 'y']);
    const r = await read({ sheets: [{ name: 'S', data }] }, { columns: [COLS[0]!, COLS[1]!] });
    expect(values(r.table.columns.get('amount'))).toEqual([100, 200, 300]);
    expect(issueReasons(r)).toEqual(['3 warning: column C has values but no header; they are not read']);
  });
});

describe('the reader as a later `kpi peek` uses it', () => {
  it('lists sheets with kind and visibility, and streams typed cells with their number-format kind', async () => {
    const wb = await Workbook.open(
      await file({
        xfs: [0, 14, 10, 49, 4],
        sheets: [
          { name: 'Old', state: 'hidden', data: '' },
          {
            name: 'Data',
            data:
              row(1, ['Rep', 'Closed', 'Rate', 'Code', 'Amount']) +
              '<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2" s="1"><v>46327</v></c><c r="C2" s="2"><v>0.125</v></c><c r="D2" s="3" t="inlineStr"><is><t>007</t></is></c><c r="E2" s="4"><v>1234.5</v></c></row>' +
              row(3, ['R2']),
          },
        ],
      }),
      'peek.xlsx',
    );
    try {
      expect(wb.sheets.map((s) => [s.name, s.kind, s.visibility])).toEqual([
        ['Old', 'worksheet', 'hidden'],
        ['Data', 'worksheet', 'visible'],
      ]);
      const rows = await wb.firstRows(wb.choose(undefined).sheet, 2);
      expect(rows.map((r) => r.row)).toEqual([1, 2]);
      expect(rows[1]!.cells.map((c) => [c.col, c.value instanceof Date ? c.value.toISOString() : c.value, FORMAT_KIND_NAMES[c.format]])).toEqual([
        [0, 'R1', 'number'],
        [1, '2026-11-01T00:00:00.000Z', 'date'],
        [2, 0.125, 'percent'],
        [3, '007', 'text'],
        [4, 1234.5, 'number'],
      ]);
    } finally {
      wb.close();
    }
  });
});
