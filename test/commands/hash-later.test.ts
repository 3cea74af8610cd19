// A large CSV's SHA-256 is hashed on another thread while the run is scored (pipeline.ts checkedRun, ReadOptions
// hashLater): the run must come out exactly as when the read waited for the hash, and a file that changed while read
// must stop it with the same diagnostics, in the same place, as when its read stopped.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkedRun, prepareRun } from '../../src/commands/pipeline.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { readPart, type PartJob } from '../../src/reading/csv-part.js';
import { setHashWorkerBytesForTests } from '../../src/reading/hash-worker.js';
import { readSource } from '../../src/reading/index.js';
import { spec } from '../reading/helpers.js';

const SCHEME = `version: 1
name: Hash later
currency: { code: USD, minor_unit: 2, symbol: "$" }
period: 2026-11
sources:
  sales:
    file: sales.csv
    rep: rep
    date: closed
    key: order_id
    columns:
      order_id: Order ID
      rep: Rep
      amount: { header: Amount, type: money }
      closed: { header: Close Date, type: date }
      note: Note
  refunds:
    file: refunds.csv
    rep: rep
    date: closed
    columns:
      rep: Rep
      amount: { header: Amount, type: money }
      closed: { header: Close Date, type: date }
      note: Note
reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
  - { id: R2, name: Bo, team: West, role: ae, base_bonus: 5000 }
metrics:
  revenue:
    label: Revenue
    unit: money
    type: aggregate
    source: sales
    aggregate: sum
    column: amount
    target: { default: 1000 }
    scoring: { method: ratio, cap: 150% }
  refunded:
    label: Refunded
    unit: money
    type: aggregate
    source: refunds
    aggregate: sum
    column: amount
    target: { default: 100 }
    scoring: { method: ratio, cap: 150% }
weights:
  ae: { revenue: 80, refunded: 20 }
bonus:
  mode: step
  tiers:
    - { label: Below, from: 0, to: 80%, multiplier: 0 }
    - { label: On plan, from: 80%, multiplier: 1 }
`;

/** Sales rows, with or without the Note column (mapped, not used: its header missing stops the run). */
function sales(rows: number, note: boolean): string {
  const lines = [`Order ID,Rep,Amount,Close Date${note ? ',Note' : ''}`];
  for (let i = 0; i < rows; i++)
    lines.push(`SO-${i},R${(i % 2) + 1},"${(i * 1.37).toFixed(2)}",2026-11-${String((i % 28) + 1).padStart(2, '0')}${note ? ',n' : ''}`);
  lines.push(`SO-x,R1,12.4O,2026-11-01${note ? ',n' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** A scheme folder: sales.csv (split and hashed on a thread in these tests) and refunds.csv, each with or without its Note. */
function folder(salesNote: boolean, refundsNote: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-hash-later-'));
  writeFileSync(path.join(dir, 'scheme.yaml'), SCHEME);
  writeFileSync(path.join(dir, 'sales.csv'), sales(4000, salesNote));
  const n = refundsNote;
  writeFileSync(path.join(dir, 'refunds.csv'), `Rep,Amount,Close Date${n ? ',Note' : ''}\nR1,5.00,2026-11-03${n ? ',x' : ''}\n`);
  return dir;
}

const inThread = (job: PartJob) => Promise.resolve(structuredClone(readPart(job)));

/** sales.csv split in two (its part read here), hashed on a thread; `grow`: a row appended as the part is read. */
function splitAndHash(dir: string, grow: boolean): void {
  setHashWorkerBytesForTests(0);
  setChunkBytesForTests(4096);
  parallel.setSplitForTests({
    bytes: 0,
    at: (t) => Math.floor(t / 2),
    run: (job) => {
      if (grow && job.spec.file.endsWith('sales.csv')) appendFileSync(path.join(dir, 'sales.csv'), 'SO-late,R1,1.00,2026-11-02\n');
      return inThread(job);
    },
  });
}

afterEach(() => {
  setHashWorkerBytesForTests(undefined);
  setChunkBytesForTests(undefined);
  parallel.setSplitForTests();
});

describe('the SHA-256 of a large CSV hashed while the run is scored', () => {
  it('readSource with hashLater: the hash comes with `verified`, the same as awaited in the read', async () => {
    const dir = folder(true, true);
    const file = path.join(dir, 'sales.csv');
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    splitAndHash(dir, false);
    const now = await readSource(spec(file), { minorUnit: 2 });
    expect(now.verified).toBeUndefined();
    expect(now.input.sha256).toBe(sha);
    const later = await readSource(spec(file), { minorUnit: 2, hashLater: true });
    expect(later.verified).toBeInstanceOf(Promise);
    expect(await later.verified).toBeNull();
    expect(later.input).toEqual(now.input);
    expect(later.issues).toEqual(now.issues);
  });

  it('a run comes out as when the read waited for the hash', async () => {
    const dir = folder(true, true);
    splitAndHash(dir, false);
    const lazy = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
    const waited = await prepareRun(path.join(dir, 'scheme.yaml'), undefined);
    if (!lazy.ok || !waited.ok) throw new Error('the run stopped');
    expect(lazy.checked.run.inputs).toEqual(waited.run.inputs);
    expect(lazy.checked.run.inputs[0]?.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(dir, 'sales.csv')))
        .digest('hex'),
    );
    expect(lazy.checked.run.readIssues).toEqual(waited.run.readIssues);
  });

  it('a file that changed while read stops the run (KPI2608), with the diagnostics of a read that stopped', async () => {
    // A Note header missing (mapped, not used) in either file: the read that stopped on sales.csv says nothing of its
    // headers, refunds.csv's read reports its own; the same list whichever way the hash came.
    for (const [salesNote, refundsNote, count] of [
      [true, true, 1],
      [false, true, 1],
      [true, false, 2],
      [false, false, 2],
    ] as const) {
      const dir = folder(salesNote, refundsNote);
      splitAndHash(dir, true);
      const lazy = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
      writeFileSync(path.join(dir, 'sales.csv'), sales(4000, salesNote));
      splitAndHash(dir, true);
      const waited = await prepareRun(path.join(dir, 'scheme.yaml'), undefined);
      if (lazy.ok || waited.ok) throw new Error('the run went on');
      expect(lazy.diagnostics[0]?.code).toBe('KPI2608');
      expect(lazy.diagnostics.length).toBe(count);
      expect(lazy.diagnostics).toEqual(waited.diagnostics);
    }
  });
});
