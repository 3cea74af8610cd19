// Text columns: codes while values repeat, one string per row once they do not; the values are the same.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/text.js';
import { GIVE_BACK_BYTES, giveBack, setKeptKeysForTests, TableBuilder } from '../../src/reading/builder.js';
import { hashRange } from '../../src/reading/key-index.js';

function build(values: (string | null)[]) {
  const b = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16);
  values.forEach((v, i) => {
    if (v !== null && i % 2 === 0) b.setPlainRange(0, `[${v}]`, 1, v.length + 1);
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

describe('text stored as read (setPlainRange) is the text as compared (cleanText)', () => {
  // Tricky characters: spaces that look like one, invisible ones, a combining mark, CJK inside and outside the
  // plain range, a tab, an emoji (a surrogate pair), full-width digits.
  const chars = ['a', 'Z', '1', ' ', '-', '"', '\t', '\u00a0', '\u200b', '\ufeff', '\u0301', 'é', '张', '伟', '\u3000', '１', '😀', '\u2009', '\u202f'];
  const text = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

  for (const [what, keyOnly] of [
    ['a text column', -1],
    ['a key-only column (hashed)', 0],
  ] as const) {
    it(`${what}: a value taken as read equals its cleaned text; one refused takes the general path`, () => {
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (texts) => {
          const fast = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16, keyOnly);
          const slow = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16, keyOnly);
          texts.forEach((t, i) => {
            const buf = `,${t},`;
            const ends = t.charCodeAt(0) > 32 && t.charCodeAt(t.length - 1) > 32;
            if (!(ends && fast.setPlainRange(0, buf, 1, t.length + 1))) fast.setString(0, cleanText(t).text || null);
            else expect(cleanText(t).text).toBe(t);
            slow.setString(0, cleanText(t).text || null);
            fast.commit(i + 2);
            slow.commit(i + 2);
          });
          if (keyOnly === 0) expect(fast.keyHashes()).toEqual(slow.keyHashes());
          else expect(fast.build('s', 's.csv').columns.get('c')?.values).toEqual(slow.build('s', 's.csv').columns.get('c')?.values);
        }),
        { numRuns: 500 },
      );
    });
  }
});

describe('key hashes of keys in increasing order', () => {
  const sortedKeys = (): TableBuilder => {
    const b = new TableBuilder([{ name: 'id', type: 'string' }], 2, 1000, 0);
    for (let i = 0; i < 100; i++) {
      b.setPlainRange(0, `SO-${String(i).padStart(4, '0')}`, 0, 7);
      b.commit(i + 2);
    }
    return b;
  };

  it('are not kept once not needed; a small buffer is left to the collector, not detached', () => {
    // Detaching any buffer makes V8 throw away every optimised function that reads typed arrays (the whole read).
    const b = sortedKeys();
    const hashes = b.keyHashes();
    expect(hashes?.ordered).toBe(true);
    const buffer = hashes?.hashes.buffer as ArrayBuffer;
    b.releaseKeyHashes();
    expect(buffer.byteLength).toBe(4000);
    expect(b.keyHashes()?.hashes.length).toBe(0);
    expect(b.build('s', 's.csv').rowCount).toBe(100);
  });

  it('buffers of GIVE_BACK_BYTES or more are given back at once (detached), and from then on any', () => {
    expect(GIVE_BACK_BYTES).toBe(32 * 1024 * 1024);
    const small = new ArrayBuffer(1000);
    expect(giveBack([small], 1024)).toBe(false);
    expect(small.byteLength).toBe(1000);
    const large = [new ArrayBuffer(512), new ArrayBuffer(512)];
    expect(giveBack(large, 1024)).toBe(true);
    expect(large.map((x) => x.byteLength)).toEqual([0, 0]);
    expect(giveBack([small], 1024)).toBe(true);
    expect(small.byteLength).toBe(0);
    const b = sortedKeys();
    const buffer = b.keyHashes()?.hashes.buffer as ArrayBuffer;
    b.releaseKeyHashes();
    expect(buffer.byteLength).toBe(0);
  });
});

describe('interning (short texts of ASCII packed into keys, others hashed) and key order', () => {
  // Texts around the 7-character edge of the packed keys, with control characters, DEL, CJK and accents.
  const chars = ['A', 'B', 'a', '0', '1', '-', '\u0001', '\u007f', '~', ' ', '张', 'é'];
  // Shared prefixes: texts that differ only after their first four characters, or only in length.
  const text = fc
    .tuple(fc.constantFrom('', 'R03', 'ABCD', 'ABCDEFG'), fc.array(fc.constantFrom(...chars), { maxLength: 6 }))
    .map(([p, a]) => p + a.join(''))
    .filter((t) => t !== '');
  const rows = fc
    .array(text, { minLength: 1, maxLength: 30 })
    .chain((pool) =>
      fc.array(fc.record({ v: fc.option(fc.constantFrom(...pool), { freq: 8 }), asRange: fc.boolean(), kept: fc.boolean() }), { minLength: 1, maxLength: 200 }),
    );
  const store = (b: TableBuilder, v: string | null, asRange: boolean): void => {
    if (v === null || !asRange || !b.setPlainRange(0, `,${v},`, 1, v.length + 1)) b.setString(0, v);
  };

  it('every value comes back as stored, each distinct value once in the dictionary', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const b = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16);
        const want: (string | null)[] = [];
        rs.forEach(({ v, asRange }, i) => {
          store(b, v, asRange);
          b.commit(i + 2);
          want.push(v);
        });
        const col = b.build('s', 's.csv').columns.get('c');
        if (col?.type !== 'string' || col.coded === undefined) throw new Error('not a coded text column');
        expect(col.values).toEqual(want);
        expect(new Set(col.coded.dict).size).toBe(col.coded.dict.length);
      }),
      { numRuns: 1_000 },
    );
  });

  it('a key-only column knows whether its kept keys came in strictly increasing order (as JavaScript compares)', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const b = new TableBuilder([{ name: 'c', type: 'string' }], 2, 16, 0);
        const kept: string[] = [];
        let n = 2;
        for (const { v, asRange, kept: keep } of rs) {
          store(b, v, asRange);
          if (!keep) continue; // a skipped row: the next one is written over it
          b.commit(n++);
          if (v !== null) kept.push(v);
        }
        const increasing = kept.every((k, i) => i === 0 || k > (kept[i - 1] as string));
        expect(b.keyHashes()?.ordered).toBe(increasing);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('key-only column: keys that share a prefix with the keys before them (sorted exports)', () => {
  // Runs of sorted keys (SO-0098, SO-0099, SO-0100: the shared prefix shortens where a digit carries), keys longer than
  // the column's first buffer, among them keys out of order, repeated ones, blanks, keys that are not plain text (an
  // invisible character: stored cleaned, by setString), rows written and then not kept.
  const prefixes = ['SO-', 'INV-2026-', 'A', '', `${'X'.repeat(70)}-`];
  const event = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('run' as const), length: fc.integer({ min: 1, max: 300 }), step: fc.integer({ min: 1, max: 3 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constantFrom('back' as const, 'again' as const, 'blank' as const, 'odd' as const, 'dropped' as const, 'prefix' as const),
        at: fc.nat(),
      }),
    },
  );

  afterEach(() => setKeptKeysForTests(undefined));

  it.each([
    ['every key hashed as it comes (a workbook)', false],
    ['hashed once out of order (a CSV: the keys before the break hashed from their text, or left to a second read)', true],
  ])('%s: hashes as hashRange hashes the text, and knows whether the keys came in increasing order', (_, lazy) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.integer({ min: 2, max: 5 }),
        fc.array(event, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0, 1, 5, 100, 4096),
        (prefix, width, events, keep) => {
          setKeptKeysForTests(keep);
          const b = new TableBuilder([{ name: 'id', type: 'string' }], 2, 16, 0, lazy ? 'lazy' : 'eager');
          const kept: (string | null)[] = [];
          let n = 1;
          const write = (key: string | null, keep = true): void => {
            if (key === null) b.setString(0, null);
            else if (!b.setPlainRange(0, `,${key},`, 1, key.length + 1)) b.setString(0, cleanText(key).text);
            if (!keep) return;
            b.commit(kept.length + 2);
            kept.push(key === null ? null : cleanText(key).text);
          };
          const seen = (at: number): string => (kept.filter((k) => k !== null)[at % Math.max(1, kept.length)] ?? `${prefix}0`) as string;
          for (const e of events) {
            if (e.kind === 'run') {
              for (let i = 0; i < e.length; i++, n += e.step) write(`${prefix}${String(n).padStart(width, '0')}`);
            } else if (e.kind === 'back') write(`${prefix}${String(e.at % n).padStart(width, '0')}`);
            else if (e.kind === 'again') write(seen(e.at));
            else if (e.kind === 'blank') write(null);
            else if (e.kind === 'odd') write(`${prefix}${String(n++).padStart(width, '0')}\u200b${e.at % 10}`);
            else if (e.kind === 'dropped') write(`${prefix}${String(e.at % (n + 5)).padStart(width, '0')}`, false);
            else write(prefix.slice(0, e.at % (prefix.length + 1))); // a key that is a prefix of the others
          }
          const hashed = b.keyHashes();
          const keys = kept.filter((k): k is string => k !== null);
          const ordered = keys.every((k, i) => i === 0 || k > (keys[i - 1] as string));
          expect(hashed?.ordered).toBe(ordered);
          // Lazy: nothing hashed while in order; out of order, the rows before the break are hashed when all of them were
          // kept as text, else left to a second read (unhashed), and every row from the break on is hashed.
          const brk = ordered ? kept.length : kept.findIndex((k, i) => k !== null && kept.slice(0, i).some((p) => p !== null && !(k > p)));
          // Kept as text: the first `keep` keys, until 256 K characters are kept.
          let keptRows = 0;
          for (let chars = 0; keptRows < Math.min(keep, kept.length) && chars < 256 * 1024; keptRows++) chars += kept[keptRows]?.length ?? 0;
          const unhashed = !lazy || ordered || brk + 1 <= keptRows ? 0 : brk;
          expect(hashed?.unhashed).toBe(unhashed);
          if (!lazy || !ordered) {
            const got = Array.from(hashed?.hashes ?? []).slice(unhashed);
            expect(got).toEqual(kept.slice(unhashed).map((k) => (k === null ? 0 : hashRange(k, 0, k.length))));
          }
          const part = b.exportPart().key;
          if (hashed?.ordered && keys.length > 0) {
            expect(part?.first).toBe(keys[0]);
            expect(part?.last).toBe(keys[keys.length - 1]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('rows read by the CSV kernel (TableBuilder.appendRows): a key-only column as when read one by one', () => {
  /** Rows whose keys are `keys` (kernel hashes, order within them), kept after the builder's rows. */
  const rowsOf = (keys: string[], firstRow: number) => {
    let brk = -1;
    keys.forEach((k, i) => {
      if (brk < 0 && i > 0 && !(k > (keys[i - 1] as string))) brk = i;
    });
    return {
      rows: keys.length,
      rowNumbers: () => Int32Array.from(keys, (_, i) => firstRow + i),
      numbers: () => null,
      codes: () => null,
      codeCount: () => 0,
      text: () => '',
      hashes: () => Int32Array.from(keys, (k) => hashRange(k, 0, k.length)),
      keyBreak: () => brk,
      firstKey: () => keys[0] ?? null,
      lastKey: () => keys[keys.length - 1] ?? null,
    };
  };
  const keys = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => `SO-${String(from + i).padStart(6, '0')}`);
  const builder = () => new TableBuilder([{ name: 'id', type: 'string' }], 2, 64, 0, 'lazy');
  const byOne = (b: TableBuilder, ks: string[], row: number) =>
    ks.forEach((k, i) => {
      b.setPlainRange(0, k, 0, k.length);
      b.commit(row + i);
    });

  it('in order throughout: no hash stored (the pages of 4 bytes a row stay untouched)', () => {
    const b = builder();
    byOne(b, keys(1, 10), 2);
    b.appendRows(rowsOf(keys(11, 500), 12));
    b.appendRows(rowsOf(keys(511, 500), 512));
    const h = b.keyHashes();
    expect(h?.ordered).toBe(true);
    expect(h?.hashes.every((x) => x === 0)).toBe(true);
  });

  it('out of order inside the rows read: those hashed, the rows before hashed from their kept text', () => {
    const b = builder();
    byOne(b, keys(1, 10), 2);
    const ks = [...keys(11, 5), 'SO-000003', ...keys(16, 5)];
    b.appendRows(rowsOf(ks, 12));
    const h = b.keyHashes();
    expect(h?.ordered).toBe(false);
    expect(h?.unhashed).toBe(0);
    expect(Array.from(h?.hashes ?? [])).toEqual([...keys(1, 10), ...ks].map((k) => hashRange(k, 0, k.length)));
  });

  it('out of order after rows read earlier: the rows before are read again for their hashes (unhashed), these stored', () => {
    const b = builder();
    byOne(b, keys(1, 10), 2);
    b.appendRows(rowsOf(keys(11, 20), 12));
    const later = keys(5, 3); // not above the last key
    b.appendRows(rowsOf(later, 32));
    const h = b.keyHashes();
    expect(h?.ordered).toBe(false);
    expect(h?.unhashed).toBe(30);
    expect(Array.from(h?.hashes.subarray(30) ?? [])).toEqual(later.map((k) => hashRange(k, 0, k.length)));
  });
});
