// The zip of every workbook kpi writes: exceljs stores the parts, fflate deflates them (output/zip.ts
// deflatedZip), so writing is faster and the same workbook still gives the same bytes on every machine.
import { inflateRawSync } from 'node:zlib';
import { deflateSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { createWorkbook, readWorkbook, setNumber, setText, workbookToBuffer } from '../../src/output/excel.js';
import { crc32, DEFLATE_LEVEL, readZip } from '../../src/output/zip.js';

function sample() {
  const wb = createWorkbook(new Date(Date.UTC(2026, 10, 30)), 'kpi test');
  const ws = wb.addWorksheet('Sheet');
  for (let r = 1; r <= 200; r++) {
    setText(ws.getCell(r, 1), `rep ${r} 张伟`);
    setNumber(ws.getCell(r, 2), r * 1234.5, '#,##0.00');
  }
  return wb;
}

describe('workbookToBuffer', () => {
  test('every part is deflated by fflate at DEFLATE_LEVEL and inflates to exactly what exceljs wrote', async () => {
    const stored = readZip(Buffer.from(await sample().xlsx.writeBuffer({ zip: { compression: 'STORE' } })));
    const out = readZip(await workbookToBuffer(sample()));
    expect(out.map((e) => e.name)).toEqual(stored.map((e) => e.name));
    expect(out.filter((e) => !e.name.endsWith('/')).length).toBeGreaterThan(5);
    out.forEach((e, i) => {
      const raw = stored[i]!.data;
      // Folders (exceljs lists them as entries) have nothing to deflate.
      if (e.name.endsWith('/')) {
        expect([e.method, e.size], e.name).toEqual([0, 0]);
        return;
      }
      expect(e.method, e.name).toBe(8);
      expect(Buffer.from(e.data).equals(Buffer.from(deflateSync(raw, { level: DEFLATE_LEVEL }))), e.name).toBe(true);
      expect(inflateRawSync(e.data).equals(raw), e.name).toBe(true);
      expect([e.size, e.crc], e.name).toEqual([raw.length, crc32(raw)]);
    });
  });

  test('the same workbook gives the same bytes, with fixed timestamps, and exceljs reads it back', async () => {
    const a = await workbookToBuffer(sample());
    expect(a.equals(await workbookToBuffer(sample()))).toBe(true);
    // Central directory: DOS date at +14 is 1980-01-01 ((0 << 9) | (1 << 5) | 1).
    for (let p = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      expect(a.readUInt16LE(p + 14)).toBe(33);
    }
    const back = await readWorkbook(a);
    expect(back.getWorksheet('Sheet')!.getCell('A200').value).toBe('rep 200 张伟');
    expect(back.getWorksheet('Sheet')!.getCell('B2').value).toBe(2469);
  });
});
