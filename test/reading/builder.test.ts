// Text columns: codes while values repeat, one string per row once they do not; the values are the same.
import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../src/reading/builder.js';

function build(values: (string | null)[]) {
  const b = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16);
  values.forEach((v, i) => {
    if (v !== null && i % 2 === 0) b.setStringRange(0, `[${v}]`, 1, v.length + 1);
    else b.setString(0, v);
    b.commit(i + 2);
  });
  const col = b.build('s', 's.csv').columns.get('c');
  if (col?.type !== 'string') throw new Error('not a text column');
  return col;
}

describe('text columns in the builder', () => {
  it('repeating values are codes into the distinct values', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? null : `R${i % 13}`));
    const col = build(values);
    expect(col.coded?.dict.length).toBe(1 + 13);
    expect(col.values).toEqual(values);
  });

  it('mostly distinct values switch to strings midway, keeping every value', () => {
    const values = Array.from({ length: 30_000 }, (_, i) => (i < 500 ? `R${i % 3}` : i % 11 === 0 ? null : `C${i}`));
    const col = build(values);
    expect(col.coded).toBeUndefined();
    expect(col.values).toEqual(values);
  });
});
