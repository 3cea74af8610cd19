// Every data issue on the report (issue 9): as many sheets as the issues need, each row as exceljs and kpi's own
// reader read it back, strange text included. Small sheets here (3 rows each) stand for Excel's 1,048,575.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { DataIssue } from '../../src/core/table.js';
import { translator } from '../../src/messages/index.js';
import { createWorkbook, readWorkbook, workbookToBuffer } from '../../src/output/excel.js';
import { addIssueSheets, issueSheetNames, writeIssueRows, xmlText } from '../../src/output/issue-sheets.js';
import { readReportCells } from '../../src/plan/report-cells.js';
import { Workbook as Reader } from '../../src/reading/xlsx/workbook.js';
import { zipEntry } from './zip.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-issue-sheets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Without a code (as only a test can make one: the type requires it), so the sheet shows the reason as written.
const issue = (k: number, value = `v${k}`): DataIssue =>
  ({ file: 'sales.csv', source: 'sales', row: k + 2, column: 'Amount', value, reason: `bad ${k}`, severity: 'error', action: 'skipped' }) as Omit<
    DataIssue,
    'code'
  > as DataIssue;

async function build(issues: DataIssue[], rowsPerSheet: number, locale: 'en-US' | 'zh-CN' = 'en-US'): Promise<Buffer> {
  const wb = createWorkbook(new Date(Date.UTC(2026, 10, 30)), 'kpi test');
  wb.addWorksheet('Summary').getCell('A1').value = 'before';
  const { rows } = addIssueSheets(wb, issues, translator(locale), rowsPerSheet);
  wb.addWorksheet('Run').getCell('A1').value = 'after';
  return writeIssueRows(await workbookToBuffer(wb), rows);
}

/** Every sheet's cells as kpi's own reader (the one kpi verify uses) reads them. */
async function cells(bytes: Buffer): Promise<Map<string, Map<string, unknown>>> {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, bytes);
  const book = await Reader.open(file, 'r.xlsx');
  try {
    return new Map((await readReportCells(book)).map((s) => [s.name, new Map([...s.cells].map(([ref, c]) => [ref, c.value]))]));
  } finally {
    book.close();
  }
}

describe('issue sheets', () => {
  test("past a sheet's rows, continuation sheets named so they read as one list, in English and Chinese", () => {
    expect(issueSheetNames(7, translator('en-US'), 3)).toEqual(['Data issues', 'Data issues (cont. 2)', 'Data issues (cont. 3)']);
    expect(issueSheetNames(7, translator('zh-CN'), 3)).toEqual(['数据问题', '数据问题（续2）', '数据问题（续3）']);
    expect(issueSheetNames(0, translator('en-US'), 3)).toEqual(['Data issues']);
    expect(issueSheetNames(1_048_575, translator('en-US'))).toEqual(['Data issues']);
    expect(issueSheetNames(1_048_576, translator('en-US'))).toEqual(['Data issues', 'Data issues (cont. 2)']);
  });

  test("every issue is on a sheet, in order, read back by exceljs and by kpi's reader; other sheets untouched", async () => {
    const issues = Array.from({ length: 7 }, (_, k) => issue(k));
    const bytes = await build(issues, 3);
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Data issues', 'Data issues (cont. 2)', 'Data issues (cont. 3)', 'Run']);
    const rowsOf = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const out: unknown[][] = [];
      ws.eachRow((row, r) => out.push([r, ...(row.values as unknown[]).slice(1)]));
      return out;
    };
    const head = [1, 'File', 'Source', 'Row', 'Column', 'Value', 'Reason', 'Severity', 'Action'];
    const line = (r: number, k: number) => [r, 'sales.csv', 'sales', k + 2, 'Amount', `v${k}`, `bad ${k}`, 'error', 'skipped'];
    expect(rowsOf('Data issues')).toEqual([head, line(2, 0), line(3, 1), line(4, 2)]);
    expect(rowsOf('Data issues (cont. 2)')).toEqual([head, line(2, 3), line(3, 4), line(4, 5)]);
    expect(rowsOf('Data issues (cont. 3)')).toEqual([head, line(2, 6)]);
    expect(wb.getWorksheet('Data issues (cont. 3)')!.autoFilter).toBe('A1:H2');
    expect(String(wb.getWorksheet('Data issues (cont. 2)')!.getCell('A1').note)).toContain('Data issues 4 to 6 of 7');
    expect(wb.getWorksheet('Summary')!.getCell('A1').value).toBe('before');
    expect(wb.getWorksheet('Run')!.getCell('A1').value).toBe('after');
    const own = await cells(bytes);
    expect(own.get('Data issues (cont. 3)')).toEqual(
      new Map<string, unknown>([
        ['A1', 'File'],
        ['B1', 'Source'],
        ['C1', 'Row'],
        ['D1', 'Column'],
        ['E1', 'Value'],
        ['F1', 'Reason'],
        ['G1', 'Severity'],
        ['H1', 'Action'],
        ['A2', 'sales.csv'],
        ['B2', 'sales'],
        ['C2', 8],
        ['D2', 'Amount'],
        ['E2', 'v6'],
        ['F2', 'bad 6'],
        ['G2', 'error'],
        ['H2', 'skipped'],
      ]),
    );
    expect(zipEntry(bytes, 'xl/worksheets/sheet4.xml')).toContain('<dimension ref="A1:H2"/>');
  });

  test('no issue: the sheet is there with its header only', async () => {
    const wb = await readWorkbook(await build([], 3));
    const ws = wb.getWorksheet('Data issues')!;
    expect(ws.rowCount).toBe(1);
    expect(ws.getCell('A2').value).toBeNull();
  });

  test('text is read back as written: XML characters, controls, escapes, emoji, spaces; formula-like text as text', async () => {
    const odd = [
      'a & b <c> "d"',
      'tab\there',
      'nul\u0000bell\u0007',
      '_x0041_ stays',
      '😀 emoji',
      '  spaced  ',
      '=HYPERLINK("http://evil","x")',
      '@SUM(1)',
      'line\nbreak',
      'half \ud800 surrogate',
    ];
    const issues = odd.map((v, k) => issue(k, v));
    const bytes = await build(issues, 100);
    const wb = await readWorkbook(bytes);
    const ws = wb.getWorksheet('Data issues')!;
    // exceljs does not decode Excel's _xHHHH_ escapes (Excel and kpi's reader do): it is asked for the others.
    const plain = [0, 1, 4, 5, 6, 7, 8];
    expect(plain.map((k) => ws.getCell(`E${k + 2}`).value)).toEqual(plain.map((k) => odd[k]));
    for (const r of [8, 9]) {
      expect(ws.getCell(`E${r}`).formula).toBeUndefined();
      expect(ws.getCell(`E${r}`).numFmt).toBe('@'); // re-entered in Excel, it stays text
    }
    expect(ws.getCell('E2').numFmt).not.toBe('@');
    const own = (await cells(bytes)).get('Data issues')!;
    expect(odd.map((_, k) => own.get(`E${k + 2}`))).toEqual(odd);
  });

  test('long reasons wrap in their column and their rows say their height', async () => {
    const long = 'word '.repeat(40).trim();
    const bytes = await build([{ ...issue(0), reason: long }, issue(1)], 100);
    const wb = await readWorkbook(bytes);
    const ws = wb.getWorksheet('Data issues')!;
    expect(ws.getColumn(6).width).toBe(50);
    expect(ws.getCell('F2').alignment?.wrapText).toBe(true);
    expect(ws.getRow(2).height).toBeGreaterThan(15);
    expect(ws.getRow(3).height ?? 15).toBe(15);
  });

  test('xmlText escapes exactly what XML and Excel need', () => {
    expect(xmlText('plain text 123')).toBe('plain text 123');
    expect(xmlText('a&b<c>"')).toBe('a&amp;b&lt;c&gt;&quot;');
    expect(xmlText('\u0000\u001f')).toBe('_x0000__x001F_');
    expect(xmlText('_x0041_')).toBe('_x005F_x0041_'); // the underscore as _x005F_: reads back as _x0041_
    expect(xmlText('😀')).toBe('😀');
  });

  test('the same issues give the same bytes', async () => {
    const issues = Array.from({ length: 50 }, (_, k) => issue(k));
    expect((await build(issues, 20)).equals(await build(issues, 20))).toBe(true);
  });
});
