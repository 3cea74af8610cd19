// Checks an .xlsx file before exceljs opens it: exceljs has no limit on decompressed size, so a small
// file that inflates to gigabytes would exhaust memory. Reads only the zip's central directory.

import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { DataError } from './errors.js';

export const ZIP_LIMITS = {
  /** All entries together, uncompressed. A 1M-row sheet is a few hundred MB of XML. */
  maxTotalBytes: 3 * 1024 ** 3,
  /** Uncompressed ÷ compressed of one entry; real workbooks stay well under 100. */
  maxRatio: 200,
  /** Entries smaller than this may have any ratio (tiny XML parts compress extremely well). */
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
  /** exceljs keeps the shared-string table in memory: a 1M-row sheet's is tens of MB. */
  maxSharedStringsBytes: 512 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  encrypted: boolean;
  /** 0 stored, 8 deflate. */
  method: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Plain messages for files that are not workbooks at all. */
export function checkWorkbookMagic(head: Buffer, file: string): void {
  if (head.length === 0) throw new DataError(`${file} is empty (0 bytes).`, { file });
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new DataError(
      `${file} is password-protected or an old-style .xls workbook (an OLE compound file, not .xlsx): ` +
        'remove the password, or open it in Excel and save as .xlsx.',
      { file },
    );
  }
  if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) {
    throw new DataError(
      `${file} is not an .xlsx workbook (not a zip file)` +
        (looksLikeText(head) ? ': it looks like text; set format: csv for this source.' : '.'),
      { file },
    );
  }
}

function looksLikeText(head: Buffer): boolean {
  return head.subarray(0, 512).every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
}

/** Reads the central directory; throws DataError when the archive is damaged, encrypted or a zip bomb. */
export async function checkZip(path: string, file: string, limits = ZIP_LIMITS): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged(file);
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // zip64: the locator sits just before the end record.
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw damaged(file);
      const z64At = Number(tail.readBigUInt64LE(loc + 8));
      const z64 = Buffer.alloc(56);
      await fh.read(z64, 0, 56, z64At);
      if (z64.readUInt32LE(0) !== 0x06064b50) throw damaged(file);
      count = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    if (count > limits.maxEntries) {
      throw new DataError(`${file} holds ${count} files inside; a workbook has far fewer. Refusing to open it.`, { file });
    }
    if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw damaged(file);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw damaged(file);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      let offset = cd.readUInt32LE(p + 42);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      // zip64 sizes live in extra field 0x0001, in this order, only for the fields saturated above.
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff && q + 8 <= e + 4 + len) {
            uncompressed = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressed === 0xffffffff && q + 8 <= e + 4 + len) {
            compressed = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (offset === 0xffffffff && q + 8 <= e + 4 + len) offset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, compressed, uncompressed, encrypted: (flags & 1) === 1, method, offset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    judge(entries, file, limits);
    await verifyExpansion(fh, path, entries, file);
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * The sizes above are what the zip claims. Inflate every entry once, counting, and refuse the file if any
 * entry expands past its claim: a lying bomb would otherwise reach exceljs, which has no limit.
 * Costs about 3 % of exceljs's own read time.
 */
async function verifyExpansion(fh: FileHandle, path: string, entries: ZipEntry[], file: string): Promise<void> {
  const local = Buffer.alloc(30);
  for (const e of entries) {
    if (e.compressed === 0) continue;
    await fh.read(local, 0, 30, e.offset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw damaged(file);
    const start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (e.method === 0) {
      if (e.compressed !== e.uncompressed) throw damaged(file);
      continue;
    }
    if (e.method !== 8) throw new DataError(`${file} uses a zip compression Excel does not (method ${e.method}).`, { file });
    const inflate = createInflateRaw();
    createReadStream(path, { start, end: start + e.compressed - 1 }).pipe(inflate);
    let out = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        out += chunk.length;
        if (out > e.uncompressed) {
          inflate.destroy();
          throw new DataError(
            `${file} looks like a zip bomb: "${e.name}" says it holds ${e.uncompressed} bytes but expands to more. Refusing to open it.`,
            { file },
          );
        }
      }
    } catch (err) {
      if (err instanceof DataError) throw err;
      throw damaged(file);
    }
  }
}

const damaged = (file: string): DataError =>
  new DataError(`${file} is a damaged zip/.xlsx file (its table of contents is missing or cut off); open and re-save it in Excel.`, { file });

function judge(entries: ZipEntry[], file: string, limits: typeof ZIP_LIMITS): void {
  const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;
  if (entries.some((e) => e.encrypted)) {
    throw new DataError(`${file} is encrypted (password-protected); remove the password and save it again.`, { file });
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    const ratio = e.uncompressed / Math.max(1, e.compressed);
    if (e.uncompressed > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new DataError(
        `${file} looks like a zip bomb: "${e.name}" would expand from ${mb(e.compressed)} to ${mb(e.uncompressed)} ` +
          `(${Math.round(ratio)}×, limit ${limits.maxRatio}×). Refusing to open it.`,
        { file },
      );
    }
  }
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared !== undefined && shared.uncompressed > limits.maxSharedStringsBytes) {
    throw new DataError(
      `${file}: its table of texts (xl/sharedStrings.xml) would expand to ${mb(shared.uncompressed)}, more than the ` +
        `${mb(limits.maxSharedStringsBytes)} that can be held in memory. Refusing to open it; export the data as CSV instead.`,
      { file },
    );
  }
  if (total > limits.maxTotalBytes) {
    throw new DataError(
      `${file} would expand to ${mb(total)}, more than the ${mb(limits.maxTotalBytes)} limit. Refusing to open it; ` +
        'export the data as CSV instead.',
      { file },
    );
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new DataError(`${file} is a zip file but not an Excel workbook (no xl/workbook.xml).`, { file });
  }
}
