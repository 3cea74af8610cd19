// The shared-string table (`xl/sharedStrings.xml`): every text cell of the workbook points into it.
// Read as a stream of UTF-8 bytes, item by item, and kept compact: all texts in one string plus offsets. A
// text becomes a string of its own only when a cell in a column the scheme uses asks for it, so the texts of
// unused columns (and of other sheets) cost a few bytes each, not an object each.

import { isUtf8 } from 'node:buffer';
import { NormalizedBytes, XmlError, byteTagEnd as tagEnd, isNameEnd, stringItemText } from './xml.js';

export class SharedStrings {
  private readonly cache: (string | undefined)[];

  constructor(
    /** Every text, one after another: the i-th is text[offsets[i], offsets[i + 1]). */
    readonly text: string,
    readonly offsets: Uint32Array,
    readonly count: number,
  ) {
    this.cache = new Array<string | undefined>(count);
  }

  static readonly empty = new SharedStrings('', new Uint32Array(1), 0);

  /** Whether there is an i-th text (a damaged file may point past the table, or at 1.5). */
  has(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < this.count;
  }

  /** The i-th text; undefined when there is no such item (a damaged file). */
  get(i: number): string | undefined {
    if (!this.has(i)) return undefined;
    const hit = this.cache[i];
    if (hit !== undefined) return hit;
    const a = this.offsets[i] as number;
    const b = this.offsets[i + 1] as number;
    // A slice of 13+ characters is a view that would keep the whole table alive in the finished table: copy.
    const s = b - a < 13 ? this.text.slice(a, b) : (' ' + this.text.slice(a, b)).slice(1);
    this.cache[i] = s;
    return s;
  }
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const AMP = 38;
const UNDERSCORE = 95;

/** Reads the table from the part's UTF-8 bytes (Zip.utf8). */
export async function readSharedStrings(chunks: AsyncIterable<Buffer>): Promise<SharedStrings> {
  const reader = new TableReader();
  const markup = new NormalizedBytes();
  let carry: Buffer = Buffer.alloc(0);
  const scan = (chunk: Buffer, final: boolean): void => {
    const data = markup.next(chunk, final);
    const buf = carry.length === 0 ? data : Buffer.concat([carry, data]);
    carry = buf.subarray(reader.items(buf));
  };
  for await (const chunk of chunks) scan(chunk, false);
  scan(Buffer.alloc(0), true);
  return reader.done(carry);
}

/**
 * The items of the table, chunk by chunk. The common item, `<si><t>text</t></si>` with nothing to decode, is
 * copied as bytes into a block that becomes one string per chunk; any other (entities, rich text, phonetic
 * runs) is read by the general rules (stringItemText).
 */
class TableReader {
  private prefix: string | null = null;
  private pfx = Buffer.alloc(0);
  private siClose = Buffer.from('</si>');
  private tClose = Buffer.from('</t>');
  /** Texts joined, a string per chunk. */
  private readonly blocks: string[] = [];
  private offsets = new Uint32Array(1024);
  private n = 0;
  /** UTF-16 length of the texts so far. */
  private length = 0;
  /** The common items of the current block, as bytes, and where each ends. */
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  private ends = new Uint32Array(1024);
  private inBlock = 0;
  private nonAscii = false;
  /** Texts of the current block before the bytes (items read by the general rules). */
  private pieces: string[] = [];

  /** Every complete item of buf; returns where the incomplete rest begins. */
  items(b: Buffer): number {
    if (this.prefix === null) {
      const root = /<([A-Za-z_][\w.-]*:)?sst[\s>/]/.exec(b.toString('latin1'));
      if (root === null) return 0;
      this.setPrefix(root[1] ?? '');
    }
    const plen = this.pfx.length;
    const len = b.length;
    let p = 0;
    for (;;) {
      let lt = p;
      while (lt < len && b[lt] !== LT) lt++;
      if (lt + 3 + plen >= len) {
        p = lt;
        break;
      }
      // <si
      if (b[lt + 1 + plen] !== 115 || b[lt + 2 + plen] !== 105 || !isNameEnd(b[lt + 3 + plen]) || b[lt + 1] === SLASH || !this.prefixAt(b, lt + 1)) {
        p = lt + 1;
        continue;
      }
      const gt = tagEnd(b, lt + 3 + plen, len);
      if (gt === -1) {
        p = lt;
        break;
      }
      if (b[gt - 1] === SLASH) {
        this.addBytes(b, gt, gt, false); // <si/>
        p = gt + 1;
        continue;
      }
      const simple = this.simpleItem(b, gt + 1, len);
      if (simple === -1) {
        p = lt;
        break;
      }
      if (simple > 0) {
        p = simple;
        continue;
      }
      const end = b.indexOf(this.siClose, gt);
      if (end === -1) {
        p = lt;
        break;
      }
      const item = b.toString('utf8', gt + 1, end);
      this.addString(stringItemText(item, 0, item.length, this.prefix as string));
      p = end + this.siClose.length;
    }
    this.flush();
    return p;
  }

  /**
   * `<t>text</t></si>` (the t tag may have attributes: xml:space) with no entity or `_x` escape in the text:
   * copied as bytes; returns the index past `</si>`. 0: not such an item; -1: the chunk ends inside it.
   */
  private simpleItem(b: Buffer, q: number, len: number): number {
    const plen = this.pfx.length;
    if (q + 2 + plen >= len) return -1;
    if (b[q] !== LT || b[q + 1 + plen] !== 116 /* t */ || !isNameEnd(b[q + 2 + plen]) || !this.prefixAt(b, q + 1)) return 0;
    const gt = b[q + 2 + plen] === GT ? q + 2 + plen : tagEnd(b, q + 2 + plen, len);
    if (gt === -1) return -1;
    if (b[gt - 1] === SLASH) return 0;
    let e = gt + 1;
    let hi = 0;
    for (;;) {
      if (e >= len) return -1;
      const c = b[e] as number;
      if (c === LT) break;
      if (c === AMP || c === UNDERSCORE) return 0;
      hi |= c;
      e++;
    }
    const tc = this.tClose;
    const sc = this.siClose;
    if (e + tc.length + sc.length > len) return -1;
    for (let i = 0; i < tc.length; i++) if (b[e + i] !== tc[i]) return 0;
    for (let i = 0; i < sc.length; i++) if (b[e + tc.length + i] !== sc[i]) return 0;
    this.addBytes(b, gt + 1, e, hi >= 0x80);
    return e + tc.length + sc.length;
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.pfx = Buffer.from(prefix, 'latin1');
    this.siClose = Buffer.from(`</${prefix}si>`, 'latin1');
    this.tClose = Buffer.from(`</${prefix}t>`, 'latin1');
  }

  private prefixAt(b: Buffer, at: number): boolean {
    const pfx = this.pfx;
    for (let i = 0; i < pfx.length; i++) if (b[at + i] !== pfx[i]) return false;
    return true;
  }

  private next(units: number): void {
    if (this.n + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.length += units;
    this.offsets[++this.n] = this.length;
  }

  /** A text as its UTF-8 bytes b[a, z) (nothing to decode but UTF-8). */
  private addBytes(b: Buffer, a: number, z: number, nonAscii: boolean): void {
    const size = z - a;
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + size));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    b.copy(this.bytes, this.used, a, z);
    this.used += size;
    if (this.inBlock === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.inBlock++] = this.used;
    let units = size;
    if (nonAscii) {
      // UTF-16 length: one per character, two for one beyond U+FFFF (checked once the block is decoded).
      this.nonAscii = true;
      units = 0;
      for (let i = a; i < z; i++) {
        const c = b[i] as number;
        if ((c & 0xc0) !== 0x80) units += c >= 0xf0 ? 2 : 1;
      }
    }
    this.next(units);
  }

  private addString(s: string): void {
    this.flushBytes();
    this.pieces.push(s);
    this.next(s.length);
  }

  /** The bytes of the current block as one string (each item's offsets are already known). */
  private flushBytes(): void {
    if (this.inBlock === 0) return;
    const first = this.n - this.inBlock; // the block's first item
    if (!this.nonAscii) this.pieces.push(this.bytes.toString('latin1', 0, this.used));
    else {
      const valid = isUtf8(this.bytes.subarray(0, this.used));
      const text = valid ? this.bytes.toString('utf8', 0, this.used) : '';
      if (valid && text.length === (this.offsets[this.n] as number) - (this.offsets[first] as number)) this.pieces.push(text);
      else {
        // Not valid UTF-8 (a damaged file): each item decoded on its own, so a bad byte cannot join two texts.
        let at = this.offsets[first] as number;
        let from = 0;
        for (let k = 0; k < this.inBlock; k++) {
          const s = this.bytes.toString('utf8', from, this.ends[k]);
          from = this.ends[k] as number;
          this.pieces.push(s);
          at += s.length;
          this.offsets[first + k + 1] = at;
        }
        this.length = at;
      }
    }
    this.used = 0;
    this.inBlock = 0;
    this.nonAscii = false;
  }

  private flush(): void {
    this.flushBytes();
    if (this.pieces.length > 0) {
      this.blocks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  done(rest: Buffer): SharedStrings {
    if (this.prefix === null && this.n === 0 && rest.toString('utf8').trim() !== '') throw new XmlError('term.xml.noSst');
    return new SharedStrings(this.blocks.join(''), this.offsets.subarray(0, this.n + 1), this.n);
  }
}
