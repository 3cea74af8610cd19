// The shared-string table (`xl/sharedStrings.xml`): every text cell of the workbook points into it.
// Read as a stream, item by item, and kept compact: all texts in one string plus offsets. A text becomes a
// string of its own only when a cell in a column the scheme uses asks for it, so the texts of unused
// columns (and of other sheets) cost a few bytes each, not an object each.

import { XmlError, decodeCellText, isNameEnd, normalizeMarkup, stringItemText, tagEnd } from './xml.js';

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

/** Reads the table from its text chunks. */
export async function readSharedStrings(chunks: AsyncIterable<string>): Promise<SharedStrings> {
  // Texts are joined chunk by chunk: an array of a million small strings would be the peak of the whole read.
  const blocks: string[] = [];
  let pieces: string[] = [];
  let offsets = new Uint32Array(1024);
  let n = 0;
  let length = 0;
  const add = (s: string): void => {
    if (n + 2 > offsets.length) {
      const grown = new Uint32Array(offsets.length * 2);
      grown.set(offsets);
      offsets = grown;
    }
    pieces.push(s);
    length += s.length;
    offsets[++n] = length;
  };

  let prefix: string | null = null;
  let carry = '';
  let raw = '';
  const scan = (final: boolean): void => {
    const norm = normalizeMarkup(raw, final);
    raw = raw.slice(norm.used);
    const buf = carry + norm.text;
    if (prefix === null) {
      const root = /<([A-Za-z_][\w.-]*:)?sst[\s>/]/.exec(buf);
      if (root === null) {
        carry = buf;
        return;
      }
      prefix = root[1] ?? '';
    }
    const open = `<${prefix}si`;
    const close = `</${prefix}si>`;
    const simpleOpen = `<${prefix}t>`;
    const simpleClose = `</${prefix}t>`;
    let p = 0;
    for (;;) {
      const at = buf.indexOf(open, p);
      if (at === -1) break;
      const after = at + open.length;
      if (after >= buf.length) break;
      const c = buf.charCodeAt(after);
      if (!isNameEnd(c)) {
        p = after;
        continue;
      }
      const gt = c === 62 ? after : tagEnd(buf, after);
      if (gt === -1) break;
      if (buf.charCodeAt(gt - 1) === 47) {
        add(''); // <si/>
        p = gt + 1;
        continue;
      }
      const end = buf.indexOf(close, gt);
      if (end === -1) break;
      // The common item, <si><t>text</t></si>, without the general walk.
      const from = gt + 1 + simpleOpen.length;
      const to = end - simpleClose.length;
      if (buf.startsWith(simpleOpen, gt + 1) && buf.startsWith(simpleClose, to) && buf.indexOf('<', from) === to) {
        add(decodeCellText(buf.slice(from, to)));
      } else add(stringItemText(buf, gt + 1, end, prefix));
      p = end + close.length;
    }
    carry = buf.slice(p);
    if (pieces.length > 0) {
      blocks.push(pieces.join(''));
      pieces = [];
    }
  };
  for await (const chunk of chunks) {
    raw += chunk;
    scan(false);
  }
  scan(true);
  if (prefix === null && n === 0 && carry.trim() !== '') throw new XmlError('its table of texts has no <sst> element');
  return new SharedStrings(blocks.join(''), offsets.subarray(0, n + 1), n);
}
