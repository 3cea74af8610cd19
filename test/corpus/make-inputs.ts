// Inputs built at test time rather than committed: workbooks (binary, made with exceljs so a reader can see
// exactly what is in them) and the zip bomb (whose point is to declare far more bytes than it holds).
import { readFile, writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

type Cell = ExcelJS.CellValue;

/** The base sales rows (same as _base/sales.csv) as typed cells. */
export const SALES_ROWS: Cell[][] = [
  ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3))],
  ['R1', 300, 'Lost', new Date(Date.UTC(2026, 10, 5))],
  ['R2', 1200, 'Won', new Date(Date.UTC(2026, 10, 10))],
];
export const SALES_HEADER = ['Rep', 'Amount', 'Stage', 'Closed'];

export interface SheetSpec {
  name?: string;
  rows: Cell[][];
  merges?: string[];
  /** Number formats by cell address (`B2: '[$€-407]#,##0.00'`). */
  numFmts?: Record<string, string>;
}

/** A workbook with the given sheets; rows start at A1. Dates get a date format so they read back as dates. */
export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? 'Sheet1');
    for (const r of s.rows) ws.addRow(r);
    ws.getColumn(4).numFmt = 'yyyy-mm-dd';
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [cell, fmt] of Object.entries(s.numFmts ?? {})) ws.getCell(cell).numFmt = fmt;
  }
  await wb.xlsx.writeFile(file);
}

export function salesSheet(rows: Cell[][] = SALES_ROWS, name = 'Sheet1'): SheetSpec {
  return { name, rows: [SALES_HEADER, ...rows] };
}

/** A valid workbook cut in half: its zip table of contents (at the end) is gone. */
export async function truncate(file: string): Promise<void> {
  const bytes = await readFile(file);
  await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/**
 * A real zip bomb in the shape of an .xlsx: the worksheet entry inflates 64 MiB of spaces from ~64 KB
 * (ratio ~1000). Readers without a size guard would inflate it; ours must refuse from the directory alone.
 */
export async function writeZipBomb(file: string, inflatedBytes = 64 * 1024 * 1024): Promise<void> {
  const entries: { name: string; raw: Buffer; size: number }[] = [
    { name: '[Content_Types].xml', ...deflated(Buffer.from('<?xml version="1.0"?><Types/>')) },
    { name: 'xl/worksheets/sheet1.xml', ...deflated(Buffer.alloc(inflatedBytes, 0x20)) },
  ];
  await writeFile(file, zip(entries));
}

function deflated(data: Buffer): { raw: Buffer; size: number; crc: number } {
  return { raw: deflateRawSync(data, { level: 9 }), size: data.length, crc: crc32(data) };
}

function zip(entries: { name: string; raw: Buffer; size: number; crc?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.raw.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.raw);
    centrals.push(central, name);
    offset += 30 + name.length + e.raw.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
