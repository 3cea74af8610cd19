import { describe, expect, test } from 'vitest';
import { createWorkbook, readWorkbook, setNote, workbookToBuffer } from '../../src/output/excel.js';
import { addCharts, cellRef, columnLetters, insertDrawing, rangeRef, type ChartSpec } from '../../src/output/charts/index.js';
import { readZip, entryText, writeZip, crc32 } from '../../src/output/zip.js';
import { schemaOrderErrors } from './chart-schema.js';
import { child, findAll, parseXml } from './xml-tree.js';

async function sample(): Promise<Buffer> {
  const wb = createWorkbook(new Date(Date.UTC(2026, 10, 30)), 'kpi test');
  const ws = wb.addWorksheet("Reps' view");
  ws.getCell('A1').value = 'Rep';
  ws.getCell('B1').value = 'Payout';
  ['张伟', 'Bob & <Co>', 'Carol'].forEach((n, i) => {
    ws.getCell(2 + i, 1).value = n;
  });
  [40800, 19550.5, 0].forEach((v, i) => {
    ws.getCell(2 + i, 2).value = v;
  });
  // A note makes exceljs write <legacyDrawing>, which must stay after our <drawing>.
  setNote(ws.getCell('A2'), 'a note');
  wb.addWorksheet('Trend').getCell('A1').value = 1;
  return workbookToBuffer(wb);
}

const specs: ChartSpec[] = [
  {
    sheet: "Reps' view",
    at: { col: 3, row: 0, cols: 8, rows: 15 },
    kind: 'bar',
    title: 'Payout by rep',
    lang: 'zh-CN',
    categories: { values: ['张伟', 'Bob & <Co>', 'Carol'], ref: rangeRef("Reps' view", 0, 2, 4) },
    series: [{ name: 'Payout', nameRef: cellRef("Reps' view", 1, 1), values: [40800, 19550.5, 0], ref: rangeRef("Reps' view", 1, 2, 4) }],
    numberFormat: '"¥"#,##0',
    dataLabels: true,
  },
  {
    sheet: "Reps' view",
    at: { col: 3, row: 16, cols: 8, rows: 15 },
    kind: 'column',
    title: 'Two series',
    categories: { values: ['a', 'b'] },
    series: [
      { name: 'x', values: [1, null] },
      { name: 'y', values: [0.5, 2] },
    ],
    numberFormat: '0%',
  },
  {
    sheet: 'Trend',
    at: { col: 1, row: 1, cols: 8, rows: 15 },
    kind: 'line',
    title: 'Payout by month',
    categories: { values: ['2026-09', '2026-10', '2026-11'] },
    series: [{ name: 'Payout', values: [3, 1, 2] }],
    dataLabels: true,
  },
];

const parts = (zip: Buffer) => new Map(readZip(zip).map((e) => [e.name, entryText(e)]));

describe('addCharts', () => {
  test('adds chart and drawing parts, relationships and content types', async () => {
    const out = addCharts(await sample(), specs);
    const p = parts(out);
    expect([...p.keys()].filter((n) => /^xl\/(charts\/|drawings\/(_rels\/)?drawing)/.test(n)).sort()).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/drawings/_rels/drawing2.xml.rels',
      'xl/drawings/drawing1.xml',
      'xl/drawings/drawing2.xml',
    ]);
    const types = p.get('[Content_Types].xml')!;
    for (const n of [1, 2, 3])
      expect(types).toContain(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    expect(types).toContain('<Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    // The sheet with a note keeps its comment relationships and gains the drawing.
    const rels = p.get('xl/worksheets/_rels/sheet1.xml.rels')!;
    expect(rels).toContain('relationships/comments');
    expect(rels).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"');
    const sheet = p.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.indexOf('<drawing r:id="rId3"/>')).toBeGreaterThan(sheet.indexOf('<pageSetup'));
    expect(sheet.indexOf('<drawing r:id="rId3"/>')).toBeLessThan(sheet.indexOf('<legacyDrawing'));
    expect(p.get('xl/drawings/_rels/drawing1.xml.rels')).toContain('Target="../charts/chart2.xml"');
  });

  test('every chart and drawing element is in the order the schema requires', async () => {
    const p = parts(addCharts(await sample(), specs));
    const names = [...p.keys()].filter((n) => /^xl\/(charts\/chart|drawings\/drawing)\d+\.xml$/.test(n));
    expect(names).toHaveLength(5);
    for (const n of names) expect({ n, errors: schemaOrderErrors(parseXml(p.get(n)!)) }).toEqual({ n, errors: [] });
    // The check can fail: a chart with plotVisOnly before plotArea is caught.
    const bad = p.get('xl/charts/chart1.xml')!.replace('<c:plotVisOnly val="1"/>', '').replace('<c:plotArea>', '<c:plotVisOnly val="1"/><c:plotArea>');
    expect(schemaOrderErrors(parseXml(bad))).toEqual(['/chartSpace/chart: <c:plotArea> out of order']);
  });

  test('the cached points are the data; text is escaped; references are quoted', async () => {
    const p = parts(addCharts(await sample(), specs));
    const c1 = parseXml(p.get('xl/charts/chart1.xml')!);
    expect(findAll(c1, 'c:lang')[0]!.attrs.val).toBe('zh-CN');
    const ser = findAll(c1, 'c:ser')[0]!;
    expect(findAll(child(ser, 'c:cat')!, 'c:f')[0]!.text).toBe("'Reps'' view'!$A$2:$A$4");
    expect(findAll(child(ser, 'c:cat')!, 'c:v').map((v) => v.text)).toEqual(['张伟', 'Bob & <Co>', 'Carol']);
    expect(findAll(child(ser, 'c:val')!, 'c:f')[0]!.text).toBe("'Reps'' view'!$B$2:$B$4");
    expect(findAll(child(ser, 'c:val')!, 'c:v').map((v) => Number(v.text))).toEqual([40800, 19550.5, 0]);
    // A null point is left out (a gap), not written as 0.
    const c2 = parseXml(p.get('xl/charts/chart2.xml')!);
    const [x] = findAll(c2, 'c:ser');
    expect(findAll(x!, 'c:pt').filter((n) => findAll(n, 'c:v')[0]!.text === '1')).toHaveLength(1);
    expect(findAll(child(x!, 'c:val')!, 'c:pt').map((n) => n.attrs.idx)).toEqual(['0']);
    expect(findAll(child(x!, 'c:val')!, 'c:ptCount')[0]!.attrs.val).toBe('2');
  });

  test('the same input gives the same bytes, and exceljs still reads the workbook', async () => {
    const a = addCharts(await sample(), specs);
    const b = addCharts(await sample(), specs);
    expect(a.equals(b)).toBe(true);
    const wb = await readWorkbook(a);
    expect(wb.getWorksheet("Reps' view")!.getCell('B3').value).toBe(19550.5);
  });

  test('refuses an unknown sheet', async () => {
    expect(() => addCharts(Buffer.from(''), [])).not.toThrow();
    await expect(async () => addCharts(await sample(), [{ ...specs[0]!, sheet: 'Nope' }])).rejects.toThrow(/no sheet named "Nope"/);
  });
});

describe('helpers', () => {
  test('column letters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  test('insertDrawing goes before the first later child, or at the end', () => {
    expect(
      insertDrawing('<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/><pageSetup/></worksheet>', 'rId1'),
    ).toBe(
      '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/><pageSetup/><drawing r:id="rId1"/></worksheet>',
    );
    // A nested <extLst> (inside conditional formatting) is not the sheet's own.
    expect(
      insertDrawing('<worksheet><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><tableParts/><extLst/></worksheet>', 'rId2'),
    ).toBe(
      '<worksheet><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId2"/><tableParts/><extLst/></worksheet>',
    );
    expect(() => insertDrawing('<worksheet><drawing r:id="rId1"/></worksheet>', 'rId2')).toThrow(/already has a drawing/);
  });

  test('zip round trip keeps every entry and its CRC', async () => {
    const zip = await sample();
    const entries = readZip(zip);
    const again = readZip(writeZip(entries));
    expect(again.map((e) => [e.name, e.crc, e.size])).toEqual(entries.map((e) => [e.name, e.crc, e.size]));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
