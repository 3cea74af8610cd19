// The one module that talks to exceljs (pinned at 4.4.0, unmaintained): its streaming WorkbookReader, since
// the in-memory readFile needs gigabytes for a 1M-row sheet. Everything exceljs-specific stays here.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import v8 from 'node:v8';
import type { SourceSpec } from '../core/model.js';
import { unwrapCell } from './cells.js';
import { DataError, cannotOpen } from './errors.js';
import { closestHeader } from './header.js';
import type { RowSink } from './row-sink.js';
import type { Progress } from './types.js';
import { checkWorkbookMagic, checkZip } from './zip-guard.js';

/** Built-in number formats Excel uses for dates in Chinese (and other East Asian) locales; exceljs lacks them. */
const CJK_DATE_FORMAT_IDS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

/** What we use of exceljs's untyped internals. */
interface ReaderInternals {
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
  styles?: { index?: { numFmt?: Record<number, string | undefined> } };
}
interface SheetCell {
  type: number;
  value: unknown;
  model: { formula?: string; sharedFormula?: string; result?: unknown };
}
interface SheetRow {
  number: number;
  eachCell(cb: (cell: SheetCell, col: number) => void): void;
}
interface SheetReader extends AsyncIterable<SheetRow> {
  name?: string;
}

/**
 * Cell values by column number (1-based). Formula cells are rebuilt from the cell model: cell.value drops a
 * cached result of 0, false or "" (exceljs #2943) and an error result; the model keeps them.
 */
function rowValues(row: SheetRow, formulaType: number): unknown[] {
  const values: unknown[] = [];
  row.eachCell((cell, col) => {
    if (cell.type === formulaType) {
      const m = cell.model;
      values[col] = { formula: m.formula ?? m.sharedFormula ?? '', result: m.result === null ? NaN : m.result };
    } else values[col] = cell.value;
  });
  return values;
}

const PROGRESS_EVERY = 8192;

/**
 * exceljs makes short-lived objects by the million; with V8's default young generation they are promoted,
 * and every full GC then walks the table read so far. 64 MB semi-spaces measured 1M rows in 19 s instead of
 * 23–28 s (bare exceljs: 16–18 s). Process-wide, so only raised, and not when the user set it.
 */
function roomierYoungGeneration(): void {
  const set = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (!/semi.space/.test(set)) v8.setFlagsFromString('--max-semi-space-size=64');
}

export async function scanXlsx(
  spec: SourceSpec,
  sink: RowSink,
  onProgress: ((p: Progress) => void) | undefined,
): Promise<{ sha256: string }> {
  const file = spec.fileAsWritten;
  const info = await stat(spec.file).catch((e: NodeJS.ErrnoException) => {
    throw cannotOpen(e, file, dirname(spec.file));
  });
  if (info.isDirectory()) throw new DataError(`${file}: is a folder, not a file`, { file });
  const totalBytes = info.size;
  const head = Buffer.alloc(Math.min(512, totalBytes));
  const fh = await open(spec.file, 'r');
  await fh.read(head, 0, head.length, 0).finally(() => fh.close());
  checkWorkbookMagic(head, file);
  await checkZip(spec.file, file);
  // Loaded here, not at the top: exceljs takes ~0.2 s and 28 MB to load, which a CSV-only run never needs.
  const { default: ExcelJS } = await import('exceljs');

  if (totalBytes > 8 * 1024 * 1024 && !sink.headersOnly) roomierYoungGeneration();
  const hashing = sink.headersOnly ? Promise.resolve('') : hashFile(spec.file);
  hashing.catch(() => undefined); // awaited below; a failure while the sheet is read must not go unhandled
  let bytesRead = 0;
  const input = createReadStream(spec.file, { highWaterMark: 1 << 20 });
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  input.on('error', (e) => tap.destroy(e));
  input.pipe(tap);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(tap, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // without it date cells arrive as serial numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const seen: string[] = [];
  let found = false;
  try {
    // The workbook is always read to its end, every sheet iterated. exceljs parks sheets in temporary files until
    // the shared strings arrive, and deletes a parked file as soon as its sheet is handed over: a sheet skipped
    // unread has its file deleted before exceljs's own open of it completes, an uncaught ENOENT.
    for await (const ws of reader as unknown as AsyncIterable<SheetReader>) {
      const sheets = internals.model?.sheets?.map((s) => s.name) ?? [];
      const name = ws.name ?? `sheet ${seen.length + 1}`;
      seen.push(name);
      const target = spec.sheet ?? sheets[0] ?? name;
      if (found || name !== target) {
        for await (const _row of ws) continue;
        continue;
      }
      found = true;
      teachDateFormats(internals);
      sink.date1904 = internals.properties?.model?.date1904 === true;
      let rows = 0;
      let headerDone = false;
      for await (const row of ws) {
        if (headerDone) continue; // headers only: the rest of the sheet is drained, not read
        const values = rowValues(row, ExcelJS.ValueType.Formula);
        if (sink.inHeader) {
          if (sink.offerHeader(headerTexts(values), row.number) && sink.headersOnly) headerDone = true;
        } else sink.xlsxRow(values, row.number);
        if (++rows % PROGRESS_EVERY === 0) onProgress?.({ rowsRead: rows, bytesRead, totalBytes });
      }
      onProgress?.({ rowsRead: rows, bytesRead, totalBytes });
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${file} could not be read as an .xlsx workbook: ${(e as Error).message}`, { file });
  } finally {
    input.destroy();
    tap.destroy();
  }
  if (!found) {
    const names = internals.model?.sheets?.map((s) => s.name) ?? seen;
    // Strict: "Sales Nov" must not suggest "Sales Oct" (another month's data).
    const near = spec.sheet !== undefined ? closestHeader(spec.sheet, names, 1) : undefined;
    throw new DataError(
      spec.sheet !== undefined
        ? `${file} has no sheet named "${spec.sheet}"` +
          (near !== undefined ? ` (did you mean "${near}"?)` : '') +
          `. Its sheets: ${names.map((n) => `"${n}"`).join(', ') || '(none)'}.`
        : `${file} has no worksheets.`,
      { file },
    );
  }
  return { sha256: await hashing };
}

/** exceljs treats these ids as plain numbers: give them a date format so their cells arrive as dates. */
function teachDateFormats(internals: ReaderInternals): void {
  const table = internals.styles?.index?.numFmt;
  if (!table) return;
  for (const id of CJK_DATE_FORMAT_IDS) if (table[id] === undefined) table[id] = 'yyyy-mm-dd';
}

function headerTexts(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = unwrapCell(values[c], { error: null, warning: null });
    out.push(v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  }
  return out;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
