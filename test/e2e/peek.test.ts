// `kpi peek` on the built CLI: golden outputs for the shipped examples (the GB18030 one included) and for
// workbooks written by openpyxl, LibreOffice and exceljs; the machine formats; what goes wrong, in words.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi as run, expectNoStack, ROOT, type Ran } from './run.js';
import { goldenIn } from './golden.js';

const expectGolden = goldenIn('peek');

/** A locale that names no language (as in a container): the language comes from --lang or the headers. */
const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
const kpi = (args: string[], env: Record<string, string> = {}, cwd?: string): Ran => run(args, { env: { ...NO_LOCALE, ...env }, ...(cwd ? { cwd } : {}) });

const slug = (file: string): string => file.replace(/^(examples|test\/fixtures)\//, '').replace(/[/.]/g, '-');

const FILES = [
  'examples/acme/data/sales.csv',
  'examples/acme/data/collections.csv',
  'examples/acme/data/customers.csv',
  'examples/acme/data/reps.csv',
  'examples/acme/data/csat.csv',
  'examples/acme/data/targets.csv',
  'examples/acme/data/penalties.csv',
  'examples/china/data/sales.csv',
  'examples/china/data/collections.csv',
  'examples/china/data/reps.csv',
  'test/fixtures/xlsx/openpyxl.xlsx',
  'test/fixtures/xlsx/libreoffice.xlsx',
  'test/fixtures/peek/exceljs.xlsx',
];

describe('kpi peek: golden outputs', () => {
  for (const file of FILES) {
    it(file, () => {
      const r = kpi(['peek', file, '--rows', '5']);
      expectNoStack(r);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`${slug(file)}.txt`, r.stdout);
    });
  }

  it('in Chinese (--lang zh)', () => {
    const r = kpi(['peek', 'examples/china/data/sales.csv', '--rows', '3', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expectGolden('china-sales-zh.txt', r.stdout);
  });

  it("follows the locale: --lang, else LC_ALL, LC_MESSAGES or LANG, else the headers' language", () => {
    const english = 'header: row 1';
    const chinese = '表头：第 1 行';
    const acme = 'examples/acme/data/sales.csv';
    const china = 'examples/china/data/sales.csv';
    expect(kpi(['peek', acme, '--rows', '1']).stdout).toContain(english);
    expect(kpi(['peek', china, '--rows', '1']).stdout).toContain(chinese);
    expect(kpi(['peek', acme, '--rows', '1'], { LANG: 'zh_CN.UTF-8' }).stdout).toContain(chinese);
    expect(kpi(['peek', china, '--rows', '1'], { LANG: 'en_US.UTF-8' }).stdout).toContain(english);
    expect(kpi(['peek', acme, '--rows', '1'], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }).stdout).toContain(chinese);
    expect(kpi(['peek', acme, '--rows', '1'], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' }).stdout).toContain(english);
    expect(kpi(['peek', acme, '--rows', '1', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }).stdout).toContain(english);
    expect(kpi(['peek', china, '--rows', '1', '--lang', 'en']).stdout).toContain(english);
    // A locale of another language: the headers decide.
    expect(kpi(['peek', china, '--rows', '1'], { LANG: 'de_DE.UTF-8' }).stdout).toContain(chinese);
  });

  it('--format json (kpi-peek/1, docs/json-format.md)', () => {
    const r = kpi(['peek', 'examples/acme/data/sales.csv', '--format', 'json', '--rows', '2', '--top', '3']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('kpi-peek/1');
    expect(doc.columns.find((c: { header: string }) => c.header === 'Amount')).toMatchObject({
      type: 'money',
      unreadable: 1,
      unreadableExamples: [{ row: 1379, value: '12,4O0.00' }],
      min: '-1250.00',
      max: '33483.00',
    });
    expect(doc.firstRows[0]).toEqual({ row: 2, values: ['SO-26001', 'R109', 'C1244', 'West', 'Won', '15347.00', '2026-06-05', '2026-08-03'], errors: [] });
    expectGolden('acme-sales.json', r.stdout);
    // Every field is documented in docs/json-format.md.
    const docs = (readFileSync(path.join(ROOT, 'docs/json-format.md'), 'utf8').split('# `kpi peek --format json`')[1] ?? '').split(/\n# /)[0] ?? '';
    const documented = new Set(
      docs
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .flatMap((l) => (l.split('|')[1] ?? '').split(',').map((k) => k.trim().replace(/`/g, '').replace(/\[\]$/, ''))),
    );
    for (const key of [...Object.keys(doc), ...Object.keys(doc.columns[0])]) expect([key, documented.has(key)]).toEqual([key, true]);
  });

  it('--format csv prints every row as kpi reads it (GB18030 in, UTF-8 out; money as decimals, dates ISO)', () => {
    const r = kpi(['peek', 'examples/china/data/sales.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('订单编号,工号,销售代表,客户名称,区域,状态,金额,下单日期,日期');
    expect(lines[1]).toBe('DD202600001,XS004,刘洋,深圳金桥医疗器械有限公司,华东,已成交,38180.00,2026-08-25,2026-10-03');
    expect(lines).toHaveLength(488 + 2);
    expectGolden('china-sales.csv', r.stdout);
  });

  it('--format csv leaves an unreadable value empty and says so on stderr', () => {
    const r = kpi(['peek', 'examples/acme/data/sales.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toContain('SO-27378,R106,C1149,East,Won,,2026-10-27,2026-11-18');
    expect(r.stderr).toBe('kpi peek: 1 unreadable value (left empty); see them with: kpi peek examples/acme/data/sales.csv\n');
  });
});

describe('kpi peek on a workbook shaped as Excel writes it', () => {
  // What Excel (and WPS) write and openpyxl/LibreOffice/exceljs do not: shared strings with rich-text runs and
  // phonetic runs, custom number formats (a CJK date, a money format), built-in percent and date formats,
  // a merged title row, a hidden first sheet, an error cell and a formula with its cached value.
  it('every column typed as score reads it (golden)', async () => {
    const { handXlsx } = await import('../reading/xlsx-parts.js');
    const s = (r: string, i: number, style?: number): string => `<c r="${r}" t="s"${style ? ` s="${style}"` : ''}><v>${i}</v></c>`;
    const n = (r: string, v: number | string, style = 0, f?: string): string =>
      `<c r="${r}"${style ? ` s="${style}"` : ''}>${f ? `<f>${f}</f>` : ''}<v>${v}</v></c>`;
    const sst = [
      '<r><rPr><b/></rPr><t>2026年11月</t></r><r><t>销售明细</t></r>',
      '<t>工号</t>',
      '<t>销售员</t>',
      '<t>状态</t>',
      '<t>金额</t>',
      '<t>折扣率</t>',
      '<t>成交日期</t>',
      '<t>录入日期</t>',
      '<t>受注</t><rPh sb="0" eb="2"><t>ジュチュウ</t></rPh><phoneticPr fontId="1"/>',
      '<r><t>失</t></r><r><t>注</t></r>',
      '<t>张伟</t>',
      '<t xml:space="preserve">王芳 </t>',
      '<t>007</t>',
      '<t>008</t>',
    ];
    const rows = [
      `<row r="1">${s('A1', 0)}</row>`,
      `<row r="2">${[1, 2, 3, 4, 5, 6, 7].map((i, k) => s(`${'ABCDEFG'[k]}2`, i)).join('')}</row>`,
      `<row r="3">${s('A3', 12)}${s('B3', 10)}${s('C3', 8)}${n('D3', 38180.5, 2)}${n('E3', 0.05, 3)}${n('F3', 46329, 1)}${n('G3', 46330, 4)}</row>`,
      `<row r="4">${s('A4', 13)}${s('B4', 11)}${s('C4', 9)}${n('D4', 1234.56, 2, 'D3/31')}${n('E4', 0.1, 3)}${n('F4', 46330, 1)}${n('G4', 46331, 4)}</row>`,
      `<row r="5">${s('A5', 12)}${s('B5', 10)}${s('C5', 8)}<c r="D5" t="e" s="2"><v>#N/A</v></c>${n('E5', 0, 3)}${n('F5', 46356, 1)}${n('G5', 46357, 4)}</row>`,
      `<row r="6">${s('A6', 13)}${s('B6', 11)}${s('C6', 8)}${n('D6', 42700, 2)}${n('E6', 0.2, 3)}${n('F6', 46357, 1)}${n('G6', 46358, 4)}</row>`,
    ];
    const book = await handXlsx({
      sheets: [
        { name: 'Old', state: 'hidden', data: `<row r="1">${s('A1', 1)}</row>` },
        { name: '订单', data: rows.join(''), after: '<mergeCells count="1"><mergeCell ref="A1:G1"/></mergeCells>' },
        { name: 'Lookup', state: 'veryHidden', data: `<row r="1">${s('A1', 1)}</row>` },
      ],
      sst,
      numFmts: [
        [176, 'yyyy"年"m"月"d"日"'],
        [177, '"¥"#,##0.00;[Red]\\-"¥"#,##0.00'],
      ],
      xfs: [0, 176, 177, 10, 14],
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-peek-excel-'));
    writeFileSync(path.join(dir, 'excel.xlsx'), book);
    const r = kpi(['peek', 'excel.xlsx', '--lang', 'en'], {}, dir);
    expectNoStack(r);
    expect(r.code).toBe(0);
    expectGolden('excel-shaped-xlsx.txt', r.stdout);
    const json = JSON.parse(kpi(['peek', 'excel.xlsx', '--format', 'json'], {}, dir).stdout);
    const col = (h: string) => json.columns.find((c: { header: string }) => c.header === h);
    expect(json.header.row).toBe(2);
    expect(json.workbook.sheet).toBe('订单');
    expect(col('工号')).toMatchObject({
      type: 'text',
      top: [
        { value: '007', count: 2 },
        { value: '008', count: 2 },
      ],
    });
    // Phonetic runs ignored, rich runs joined: the values a filter on 受注/失注 matches.
    expect(col('状态')).toMatchObject({
      type: 'text',
      top: [
        { value: '受注', count: 3 },
        { value: '失注', count: 1 },
      ],
    });
    expect(col('金额')).toMatchObject({ type: 'money', unreadable: 1, min: '1234.56', max: '42700.00' });
    expect(col('折扣率')).toMatchObject({ type: 'percent', min: '0', max: '0.2' });
    expect(col('成交日期')).toMatchObject({ type: 'date', min: '2026-11-03', max: '2026-12-01' });
    expect(col('录入日期')).toMatchObject({ type: 'date', min: '2026-11-04', max: '2026-12-02' });
  });
});

describe('kpi peek at a terminal', () => {
  it('the column table fits the window: the values column takes what is left (80 columns)', async () => {
    const { renderTable } = await import('../../src/commands/peek/render.js');
    const { peekText } = await import('../../src/commands/peek/messages.js');
    const { profileFile } = await import('../../src/reading/profile/profile.js');
    const file = 'examples/acme/data/sales.csv';
    const p = await profileFile(path.join(ROOT, file), file, { firstRows: 0, top: 10, minorUnit: 2 });
    const table = (width?: number): string[] => {
      const lines = renderTable(p, peekText('en-US'), 0, width).split('\n');
      return lines.slice(
        lines.findIndex((l) => l.startsWith('column')),
        lines.findIndex((l) => l.startsWith('H  ')) + 1,
      );
    };
    expect(Math.max(...table(80).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(Math.max(...table().map((l) => l.length))).toBeGreaterThan(80);
  });
});

describe('kpi peek: choices and refusals', () => {
  it('a hidden sheet by name; a sheet that is not there lists the sheets', () => {
    const hidden = kpi(['peek', 'test/fixtures/xlsx/openpyxl.xlsx', '--sheet', 'Old']);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toContain('workbook, sheet "Old"; 1 data row');
    expect(hidden.stdout).toContain('sheet "Old" is hidden in the workbook; read because --sheet names it');
    expect(kpi(['peek', 'test/fixtures/xlsx/openpyxl.xlsx', '--sheet', 'Old', '--lang', 'zh']).stdout).toContain('工作表「Old」在工作簿中是隐藏的');
    const missing = kpi(['peek', 'test/fixtures/xlsx/openpyxl.xlsx', '--sheet', 'Nov']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'kpi peek: KPI2649 openpyxl.xlsx has no sheet named "Nov". Its sheets: "Old", "Orders".\n'.replace('openpyxl.xlsx', 'test/fixtures/xlsx/openpyxl.xlsx'),
    );
    // In Chinese too, with the same code.
    expect(kpi(['peek', 'test/fixtures/xlsx/openpyxl.xlsx', '--sheet', 'Nov', '--lang', 'zh']).stderr).toBe(
      'kpi peek: KPI2649 test/fixtures/xlsx/openpyxl.xlsx 中没有名为“Nov”的工作表。其工作表："Old", "Orders"。\n',
    );
  });

  it('files it cannot read: exit 1 with the reason, no stack', () => {
    for (const [file, text] of [
      ['no/such.csv', 'KPI2601 no/such.csv: no such file'],
      ['test/fixtures/xlsx/libreoffice.xls', 'old-style Excel'],
      ['test/fixtures/xlsx/libreoffice.ods', 'is an OpenDocument spreadsheet (.ods), not .xlsx'],
    ] as const) {
      const r = kpi(['peek', file]);
      expectNoStack(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(text);
    }
  });

  it('usage errors: exit 2', () => {
    expect(kpi(['peek', 'examples/acme/data/sales.csv', '--rows', 'ten']).code).toBe(2);
    expect(kpi(['peek', 'examples/acme/data/sales.csv', '--format', 'xml']).code).toBe(2);
    expect(kpi(['peek', 'examples/acme/data/sales.csv', '--lang', 'fr']).code).toBe(2);
    expect(kpi(['peek']).code).toBe(2);
  });

  it('--help has an example', () => {
    const r = kpi(['peek', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Example:\n  kpi peek data/sales.xlsx --sheet Orders');
  });
});
