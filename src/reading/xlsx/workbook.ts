// Our XLSX reader, for data extraction: open a workbook, list its sheets (with their visibility), choose one
// as kpi does, and stream its typed cells. `kpi score` reads through it (reading/xlsx.ts feeds the RowSink);
// a command that shows a file as kpi reads it (peek) uses the same calls.

import { stat } from 'node:fs/promises';
import { DataError } from '../errors.js';
import { closestHeader } from '../header.js';
import { serialToDate } from './dates.js';
import { readPackage, type SheetInfo, type WorkbookInfo } from './package.js';
import { SharedStrings, readSharedStrings } from './shared-strings.js';
import { SheetScanner, type CellSink, type CellValue, type Merge } from './sheet.js';
import { FMT_DATE, readStyles, type FormatKind, type Styles, type UnitFormat } from './styles.js';
import { XmlError } from './xml.js';
import { Zip, ZIP_LIMITS, checkWorkbookMagic, type ZipLimits } from './zip.js';
import { problem, type Problem } from '../../messages/index.js';

export type { SheetInfo } from './package.js';
export type { CellSink, CellValue, Merge, RowCells } from './sheet.js';
export { CellProblem } from './sheet.js';
export { serialToDate } from './dates.js';
export { FMT_DATE, FMT_MARKED, FMT_PERCENT, FMT_UNIT, FORMAT_KIND_NAMES, type FormatKind, type UnitFormat } from './styles.js';

/** One row as the reader types it: each non-empty cell with its value and its number format's kind. */
export interface TypedRow {
  row: number;
  cells: { col: number; value: CellValue; format: FormatKind }[];
}

/** The sheet chosen, and what the analyst should know about the choice (hidden sheets). */
export interface SheetChoice {
  sheet: SheetInfo;
  note?: Problem;
}

export class Workbook {
  private shared: SharedStrings | null = null;
  private styles: Styles | null = null;

  private constructor(
    private readonly zip: Zip,
    private readonly info: WorkbookInfo,
    readonly file: string,
    /** Size of the file on disk. */
    readonly bytes: number,
  ) {}

  /** Opens `path` (shown to the user as `file`); refuses, in words, anything that is not an .xlsx workbook. */
  static async open(path: string, file: string, limits: ZipLimits = ZIP_LIMITS): Promise<Workbook> {
    const size = (await stat(path)).size;
    await checkWorkbookMagic(path, size, file);
    const zip = await Zip.open(path, file, limits);
    try {
      return new Workbook(zip, await readPackage(zip), file, size);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  get sheets(): readonly SheetInfo[] {
    return this.info.sheets;
  }

  get date1904(): boolean {
    return this.info.date1904;
  }

  close(): void {
    this.zip.close();
  }

  /**
   * The sheet named, or without a name the first visible worksheet. Hidden sheets are never read unless
   * named: a hidden first sheet (last month's data, a lookup table) is how a wrong month gets paid.
   */
  choose(name: string | undefined): SheetChoice {
    const file = this.file;
    const sheets = this.info.sheets;
    const hidden = sheets.filter((s) => s.visibility !== 'visible');
    const list = (ss: readonly SheetInfo[]): string => ss.map((s) => `"${s.name}"`).join(', ') || '—';
    if (name !== undefined) {
      const sheet = sheets.find((s) => s.name === name);
      if (sheet === undefined) {
        // Strict: "Sales Nov" must not suggest "Sales Oct" (another month's data); never suggest the name itself.
        const near = closestHeader(
          name,
          sheets.map((s) => s.name),
          1,
        );
        throw new DataError(
          problem('KPI2649', { file, sheet: name, sheets: list(sheets), suggestion: near !== undefined && near !== name ? near : undefined }),
          { file },
        );
      }
      this.usable(sheet);
      if (sheet.visibility === 'visible') return { sheet };
      return { sheet, note: problem('KPI2307', { sheet: sheet.name }) };
    }
    const sheet = sheets.find((s) => s.visibility === 'visible' && s.kind === 'worksheet');
    if (sheet === undefined) {
      if (hidden.length > 0) {
        throw new DataError(problem('KPI2650', { file, hidden: list(hidden) }), { file });
      }
      throw new DataError(problem('KPI2651', { file }), { file });
    }
    this.usable(sheet);
    if (hidden.length === 0) return { sheet };
    return {
      sheet,
      note: problem('KPI2308', { sheet: sheet.name, hidden: list(hidden) }),
    };
  }

  private usable(sheet: SheetInfo): void {
    const file = this.file;
    if (sheet.kind !== 'worksheet') {
      const kindTerm = sheet.kind === 'chartsheet' ? 'term.chartSheet' : sheet.kind === 'dialogsheet' ? 'term.dialogSheet' : 'term.macroSheet';
      throw new DataError(problem('KPI2652', { file, sheet: sheet.name, kindTerm }), { file });
    }
    if (sheet.part === undefined) {
      throw new DataError(problem('KPI2653', { file, sheet: sheet.name }), { file });
    }
  }

  /** The shared-string table and the styles, read once (before any sheet: entry order in the zip is no guide). */
  private async common(): Promise<{ shared: SharedStrings; styles: Uint16Array }> {
    if (this.styles === null) this.styles = readStyles(this.info.stylesPart && (await this.zip.text(this.info.stylesPart)));
    if (this.shared === null) {
      const part = this.info.sharedStringsPart;
      if (part === undefined) this.shared = SharedStrings.empty;
      else {
        this.zip.checkSharedStrings(part);
        this.shared = await readSharedStrings(this.zip.utf8(part));
      }
    }
    return { shared: this.shared, styles: this.styles.kinds };
  }

  /** The number formats that show numbers divided (FMT_UNIT + index), once a sheet has been read. */
  get unitFormats(): readonly UnitFormat[] {
    return this.styles?.units ?? [];
  }

  /**
   * Streams the cells of `sheet` into `sink`; a date-formatted number arrives as its serial number with format
   * FMT_DATE (serialToDate makes it a Date, in the workbook's date system). Returns the merged ranges of the sheet (known only at its end;
   * pass them back as `merges` to read again with the cells inside merges reported).
   */
  async scan(
    sheet: SheetInfo,
    sink: CellSink,
    opts: { merges?: readonly Merge[]; onProgress?: (rows: number, fraction: number) => void; plain?: boolean } = {},
  ): Promise<Merge[]> {
    const file = this.file;
    try {
      const { shared, styles } = await this.common();
      const scanner = new SheetScanner(sink, {
        sharedStrings: shared,
        styles,
        merges: opts.merges ?? [],
        calcOnLoad: this.info.calcOnLoad,
        sheet: sheet.name,
        ...(opts.plain ? { plain: true } : {}),
      });
      const total = Math.max(1, this.zip.part(sheet.part as string)?.uncompressed ?? 1);
      let next = 0;
      const onBytes = opts.onProgress
        ? (n: number): void => {
            if (n < next) return;
            next = n + (1 << 22);
            opts.onProgress?.(scanner.rowsSeen, Math.min(1, n / total));
          }
        : undefined;
      for await (const chunk of this.zip.utf8(sheet.part as string, onBytes)) {
        scanner.push(chunk);
        if (scanner.stopped) break;
      }
      if (!scanner.stopped) scanner.end();
      opts.onProgress?.(scanner.rowsSeen, 1);
      return scanner.merges;
    } catch (e) {
      if (e instanceof XmlError) throw new DataError(problem('KPI2648', { file, errorTerm: e.term, ...e.values }), { file });
      throw e;
    }
  }

  /**
   * The cells of `sheet` pulled rather than pushed: `make` builds a sink that hands what it gathers to `emit`, and
   * what was emitted while a chunk of the sheet was read comes out as one batch. Two sheets can so be walked side by
   * side (kpi verify compares a report with its rebuilt copy row by row, holding neither whole).
   */
  async *batches<T>(sheet: SheetInfo, make: (emit: (item: T) => void) => CellSink): AsyncGenerator<T[]> {
    const file = this.file;
    let batch: T[] = [];
    try {
      const { shared, styles } = await this.common();
      const scanner = new SheetScanner(
        make((item) => batch.push(item)),
        { sharedStrings: shared, styles, merges: [], sheet: sheet.name },
      );
      for await (const chunk of this.zip.utf8(sheet.part as string)) {
        scanner.push(chunk);
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        if (scanner.stopped) break;
      }
      if (!scanner.stopped) scanner.end();
    } catch (e) {
      if (e instanceof XmlError) throw new DataError(problem('KPI2648', { file, errorTerm: e.term, ...e.values }), { file });
      throw e;
    }
    if (batch.length > 0) yield batch;
  }

  /** The first `limit` rows that hold cells, typed (what a preview of the sheet shows); date cells as Dates. */
  async firstRows(sheet: SheetInfo, limit: number): Promise<TypedRow[]> {
    const rows: TypedRow[] = [];
    let cells: TypedRow['cells'] = [];
    await this.scan(sheet, {
      want: null,
      wantFrom: 0,
      cell: (col, value, format) =>
        void cells.push({ col, value: format === FMT_DATE && typeof value === 'number' ? (serialToDate(value, this.date1904) ?? value) : value, format }),
      endRow: (row) => {
        if (cells.length > 0) rows.push({ row, cells });
        cells = [];
        return rows.length >= limit;
      },
    });
    return rows;
  }
}
