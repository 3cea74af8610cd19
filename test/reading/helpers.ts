import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import type { Column } from '../../src/core/table.js';
import { dayToIso } from '../../src/reading/values.js';
import { expect } from 'vitest';
import { DataError } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { readPart, type PartJob } from '../../src/reading/csv-part.js';

export const dir = mkdtempSync(join(tmpdir(), 'kpi-reading-'));

export function writeFixture(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/**
 * The columns of the CSV line fast paths' tests (csvLine and the kernel read them whole from their line): a key, two
 * texts, money and a date; the files' HEADER_OF_LINES has a Customer field between them that no column reads.
 */
export const LINE_COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'region', header: 'Region', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
];
export const HEADER_OF_LINES = ['Order ID', 'Rep', 'Customer', 'Region', 'Amount', 'Close Date'];

export const SALES_COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
];

export function spec(path: string, over: Partial<SourceSpec> = {}): SourceSpec {
  return {
    name: 'sales',
    file: path,
    fileAsWritten: path.split(/[\\/]/).pop() as string,
    format: path.endsWith('.xlsx') ? 'xlsx' : 'csv',
    encoding: 'auto',
    decimal: '.',
    dateOrder: 'ymd',
    onBadRow: 'skip',
    columns: SALES_COLUMNS,
    derived: [],
    ...over,
  };
}

/** A column's values in plain form: strings, numbers, ISO dates, null for blanks. */
export function values(col: Column | undefined): (string | number | null)[] {
  if (!col) throw new Error('no such column');
  if (col.type === 'string') return col.values;
  return Array.from(col.values, (v) => (Number.isNaN(v) ? null : col.type === 'date' ? dayToIso(v) : v));
}

/** The DataError a read must fail with (anything else, or no failure, fails the test). */
export async function failure(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

/** Issues without their code's values and editor line (tests that check the English reason and the place). */
export function plain<T extends { params?: unknown; line?: unknown }>(issues: readonly T[]): Omit<T, 'params' | 'line'>[] {
  return issues.map(({ params: _p, line: _l, ...rest }) => rest);
}

/** The worker's part read on this thread, through a structured clone as a message would carry it. */
export const inThread = (job: PartJob) => Promise.resolve(structuredClone(readPart(job)));
/** The same, read only once the main thread waits for it: the main thread has taken the back of the part by then. */
export const later = (job: PartJob) => new Promise((done) => setImmediate(() => done(structuredClone(readPart(job))))) as ReturnType<typeof inThread>;
/** The main thread takes the worker's part from these fractions of what is left on (one at a time), then waits. */
export const takes = (fractions: number[]) => {
  let i = 0;
  return (claimed: number, end: number) => {
    const f = fractions[i++];
    return f === undefined ? end : claimed + Math.floor((end - claimed) * f);
  };
};

/**
 * Reads a CSV on one thread (256-byte chunks), then split at a fifth, a half and four fifths with the second part read
 * in this thread: each split read must equal the first and be merged. Returns the one-thread read. The caller's
 * afterEach resets the chunk size and the split.
 */
export async function sameWhenSplit<T>(readIt: () => Promise<T>): Promise<T> {
  setChunkBytesForTests(256);
  parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
  const one = await readIt();
  for (const f of [0.2, 0.5, 0.8]) {
    parallel.setSplitForTests({ bytes: 0, at: (total) => Math.floor(total * f), run: inThread });
    expect(await readIt()).toEqual(one);
    expect(parallel.lastSplit).toBe('merged');
  }
  return one;
}
