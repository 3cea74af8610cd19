// The zip container of a workbook, through yauzl (measured against fflate: 0.55 s against 1.35–3.2 s to
// inflate a 100k-row workbook; yauzl inflates with Node's zlib). Every guard against zip bombs lives here:
// the sizes the zip declares are checked before anything is inflated, and every part read is counted while
// it inflates, so an entry that lies about its size is stopped at its claim.

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import yauzl from 'yauzl';
import { DataError } from '../errors.js';
import { problem, type Problem } from '../../messages/index.js';

export const ZIP_LIMITS = {
  /** All entries together, uncompressed. A 1M-row sheet is a few hundred MB of XML. */
  maxTotalBytes: 3 * 1024 ** 3,
  /** Uncompressed ÷ compressed of one entry; real workbooks stay well under 100. */
  maxRatio: 200,
  /** Entries smaller than this may have any ratio (tiny XML parts compress extremely well). */
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
  /** The shared-string table is held in memory: a 1M-row sheet's is tens of MB. */
  maxSharedStringsBytes: 512 * 1024 * 1024,
  /** Any other part read whole (workbook, relationships, styles). */
  maxSmallPartBytes: 64 * 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

/** One message per kind of file that is not an .xlsx workbook, each saying how to get one. */
export const notXlsx = {
  empty: (file: string) => problem('KPI2607', { file }),
  xls: (file: string) => problem('KPI2631', { file }),
  encrypted: (file: string) => problem('KPI2632', { file }),
  ole: (file: string) => problem('KPI2633', { file }),
  ods: (file: string) => problem('KPI2634', { file }),
  xlsb: (file: string) => problem('KPI2635', { file }),
  html: (file: string) => problem('KPI2636', { file }),
  text: (file: string) => problem('KPI2637', { file }),
  other: (file: string) => problem('KPI2638', { file }),
  otherZip: (file: string, whatTerm: 'term.openDocument' | 'term.wordDocument' | 'term.powerPoint' | 'term.noWorkbookPart') =>
    problem('KPI2639', { file, whatTerm }),
  damaged: (file: string) => problem('KPI2640', { file }),
};

/** Plain messages for files that are not zip files at all: .xls, encrypted workbooks, text, HTML. */
export async function checkWorkbookMagic(path: string, size: number, file: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(512, size));
    await fh.read(head, 0, head.length, 0);
    if (head.length === 0) throw new DataError(notXlsx.empty(file), { file });
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      throw new DataError(await oleKind(fh, head, size, file), { file });
    }
    if (head.length >= 4 && (head.readUInt32LE(0) === 0x04034b50 || (size >= 22 && head.readUInt32LE(0) === 0x06054b50))) return;
    const text = head.toString('latin1').trimStart().toLowerCase();
    if (text.startsWith('<!doctype html') || text.startsWith('<html') || /<table[\s>]/.test(text)) {
      throw new DataError(notXlsx.html(file), { file });
    }
    throw new DataError(looksLikeText(head) ? notXlsx.text(file) : notXlsx.other(file), { file });
  } finally {
    await fh.close();
  }
}

function looksLikeText(head: Buffer): boolean {
  return head.subarray(0, 512).every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
}

/**
 * An OLE compound file is an .xls workbook, or an encrypted .xlsx (Excel wraps the encrypted package in one),
 * or another old Office file. The stream names in its directory tell which.
 */
async function oleKind(fh: Awaited<ReturnType<typeof open>>, head: Buffer, size: number, file: string): Promise<Problem> {
  const sectorSize = 1 << Math.min(16, head.readUInt16LE(0x1e));
  const firstDirSector = head.readInt32LE(0x30);
  const parts: Buffer[] = [];
  const first = Buffer.alloc(Math.min(size, 1 << 20));
  await fh.read(first, 0, first.length, 0);
  parts.push(first);
  const dirAt = (firstDirSector + 1) * sectorSize;
  if (firstDirSector >= 0 && dirAt + sectorSize <= size && dirAt >= first.length) {
    const dir = Buffer.alloc(sectorSize);
    await fh.read(dir, 0, sectorSize, dirAt);
    parts.push(dir);
  }
  const has = (name: string): boolean => parts.some((b) => b.includes(Buffer.from(name, 'utf16le')));
  if (has('EncryptedPackage') || has('EncryptionInfo')) return notXlsx.encrypted(file);
  if (has('Workbook') || has('Book')) return notXlsx.xls(file);
  return notXlsx.ole(file);
}

export interface Part {
  name: string;
  compressed: number;
  uncompressed: number;
}

export class Zip {
  private readonly byName = new Map<string, yauzl.Entry>();
  private readonly byLowerName = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zf: yauzl.ZipFile,
    private readonly path: string,
    readonly file: string,
    private readonly limits: ZipLimits,
  ) {}

  /** Opens the zip and checks its table of contents; throws DataError when damaged, encrypted or a bomb. */
  static async open(path: string, file: string, limits: ZipLimits = ZIP_LIMITS): Promise<Zip> {
    let zf: yauzl.ZipFile;
    try {
      zf = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
    } catch {
      throw new DataError(notXlsx.damaged(file), { file });
    }
    const zip = new Zip(zf, path, file, limits);
    try {
      if (zf.entryCount > limits.maxEntries) {
        throw new DataError(problem('KPI2641', { file, count: zf.entryCount }), { file });
      }
      try {
        for await (const e of zf.eachEntry()) {
          if (e.fileName.endsWith('/')) continue;
          zip.byName.set(e.fileName, e);
          zip.byLowerName.set(e.fileName.toLowerCase(), e);
        }
      } catch {
        throw new DataError(notXlsx.damaged(file), { file });
      }
      zip.judge();
    } catch (e) {
      zip.close();
      throw e;
    }
    return zip;
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** Part names are case-insensitive in OOXML (and some writers differ in case from their relationships). */
  entry(name: string): yauzl.Entry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  part(name: string): Part | undefined {
    const e = this.entry(name);
    return e && { name: e.fileName, compressed: e.compressedSize, uncompressed: e.uncompressedSize };
  }

  close(): void {
    this.zf.close();
  }

  private judge(): void {
    const { file, limits } = this;
    let total = 0;
    for (const e of this.byName.values()) {
      if (e.isEncrypted()) {
        throw new DataError(notXlsx.encrypted(file), { file });
      }
      total += e.uncompressedSize;
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw new DataError(
          problem('KPI2642', {
            file,
            part: e.fileName,
            from: mb(e.compressedSize),
            to: mb(e.uncompressedSize),
            ratio: Math.round(ratio),
            limit: limits.maxRatio,
          }),
          { file },
        );
      }
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
        throw new DataError(problem('KPI2643', { file, method: e.compressionMethod }), { file });
      }
    }
    if (total > limits.maxTotalBytes) {
      throw new DataError(problem('KPI2644', { file, size: mb(total), limit: mb(limits.maxTotalBytes) }), { file });
    }
  }

  /** The shared-string table's own limit: it is held in memory. */
  checkSharedStrings(name: string): void {
    const e = this.entry(name);
    if (e !== undefined && e.uncompressedSize > this.limits.maxSharedStringsBytes) {
      const { file } = this;
      throw new DataError(problem('KPI2645', { file, part: e.fileName, size: mb(e.uncompressedSize), limit: mb(this.limits.maxSharedStringsBytes) }), { file });
    }
  }

  /** A small part (relationships, workbook, styles) as text; undefined when absent. */
  async text(name: string): Promise<string | undefined> {
    const e = this.entry(name);
    if (e === undefined) return undefined;
    if (e.uncompressedSize > this.limits.maxSmallPartBytes) {
      throw new DataError(problem('KPI2646', { file: this.file, part: e.fileName, size: mb(e.uncompressedSize) }), { file: this.file });
    }
    const chunks: string[] = [];
    for await (const s of this.chunks(name)) chunks.push(s);
    return chunks.join('');
  }

  /**
   * A part as decoded text, chunk by chunk (UTF-8, or UTF-16 when it starts with a byte-order mark).
   * `onBytes` is told how many uncompressed bytes have been read (for progress).
   */
  async *chunks(name: string, onBytes?: (n: number) => void): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    for await (const chunk of this.inflated(name, onBytes)) {
      if (decoder === null) {
        const le = chunk[0] === 0xff && chunk[1] === 0xfe;
        const be = chunk[0] === 0xfe && chunk[1] === 0xff;
        decoder = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8');
      }
      const s = decoder.decode(chunk, { stream: true });
      if (s !== '') yield s;
    }
    const rest = decoder?.decode() ?? '';
    if (rest !== '') yield rest;
  }

  /**
   * A part as UTF-8 bytes, chunk by chunk, without its byte-order mark: a UTF-8 part as it inflates (nothing
   * decoded: a scanner of markup needs no characters), a UTF-16 one (rare) transcoded.
   */
  async *utf8(name: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
    let utf16: TextDecoder | null | undefined;
    for await (const chunk of this.inflated(name, onBytes)) {
      if (utf16 === undefined) {
        const le = chunk[0] === 0xff && chunk[1] === 0xfe;
        const be = chunk[0] === 0xfe && chunk[1] === 0xff;
        utf16 = le || be ? new TextDecoder(le ? 'utf-16le' : 'utf-16be') : null;
        if (utf16 === null) {
          const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
          yield bom ? chunk.subarray(3) : chunk;
          continue;
        }
      }
      if (utf16 === null) yield chunk;
      else yield Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8');
    }
    if (utf16) {
      const rest = utf16.decode();
      if (rest !== '') yield Buffer.from(rest, 'utf8');
    }
  }

  /** A part's bytes as they inflate, counted against the size the zip declares for it. */
  private async *inflated(name: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
    const e = this.entry(name);
    if (e === undefined) return;
    let raw: Readable;
    try {
      // Read with large buffers straight from the file (yauzl's own stream reads 16 KB at a time).
      const { fileDataStart } = await this.zf.readLocalFileHeaderPromise(e, { minimal: true });
      if (fileDataStart + e.compressedSize > this.zf.fileSize) throw new Error('entry past the end of the file');
      raw =
        e.compressedSize === 0
          ? Readable.from([])
          : createReadStream(this.path, { start: fileDataStart, end: fileDataStart + e.compressedSize - 1, highWaterMark: 256 * 1024 });
    } catch {
      throw new DataError(notXlsx.damaged(this.file), { file: this.file });
    }
    // Inflated here rather than by yauzl: a larger buffer lets zlib (on its own thread) run ahead of the scan.
    const stream: Readable = e.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024, highWaterMark: 1024 * 1024 } as ZlibOptions)) : raw;
    if (stream !== raw) raw.on('error', (err) => stream.destroy(err));
    let n = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        n += chunk.length;
        // Counted as it inflates: an entry that lies about its size is stopped at its claim.
        if (n > e.uncompressedSize) throw new Error('too many bytes');
        onBytes?.(n);
        yield chunk;
      }
      if (n !== e.uncompressedSize) throw new Error('not enough bytes');
    } catch (err) {
      if (err instanceof DataError) throw err;
      const msg = (err as Error).message ?? '';
      if (/too many bytes/.test(msg)) {
        throw new DataError(problem('KPI2647', { file: this.file, part: e.fileName, bytes: e.uncompressedSize }), { file: this.file });
      }
      throw new DataError(notXlsx.damaged(this.file), { file: this.file });
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }
}
