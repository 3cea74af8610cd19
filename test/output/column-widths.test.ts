// Column sizing formats every number of a report: one Intl.NumberFormat per number of decimals, reused, must
// show exactly what toLocaleString (a new formatter per call) shows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupedNumber } from '../../src/output/column-widths.js';

describe('groupedNumber', () => {
  it('equals toLocaleString en-US with that many decimals, for any number', () => {
    const x = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.double({ min: -1e7, max: 1e7 }),
      fc.constantFrom(0, -0, 0.005, 1.005, -2.5, 1e21, 123456.785),
    );
    fc.assert(
      fc.property(x, fc.integer({ min: 0, max: 8 }), (v, d) => {
        expect(groupedNumber(v, d)).toBe(v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
      }),
      { numRuns: 3000 },
    );
  });
});
