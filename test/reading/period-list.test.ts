// The period's rows listed by the reading threads as they read (reading/period-list.ts) must be the list the core
// makes from the finished table (core/period-rows.ts periodRows, rowsBetween): the score and the run checks take the
// one in place of the other. For any file, split anywhere, the worker's part taken back in parts or not, one thread,
// dates in any order, blank or bad, and periods that start or end where the dates do.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import { parsePeriod } from '../../src/core/period.js';
import { periodRows, type PeriodRows } from '../../src/core/period-rows.js';
import type { Period } from '../../src/core/results.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { readSource } from '../../src/reading/index.js';
import { handXlsx, row } from './xlsx-parts.js';
import { inThread, later, spec, takes, writeFixture } from './helpers.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
];

// Month and year edges on both sides, other ways of writing a date (the general path), blanks (kept, KPI2204) and
// dates that cannot be read (the row skipped).
const dates = [
  '2026-10-31',
  '2026-11-01',
  '2026-11-15',
  '2026-11-30',
  '2026-12-01',
  '2026-12-31',
  '2027-01-01',
  '2025-12-31',
  '2026-01-01',
  '2026-02-28',
  '2026-03-01',
  '2024-02-29',
  '2026/11/2',
  '2026年11月5日',
  ' 2026-11-03',
  '"2026-11-20"',
  '',
  '',
  'soon',
  '2026-02-30',
];
const amounts = ['1.00', '12', '1,234.50', '', 'abc'];
const periods = ['2026-11', '2026-12', '2026-01', '2026-02', '2024-02', '2025-12', '2026-Q4', '2026-Q1', '2026', '2026-11-YTD', '2027-01'];

interface Row {
  rep: string;
  date: string;
  amount: string;
  /** 0: as is, 1: an empty line before it, 2: one field too few (skipped). */
  shape: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  rep: fc.constantFrom('R1', 'R2', '张伟', ''),
  date: fc.constantFrom(...dates),
  amount: fc.constantFrom(...amounts),
  shape: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2),
});

function csvText(rows: Row[]): string {
  const lines = ['Order ID,Rep,Amount,Close Date'];
  rows.forEach((r, i) => {
    if (r.shape === 1) lines.push('');
    const amount = r.amount.includes(',') ? `"${r.amount}"` : r.amount;
    const cells = [`SO-${i}`, r.rep, amount, r.date];
    lines.push((r.shape === 2 ? cells.slice(0, 3) : cells).join(','));
  });
  return lines.join('\n') + '\n';
}

const thePeriod = (label: string): Period => {
  const p = parsePeriod(label);
  if ('error' in p) throw new Error(label);
  return p;
};

/** A list in plain form; its array as long as its count (maskOfRows reads rows.length). */
function plain(p: PeriodRows | undefined) {
  if (p === undefined) return undefined;
  expect(p.rows?.length).toBe(p.count);
  return {
    rowCount: p.rowCount,
    count: p.count,
    rows: p.rows === null ? null : Array.from(p.rows),
    days: p.days === undefined ? undefined : { seen: Array.from(p.days.seen), first: p.days.first, last: p.days.last },
  };
}

/** The read's list, and the core's over the table read, in plain form. */
async function listed(s: SourceSpec, period: Period) {
  const r = await readSource(s, { minorUnit: 2, period: { start: period.start, end: period.end } });
  return { read: plain(r.periodRows), core: plain(periodRows(r.table, s, period)), rows: r.table.rowCount };
}

afterEach(() => {
  setChunkBytesForTests(undefined);
  parallel.setSplitForTests();
});

describe('the period’s rows listed while reading', () => {
  let n = 0;
  it('equal the core’s list for random files split anywhere, parts taken back, one thread', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 80 }),
        fc.constantFrom(...periods),
        fc.constantFrom(64, 101, 256),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        async (rows, label, size, splits, taken) => {
          const path = writeFixture(`period-list-${n++}.csv`, csvText(rows));
          const s = spec(path, { columns: COLUMNS, rep: 'rep', date: 'closed', key: 'order_id', keyOnly: true });
          const period = thePeriod(label);
          setChunkBytesForTests(size);
          parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
          const one = await listed(s, period);
          expect(one.read).toBeDefined();
          expect(one.read).toEqual(one.core);
          for (const f of splits) {
            parallel.setSplitForTests({ bytes: 0, at: (total) => Math.floor(total * f), run: inThread });
            const two = await listed(s, period);
            expect(two.read).toEqual(two.core);
            expect(two).toEqual(one);
            outcomes.set(parallel.lastSplit, (outcomes.get(parallel.lastSplit) ?? 0) + 1);
            parallel.setSplitForTests({ bytes: 0, at: (total) => Math.floor(total * f), run: later, steal: takes(taken), stealBytes: 1 });
            const three = await listed(s, period);
            expect(three.read).toEqual(three.core);
            expect(three).toEqual(one);
            if (parallel.lastTaken > 0) outcomes.set('taken', (outcomes.get('taken') ?? 0) + 1);
          }
        },
      ),
      { numRuns: 150 },
    );
    // Lists joined from parts, not only read on one thread.
    expect(outcomes.get('merged') ?? 0).toBeGreaterThan(30);
    expect(outcomes.get('taken') ?? 0).toBeGreaterThan(20);
  }, 240_000);

  it('a source without a date column, or a read without a period: nothing listed (the core lists its own)', async () => {
    const path = writeFixture('period-list-none.csv', 'Order ID,Rep,Amount,Close Date\nSO-1,R1,1.00,2026-11-02\n');
    const november = thePeriod('2026-11');
    const undated = await readSource(spec(path, { columns: COLUMNS, rep: 'rep' }), { minorUnit: 2, period: november });
    expect(undated.periodRows).toBeUndefined();
    const noPeriod = await readSource(spec(path, { columns: COLUMNS, rep: 'rep', date: 'closed' }), { minorUnit: 2 });
    expect(noPeriod.periodRows).toBeUndefined();
  });

  it('a workbook’s rows are listed as the core lists them', async () => {
    const cells = [
      ['SO-1', 'R1', 10, 46327], // 2026-11-01 as a serial
      ['SO-2', 'R2', 11, '2026-11-30'],
      ['SO-3', 'R1', 12, '2026-12-01'],
      ['SO-4', 'R1', 13, null],
      ['SO-5', 'R2', 14, 'soon'],
      ['SO-6', 'R2', 15, 46326], // 2026-10-31
    ] as const;
    const data = [row(1, ['Order ID', 'Rep', 'Amount', 'Close Date']), ...cells.map((c, i) => row(i + 2, [...c]))].join('');
    const path = writeFixture('period-list.xlsx', await handXlsx({ sheets: [{ name: 'Sheet1', data }] }));
    const s = spec(path, { columns: COLUMNS, rep: 'rep', date: 'closed' });
    for (const label of ['2026-11', '2026-10', '2026-Q4']) {
      const got = await listed(s, thePeriod(label));
      expect(got.read).toBeDefined();
      expect(got.read).toEqual(got.core);
    }
    expect((await listed(s, thePeriod('2026-11'))).read?.count).toBe(2);
  });
});
