// The CSV row's fast paths (RowSink.csvRow: text stored as read, plainMoney, isoDayFast, a clean row kept without
// endRow's checks; the builder's short-text keys) read a file exactly as the general path does: the same file read
// with the fast paths off gives the same table, the same issues and the same stop, wherever the reads cut it.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import { setFastPathsForTests } from '../../src/reading/row-sink.js';
import { spec, values, writeFixture } from './helpers.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'region', header: 'Region', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
];
const HEADER = ['Order ID', 'Rep', 'Customer', 'Region', 'Amount', 'Close Date'];

const ids = ['SO-0000001', 'SO-0000002', 'SO-0000010', 'SO-1', 'SO-00000011', '订单-7', 'A', 'AB', '', ' SO-3 ', 'SO-0000002'];
// Short texts (packed into keys), the 7/8-character edge, control characters and DEL, CJK, invisible characters.
const texts = [
  'R1',
  'R0324',
  'R0324',
  'Won',
  'Lost',
  'East',
  'North',
  'ABCD',
  'ABCDEFG',
  'ABCDEFGH',
  'ABCDEFGHIJKLMNOP',
  'a\u0001b',
  'a\u007fb',
  '~',
  '张伟',
  '华东',
  'Zhāng',
  'Zha\u0304ng',
  'R1\u200b',
  'R1\u00a0',
  ' R2',
  'R2 ',
  '',
  'A "quoted" rep',
  'two\nlines',
  'ＡＢ',
  '１２',
];
const amounts = [
  '237.86',
  '1,009.48',
  '$125.41',
  '(1,234.56)',
  '($5.00)',
  '-12.5',
  '1.500',
  '1,500',
  '12,5',
  '１２３.４５',
  '¥1,234',
  '$',
  '',
  ' 7 ',
  '0.125',
  '12%',
  'abc',
  '99999999999999.99',
  '(5',
];
const dates = [
  '2026-11-01',
  '2026-02-29',
  '2024-02-29',
  '1899-12-31',
  '1900-01-01',
  '2299-12-31',
  '2300-01-01',
  '2026-13-01',
  '2026-00-10',
  '2026-11-00',
  '2026-11-31',
  '0000-01-01',
  '2026/11/2',
  '2026-1-5',
  '２０２６-11-01',
  '2026-11-01 ',
  '2026x11-01',
  '',
  'soon',
];
const customers = ['', 'C1', 'x,y', '多'];

interface Row {
  cells: string[];
  /** 0: as is, 1: one field too many, 2: one field too few, 3: an empty line before it. */
  shape: number;
  quoteAll: boolean;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  cells: fc.tuple(
    fc.constantFrom(...ids),
    fc.constantFrom(...texts),
    fc.constantFrom(...customers),
    fc.constantFrom(...texts),
    fc.constantFrom(...amounts),
    fc.constantFrom(...dates),
  ),
  shape: fc.constantFrom(0, 0, 0, 0, 0, 1, 2, 3),
  quoteAll: fc.boolean(),
});

const field = (s: string, quoteAll: boolean): string => (quoteAll || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvText(rows: Row[], eol: string, nul: boolean): string {
  const lines = [HEADER.join(',')];
  rows.forEach((r, i) => {
    if (r.shape === 3) lines.push('');
    let cells = r.shape === 1 ? [...r.cells, 'extra'] : r.shape === 2 ? r.cells.slice(0, 4) : r.cells;
    if (nul && i === rows.length >> 1) cells = cells.map((c, k) => (k === 1 ? `${c}\0` : c));
    lines.push(cells.map((c) => field(c, r.quoteAll)).join(','));
  });
  return lines.join(eol) + eol;
}

async function readAll(path: string, keyOnly: boolean, decimalDeclared: boolean) {
  try {
    const r = await readSource(spec(path, { columns: COLUMNS, key: 'order_id', rep: 'rep', date: 'closed', keyOnly, decimalDeclared }), {
      minorUnit: 2,
    });
    return {
      rows: Array.from(r.table.rowNumbers),
      columns: COLUMNS.filter((c) => !(keyOnly && c.name === 'order_id')).map((c) => values(r.table.columns.get(c.name))),
      issues: r.issues,
    };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { stop: e.message };
  }
}

afterEach(() => {
  setChunkBytesForTests(undefined);
  setFastPathsForTests(undefined);
});

describe('CSV fast paths read as the general path does', () => {
  let n = 0;
  it('any rows, quoted or not, CRLF or LF, a BOM, a NUL, any read size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(3, 7, 61, 1 << 16),
        fc.boolean(),
        fc.boolean(),
        async (rows, eol, bom, nul, size, keyOnly, declared) => {
          const path = writeFixture(`fast-${n++}.csv`, (bom ? '\ufeff' : '') + csvText(rows, eol, nul));
          setChunkBytesForTests(size);
          setFastPathsForTests(false);
          const general = await readAll(path, keyOnly, declared);
          setFastPathsForTests(true);
          expect(await readAll(path, keyOnly, declared)).toEqual(general);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it('many rows of one shape (the fast paths warm), with a few odd ones among them', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 20_000; i++) {
      const odd = i % 97 === 0;
      lines.push(
        [
          `SO-${String(i).padStart(7, '0')}`,
          odd ? texts[i % texts.length] : `R${String(i % 500).padStart(4, '0')}`,
          `C${i}`,
          odd ? texts[(i >> 1) % texts.length] : ['East', 'North', '华东'][i % 3],
          odd ? amounts[i % amounts.length] : `${(i % 1000) + 0.25}`,
          odd ? dates[i % dates.length] : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        ]
          .map((c) => field(c as string, false))
          .join(','),
      );
    }
    const path = writeFixture('fast-long.csv', lines.join('\n'));
    for (const keyOnly of [true, false]) {
      setFastPathsForTests(false);
      const general = await readAll(path, keyOnly, true);
      setFastPathsForTests(true);
      expect(general.rows?.length ?? 0).toBeGreaterThan(15_000);
      expect(await readAll(path, keyOnly, true)).toEqual(general);
    }
  }, 120_000);
});
