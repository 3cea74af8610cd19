// `kpi peek FILE`: profile the file with the readers `kpi score` uses and print what they make of it.

import path from 'node:path';
import { DataError, dataErrorLine } from '../../reading/errors.js';
import { translator } from '../../messages/index.js';
import { createProgress } from '../../reading/progress.js';
import { formatOf, profileFile, type FileProfile, type ProfileOptions } from '../../reading/profile/profile.js';
import { chineseHeaders } from '../../reading/profile/header-names.js';
import { peekText, type Lang, type PeekText } from './messages.js';
import { csvHeader, csvRow, renderJson, renderTable } from './render.js';

export interface PeekOptions {
  sheet?: string;
  rows?: number;
  headerRow?: number;
  top: number;
  format: 'table' | 'csv' | 'json';
  /** The language asked for (--lang, else the locale); without it, the headers' language. */
  lang?: Lang;
}

/** Rows shown by the table and the JSON when --rows is not given; CSV prints every row unless --rows says. */
const DEFAULT_ROWS = 10;

export async function runPeek(file: string, opts: PeekOptions): Promise<number> {
  const early = peekText(opts.lang ?? 'en-US');
  if (opts.sheet !== undefined && formatOf(file) === 'csv') process.stderr.write(`kpi peek: ${early.wrongSheetOption}\n`);
  const base: ProfileOptions = {
    ...(opts.sheet !== undefined && formatOf(file) === 'xlsx' ? { sheet: opts.sheet } : {}),
    ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
    firstRows: opts.format === 'csv' ? 0 : (opts.rows ?? DEFAULT_ROWS),
    top: opts.top,
    minorUnit: 2,
  };
  let profile: FileProfile;
  try {
    profile = await withProgress(file, (onProgress) => profileFile(path.resolve(file), file, { ...base, onProgress }));
  } catch (e) {
    if (e instanceof DataError) {
      process.stderr.write(`kpi peek: ${dataErrorLine(e, translator(opts.lang ?? 'en-US'))}\n`);
      return 1;
    }
    throw e;
  }
  const t = peekText(opts.lang ?? (chineseHeaders(profile.columns) ? 'zh-CN' : 'en-US'));
  if (opts.format === 'table')
    process.stdout.write(renderTable(profile, t, opts.rows ?? DEFAULT_ROWS, process.stdout.isTTY ? process.stdout.columns : undefined));
  else if (opts.format === 'json') process.stdout.write(renderJson(profile, t, opts.rows ?? DEFAULT_ROWS));
  else return printCsv(file, profile, base, opts, t);
  return 0;
}

/**
 * The types are known only once the whole file has been seen, so the rows are printed by a second read with
 * them (memory stays bounded: no row is kept).
 */
async function printCsv(file: string, profile: FileProfile, base: ProfileOptions, opts: PeekOptions, t: PeekText): Promise<number> {
  const limit = opts.rows ?? Infinity;
  let printed = 0;
  let unreadable = 0;
  let buffer = csvHeader(profile);
  const flush = (): void => {
    if (buffer !== '') process.stdout.write(buffer);
    buffer = '';
  };
  try {
    await withProgress(file, (onProgress) =>
      profileFile(path.resolve(file), file, {
        ...base,
        headerRow: profile.header.row,
        collect: false,
        onProgress,
        onRow: (_row, values) => {
          if (printed >= limit) return;
          printed++;
          buffer += csvRow(profile, values, () => unreadable++);
          if (buffer.length > 1 << 16) flush();
        },
      }),
    );
  } catch (e) {
    if (e instanceof DataError) {
      flush();
      process.stderr.write(`kpi peek: ${dataErrorLine(e, translator(opts.lang ?? 'en-US'))}\n`);
      return 1;
    }
    throw e;
  }
  flush();
  const skipped = opts.rows === undefined ? profile.skipped.count : 0;
  if (unreadable > 0 || skipped > 0) process.stderr.write(`kpi peek: ${t.csvSummary(unreadable, skipped, file)}\n`);
  return 0;
}

async function withProgress<T>(file: string, f: (onProgress: ProfileOptions['onProgress']) => Promise<T>): Promise<T> {
  const progress = createProgress(path.basename(file));
  try {
    return await f((p) => progress.update(p));
  } finally {
    progress.done();
  }
}
