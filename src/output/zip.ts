// Rewriting the zip of a package we just wrote (an .xlsx from exceljs), to add parts exceljs cannot write (charts).
// Untouched entries keep their compressed bytes; new or changed entries are stored uncompressed, because Node's
// zlib may compress differently on another CPU and the same inputs must give the same bytes everywhere.
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import { deflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  size: number;
  /** The bytes as stored in the zip (compressed when method is 8). */
  data: Buffer;
}

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const END = 0x06054b50;

/** Every entry of a zip, in central-directory order. Zip64 and encrypted entries are refused. */
export function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt32LE(eocd) !== END) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('bad zip central directory');
    const flags = zip.readUInt16LE(p + 8);
    if (flags & 1) throw new Error('encrypted zip entry');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    if (compressed === 0xffffffff || size === 0xffffffff) throw new Error('zip64 entries are not supported');
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('bad zip local header');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({ name, method, crc, size, data: zip.subarray(start, start + compressed) });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

function entryBytes(e: ZipEntry): Buffer {
  if (e.method === 0) return e.data;
  if (e.method === 8) return inflateRawSync(e.data);
  throw new Error(`zip entry ${e.name}: compression method ${e.method} is not supported`);
}

export function entryText(e: ZipEntry): string {
  return entryBytes(e).toString('utf8');
}

/** A new entry, stored uncompressed (the same bytes on every machine). */
export function storedEntry(name: string, content: string | Buffer): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 0, crc: typeof zlibCrc32 === 'function' ? zlibCrc32(data) : crc32(data), size: data.length, data };
}

// DOS date 1980-01-01 (the zip epoch), time 00:00:00: no clock in the package.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/** A zip of `entries`, in that order, with fixed timestamps and no data descriptors. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(UTF8_NAMES, 6);
    head.writeUInt16LE(e.method, 8);
    head.writeUInt16LE(DOS_TIME, 10);
    head.writeUInt16LE(DOS_DATE, 12);
    head.writeUInt32LE(e.crc >>> 0, 14);
    head.writeUInt32LE(e.data.length, 18);
    head.writeUInt32LE(e.size, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    locals.push(head, name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(UTF8_NAMES, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(DOS_TIME, 12);
    c.writeUInt16LE(DOS_DATE, 14);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(e.name.endsWith('/') ? 0x10 : 0, 38);
    c.writeUInt32LE(offset, 42);
    centrals.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * fflate's level for the parts of every workbook kpi writes. On the report and 500 scorecards (bench, 100k rows)
 * writeBuffer took 13.5 s of cpu with exceljs's own deflate, 11.7 s with fflate at 6 and 10.6 s at 3, for 7.28,
 * 7.50 and 7.64 MB.
 */
export const DEFLATE_LEVEL = 3;

/**
 * `stored` (a zip whose entries are stored, as exceljs writes it with compression 'STORE') with every non-empty
 * entry deflated by fflate: pure JavaScript, so the same parts give the same bytes on every machine, as pako
 * did (Node's zlib may not). Entry order, names and CRCs are kept; the timestamps are fixed (writeZip).
 */
export function deflatedZip(stored: Buffer): Buffer {
  return writeZip(readZip(stored).map(deflatedEntry));
}

/** A stored entry deflated (deflatePart); an empty or already compressed one as it is. */
export function deflatedEntry(e: ZipEntry): ZipEntry {
  if (e.method !== 0 || e.size === 0) return e;
  return { ...e, method: 8, data: deflatePart(e.data) };
}

/** Small parts deflated before, by their exact bytes (latin1: one character per byte). */
const seen = new Map<string, Buffer>();
const SEEN_MAX_BYTES = 32 * 1024;
const SEEN_MAX_PARTS = 256;

/**
 * A part deflated at DEFLATE_LEVEL. 500 scorecards share most of their parts byte for byte (theme, styles,
 * relationships, properties: 10 of the 14 non-empty parts of each), and fflate spends more on setting up each call
 * than on a small part's bytes, so a small part seen before is taken from `seen`: the same bytes, deflated once.
 */
export function deflatePart(data: Buffer): Buffer {
  const key = data.length <= SEEN_MAX_BYTES ? data.toString('latin1') : null;
  const known = key === null ? undefined : seen.get(key);
  if (known !== undefined) return known;
  const z = deflateSync(data, { level: DEFLATE_LEVEL });
  const out = Buffer.from(z.buffer, z.byteOffset, z.byteLength);
  if (key !== null) {
    if (seen.size >= SEEN_MAX_PARTS) seen.clear();
    seen.set(key, out);
  }
  return out;
}

let table: Int32Array | undefined;

/** CRC-32 (IEEE), as zip stores it; `prev`: the CRC of the bytes before `data`, to continue it. */
export function crc32(data: Uint8Array, prev = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = prev ^ -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
