// The worksheet scanner: sheet XML, chunk by chunk, to cells. Hand-tuned rather than a general XML parser
// (measured: saxes alone needs 3.9 s for a 100k-row sheet; see docs/benchmark.md). It walks each complete
// <row> with indexOf and charCodeAt, and decodes only the cells of wanted columns: the others are stepped
// over without making a string. Cells are typed as Excel shows them: shared and inline strings, numbers
// (with their number format's kind: a date format makes a serial number a date), booleans, errors, cached formula results, ISO dates.

import { columnLetter as columnName } from '../header.js';
import { isoToDate } from './dates.js';
import type { SharedStrings } from './shared-strings.js';
import { FMT_DATE, FMT_NUMBER, type FormatKind } from './styles.js';
import { XmlError, decodeCellText as decodeText, isNameEnd, normalizeMarkup, stringItemText, tagEnd, utf8FromBytes } from './xml.js';

/** Excel's limits: a cell reference beyond them means a damaged file. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * A cell whose value cannot be used: it shows an error, its formula has no saved result, it lies inside a
 * merged range, or its content is damaged. `reason` is written for the analyst and names the cell.
 */
export class CellProblem {
  constructor(
    readonly ref: string,
    readonly reason: string,
    /** What the cell holds, for the value column. */
    readonly shown: string,
  ) {}
}

export type CellValue = string | number | boolean | Date | CellProblem;

export interface Merge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What the scanner feeds. Columns are 0-based; rows are Excel's row numbers. */
export interface CellSink {
  /** Per column: 1 = decode its cells. Columns at or past `wantFrom` are decoded too. null: every column. */
  want: Uint8Array | null;
  wantFrom: number;
  cell(col: number, value: CellValue, format: FormatKind): void;
  /** The row is complete; `otherCells`: it had non-empty cells in columns not decoded. True to stop reading. */
  endRow(row: number, otherCells: boolean): boolean;
}

/** "B3:C7" (or "B3") as a range; null when it is not one. */
export function parseRange(ref: string): Merge | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (m === null) return null;
  const col = (letters: string): number => {
    let c = 0;
    for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return c - 1;
  };
  const left = col(m[1] as string);
  const top = Number(m[2]);
  const right = m[3] === undefined ? left : col(m[3]);
  const bottom = m[4] === undefined ? top : Number(m[4]);
  return { ref: ref.trim(), top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

// Cell types (the `t` attribute).
const T_NUMBER = 0;
const T_SHARED = 1;
const T_BOOL = 2;
const T_ERROR = 3;
const T_STR = 4;
const T_INLINE = 5;
const T_DATE = 6;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Text of a number as Number() reads it. Up to 15 digits with no exponent: integer ÷ power of ten, one
 * correctly rounded division, so exactly Number()'s result (both operands are exact doubles).
 */
function parseNum(s: string, a: number, b: number): number {
  let i = a;
  while (i < b && s.charCodeAt(i) === 32) i++;
  let end = b;
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  if (i === end) return NaN;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (let k = i; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return Number(s.slice(a, b)); // exponent, '+', or not a number at all (then NaN)
  }
  if (digits === 0 || digits > 15) return Number(s.slice(a, b));
  const v = scale > 0 ? n / (POW10[scale] as number) : n;
  return neg ? -v : v;
}

export interface ScanOptions {
  sharedStrings: SharedStrings;
  /** Format kind by style index. */
  styles: Uint8Array;
  /** Merged ranges known before the scan (from an earlier pass): their inner cells become problems. */
  merges?: readonly Merge[];
  /** Set when the text pushed is the part's UTF-8 bytes, one character each (Zip.chunks asBytes). */
  bytes?: { used: boolean };
}

/** Scans one worksheet's XML. push() each chunk of text, then end(); the merged ranges are known after end(). */
export class SheetScanner {
  /** Merged ranges found in the sheet (after its data). */
  readonly merges: Merge[] = [];
  rowsSeen = 0;
  stopped = false;

  private prefix: string | null = null;
  private inData = false;
  private afterData = false;
  private carry = '';
  private raw = '';
  private lastRow = 0;
  private active: Merge[] = [];
  private pendingMerges: Merge[];

  // Tags, with the namespace prefix the sheet uses.
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private dataOpen = '<sheetData';
  private dataClose = '</sheetData>';
  private plen = 0;

  constructor(
    private readonly sink: CellSink,
    private readonly opts: ScanOptions,
  ) {
    this.pendingMerges = [...(opts.merges ?? [])].sort((a, b) => a.top - b.top);
  }

  push(chunk: string): void {
    this.raw += chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.stopped) return;
    if (this.prefix === null) throw new XmlError('the sheet has no <worksheet> element');
    if (this.inData) throw new XmlError('the sheet ends inside its data (cut short)');
  }

  private scan(final: boolean): void {
    if (this.stopped) return;
    const norm = normalizeMarkup(this.raw, final);
    this.raw = this.raw.slice(norm.used);
    const buf = this.carry + norm.text;
    this.carry = '';
    if (this.prefix === null) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>/]/.exec(buf);
      if (root === null) {
        this.carry = buf.length > 4096 ? buf.slice(-4096) : buf;
        return;
      }
      this.setPrefix(root[1] ?? '');
    }
    let p = 0;
    if (!this.inData && !this.afterData) {
      const at = this.findTag(buf, this.dataOpen, 0);
      if (at === -1) {
        this.carry = buf.length > 4096 ? buf.slice(-4096) : buf;
        return;
      }
      const gt = tagEnd(buf, at + this.dataOpen.length);
      if (gt === -1) {
        this.carry = buf.slice(at);
        return;
      }
      if (buf.charCodeAt(gt - 1) === 47) this.afterData = true;
      else this.inData = true;
      p = gt + 1;
    }
    if (this.inData) {
      p = this.rows(buf, p);
      if (this.stopped) return;
    }
    if (this.afterData) p = this.mergeCells(buf, p, final);
    this.carry = buf.slice(p);
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.plen = prefix.length;
    this.rowOpen = `<${prefix}row`;
    this.rowClose = `</${prefix}row>`;
    this.cOpen = `<${prefix}c`;
    this.cClose = `</${prefix}c>`;
    this.dataOpen = `<${prefix}sheetData`;
    this.dataClose = `</${prefix}sheetData>`;
  }

  /** Index of the start tag `open` (a whole name, not a prefix of a longer one) from p, or -1. */
  private findTag(buf: string, open: string, p: number): number {
    for (let at = buf.indexOf(open, p); at !== -1; at = buf.indexOf(open, at + 1)) {
      if (at + open.length < buf.length && isNameEnd(buf.charCodeAt(at + open.length))) return at;
    }
    return -1;
  }

  /** Every complete row from p; returns where the unread rest begins. */
  private rows(buf: string, start: number): number {
    // Rows are read up to the last complete one: then no row needs its own search for its end.
    const lastClose = buf.lastIndexOf(this.rowClose);
    const dataClose = buf.indexOf(this.dataClose, lastClose === -1 ? start : lastClose);
    const limit = dataClose !== -1 ? dataClose : lastClose === -1 ? start : lastClose + this.rowClose.length;
    const rowOpen = this.rowOpen;
    let p = start;
    for (;;) {
      const lt = buf.indexOf('<', p);
      if (lt === -1 || lt >= limit) break;
      if (!buf.startsWith(rowOpen, lt) || !isNameEnd(buf.charCodeAt(lt + rowOpen.length))) {
        p = lt + 1;
        continue;
      }
      const after = lt + rowOpen.length;
      const gt = tagEnd(buf, after);
      if (gt === -1 || gt >= limit) throw new XmlError('a row tag is damaged');
      const row = this.rowNumber(buf, after, gt);
      this.lastRow = row;
      p = buf.charCodeAt(gt - 1) === 47 ? gt + 1 : this.cells(buf, gt + 1, row); // <row/>: no cells
      if (this.stopped) return p;
    }
    if (dataClose === -1) return Math.min(p, limit);
    this.inData = false;
    this.afterData = true;
    return dataClose + this.dataClose.length;
  }

  private rowNumber(buf: string, from: number, gt: number): number {
    const r = attr(buf, from, gt, 'r');
    let row = this.lastRow + 1;
    if (r !== -1) {
      row = 0;
      for (let k = r; ; k++) {
        const c = buf.charCodeAt(k);
        if (c < 48 || c > 57) break;
        row = row * 10 + (c - 48);
      }
    }
    if (!(row >= 1 && row <= MAX_ROWS) || row <= this.lastRow) {
      throw new XmlError(`row number ${row} is out of order or out of range (after row ${this.lastRow})`);
    }
    return row;
  }

  /** The cells of one row, from just after its start tag; returns the index just past its </row>. */
  private cells(buf: string, start: number, row: number): number {
    const sink = this.sink;
    const want = sink.want;
    const wantFrom = sink.wantFrom;
    const cOpen = this.cOpen;
    const cLen = cOpen.length;
    const bare = this.plen === 0;
    const end = buf.length;
    let other = false;
    let col = -1;
    let p = start;
    let rowEnd = -1;
    // This is the hottest loop of a read: charCodeAt tests first, builtin searches only where a run is long.
    for (;;) {
      const lt = buf.charCodeAt(p) === 60 ? p : buf.indexOf('<', p);
      if (lt === -1) throw new XmlError(`row ${row} is not closed`);
      const isCell = bare ? buf.charCodeAt(lt + 1) === 99 /* c */ : buf.startsWith(cOpen, lt);
      if (!isCell || !isNameEnd(buf.charCodeAt(lt + cLen))) {
        if (buf.charCodeAt(lt + 1) === 47 && buf.startsWith(this.rowClose, lt)) {
          rowEnd = lt + this.rowClose.length;
          break;
        }
        p = lt + 1;
        continue;
      }
      // Attributes: r (reference), s (style), t (type).
      let q = lt + cLen;
      let refCol = -1;
      let style = 0;
      let type = T_NUMBER;
      let gt = -1;
      for (;;) {
        let c = buf.charCodeAt(q);
        while (c === 32 || c === 10 || c === 9 || c === 13) c = buf.charCodeAt(++q);
        if (c === 62 || c === 47) {
          gt = c === 62 ? q : q + 1;
          break;
        }
        const nameStart = q;
        while (c !== 61 && q < end) c = buf.charCodeAt(++q);
        const nameLen = q - nameStart;
        let v = q + 1;
        while (buf.charCodeAt(v) === 32) v++;
        const quote = buf.charCodeAt(v);
        let close = v + 1;
        while (close < end && buf.charCodeAt(close) !== quote) close++;
        if (close >= end || (quote !== 34 && quote !== 39)) throw new XmlError(`a cell tag in row ${row} is damaged`);
        if (nameLen === 1) {
          const n = buf.charCodeAt(nameStart);
          if (n === 114 /* r */) {
            let c2 = 0;
            for (let k = v + 1; k < close; k++) {
              const ch = buf.charCodeAt(k) | 32; // lower case
              if (ch < 97 || ch > 122) break;
              c2 = c2 * 26 + (ch - 96);
            }
            refCol = c2 - 1;
            if (want !== null && refCol >= 0 && refCol < wantFrom && want[refCol] !== 1) {
              // A column not read: step over the rest of the cell without parsing it.
              const gtAt = tagEnd(buf, close + 1);
              if (gtAt === -1) throw new XmlError(`a cell tag in row ${row} is damaged`);
              col = refCol;
              if (buf.charCodeAt(gtAt - 1) === 47) p = gtAt + 1;
              else {
                const cEnd = buf.indexOf(this.cClose, gtAt);
                if (cEnd === -1) throw new XmlError(`a cell in row ${row} is not closed`);
                p = cEnd + this.cClose.length;
                other = true;
              }
              gt = -2;
              break;
            }
          } else if (n === 115 /* s */) {
            let st = 0;
            for (let k = v + 1; k < close; k++) st = st * 10 + (buf.charCodeAt(k) - 48);
            style = st;
          } else if (n === 116 /* t */) type = cellType(buf, v + 1, close);
        }
        q = close + 1;
      }
      if (gt === -2) continue;
      col = refCol >= 0 ? refCol : col + 1;
      if (col >= MAX_COLUMNS || col <= -1) throw new XmlError(`row ${row} has a cell beyond column XFD`);
      if (buf.charCodeAt(gt - 1) === 47) {
        p = gt + 1; // <c …/>: a styled empty cell
        continue;
      }
      if (want !== null && col < wantFrom && want[col] !== 1) {
        const cEnd = buf.indexOf(this.cClose, gt);
        if (cEnd === -1) throw new XmlError(`a cell in row ${row} is not closed`);
        p = cEnd + this.cClose.length;
        other = true;
        continue;
      }
      p = this.cell(buf, gt + 1, row, col, style, type);
    }
    if (this.pendingMerges.length > 0 || this.active.length > 0) this.mergedCells(row);
    this.rowsSeen++;
    if (sink.endRow(row, other)) this.stopped = true;
    return rowEnd;
  }

  /** One wanted cell, from just after its start tag: its <v>, <f> and <is> children. Returns the index past </c>. */
  private cell(buf: string, start: number, row: number, col: number, style: number, type: number): number {
    const plen = this.plen;
    let vStart = -1;
    let vEnd = -1;
    let fStart = -1;
    let fEnd = -1;
    let isStart = -1;
    let isEnd = -1;
    let p = start;
    let cEnd: number;
    for (;;) {
      const lt = buf.charCodeAt(p) === 60 ? p : buf.indexOf('<', p);
      if (lt === -1) throw new XmlError(`a cell in row ${row} is not closed`);
      if (buf.charCodeAt(lt + 1) === 47) {
        // A closing tag: the children's own were stepped over, so this is the cell's.
        if (!buf.startsWith(this.cClose, lt)) throw new XmlError(`a cell in row ${row} is damaged`);
        cEnd = lt;
        break;
      }
      if (plen > 0 && !buf.startsWith(this.prefix as string, lt + 1)) throw new XmlError(`a cell in row ${row} has an unexpected element`);
      const n = buf.charCodeAt(lt + 1 + plen);
      const after = buf.charCodeAt(lt + 2 + plen);
      if (n === 118 /* v */ && isNameEnd(after)) {
        const gt = after === 62 ? lt + 2 + plen : tagEnd(buf, lt + 2 + plen);
        if (buf.charCodeAt(gt - 1) === 47) {
          vStart = vEnd = gt + 1;
          p = gt + 1;
          continue;
        }
        vStart = gt + 1;
        vEnd = buf.indexOf('<', vStart);
        p = vEnd + 4 + plen; // past </v>
      } else if (n === 102 /* f */ && isNameEnd(after)) {
        const gt = tagEnd(buf, lt + 2 + plen);
        fStart = fEnd = gt + 1;
        if (buf.charCodeAt(gt - 1) === 47) {
          p = gt + 1;
          continue;
        }
        fEnd = buf.indexOf('<', fStart);
        p = fEnd + 4 + plen; // past </f>
      } else if (n === 105 /* i */ && after === 115 /* s */ && isNameEnd(buf.charCodeAt(lt + 3 + plen))) {
        const gt = tagEnd(buf, lt + 3 + plen);
        if (buf.charCodeAt(gt - 1) === 47) {
          isStart = isEnd = gt + 1;
          p = gt + 1;
          continue;
        }
        isStart = gt + 1;
        const close = `</${this.prefix as string}is>`;
        isEnd = buf.indexOf(close, isStart);
        if (isEnd === -1) throw new XmlError(`an inline string in row ${row} is not closed`);
        p = isEnd + close.length;
      } else {
        // Another child (extLst …): stepped over whole.
        let q = lt + 1;
        while (q < buf.length && !isNameEnd(buf.charCodeAt(q))) q++;
        const gt = tagEnd(buf, q);
        if (gt === -1) throw new XmlError(`a cell in row ${row} is damaged`);
        if (buf.charCodeAt(gt - 1) === 47) p = gt + 1;
        else {
          const close = `</${buf.slice(lt + 1, q)}>`;
          const at = buf.indexOf(close, gt);
          if (at === -1) throw new XmlError(`a cell in row ${row} is damaged`);
          p = at + close.length;
        }
      }
    }
    const next = cEnd + this.cClose.length;
    const hasFormula = fStart !== -1;
    const hasValue = vStart !== -1 && vEnd > vStart;
    const sink = this.sink;
    const format = (this.opts.styles[style] ?? FMT_NUMBER) as FormatKind;
    switch (type) {
      case T_NUMBER: {
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, fEnd > fStart ? this.text(buf.slice(fStart, fEnd)) : ''), format);
          return next;
        }
        const n = parseNum(buf, vStart, vEnd);
        // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
        if (n !== n) {
          sink.cell(col, damagedValue(row, col, this.text(buf.slice(vStart, vEnd)), 'a number'), format);
          return next;
        }
        // A date-formatted number stays a serial number here (format says it is a date): a date column wants
        // just its day, and making a Date of every one would cost a million objects per million rows.
        sink.cell(col, n, format);
        return next;
      }
      case T_SHARED: {
        if (!hasValue) return next;
        const i = parseNum(buf, vStart, vEnd);
        const s = this.opts.sharedStrings.get(i);
        sink.cell(col, s ?? damagedValue(row, col, buf.slice(vStart, vEnd), 'an entry of the table of texts'), format);
        return next;
      }
      case T_INLINE: {
        if (isStart !== -1) sink.cell(col, stringItemText(buf, isStart, isEnd, this.prefix as string, this.opts.bytes?.used === true), format);
        else if (vStart !== -1) sink.cell(col, this.text(buf.slice(vStart, vEnd)), format);
        else if (hasFormula) sink.cell(col, noResult(row, col, fEnd > fStart ? this.text(buf.slice(fStart, fEnd)) : ''), format);
        return next;
      }
      case T_STR: {
        // A formula's text result: an empty <v></v> is the empty text ="" returns; no <v> at all is no result.
        if (vStart !== -1) sink.cell(col, this.text(buf.slice(vStart, vEnd)), format);
        else if (hasFormula) sink.cell(col, noResult(row, col, fEnd > fStart ? this.text(buf.slice(fStart, fEnd)) : ''), format);
        return next;
      }
      case T_BOOL: {
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, fEnd > fStart ? this.text(buf.slice(fStart, fEnd)) : ''), format);
          return next;
        }
        const t = buf.slice(vStart, vEnd).trim();
        if (t === '1' || t === 'true') sink.cell(col, true, format);
        else if (t === '0' || t === 'false') sink.cell(col, false, format);
        else sink.cell(col, damagedValue(row, col, t, 'TRUE or FALSE'), format);
        return next;
      }
      case T_ERROR: {
        const shown = hasValue ? this.text(buf.slice(vStart, vEnd)).trim() : '#VALUE!';
        const ref = columnName(col) + row;
        const reason = hasFormula ? `the formula in ${ref} shows the error ${shown}` : `cell ${ref} shows the error ${shown}`;
        sink.cell(col, new CellProblem(ref, reason, shown), format);
        return next;
      }
      default: {
        // T_DATE: ISO 8601 text.
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, fEnd > fStart ? this.text(buf.slice(fStart, fEnd)) : ''), format);
          return next;
        }
        const text = this.text(buf.slice(vStart, vEnd));
        sink.cell(col, isoToDate(text) ?? damagedValue(row, col, text, 'a date'), FMT_DATE);
        return next;
      }
    }
  }

  /** A value's text: from bytes when the part came as bytes, then entities and `_xHHHH_` decoded. */
  private text(raw: string): string {
    return decodeText(this.opts.bytes?.used ? utf8FromBytes(raw) : raw);
  }

  /** Wanted cells inside a merged range (not its top-left cell) become problems: Excel shows them blank. */
  private mergedCells(row: number): void {
    const pending = this.pendingMerges;
    while (pending.length > 0 && (pending[0] as Merge).top <= row) this.active.push(pending.shift() as Merge);
    if (this.active.length === 0) return;
    this.active = this.active.filter((m) => m.bottom >= row);
    const sink = this.sink;
    for (const m of this.active) {
      for (let col = m.left; col <= m.right; col++) {
        if (row === m.top && col === m.left) continue;
        if (sink.want !== null && col < sink.wantFrom && sink.want[col] !== 1) continue;
        const ref = columnName(col) + row;
        const topLeft = columnName(m.left) + m.top;
        sink.cell(
          col,
          new CellProblem(ref, `cell ${ref} is inside the merged cells ${m.ref}, whose value is only in ${topLeft}: unmerge them and fill in every row`, ''),
          FMT_NUMBER,
        );
      }
    }
  }

  /** <mergeCell ref="…"/> elements after the sheet data. */
  private mergeCells(buf: string, start: number, final: boolean): number {
    const open = `<${this.prefix as string}mergeCell`;
    let p = start;
    for (;;) {
      const at = this.findTag(buf, open, p);
      if (at === -1) return final ? buf.length : Math.max(p, buf.length - open.length - 1);
      const gt = tagEnd(buf, at + open.length);
      if (gt === -1) return at;
      const r = attr(buf, at + open.length, gt, 'ref');
      if (r !== -1) {
        const q = buf.charCodeAt(r - 1);
        const m = parseRange(buf.slice(r, buf.indexOf(q === 39 ? "'" : '"', r)));
        if (m !== null && (m.bottom > m.top || m.right > m.left)) this.merges.push(m);
      }
      p = gt + 1;
    }
  }
}

/** Start of the value of attribute `name` in s[from, to) (after its opening quote), or -1. */
function attr(s: string, from: number, to: number, name: string): number {
  for (let k = s.indexOf(name, from); k !== -1 && k < to; k = s.indexOf(name, k + 1)) {
    const before = s.charCodeAt(k - 1);
    if (before !== 32 && before !== 10 && before !== 9) continue;
    let q = k + name.length;
    while (s.charCodeAt(q) === 32) q++;
    if (s.charCodeAt(q) !== 61) continue;
    q++;
    while (s.charCodeAt(q) === 32) q++;
    return q + 1;
  }
  return -1;
}

function cellType(s: string, a: number, b: number): number {
  const len = b - a;
  const c = s.charCodeAt(a);
  if (len === 1) {
    if (c === 115) return T_SHARED;
    if (c === 110) return T_NUMBER;
    if (c === 98) return T_BOOL;
    if (c === 101) return T_ERROR;
    if (c === 100) return T_DATE;
  }
  if (len === 3 && s.startsWith('str', a)) return T_STR;
  if (len === 9 && s.startsWith('inlineStr', a)) return T_INLINE;
  throw new XmlError(`a cell has the unknown type "${s.slice(a, b)}"`);
}

function noResult(row: number, col: number, formula: string): CellProblem {
  const ref = columnName(col) + row;
  return new CellProblem(
    ref,
    `the formula in ${ref} has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice`,
    formula === '' ? '(formula)' : `=${formula}`,
  );
}

function damagedValue(row: number, col: number, text: string, what: string): CellProblem {
  const ref = columnName(col) + row;
  return new CellProblem(ref, `cell ${ref} should hold ${what} but holds "${text}": the file may be damaged`, text);
}
