// A large input is hashed on a second thread (reading/hash-worker.ts): the same SHA-256 as hashing the bytes read,
// and a file that changes between the two reads is refused rather than recorded with a hash of other bytes.
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readSource } from '../../src/reading/index.js';
import { hashInBackground, setHashWorkerBytesForTests } from '../../src/reading/hash-worker.js';
import { failure, spec, values, writeFixture } from './helpers.js';

afterEach(() => setHashWorkerBytesForTests(undefined));

function salesCsv(rows: number): string {
  const lines = ['Order ID,Rep,Amount,Close Date'];
  for (let i = 0; i < rows; i++) lines.push(`SO-${i},R${i % 7},"${(i * 13.37).toFixed(2)}",2026-11-${String((i % 28) + 1).padStart(2, '0')}`);
  lines.push('SO-x,R1,12.4O,2026-11-01');
  return lines.join('\n') + '\n';
}

describe('hashing a large input on another thread', () => {
  it('gives the SHA-256 of the file and the same table and issues as hashing on this thread', async () => {
    const path = writeFixture('hash-worker.csv', salesCsv(5000));
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    setHashWorkerBytesForTests(Number.MAX_SAFE_INTEGER);
    const here = await readSource(spec(path), { minorUnit: 2 });
    setHashWorkerBytesForTests(0);
    const there = await readSource(spec(path), { minorUnit: 2 });
    expect(here.input.sha256).toBe(sha);
    expect(there.input.sha256).toBe(sha);
    expect(there.issues).toEqual(here.issues);
    expect(there.issues.length).toBe(1);
    for (const c of ['order_id', 'rep', 'amount', 'closed']) expect(values(there.table.columns.get(c))).toEqual(values(here.table.columns.get(c)));
  });

  it('refuses a file that changed between the two reads', async () => {
    const path = writeFixture('hash-worker-changed.csv', salesCsv(100));
    const fd = openSync(path, 'r');
    try {
      const opened = fstatSync(fd);
      setHashWorkerBytesForTests(0);
      const bg = hashInBackground(path, 'hash-worker-changed.csv', 0);
      expect(bg).not.toBeNull();
      appendFileSync(path, 'SO-late,R1,1.00,2026-11-02\n');
      const e = await failure((bg as NonNullable<typeof bg>).digest(fd, opened, opened.size));
      expect(e.code).toBe('KPI2608');
    } finally {
      closeSync(fd);
    }
  });

  it('is not started for a small file', () => {
    expect(hashInBackground('/nonexistent', 'x.csv', 1000)).toBeNull();
  });
});
