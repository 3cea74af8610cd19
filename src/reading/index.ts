// Reading a source: a CSV or XLSX file → a typed Table plus the data issues found on the way.

import type { SourceSpec } from '../core/model.js';
import type { InputFile, Table } from '../core/table.js';
import { statSync, type Stats } from 'node:fs';
import { NotUtf8, scanCsv } from './csv.js';
import { ReadEnough, RowSink } from './row-sink.js';
import { sameFile } from './hash-worker.js';
import type { ReadOptions, ReadResult } from './types.js';
import type { Merge } from './xlsx/workbook.js';
import { changedWhileRead } from './errors.js';
import { mangledIds } from './mangled-ids.js';
import { excelErrors } from './excel-errors.js';

export { DataError, dataErrorShownAs } from './errors.js';
export { missingHeaders, missingHeadersProblem } from './header.js';
export type { ReadOptions, ReadResult } from './types.js';

/** The XLSX reader and its zip library load only when a workbook is read: a CSV-only run never pays for them. */
const xlsxReader = () => import('./xlsx.js');

export async function readSource(spec: SourceSpec, opts: ReadOptions): Promise<ReadResult> {
  try {
    return await readOnce(spec, opts);
  } catch (e) {
    // A sheet's merged ranges come after its rows: read it again knowing them, to report the cells they hide.
    if (spec.format === 'xlsx' && e instanceof (await xlsxReader()).MergedCellsFound) return readOnce(spec, opts, undefined, e.merges);
    // Guessed UTF-8 from the start of the file, but later bytes say otherwise: Chinese Excel/WPS saves GB18030.
    if (!(e instanceof NotUtf8)) throw e;
    return readOnce(spec, opts, 'gb18030');
  }
}

async function readOnce(spec: SourceSpec, opts: ReadOptions, encoding?: 'gb18030', merges?: Merge[]): Promise<ReadResult> {
  const sink = new RowSink(spec, {
    minorUnit: opts.minorUnit,
    ...(opts.currency ? { currency: opts.currency } : {}),
    ...(opts.period ? { period: opts.period } : {}),
  });
  const scan =
    spec.format === 'xlsx'
      ? await (await xlsxReader()).scanXlsx(spec, sink, opts.onProgress, merges)
      : await scanCsv(spec, sink, opts.onProgress, encoding, opts.hashLater === true, opts.hash !== false);
  const input: InputFile = { source: spec.name, file: spec.fileAsWritten, sha256: scan.sha256, rows: 0 };
  // A hash still to come: input.sha256 is set when it is (or the error kept, for the caller to stop on).
  const hashed = (scan as { hashed?: Promise<string> }).hashed;
  const verified =
    hashed !== undefined
      ? hashed.then(
          (sha) => {
            input.sha256 = sha;
            return null;
          },
          (e: unknown) => e,
        )
      : undefined;
  const table = sink.finish();
  const upToRow = sink.keyHashesToRead();
  if (upToRow !== null) {
    // A CSV's keys came in order for a while, then not: those before the break are hashed now, from a second read.
    const again = await keyHashesUpTo(spec, opts, upToRow, sink.headerRow, (scan as { opened?: Stats }).opened, encoding);
    sink.settleKeyHashes(again.rowNumbers, again.hashes);
  }
  const keyRows = sink.keyRowsToRead();
  // The second read below is checked against the first one's hash: read again with one (rare: key hashes collided).
  if (keyRows !== null && spec.format !== 'xlsx' && opts.hash === false) return readOnce(spec, { ...opts, hash: true }, encoding, merges);
  if (keyRows !== null) {
    // The second read is checked against the first one's hash: wait for it (rare: key hashes that collided).
    const failed = await verified;
    if (failed !== undefined && failed !== null) throw failed;
    sink.settleKeys(await keyTexts(spec, opts, keyRows, sink.headerRow, input.sha256, encoding, merges));
  }
  scaleNumbers(table, spec);
  input.rows = table.rowCount;
  const issues = sink.issues;
  issues.push(...mangledIds(table, spec)); // bounded spread: at most one issue per column of the source
  issues.push(...excelErrors(table, spec)); // bounded spread: at most one issue per text column of the source
  const periodRows = sink.periodRows();
  return {
    table,
    issues,
    input,
    headers: sink.headers ?? [],
    headerRow: sink.headerRow,
    ...(verified !== undefined ? { verified } : {}),
    ...(periodRows !== null ? { periodRows } : {}),
  };
}

/**
 * Number columns whose unit the scheme declares (`scale: 1000` for a target in 千元): each value times it, by moving
 * the decimal point of its shortest decimal form (1.1 × 1000 is 1100, not 1100.0000000000002). Money columns are read
 * in their unit already (RowSink, to more decimal places).
 */
function scaleNumbers(table: Table, spec: SourceSpec): void {
  for (const c of spec.columns) {
    if (c.type !== 'number' || c.scale === undefined || c.scale === 1) continue;
    const col = table.columns.get(c.name);
    if (col?.type !== 'number') continue;
    const k = Math.round(Math.log10(c.scale));
    const values = col.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v) || v === 0) continue; // blank or zero
      const [digits, exp] = String(v).split('e');
      values[i] = Number(`${digits}e${Number(exp ?? 0) + k}`);
    }
  }
}

/**
 * The hashes of a key-only column's keys up to row number `upToRow` (by row: the rows kept by a read of that column
 * alone, ascending, and their hashes), for a CSV whose keys came in increasing order until a row after it (builder.ts
 * KeyColumn): a second read of the file up to there only, same header row, same encoding. The file must be the one the
 * first read opened, untouched (size and times, as the hash's thread checks it): it is not read to its end again.
 */
async function keyHashesUpTo(
  spec: SourceSpec,
  opts: ReadOptions,
  upToRow: number,
  headerRow: number,
  opened: Stats | undefined,
  encoding?: 'gb18030',
): Promise<{ rowNumbers: Int32Array; hashes: Int32Array }> {
  const key = spec.columns.find((c) => c.name === spec.key);
  if (key === undefined || opened === undefined) throw changedWhileRead(spec.fileAsWritten);
  const only: SourceSpec = { ...spec, columns: [key], derived: [], headerRow };
  for (const k of ['rep', 'date', 'period'] as const) delete only[k];
  const sink = new RowSink(only, { minorUnit: opts.minorUnit, upToRow, ...(opts.currency ? { currency: opts.currency } : {}) });
  try {
    await scanCsv(only, sink, undefined, encoding, false, false);
  } catch (e) {
    if (!(e instanceof ReadEnough)) throw e;
  }
  let now: Stats;
  try {
    now = statSync(spec.file);
  } catch {
    throw changedWhileRead(spec.fileAsWritten);
  }
  if (!sameFile(now, opened)) throw changedWhileRead(spec.fileAsWritten);
  const table = sink.finish();
  return { rowNumbers: table.rowNumbers.subarray(0, table.rowCount), hashes: sink.keyHashesRead().subarray(0, table.rowCount) };
}

/**
 * The key column's text on `rows` (row number → text): a second read of the file that keeps those rows alone,
 * for a key-only column whose hashes collided (builder.ts KeyColumn). Same header row, same encoding; a file
 * that changed in between is refused.
 */
async function keyTexts(
  spec: SourceSpec,
  opts: ReadOptions,
  rows: ReadonlySet<number>,
  headerRow: number,
  sha256: string,
  encoding?: 'gb18030',
  merges?: Merge[],
): Promise<Map<number, string>> {
  const key = spec.columns.find((c) => c.name === spec.key);
  if (key === undefined) return new Map();
  const only: SourceSpec = { ...spec, columns: [key], derived: [], headerRow };
  for (const k of ['rep', 'date', 'period', 'keyOnly'] as const) delete only[k];
  const sink = new RowSink(only, { minorUnit: opts.minorUnit, onlyRows: rows, ...(opts.currency ? { currency: opts.currency } : {}) });
  const again = spec.format === 'xlsx' ? await (await xlsxReader()).scanXlsx(only, sink, undefined, merges) : await scanCsv(only, sink, undefined, encoding);
  if (again.sha256 !== sha256) throw changedWhileRead(spec.fileAsWritten);
  const table = sink.finish();
  const values = table.columns.get(key.name)?.values ?? [];
  const texts = new Map<number, string>();
  for (let i = 0; i < table.rowCount; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) texts.set(table.rowNumbers[i] as number, String(v));
  }
  return texts;
}

/** Just the header row (found as readSource finds it; the closest candidate when no row has every mapped header). */
export async function readHeaders(spec: SourceSpec): Promise<string[]> {
  const attempt = async (encoding?: 'gb18030'): Promise<string[]> => {
    const sink = new RowSink(spec, { minorUnit: 2, headersOnly: true });
    if (spec.format === 'xlsx') await (await xlsxReader()).scanXlsx(spec, sink, undefined);
    else await scanCsv(spec, sink, undefined, encoding);
    if (sink.headers === null) sink.noHeader();
    return sink.headers ?? [];
  };
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof NotUtf8) return attempt('gb18030');
    throw e;
  }
}
