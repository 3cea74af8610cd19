// The run's status line counts rows skipped, not issues: a row with two unreadable cells is one row skipped.
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/reading/index.js';
import { issueCount, runStatus } from '../../src/output/status.js';
import { spec, writeFixture } from '../reading/helpers.js';

describe('run status', () => {
  it('"N data issues (M rows skipped)": M counts each file and row once', async () => {
    // Row 3 is shifted by one cell: its amount and its date are both unreadable (two issues, one row).
    const file = writeFixture('status-shifted.csv', 'Order ID,Rep,Amount,Close Date\nA1,R1,10.00,2026-11-02\nA2,R1,Acme Ltd,10.00\nA3,R2,oops,2026-11-03\n');
    const { issues } = await readSource(spec(file, { rep: 'rep', date: 'closed' }), { minorUnit: 2 });
    expect(issues.map((i) => [i.row, i.column, i.action])).toEqual([
      [3, 'Amount', 'skipped'],
      [3, 'Close Date', 'skipped'],
      [4, 'Amount', 'skipped'],
    ]);
    const status = runStatus(issues);
    expect(status).toMatchObject({ final: false, issues: 3, skipped: 2 });
    expect(issueCount(status)).toBe('3 data issues (2 rows skipped)');
    // The same row number in another file is another row.
    const other = issues.map((i) => ({ ...i, file: 'other.csv' }));
    expect(runStatus([...issues, ...other]).skipped).toBe(4);
  });
});
