// Old DOS and ERP exports end the file with an end-of-file mark, 0x1A (Ctrl-Z), after the last line.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { sameWhenSplit, spec, values, writeFixture } from './helpers.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
];
let n = 0;
const read = async (text: string) => {
  const r = await readSource(spec(writeFixture(`eof-${++n}.csv`, text), { columns: COLS, rep: 'rep' }), { minorUnit: 2 });
  return { amounts: values(r.table.columns.get('amount')), issues: r.issues.map((i) => [i.code, i.row]) };
};

describe('a DOS end-of-file mark', () => {
  it('a lone 0x1A at the very end is not a row', async () => {
    for (const text of ['Rep,Amount\r\nR1,10\r\nR2,20\r\n\x1a', 'Rep,Amount\nR1,10\nR2,20\x1a']) {
      expect(await read(text)).toEqual({ amounts: [1000, 2000], issues: [] });
    }
  });

  it('a 0x1A anywhere else is still read as text and reported', async () => {
    // two at the end: the first is not the last byte
    expect((await read('Rep,Amount\nR1,10\nR2,20\n\x1a\x1a')).issues).toEqual([['KPI2001', 4]]);
    // before the last line feed
    expect((await read('Rep,Amount\nR1,10\nR2,20\n\x1a\n')).issues).toEqual([['KPI2001', 4]]);
    const inside = await read('Rep,Amount\nR1,1\x1a0\nR2,20\n');
    expect([inside.amounts, inside.issues.map((i) => i[1])]).toEqual([[2000], [2]]);
  });

  describe('read in parts', () => {
    afterEach(() => {
      setChunkBytesForTests(undefined);
      parallel.setSplitForTests();
    });
    it('the mark at the end of the part read last', async () => {
      const lines = ['Rep,Amount'];
      for (let i = 0; i < 120; i++) lines.push(`R${i % 3},${i}`);
      const path = writeFixture(`eof-par-${++n}.csv`, `${lines.join('\r\n')}\r\n\x1a`);
      const readIt = async () => {
        const r = await readSource(spec(path, { columns: COLS, rep: 'rep' }), { minorUnit: 2 });
        return { rows: r.table.rowCount, issues: r.issues };
      };
      expect(await sameWhenSplit(readIt)).toEqual({ rows: 120, issues: [] });
    });
  });
});
