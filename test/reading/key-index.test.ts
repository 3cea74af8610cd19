import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/reading/key-index.js';

describe('duplicate keys', () => {
  it('matches a plain Map on 50,000 keys with many repeats, in row order', () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const keys = Array.from({ length: 50_000 }, () => (rnd() < 0.02 ? null : `SO-${Math.floor(rnd() * 40_000)}`));
    const want: { index: number; first: number }[] = [];
    const firstOf = new Map<string, number>();
    keys.forEach((k, i) => {
      if (k === null) return;
      const f = firstOf.get(k);
      if (f === undefined) firstOf.set(k, i);
      else want.push({ index: i, first: f });
    });
    expect(want.length).toBeGreaterThan(5000); // the case is not trivial
    expect(findDuplicates(keys, keys.length)).toEqual(want);
  });

  it('numbers and blanks (NaN)', () => {
    expect(findDuplicates(new Float64Array([5, NaN, 5, NaN, 7, 5]), 6)).toEqual([
      { index: 2, first: 0 },
      { index: 5, first: 0 },
    ]);
  });
});
