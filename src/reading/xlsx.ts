// An .xlsx source into the RowSink that CSV sources also feed: our own streaming reader (reading/xlsx/),
// with the sheet chosen as the scheme says, the header found as for CSV, and after it only the columns the
// scheme uses decoded. exceljs is used for writing only.

import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SourceSpec } from '../core/model.js';
import { unwrapCell } from './cells.js';
import { newNote } from './values.js';
import { DataError, cannotOpen, headerNotFound, isFolder, notRegular } from './errors.js';
import type { RowSink } from './row-sink.js';
import type { Progress } from './types.js';
import { CELL_NUMBER, CELL_SHARED, CELL_VALUE, XlsxRecord } from './xlsx/record.js';
import type { SharedStrings } from './xlsx/shared-strings.js';
import {
  FMT_DATE,
  FMT_MARKED,
  FMT_PERCENT,
  FMT_UNIT,
  CellProblem,
  Workbook,
  serialToDate,
  type CellSink,
  type CellValue,
  type FormatKind,
  type Merge,
  type RowCells,
  type SheetInfo,
} from './xlsx/workbook.js';
import { hashFile } from './hash.js';
import { codedIssue } from '../core/table.js';
import { HEADER_SEARCH_ROWS, columnLetter, countMatches, normHeader } from './header.js';
import { problem } from '../messages/index.js';

/**
 * Thrown when the sheet has merged ranges over cells the scheme reads: they are listed after the data, so the
 * sheet is read again with them known (see readSource), and every such cell is reported.
 */
export class MergedCellsFound extends Error {
  constructor(readonly merges: Merge[]) {
    super('merged cells over data');
  }
}

export async function scanXlsx(
  spec: SourceSpec,
  sink: RowSink,
  onProgress: ((p: Progress) => void) | undefined,
  knownMerges?: readonly Merge[],
  /** Every cell through the general rules, none by the typed fast paths (tests compare the two). */
  plain = false,
): Promise<{ sha256: string }> {
  const file = spec.fileAsWritten;
  const info = await stat(spec.file).catch((e: NodeJS.ErrnoException) => {
    throw cannotOpen(e, file, dirname(spec.file));
  });
  if (info.isDirectory()) throw isFolder(file);
  if (!info.isFile()) throw notRegular(file);
  const totalBytes = info.size;
  const book = await Workbook.open(spec.file, file);
  const hashing = sink.headersOnly ? Promise.resolve('') : hashFile(spec.file);
  hashing.catch(() => undefined); // awaited below; a failure while the sheet is read must not go unhandled
  try {
    const { sheet, note } = book.choose(spec.sheet);
    if (note !== undefined && !sink.headersOnly) {
      sink.issues.push(codedIssue(note, { file, source: spec.name, severity: 'warning', action: 'kept' }));
    }
    sink.date1904 = book.date1904;
    const feed = new SinkFeed(sink, spec, book, sheet.name);
    const merges = await book
      .scan(sheet, feed, {
        merges: knownMerges ?? [],
        plain,
        onProgress: onProgress && ((rowsRead, fraction) => onProgress({ rowsRead, bytesRead: Math.round(fraction * totalBytes), totalBytes })),
      })
      .catch(async (e: unknown) => {
        throw (await headerOnTwoRows(e, book, sheet, spec)) ?? e;
      });
    // A short sheet ends before the header search gives up: ask now, while the merges are known.
    if (sink.headers === null && !sink.headersOnly) {
      try {
        sink.noHeader();
      } catch (e) {
        throw (await headerOnTwoRows(e, book, sheet, spec, merges)) ?? e;
      }
    }
    if (knownMerges === undefined && !sink.headersOnly && sink.headers !== null && mergesOverData(merges, sink)) {
      throw new MergedCellsFound(merges);
    }
    if (!sink.headersOnly && sink.headers !== null) hiddenIssues(feed, sink, spec, sheet.name);
    if (spec.sheet === undefined && !sink.headersOnly && sink.headers !== null) await sheetsLikeIt(book, sheet, spec, sink);
  } finally {
    book.close();
  }
  return { sha256: await hashing };
}

/**
 * Hidden rows among the data and hidden columns the scheme reads are read like the others (they are data: a filter
 * or a hidden row is a view, not a deletion, and Excel's own SUM counts them), and said once per file, with the rows,
 * so a row someone hid to leave it out is not counted without a word.
 */
function hiddenIssues(feed: SinkFeed, sink: RowSink, spec: SourceSpec, sheet: string): void {
  const file = spec.fileAsWritten;
  if (feed.hidden.count > 0) {
    const p = problem('KPI2411', { n: feed.hidden.count, sheet, rows: feed.hidden.text() });
    sink.issues.push({ file, source: spec.name, row: feed.hidden.first, reason: p.text, code: p.code, params: p.params, severity: 'warning', action: 'kept' });
  }
  const hiddenCols = new Set(feed.hiddenCols);
  const cols = sink.mappedPositions.filter((c, i) => hiddenCols.has(c) && sink.mappedPositions.indexOf(c) === i);
  if (cols.length > 0) {
    const columns = cols.map((c) => `"${sink.headers?.[c] ?? ''}" (${columnLetter(c)})`).join(', ');
    const p = problem('KPI2412', { n: cols.length, sheet, columns });
    sink.issues.push({
      file,
      source: spec.name,
      column: sink.headers?.[cols[0]!] ?? columnLetter(cols[0]!),
      reason: p.text,
      code: p.code,
      params: p.params,
      severity: 'warning',
      action: 'kept',
    });
  }
}

/**
 * No sheet named, and other visible sheets hold the scheme's headers too (a sheet per region or per month): only the
 * first is read, so the others' rows would count for no one without a word. Said once, naming them. A sheet
 * without those headers (notes, a pivot table) is not data of this source and is not named.
 */
async function sheetsLikeIt(book: Workbook, chosen: SheetInfo, spec: SourceSpec, sink: RowSink): Promise<void> {
  const alike: string[] = [];
  for (const s of book.sheets) {
    if (s === chosen || s.visibility !== 'visible' || s.kind !== 'worksheet' || s.part === undefined) continue;
    const rows = await book.firstRows(s, HEADER_SEARCH_ROWS);
    const holds = rows.some((r) => {
      const values: unknown[] = [];
      for (const c of r.cells) values[c.col + 1] = c.value;
      return countMatches(spec, headerTexts(values).map(normHeader)) === spec.columns.length;
    });
    if (holds) alike.push(`"${s.name}"`);
  }
  if (alike.length === 0) return;
  const p = problem('KPI2310', { sheet: chosen.name, n: alike.length, sheets: alike.join(', ') });
  sink.issues.push(codedIssue(p, { file: spec.fileAsWritten, source: spec.name, severity: 'warning', action: 'kept' }));
}

/**
 * A header not found on one row, written on two with merged cells (Excel's two-level header: "Rep" merged over rows
 * 1–2 beside "Amount" merged over C1:D1 above "Net" and "Gross"): every mapped header is on the row kpi chose or the
 * next (or previous) one, and merged cells span them. Said as such (KPI2176), naming the merges, not as a header
 * that is missing. The merges come after the rows: the sheet is read once more, only on this way to a stop.
 */
async function headerOnTwoRows(e: unknown, book: Workbook, sheet: SheetInfo, spec: SourceSpec, known?: readonly Merge[]): Promise<DataError | null> {
  if (!headerNotFound(e) || e.row === undefined) return null;
  const row = e.row;
  const rows = await book.firstRows(sheet, HEADER_SEARCH_ROWS + 1);
  const cellsOf = (r: number): Set<string> => {
    const values: unknown[] = [];
    for (const c of rows.find((x) => x.row === r)?.cells ?? []) values[c.col + 1] = c.value;
    return new Set(headerTexts(values).map(normHeader));
  };
  const here = cellsOf(row);
  const away = spec.columns.filter((c) => !here.has(normHeader(c.header)));
  if (away.length === 0) return null;
  for (const other of [row + 1, row - 1]) {
    const there = cellsOf(other);
    if (!away.every((c) => there.has(normHeader(c.header)))) continue;
    const top = Math.min(row, other);
    const bottom = Math.max(row, other);
    const merges = known ?? (await book.scan(sheet, { want: null, wantFrom: 0, cell: () => undefined, endRow: () => false }));
    const spanning = merges
      .filter((m) => m.top <= bottom && m.bottom >= top && (m.bottom > m.top || m.right > m.left))
      .sort((a, b) => a.top - b.top || a.left - b.left);
    if (!spanning.some((m) => m.bottom > m.top || m.top === top)) continue;
    const shown = spanning.slice(0, 4).map((m) => m.ref);
    const p = problem('KPI2176', {
      file: spec.fileAsWritten,
      top,
      bottom,
      merges: shown.join(', ') + (spanning.length > shown.length ? `, … +${spanning.length - shown.length}` : ''),
      n: away.length,
      columns: away.map((c) => `"${c.header}"`).join(', '),
      other,
      row,
    });
    return new DataError(p, { file: spec.fileAsWritten, row, column: away[0]!.header });
  }
  return null;
}

/** Row numbers as ranges, the first ten of them: "5, 9–12, 30, …". */
class RowRanges {
  count = 0;
  first = 0;
  private ranges: [number, number][] = [];
  private more = 0;

  add(row: number): void {
    if (this.count++ === 0) this.first = row;
    const last = this.ranges[this.ranges.length - 1];
    if (last !== undefined && last[1] === row - 1 && this.more === 0) last[1] = row;
    else if (this.ranges.length < 10) this.ranges.push([row, row]);
    else this.more++;
  }

  text(): string {
    const shown = this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
    return this.more > 0 ? `${shown}, …` : shown;
  }
}

/** A merged range hides a cell the scheme reads in a data row (every cell of a range but its top-left is blank). */
function mergesOverData(merges: readonly Merge[], sink: RowSink): boolean {
  const used = sink.mappedPositions;
  return merges.some(
    (m) => m.bottom > sink.headerRow && used.some((c) => c >= m.left && c <= m.right && (c > m.left || m.bottom > Math.max(m.top, sink.headerRow))),
  );
}

/**
 * Cells of one row at a time into the RowSink. Until the header is found, rows come as 1-based values for
 * offerHeader; after it, as an XlsxRecord of the mapped columns: numbers unboxed, shared texts as indexes.
 */
class SinkFeed implements CellSink {
  want: Uint8Array | null = null;
  wantFrom = 0;
  /** Hidden rows below the header, and the hidden columns of the sheet (0-based). */
  readonly hidden = new RowRanges();
  hiddenCols: readonly number[] = [];
  private hiddenNow = 0;
  /** Header rows: 1-based values. */
  private values: unknown[] = [];
  /** Data rows, once the header is known. */
  private record: XlsxRecord | null = null;
  /** Columns typed date in the scheme: a date-formatted number is passed on as its serial (RowSink takes its day). */
  private serials: Uint8Array = new Uint8Array(0);

  private readonly date1904: boolean;

  constructor(
    private readonly sink: RowSink,
    private readonly spec: SourceSpec,
    private readonly book: Workbook,
    private readonly sheet: string,
  ) {
    this.date1904 = book.date1904;
  }

  cell(col: number, value: CellValue, format: FormatKind): void {
    if (format === FMT_PERCENT)
      this.sink.percentFormatted.add(col); // 10 % shown, 0.1 stored: the cell says it is a fraction
    else if (format >= FMT_MARKED)
      this.marked(col, format); // €500 shown, 500 stored
    else if (format === FMT_DATE && this.serials[col] === 1) this.sink.dateFormatted.add(col);
    const v = format === FMT_DATE && typeof value === 'number' && this.serials[col] !== 1 ? (serialToDate(value, this.date1904) ?? value) : value;
    const rec = this.record;
    if (rec === null) this.values[col + 1] = v;
    else if (col < rec.width) {
      rec.kinds[col] = CELL_VALUE;
      rec.values[col] = v;
    } else rec.beyond.push({ col, value: v });
  }

  number(col: number, n: number, format: FormatKind): void {
    if (format === FMT_PERCENT) this.sink.percentFormatted.add(col);
    else if (format >= FMT_MARKED) this.marked(col, format);
    else if (format === FMT_DATE && this.serials[col] === 1) this.sink.dateFormatted.add(col);
    const rec = this.record;
    if (rec === null || col >= rec.width || (format === FMT_DATE && this.serials[col] !== 1)) this.cell(col, n, format);
    else {
      rec.kinds[col] = CELL_NUMBER;
      rec.numbers[col] = n;
    }
  }

  /** A format showing a currency mark, or the number divided (12.3456万 for 123456), and perhaps a mark too. */
  private marked(col: number, format: number): void {
    if (format < FMT_UNIT) {
      this.sink.currencyFormatted.set(col, format);
      return;
    }
    this.sink.unitFormatted.set(col, format - FMT_UNIT);
    const kind = this.book.unitFormats[format - FMT_UNIT]?.kind ?? 0;
    if (kind >= FMT_MARKED) this.sink.currencyFormatted.set(col, kind);
  }

  sharedString(col: number, table: SharedStrings, index: number, format: FormatKind): void {
    const rec = this.record;
    if (rec === null || col >= rec.width) this.cell(col, table.get(index) as string, format);
    else {
      rec.kinds[col] = CELL_SHARED;
      rec.numbers[col] = index;
      rec.table = table;
    }
  }

  hiddenRow(row: number): void {
    this.hiddenNow = row;
  }

  hiddenColumns(cols: readonly number[]): void {
    this.hiddenCols = cols;
  }

  endRow(row: number, otherCells: boolean, cells: RowCells): boolean {
    const sink = this.sink;
    const rec = this.record;
    if (rec !== null) {
      if (this.hiddenNow === row) this.hidden.add(row);
      rec.otherCells = otherCells;
      rec.cells = cells;
      sink.xlsxRow(rec, row);
      rec.clear(sink.mappedPositions);
      if (sink.percentFormatted.size > 0) sink.percentFormatted.clear();
      if (sink.currencyFormatted.size > 0) sink.currencyFormatted.clear();
      if (sink.dateFormatted.size > 0) sink.dateFormatted.clear();
      if (sink.unitFormatted.size > 0) sink.unitFormatted.clear();
      return false;
    }
    const values = this.values;
    let stop = false;
    if (sink.inHeader) {
      const twice = writtenTwice(values);
      if (twice.length > 0) sink.headerCellsWrittenTwice(row, twice, this.sheet);
      if (sink.offerHeader(headerTexts(values), row)) {
        if (sink.headersOnly) stop = true;
        else this.narrow();
      }
    }
    values.length = 0;
    if (sink.percentFormatted.size > 0) sink.percentFormatted.clear();
    if (sink.currencyFormatted.size > 0) sink.currencyFormatted.clear();
    if (sink.dateFormatted.size > 0) sink.dateFormatted.clear();
    if (sink.unitFormatted.size > 0) sink.unitFormatted.clear();
    return stop;
  }

  /**
   * From here on, only the mapped columns and anything right of the header (reported there) are decoded. The header
   * ends at its last named cell: a value under a blank header cell after it is a value right of the header.
   */
  private narrow(): void {
    const width = this.sink.namedWidth;
    const want = new Uint8Array(width);
    const serials = new Uint8Array(width);
    this.sink.mappedPositions.forEach((p, i) => {
      want[p] = 1;
      if (this.spec.columns[i]?.type === 'date') serials[p] = 1;
    });
    this.want = want;
    this.serials = serials;
    this.wantFrom = width;
    this.record = new XlsxRecord(width);
    this.sink.watchUnitFormats(this.book.unitFormats, this.sheet);
  }
}

/** The cells of a row (1-based values) written twice in the sheet's XML (KPI2172), by reference. */
function writtenTwice(values: readonly unknown[]): string[] {
  const refs: string[] = [];
  for (const v of values) if (v instanceof CellProblem && v.reason.code === 'KPI2172') refs.push(v.ref);
  return refs;
}

/** A row's cells (1-based) as header text, as the header search compares them (peek uses it too). */
export function headerTexts(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = unwrapCell(values[c], newNote());
    out.push(v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
  }
  return out;
}
