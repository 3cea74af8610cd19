// The CSV read's WebAssembly kernel (src/reading/csv-kernel.ts, docs kernel-api.md) keeps a line only where the
// JavaScript read keeps that row with no issue and the same values: the same file read by readSource on the general
// path (setFastPathsForTests(false)) is the oracle. On ASCII lines it keeps every line RowSink.csvLine keeps (it is
// not narrower than it needs to be); every record is kept, declined or left to JS, none lost; the same file cut into
// runs at other places gives the same rows.
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CurrencyRule } from '../../src/reading/currency.js';
import {
  CsvKernel,
  K_CASH,
  K_DAY,
  K_KEY,
  K_SKIP,
  K_TEXT,
  type KernelSetup,
  STOP_DECLINED,
  STOP_DONE,
  STOP_FULL,
  STOP_SPANS,
} from '../../src/reading/csv-kernel.js';
import { CsvTokenizer } from '../../src/reading/csv-tokenizer.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { hashRange } from '../../src/reading/key-index.js';
import { RowSink, setFastPathsForTests } from '../../src/reading/row-sink.js';
import { daysFromCivil, symbolCode } from '../../src/reading/values.js';
import { HEADER_OF_LINES, LINE_COLUMNS, spec, writeFixture } from './helpers.js';

const COLUMNS = LINE_COLUMNS;
/** The file's fields: Customer is read by no column (csvLine and the kernel skip it). */
const HEADER = HEADER_OF_LINES;
const NAMES = ['order_id', 'rep', null, 'region', 'amount', 'closed'];

// Awkward values (as test/reading/row-fast-paths.test.ts's): blanks, spaces at either end, control bytes, DEL, NUL,
// non-ASCII (UTF-8), the 8-byte edge of short texts, quotes, separators and line breaks inside values.
const keys = [
  'SO-0000001',
  'SO-0000002',
  'SO-0000010',
  'SO-1',
  'SO-00000011',
  'A',
  'AB',
  'B',
  '',
  ' SO-3',
  'SO-3 ',
  'SO\u0001x',
  'SO\u007f',
  '订单-7',
  'SO-0000002',
];
const texts = [
  'R1',
  'R0324',
  'Won',
  'Lost',
  'East',
  'ABCDEFG',
  'ABCDEFGH',
  'ABCDEFGHI',
  'ABCDEFGHIJKLMNOPQRSTU',
  'a\u0001b',
  'a\u007fb',
  'a\u0000b',
  '~',
  '张伟',
  'Zhāng',
  'R1\u200b',
  ' R2',
  'R2 ',
  '\tR',
  '',
  'a "q" b',
  'x;y',
  'x,y',
  'x\ty',
  'two\nlines',
  'ＡＢ',
];
const amounts = [
  '237.86',
  '1,009.48',
  '1.009,48',
  '$125.41',
  '€125,41',
  '¥1234',
  '(1,234.56)',
  '($5.00)',
  '(-5)',
  '-12.5',
  '-0',
  '(0.00)',
  '1.500',
  '1,500',
  '1,500.5',
  '12,5',
  '1,23',
  '01,234',
  '1,2345',
  '5.',
  '.5',
  '0.125',
  '1234567890123.45',
  '123456789012345',
  '1234567890123456',
  '99999999999999.99',
  '１２３.４５',
  '$',
  '-',
  '()',
  '',
  ' 7 ',
  '7 ',
  '12%',
  'abc',
  '(5',
  '5)',
  '$-5',
  '-$5',
];
const dates = [
  '2026-11-01',
  '2026-11-30',
  '2026-12-01',
  '2026-10-31',
  '2026-02-29',
  '2024-02-29',
  '1899-12-31',
  '1900-01-01',
  '2299-12-31',
  '2300-01-01',
  '9999-12-31',
  '2026-13-01',
  '2026-00-10',
  '2026-11-00',
  '2026-11-31',
  '2026/11/2',
  '2026.1.5',
  '2026/1.5',
  '2026-1/5',
  '2026-1-5',
  '2026-11-1',
  '2026-011-01',
  '20261101',
  '２０２６-11-01',
  '2026-11-01 ',
  ' 2026-11-01',
  '2026x11-01',
  '',
  'soon',
];
const customers = ['', 'C1', 'x,y', '多', '-', 'a\u0000b', ' '];

/** Fields written as they stand in place of one cell: quotes not a whole field's, "" inside one, text after a closing
 *  quote, a quote left open (the record goes on over the next line), a lone CR, quoted values read in place. */
const rawFields = [
  'ab"c',
  '"a"b',
  '"a""b"',
  '""',
  '"R1"',
  '"2026-11-01"',
  '"1,009.48"',
  '"$125.41"',
  ' "x"',
  '"x" ',
  '"open',
  'a\rb',
  '"a\rb"',
  '"two\nlines"',
  '"a,b"',
  '"',
];

/** Values every setting reads (most rows), among them now and then an awkward one. */
const good = {
  keys: ['SO-1', 'SO-2', 'SO-3', 'SO-10', 'SO-11', 'SO-100', 'X', 'a-b', 'SO 5'],
  texts: ['R1', 'R2', 'R0324', 'East', 'West', 'North-East', 'Won', 'ABCDEFGH', 'Key Account 7', 'x'],
  customers: ['C1', 'C2', ''],
  amounts: ['12', '0', '237.86', '1,009.48', '1.009,48', '12,50', '-3', '(5.00)', '$12.50', '€12,50', '1234567'],
  dates: ['2026-11-01', '2026-11-15', '2026-11-30', '2026-10-31', '2026-12-01', '2026/11/5', '2026-3-7', '2025-02-28', '2019-09-29', '2026-11-09'],
};
const pick = (common: string[], odd: string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

interface Row {
  cells: string[];
  /** 0: as is, 1: one field too many, 2: one field too few, 3: an empty line before it, 4: a separator after the last
   *  field, 5: only separators, 6: a CR LF empty line before it. */
  shape: number;
  quoteSome: number;
  raw: { at: number; text: string };
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  cells: fc.tuple(
    pick(good.keys, keys),
    pick(good.texts, texts),
    pick(good.customers, customers),
    pick(good.texts, texts),
    pick(good.amounts, amounts),
    pick(good.dates, dates),
  ),
  shape: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6),
  quoteSome: fc.nat(63),
  raw: fc.oneof(
    { weight: 8, arbitrary: fc.constant({ at: -1, text: '' }) },
    { weight: 1, arbitrary: fc.record({ at: fc.nat(5), text: fc.constantFrom(...rawFields) }) },
  ),
});

/** Money settings: the scheme's decimal mark (declared or not), the currency and its minor unit. */
interface Money {
  decimal: '.' | ',';
  declared: boolean;
  minorUnit: number;
  currency: CurrencyRule;
}
const MONEY: Money[] = [
  { decimal: '.', declared: false, minorUnit: 2, currency: { code: 'USD', symbol: '$' } },
  { decimal: '.', declared: true, minorUnit: 2, currency: { code: 'USD', symbol: '$' } },
  { decimal: ',', declared: true, minorUnit: 2, currency: { code: 'EUR', symbol: '€' } },
  { decimal: '.', declared: true, minorUnit: 0, currency: { code: 'JPY', symbol: '¥' } },
  { decimal: '.', declared: true, minorUnit: 3, currency: { code: 'KWD', symbol: 'KD' } },
  { decimal: '.', declared: false, minorUnit: 0, currency: { code: 'CNY', symbol: '¥' } },
];

const field = (s: string, quote: boolean, delim: string): string => (quote || s.includes(delim) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvText(rows: Row[], eol: string, delim: string, lastEol: boolean): string {
  const lines = [HEADER.join(delim)];
  for (const r of rows) {
    if (r.shape === 3) lines.push('');
    if (r.shape === 6) lines.push('\r');
    let cells = r.shape === 1 ? [...r.cells, 'extra'] : r.shape === 2 ? r.cells.slice(0, 5) : r.shape === 4 ? [...r.cells, ''] : r.cells;
    if (r.shape === 5) cells = cells.map(() => '');
    const written = cells.map((c, k) => field(c, ((r.quoteSome >> k) & 1) === 1, delim));
    if (r.raw.at >= 0 && r.raw.at < written.length) written[r.raw.at] = r.raw.text;
    lines.push(written.join(delim));
  }
  return lines.join(eol) + (lastEol ? eol : '');
}

const PERIOD = { first: daysFromCivil(2026, 11, 1), last: daysFromCivil(2026, 11, 30) };

function setupFor(keyOnly: boolean, money: Money, delim: string, chunkBytes: number): KernelSetup {
  const acts = Uint8Array.from([keyOnly ? K_KEY : K_TEXT, K_TEXT, K_SKIP, K_TEXT, K_CASH, K_DAY]);
  return {
    acts,
    required: Uint8Array.from([0, 1, 0, 0, 0, 1]),
    delimiter: delim.charCodeAt(0),
    point: money.decimal === '.' ? 46 : 44,
    group: money.decimal === '.' ? 44 : 46,
    symbol: symbolCode(money.currency),
    scale: money.minorUnit,
    declared: money.declared || money.decimal === ',',
    period: { field: 5, ...PERIOD },
    chunkBytes,
  };
}

/** A kept row as the kernel stored it: per header field, the text (key, texts), the number (money, day) or null. */
type Kept = (string | number | null)[];

interface Drive {
  /** Record number → the kept row's values. */
  kept: Map<number, Kept>;
  /** Rows the kernel left to JS: declined, spanning, too long for a run, or after a full table. */
  left: number[];
  /** The last record number reached (every record counted). */
  rows: number;
}

/** The end of the record at `p` as the tokenizer reads it (quotes, "" inside, a lone CR ends it); -1: never closed. */
function recordEnd(b: Uint8Array, p: number, delim: number): number {
  let quoted = false;
  let fieldStart = true;
  for (; p < b.length; p++) {
    const c = b[p] as number;
    if (quoted) {
      if (c === 34) {
        if (b[p + 1] === 34) p++;
        else quoted = false;
      }
      continue;
    }
    if (c === 34 && fieldStart) quoted = true;
    else if (c === 10) return p + 1;
    else if (c === 13) return b[p + 1] === 10 ? p + 2 : p + 1;
    fieldStart = c === delim;
  }
  return quoted ? -1 : b.length;
}

/**
 * Reads the file's data lines (after the header, record 1) with the kernel as the read does: runs of at most
 * chunkBytes, refilled `cut()` bytes at a time; JS's records (declined, spanning, longer than a run) skipped and
 * counted. Checks each run's key order, period rows and first decimal point against its own kept rows.
 */
function drive(bytes: Uint8Array, setup: KernelSetup, cut: () => number, records: Map<number, string[]>): Drive {
  const k = new CsvKernel(setup);
  const kept = new Map<number, Kept>();
  const left: number[] = [];
  let base = bytes.indexOf(10) + 1; // file offset of input[0]
  let fill = 0;
  let row = 1;
  const seen = new Map<number, Map<string, number>>(); // per text field: text → code, in first-seen order
  /** JS's record at file offset `at` (it may span lines, or is longer than a run): skipped, counted; false at the end. */
  const jsRecord = (at: number): boolean => {
    const end = recordEnd(bytes, at, setup.delimiter);
    if (end === -1) return false; // a quote never closed: JS reports it (not a record)
    left.push(++row);
    base = end;
    fill = 0;
    return base < bytes.length;
  };
  for (;;) {
    const want = Math.min(setup.chunkBytes - fill, cut(), bytes.length - base - fill);
    k.input().set(bytes.subarray(base + fill, base + fill + want), fill);
    fill += want;
    const final = base + fill === bytes.length;
    const r = k.run(0, fill, final, row);
    expect(r.records).toBeGreaterThanOrEqual(r.rows);
    checkRun(k, setup, r.rows, kept, records, seen, row);
    row += r.records;
    if (r.stop === STOP_DONE) {
      if (final && r.end === fill) break;
      expect(final).toBe(false);
      if (r.end === 0 && fill === setup.chunkBytes) {
        // a line longer than a run: JS's
        if (!jsRecord(base)) break;
        continue;
      }
      k.input().copyWithin(0, r.end, fill);
      base += r.end;
      fill -= r.end;
      continue;
    }
    if (r.stop === STOP_DECLINED) {
      // the line's end: LF or CR LF, or the file's end
      const lf = bytes.indexOf(10, base + r.end);
      expect(base + r.next).toBe(lf === -1 ? bytes.length : lf + 1);
      expect(base + r.lineEnd).toBe(lf === -1 ? bytes.length : bytes[lf - 1] === 13 ? lf - 1 : lf);
      left.push(++row);
      k.input().copyWithin(0, r.next, fill);
      base += r.next;
      fill -= r.next;
      if (final && fill === 0) break;
      continue;
    }
    if (r.stop === STOP_SPANS) {
      if (!jsRecord(base + r.end)) break;
      continue;
    }
    expect(r.stop).toBe(STOP_FULL);
    left.push(-1);
    break;
  }
  return { kept, left, rows: row };
}

/** One run's output: kept rows filed by record number; the run's key order, period rows and first point checked. */
function checkRun(
  k: CsvKernel,
  setup: KernelSetup,
  rows: number,
  kept: Map<number, Kept>,
  records: Map<number, string[]>,
  seen: Map<number, Map<string, number>>,
  rowBefore: number,
): void {
  const numbers = k.rowNumbers();
  expect(numbers.length).toBe(rows);
  const hashes = k.hashes();
  const fields = Array.from(setup.acts, (act, f) => (act === K_TEXT ? k.codes(f) : act === K_CASH || act === K_DAY ? k.numbers(f) : null));
  const runKeys: string[] = [];
  let keyBreak = -1;
  const period: number[] = [];
  let point: { row: number; raw: string } | null = null;
  for (let i = 0; i < rows; i++) {
    const row = numbers[i] as number;
    expect(row).toBeGreaterThan(rowBefore);
    if (i > 0) expect(row).toBeGreaterThan(numbers[i - 1] as number);
    const rec = records.get(row) as string[];
    const values: Kept = Array.from(setup.acts, (act, f) => {
      if (act === K_KEY) return hashes[i] === 0 ? null : (rec[f] as string);
      if (act === K_TEXT) {
        const code = (fields[f] as Int32Array)[i] as number;
        if (code === 0) return null;
        const text = k.text(f, code);
        // codes in first-seen order, stable over the kernel's life
        let known = seen.get(f);
        if (known === undefined) seen.set(f, (known = new Map()));
        if (!known.has(text)) known.set(text, known.size + 1);
        expect(code).toBe(known.get(text));
        expect(k.codeCount(f)).toBeGreaterThanOrEqual(code);
        return text;
      }
      if (act === K_SKIP) return null;
      const v = (fields[f] as Float64Array)[i] as number;
      return Number.isNaN(v) ? null : v;
    });
    const key = setup.acts.indexOf(K_KEY);
    if (key >= 0) {
      const text = values[key] as string | null;
      expect(hashes[i]).toBe(text === null ? 0 : hashRange(text, 0, text.length));
      if (text !== null) {
        if (keyBreak < 0 && runKeys.length > 0 && !(text > (runKeys[runKeys.length - 1] as string))) keyBreak = i;
        runKeys.push(text);
      }
    }
    const day = values[5] as number | null;
    if (day !== null && day >= PERIOD.first && day <= PERIOD.last) period.push(i);
    const cash = setup.acts.indexOf(K_CASH);
    if (point === null && values[cash] !== null && (rec[cash] as string).includes(String.fromCharCode(setup.point))) point = { row, raw: rec[cash] as string };
    kept.set(row, values);
  }
  expect(Array.from(k.periodRows())).toEqual(period);
  if (setup.acts.includes(K_KEY)) {
    expect(k.keyBreak()).toBe(keyBreak);
    expect(k.firstKey()).toBe(runKeys[0] ?? null);
    expect(k.lastKey()).toBe(runKeys[runKeys.length - 1] ?? null);
  }
  expect(k.firstPoint(setup.acts.indexOf(K_CASH))).toEqual(point);
}

/** Every record's fields as the tokenizer splits them (record number → texts), and the last record number. */
function tokenized(text: string, delim: string): { records: Map<number, string[]>; last: number } {
  const records = new Map<number, string[]>();
  const t = new CsvTokenizer(delim, (rec) => records.set(rec.row, rec.texts()));
  t.push(text);
  t.end();
  return { records, last: t.rowsSeen };
}

interface Oracle {
  /** Record number → the row's values per header field (as Kept), for the rows kept with no issue. */
  clean: Map<number, Kept | string>;
  stop?: string;
}

/** The general read's rows (the key a text column: its value is the truth for the key-only kernel's too). */
async function oracle(path: string, keyOnly: boolean, money: Money, delim: string): Promise<Oracle> {
  const source = spec(path, {
    columns: COLUMNS,
    key: 'order_id',
    rep: 'rep',
    date: 'closed',
    keyOnly,
    decimal: money.decimal,
    decimalDeclared: money.declared,
    delimiter: delim,
  });
  try {
    const r = await readSource(source, { minorUnit: money.minorUnit, currency: money.currency });
    // (A repeated key is found after the read, from the kept rows: not the line's reading.)
    const flagged = new Map(r.issues.filter((i) => i.code !== 'KPI2206').map((i) => [i.row, i.code]));
    const clean = new Map<number, Kept | string>();
    r.table.rowNumbers.forEach((row, i) => {
      if (flagged.has(row)) {
        clean.set(row, `an issue: ${flagged.get(row)}`);
        return;
      }
      clean.set(
        row,
        NAMES.map((name) => {
          if (name === null || (keyOnly && name === 'order_id')) return null;
          const col = r.table.columns.get(name);
          if (col === undefined) throw new Error(`no column ${name}`);
          if (col.type === 'string') return col.values[i] ?? null;
          const v = col.values[i] as number;
          return Number.isNaN(v) ? null : v;
        }),
      );
    });
    return { clean };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { clean: new Map(), stop: e.message };
  }
}

afterEach(() => {
  setFastPathsForTests(undefined);
  vi.restoreAllMocks();
});

let n = 0;
/** What the differential property compared: kept rows against the general read's, lines against csvLine's. */
const stops = { ok: 0, stopped: 0, kept: 0, compared: 0, lines: 0, linesKept: 0 };

describe('the CSV kernel reads a line only as the JavaScript read does', () => {
  it('the build: dist/csv-kernel.wasm is there and loads, from the sources and from dist/', async () => {
    expect(existsSync(new URL('../../dist/csv-kernel.wasm', import.meta.url))).toBe(true);
    const k = new CsvKernel(setupFor(false, MONEY[0] as Money, ',', 64));
    expect(k.input().length).toBe(64);
    const built = (await import(new URL('../../dist/reading/csv-kernel.js', import.meta.url).href)) as { CsvKernel: typeof CsvKernel };
    const line = Buffer.from('SO-1,R1,,East,12.50,2026-11-01\n');
    const d = new built.CsvKernel(setupFor(true, MONEY[0] as Money, ',', 64));
    d.input().set(line);
    expect(d.run(0, line.length, true, 1)).toMatchObject({ stop: STOP_DONE, end: line.length, records: 1, rows: 1 });
    expect([d.text(1, 1), d.numbers(4)[0], d.numbers(5)[0], d.hashes()[0]]).toEqual(['R1', 1250, daysFromCivil(2026, 11, 1), hashRange('SO-1', 0, 4)]);
  });

  it('memory: ~10 MB and the run and its output, for the fields it reads only (a wide export with a few mapped)', () => {
    const acts = new Uint8Array(40);
    acts.set([K_KEY, K_TEXT, K_CASH, K_DAY], 18);
    const k = new CsvKernel({ ...setupFor(true, MONEY[0] as Money, ',', 1 << 20), acts, required: new Uint8Array(40), period: null });
    const bytes = (k as unknown as { k: { memory: { buffer: ArrayBuffer } } }).k.memory.buffer.byteLength;
    expect(bytes).toBeLessThan(12.5 * (1 << 20));
  });

  it('a setup the kernel cannot follow is refused when it is made', () => {
    const ok = setupFor(true, MONEY[0] as Money, ',', 64);
    expect(() => new CsvKernel({ ...ok, acts: Uint8Array.from([K_KEY, K_TEXT, K_SKIP, K_TEXT, K_CASH, 5]) })).toThrow(/act other than/);
    expect(() => new CsvKernel({ ...ok, acts: Uint8Array.from([K_KEY, K_KEY, K_SKIP, K_TEXT, K_CASH, K_DAY]) })).toThrow(/more than one key/);
    expect(() => new CsvKernel({ ...ok, required: new Uint8Array(5) })).toThrow(/one entry per header field/);
    expect(() => new CsvKernel({ ...ok, delimiter: 34 })).toThrow(/separator/);
    expect(() => new CsvKernel({ ...ok, scale: 9 })).toThrow(/scale/);
    expect(() => new CsvKernel({ ...ok, period: { field: 4, first: 0, last: 1 } })).toThrow(/not a day field/);
    expect(() => new CsvKernel(ok).run(0, 65, true, 1)).toThrow(/not within the input/);
  });

  it("every kept row is the general read's, with no issue and the same values; none lost; on ASCII lines it keeps what csvLine keeps", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...MONEY),
        fc.constantFrom(',', ',', ';', '\t', '|', '-'),
        fc.constantFrom(1, 7, 64, 300, 1 << 16, 1 << 16),
        fc.integer({ min: 1, max: 300 }),
        async (rows, eol, lastEol, keyOnly, money, delim, chunkBytes, step) => {
          const text = csvText(rows, eol, delim, lastEol);
          const path = writeFixture(`kernel-${n++}.csv`, text);
          const bytes = readFileSync(path);
          const { records, last } = tokenized(text, delim);
          const setup = setupFor(keyOnly, money, delim, chunkBytes);
          const got = drive(bytes, setup, () => step, records);
          stops.kept += got.kept.size;
          // none lost: every record kept, left to JS, or empty
          if (!got.left.includes(-1)) expect(got.rows).toBe(last);
          setFastPathsForTests(false);
          const general = await oracle(path, false, money, delim);
          // (A read that stops, a decimal comma the scheme does not declare, keeps nothing, whatever the kernel read.)
          if (general.stop === undefined) stops.ok++;
          else stops.stopped++;
          for (const [row, values] of general.stop === undefined ? got.kept : []) {
            const want = general.clean.get(row);
            stops.compared++;
            expect({ row, values: want ?? 'not kept' }).toEqual({ row, values });
          }
          // Never wider than csvLine, and on ASCII lines as wide (no NUL: csvLine declines every line after one).
          setFastPathsForTests(true);
          const csvLine = vi.spyOn(RowSink.prototype, 'csvLine');
          try {
            await oracle(path, keyOnly, money, delim);
            if (!text.includes('\0') && !got.left.includes(-1) && chunkBytes >= 300) {
              csvLine.mock.calls.forEach(([buf, start, end, row], i) => {
                const line = buf.slice(start, end);
                const kept = csvLine.mock.results[i]?.value === true;
                stops.lines++;
                if (kept) stops.linesKept++;
                // never wider than csvLine; as wide on ASCII lines
                if (got.kept.has(row) || /^[\x00-\x7f]*$/.test(line)) expect({ row, line, kept: got.kept.has(row) }).toEqual({ row, line, kept });
              });
            }
          } finally {
            csvLine.mockRestore();
          }
        },
      ),
      { numRuns: 300, ...(process.env.SEED ? { seed: Number(process.env.SEED), verbose: 0 } : {}) },
    );
    // The property compared many kept rows, and many lines csvLine kept (a vocabulary that declines everything would not).
    expect(stops.compared).toBeGreaterThan(200);
    expect(stops.linesKept).toBeGreaterThan(100);
  }, 240_000);

  it('the same file cut into runs at other places (incomplete last lines, the last run final) gives the same rows', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...MONEY),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 12 }),
        fc.nat(40),
        (rows, eol, lastEol, keyOnly, money, delim, cuts, spare) => {
          const text = csvText(rows, eol, delim, lastEol);
          const bytes = Buffer.from(text);
          const { records } = tokenized(text, delim);
          const whole = drive(bytes, setupFor(keyOnly, money, delim, bytes.length), () => bytes.length, records);
          // runs as long as the longest line (with its line end) and a little more: every line fits in one
          const longest = Math.max(...text.split('\n').map((l) => Buffer.byteLength(l) + 1));
          let i = 0;
          const cut = () => cuts[i++ % cuts.length] as number;
          expect(drive(bytes, setupFor(keyOnly, money, delim, longest + spare), cut, records)).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('stops where a record may span lines (a lone CR, a quote open at the line end), and at a full table of texts', () => {
    const k = new CsvKernel(setupFor(false, MONEY[0] as Money, ',', 1 << 16));
    const run = (text: string, final = true) => {
      const b = Buffer.from(text);
      k.input().set(b);
      return k.run(0, b.length, final, 1);
    };
    expect(run('A,R1,,R1,12,2026-11-01\nB,R1,,R1\r,12,2026-11-01\n')).toMatchObject({ stop: STOP_SPANS, end: 23, records: 1, rows: 1 });
    expect(run('A,R1,,R1,12,2026-11-01\r\nB,R1,"C\n",R1,12,2026-11-01\n')).toMatchObject({ stop: STOP_SPANS, end: 24, records: 1, rows: 1 });
    expect(run('A,R1,,R1,12,2026-11-01\r\n\n\r\nB,R1,"C\r",R1,12,2026-11-01\n')).toMatchObject({
      stop: STOP_DECLINED,
      end: 27,
      lineEnd: 53,
      next: 54,
      records: 3,
    });
    // not final: a line without its LF, or its CR LF cut after the CR, waits for the next run
    expect(run('A,R1,,R1,12,2026-11-01\nB,R1', false)).toMatchObject({ stop: STOP_DONE, end: 23, records: 1 });
    expect(run('A,R1,,R1,12,2026-11-01\r', false)).toMatchObject({ stop: STOP_DONE, end: 0, records: 0 });
    expect(run('A,R1,,R1,12,2026-11-01\r')).toMatchObject({ stop: STOP_SPANS, end: 0 });
    expect(run('A,R1,,R1,12,2026-11-01')).toMatchObject({ stop: STOP_DONE, end: 22, rows: 1 });
    // a run over part of what the read wrote leaves the rest as it was
    const both = Buffer.from('A,R1,,R1,12,2026-11-01\nB,R1,,R1,13,2026-11-02\n');
    k.input().set(both);
    expect(k.run(0, 23, false, 1)).toMatchObject({ stop: STOP_DONE, end: 23, rows: 1 });
    expect(k.run(23, both.length, true, 2)).toMatchObject({ stop: STOP_DONE, end: both.length, rows: 1 });
    expect([...k.rowNumbers(), ...k.numbers(4)]).toEqual([3, 1300]);
    // the file's last line ending in Ctrl-Z: JS's (the tokenizer drops that byte)
    expect(run('A,R1,,R1,12,2026-11-01\x1a')).toMatchObject({ stop: STOP_DECLINED, end: 0, lineEnd: 23, next: 23 });
    // 4 MB of texts (POOL_BYTES): the line whose text does not fit is JS's, and so is every line after it
    const wide = new CsvKernel(setupFor(true, MONEY[0] as Money, ',', 1 << 16));
    let row = 1;
    let stop = STOP_DONE;
    let codes = 0;
    for (let chunk = 0; chunk < 100 && stop === STOP_DONE; chunk++) {
      const lines: string[] = [];
      for (let i = 0; i < 500; i++) lines.push(`SO-${row + i},R1,,${String(row + i).padStart(100, 'x')},12,2026-11-01`);
      const b = Buffer.from(lines.join('\n') + '\n');
      wide.input().set(b);
      const r = wide.run(0, b.length, false, row);
      stop = r.stop;
      row += r.records;
      if (stop === STOP_FULL) {
        const next = `SO-${row},`; // record row + 1's
        expect(Buffer.from(b.subarray(r.end, r.end + next.length)).toString()).toBe(next);
        codes = wide.codeCount(3);
        expect(Array.from(wide.codes(3)).slice(-1)).toEqual([codes]);
      } else expect(r).toMatchObject({ stop: STOP_DONE, end: b.length, rows: 500 });
    }
    expect(stop).toBe(STOP_FULL);
    expect(codes).toBe(Math.floor(((4 << 20) - 2) / 100)); // R1 took 2 bytes
    expect(wide.text(3, codes)).toBe(String(codes).padStart(100, 'x'));
    expect(wide.text(1, 1)).toBe('R1');
  });
});
