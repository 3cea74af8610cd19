// Plan rules meeting split credit and rollups (issue 12 items 3/5 × 6): a 回款 payment credited to two reps by a
// share column is paid once, in their shares; each rep's payment counts once on its invoice.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import type { RunResult } from '../../src/core/results.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pay');
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-pay-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runWith(collections: string): Promise<RunResult> {
  cpSync(FIXTURE, dir, { recursive: true });
  const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8').replace(
    '    file: collections.csv\n    rep: rep\n    date: paid_on\n    columns:\n',
    '    file: collections.csv\n    rep: rep\n    date: paid_on\n    split: { order: payment, share: share }\n    columns:\n      payment: Payment\n      share: { header: Share, type: percent }\n',
  );
  expect(scheme).toContain('split: { order: payment');
  writeFileSync(path.join(dir, 'scheme.yaml'), scheme);
  writeFileSync(path.join(dir, 'collections.csv'), collections);
  const p = await prepareRun(path.join(dir, 'scheme.yaml'), undefined);
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return score(p.run);
}
const cash = (res: RunResult, id: string): number => res.reps.find((r) => r.rep.id === id)!.lines?.find((l) => l.kind === 'collection')?.rounded ?? 0;

describe('回款 commission on a split collections source', () => {
  it('one payment of 10,000 shared 60/40 earns 2 % once: 120 + 80, not 200 twice (or 200 + 0)', async () => {
    const res = await runWith(
      [
        'Rep ID,Invoice,Invoice Amount,Paid,Invoice Date,Paid On,Payment,Share',
        'A1,F9,10000,10000,2026-11-01,2026-11-10,P9,60%',
        'B2,F9,10000,10000,2026-11-01,2026-11-10,P9,40%',
        '',
      ].join('\n'),
    );
    expect(cash(res, 'A1')).toBe(120);
    expect(cash(res, 'B2')).toBe(80);
  }, 300_000);

  it('a second payment on the same invoice sees the first counted once: the rest of the invoice, shared again', async () => {
    const res = await runWith(
      [
        'Rep ID,Invoice,Invoice Amount,Paid,Invoice Date,Paid On,Payment,Share',
        'A1,F9,10000,6000,2026-11-01,2026-11-10,P1,50%',
        'B2,F9,10000,6000,2026-11-01,2026-11-10,P1,50%',
        // 6,000 more on a 10,000 invoice of which 6,000 is paid: only 4,000 counts, 3,000 / 1,000.
        'A1,F9,10000,6000,2026-11-01,2026-11-20,P2,75%',
        'B2,F9,10000,6000,2026-11-01,2026-11-20,P2,25%',
        '',
      ].join('\n'),
    );
    expect(cash(res, 'A1')).toBe(120); // (3,000 + 3,000) × 2 %
    expect(cash(res, 'B2')).toBe(80); // (3,000 + 1,000) × 2 %
  }, 300_000);
});

describe('a team lead on the team rollup, with the plan defaults', () => {
  it('is paid 回款 on the team’s payments (as its metrics are the team’s), the reps on their own', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'kpi-pay-rollup-'));
    try {
      cpSync(FIXTURE, d, { recursive: true });
      const scheme =
        readFileSync(path.join(d, 'scheme.yaml'), 'utf8')
          .replace(
            '  - { id: K3, name: Kim, team: KA, role: kam, base_bonus: 8000 }\n',
            '  - { id: K3, name: Kim, team: KA, role: kam, base_bonus: 8000 }\n  - { id: L4, name: Lee, team: East, role: lead, base_bonus: 9000 }\n',
          )
          .replace('  kam: { revenue: 100 }\n', '  kam: { revenue: 100 }\n  lead: { revenue: 100 }\n') + 'rollups:\n  lead: team\n';
      expect(scheme).toContain('role: lead');
      writeFileSync(path.join(d, 'scheme.yaml'), scheme);
      const p = await prepareRun(path.join(d, 'scheme.yaml'), undefined);
      if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
      const res = score(p.run);
      expect(cash(res, 'A1')).toBe(1_560);
      expect(cash(res, 'B2')).toBe(400);
      expect(cash(res, 'L4')).toBe(1_960);
      const lee = res.reps.find((r) => r.rep.id === 'L4')!;
      expect(lee.rollup?.members).toEqual(['L4', 'A1', 'B2']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('a team lead on the team rollup, clawed back at the lead’s own rate then', () => {
  // Lee leads East (Ann, Bo) on a retroactive commission: 1 % below 100,000, 2 % from there. October: the team's
  // revenue was 40,000 (Ann's A0 and A00) → 1 %. November: 30,000 + 30,000 + 45,000 = 105,000 → 2 %. Ann's
  // October order A0 is refunded 8,000 in November: Lee was paid 1 % on it then, so 80 comes back — not 160 at
  // November's rate, and not nothing.
  async function lead(sales?: (csv: string) => string, clawback?: (yaml: string) => string): Promise<RunResult> {
    const d = mkdtempSync(path.join(tmpdir(), 'kpi-pay-lead-'));
    try {
      cpSync(FIXTURE, d, { recursive: true });
      let scheme =
        readFileSync(path.join(d, 'scheme.yaml'), 'utf8')
          .replace(
            '  - { id: K3, name: Kim, team: KA, role: kam, base_bonus: 8000 }\n',
            '  - { id: K3, name: Kim, team: KA, role: kam, base_bonus: 8000 }\n  - { id: L4, name: Lee, team: East, role: lead, base_bonus: 9000 }\n',
          )
          .replace('  kam: { revenue: 100 }\n', '  kam: { revenue: 100 }\n  lead: { revenue: 100 }\n')
          .replace(
            'plans:\n',
            'plans:\n  lead:\n    commission:\n      metric: revenue\n      mode: retroactive\n      tiers: [{ from: 0, to: 100000, rate: 1% }, { from: 100000, rate: 2% }]\n      clawback: { order: order_id, refunds: { stage: Refunded } }\n',
          ) + 'rollups:\n  lead: team\n';
      if (clawback) scheme = clawback(scheme);
      expect(scheme).toContain('role: lead');
      writeFileSync(path.join(d, 'scheme.yaml'), scheme);
      if (sales) writeFileSync(path.join(d, 'sales.csv'), sales(readFileSync(path.join(d, 'sales.csv'), 'utf8')));
      const p = await prepareRun(path.join(d, 'scheme.yaml'), undefined);
      if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
      return score(p.run);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }
  const line = (res: RunResult, id: string, label: string) => res.reps.find((r) => r.rep.id === id)!.lines?.find((l) => l.label === label);

  it('a refund marked by its stage: Lee and Ann each give back what they were paid on A0', async () => {
    const res = await lead();
    expect(line(res, 'L4', 'Clawback A0')?.rate).toBe(0.01);
    expect(line(res, 'L4', 'Clawback A0')?.rounded).toBe(80);
    expect(line(res, 'A1', 'Clawback A0')?.rounded).toBe(80);
    expect(res.reps.find((r) => r.rep.id === 'L4')!.commissionSlices.reduce((s, x) => s + x.commission, 0)).toBe(2_100);
    expect(line(res, 'B2', 'Clawback A0')).toBeUndefined();
  }, 300_000);

  it('a refund netted in the base (a negative amount that passes the filter): added back to Lee’s base too', async () => {
    // Without the add-back the team's November base would be 97,000 → 1 % = 970, and A0 taken back at that rate.
    const res = await lead(
      (csv) => csv.replace('A0,A1,Refunded,North,C0,-8000,2026-11-10', 'A0,A1,Won,North,C0,-8000,2026-11-10'),
      (yaml) => yaml.replaceAll('clawback: { order: order_id, refunds: { stage: Refunded } }', 'clawback: { order: order_id }'),
    );
    const lee = res.reps.find((r) => r.rep.id === 'L4')!;
    expect(lee.commissionSlices.reduce((s, x) => s + x.commission, 0)).toBe(2_100);
    expect(line(res, 'L4', 'Clawback A0')?.rounded).toBe(80);
  }, 300_000);
});

describe('a refund of a split order (split credit + clawback on one order id)', () => {
  // October's A0 (20,000) was credited 60 % to Ann and 40 % to Bo, each paid 1 % on their part. Its refund of 8,000 in
  // November comes back from each by their share: 4,800 × 1 % = 48 from Ann, 3,200 × 1 % = 32 from Bo. Before, the
  // refund rows joined the order's split (shares 200 %, or a blank share), so the whole order counted for no one.
  async function run(sales: string, clawback?: string): Promise<RunResult> {
    const d = mkdtempSync(path.join(tmpdir(), 'kpi-pay-split-claw-'));
    try {
      cpSync(FIXTURE, d, { recursive: true });
      let scheme = readFileSync(path.join(d, 'scheme.yaml'), 'utf8').replace(
        '    date: closed\n    columns:\n      order_id: Order ID\n',
        '    date: closed\n    split: { order: order_id, share: share }\n    columns:\n      share: { header: Share, type: percent }\n      order_id: Order ID\n',
      );
      expect(scheme).toContain('split: { order: order_id');
      if (clawback) scheme = scheme.replace('clawback: { order: order_id, refunds: { stage: Refunded } }', clawback);
      writeFileSync(path.join(d, 'scheme.yaml'), scheme);
      writeFileSync(path.join(d, 'sales.csv'), sales);
      const p = await prepareRun(path.join(d, 'scheme.yaml'), undefined);
      if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
      return score(p.run);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }
  const claw = (res: RunResult, id: string, order: string) =>
    res.reps.find((r) => r.rep.id === id)!.lines?.find((l) => l.kind === 'clawback' && l.name === order);
  const head = 'Order ID,Rep ID,Stage,Region,Customer,Amount,Closed,Share';
  const october = ['A0,A1,Won,North,C0,20000,2026-10-10,60%', 'A0,B2,Won,North,C0,20000,2026-10-10,40%'];
  const november = ['O1,A1,Won,KA,C1,30000,2026-11-05,100%', 'O5,B2,Won,North,C5,45000,2026-11-08,100%', 'R1,A1,Renewed,North,C9,30000,2026-11-15,100%'];

  it('one refund row (no share): taken back from each rep by their share of the order, at their October rate', async () => {
    const res = await run([head, ...october, ...november, 'A0,A1,Refunded,North,C0,-8000,2026-11-10,', ''].join('\n'));
    expect(res.issues.filter((i) => i.file === 'sales.csv').map((i) => i.reason)).toEqual([]);
    expect(claw(res, 'A1', 'A0')?.basis).toBe(4_800);
    expect(claw(res, 'A1', 'A0')?.rounded).toBe(48);
    expect(claw(res, 'B2', 'A0')?.basis).toBe(3_200);
    expect(claw(res, 'B2', 'A0')?.rounded).toBe(32);
    // Said as a share of the whole refund: "refunded 8,000.00, the 40% share of it credited here 3,200.00 × …".
    expect(claw(res, 'B2', 'A0')?.text).toMatchObject({ key: 'clawback.lineShare', values: { share: '40%', whole: '8,000.00', counted: '3,200.00' } });
  }, 300_000);

  it('the refund repeated on a row per rep with their shares: the same, not twice', async () => {
    const res = await run(
      [head, ...october, ...november, 'A0,A1,Refunded,North,C0,-8000,2026-11-10,60%', 'A0,B2,Refunded,North,C0,-8000,2026-11-10,40%', ''].join('\n'),
    );
    expect(res.issues.filter((i) => i.file === 'sales.csv').map((i) => i.reason)).toEqual([]);
    expect(claw(res, 'A1', 'A0')?.rounded).toBe(48);
    expect(claw(res, 'B2', 'A0')?.rounded).toBe(32);
  }, 300_000);

  it('a refund of an order of this month netted on one rep’s row: added back there, taken back from each by share', async () => {
    // O9 (10,000, November) 70/30; its refund of 5,000 is a negative Won row on Ann's: without the clawback it would
    // come off Ann's base whole. Ann: base 30,000 + 7,000 (− 5,000 + 5,000 added back), 3,500 × 1 % = 35 back;
    // Bo: 45,000 + 3,000, 1,500 × 1 % = 15 back.
    const res = await run(
      [
        head,
        ...november,
        'O9,A1,Won,North,C9,10000,2026-11-11,70%',
        'O9,B2,Won,North,C9,10000,2026-11-11,30%',
        'O9,A1,Won,North,C9,-5000,2026-11-20,',
        '',
      ].join('\n'),
      'clawback: { order: order_id }',
    );
    expect(res.issues.filter((i) => i.file === 'sales.csv').map((i) => i.reason)).toEqual([]);
    const ann = res.reps.find((r) => r.rep.id === 'A1')!;
    expect(ann.commissionSlices.reduce((s, x) => s + x.commission, 0)).toBe(370);
    expect(claw(res, 'A1', 'O9')?.rounded).toBe(35);
    expect(claw(res, 'B2', 'O9')?.rounded).toBe(15);
  }, 300_000);

  it('a share credited to a rep not in the roster stays that share: Ann gives back her 60 %, not the whole refund', async () => {
    const res = await run(
      [
        head,
        'A0,A1,Won,North,C0,20000,2026-10-10,60%',
        'A0,X9,Won,North,C0,20000,2026-10-10,40%',
        ...november,
        'A0,A1,Refunded,North,C0,-8000,2026-11-10,',
        '',
      ].join('\n'),
    );
    expect(claw(res, 'A1', 'A0')?.basis).toBe(4_800);
    expect(claw(res, 'A1', 'A0')?.rounded).toBe(48);
  }, 300_000);

  it('a refund of a split order whose shares do not add up: nothing taken back, and the refund row named (KPI2771, NOT FINAL)', async () => {
    const res = await run(
      [
        head,
        'A0,A1,Won,North,C0,20000,2026-10-10,60%',
        'A0,B2,Won,North,C0,20000,2026-10-10,30%',
        ...november,
        'A0,A1,Refunded,North,C0,-8000,2026-11-10,',
        '',
      ].join('\n'),
    );
    expect(res.issues.map((i) => i.code)).toContain('KPI2771');
    expect(claw(res, 'A1', 'A0')).toBeUndefined();
  }, 300_000);
});
