// The XML that workbook parts are made of, read by hand: measured, a general streaming parser (saxes) took
// 3.9 s for the sheet of a 100k-row workbook, where this module and sheet.ts need a fraction of that (see
// docs/benchmark.md). What real writers emit is covered: elements with or without a namespace prefix,
// attributes in either quote, the five entities and character references, CDATA, comments, processing
// instructions, CR LF line ends, and OOXML's own `_xHHHH_` escapes in cell text. A DOCTYPE is refused
// (entity definitions are how XML bombs work; no spreadsheet writer emits one).

import { en } from '../../messages/en.js';
import { fill } from '../../messages/index.js';

/**
 * Why a part's XML cannot be read: a `term.xml.…` message and its values (the row it broke in), said in the run's
 * language inside KPI2648; `message` is its English.
 */
export class XmlError extends Error {
  constructor(
    readonly term: XmlTerm,
    readonly values: Readonly<Record<string, string | number>> = {},
  ) {
    super(fill(en[term], values));
  }
}
export type XmlTerm = Extract<keyof typeof en, `term.xml.${string}`>;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
/** OOXML (ST_Xstring) escapes a character XML cannot hold, and a literal `_x`, as `_xHHHH_`. */
const XSTRING = /_x([0-9a-fA-F]{4})_/g;

function entity(whole: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body.charCodeAt(1) === 120 /* x */ ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  }
  return NAMED[body] ?? whole;
}

/** Attribute or text content with its entities decoded, exactly once. */
function decodeXml(s: string): string {
  return s.indexOf('&') === -1 ? s : s.replace(ENTITY, entity);
}

/** Cell text: entities, then OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return). */
export function decodeCellText(s: string): string {
  const t = decodeXml(s);
  return t.indexOf('_x') === -1 ? t : t.replace(XSTRING, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Rewrites what the fast scanners do not look for: comments and processing instructions are dropped, CDATA
 * becomes escaped text, CR LF becomes LF (as any XML parser does). Returns how much of `s` was complete
 * (a construct cut by the end of a chunk waits for the next one) and the rewritten text.
 */
function normalizeMarkup(s: string, final: boolean): { text: string; used: number } {
  if (!hasMarkup(s) && s.indexOf('\r') === -1) {
    // A '<' at the very end may begin a comment: it waits for the next chunk.
    const used = !final && s.charCodeAt(s.length - 1) === 60 ? s.length - 1 : s.length;
    return { text: used === s.length ? s : s.slice(0, used), used };
  }
  let out = '';
  let from = 0;
  let p = 0;
  let cr = s.indexOf('\r');
  for (;;) {
    const lt = s.indexOf('<', p);
    if (cr !== -1 && cr < p) cr = s.indexOf('\r', p);
    if (cr !== -1 && (lt === -1 || cr < lt)) {
      if (cr === s.length - 1 && !final) return { text: out + s.slice(from, cr), used: cr };
      out += s.slice(from, cr) + '\n';
      p = from = s.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      continue;
    }
    if (lt === -1) break;
    const next = s.charCodeAt(lt + 1);
    if (next !== 33 /* ! */ && next !== 63 /* ? */) {
      if (lt + 1 >= s.length && !final) return { text: out + s.slice(from, lt), used: lt };
      p = lt + 1;
      continue;
    }
    let close: string;
    let keep: ((body: string) => string) | null = null;
    if (s.startsWith('<!--', lt)) close = '-->';
    else if (s.startsWith('<![CDATA[', lt)) {
      close = ']]>';
      keep = (body) => body.slice(9).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    } else if (next === 63) close = '?>';
    else if (s.startsWith('<!DOCTYPE', lt) || s.startsWith('<!doctype', lt)) {
      throw new XmlError('term.xml.doctype');
    } else if (lt + 9 > s.length && !final) return { text: out + s.slice(from, lt), used: lt };
    else throw new XmlError('term.xml.markup', { markup: s.slice(lt, lt + 12) });
    const end = s.indexOf(close, lt + 2);
    if (end === -1) {
      if (!final) return { text: out + s.slice(from, lt), used: lt };
      throw new XmlError('term.xml.commentOpen');
    }
    out += s.slice(from, lt) + (keep ? keep(s.slice(lt, end)) : '');
    p = from = end + close.length;
  }
  return { text: out + s.slice(from), used: s.length };
}

const EMPTY = Buffer.alloc(0);

/**
 * A part's UTF-8 bytes, chunk by chunk, for the byte scanners: a chunk holding a comment, CDATA, a processing
 * instruction or a CR (rare: the XML declaration, hand-edited files) is rewritten by normalizeMarkup, one
 * byte per character; the others pass through untouched. A construct cut by a chunk's end waits for the next.
 */
export class NormalizedBytes {
  private rawTail: Buffer = EMPTY;

  next(chunk: Buffer, final: boolean): Buffer {
    const raw = this.rawTail.length === 0 ? chunk : Buffer.concat([this.rawTail, chunk]);
    if (needsNormalizing(raw)) {
      const norm = normalizeMarkup(raw.toString('latin1'), final);
      this.rawTail = raw.subarray(norm.used);
      return Buffer.from(norm.text, 'latin1');
    }
    if (!final && raw.length > 0 && raw[raw.length - 1] === 60) {
      // A '<' at the very end may begin a comment: it waits for the next chunk.
      this.rawTail = raw.subarray(raw.length - 1);
      return raw.subarray(0, raw.length - 1);
    }
    this.rawTail = EMPTY;
    return raw;
  }
}

/** Whether the bytes hold what the byte scanners do not look for: comments, CDATA, processing instructions, CR. */
function needsNormalizing(b: Buffer): boolean {
  if (b.indexOf(13) !== -1) return true;
  // Searched by the rare second character of `<!` and `<?`: a search for '<' would stop at every tag.
  for (const c of [33, 63]) {
    for (let i = b.indexOf(c, 1); i !== -1; i = b.indexOf(c, i + 1)) if (b[i - 1] === 60) return true;
  }
  return false;
}

/**
 * Whether s holds `<!` or `<?`. Searched by their rare second character: a search for '<' would stop at
 * every tag.
 */
function hasMarkup(s: string): boolean {
  for (const c of ['!', '?']) {
    for (let i = s.indexOf(c, 1); i !== -1; i = s.indexOf(c, i + 1)) if (s.charCodeAt(i - 1) === 60) return true;
  }
  return false;
}

/** Attributes of the start tag s[start, end) (after its name) by local name; prefixes are dropped. */
function attributes(s: string, start: number, end: number): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  re.lastIndex = start;
  for (let m = re.exec(s); m !== null && m.index < end; m = re.exec(s)) {
    const qname = m[1] as string;
    const colon = qname.indexOf(':');
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    // xmlns declarations are not attributes; a prefixed `r:id` is kept as `r:id` too, for relationship ids.
    if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
    const value = decodeXml((m[3] ?? m[4]) as string);
    if (colon !== -1) out.set(qname, value);
    if (!out.has(local) || colon === -1) out.set(local, value);
  }
  return out;
}

export interface Tag {
  /** Local name (prefix dropped). */
  name: string;
  /** Prefix with its colon, or ''. */
  prefix: string;
  attrs: Map<string, string>;
  /** Index of '<' and just past '>'. */
  start: number;
  end: number;
  selfClosing: boolean;
}

/** Every start tag with one of the given local names, in document order. For small parts (kilobytes). */
export function* startTags(xml: string, names: ReadonlySet<string>): Generator<Tag> {
  let p = 0;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt === -1) return;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */ || c === 33 /* ! */ || c === 63 /* ? */) {
      p = lt + 2;
      continue;
    }
    let q = lt + 1;
    while (q < xml.length && !isNameEnd(xml.charCodeAt(q))) q++;
    const end = tagEnd(xml, q);
    if (end === -1) throw new XmlError('term.xml.tagNotClosed');
    const qname = xml.slice(lt + 1, q);
    const colon = qname.indexOf(':');
    const name = colon === -1 ? qname : qname.slice(colon + 1);
    if (names.has(name)) {
      yield {
        name,
        prefix: colon === -1 ? '' : qname.slice(0, colon + 1),
        attrs: attributes(xml, q, end),
        start: lt,
        end: end + 1,
        selfClosing: xml.charCodeAt(end - 1) === 47,
      };
    }
    p = end + 1;
  }
}

export const isNameEnd = (c: number | undefined): boolean => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/** tagEnd over UTF-8 bytes b[from, end), for the byte scanners (sheet, table of texts). */
export function byteTagEnd(b: Buffer, from: number, end: number): number {
  for (let p = from; p < end; p++) {
    const c = b[p];
    if (c === 62) return p;
    if (c === 34 || c === 39) {
      p++;
      while (p < end && b[p] !== c) p++;
      if (p >= end) return -1;
    }
  }
  return -1;
}

/** Index of the '>' ending the tag whose attributes start at `from` (quotes may hold '>'), or -1. */
function tagEnd(s: string, from: number): number {
  for (let p = from; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === 62) return p;
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", p + 1);
      if (close === -1) return -1;
      p = close;
    }
  }
  return -1;
}

/**
 * The text of a string item (`<si>` or `<is>`) s[start, end): its `<t>`, or every rich-text run's `<t>`
 * joined; phonetic runs (`<rPh>`, Japanese/Chinese readings) and their `<t>` are left out.
 */
export function stringItemText(s: string, start: number, end: number, prefix: string): string {
  // Searched within the item only: an unbounded indexOf over a large chunk, per item, would be quadratic.
  const item = s.slice(start, end);
  const tOpen = `<${prefix}t`;
  const tClose = `</${prefix}t>`;
  const phOpen = `<${prefix}rPh`;
  const phClose = `</${prefix}rPh>`;
  const hasPhonetic = item.indexOf(phOpen) !== -1;
  let out = '';
  let p = 0;
  for (;;) {
    let t = item.indexOf(tOpen, p);
    if (t === -1) break;
    if (hasPhonetic) {
      const ph = item.indexOf(phOpen, p);
      if (ph !== -1 && ph < t) {
        const phEnd = item.indexOf(phClose, ph);
        if (phEnd === -1) break;
        p = phEnd + phClose.length;
        continue;
      }
    }
    if (!isNameEnd(item.charCodeAt(t + tOpen.length))) {
      p = t + tOpen.length; // <tX…>, not <t>
      continue;
    }
    const gt = tagEnd(item, t + tOpen.length);
    if (gt === -1) break;
    if (item.charCodeAt(gt - 1) === 47) {
      p = gt + 1; // <t/>: empty
      continue;
    }
    t = item.indexOf(tClose, gt);
    if (t === -1) throw new XmlError('term.xml.textNotClosed');
    const text = item.slice(gt + 1, t);
    const run = decodeCellText(text);
    out = out === '' ? run : out + run;
    p = t + tClose.length;
  }
  return out;
}
