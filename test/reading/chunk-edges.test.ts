// The CSV reader decodes each read up to its last line feed and keeps the bytes after it for the next read
// (reading/csv.ts). Whatever the read size, so wherever the reads cut the file (inside a quoted field with line
// breaks, between CR and LF, inside a multi-byte character, inside the BOM), the table and the issues must be
// those of reading the whole file in one piece.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import { spec, values, writeFixture } from './helpers.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
  { name: 'share', header: 'Share', type: 'percent' },
];
const HEADER = ['Order ID', 'Rep', 'Amount', 'Close Date', 'Share', 'Note'];

const ids = ['SO-1', 'SO-2', 'SO-10', 'SO-0000000011', '订单-7', '', ' SO-3 '];
const reps = ['R1', 'R2', '张伟', '李娜', 'Zhāng', 'Zha\u0304ng', 'R1\u200b', 'R1\u00a0', ' R2', '', 'A "quoted" rep', 'two\nlines', 'semi;colon'];
const amounts = ['1,234.56', '$1,234.56', '(1,234)', '($5.00)', '-12.5', '¥1,234', '￥88', '12%', '1.500', '12,5', 'abc', '', ' 7 ', '0.125'];
const dates = ['2026-11-01', '2026/11/2', '2026.1.5', '2026年11月5日', '2026-02-30', '11/05/2026', '', 'soon'];
const shares = ['12%', '0.5', '５０％', '', 'x'];
const notes = ['', 'ok', '多', 'a,b', 'line1\r\nline2', '"'];

interface Row {
  cells: string[];
  /** 0: as is, 1: one field too many, 2: one field too few, 3: an empty line before it. */
  shape: number;
  quoteAll: boolean;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  cells: fc.tuple(
    fc.constantFrom(...ids),
    fc.constantFrom(...reps),
    fc.constantFrom(...amounts),
    fc.constantFrom(...dates),
    fc.constantFrom(...shares),
    fc.constantFrom(...notes),
  ),
  shape: fc.constantFrom(0, 0, 0, 0, 1, 2, 3),
  quoteAll: fc.boolean(),
});

const field = (s: string, quoteAll: boolean): string => (quoteAll || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvText(rows: Row[], eol: string): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    if (r.shape === 3) lines.push('');
    const cells = r.shape === 1 ? [...r.cells, 'extra'] : r.shape === 2 ? r.cells.slice(0, 4) : r.cells;
    lines.push(cells.map((c) => field(c, r.quoteAll)).join(','));
  }
  return lines.join(eol) + eol;
}

/** GB18030 bytes of the characters these tests use (TextDecoder decodes GB18030 but nothing encodes it). */
const gbOf = new Map<string, number[]>();
{
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && !gbOf.has(ch)) gbOf.set(ch, [a, b]);
    }
  }
}
function gb18030(s: string): Buffer | null {
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = gbOf.get(ch);
      if (b === undefined) return null;
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

/**
 * The table (the key column is hashed, not kept: its duplicates show among the issues) and the issues, or the stop.
 * `share` false leaves the percent column out: then rows are read whole from their lines (RowSink.csvLine).
 */
async function readAll(path: string, encoding: 'auto' | 'gb18030', decimalDeclared: boolean, share = true) {
  const columns = share ? COLUMNS : COLUMNS.filter((c) => c.name !== 'share');
  try {
    const r = await readSource(spec(path, { columns, key: 'order_id', keyOnly: true, encoding, decimalDeclared }), { minorUnit: 2 });
    return {
      rows: Array.from(r.table.rowNumbers),
      columns: columns.slice(1).map((c) => values(r.table.columns.get(c.name))),
      issues: r.issues,
      sha256: r.input.sha256,
    };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { stop: e.message };
  }
}

afterEach(() => setChunkBytesForTests(undefined));

describe('CSV read in chunks of any size: the same table and issues as in one piece', () => {
  let n = 0;
  it('UTF-8 and GB18030, LF and CRLF, with and without a BOM', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030'),
        fc.constantFrom(1, 2, 3, 5, 7, 16, 61, 200),
        fc.boolean(),
        fc.boolean(),
        async (rows, eol, enc, size, declared, share) => {
          const text = csvText(rows, eol);
          let bytes: Buffer | null;
          if (enc === 'gb18030') bytes = gb18030(text);
          else bytes = Buffer.from((enc === 'utf-8-bom' ? '\ufeff' : '') + text);
          if (bytes === null) return; // a character without GB18030 bytes in the table above: not this case
          const path = writeFixture(`chunks-${n++}.csv`, bytes);
          const encoding = enc === 'gb18030' ? 'gb18030' : 'auto';
          setChunkBytesForTests(1 << 16);
          const whole = await readAll(path, encoding, declared, share);
          setChunkBytesForTests(size);
          expect(await readAll(path, encoding, declared, share)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a file of many reads: rows cut anywhere, a quoted line break across a read, the last line without a line feed', async () => {
    const rows: string[] = [HEADER.join(',')];
    for (let i = 0; i < 30_000; i++) {
      const rep = reps[i % reps.length] as string;
      const amount = amounts[i % amounts.length] as string;
      rows.push(
        [`SO-${i}`, rep, amount, dates[i % dates.length], shares[i % shares.length], notes[i % notes.length]]
          .map((c) => field(c as string, i % 11 === 0))
          .join(','),
      );
    }
    const text = rows.join('\r\n'); // no line feed after the last row
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 64 * 1024);
    const path = writeFixture('chunks-long.csv', text);
    for (const share of [true, false]) {
      setChunkBytesForTests(1 << 24); // the whole file in one read
      const whole = await readAll(path, 'auto', true, share);
      expect(whole.rows?.length ?? 0).toBeGreaterThan(5_000);
      for (const size of [997, undefined, 64 * 1024 + 3]) {
        setChunkBytesForTests(size);
        expect(await readAll(path, 'auto', true, share)).toEqual(whole);
      }
    }
  }, 120_000);
});
