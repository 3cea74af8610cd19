import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { RowList } from '../../src/core/row-list.js';
import { scoreRun } from '../../src/core/score.js';
import { codedColumn, type Column, type DataIssue, type Table } from '../../src/core/table.js';
import { dayFromIso } from '../../src/core/period.js';
import { issueJson } from '../../src/output/formats.js';
import { runStatus, skippedRows } from '../../src/output/status.js';
import { metric, model, period, rep, source, target } from './helpers.js';

describe('RowList', () => {
  it('keeps rows in the order pushed, past its first capacity, and says them as a plain JSON array', () => {
    const l = new RowList(2);
    for (const r of [7, 3, 9, 3, 1_048_577]) l.push(r);
    expect(l.length).toBe(5);
    expect([...l]).toEqual([7, 3, 9, 3, 1_048_577]);
    expect([l.at(0), l.at(4), l.at(5), l.at(-1)]).toEqual([7, 1_048_577, undefined, undefined]);
    expect(JSON.stringify({ rows: l })).toBe('{"rows":[7,3,9,3,1048577]}');
    expect(JSON.stringify(RowList.of([]))).toBe('[]');
  });

  it('offsets into a new list and leaves its own rows', () => {
    const l = RowList.of([2, 5]);
    expect([...l.offset(1000)]).toEqual([1002, 1005]);
    expect([...l]).toEqual([2, 5]);
  });

  it('sorts and drops repeats in place', () => {
    const l = RowList.of([9, 2, 9, 10, 2, 100]);
    expect([...l.sortUnique()]).toEqual([2, 9, 10, 100]); // numeric, not text, order
    expect(l.length).toBe(4);
  });

  it('counts a row skipped once per file, from a RowList or a saved plain array, odd numbers by their text', () => {
    const issue = (file: string, row: number | undefined, rows?: RowList | number[]) => ({ file, row, rows, action: 'skipped' });
    expect(skippedRows([issue('a.csv', 2, RowList.of([2, 3, 4])), issue('a.csv', 3), issue('b.csv', 3, [3, 5]), issue('b.csv', undefined)])).toBe(3 + 2 + 1);
    expect(skippedRows([issue('a.csv', 2.5, [2.5, 2, Number.NaN]), issue('a.csv', 2)])).toBe(3);
    expect(skippedRows([{ file: 'a.csv', row: 2, rows: [3], action: 'kept' }])).toBe(0);
  });
});

describe('an issue naming 2,000,000 rows', () => {
  it('holds them in a few bytes a row, writes the same JSON and counts each row skipped', () => {
    const n = 2_000_000;
    const rowNumbers = Int32Array.from({ length: n }, (_, i) => i + 2);
    const day = dayFromIso('2026-11-05')!;
    const columns = new Map<string, Column>([
      ['rep', codedColumn(new Uint16Array(n).fill(1), [null, 'ZZ99'])],
      ['date', { type: 'date', values: new Float64Array(n).fill(day) }],
    ]);
    const t: Table = { source: 'sales', file: 'sales.csv', rowCount: n, rowNumbers, columns };
    const m = model({
      sources: [source('sales')],
      metrics: [metric('deals', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [] }, { target: target({ default: 10 }) })],
      weights: { ae: { deals: 1 } },
    });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const r = scoreRun({ model: m, period: period('2026-11'), reps: [rep('R1')], tables: new Map([['sales', t]]) });
    gc();
    const held = process.memoryUsage().heapUsed - before;
    const unknown = r.issues.find((i) => i.code === 'KPI2201') as DataIssue;
    expect(unknown.rows?.length).toBe(n);
    // A plain array of 2M numbers is 16 MB of heap (8 MB with compressed pointers); the list is in a typed array.
    expect(held).toBeLessThan(4 * 1024 * 1024);
    expect(runStatus(r.issues).skipped).toBe(n);
    const json = issueJson(unknown).rows!;
    expect(json.length).toBe(n);
    expect(json.every((row, k) => row === k + 2)).toBe(true);
  }, 60_000);
});
