// The CSV row's fast paths (RowSink.csvRow: text stored as read, plainMoney, isoDayFast, a clean row kept without
// endRow's checks; RowSink.csvLine: a row read whole from its line, quoted fields and all; the builder's short-text
// keys) read a file exactly as the general path does: the same file read with the fast paths off gives the same
// table, the same issues and the same stop, wherever the reads cut it, whatever the separator.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataError, readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import { RowSink, setFastPathsForTests } from '../../src/reading/row-sink.js';
import { setKernelForTests } from '../../src/reading/kernel-lines.js';
import { HEADER_OF_LINES, LINE_COLUMNS, spec, values, writeFixture } from './helpers.js';

const COLUMNS = LINE_COLUMNS;
/** The file's fields: Customer is read by no column (csvLine and the kernel skip it). */
const HEADER = HEADER_OF_LINES;

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
const customers = ['', 'C1', 'x,y', '多', 'X', '-'];

/**
 * Orders of the file's columns (indexes into HEADER): as written, and the date before other fields (csvLine takes a
 * date's end from its shape: a short date followed by a short field must not be read as one).
 */
const orders = [
  [0, 1, 2, 3, 4, 5],
  [0, 5, 2, 1, 3, 4],
  [5, 2, 0, 1, 3, 4],
];

/**
 * Fields written as they stand (not quoted by `field`), put in place of one cell: quotes that are not a whole field's,
 * "" inside one, text after a closing quote, a quote left open (the record goes on over the next line), a lone CR,
 * quoted values the fast paths read in place, blanks quoted.
 */
const rawFields = [
  'ab"c',
  '"a"b',
  '"a""b"',
  '""',
  '"R1"',
  '"2026-11-01"',
  '2026-11-01',
  '"1,009.48"',
  '"$125.41"',
  ' "x"',
  '"x" ',
  '"open',
  'a\rb',
  '"a\rb"',
  '"two\nlines"',
];

interface Row {
  cells: string[];
  /** 0: as is, 1: one field too many, 2: one field too few, 3: an empty line before it, 4: a separator after the last field. */
  shape: number;
  quoteAll: boolean;
  /** Cells quoted though nothing in them needs it (a bit per cell). */
  quoteSome: number;
  /** A raw field in place of cell `at` (-1: none). */
  raw: { at: number; text: string };
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
  shape: fc.constantFrom(0, 0, 0, 0, 0, 1, 2, 3, 4),
  quoteAll: fc.boolean(),
  quoteSome: fc.nat(63),
  raw: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ at: -1, text: '' }) },
    { weight: 1, arbitrary: fc.record({ at: fc.nat(5), text: fc.constantFrom(...rawFields) }) },
  ),
});

const field = (s: string, quote: boolean, delim = ','): string => (quote || s.includes(delim) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvText(rows: Row[], eol: string, nul: boolean, delim = ',', order = orders[0] as number[]): string {
  const lines = [order.map((k) => HEADER[k]).join(delim)];
  rows.forEach((r, i) => {
    if (r.shape === 3) lines.push('');
    const ordered = order.map((k) => r.cells[k] as string);
    let cells = r.shape === 1 ? [...ordered, 'extra'] : r.shape === 2 ? ordered.slice(0, 4) : r.shape === 4 ? [...ordered, ''] : ordered;
    if (nul && i === rows.length >> 1) cells = cells.map((c, k) => (k === 1 ? `${c}\0` : c));
    const written = cells.map((c, k) => field(c, r.quoteAll || ((r.quoteSome >> k) & 1) === 1, delim));
    if (r.raw.at >= 0 && r.raw.at < written.length) written[r.raw.at] = r.raw.text;
    lines.push(written.join(delim));
  });
  return lines.join(eol) + eol;
}

async function readAll(path: string, keyOnly: boolean, decimalDeclared: boolean, delimiter?: string) {
  try {
    const r = await readSource(
      spec(path, { columns: COLUMNS, key: 'order_id', rep: 'rep', date: 'closed', keyOnly, decimalDeclared, ...(delimiter ? { delimiter } : {}) }),
      { minorUnit: 2 },
    );
    return {
      rows: Array.from(r.table.rowNumbers),
      columns: COLUMNS.filter((c) => !(keyOnly && c.name === 'order_id')).map((c) => values(r.table.columns.get(c.name))),
      // How each text column is held (codes and their order, or one string per row) is the same too.
      coded: COLUMNS.map((c) => {
        const col = r.table.columns.get(c.name);
        return col?.type === 'string' ? (col.coded?.dict ?? null) : null;
      }),
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
  setKernelForTests(true);
});

/** The fast paths' read: csvLine alone (the kernel off), then with the kernel reading whole lines of bytes from the second read on. */
async function bothFast(general: unknown, read: () => Promise<unknown>): Promise<void> {
  setFastPathsForTests(true);
  setKernelForTests(false);
  expect(await read()).toEqual(general);
  setKernelForTests(true, 0);
  expect(await read()).toEqual(general);
}

/** 20,000 rows of one shape (regions in turn), every 97th odd (the vocabulary's texts, amounts and dates). */
function warmRows(regions: string[]): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < 20_000; i++) {
    const odd = i % 97 === 0;
    lines.push(
      [
        `SO-${String(i).padStart(7, '0')}`,
        odd ? texts[i % texts.length] : `R${String(i % 500).padStart(4, '0')}`,
        `C${i}`,
        odd ? texts[(i >> 1) % texts.length] : regions[i % 3],
        odd ? amounts[i % amounts.length] : i % 3 === 0 ? `${1000 + (i % 9000)}.${String(i % 100).padStart(2, '0')}` : `${(i % 1000) + 0.25}`,
        odd ? dates[i % dates.length] : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      ]
        .map((c, k) => (k === 4 && i % 3 === 0 && !odd ? `"${(c as string).replace(/^(\d)/, '$1,')}"` : field(c as string, false)))
        .join(','),
    );
  }
  return lines.join('\n');
}

describe('CSV fast paths read as the general path does', () => {
  let n = 0;
  it('any rows, quoted or not, CRLF or LF, a BOM, a NUL, any read size, any separator', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(3, 7, 61, 97, 256, 1024, 1 << 16),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(',', ',', ';', '\t', '-'),
        fc.constantFrom(...orders),
        async (rows, eol, bom, nul, size, keyOnly, declared, delim, order) => {
          const path = writeFixture(`fast-${n++}.csv`, (bom ? '\ufeff' : '') + csvText(rows, eol, nul, delim, order));
          setChunkBytesForTests(size);
          setFastPathsForTests(false);
          const general = await readAll(path, keyOnly, declared, delim);
          await bothFast(general, () => readAll(path, keyOnly, declared, delim));
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);

  it('many rows of one shape (the fast paths warm), with a few odd ones among them', async () => {
    const path = writeFixture('fast-long.csv', warmRows(['East', 'North', '华东']));
    // As many rows, every region plain ASCII: the kernel's file.
    const ascii = writeFixture('fast-long-ascii.csv', warmRows(['East', 'North', 'South']));
    const csvLine = vi.spyOn(RowSink.prototype, 'csvLine');
    // Rows kept from the kernel, counted as they come (the object handed over is the same each time).
    let kernelRows = 0;
    const keepRowsRead = RowSink.prototype.keepRowsRead;
    const byKernel = vi.spyOn(RowSink.prototype, 'keepRowsRead').mockImplementation(function (this: RowSink, rows, records) {
      kernelRows += rows.rows;
      keepRowsRead.call(this, rows, records);
    });
    for (const keyOnly of [true, false]) {
      setFastPathsForTests(false);
      const general = await readAll(path, keyOnly, true);
      expect(csvLine).not.toHaveBeenCalled();
      expect(byKernel).not.toHaveBeenCalled();
      setFastPathsForTests(true);
      setKernelForTests(false);
      expect(general.rows?.length ?? 0).toBeGreaterThan(15_000);
      expect(await readAll(path, keyOnly, true)).toEqual(general);
      // Most rows, the quoted amounts' among them, were read whole from their line.
      expect(csvLine.mock.results.filter((r) => r.value === true).length).toBeGreaterThan(15_000);
      expect(byKernel).not.toHaveBeenCalled();
      csvLine.mockClear();
      // The kernel on. A third of the rows have a Chinese region (not the kernel's yet): it declines them, and once
      // it has seen 4,096 lines it leaves the file to csvLine.
      setKernelForTests(true, 0);
      setChunkBytesForTests(4096);
      const byKernelRows = (): number => kernelRows;
      expect(await readAll(path, keyOnly, true)).toEqual(general);
      expect(byKernelRows()).toBeGreaterThan(1_000);
      expect(byKernelRows()).toBeLessThan(4_096);
      kernelRows = 0;
      // ASCII throughout: most rows read by the kernel, the lines it declines by csvLine; the same table, issues, codes.
      setKernelForTests(false);
      const plain = await readAll(ascii, keyOnly, true);
      csvLine.mockClear();
      setKernelForTests(true, 0);
      expect(await readAll(ascii, keyOnly, true)).toEqual(plain);
      expect(byKernelRows()).toBeGreaterThan(18_000);
      expect(csvLine.mock.results.filter((r) => r.value === true).length).toBeLessThan(1_000);
      setFastPathsForTests(false);
      setKernelForTests(true);
      expect(await readAll(ascii, keyOnly, true)).toEqual(plain);
      setChunkBytesForTests(undefined);
      csvLine.mockClear();
      byKernel.mockClear();
      kernelRows = 0;
    }
    csvLine.mockRestore();
    byKernel.mockRestore();
  }, 120_000);

  it('a file of one read: the header by the tokenizer, every row after it by the kernel', async () => {
    const lines = ['Title: November export', '', HEADER.join(',')];
    for (let i = 0; i < 200; i++) lines.push([`SO-${1000 + i}`, `R${i % 7}`, `C${i}`, 'East', `${i}.25`, '2026-11-02'].join(','));
    const path = writeFixture('fast-one-read.csv', `\ufeff${lines.join('\r\n')}\r\n`);
    setFastPathsForTests(false);
    const general = await readAll(path, true, true);
    expect(general.rows?.length).toBe(200);
    let kernelRows = 0;
    const keepRowsRead = RowSink.prototype.keepRowsRead;
    const spy = vi.spyOn(RowSink.prototype, 'keepRowsRead').mockImplementation(function (this: RowSink, rows, records) {
      kernelRows += rows.rows;
      keepRowsRead.call(this, rows, records);
    });
    setFastPathsForTests(true);
    setKernelForTests(true, 0);
    expect(await readAll(path, true, true)).toEqual(general);
    expect(kernelRows).toBe(200);
    spy.mockRestore();
  });

  it("a separator that is one of a date's characters: a date is never read across fields", async () => {
    for (const [delim, date] of [
      ['-', '2026-11-01'],
      ['/', '2026/11/01'],
      ['.', '2026.11.01'],
      ['-', '2026-1-05'],
    ] as const) {
      // The date unquoted (the tokenizer splits it) or quoted (one field), in the middle of a line and at its end.
      for (const last of [false, true]) {
        const cells = (d: string, i: number): string[] => {
          const rest = ['R1', i % 2 ? 'East' : 'X', '12'];
          return last ? [`SO${i}`, ...rest, d] : [`SO${i}`, d, ...rest];
        };
        const lines = [(last ? ['Order ID', 'Rep', 'Region', 'Amount', 'Close Date'] : ['Order ID', 'Close Date', 'Rep', 'Region', 'Amount']).join(delim)];
        for (let i = 0; i < 60; i++) lines.push(cells(i % 3 === 0 ? date : `"${date}"`, i).join(delim));
        const path = writeFixture(`fast-date-sep-${delim.charCodeAt(0)}-${date.length}-${last}.csv`, lines.join('\n'));
        setFastPathsForTests(false);
        const general = await readAll(path, true, true, delim);
        expect(general.rows?.length ?? 0).toBeGreaterThan(10);
        setChunkBytesForTests(256);
        await bothFast(general, () => readAll(path, true, true, delim));
      }
    }
  });

  it('a row declined after a text was stored counts that text once (when a column turns to strings is unchanged)', async () => {
    // 4095 reps in 16378 rows leave the rep column where it turns to strings at the second new rep after three more
    // lookups, and not after six (StringColumn.newCode: past 4096 values, when there are fewer than four lookups a
    // value). The three rows whose region csvLine cannot store (not plain) come after their rep was stored: counted
    // twice, the rep column would stay coded (no new rep comes after).
    const lines = [HEADER.join(',')];
    let id = 0;
    const row = (rep: string, region: string): void => {
      id++;
      lines.push([`SO-${id}`, rep, 'C1', region, '12.50', '2026-11-01'].join(','));
    };
    for (let k = 0; k < 4095; k++) for (let j = k < 2 ? 1 : 0; j < 4; j++) row(`R${k}`, 'East');
    for (let j = 0; j < 3; j++) row('R1', 'Zhāng');
    row('R5000', 'East');
    row('R5001', 'East');
    for (let k = 0; k < 10; k++) row(`R${k}`, 'East'); // no new rep: no second chance to turn
    const path = writeFixture('fast-uncount.csv', lines.join('\n'));
    setFastPathsForTests(false);
    const general = await readAll(path, true, true);
    expect(general.coded?.[1]).toBeNull(); // the rep column turned to strings
    await bothFast(general, () => readAll(path, true, true));
    // The kernel's rows stored as one by one: the column turns to strings at the same row.
    setChunkBytesForTests(2048);
    await bothFast(general, () => readAll(path, true, true));
  }, 120_000);
});
