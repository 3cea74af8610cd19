// Property: a random table written by three writers (exceljs with shared strings, our hand writer with inline
// strings, and with a shared-string table) reads back as the same typed table, equal to what was written,
// and every row is a row of the table or a reported issue.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { clean } from '../../src/core/text.js';
import { dayToIso } from '../../src/reading/values.js';
import { spec, values, writeFixture } from './helpers.js';
import { handXlsx } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'note', header: 'Note 备注', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'qty', header: 'Qty', type: 'number' },
  { name: 'closed', header: 'Closed', type: 'date' },
];

interface Row {
  rep: string;
  note: string | null;
  cents: number | null;
  qty: number | null;
  day: number | null;
}

// Text as users' exports hold it: CJK, emoji, XML's special characters, spaces at either end. Not control
// characters (XML cannot hold them) and not `_xHHHH_` (OOXML's own escape, which exceljs does not escape).
const text = fc
  .array(fc.oneof(fc.constantFrom('受注', '张三', '😀', '👩‍👩‍👧', '&', '<', '>', '"', "'", '&amp;', ' ', '  ', 'é', 'R'), fc.string({ maxLength: 4 })), {
    maxLength: 5,
  })
  .map((parts) =>
    parts
      .join('')
      .replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, '')
      .replace(/_x/g, '_y'),
  );
const rowArb: fc.Arbitrary<Row> = fc.record({
  rep: text.filter((s) => clean(s) !== ''),
  note: fc.option(text, { nil: null }),
  cents: fc.option(fc.integer({ min: -1e11, max: 1e11 }), { nil: null }),
  qty: fc.option(
    fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    { nil: null },
  ),
  // 1900-03-01 … 9999-12-31 as days since 1970
  day: fc.option(fc.integer({ min: -25508, max: 2932896 }), { nil: null }),
});

const DAY_MS = 86_400_000;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function viaExceljs(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(COLS.map((c) => c.header));
  for (const r of rows) {
    const added = ws.addRow([r.rep, r.note, r.cents === null ? null : r.cents / 100, r.qty, r.day === null ? null : new Date(r.day * DAY_MS)]);
    added.getCell(5).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function viaHand(rows: Row[], shared: boolean): Promise<Buffer> {
  const sst: string[] = [];
  const index = new Map<string, number>();
  const str = (ref: string, s: string): string => {
    if (!shared) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(s)}</t></is></c>`;
    let i = index.get(s);
    if (i === undefined) {
      i = sst.length;
      index.set(s, i);
      sst.push(`<t xml:space="preserve">${esc(s)}</t>`);
    }
    return `<c r="${ref}" t="s"><v>${i}</v></c>`;
  };
  const num = (ref: string, n: number, style = 0): string => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${n}</v></c>`;
  let data = `<row r="1">${COLS.map((c, i) => str(`${'ABCDE'[i]}1`, c.header)).join('')}</row>`;
  rows.forEach((r, k) => {
    const n = k + 2;
    const cells = [
      str(`A${n}`, r.rep),
      r.note === null ? '' : str(`B${n}`, r.note),
      r.cents === null ? '' : num(`C${n}`, r.cents / 100),
      r.qty === null ? '' : num(`D${n}`, r.qty),
      r.day === null ? '' : num(`E${n}`, r.day + 25569, 1),
    ];
    data += `<row r="${n}">${cells.join('')}</row>`;
  });
  return handXlsx({ sheets: [{ name: 'Data', data }], xfs: [0, 14], ...(shared ? { sst } : {}) });
}

let n = 0;
async function readBack(buf: Buffer) {
  const path = writeFixture(`prop-${++n}.xlsx`, buf);
  const r = await readSource(spec(path, { columns: COLS, rep: 'rep' }), { minorUnit: 2 });
  return {
    table: Object.fromEntries(COLS.map((c) => [c.name, values(r.table.columns.get(c.name))])),
    rows: Array.from(r.table.rowNumbers),
    issues: r.issues.map((i) => `${i.row} ${i.action}: ${i.reason}`),
  };
}

describe('XLSX property', () => {
  it('three writers, one typed table, equal to what was written; every row accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 30 }), async (rows) => {
        const expected = {
          // Text as kpi compares it everywhere (trimmed, NFC, invisible characters removed: core/text.ts).
          rep: rows.map((r) => clean(r.rep)),
          note: rows.map((r) => (r.note === null || clean(r.note) === '' ? null : clean(r.note))),
          amount: rows.map((r) => r.cents),
          qty: rows.map((r) => r.qty),
          closed: rows.map((r) => (r.day === null ? null : dayToIso(r.day))),
        };
        const reads = [await readBack(await viaExceljs(rows)), await readBack(await viaHand(rows, false)), await readBack(await viaHand(rows, true))];
        for (const got of reads) {
          expect(got.table).toEqual(expected);
          // Every row is in the table: nothing was skipped (a blank date, removed invisible characters: warnings).
          expect(got.rows).toEqual(rows.map((_, i) => i + 2));
          expect(got.issues.filter((s) => !s.includes(' kept: '))).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
