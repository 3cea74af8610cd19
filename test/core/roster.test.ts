import { describe, expect, it } from 'vitest';
import { repsFromTable } from '../../src/core/roster.js';
import { table } from './helpers.js';

describe('repsFromTable', () => {
  it('reads reps, and skips (reporting) an id repeated exactly or differing only by case', () => {
    const t = table('reps', {
      id: ['string', ['R1', 'r1', 'R2', 'R2']],
      name: ['string', ['Ann', 'Ann again', 'Bob', 'Bob again']],
      team: ['string', ['East', 'East', 'West', 'West']],
      role: ['string', ['ae', 'ae', 'ae', 'ae']],
      base_bonus: ['money', [1000, 2000, 1500.5, 9]],
    });
    const { reps, issues } = repsFromTable(t);
    expect(reps.map((r) => [r.id, r.name, r.baseBonus])).toEqual([
      ['R1', 'Ann', 1000],
      ['R2', 'Bob', 1500.5],
    ]);
    expect(issues.map((i) => [i.row, i.reason, i.action])).toEqual([
      [3, 'rep id "r1" differs from "R1" only by case; given on row 2; row skipped', 'skipped'],
      [5, 'rep id "R2" already given on row 4; row skipped', 'skipped'],
    ]);
  });
});
