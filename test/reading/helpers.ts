import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import type { Column } from '../../src/core/table.js';
import { dayToIso } from '../../src/reading/values.js';
import { expect } from 'vitest';
import { DataError } from '../../src/reading/index.js';

export const dir = mkdtempSync(join(tmpdir(), 'kpi-reading-'));

export function writeFixture(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

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
