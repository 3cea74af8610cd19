import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readWorkbook, workbookToBuffer } from '../../src/output/excel.js';
import { buildScorecard, scorecardBytes, writeScorecards } from '../../src/output/scorecards.js';
import { entryText, readZip } from '../../src/output/zip.js';
import { fixtureInputs, fixtureModel, makeFixture } from './fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-sc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = { schemeFile: fixtureModel.schemeFile, inputs: fixtureInputs, issues: [], toolVersion: '0.1.0', model: fixtureModel };
const result = makeFixture();

async function card(id: string) {
  const r = result.reps.find((x) => x.rep.id === id)!;
  const wb = await readWorkbook(await workbookToBuffer(buildScorecard(result, r, ctx)));
  const ws = wb.getWorksheet('Scorecard')!;
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const a = row.getCell(1).value;
    if (typeof a === 'string' && !rows.has(a)) rows.set(a, n);
  });
  return { ws, rows };
}
const res = (v: unknown) => (v as { result?: unknown }).result;
const fml = (v: unknown) => (v as { formula?: string }).formula;

describe('scorecard', () => {
  test('its data bar is a plain 2007 rule with no empty x14 reference, and its sheet is compressed', async () => {
    const bytes = await scorecardBytes(result, result.reps.find((x) => x.rep.id === 'A01')!, ctx);
    const sheet = readZip(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const xml = entryText(sheet);
    expect(xml).toMatch(/<cfRule type="dataBar" priority="\d+"><dataBar>.*?<\/dataBar><\/cfRule>/);
    // exceljs would write <extLst>…<x14:id/>…</extLst> pointing at nothing, which Excel may "repair".
    expect(xml).not.toContain('x14:id');
    expect(xml).not.toContain('extLst');
    expect(sheet.method).toBe(8);
  });

  test('header, metrics with formulas and a bar', async () => {
    const { ws } = await card('A01');
    expect(ws.getCell('B2').value).toBe('Alice Chen');
    expect(ws.getCell('B4').value).toBe('West');
    expect(ws.getCell('A10').value).toBe('revenue');
    expect(fml(ws.getCell('G10').value)).toBe('C10/D10'); // 84,000 / 60,000
    expect(res(ws.getCell('G10').value)).toBe(1.4);
    // score 1.4 → ROUND(14) blocks
    expect(fml(ws.getCell('K10').value)).toBe('MIN(MAX(H10,0),1.5)');
    expect(res(ws.getCell('K10').value)).toBeCloseTo(1.4, 12);
    expect(JSON.stringify(ws.getCell('C10').note)).toContain('Rows: 14');
  });

  test('the bonus step by step for the prorated rep A05', async () => {
    const { ws, rows } = await card('A05');
    const b = (label: string) => ws.getCell(rows.get(label)!, 2).value;
    expect(b('Base bonus')).toBe(5000);
    expect(b('Proration')).toBeCloseTo(2 / 3, 12); // 20 of 30 days
    expect(res(b('Prorated base'))).toBeCloseTo(3333.333333, 5);
    expect(b('Tier')).toBe('Near plan');
    expect(b('Multiplier')).toBe(0.8);
    expect(res(b('Bonus'))).toBe(2666.67); // 3,333.33… × 0.8
    expect(res(b('Commission'))).toBe(200); // 20,000 × 1 %, the sum of the slice lines above
    expect(fml(b('Commission'))).toMatch(/^ROUND\(SUM\(B\d+:B\d+\),2\)$/);
    expect(res(b('Payout'))).toBe(2866.67);
    expect(fml(b('Payout'))).toMatch(/^ROUND\(/);
  });

  test('commission slices and what it takes (A02)', async () => {
    const { ws, rows } = await card('A02');
    // 120,000 collected: 50,000 × 1 % = 500, 50,000 × 2 % = 1,000, 20,000 × 3 % = 600
    const slices = [...rows.keys()].filter((k) => k.trim().startsWith('Commission $'));
    expect(slices.map((k) => ws.getCell(rows.get(k)!, 2).value)).toEqual([500, 1000, 600]);
    expect(ws.getCell(rows.get('Next tier')!, 2).value).toBe('On plan');
    const rev = rows.get('Closed-won revenue')!;
    // (1 − 0.953772) / (0.5 weight × 0.5/45,000 per $) = 8,321.05
    expect(ws.getCell(rev, 2).value as number).toBeCloseTo(8321.05, 1);
    expect(ws.getCell(rows.get('Customer satisfaction (1-5)')!, 2).value).toBe('cannot reach it alone');
  });

  test('the gated rep shows why the bonus is zero', async () => {
    const { ws, rows } = await card('A04');
    expect(ws.getCell(rows.get('Multiplier')!, 3).value).toBe('bonus zeroed: collection_rate actual 70% is below its gate of 80%');
  });

  test('files are named safely and uniquely inside the folder', async () => {
    const r = makeFixture();
    // Two reps whose names collide case-insensitively once made safe.
    r.reps.push({ ...r.reps[0]!, rep: { ...r.reps[0]!.rep, id: 'a01', name: 'ALICE CHEN' } });
    const files = await writeScorecards(r, ctx, dir);
    expect(files.map((f) => f.name)).toContain('A04-_x.xlsx');
    expect(files.map((f) => f.name)).toContain('a01-ALICE CHEN-2.xlsx');
    // The folder holds this run's cards and kpi's list of them, nothing else.
    expect(readdirSync(dir).sort()).toEqual(['.kpi-scorecards.json', ...files.map((f) => f.name)].sort());
    for (const f of files) expect(path.dirname(f.path)).toBe(path.resolve(dir));
  });

  test('deterministic bytes', async () => {
    const r = result.reps[0]!;
    const a = await workbookToBuffer(buildScorecard(result, r, ctx));
    const b = await workbookToBuffer(buildScorecard(makeFixture(), makeFixture().reps[0]!, ctx));
    expect(a.equals(b)).toBe(true);
  });
});
