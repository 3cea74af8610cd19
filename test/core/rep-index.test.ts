// Every row's rep is an index into the roster: 16 bits a row for an ordinary roster (memory at 10M rows), 32 bits
// for a roster too big for 16, where an index past 32,767 must not wrap around to another rep.
import { describe, expect, it } from 'vitest';
import { aggregateByRep, attributeRows, repLookup } from '../../src/core/attribution.js';
import { rep, table } from './helpers.js';

describe('rep index of every row', () => {
  it('a roster of 500: 16 bits a row, the same indices', () => {
    const reps = Array.from({ length: 500 }, (_, i) => rep(`R${i}`));
    const t = table('sales', { rep: ['string', ['R0', 'R499', 'nobody', null, 'r7']], amount: ['money', [1, 2, 3, 4, 5]] });
    const idx = attributeRows(t, 'rep', repLookup(reps));
    expect(idx).toBeInstanceOf(Int16Array);
    expect(Array.from(idx)).toEqual([0, 499, -1, -1, 7]);
  });

  it('a roster of 40,000: rows of rep 39,999 count for rep 39,999', () => {
    const reps = Array.from({ length: 40_000 }, (_, i) => rep(`R${i}`));
    const t = table('sales', { rep: ['string', ['R39999', 'R32768', 'R1']], amount: ['money', [10, 20, 30]] });
    const idx = attributeRows(t, 'rep', repLookup(reps));
    expect(Array.from(idx)).toEqual([39_999, 32_768, 1]);
    const sums = aggregateByRep(t, idx, Uint8Array.of(1, 1, 1), null, 'sum', 'amount', reps.length);
    if ('error' in sums) throw new Error(sums.error.term);
    expect([sums.values[39_999], sums.values[32_768], sums.values[1]]).toEqual([10, 20, 30]);
  });
});
