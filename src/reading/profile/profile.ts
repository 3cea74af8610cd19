// A CSV or XLSX file profiled as kpi reads it, without a scheme: the same decoding (encoding and separator
// detection, tokenizer) and the same workbook reader as `kpi score`, fed into column profiles instead of
// typed columns. Streams: memory is bounded by the columns, not the rows.

import { open, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { SourceSpec } from '../../core/model.js';
import type { CsvRecord } from '../csv-tokenizer.js';
import { NotUtf8, scanCsv, type CsvSink } from '../csv.js';
import { sniffEncoding, type Concrete } from '../decode.js';
import { DataError, cannotOpen, isFolder } from '../errors.js';
import { columnLetter, normHeader } from '../header.js';
import type { Progress } from '../types.js';
import { headerTexts } from '../xlsx.js';
import { FMT_DATE, Workbook, serialToDate, type CellSink, type FormatKind, type Merge, type SheetInfo } from '../xlsx/workbook.js';
import { ColumnProfile, shownRaw, type ColumnSummary, type FileCurrency } from './column.js';
import { newNote, type NumberStyle } from '../values.js';
import { HEADER_SEARCH_ROWS, guessHeader, textKind, type CellKind, type HeaderCandidate, type HeaderReason } from './header-guess.js';
import { isMoneyHeader } from './header-names.js';
import { readAs, type RawValue, type ReadSettings } from './read-as.js';
import { hasFullWidth, hasInvisible } from './visible.js';
import { problem, type Problem } from '../../messages/index.js';

export interface ProfileOptions {
  /** XLSX: the sheet to read (as `sheet:` in a scheme); the first visible sheet when absent. */
  sheet?: string;
  /** 1-based header row (as `header_row:`); guessed when absent. */
  headerRow?: number;
  /** Data rows kept as they are, to show typed (the first N). */
  firstRows: number;
  /** Most frequent values listed per column. */
  top: number;
  /** Money is read at this many decimal places. */
  minorUnit: number;
  onProgress?: (p: Progress) => void;
  /** Every data row kpi reads (not the skipped ones), in file order. */
  onRow?: (row: number, values: readonly RawValue[]) => void;
  /** false: only find the header and pass the rows to onRow (the columns' figures are not wanted). */
  collect?: boolean;
}

export type HeaderNote =
  | { code: 'blank' }
  | { code: 'spaces' }
  | { code: 'invisible' }
  | { code: 'full-width' }
  | { code: 'duplicate'; columns: string[] }
  | { code: 'reserved' };

export interface ProfiledColumn extends ColumnSummary {
  /** 0-based position. */
  index: number;
  letter: string;
  /** The header as kpi compares it (trimmed, NFC). */
  header: string;
  headerNotes: HeaderNote[];
}

export interface SheetListing {
  name: string;
  visibility: SheetInfo['visibility'];
  kind: SheetInfo['kind'];
}

export interface Skipped {
  row: number;
  line: number;
  value: string;
  reason: Problem;
}

export interface FileProfile {
  /** As given by the user. */
  file: string;
  path: string;
  format: 'csv' | 'xlsx';
  bytes: number;
  csv?: { encoding: Concrete; bom: boolean; guessed: boolean; separator: string };
  /** The decimal separator numbers written as text read with. */
  decimal: '.' | ',';
  /**
   * `kpi score` stops on this file unless the scheme declares `decimal:` (a column written with decimal commas,
   * or values such as 1.500 that read two ways with nothing in their column to tell which).
   */
  decimalNeeded?: { reason: 'comma' | 'two-ways'; column: string; row: number; value: string };
  /** The currency the amounts are read in: the first mark seen (a scheme declares it), else US dollars. */
  currency: { code: string; mark?: string; row?: number };
  workbook?: { sheets: SheetListing[]; sheet: string; note?: string; date1904: boolean; merges: string[] };
  header: { row: number; reason: HeaderReason; cells: string[] };
  /** Data rows read (rows score skips are not counted). */
  rows: number;
  blankRows: number;
  skipped: { count: number; examples: Skipped[] };
  /** Cells right of the header: not read. One per column. */
  unheaded: { column: string; row: number; value: string }[];
  columns: ProfiledColumn[];
  /** The first data rows, raw (read them with `readRow`). */
  first: { row: number; values: RawValue[] }[];
  settings: ReadSettings;
}

/** Examples kept of rows that score would skip. */
const SKIPPED_EXAMPLES = 5;
/** Distinct values counted per file, shared among its columns (per column at most DISTINCT_PER_COLUMN). */
const DISTINCT_BUDGET = 200_000;
const DISTINCT_PER_COLUMN = 10_000;

/** As a scheme decides: .xlsx and .xlsm are workbooks, anything else CSV; an .ods goes to the workbook reader, which says what it is. */
export function formatOf(file: string): 'csv' | 'xlsx' {
  const ext = extname(file).toLowerCase();
  return ext === '.xlsx' || ext === '.xlsm' || ext === '.ods' ? 'xlsx' : 'csv';
}

/** Profiles `path` (shown to the user as `file`). Throws DataError, in words, when it cannot be read. */
export async function profileFile(path: string, file: string, opts: ProfileOptions): Promise<FileProfile> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw cannotOpen(e, file, dirname(path));
  });
  if (info.isDirectory()) throw isFolder(file);
  if (extname(file).toLowerCase() === '.xls') {
    throw new DataError(problem('KPI2609', { file }), { file });
  }
  return formatOf(file) === 'xlsx' ? profileXlsx(path, file, info.size, opts) : profileCsv(path, file, info.size, opts);
}

async function profileCsv(path: string, file: string, bytes: number, opts: ProfileOptions): Promise<FileProfile> {
  const head = await readHead(path);
  const sniffed = sniffEncoding(head, 'auto');
  const bom = (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const spec: SourceSpec = {
    name: 'peek',
    file: path,
    fileAsWritten: file,
    format: 'csv',
    encoding: 'auto',
    decimal: '.',
    dateOrder: 'ymd',
    onBadRow: 'skip',
    columns: [],
    derived: [],
  };
  const attempt = async (encoding?: Concrete): Promise<FileProfile> => {
    const p = new Profiler(file, true, false, opts);
    const scan = await scanCsv(spec, p, opts.onProgress, encoding);
    const out = p.finish(path, 'csv', bytes);
    out.csv = { encoding: scan.encoding, bom, guessed: !sniffed.certain, separator: p.delimiter };
    return out;
  };
  try {
    return await attempt();
  } catch (e) {
    // As readSource: the start looked like UTF-8, later bytes say otherwise (Chinese Excel/WPS saves GB18030).
    if (e instanceof NotUtf8) return attempt('gb18030');
    throw e;
  }
}

async function profileXlsx(path: string, file: string, bytes: number, opts: ProfileOptions): Promise<FileProfile> {
  const book = await Workbook.open(path, file);
  try {
    const { sheet, note } = book.choose(opts.sheet);
    const scan = async (known: readonly Merge[]): Promise<{ p: Profiler; merges: Merge[] }> => {
      const p = new Profiler(file, false, book.date1904, opts);
      const merges = await book.scan(sheet, p, {
        merges: known,
        onProgress: opts.onProgress && ((rowsRead, fraction) => opts.onProgress?.({ rowsRead, bytesRead: Math.round(fraction * bytes), totalBytes: bytes })),
      });
      return { p, merges };
    };
    let { p, merges } = await scan([]);
    // As score (reading/xlsx.ts): merged ranges come after the rows, so a sheet with merges over its data is
    // read again knowing them, and every cell they hide is reported.
    if (merges.some((m) => m.bottom > p.headerRow && (m.right > m.left || m.bottom > Math.max(m.top, p.headerRow)))) {
      ({ p, merges } = await scan(merges));
    }
    const out = p.finish(path, 'xlsx', bytes, merges);
    out.workbook = {
      sheets: book.sheets.map((s) => ({ name: s.name, visibility: s.visibility, kind: s.kind })),
      sheet: sheet.name,
      ...(note !== undefined ? { note: note.text } : {}),
      date1904: book.date1904,
      merges: merges.filter((m) => m.bottom >= out.header.row).map((m) => m.ref),
    };
    return out;
  } finally {
    book.close();
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

interface Pending extends HeaderCandidate {
  line: number;
  values: RawValue[];
  formats: (FormatKind | undefined)[];
  /** CSV: the number of fields. */
  fields: number;
}

/** Takes rows from the CSV scanner or the workbook scanner, finds the header, profiles every column. */
class Profiler implements CsvSink, CellSink {
  // CsvSink. Once a row with a value is seen, the CSV scanner hands rows to csvRow: they are kept with the
  // header candidates until the header is chosen, and a quote left open at the end is reported as score reports
  // it (rows skipped), not as a file without a header.
  private decided = false;
  private seenValue = false;
  get inHeader(): boolean {
    return !this.decided && !this.seenValue;
  }
  readonly headersOnly = false;
  delimiter = ',';
  sawNul = false;
  guessedGb18030 = false;
  // CellSink: every column is decoded.
  want: Uint8Array | null = null;
  wantFrom = 0;

  private pending: Pending[] = [];
  /** The header's row once known (0 before). */
  get headerRow(): number {
    return this.header?.row ?? 0;
  }

  private header: { row: number; reason: HeaderReason; cells: string[]; raw: string[] } | null = null;
  /** Columns profiled: up to the last non-blank header cell. */
  private width = 0;
  /** CSV: fields of the header record, trailing empty ones included (as score counts them). */
  private headerFields = 0;
  private columns: ColumnProfile[] = [];
  private rows = 0;
  private blankRows = 0;
  private skipped = 0;
  private readonly skippedExamples: Skipped[] = [];
  private readonly unheaded = new Map<number, { column: string; row: number; value: string }>();
  private readonly first: { row: number; values: RawValue[] }[] = [];
  private cells: RawValue[] = [];
  private formats: (FormatKind | undefined)[] = [];
  private settings: ReadSettings;
  private readonly fileCurrency: FileCurrency = { rule: { code: 'USD', symbol: '' } };
  /** Numbers read as score reads a file without `decimal:` (a point, flagging what reads two ways), and with a comma. */
  private readonly dotStyle: NumberStyle = { decimal: '.', declared: false, currency: this.fileCurrency.rule };
  private readonly commaStyle: NumberStyle = { decimal: ',', declared: true, currency: this.fileCurrency.rule };

  constructor(
    private readonly file: string,
    private readonly csv: boolean,
    date1904: boolean,
    private readonly opts: ProfileOptions,
  ) {
    this.settings = { csv, style: this.dotStyle, dateOrder: 'ymd', date1904, minorUnit: opts.minorUnit };
  }

  // ---- CSV ------------------------------------------------------------------------------------------------

  offerHeader(cells: string[], row: number): boolean {
    if (cells.some((c) => c.trim() !== '')) this.seenValue = true;
    return this.offer({ row, line: row, cells: cells.map(normHeader), kinds: cells.map(textKind), values: cells, formats: [], fields: cells.length }, cells);
  }

  csvRow(rec: CsvRecord): void {
    if (!this.decided) {
      const cells = rec.texts();
      this.offerHeader(cells, rec.row);
      return;
    }
    if (!rec.content) {
      this.blankRows++;
      return;
    }
    const texts = rec.texts();
    this.dataRow(rec.row, rec.line, texts, [], texts.length);
  }

  expectRows(): void {}

  badRecord(row: number, line: number, raw: string, reason: Problem): void {
    this.skip({ row, line, value: raw, reason });
  }

  // ---- XLSX -----------------------------------------------------------------------------------------------

  cell(col: number, value: RawValue, format: FormatKind): void {
    // As score's SinkFeed (reading/xlsx.ts): a date-formatted number is a date (a date column takes its day).
    this.cells[col] = format === FMT_DATE && typeof value === 'number' ? (serialToDate(value, this.settings.date1904) ?? value) : value;
    this.formats[col] = format;
  }

  endRow(row: number): boolean {
    const values = this.cells;
    const formats = this.formats;
    this.cells = [];
    this.formats = [];
    if (!this.decided) {
      const texts = headerTexts([undefined, ...values]);
      const kinds: CellKind[] = texts.map((t, i) => {
        const v = values[i];
        if (t.trim() === '') return 'blank';
        return typeof v === 'string' ? textKind(v) : 'value';
      });
      this.offer({ row, line: row, cells: texts.map(normHeader), kinds, values, formats, fields: values.length }, texts);
      return false;
    }
    this.dataRow(row, row, values, formats, values.length);
    return false;
  }

  // ---- header ---------------------------------------------------------------------------------------------

  /** Keeps the first rows until the header can be chosen; true once it is. */
  private offer(p: Pending, raw: string[]): boolean {
    (p as Pending & { raw: string[] }).raw = raw;
    this.pending.push(p);
    const want = this.opts.headerRow;
    if (want !== undefined) {
      if (p.row < want) return false;
      const hit = this.pending.find((x) => x.row === want);
      if (hit === undefined || hit.kinds.every((k) => k === 'blank')) {
        throw new DataError(problem('KPI2670', { file: this.file, row: want }), { file: this.file, row: want });
      }
      this.accept(want, { code: 'given' });
      return true;
    }
    if (p.row < HEADER_SEARCH_ROWS) return false;
    this.decide();
    return true;
  }

  private decide(): void {
    const choice = guessHeader(this.pending);
    if (choice === null) throw new DataError(problem('KPI2663', { file: this.file }), { file: this.file });
    this.accept(choice.row, choice.reason);
  }

  private accept(row: number, reason: HeaderReason): void {
    const rows = this.pending;
    this.pending = [];
    const at = rows.find((r) => r.row === row) as Pending & { raw: string[] };
    const cells = at.cells;
    let width = cells.length;
    while (width > 0 && cells[width - 1] === '') width--;
    this.width = width;
    this.headerFields = at.fields;
    this.header = { row, reason, cells: cells.slice(0, width), raw: at.raw.slice(0, width) };
    this.decided = true;
    // A decimal comma is tried where it can be written unquoted: files not separated by commas.
    const byDecimal = new Map<'.' | ',', ReadSettings>([['.', this.settings]]);
    if (this.csv && this.delimiter !== ',') byDecimal.set(',', { ...this.settings, style: this.commaStyle });
    const cap = Math.max(1000, Math.min(DISTINCT_PER_COLUMN, Math.floor(DISTINCT_BUDGET / Math.max(1, width))));
    this.columns = Array.from({ length: width }, () => new ColumnProfile(this.settings, byDecimal, this.fileCurrency, cap));
    for (const r of rows) {
      if (r.row <= row) continue;
      if (r.kinds.every((k) => k === 'blank')) this.blankRows++;
      else this.dataRow(r.row, r.line, r.values, r.formats, r.fields);
    }
  }

  // ---- data -----------------------------------------------------------------------------------------------

  private dataRow(row: number, line: number, values: RawValue[], formats: (FormatKind | undefined)[], fields: number): void {
    const width = this.width;
    let any = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) {
        any = true;
        break;
      }
    }
    if (!any) {
      this.blankRows++;
      return;
    }
    const headerFields = this.headerFields;
    if (this.csv && fields !== headerFields && !(fields > headerFields && values.slice(headerFields).every((v) => typeof v !== 'string' || v.trim() === ''))) {
      // As score: a row with too few fields, or values past the last header, is skipped and reported.
      const why = problem(fields < headerFields ? 'KPI2001' : 'KPI2002', { n: fields, width: headerFields });
      this.skip({ row, line, value: (values as string[]).join(this.delimiter), reason: why });
      return;
    }
    if (!this.csv) {
      for (let c = width; c < values.length; c++) {
        const v = values[c];
        if (v === undefined || v === null || v === '' || this.unheaded.has(c)) continue;
        this.unheaded.set(c, { column: columnLetter(c), row, value: shownRaw(v) });
      }
    }
    if (this.opts.collect !== false) for (let c = 0; c < width; c++) (this.columns[c] as ColumnProfile).add(values[c], row, formats[c]);
    this.rows++;
    if (this.first.length < this.opts.firstRows) this.first.push({ row, values: values.slice(0, width) });
    this.opts.onRow?.(row, values);
  }

  private skip(s: Skipped): void {
    this.skipped++;
    if (this.skippedExamples.length < SKIPPED_EXAMPLES) this.skippedExamples.push({ ...s, value: s.value.slice(0, 200) });
  }

  // ---- end ------------------------------------------------------------------------------------------------

  finish(path: string, format: 'csv' | 'xlsx', bytes: number, merges: Merge[] = []): FileProfile {
    if (!this.decided) {
      if (this.opts.headerRow !== undefined) {
        throw new DataError(problem('KPI2666', { file: this.file, row: this.opts.headerRow }), { file: this.file });
      }
      this.decide();
    }
    const header = this.header as NonNullable<Profiler['header']>;
    // A decimal comma when the numbers read better with it (only tried in files not separated by commas).
    const decimal: '.' | ',' = this.columns.reduce((n, c) => n + c.numericFit(','), 0) > this.columns.reduce((n, c) => n + c.numericFit('.'), 0) ? ',' : '.';
    const positions = new Map<string, number[]>();
    header.cells.forEach((h, i) => {
      positions.set(h, [...(positions.get(h) ?? []), i]);
    });
    const columns: ProfiledColumn[] = [];
    this.columns.forEach((profile, index) => {
      const h = header.cells[index] as string;
      const raw = header.raw[index] ?? '';
      if (h === '' && profile.nonBlank === 0) return; // an empty column with no header: nothing to show
      const notes: HeaderNote[] = [];
      if (h === '') notes.push({ code: 'blank' });
      else {
        if (raw.trim() !== raw) notes.push({ code: 'spaces' });
        if (hasInvisible(h)) notes.push({ code: 'invisible' });
        if (hasFullWidth(h)) notes.push({ code: 'full-width' });
        const same = positions.get(h) as number[];
        if (same.length > 1) notes.push({ code: 'duplicate', columns: same.map(columnLetter) });
        if (h === '__proto__' || h === 'constructor' || h === 'prototype') notes.push({ code: 'reserved' });
      }
      const summary = profile.summary(decimal, { money: isMoneyHeader(h) }, this.opts.top);
      const inMerge = merges.filter((m) => m.bottom > header.row && index >= m.left && index <= m.right).map((m) => m.ref);
      if (inMerge.length > 0) summary.notes.push({ code: 'merged', ranges: inMerge.slice(0, 5) });
      columns.push({ index, letter: columnLetter(index), header: h, headerNotes: notes, ...summary });
    });
    if (decimal === ',') this.settings.style = this.commaStyle;
    const seen = this.fileCurrency.seen;
    return {
      file: this.file,
      path,
      format,
      bytes,
      decimal,
      ...decimalNeeded(columns, decimal),
      currency: { code: this.fileCurrency.rule.code, ...(seen ? { mark: seen.mark, row: seen.row } : {}) },
      header: { row: header.row, reason: header.reason, cells: header.cells },
      rows: this.rows,
      blankRows: this.blankRows,
      skipped: { count: this.skipped, examples: this.skippedExamples },
      unheaded: [...this.unheaded.values()],
      columns,
      first: this.first,
      settings: this.settings,
    };
  }
}

/** One cell of a data row as kpi reads it in a column of that profile: the value, or why it cannot be read. */
export interface ReadCell {
  value: string | number | null;
  error?: Problem;
  warning?: Problem;
}

/** A raw row read with each column's inferred type (values by column position). */
export function readRow(profile: FileProfile, values: readonly RawValue[]): ReadCell[] {
  return profile.columns.map((c) => {
    const note = newNote();
    const settings = c.dateOrder === profile.settings.dateOrder ? profile.settings : { ...profile.settings, dateOrder: c.dateOrder };
    const v = readAs(c.type, values[c.index], settings, note);
    const value = typeof v === 'number' && Number.isNaN(v) ? null : v;
    const cell: ReadCell = { value: note.error !== null ? null : value };
    if (note.error !== null) cell.error = note.error;
    if (note.warning !== null) cell.warning = note.warning;
    return cell;
  });
}

/**
 * Whether `kpi score` would stop on the file without `decimal:` in the scheme, as its SeparatorWatch decides:
 * numbers written with decimal commas, or values that read two ways with nothing in their column to tell.
 */
function decimalNeeded(columns: readonly ProfiledColumn[], decimal: '.' | ','): Pick<FileProfile, 'decimalNeeded'> {
  if (decimal === ',') return {};
  for (const c of columns) {
    if (c.type !== 'number' && c.type !== 'money' && c.type !== 'percent') continue;
    const s = c.separator;
    if (s.comma !== undefined && s.dot === undefined) return { decimalNeeded: { reason: 'comma', column: c.header, row: s.comma.row, value: s.comma.value } };
    if (s.twoWaysFirst !== undefined && (s.dot === undefined || s.comma !== undefined)) {
      return { decimalNeeded: { reason: 'two-ways', column: c.header, row: s.twoWaysFirst.row, value: s.twoWaysFirst.value } };
    }
  }
  return {};
}
