// A CSV's key-only column is hashed only once its keys stop coming in increasing order (builder.ts KeyColumn): the
// keys before the break are hashed from their kept text (the first ones) or read again up to the break. Wherever the
// order breaks (the first row, past the kept keys, at the split, in the worker's part), whatever the keys look like
// (quoted, padded, non-ASCII, written in two Unicode forms, blank) and however the file is cut into reads, the
// duplicates reported are exactly those of the key column read as text.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourceSpec } from '../../src/core/model.js';
import { setKeptKeysForTests } from '../../src/reading/builder.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { readSource } from '../../src/reading/index.js';
import { RowSink } from '../../src/reading/row-sink.js';
import { setKernelForTests } from '../../src/reading/kernel-lines.js';
import { inThread, later, spec, takes, writeFixture } from './helpers.js';

const HEADER = 'Order ID,Rep,Amount,Close Date';
const opts = { minorUnit: 2 };

afterEach(() => {
  setChunkBytesForTests(undefined);
  parallel.setSplitForTests();
  setKeptKeysForTests(undefined);
  setKernelForTests(true);
  delete process.env.KPI_PARALLEL;
  vi.restoreAllMocks();
});

/** How the key-only read is done: read size, keys kept as text, one thread or split (and the part taken back). */
interface Way {
  chunk?: number;
  keep?: number;
  off?: boolean;
  split?: (total: number) => number;
  steal?: number[];
  /** Whole lines read by the kernel (kernel-lines.ts) after the first read. */
  kernel?: boolean;
}

let files = 0;

/** The file read with its key column as text (the reference: one thread) and as a key-only column, the way given. */
async function compare(text: string, way: Way) {
  const path = writeFixture(`key-order-${files++}.csv`, text);
  parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
  const asText = await readSource(spec(path, { key: 'order_id' }), opts);
  setChunkBytesForTests(way.chunk);
  setKeptKeysForTests(way.keep);
  setKernelForTests(true, way.kernel === true ? 0 : undefined);
  if (way.off) process.env.KPI_PARALLEL = 'off';
  if (way.split !== undefined) {
    const steal = way.steal;
    parallel.setSplitForTests(
      steal === undefined ? { bytes: 0, at: way.split, run: inThread } : { bytes: 0, at: way.split, run: later, steal: takes(steal), stealBytes: 1 },
    );
  } else parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
  const over: Partial<SourceSpec> = { key: 'order_id', keyOnly: true };
  const hashed = await readSource(spec(path, over), opts);
  const split = parallel.lastSplit;
  delete process.env.KPI_PARALLEL;
  expect(hashed.issues).toEqual(asText.issues);
  expect(hashed.table.rowCount).toBe(asText.table.rowCount);
  return { asText, hashed, split };
}

/** Row numbers of the records offered, per sink (the first read, a second read up to a break, one for texts). */
function csvRowsBySink(): Map<RowSink, number[]> {
  const seen = new Map<RowSink, number[]>();
  const note = (sink: RowSink, row: number): void => {
    const rows = seen.get(sink) ?? [];
    rows.push(row);
    seen.set(sink, rows);
  };
  const csvRow = RowSink.prototype.csvRow;
  vi.spyOn(RowSink.prototype, 'csvRow').mockImplementation(function (this: RowSink, rec) {
    note(this, rec.row);
    return csvRow.call(this, rec);
  });
  const csvLine = RowSink.prototype.csvLine;
  vi.spyOn(RowSink.prototype, 'csvLine').mockImplementation(function (this: RowSink, buf, start, end, row, quote, delim) {
    note(this, row);
    return csvLine.call(this, buf, start, end, row, quote, delim);
  });
  return seen;
}

const key = (n: number, prefix = 'SO-'): string => `${prefix}${String(n).padStart(6, '0')}`;
const line = (k: string, amount = '5'): string => `${k},R1,${amount},2026-11-01`;

describe('key-only column: hashed once out of order', () => {
  it('sorted throughout: no second read, no duplicate', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => line(key(i + 1)));
    const seen = csvRowsBySink();
    const { hashed } = await compare(`${HEADER}\n${rows.join('\n')}\n`, { keep: 10 });
    expect(hashed.issues).toEqual([]);
    // The reference (the key column as text) and the key-only read, each to the end, nothing more.
    expect([...seen.values()].map((rows) => Math.max(...rows))).toEqual([3001, 3001]);
  });

  it('unsorted from the start: the kept keys are hashed, no second read', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => line(key((i * 7919) % 3001)));
    rows.push(line(key(7919 % 3001)));
    const seen = csvRowsBySink();
    const { hashed } = await compare(`${HEADER}\n${rows.join('\n')}\n`, { keep: 100 });
    expect(hashed.issues.map((i) => [i.code, i.row])).toEqual([['KPI2206', 3002]]);
    // The reference, the key-only read, its second read for the texts of the keys whose hashes are equal (reading/index.ts
    // keyTexts): each to the end; none up to a break.
    expect([...seen.values()].map((rows) => Math.max(...rows))).toEqual([3002, 3002, 3002]);
  });

  it('sorted past the kept keys, then out of order: the keys are read again up to the break only', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => line(key(2 * i + 2)));
    rows[2000] = line(key(1001)); // row 2002: below the last key, equal to none
    const seen = csvRowsBySink();
    const { hashed } = await compare(`${HEADER}\n${rows.join('\n')}\n`, { keep: 100 });
    expect(hashed.issues).toEqual([]);
    // The reference and the key-only read to the end, its second read up to the break (row 2002 offered, not read).
    expect([...seen.values()].map((rows) => Math.max(...rows))).toEqual([3001, 3001, 2002]);
  });

  it('sorted past the kept keys, then a key seen before: reported, with its first row', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => line(key(i + 1)));
    rows.push(line(key(1500)), line(key(3001)), line(key(3)));
    const { hashed } = await compare(`${HEADER}\n${rows.join('\n')}\n`, { keep: 10 });
    expect(hashed.issues.map((i) => [i.row, i.reason])).toEqual([
      [3002, 'duplicate Order ID "SO-001500" (first on row 1501)'],
      [3004, 'duplicate Order ID "SO-000003" (first on row 4)'],
    ]);
  });

  it('equal keys either side of the split, and a key below the last one there, are found (main thread sorted, past its kept keys)', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => line(key(i + 1)));
    const at = (text: string, k: string) => text.indexOf(`\n${k},`); // the split: just after this line feed
    for (const [second, dups] of [
      [key(200), [202]], // equal to the last key before the split
      [key(150), [202]], // equal to a key well before it
      [key(200, 'SO-00019'), []], // below it, equal to none
    ] as const) {
      const lines = [...rows];
      lines.splice(200, 0, line(second));
      const text = `${HEADER}\n${lines.join('\n')}\n`;
      for (const keep of [0, 5, 4096]) {
        const { hashed, split } = await compare(text, { keep, chunk: 256, split: () => at(text, second) });
        expect(split).toBe('merged');
        expect(hashed.issues.map((i) => i.row)).toEqual(dups);
      }
    }
  });

  it('agrees with the key column read as text wherever the order breaks, however the file is read', async () => {
    const event = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('run' as const), length: fc.integer({ min: 1, max: 60 }), step: fc.integer({ min: 1, max: 3 }) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constantFrom('again' as const, 'back' as const, 'blank' as const, 'bad' as const, 'odd' as const),
          at: fc.nat(),
        }),
      },
    );
    // How a key is written: as is, quoted, padded with spaces, quoted with a space inside.
    const written = (k: string, style: number): string => (k === '' ? k : style === 1 ? `"${k}"` : style === 2 ? ` ${k} ` : style === 3 ? `"${k} "` : k);
    // Keys that are not plain ASCII: stored cleaned (é written in one or two code points is the same key), in order
    // among the others by their cleaned text.
    const odd = ['É-000010', 'E\u0301-000010', '订单-000010', 'SO-000010\u200b', 'SO-0000\x7f10', 'Ω-1', 'SO-000010 '];
    const way = fc.oneof(
      fc.record({
        chunk: fc.constantFrom(5, 17, 64, 256, undefined),
        keep: fc.constantFrom(0, 1, 3, 40, undefined),
        off: fc.boolean(),
        kernel: fc.boolean(),
      }),
      fc.record({
        chunk: fc.constantFrom(17, 64, 256),
        keep: fc.constantFrom(0, 1, 3, 40, undefined),
        kernel: fc.boolean(),
        f: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        steal: fc.option(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      }),
    );
    const outcomes = new Map<string, number>();
    const reread = vi.spyOn(RowSink.prototype, 'settleKeyHashes');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('SO-', '', 'INV-2026-0000'),
        fc.array(fc.tuple(event, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 10 }),
        fc.constantFrom('\n', '\r\n'),
        way,
        async (prefix, events, eol, w) => {
          const keys: string[] = [];
          const lines: string[] = [];
          let n = 1;
          for (const [e, style] of events) {
            if (e.kind === 'run') {
              for (let i = 0; i < e.length; i++, n += e.step) {
                const k = key(n, prefix);
                keys.push(k);
                lines.push(line(written(k, i % 5 === 0 ? style : 0)));
              }
            } else if (e.kind === 'again') lines.push(line(written(keys[e.at % Math.max(1, keys.length)] ?? key(0, prefix), style)));
            else if (e.kind === 'back') lines.push(line(written(key(e.at % n, prefix), style)));
            else if (e.kind === 'blank') lines.push(line(''));
            else if (e.kind === 'bad') lines.push(line(written(keys[e.at % Math.max(1, keys.length)] ?? key(0, prefix), style), 'oops'));
            else lines.push(line(written(odd[e.at % odd.length] as string, style)));
          }
          const text = `${HEADER}${eol}${lines.join(eol)}${eol}`;
          const { split } = await compare(
            text,
            'f' in w ? { chunk: w.chunk, keep: w.keep, kernel: w.kernel, split: (t) => Math.floor(t * w.f), ...(w.steal ? { steal: w.steal } : {}) } : w,
          );
          if ('f' in w) outcomes.set(split, (outcomes.get(split) ?? 0) + 1);
        },
      ),
      { numRuns: 300 },
    );
    expect(outcomes.get('merged') ?? 0).toBeGreaterThan(20);
    expect(reread.mock.calls.length).toBeGreaterThan(20); // the keys before a break read again, many times over
  });
});
