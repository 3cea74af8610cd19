// The parallel CSV read (reading/csv-parallel.ts): a worker reads the file from a line feed near the middle while the
// main thread reads up to it, and the parts are merged. For any file and any split point the result must be the
// sequential read's: the same table (values and how each text column is stored), the same issues (codes, rows,
// lines, values, reasons, order, key order in each object), the same SHA-256, or the same stop.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import type { Column } from '../../src/core/table.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import { setHashWorkerBytesForTests } from '../../src/reading/hash-worker.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { claim, cut, partEnd, partProgress, type PartJob } from '../../src/reading/csv-part.js';
import { setKernelForTests } from '../../src/reading/kernel-lines.js';
import { failure, inThread, later, spec, takes, values, writeFixture } from './helpers.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'order_id', header: 'Order ID', type: 'string' },
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'closed', header: 'Close Date', type: 'date' },
  { name: 'share', header: 'Share', type: 'percent' },
  { name: 'units', header: 'Units', type: 'number' },
];
const HEADER = ['Order ID', 'Rep', 'Amount', 'Close Date', 'Share', 'Units', 'Note'];

const reps = ['R1', 'R2', '张伟', '李娜', 'Zhāng', 'Zha\u0304ng', 'R1\u200b', 'R1\u00a0', ' R2', '', 'A "quoted" rep', 'two\nlines', 'R\u00001'];
// Values a column settles on (decimal point, 1.500 read as 1.5 and reported) are common, those that stop the run rare:
// else most files with many rows would stop, and the merge of what a column saw would be tested on small files only.
const amounts = ['1,234.56', '$1,234.56', '"1,009.48"', '(1,234)', '-12.5', '1.500', '1,500', '0.125', '3.14159', ' 7 ', ''];
const rareAmounts = ['¥1,234', '12%', '12,5', 'abc', '12,4O0.00'];
const dates = ['2026-11-01', '2026/11/2', '2026年11月5日', '2026-02-30', '11/05/2026', '', 'soon'];
const shares = ['12%', '0.5', '50', '５０％', '', 'x', '150', '0.25'];
const units = ['1', '1.500', '2.25', '3', '', '1e3', '15%'];
const rareUnits = ['2,5', '1,000'];
const notes = ['', 'ok', '多', 'a,b', 'line1\r\nline2', 'l1\nl2\nl3', '"', 'x\u0000y'];

interface Row {
  id: number;
  cells: [string, string, string, string, string, string];
  /** 0: as is, 1: one field too many, 2: one field too few, 3: an empty line before it, 4: a line of commas, 5: a trailing value. */
  shape: number;
  quoteAll: boolean;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  id: fc.nat({ max: 40 }),
  cells: fc.tuple(
    fc.constantFrom(...reps),
    fc.oneof({ arbitrary: fc.constantFrom(...amounts), weight: 12 }, { arbitrary: fc.constantFrom(...rareAmounts), weight: 1 }),
    fc.constantFrom(...dates),
    fc.constantFrom(...shares),
    fc.oneof({ arbitrary: fc.constantFrom(...units), weight: 12 }, { arbitrary: fc.constantFrom(...rareUnits), weight: 1 }),
    fc.constantFrom(...notes),
  ),
  shape: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5),
  quoteAll: fc.boolean(),
});

const field = (s: string, quoteAll: boolean): string => (quoteAll || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** ids: 'sorted' numbers the rows in order (the key-only column then needs no hashes), else from a small pool (duplicates). */
function csvText(rows: Row[], eol: string, ids: 'sorted' | 'pool', trailing: boolean): string {
  const lines = [HEADER.join(',') + (trailing ? ',' : '')];
  rows.forEach((r, i) => {
    if (r.shape === 3) lines.push('');
    if (r.shape === 4) lines.push(',,,,,,');
    const id = ids === 'sorted' ? `SO-${String(i * 2 + (r.id === 0 ? 7 : 10)).padStart(5, '0')}` : `SO-${r.id}`;
    const all = [id, ...r.cells];
    const cells = r.shape === 1 ? [...all, 'extra'] : r.shape === 2 ? all.slice(0, 5) : r.shape === 5 ? [...all, 'late'] : all;
    lines.push(cells.map((c) => (c.startsWith('"') ? c : field(c, r.quoteAll))).join(','));
  });
  return lines.join(eol) + eol;
}

function shape(col: Column | undefined) {
  return { values: values(col), coded: col?.type === 'string' ? (col.coded?.dict ?? null) : undefined };
}

async function readAll(path: string, declared: boolean, stop: boolean) {
  try {
    const r = await readSource(
      spec(path, { columns: COLUMNS, key: 'order_id', keyOnly: true, rep: 'rep', decimalDeclared: declared, onBadRow: stop ? 'stop' : 'skip' }),
      { minorUnit: 2 },
    );
    return {
      rows: Array.from(r.table.rowNumbers),
      columns: COLUMNS.slice(1).map((c) => shape(r.table.columns.get(c.name))),
      issues: r.issues,
      json: JSON.stringify(r.issues),
      sha256: r.input.sha256,
    };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { stop: e.message, code: e.code };
  }
}

/** The main thread takes the worker's part from these bytes on (then the next line feed; one at a time), then waits. */
const positions = (at: number[]) => {
  let i = 0;
  return (_claimed: number, end: number) => at[i++] ?? end;
};

afterEach(() => {
  setChunkBytesForTests(undefined);
  setKernelForTests(true);
  parallel.setSplitForTests();
  setHashWorkerBytesForTests(undefined);
});

describe('the parallel CSV read gives the sequential read', () => {
  let n = 0;
  it('for random files split anywhere', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('sorted', 'pool') as fc.Arbitrary<'sorted' | 'pool'>,
        fc.boolean(),
        fc.constantFrom(80, 101, 256, 777),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom(false, false, false, true),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        async (rows, eol, ids, trailing, size, splits, declared, stop, tight, taken) => {
          const text = csvText(rows, eol, ids, trailing);
          const path = writeFixture(`parallel-${n++}.csv`, text);
          setChunkBytesForTests(size);
          parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
          const one = await readAll(path, declared, stop);
          if ('sha256' in one) expect(one.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
          for (const f of splits) {
            parallel.setSplitForTests({ bytes: 0, at: (total) => Math.floor(total * f), run: inThread, tight });
            const two = await readAll(path, declared, stop);
            expect(two).toEqual(one);
            // Both parts' whole lines read by the kernel (kernel-lines.ts).
            setKernelForTests(true, 0);
            expect(await readAll(path, declared, stop)).toEqual(one);
            setKernelForTests(true);
            outcomes.set(parallel.lastSplit, (outcomes.get(parallel.lastSplit) ?? 0) + 1);
            // The back of the worker's part read by the main thread, in parts cut anywhere (see 'the main thread takes').
            if (taken.length === 0) continue;
            parallel.setSplitForTests({ bytes: 0, at: (total) => Math.floor(total * f), run: later, tight, steal: takes(taken), stealBytes: 1 });
            expect(await readAll(path, declared, stop)).toEqual(one);
            const taking = `${parallel.lastSplit}, ${parallel.lastTaken > 0 ? 'taken' : 'none taken'}`;
            outcomes.set(taking, (outcomes.get(taking) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property holds for the files that were split and merged, not only for those read on one thread (137–160
    // of the ~600 reads in four runs, 'merged, taken' 75–77: many files fit in their first read; lastSplit is no
    // longer left over from the read before). The bounds are well below those: the inputs are random each run (a
    // landing failed once on exactly 100 merged).
    expect(outcomes.get('merged') ?? 0).toBeGreaterThan(60);
    expect(outcomes.get('a quoted field runs across the split') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('merged, taken') ?? 0).toBeGreaterThan(30);
    expect(outcomes.get('a quoted field runs across the end of a part, taken') ?? 0).toBeGreaterThan(0);
  }, 240_000);

  it('duplicate keys across parts the main thread took back: found wherever the split and the parts fall', async () => {
    // Each part's keys in increasing order, the whole not: the order must be judged against the part before (not the
    // main thread's own last key), and the hashes of a part appended while the order held are needed once it breaks.
    const cells: Row['cells'] = ['R1', '1,234.56', '2026-11-01', '12%', '1', ''];
    const cases = [
      [0, 11, 11, 0],
      [0, 5, 9, 9],
      [0, 5, 9, 7, 9],
      [1, 2, 3, 2, 4],
      [3, 5, 7, 8, 5],
    ];
    let checked = 0;
    for (const ids of cases) {
      const rows: Row[] = ids.map((id, i) => ({ id, cells, shape: 0, quoteAll: i === 2 }));
      const text = csvText(rows, '\n', 'pool', false);
      const path = writeFixture(`parallel-keys-${ids.join('-')}.csv`, text);
      setChunkBytesForTests(64);
      parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
      const one = await readAll(path, false, false);
      expect(one.issues?.filter((i) => i.code === 'KPI2206').length).toBeGreaterThan(0);
      const starts = [...text.matchAll(/\n/g)].map((m) => m.index as number);
      for (const split of starts) {
        for (const steal of starts) {
          for (const run of [inThread, later]) {
            parallel.setSplitForTests({ bytes: 0, at: () => split, run, steal: positions([steal]), stealBytes: 1 });
            expect(await readAll(path, false, false), `${ids}: split at ${split}, taken from ${steal}`).toEqual(one);
            if (parallel.lastSplit === 'merged' && parallel.lastTaken > 0) checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("the main thread takes the back of the worker's part: parts merged in file order, rows and lines numbered on", async () => {
    // Quoted line feeds (lines ≠ rows), CRLF, bad rows and issues in every part; the read stops at a bad row in the
    // last part (onBadRow: stop) or reads on.
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 600; i++) {
      const amount = i === 450 || i === 520 ? 'abc' : i % 50 === 3 ? '1.500' : `${i}.25`;
      lines.push(`SO-${String(i).padStart(4, '0')},R${i % 3},${amount},2026-11-01,0.5,1,"${i % 7 === 0 ? 'two\r\nlines' : 'n'}"`);
    }
    const text = lines.join('\r\n') + '\r\n';
    const path = writeFixture('parallel-taken.csv', text);
    setChunkBytesForTests(256);
    for (const stop of [false, true]) {
      parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
      const one = await readAll(path, true, stop);
      // Taken from the starts of these rows on (the split near row 180): always a record's start.
      for (const rows of [[500], [500, 400, 300], [300, 290, 200], [599]]) {
        const at = rows.map((r) => text.indexOf(`\r\nSO-${String(r).padStart(4, '0')},`));
        parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * 0.3), run: later, steal: positions(at), stealBytes: 1 });
        expect(await readAll(path, true, stop)).toEqual(one);
        if (!stop) expect([parallel.lastSplit, parallel.lastTaken]).toEqual(['merged', rows.length]);
      }
    }
    // Less left than stealBytes: the main thread waits for the worker.
    parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * 0.3), run: later, steal: takes([0.5]), stealBytes: text.length });
    await readAll(path, true, false);
    expect([parallel.lastSplit, parallel.lastTaken]).toEqual(['merged', 0]);
  });

  it('a quoted line feed where a part taken by the main thread starts: read on from there, no record cut', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 300; i++) lines.push(`SO-${i},R${i % 3},${i}.25,2026-11-01,0.5,1,"${i === 200 ? 'a\n\nb\nc' : 'n'}"`);
    const text = lines.join('\n') + '\n';
    const path = writeFixture('parallel-taken-quoted.csv', text);
    const inside = text.indexOf('a\n\nb') + 2;
    setChunkBytesForTests(256);
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    const one = await readAll(path, true, false);
    expect(one.issues?.length).toBe(0);
    // The worker's part is cut inside the quoted field: it is merged up to the end of the main thread's, the rest read on.
    parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * 0.2), run: later, steal: () => inside, stealBytes: 1 });
    expect(await readAll(path, true, false)).toEqual(one);
    expect(parallel.lastSplit).toBe('a quoted field runs across the end of a part');
    // Two parts taken, the first from inside the field: the worker's part is merged, the second taken part ends inside
    // the field (given up): read on here from its start, rows and lines numbered on from the worker's.
    parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * 0.2), run: later, steal: positions([inside, text.indexOf('\nSO-150,')]), stealBytes: 1 });
    expect(await readAll(path, true, false)).toEqual(one);
    expect([parallel.lastSplit, parallel.lastTaken]).toEqual(['a quoted field runs across the end of a part', 2]);
  });

  it("the end of the worker's part: moved down by the main thread only where the worker has not read", () => {
    const end = partEnd(100);
    expect(claim(end, 100, 200)).toBe(200);
    expect(cut(end, 150)).toBe(false); // the worker reads up to 200
    expect(cut(end, 200)).toBe(true);
    expect(claim(end, 200, 300)).toBe(200); // its part ends there
    expect(partProgress(end)).toEqual({ end: 200, claimed: 200 });
    expect(cut(end, 250)).toBe(false); // past its end
    const e2 = partEnd(0);
    expect(cut(e2, 1000)).toBe(true);
    expect(claim(e2, 0, 600)).toBe(600);
    expect(claim(e2, 600, 1200)).toBe(1000);
  });

  it('a quoted line feed across the split: the part is given up, and no record is cut', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 200; i++) lines.push(`SO-${i},R${i % 3},${i}.25,2026-11-01,0.5,1,"${i === 100 ? 'a\n\nb\nc' : 'n'}"`);
    const text = lines.join('\n') + '\n';
    const path = writeFixture('parallel-quoted.csv', text);
    const inside = text.indexOf('a\n\nb') + 2; // the line feed inside the quoted field
    setChunkBytesForTests(256);
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    const one = await readAll(path, true, false);
    parallel.setSplitForTests({ bytes: 0, at: () => inside, run: inThread });
    expect(await readAll(path, true, false)).toEqual(one);
    expect(parallel.lastSplit).toBe('a quoted field runs across the split');
    // Split just after the record: merged, same result.
    parallel.setSplitForTests({ bytes: 0, at: () => text.indexOf('"', inside) + 1, run: inThread });
    expect(await readAll(path, true, false)).toEqual(one);
    expect(parallel.lastSplit).toBe('merged');
  });

  it('what each part saw is merged in file order: key order across the split, invisible characters, separators', async () => {
    // Two runs of ascending ids, the second repeating the first: each part in order, the whole not (duplicates).
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 400; i++) {
      const id = i < 200 ? 2 * i : 2 * (i - 200) + (i % 3 === 0 ? 1 : 0);
      const rep = i % 50 === 7 ? 'R1\u200b' : `R${i % 5}`;
      const amount = i === 10 ? '1,234.56' : i === 300 ? '0.5' : i % 40 === 0 ? '1.500' : '12';
      lines.push(`SO-${String(id).padStart(4, '0')},${rep},"${amount}",2026-11-01,0.5,1,`);
    }
    const text = lines.join('\n') + '\n';
    const path = writeFixture('parallel-state.csv', text);
    setChunkBytesForTests(512);
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    const one = await readAll(path, false, false);
    expect(one.issues?.filter((i) => i.code === 'KPI2206').length).toBeGreaterThan(50);
    expect(one.issues?.filter((i) => i.code === 'KPI2303').length).toBe(1);
    expect(one.issues?.filter((i) => i.code === 'KPI2161').length).toBe(10);
    parallel.setSplitForTests({ bytes: 0, at: () => text.lastIndexOf('\nSO-0000,') + 1, run: inThread });
    expect(await readAll(path, false, false)).toEqual(one);
    expect(parallel.lastSplit).toBe('merged');
  });

  it('text columns of many distinct values: merged where one reader would store them alike, else read on one thread', async () => {
    // Rep: 100 values, then 5,000 new ones after the split (one reader keeps codes until then, the worker switches
    // to strings: not mergeable). Then: all distinct throughout (both switch: mergeable).
    for (const [reps, outcome] of [
      [(i: number) => (i < 6000 ? `R${i % 100}` : `C${i}`), 'columns that cannot be merged exactly'],
      [(i: number) => `C${i}`, 'merged'],
    ] as const) {
      const lines = [HEADER.join(',')];
      for (let i = 0; i < 12_000; i++) lines.push(`SO-${i},${reps(i)},1.00,2026-11-01,0.5,1,`);
      const text = lines.join('\n') + '\n';
      const path = writeFixture(`parallel-distinct-${outcome.length}.csv`, text);
      setChunkBytesForTests(4096);
      parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
      const one = await readAll(path, true, false);
      parallel.setSplitForTests({ bytes: 0, at: () => text.indexOf('SO-6000,'), run: inThread });
      expect(await readAll(path, true, false)).toEqual(one);
      expect(parallel.lastSplit).toBe(outcome);
    }
  });

  it('on a real worker thread (the built dist/kpi-csv-worker.cjs)', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 20_000; i++) {
      // No quoted line feed, so that every split point holds.
      const rep = reps.filter((r) => !r.includes('\n'))[i % 12] as string;
      const note = notes.filter((r) => !r.includes('\n'))[i % 6] as string;
      const amount = [...amounts, ...rareAmounts][i % 16] as string;
      lines.push(
        [`SO-${i % 997}`, rep, amount, dates[i % dates.length] as string, shares[i % 4] as string, units[i % 4] as string, note]
          .map((c) => (c.startsWith('"') ? c : field(c, false)))
          .join(','),
      );
    }
    const path = writeFixture('parallel-thread.csv', lines.join('\r\n') + '\r\n');
    parallel.setSplitForTests({ bytes: Number.POSITIVE_INFINITY });
    const one = await readAll(path, true, false);
    expect(one.issues?.length ?? 0).toBeGreaterThan(1000);
    expect(one.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    for (const [f, hashThread] of [
      [0.3, false],
      [0.5, true],
      [0.8, true],
    ] as const) {
      // The hash on its own thread too (started once the worker has its part) or on this one (after the first reads).
      setHashWorkerBytesForTests(hashThread ? 0 : undefined);
      parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * f), wait: true });
      expect(await readAll(path, true, false)).toEqual(one);
      expect(parallel.lastSplit).toBe('merged');
      // The main thread takes the back of the worker's part as it reads (wherever the worker is then; a note '"' opens
      // a quoted field across lines now and then, so a part may end inside one and be read again).
      parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t * f), wait: true, stealBytes: 1024 });
      expect(await readAll(path, true, false)).toEqual(one);
      expect(['merged', 'a quoted field runs across the end of a part']).toContain(parallel.lastSplit);
      // The worker was started as the file was opened, before its first read.
      expect(parallel.startedAt).toBe(0);
    }
  }, 60_000);

  it('a file that grows while its two parts are read is refused, the hash on either thread', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 3000; i++) lines.push(`SO-${i},R${i % 3},${i}.25,2026-11-01,0.5,1,n`);
    const text = lines.join('\n') + '\n';
    for (const hashThread of [false, true]) {
      const path = writeFixture(`parallel-grows-${hashThread}.csv`, text);
      setHashWorkerBytesForTests(hashThread ? 0 : undefined);
      // The worker's part: the file grows as it is read (a row appended by an export still running).
      const growing = (job: PartJob) => {
        appendFileSync(path, 'SO-late,R1,1.00,2026-11-02,0.5,1,n\n');
        return inThread(job);
      };
      parallel.setSplitForTests({ bytes: 0, at: (t) => Math.floor(t / 2), run: growing });
      setChunkBytesForTests(4096);
      const e = await failure(readSource(spec(path, { columns: COLUMNS, key: 'order_id' }), { minorUnit: 2 }));
      expect(e.code).toBe('KPI2608');
    }
  });
});
