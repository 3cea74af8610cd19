// The zip of every workbook kpi writes: exceljs hands over the parts, fflate deflates them (output/zip.ts
// deflatedEntry), so writing is faster and the same workbook still gives the same bytes on every machine.
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { deflateSync } from 'fflate';
import { describe, expect, test, vi } from 'vitest';
import { createWorkbook, readWorkbook, setNumber, setText, workbookToBuffer } from '../../src/output/excel.js';
import { crc32, DEFLATE_LEVEL, deflatePart, readZip } from '../../src/output/zip.js';

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

  test('the parts go from exceljs straight into the package: JSZip zips nothing (#14)', async () => {
    const JSZip = createRequire(import.meta.url)('jszip') as { prototype: { generateAsync(): unknown } };
    const generate = vi.spyOn(JSZip.prototype, 'generateAsync');
    try {
      await workbookToBuffer(sample());
      expect(generate).not.toHaveBeenCalled();
      // exceljs's own writeBuffer (no list of parts given) still zips with JSZip.
      await sample().xlsx.writeBuffer();
      expect(generate).toHaveBeenCalledTimes(1);
    } finally {
      generate.mockRestore();
    }
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

describe('writing 500 scorecards fast (#14)', () => {
  test('cells styled alike share one style object once written (exceljs renders each style object once); numbers and dates keep their own default formats', async () => {
    const wb = createWorkbook(new Date(Date.UTC(2026, 10, 30)), 'kpi test');
    const ws = wb.addWorksheet('Sheet');
    for (let r = 1; r <= 50; r++) {
      ws.getCell(r, 1).value = r;
      ws.getCell(r, 2).value = new Date(Date.UTC(2026, 10, r % 28 || 1));
      for (const c of [1, 2]) ws.getCell(r, c).font = { bold: true };
    }
    expect(new Set(Array.from({ length: 50 }, (_, r) => ws.getCell(r + 1, 1).style)).size).toBe(50);
    const back = await readWorkbook(await workbookToBuffer(wb));
    expect(new Set(Array.from({ length: 50 }, (_, r) => ws.getCell(r + 1, 1).style)).size).toBe(1);
    expect(new Set(Array.from({ length: 50 }, (_, r) => ws.getCell(r + 1, 2).style)).size).toBe(1);
    expect(ws.getCell(1, 1).style).not.toBe(ws.getCell(1, 2).style);
    const sheet = back.getWorksheet('Sheet')!;
    expect(sheet.getCell(3, 1).value).toBe(3);
    expect(sheet.getCell(3, 2).value).toEqual(new Date(Date.UTC(2026, 10, 3)));
    expect(sheet.getCell(3, 2).font?.bold).toBe(true);
  });

  test('a small part seen before is deflated once: the same bytes, the same buffer; large parts are not kept', () => {
    const part = Buffer.from('<theme>' + 'x'.repeat(5000) + '</theme>');
    const first = deflatePart(part);
    expect(Buffer.from(first).equals(Buffer.from(deflateSync(part, { level: DEFLATE_LEVEL })))).toBe(true);
    expect(deflatePart(Buffer.from(part))).toBe(first);
    const big = Buffer.alloc(64 * 1024, 'y');
    expect(deflatePart(big)).not.toBe(deflatePart(big));
    expect(inflateRawSync(deflatePart(big)).equals(big)).toBe(true);
  });
});
