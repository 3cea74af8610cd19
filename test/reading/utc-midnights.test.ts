// Local dates exported as UTC timestamps (2026-10-31T16:00:00.000Z for 1 November in Beijing; red team): read as
// written, a day early, so the column is said once (KPI2148) and the run is never taken for a final one.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { sameWhenSplit, spec, values, writeFixture } from './helpers.js';
import { handXlsx, row } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'day', header: 'Date', type: 'date' },
  { name: 'amount', header: 'Amount', type: 'money' },
];
let n = 0;
async function read(days: string[], period = false) {
  const cols: ColumnSpec[] = period ? [COLS[0]!, { name: 'day', header: 'Date', type: 'string' }, COLS[2]!] : COLS;
  const text = `Rep,Date,Amount\n${days.map((d) => `R1,${d},10`).join('\n')}\n`;
  const r = await readSource(spec(writeFixture(`utc-${++n}.csv`, text), { columns: cols, rep: 'rep', ...(period ? { period: 'day' } : { date: 'day' }) }), {
    minorUnit: 2,
  });
  return { r, issues: r.issues.map((i) => [i.code, i.row, i.column, i.value, i.severity, i.action]) };
}

describe('dates written as UTC timestamps of a local midnight', () => {
  it('every time 16:00 UTC (midnight in UTC+8): said once with the first row and the count, the dates kept as written', async () => {
    const { r, issues } = await read(['2026-10-31T16:00:00.000Z', '2026-11-14T16:00:00.000Z', '2026-11-30T16:00:00Z']);
    expect(r.table.rowCount).toBe(3); // kept, as written
    expect(issues).toEqual([['KPI2148', 2, 'Date', '2026-10-31T16:00:00.000Z', 'warning', 'kept']]);
    expect(r.issues[0]!.reason).toBe(
      '"2026-10-31T16:00:00.000Z" and every other time in this column (3 rows) is 16:00 in UTC, midnight in UTC+08:00: these look like local dates written as UTC timestamps, so each is read as the day before the one meant, and a month\'s first day counts in the month before',
    );
    // India (18:30), Europe across summer time (22:00 and 23:00), +00:00 and a space for T, a period column
    expect((await read(['2026-10-31T18:30:00Z', '2026-11-01T18:30:00Z'])).r.issues.map((i) => i.params?.offset)).toEqual(['+05:30']);
    expect((await read(['2026-10-24 22:00:00+00:00', '2026-10-31 23:00:00+00:00'])).issues.map((i) => i[0])).toEqual(['KPI2148']);
    expect((await read(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'], true)).issues.map((i) => i[0])).toEqual(['KPI2148']);
  });

  it('no word for real times, times west of Greenwich (the local date already), one row, or offsets other than UTC', async () => {
    expect((await read(['2026-10-31T16:00:00Z', '2026-11-02T09:12:44Z'])).issues).toEqual([]); // real times
    expect((await read(['2026-10-31T16:00:00Z', '2026-11-02T17:00:00Z', '2026-11-03T18:00:00Z'])).issues).toEqual([]);
    expect((await read(['2026-11-01T05:00:00Z', '2026-11-02T05:00:00Z'])).issues).toEqual([]); // New York's midnight
    expect((await read(['2026-10-31T16:00:00Z'])).issues).toEqual([]);
    expect((await read(['2026-11-01T00:00:00+08:00', '2026-11-02T00:00:00+08:00'])).issues).toEqual([]);
    expect((await read(['2026-10-31 16:00:00', '2026-11-01 16:00:00'])).issues).toEqual([]); // no zone written
    expect((await read(['2026-10-31T16:00:00Z', '2026-11-01T16:00:00+08:00'])).issues).toEqual([]);
  });

  it('a workbook: the same text cells are said the same', async () => {
    const data = [row(1, ['Rep', 'Date', 'Amount']), row(2, ['R1', '2026-10-31T16:00:00.000Z', 10]), row(3, ['R1', '2026-11-30T16:00:00.000Z', 10])].join('');
    const file = writeFixture(`utc-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data }] }));
    const r = await readSource(spec(file, { columns: COLS, rep: 'rep', date: 'day' }), { minorUnit: 2 });
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([['KPI2148', 2]]);
  });
});

describe("workbook date cells holding a local midnight saved as UTC (a script's Date written by exceljs)", () => {
  const serial = (iso: string, hours: number) => Date.parse(iso) / 86_400_000 + 25_569 + hours / 24;
  async function readCells(cells: number[]) {
    const data = [row(1, ['Rep', 'Date', 'Amount']), ...cells.map((c, k) => row(k + 2, ['R1', c, 10]))].join('');
    const file = writeFixture(`utc-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data }] }));
    return readSource(spec(file, { columns: COLS, rep: 'rep', date: 'day' }), { minorUnit: 2 });
  }

  it('every cell at 16:00 (1 November in Beijing held as 31 October 16:00): said once, dates kept as written', async () => {
    const r = await readCells([serial('2026-10-31', 16), serial('2026-11-14', 16), serial('2026-11-29', 16)]);
    expect(values(r.table.columns.get('day'))).toEqual(['2026-10-31', '2026-11-14', '2026-11-29']); // as written
    expect(r.issues.map((i) => [i.code, i.row, i.column, i.value, i.action])).toEqual([['KPI2149', 2, 'Date', '2026-10-31 16:00', 'kept']]);
    expect(r.issues[0]!.reason).toContain('holds the time 16:00, midnight in UTC+08:00 saved as UTC');
    // Europe across summer time: 22:00 and 23:00
    expect((await readCells([serial('2026-10-24', 22), serial('2026-11-01', 23)])).issues.map((i) => i.code)).toEqual(['KPI2149']);
  });

  it('no word for dates alone, real times, times with seconds, one cell, or times west of Greenwich', async () => {
    expect((await readCells([serial('2026-11-01', 0), serial('2026-11-02', 0)])).issues).toEqual([]);
    expect((await readCells([serial('2026-11-01', 16), serial('2026-11-02', 9.2)])).issues).toEqual([]);
    expect((await readCells([serial('2026-11-01', 16 + 1 / 3600), serial('2026-11-02', 16 + 1 / 3600)])).issues).toEqual([]);
    expect((await readCells([serial('2026-10-31', 16)])).issues).toEqual([]);
    expect((await readCells([serial('2026-11-01', 5), serial('2026-11-02', 5)])).issues).toEqual([]);
  });
});

describe('the parallel read says the same as one reader', () => {
  afterEach(() => {
    setChunkBytesForTests(undefined);
    parallel.setSplitForTests();
  });

  it('UTC midnights on either side of the split', async () => {
    for (const [times, said] of [
      [['16:00:00.000Z'], true],
      [['22:00:00Z', '23:00:00Z'], true],
      [['16:00:00Z', '09:31:12Z'], false],
    ] as const) {
      const lines = ['Rep,Date,Amount'];
      for (let i = 0; i < 120; i++)
        lines.push(`R${i % 3},2026-11-${String((i % 28) + 1).padStart(2, '0')}T${times[Math.floor((i * times.length) / 120)]},${i}`);
      const path = writeFixture(`utc-par-${++n}.csv`, `${lines.join('\n')}\n`);
      const readIt = async () => {
        const r = await readSource(spec(path, { columns: COLS, rep: 'rep', date: 'day' }), { minorUnit: 2 });
        return { days: values(r.table.columns.get('day')), issues: JSON.stringify(r.issues) };
      };
      const one = await sameWhenSplit(readIt);
      expect(one.issues.includes('KPI2148')).toBe(said);
    }
  });
});
