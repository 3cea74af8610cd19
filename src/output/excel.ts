// The one adapter over exceljs (pinned 4.4.0, unmaintained): everything else goes through here.
// Guarantees: untrusted text is written as plain text (never a formula or hyperlink object), formulas always carry
// a cached result, and the same workbook gives the same bytes (fixed dates in the package and in the zip).
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { deflatedEntry, deflatedZip, storedEntry, writeZip, type ZipEntry } from './zip.js';

// exceljs gives every data-bar rule a reference to an x14 extension; for a plain (2007, gradient) data bar the
// reference is empty and points at nothing, which Excel may "repair" (exceljs issue #3015). Without it the rule is
// a valid 2007 data bar that Excel, WPS and LibreOffice all draw. Left out as the rule is written (not cut from
// the finished package, which meant unzipping and storing the sheet again, uncompressed).
interface XmlStream {
  openNode(tag: string, attributes?: object): void;
  closeNode(): void;
}
interface DataBarModel {
  x14Id?: string;
  priority?: number;
}
interface CfRuleXform {
  tag: string;
  databarXform: { render(xml: XmlStream, model: DataBarModel): void };
  renderDataBar(xml: XmlStream, model: DataBarModel): void;
}
const cfRule = createRequire(import.meta.url)('exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform.js') as { prototype: CfRuleXform };
const renderDataBar = cfRule.prototype.renderDataBar;
cfRule.prototype.renderDataBar = function (this: CfRuleXform, xml: XmlStream, model: DataBarModel): void {
  // A data bar with x14 features has its id: exceljs writes it, and the extension it points at, as before.
  if (model.x14Id) {
    renderDataBar.call(this, xml, model);
    return;
  }
  xml.openNode(this.tag, { type: 'dataBar', priority: model.priority });
  this.databarXform.render(xml, model);
  xml.closeNode();
};

// exceljs hands each part of a package (worksheets, styles, …) to its ZipWriter (utils/zip-stream.js), which zips
// them with JSZip: a CRC and a copy of every part in JavaScript, in chunks between event-loop turns, into a zip
// that workbookToBuffer then read back to deflate each part with fflate. Given a list (`zip: { [PARTS]: list }`),
// the writer puts the parts in it instead, as the entries JSZip would have stored, and workbookToBuffer writes the
// package from them. Without one it is JSZip's writer, as before.
interface ZipWriterLike {
  append(data: string | Buffer, options: { name: string; base64?: boolean }): void;
  finalize(): Promise<void>;
  emit(event: string): boolean;
  stream: { end(): void };
}
interface ZipWriterClass {
  new (options?: object): ZipWriterLike;
}
const PARTS = 'kpiParts';
const zipStream = createRequire(import.meta.url)('exceljs/lib/utils/zip-stream.js') as { ZipWriter: ZipWriterClass };
const JSZipWriter = zipStream.ZipWriter;
zipStream.ZipWriter = class PartsWriter extends JSZipWriter {
  private readonly parts: Map<string, ZipEntry> | undefined;
  constructor(options?: { [PARTS]?: Map<string, ZipEntry> }) {
    super(options);
    this.parts = options?.[PARTS];
  }
  override append(data: string | Buffer, options: { name: string; base64?: boolean }): void {
    if (!this.parts) super.append(data, options);
    else addPart(this.parts, options.name, typeof data === 'string' && options.base64 ? Buffer.from(data, 'base64') : data);
  }
  override async finalize(): Promise<void> {
    if (!this.parts) return super.finalize();
    this.stream.end();
    this.emit('finish');
  }
};

/**
 * A part as JSZip adds it: its folders first, each once, outermost first ("xl/", "xl/worksheets/"), stored empty;
 * a name added again keeps its place. Text is UTF-8.
 */
function addPart(parts: Map<string, ZipEntry>, name: string, data: string | Buffer): void {
  for (let slash = name.indexOf('/', 1); slash > 0; slash = name.indexOf('/', slash + 1)) {
    const folder = name.slice(0, slash + 1);
    if (!parts.has(folder)) parts.set(folder, storedEntry(folder, Buffer.alloc(0)));
  }
  parts.set(name, storedEntry(name, data));
}

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type Cell = ExcelJS.Cell;
export type CfRule = ExcelJS.ConditionalFormattingRule;

/** A new workbook whose metadata dates are `date` (e.g. the period end), never the clock. */
export function createWorkbook(date: Date, creator: string): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  wb.created = date;
  wb.modified = date;
  // exceljs never calculates: ask the spreadsheet to recompute on open; cached results are there for viewers.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

/** Starts of text a spreadsheet might run as a formula when the cell is edited. */
export const FORMULA_LIKE = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Untrusted text: always a primitive string (an object could become a live formula or hyperlink). */
export function setText(cell: Cell, value: string | null | undefined): void {
  if (value === null || value === undefined) {
    cell.value = null;
    return;
  }
  const s = String(value).normalize('NFC');
  cell.value = s;
  // Text format so re-entering the cell in Excel keeps it text too.
  if (FORMULA_LIKE.test(s)) cell.numFmt = '@';
}

/** A number, or an empty cell for null/NaN/Infinity (never a NaN in a workbook). */
export function setNumber(cell: Cell, value: number | null | undefined, numFmt?: string): void {
  cell.value = value === null || value === undefined || !Number.isFinite(value) ? null : value === 0 ? 0 : value;
  if (numFmt) cell.numFmt = numFmt;
}

/** A live formula with its cached result (what viewers that do not recalculate show). */
export function setFormula(cell: Cell, formula: string, result: number | string | boolean, numFmt?: string): void {
  cell.value = { formula, result } as ExcelJS.CellFormulaValue;
  if (numFmt) cell.numFmt = numFmt;
}

export function setNote(cell: Cell, text: string): void {
  // A plain-string note: exceljs renders it as text, no rich-text objects from data.
  cell.note = text.normalize('NFC');
}

export { moneyFormat, PERCENT } from './number-formats.js';

/**
 * The .xlsx bytes, deterministic. exceljs zips with JSZip, whose deflate (pako, in 16 KB steps) was 40 % of the
 * time of writing the report and 500 scorecards: exceljs hands its parts over (PartsWriter above) and each is
 * deflated with fflate (deflatedEntry; see docs/benchmark.md). The zip is written by writeZip with fixed dates, so
 * no clock is in the package.
 */
export async function workbookToBuffer(wb: Workbook): Promise<Buffer> {
  shareStyles(wb);
  const parts = new Map<string, ZipEntry>();
  await wb.xlsx.writeBuffer({ zip: { [PARTS]: parts } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  const rewrite = afterWrites.get(wb);
  const entries = [...parts.values()];
  // A rewrite works on the stored package, as exceljs would have written it with compression 'STORE'.
  return rewrite ? deflatedZip(rewrite(writeZip(entries))) : writeZip(entries.map(deflatedEntry));
}

/** What each workbook still needs written into its package once exceljs has written it (see afterWrite). */
const afterWrites = new WeakMap<Workbook, (stored: Buffer) => Buffer>();

/**
 * Parts of `wb` written straight into its package rather than through exceljs (a scorecard's rows): `rewrite`
 * gets the stored package exceljs wrote and returns it changed; workbookToBuffer applies it, so the workbook
 * always comes out whole. The Workbook object itself does not hold what `rewrite` adds.
 */
export function afterWrite(wb: Workbook, rewrite: (stored: Buffer) => Buffer): void {
  const before = afterWrites.get(wb);
  afterWrites.set(wb, before ? (stored) => rewrite(before(stored)) : rewrite);
}

/**
 * exceljs finds a cell's style id by rendering its font, fill, border and format to XML, unless it has seen that
 * very style object before (a WeakMap); every cell has its own object, so the report and 500 scorecards rendered
 * one style per cell. Cells whose styles are alike are given one shared object just before writing, so each
 * distinct style is rendered once; the ids, and so the bytes, are the same. Without a number format exceljs picks
 * one by the cell's type (General for numbers, mm-dd-yy for dates) and caches it with the object, so such styles
 * are shared only among cells of the same kind. Nothing changes a style after this: the workbook is written once.
 */
function shareStyles(wb: Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  // Rows and cells as they are (includeEmpty would create the missing ones, and they would be written).
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const style = cell.style;
        const key = (style.numFmt ? '' : kindForFormat(cell)) + JSON.stringify(style);
        const first = shared.get(key);
        if (first === undefined) shared.set(key, style);
        else if (first !== style) cell.style = first;
      });
    });
  });
}

/** What exceljs's default number format depends on: a number, a date, or neither (a formula by its result). */
function kindForFormat(cell: Cell): string {
  const type = cell.type;
  if (type === ExcelJS.ValueType.Formula) return typeof cell.result === 'number' ? 'n' : cell.result instanceof Date ? 'd' : '-';
  return type === ExcelJS.ValueType.Number ? 'n' : type === ExcelJS.ValueType.Date ? 'd' : '-';
}

export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Puts the sheets in this order (tabs and the file); sheets not listed keep their relative order after them. */
export function arrangeSheets(wb: Workbook, order: readonly Worksheet[]): void {
  const rest = wb.worksheets.filter((w) => !order.includes(w));
  // exceljs orders sheets by a per-sheet orderNo it does not declare in its types.
  [...order, ...rest].forEach((w, i) => {
    (w as unknown as { orderNo: number }).orderNo = i + 1;
  });
}
