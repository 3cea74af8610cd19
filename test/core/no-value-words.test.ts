// A database export writes NULL (pandas nan, a pivot table (blank)) where a cell is empty. In a distinct count it
// read as one more customer for each rep whose rows held it, with exit 0 (an empty cell counts for nothing): said
// once per metric, with the first row (KPI2182), the run not final.
import { describe, expect, it } from 'vitest';
import { scoreRun } from '../../src/core/score.js';
import { runStatus } from '../../src/output/status.js';
import { metric, model, period, rep, source, table } from './helpers.js';

const run = (customers: (string | null)[]) => {
  const sales = table('sales', {
    rep: ['string', ['A', 'A', 'A', 'B', 'B', 'B']],
    date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-10-06']],
    customer: ['string', customers],
  });
  return scoreRun({
    model: model({
      sources: [source('sales', { columns: [{ name: 'customer', header: 'Customer', type: 'string' }] })],
      metrics: [metric('customers', { kind: 'aggregate', source: 'sales', fn: 'count_distinct', column: 'customer', filter: [] })],
      weights: { ae: { customers: 1 } },
    }),
    period: period('2026-11'),
    reps: [rep('A'), rep('B')],
    tables: new Map([['sales', sales]]),
  });
};

describe("a program's word for no value in a distinct count", () => {
  it('NULL, \\N, nan, <NA>, (blank), (空白): counted as a customer as written, and said once with the first row', () => {
    for (const word of ['NULL', 'null', '\\N', 'nan', 'NaN', '<NA>', '(null)', '(blank)', '(空白)', '（空白）']) {
      const r = run(['C1', word, word, 'C2', 'C3', word]);
      expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([2, 2]);
      expect(r.issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([['KPI2182', 3, 'Customer', word]]);
      expect(r.issues[0]!.reason).toBe(
        `metric customers: customer of sales in 2026-11 holds "${word}" (first on row 3), how a database or a program writes no value (SQL's NULL, pandas' nan, a pivot table's (blank)): it is counted as one more customer for each rep whose rows hold it, where an empty cell is not counted`,
      );
      expect(runStatus(r.issues).final).toBe(false);
    }
  });

  it('not said for empty cells, names that only look like one, or such a word outside the period', () => {
    for (const customers of [
      ['C1', null, 'C2', 'C2', 'C3', 'NULL'], // the NULL row is October's
      ['C1', 'None', 'N/A', 'NAT', 'Nan Li', 'NULLABLE'],
    ]) {
      const r = run(customers);
      expect(r.issues).toEqual([]);
    }
  });
});
