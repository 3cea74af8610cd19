// The worksheet scanner: sheet XML, chunk by chunk, to cells. Hand-tuned rather than a general XML parser
// (measured: saxes alone needs 3.9 s for a 100k-row sheet; see docs/benchmark.md). It walks the part's UTF-8
// bytes as they inflate (no decoding of hundreds of MB of markup), one complete <row> at a time, and decodes
// only the cells of wanted columns: the others are stepped over without making a string. Cells are typed as
// Excel shows them: shared and inline strings, numbers (with their number format's kind: a date format makes a
// serial number a date), booleans, errors, cached formula results, ISO dates.

import { columnLetter as columnName } from '../header.js';
import { isoToDate } from './dates.js';
import type { SharedStrings } from './shared-strings.js';
import { FMT_DATE, FMT_NUMBER, type FormatKind } from './styles.js';
import { NormalizedBytes, XmlError, byteTagEnd as tagEnd, decodeCellText as decodeText, isNameEnd, stringItemText } from './xml.js';
import { problem, type Problem } from '../../messages/index.js';
import { blankText } from '../../core/text.js';

/** Excel's limits: a cell reference beyond them means a damaged file. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/**
 * A cell whose value cannot be used: it shows an error, its formula has no saved result, it lies inside a
 * merged range, or its content is damaged. `reason` is written for the analyst and names the cell.
 */
export class CellProblem {
  constructor(
    readonly ref: string,
    readonly reason: Problem,
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
  /**
   * Optional, for a sink that keeps numbers unboxed: a number cell (its format's kind says whether it is a
   * date serial). Without it, numbers come through cell().
   */
  number?(col: number, n: number, format: FormatKind): void;
  /**
   * Optional, for a sink that reads texts in place: a shared-string cell as its (valid) index into `table`.
   * Without it, the text comes through cell() as table.get(index).
   */
  sharedString?(col: number, table: SharedStrings, index: number, format: FormatKind): void;
  /** A decoded cell's formula text (without "="), before its cell(); only sinks that ask get it (kpi verify). */
  formula?(col: number, text: string): void;
  /**
   * The row is complete; `otherCells`: it had non-empty cells in columns not decoded (then `cells` can tell whether
   * they are only spaces). True to stop reading.
   */
  endRow(row: number, otherCells: boolean, cells: RowCells): boolean;
  /** Optional: the row about to be read is hidden (by hand, by a filter, in a collapsed group). */
  hiddenRow?(row: number): void;
  /** Optional, once before the first row: the hidden columns (0-based), when the sheet has any. */
  hiddenColumns?(cols: readonly number[]): void;
}

/** The row being ended, read again on request. */
export interface RowCells {
  /** Whether every cell of the row is blank or only spaces (after an endRow with otherCells: the rest are blank). */
  onlySpaces(): boolean;
}

/** "B3:C7" (or "B3") as a range; null when it is not one. */
function parseRange(ref: string): Merge | null {
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

// Bytes.
const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;

const EMPTY = Buffer.alloc(0);
const REF = Buffer.from('ref');

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 9 || c === 13;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The text b[a, z) as a number, as Number() reads it. Up to 15 digits with no exponent: integer ÷ power of
 * ten, one correctly rounded division, so exactly Number()'s result (both operands are exact doubles).
 * Only spaces around it (Number() would also take an empty text as 0: here it is not a number).
 */
function parseNum(b: Buffer, a: number, z: number): number {
  let i = a;
  while (i < z && b[i] === 32) i++;
  let end = z;
  while (end > i && b[end - 1] === 32) end--;
  if (i === end) return NaN;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (let k = i; k < end; k++) {
    const c = b[k] as number;
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return Number(b.toString('utf8', a, z)); // exponent, '+', or not a number at all (then NaN)
  }
  if (digits === 0 || digits > 15) return Number(b.toString('utf8', a, z));
  const v = scale > 0 ? n / (POW10[scale] as number) : n;
  return neg ? -v : v;
}

/** Whether b holds `pat` at `at`. */
function bytesAt(b: Buffer, at: number, pat: Buffer): boolean {
  if (at + pat.length > b.length) return false;
  for (let i = 0; i < pat.length; i++) if (b[at + i] !== pat[i]) return false;
  return true;
}

/** Start of the value (after its opening quote) of attribute `name` in a start tag's attributes [from, gt), or -1. */
function attrStart(b: Buffer, from: number, gt: number, name: Buffer): number {
  let q = from;
  for (;;) {
    while (q < gt && isSpace(b[q])) q++;
    if (q >= gt) return -1;
    const nameStart = q;
    while (q < gt && b[q] !== EQ && !isSpace(b[q])) q++;
    const nameLen = q - nameStart;
    while (q < gt && isSpace(b[q])) q++;
    if (b[q] !== EQ) return -1;
    q++;
    while (q < gt && isSpace(b[q])) q++;
    const quote = b[q];
    if (quote !== QUOT && quote !== APOS) return -1;
    if (nameLen === name.length && bytesAt(b, nameStart, name)) return q + 1;
    q++;
    while (q < gt && b[q] !== quote) q++;
    q++;
  }
}

export interface ScanOptions {
  sharedStrings: SharedStrings;
  /** Format kind by style index. */
  styles: ArrayLike<number>;
  /** Merged ranges known before the scan (from an earlier pass): their inner cells become problems. */
  merges?: readonly Merge[];
  /** Every cell through cell(), even for a sink with typed calls (tests hold the typed paths to the plain one). */
  plain?: boolean;
  /**
   * The workbook asks to be calculated when opened (fullCalcOnLoad): a formula's saved result is a placeholder,
   * so every formula cell is a problem (KPI2406), whatever result it holds.
   */
  calcOnLoad?: boolean;
  /** The sheet's name, for the problems that name it (a cell written twice). */
  sheet?: string;
}

/**
 * Scans one worksheet's XML, given as its UTF-8 bytes. push() each chunk, then end(); the merged ranges are
 * known after end().
 */
export class SheetScanner implements RowCells {
  /** Merged ranges found in the sheet (after its data). */
  readonly merges: Merge[] = [];
  rowsSeen = 0;
  stopped = false;

  private prefix: string | null = null;
  private inData = false;
  private afterData = false;
  /** Bytes read but not yet scanned (an incomplete row), markup already normalized. */
  private carry: Buffer = EMPTY;
  private readonly markup = new NormalizedBytes();
  private lastRow = 0;
  private active: Merge[] = [];
  private pendingMerges: Merge[];
  private readonly typedNumbers: boolean;
  private readonly typedStrings: boolean;
  private readonly hiddenCols = new Set<number>();
  private readonly wantsHidden: boolean;
  /** Per column: the last row a cell with content was decoded in (a second one in that row is a cell written twice). */
  private readonly filled = new Int32Array(MAX_COLUMNS);
  /** The row with cells in columns not decoded that endRow is told of: its bytes, for onlySpaces. */
  private rowBytes: Buffer = EMPTY;
  private rowFrom = 0;
  private rowTo = 0;

  // Tags, with the namespace prefix the sheet uses.
  private pfx: Buffer = EMPTY;
  private plen = 0;
  private rowClose = Buffer.from('</row>');
  private dataOpen = Buffer.from('<sheetData');
  private dataClose = Buffer.from('</sheetData>');
  private mergeOpen = Buffer.from('<mergeCell');
  private isClose = Buffer.from('</is>');

  constructor(
    private readonly sink: CellSink,
    private readonly opts: ScanOptions,
  ) {
    this.pendingMerges = [...(opts.merges ?? [])].sort((a, b) => a.top - b.top);
    this.typedNumbers = typeof sink.number === 'function' && opts.plain !== true;
    this.typedStrings = typeof sink.sharedString === 'function' && opts.plain !== true;
    this.wantsHidden = typeof sink.hiddenRow === 'function';
  }

  push(chunk: Buffer): void {
    this.feed(chunk, false);
  }

  end(): void {
    this.feed(EMPTY, true);
    if (this.stopped) return;
    if (this.prefix === null) throw new XmlError('term.xml.noWorksheet');
    if (this.inData) throw new XmlError('term.xml.sheetCut');
  }

  private feed(chunk: Buffer, final: boolean): void {
    if (this.stopped) return;
    let data = this.markup.next(chunk, final);
    if (this.carry.length > 0 && this.inData) {
      // The row cut by the chunk's end is completed on its own: joining the carry to the whole chunk would copy
      // every byte of the sheet once more.
      const k = data.indexOf(this.rowClose);
      if (k !== -1) {
        const head = Buffer.concat([this.carry, data.subarray(0, k + this.rowClose.length)]);
        this.carry = EMPTY;
        this.scan(head, false);
        if (this.stopped) return;
        data = data.subarray(k + this.rowClose.length);
      }
    }
    const buf = this.carry.length === 0 ? data : Buffer.concat([this.carry, data]);
    this.carry = EMPTY;
    this.scan(buf, final);
  }

  private scan(buf: Buffer, final: boolean): void {
    if (this.prefix === null) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet[\s>/]/.exec(buf.toString('latin1'));
      if (root === null) {
        this.carry = buf.length > 4096 ? buf.subarray(buf.length - 4096) : buf;
        return;
      }
      this.setPrefix(root[1] ?? '');
    }
    let p = 0;
    if (!this.inData && !this.afterData) {
      const at = findTag(buf, this.dataOpen, 0);
      // The column definitions (<cols>) come before the data: which columns are hidden.
      this.columnsBefore(buf, at === -1 ? buf.length : at);
      if (at === -1) {
        this.carry = buf.length > 4096 ? buf.subarray(buf.length - 4096) : buf;
        return;
      }
      const gt = tagEnd(buf, at + this.dataOpen.length, buf.length);
      if (gt === -1) {
        this.carry = buf.subarray(at);
        return;
      }
      if (buf[gt - 1] === SLASH) this.afterData = true;
      else this.inData = true;
      p = gt + 1;
      if (this.hiddenCols.size > 0) this.sink.hiddenColumns?.([...this.hiddenCols].sort((a, b) => a - b));
    }
    if (this.inData) {
      p = this.rows(buf, p);
      if (this.stopped) return;
    }
    if (this.afterData) p = this.mergeCells(buf, p, final);
    this.carry = buf.subarray(p);
  }

  /** Hidden columns of <col min=… max=… hidden="1"> elements in b[0, end) (a part seen twice adds nothing). */
  private columnsBefore(b: Buffer, end: number): void {
    if (this.sink.hiddenColumns === undefined) return;
    const text = b.toString('latin1', 0, end);
    const col = new RegExp(`<${this.prefix ?? ''}col\\b[^>]*>`, 'g');
    for (const m of text.matchAll(col)) {
      if (!/\shidden\s*=\s*["'](?:1|true)["']/.test(m[0])) continue;
      const min = Number(/\smin\s*=\s*["'](\d+)["']/.exec(m[0])?.[1]);
      const max = Number(/\smax\s*=\s*["'](\d+)["']/.exec(m[0])?.[1] ?? min);
      if (!(min >= 1 && max >= min && max <= MAX_COLUMNS)) continue;
      // A range hidden to the sheet's last column (max="16384") is kept to its first 1,025 columns: a table wider
      // than that is not a data export.
      for (let c = min; c <= Math.min(max, min + 1024); c++) this.hiddenCols.add(c - 1);
    }
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.pfx = Buffer.from(prefix, 'latin1');
    this.plen = this.pfx.length;
    this.rowClose = Buffer.from(`</${prefix}row>`, 'latin1');
    this.dataOpen = Buffer.from(`<${prefix}sheetData`, 'latin1');
    this.dataClose = Buffer.from(`</${prefix}sheetData>`, 'latin1');
    this.mergeOpen = Buffer.from(`<${prefix}mergeCell`, 'latin1');
    this.isClose = Buffer.from(`</${prefix}is>`, 'latin1');
  }

  /** Whether b[at…] is the sheet's namespace prefix (always true without one). */
  private prefixAt(b: Buffer, at: number): boolean {
    return this.plen === 0 || bytesAt(b, at, this.pfx);
  }

  /** Every complete row from `start`; returns where the unread rest begins. */
  private rows(buf: Buffer, start: number): number {
    // Rows are read up to the last complete one: then no row needs its own search for its end.
    const lastClose = buf.lastIndexOf(this.rowClose);
    const dataClose = buf.indexOf(this.dataClose, Math.max(start, lastClose));
    const limit = dataClose !== -1 ? dataClose : lastClose < start ? start : lastClose + this.rowClose.length;
    const plen = this.plen;
    let p = start;
    for (;;) {
      let lt = p;
      while (lt < limit && buf[lt] !== LT) lt++;
      if (lt >= limit) break;
      // <row
      if (
        !(buf[lt + 1 + plen] === 114 && buf[lt + 2 + plen] === 111 && buf[lt + 3 + plen] === 119 && isNameEnd(buf[lt + 4 + plen])) ||
        buf[lt + 1] === SLASH ||
        !this.prefixAt(buf, lt + 1)
      ) {
        p = lt + 1;
        continue;
      }
      const after = lt + 4 + plen;
      const gt = tagEnd(buf, after, limit);
      if (gt === -1) throw new XmlError('term.xml.rowTagDamaged');
      const row = this.rowNumber(buf, after, gt);
      this.lastRow = row;
      const empty = buf[gt - 1] === SLASH; // <row/>: no cells
      if (this.wantsHidden && !empty) {
        const h = attrStart(buf, after, gt, HIDDEN);
        if (h !== -1 && (buf[h] === 49 /* 1 */ || buf[h] === 116) /* t(rue) */) this.sink.hiddenRow?.(row);
      }
      p = empty ? gt + 1 : this.cells(buf, gt + 1, row, limit);
      if (this.stopped) return p;
    }
    if (dataClose === -1) return Math.min(p, limit);
    this.inData = false;
    this.afterData = true;
    return dataClose + this.dataClose.length;
  }

  private rowNumber(buf: Buffer, from: number, gt: number): number {
    const r = attrStart(buf, from, gt, R);
    let row = this.lastRow + 1;
    if (r !== -1) {
      row = 0;
      for (let k = r; ; k++) {
        const c = buf[k] as number;
        if (c < 48 || c > 57) break;
        row = row * 10 + (c - 48);
      }
    }
    if (!(row >= 1 && row <= MAX_ROWS) || row <= this.lastRow) {
      throw new XmlError('term.xml.rowOrder', { row, after: this.lastRow });
    }
    return row;
  }

  /** Index just past the `</c>` closing the cell whose content starts at `from`. */
  private pastCellEnd(b: Buffer, from: number, end: number, row: number): number {
    const plen = this.plen;
    for (let i = from; ; i++) {
      while (i < end && b[i] !== LT) i++;
      if (i >= end) throw new XmlError('term.xml.cellNotClosed', { row });
      if (b[i + 1] === SLASH && b[i + 2 + plen] === 99 && b[i + 3 + plen] === GT && this.prefixAt(b, i + 2)) return i + 4 + plen;
    }
  }

  /** The cells of one row, from just after its start tag; returns the index just past its </row>. */
  private cells(b: Buffer, start: number, row: number, end: number): number {
    const sink = this.sink;
    const want = sink.want;
    const wantFrom = sink.wantFrom;
    const plen = this.plen;
    let other = false;
    let col = -1;
    let p = start;
    let rowEnd: number;
    // This is the hottest loop of a read: every byte of a cell is looked at about once.
    for (;;) {
      let lt = p;
      while (lt < end && b[lt] !== LT) lt++;
      if (lt >= end) throw new XmlError('term.xml.rowNotClosed', { row });
      if (b[lt + 1] === SLASH) {
        if (bytesAt(b, lt, this.rowClose)) {
          rowEnd = lt + this.rowClose.length;
          break;
        }
        p = lt + 2;
        continue;
      }
      if (b[lt + 1 + plen] !== 99 /* c */ || !isNameEnd(b[lt + 2 + plen]) || !this.prefixAt(b, lt + 1)) {
        p = lt + 1;
        continue;
      }
      // Attributes: r (reference), s (style), t (type).
      let q = lt + 2 + plen;
      let refCol = -1;
      let style = 0;
      let type = T_NUMBER;
      let gt = -1;
      let skip = false;
      for (;;) {
        let c = b[q];
        while (c === 32 || c === 10 || c === 9 || c === 13) c = b[++q];
        if (c === GT || c === SLASH) {
          gt = c === GT ? q : q + 1;
          break;
        }
        if (q >= end) throw new XmlError('term.xml.cellTagDamaged', { row });
        const nameStart = q;
        while (c !== EQ && q < end) c = b[++q];
        let nameEnd = q;
        while (nameEnd > nameStart && isSpace(b[nameEnd - 1])) nameEnd--;
        let v = q + 1;
        while (isSpace(b[v])) v++;
        const quote = b[v];
        let close = v + 1;
        while (close < end && b[close] !== quote) close++;
        if (close >= end || (quote !== QUOT && quote !== APOS)) throw new XmlError('term.xml.cellTagDamaged', { row });
        q = close + 1;
        if (nameEnd - nameStart !== 1) continue;
        const n = b[nameStart];
        if (n === 114 /* r */) {
          let c2 = 0;
          for (let k = v + 1; k < close; k++) {
            const ch = (b[k] as number) | 32; // lower case
            if (ch < 97 || ch > 122) break;
            c2 = c2 * 26 + (ch - 96);
          }
          refCol = c2 - 1;
          if (want !== null && refCol >= 0 && refCol < wantFrom && want[refCol] !== 1) {
            // A column not read: step over the rest of the cell without parsing it.
            skip = true;
            break;
          }
        } else if (n === 115 /* s */) {
          let st = 0;
          for (let k = v + 1; k < close; k++) st = st * 10 + ((b[k] as number) - 48);
          style = st;
        } else if (n === 116 /* t */) type = cellType(b, v + 1, close);
      }
      if (skip) {
        const gtAt = tagEnd(b, q, end);
        if (gtAt === -1) throw new XmlError('term.xml.cellTagDamaged', { row });
        col = refCol;
        if (b[gtAt - 1] === SLASH) p = gtAt + 1;
        else {
          p = this.pastCellEnd(b, gtAt + 1, end, row);
          other = true;
        }
        continue;
      }
      col = refCol >= 0 ? refCol : col + 1;
      if (col >= MAX_COLUMNS || col <= -1) throw new XmlError('term.xml.beyondXfd', { row });
      if (b[gt - 1] === SLASH) {
        p = gt + 1; // <c …/>: a styled empty cell
        continue;
      }
      if (want !== null && col < wantFrom && want[col] !== 1) {
        p = this.pastCellEnd(b, gt + 1, end, row);
        other = true;
        continue;
      }
      if (this.filled[col] === row) {
        p = this.writtenTwice(b, gt + 1, end, row, col);
        continue;
      }
      this.filled[col] = row;
      p = this.cell(b, gt + 1, end, row, col, style, type);
    }
    if (this.pendingMerges.length > 0 || this.active.length > 0) this.mergedCells(row);
    this.rowsSeen++;
    if (other) {
      this.rowBytes = b;
      this.rowFrom = start;
      this.rowTo = rowEnd;
    }
    if (sink.endRow(row, other, this)) this.stopped = true;
    return rowEnd;
  }

  /**
   * The row just ended (one with cells in columns not decoded): whether every cell is blank, only spaces or only
   * invisible characters, as a formatted blank row, a space typed in a note column or a stray zero-width space is.
   * Asked only of a row with no value the scheme reads, so its cells are read again here rather than every skipped
   * cell on every row. A formula without a saved result (or whose result is a placeholder) is not blank.
   */
  onlySpaces(): boolean {
    const p = this.prefix ?? '';
    const xml = this.rowBytes.toString('utf8', this.rowFrom, this.rowTo);
    const cells = new RegExp(`<${p}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}c>)`, 'g');
    const value = new RegExp(`<${p}v(?:\\s[^>]*)?>([\\s\\S]*?)</${p}v>`);
    const formula = new RegExp(`<${p}f[\\s/>]`);
    for (const m of xml.matchAll(cells)) {
      const inner = m[2];
      if (inner === undefined) continue; // <c …/>
      const type = /\bt\s*=\s*["']([^"']*)["']/.exec(m[1] as string)?.[1];
      const v = value.exec(inner)?.[1];
      if (type === 'e' || (formula.test(inner) && (v === undefined || this.opts.calcOnLoad === true))) return false;
      let text = '';
      if (type === 'inlineStr' && v === undefined) text = stringItemText(inner, 0, inner.length, p);
      else if (v === undefined) continue;
      else if (type === 's') {
        const table = this.opts.sharedStrings;
        const i = Number(v);
        if (!table.has(i)) return false;
        text = table.get(i) as string;
      } else text = decodeText(v);
      if (!blankText(text)) return false;
    }
    return true;
  }

  /** One wanted cell, from just after its start tag: its <v>, <f> and <is> children. Returns the index past </c>. */
  private cell(b: Buffer, start: number, end: number, row: number, col: number, style: number, type: number): number {
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
      let lt = p;
      while (lt < end && b[lt] !== LT) lt++;
      if (lt >= end) throw new XmlError('term.xml.cellNotClosed', { row });
      if (b[lt + 1] === SLASH) {
        // A closing tag: the children's own were stepped over, so this is the cell's.
        if (!(b[lt + 2 + plen] === 99 && b[lt + 3 + plen] === GT && this.prefixAt(b, lt + 2))) {
          throw new XmlError('term.xml.cellDamaged', { row });
        }
        cEnd = lt;
        break;
      }
      if (!this.prefixAt(b, lt + 1)) throw new XmlError('term.xml.cellUnexpected', { row });
      const n = b[lt + 1 + plen];
      const after = b[lt + 2 + plen];
      if (n === 118 /* v */ && isNameEnd(after)) {
        const gt = after === GT ? lt + 2 + plen : tagEnd(b, lt + 2 + plen, end);
        if (gt === -1) throw new XmlError('term.xml.cellDamaged', { row });
        if (b[gt - 1] === SLASH) {
          vStart = vEnd = gt + 1;
          p = gt + 1;
          continue;
        }
        vStart = gt + 1;
        let e = vStart;
        while (e < end && b[e] !== LT) e++;
        vEnd = e;
        p = e + 4 + plen; // past </v>
      } else if (n === 102 /* f */ && isNameEnd(after)) {
        const gt = tagEnd(b, lt + 2 + plen, end);
        if (gt === -1) throw new XmlError('term.xml.cellDamaged', { row });
        fStart = fEnd = gt + 1;
        if (b[gt - 1] === SLASH) {
          p = gt + 1;
          continue;
        }
        let e = fStart;
        while (e < end && b[e] !== LT) e++;
        fEnd = e;
        p = e + 4 + plen; // past </f>
      } else if (n === 105 /* i */ && after === 115 /* s */ && isNameEnd(b[lt + 3 + plen])) {
        const gt = tagEnd(b, lt + 3 + plen, end);
        if (gt === -1) throw new XmlError('term.xml.cellDamaged', { row });
        if (b[gt - 1] === SLASH) {
          isStart = isEnd = gt + 1;
          p = gt + 1;
          continue;
        }
        isStart = gt + 1;
        isEnd = b.indexOf(this.isClose, isStart);
        if (isEnd === -1 || isEnd >= end) throw new XmlError('term.xml.inlineNotClosed', { row });
        p = isEnd + this.isClose.length;
      } else {
        // Another child (extLst …): stepped over whole.
        let q = lt + 1;
        while (q < end && !isNameEnd(b[q])) q++;
        const gt = tagEnd(b, q, end);
        if (gt === -1) throw new XmlError('term.xml.cellDamaged', { row });
        if (b[gt - 1] === SLASH) p = gt + 1;
        else {
          const close = Buffer.concat([Buffer.from('</'), b.subarray(lt + 1, q), Buffer.from('>')]);
          const at = b.indexOf(close, gt);
          if (at === -1 || at >= end) throw new XmlError('term.xml.cellDamaged', { row });
          p = at + close.length;
        }
      }
    }
    const next = cEnd + 4 + plen;
    const hasFormula = fStart !== -1;
    const hasValue = vStart !== -1 && vEnd > vStart;
    const sink = this.sink;
    const format = (this.opts.styles[style] ?? FMT_NUMBER) as FormatKind;
    if (hasFormula && sink.formula !== undefined) sink.formula(col, this.text(b, fStart, fEnd));
    // A formula with no saved result is KPI2404 below (openpyxl saves an empty one); one with a result saved by a
    // program that does not calculate holds a placeholder.
    if (hasFormula && hasValue && this.opts.calcOnLoad === true) {
      sink.cell(col, notCalculated(row, col, this.text(b, fStart, fEnd), this.text(b, vStart, vEnd)), format);
      return next;
    }
    switch (type) {
      case T_NUMBER: {
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, this.text(b, fStart, fEnd)), format);
          return next;
        }
        const n = parseNum(b, vStart, vEnd);
        // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
        if (n !== n) {
          sink.cell(col, damagedValue(row, col, this.text(b, vStart, vEnd), 'term.number'), format);
          return next;
        }
        // A date-formatted number stays a serial number here (format says it is a date): a date column wants
        // just its day, and making a Date of every one would cost a million objects per million rows.
        if (this.typedNumbers) sink.number!(col, n, format);
        else sink.cell(col, n, format);
        return next;
      }
      case T_SHARED: {
        if (!hasValue) return next;
        const i = parseNum(b, vStart, vEnd);
        const table = this.opts.sharedStrings;
        if (!table.has(i)) sink.cell(col, damagedValue(row, col, this.text(b, vStart, vEnd), 'term.sharedText'), format);
        else if (this.typedStrings) sink.sharedString!(col, table, i, format);
        else sink.cell(col, table.get(i) as string, format);
        return next;
      }
      case T_INLINE: {
        if (isStart !== -1) {
          const item = b.toString('utf8', isStart, isEnd);
          sink.cell(col, stringItemText(item, 0, item.length, this.prefix as string), format);
        } else if (vStart !== -1) sink.cell(col, this.text(b, vStart, vEnd), format);
        else if (hasFormula) sink.cell(col, noResult(row, col, this.text(b, fStart, fEnd)), format);
        return next;
      }
      case T_STR: {
        // A formula's text result: an empty <v></v> is the empty text ="" returns; no <v> at all is no result.
        if (vStart !== -1) sink.cell(col, this.text(b, vStart, vEnd), format);
        else if (hasFormula) sink.cell(col, noResult(row, col, this.text(b, fStart, fEnd)), format);
        return next;
      }
      case T_BOOL: {
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, this.text(b, fStart, fEnd)), format);
          return next;
        }
        const t = b.toString('latin1', vStart, vEnd).trim();
        if (t === '1' || t === 'true') sink.cell(col, true, format);
        else if (t === '0' || t === 'false') sink.cell(col, false, format);
        else sink.cell(col, damagedValue(row, col, this.text(b, vStart, vEnd).trim(), 'term.trueFalse'), format);
        return next;
      }
      case T_ERROR: {
        const shown = hasValue ? this.text(b, vStart, vEnd).trim() : '#VALUE!';
        const ref = columnName(col) + row;
        const reason = hasFormula ? problem('KPI2401', { ref, error: shown }) : problem('KPI2402', { ref, error: shown });
        sink.cell(col, new CellProblem(ref, reason, shown), format);
        return next;
      }
      default: {
        // T_DATE: ISO 8601 text.
        if (!hasValue) {
          if (hasFormula) sink.cell(col, noResult(row, col, this.text(b, fStart, fEnd)), format);
          return next;
        }
        const text = this.text(b, vStart, vEnd);
        sink.cell(col, isoToDate(text) ?? damagedValue(row, col, text, 'term.date'), FMT_DATE);
        return next;
      }
    }
  }

  /**
   * A second cell with content at one address of a row (`<c r="B2">` twice, as some generators write): the row
   * would hold whichever came last without a word, so the cell becomes a problem naming the sheet and the cell.
   */
  private writtenTwice(b: Buffer, start: number, end: number, row: number, col: number): number {
    const next = this.pastCellEnd(b, start, end, row);
    const inner = this.text(b, start, next)
      .replace(/<[^>]*>/g, '')
      .trim();
    const ref = columnName(col) + row;
    const shown = inner.length > 50 ? `${inner.slice(0, 50)}…` : inner;
    this.sink.cell(col, new CellProblem(ref, problem('KPI2172', { ref, sheet: this.opts.sheet ?? '' }), shown), FMT_NUMBER);
    return next;
  }

  /** The text of b[a, z): UTF-8, then entities and `_xHHHH_` decoded. */
  private text(b: Buffer, a: number, z: number): string {
    return z > a ? decodeText(b.toString('utf8', a, z)) : '';
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
        sink.cell(col, new CellProblem(ref, problem('KPI2403', { ref, merged: m.ref, topLeft }), ''), FMT_NUMBER);
      }
    }
  }

  /** <mergeCell ref="…"/> elements after the sheet data. */
  private mergeCells(buf: Buffer, start: number, final: boolean): number {
    const open = this.mergeOpen;
    let p = start;
    for (;;) {
      const at = findTag(buf, open, p);
      if (at === -1) return final ? buf.length : Math.max(p, buf.length - open.length - 1);
      const gt = tagEnd(buf, at + open.length, buf.length);
      if (gt === -1) return at;
      const r = attrStart(buf, at + open.length, gt, REF);
      if (r !== -1) {
        const quote = buf[r - 1];
        let e = r;
        while (e < gt && buf[e] !== quote) e++;
        const m = parseRange(buf.toString('latin1', r, e));
        if (m !== null && (m.bottom > m.top || m.right > m.left)) this.merges.push(m);
      }
      p = gt + 1;
    }
  }
}

const R = Buffer.from('r');
const HIDDEN = Buffer.from('hidden');

/** Index of the start tag `open` (a whole name, not a prefix of a longer one) from p, or -1. */
function findTag(buf: Buffer, open: Buffer, p: number): number {
  for (let at = buf.indexOf(open, p); at !== -1; at = buf.indexOf(open, at + 1)) {
    if (at + open.length < buf.length && isNameEnd(buf[at + open.length])) return at;
  }
  return -1;
}

function cellType(b: Buffer, a: number, z: number): number {
  const len = z - a;
  const c = b[a];
  if (len === 1) {
    if (c === 115) return T_SHARED;
    if (c === 110) return T_NUMBER;
    if (c === 98) return T_BOOL;
    if (c === 101) return T_ERROR;
    if (c === 100) return T_DATE;
  }
  const t = b.toString('utf8', a, z);
  if (t === 'str') return T_STR;
  if (t === 'inlineStr') return T_INLINE;
  throw new XmlError('term.xml.cellType', { type: t });
}

function noResult(row: number, col: number, formula: string): CellProblem {
  const ref = columnName(col) + row;
  return new CellProblem(ref, problem('KPI2404', { ref }), formula === '' ? '(formula)' : `=${formula}`);
}

function notCalculated(row: number, col: number, formula: string, saved: string): CellProblem {
  const ref = columnName(col) + row;
  return new CellProblem(ref, problem('KPI2406', { ref, saved }), formula === '' ? '(formula)' : `=${formula}`);
}

function damagedValue(row: number, col: number, text: string, what: 'term.number' | 'term.sharedText' | 'term.trueFalse' | 'term.date'): CellProblem {
  const ref = columnName(col) + row;
  return new CellProblem(ref, problem('KPI2405', { ref, whatTerm: what, value: text }), text);
}
