// A key column read only for the duplicate check (SourceSpec.keyOnly) keeps a hash per row instead of its
// text. Whatever the keys look like, it reports exactly the duplicates the text column reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { hashRange } from '../../src/reading/key-index.js';
import { spec, writeFixture } from './helpers.js';

const HEADER = 'Order ID,Rep,Amount,Close Date';
const opts = { minorUnit: 2 };

async function both(name: string, text: string, over: Partial<SourceSpec> = {}) {
  const path = writeFixture(name, text);
  const asText = await readSource(spec(path, { key: 'order_id', ...over }), opts);
  const hashed = await readSource(spec(path, { key: 'order_id', keyOnly: true, ...over }), opts);
  return { asText, hashed };
}

describe('key-only column', () => {
  it('is left out of the table; keys in increasing order need nothing more', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `SO-${String(i).padStart(4, '0')},R1,5,2026-11-01`);
    const { asText, hashed } = await both('ordered.csv', `${HEADER}\n${rows.join('\n')}\n`);
    expect(hashed.table.columns.has('order_id')).toBe(false);
    expect(asText.table.columns.has('order_id')).toBe(true);
    expect(hashed.issues).toEqual([]);
    expect(hashed.table.rowCount).toBe(50);
  });

  it('reports each duplicate with its first row, as the text column does', async () => {
    const text = `${HEADER}\nSO-3,R1,5,2026-11-01\nSO-1,R1,5,2026-11-01\n"SO-3",R2,6,2026-11-02\nSO-2,R1,oops,2026-11-02\n SO-1 ,R1,7,2026-11-03\n,R1,8,2026-11-03\n,R1,9,2026-11-03\n`;
    const { asText, hashed } = await both('dups.csv', text);
    const dups = hashed.issues.filter((i) => i.reason.startsWith('duplicate'));
    expect(dups.map((i) => [i.row, i.value, i.reason])).toEqual([
      [4, 'SO-3', 'duplicate Order ID "SO-3" (first on row 2)'],
      [6, 'SO-1', 'duplicate Order ID "SO-1" (first on row 3)'],
    ]);
    expect(hashed.issues).toEqual(asText.issues);
  });

  it('keys whose hashes collide are told apart by their text (read again)', async () => {
    expect(hashRange('SO-229599', 0, 9)).toBe(hashRange('SO-432382', 0, 9));
    const text = `${HEADER}\nSO-432382,R1,5,2026-11-01\nSO-229599,R1,5,2026-11-01\nSO-1,R1,5,2026-11-01\nSO-432382,R1,5,2026-11-02\n`;
    const { asText, hashed } = await both('collide.csv', text);
    expect(hashed.issues.map((i) => i.reason)).toEqual(['duplicate Order ID "SO-432382" (first on row 2)']);
    expect(hashed.issues).toEqual(asText.issues);
    // Read without a hash (kpi validate), the second read still has the first one's hash to be checked against.
    const unhashed = await readSource(spec(writeFixture('collide.csv', text), { key: 'order_id', keyOnly: true }), { ...opts, hash: false });
    expect(unhashed.issues).toEqual(hashed.issues);
    expect(unhashed.input.sha256).toBe(hashed.input.sha256);
    expect(hashed.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    const plain = await readSource(spec(writeFixture('plain.csv', `${HEADER}\nSO-1,R1,5,2026-11-01\n`), { key: 'order_id', keyOnly: true }), {
      ...opts,
      hash: false,
    });
    expect(plain.input.sha256).toBe('');
  });

  it('agrees with the text column on any mix of keys: quoted, padded, blank, repeated, colliding', async () => {
    const key = fc.constantFrom('SO-1', 'SO-2', 'SO-229599', 'SO-432382', 'A"B', 'Ünïcode', '中文', '');
    const written = (k: string, style: number): string =>
      style === 0 || k === '' ? k : style === 1 ? `"${k.replace(/"/g, '""')}"` : style === 2 ? ` ${k} ` : `"${k.replace(/"/g, '""')} "`;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 30 }), async (rows) => {
        const lines = rows.map(
          ([k, style, bad]) =>
            `${k.includes('"') && style !== 1 && style !== 3 ? `"${k.replace(/"/g, '""')}"` : written(k, style)},R1,${bad ? 'x' : '5'},2026-11-01`,
        );
        const { asText, hashed } = await both(`prop-${run++}.csv`, `${HEADER}\n${lines.join('\n')}\n`);
        expect(hashed.issues).toEqual(asText.issues);
        expect(hashed.table.rowCount).toBe(asText.table.rowCount);
      }),
      { numRuns: 150 },
    );
  });

  it('sorted keys, then a key seen before, one out of order, more sorted ones: the same duplicates (quoted keys, CRLF, a BOM)', async () => {
    for (const [eol, bom] of [
      ['\n', ''],
      ['\r\n', '\ufeff'],
    ] as const) {
      const key = (i: number): string => `SO-${String(i).padStart(6, '0')}`;
      const lines: string[] = [];
      for (let i = 1; i <= 3000; i++) lines.push(`${i % 7 === 0 ? `"${key(i)}"` : key(i)},R1,5,2026-11-01`);
      lines.push(`${key(1500)},R1,5,2026-11-01`, `${key(2999)},R2,6,2026-11-01`);
      for (let i = 3001; i <= 4000; i++) lines.push(`${key(i)},R1,5,2026-11-01`);
      lines.push(`${key(12)},R1,5,2026-11-01`, `"${key(3500)}",R1,5,2026-11-01`, `${key(10)}\u200b,R1,5,2026-11-01`);
      const { asText, hashed } = await both(`sorted-then-${eol.length}.csv`, `${bom}${HEADER}${eol}${lines.join(eol)}${eol}`);
      expect(hashed.issues.filter((i) => i.code === 'KPI2206').map((i) => i.row)).toEqual([3002, 3003, 4004, 4005, 4006]);
      expect(hashed.issues).toEqual(asText.issues);
      expect(hashed.table.rowCount).toBe(asText.table.rowCount);
    }
  });
});
