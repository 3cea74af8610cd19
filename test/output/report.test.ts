import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readWorkbook, type Workbook } from '../../src/output/excel.js';
import { OutputError } from '../../src/output/errors.js';
import { reportBytes, schemeFromReport, writeReport, type ReportContext } from '../../src/output/report.js';
import { zipEntry } from './zip.js';
import { fixtureInputs, fixtureIssues, fixtureModel, fixtureSchemeText, makeFixture } from './fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx: ReportContext = {
  schemeFile: fixtureModel.schemeFile,
  schemeText: fixtureSchemeText,
  inputs: fixtureInputs,
  issues: fixtureIssues.slice(0, 1).concat(fixtureIssues.slice(2)),
  toolVersion: '0.1.0',
  model: fixtureModel,
};
const result = makeFixture();
const bytes = await reportBytes(result, ctx);
const wb: Workbook = await readWorkbook(bytes);
const summary = wb.getWorksheet('Summary')!;
const details = wb.getWorksheet('Details')!;

/** Summary row of a rep (row 1 = the run's status, row 2 = headers, row 3 = rank 1). */
const sRow = (id: string) => 3 + result.reps.findIndex((r) => r.rep.id === id);
/** Summary column letter of a header (row 2). */
const S = (() => {
  const m = new Map<string, string>();
  summary.getRow(2).eachCell((c, i) => m.set(String(c.value), String.fromCharCode(64 + i)));
  return (h: string): string => m.get(h) ?? '?';
})();
const formulaOf = (v: unknown) => (v as { formula?: string }).formula;
const resultOf = (v: unknown) => (v as { result?: unknown }).result;

describe('report workbook', () => {
  test('sheets in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Dashboard', 'Summary', 'Teams', 'Details', 'Data issues', 'Scheme', 'Run', 'Sign-off']);
  });

  test("Summary: the run's status, then one row per rep, ranked, then team subtotals and the total", () => {
    // The fixture's run has data issues: row 1 says NOT FINAL, in red, across the table.
    expect(summary.getCell('A1').value).toMatch(/^NOT FINAL: 3 data issues \(\d rows? skipped\); .* See the "Data issues" sheet\.$/);
    expect(summary.getCell('A1').font?.color?.argb).toBe('FF9C0006');
    expect(summary.getCell('A2').value).toBe('Rank');
    expect(summary.getCell('B3').value).toBe('A01');
    expect(summary.getCell('B9').value).toBe('A06'); // no-data rep listed last, not dropped
    expect(summary.getCell(`${S('Note')}9`).value).toBe('no data in the period: scored 0');
    expect(summary.getCell('C11').value).toBe('East subtotal');
    const P = S('Payout');
    expect(formulaOf(summary.getCell(`${P}11`).value)).toBe(`ROUND(SUM(${P}5,${P}6,${P}9),2)`);
    // East: A04 300 + A02 8,500 + A06 0 = 8,800
    expect(resultOf(summary.getCell(`${P}11`).value)).toBe(8800);
    expect(formulaOf(summary.getCell(`${P}13`).value)).toBe(`ROUND(SUM(${P}3:${P}9),2)`);
    expect(resultOf(summary.getCell(`${P}13`).value)).toBe(31846.17);
  });

  test('Summary: a run without data issues says it is final (same layout)', async () => {
    const clean = makeFixture();
    clean.issues = [];
    const w = await readWorkbook(await reportBytes(clean, { ...ctx, issues: [] }));
    const s = w.getWorksheet('Summary')!;
    expect(s.getCell('A1').value).toBe('Final: every row read was counted; no data issues.');
    expect(s.getCell('B3').value).toBe('A01');
    const run: unknown[] = [];
    w.getWorksheet('Run')!.eachRow((row) => run.push(row.getCell(1).value, row.getCell(2).value));
    expect(run).toEqual(expect.arrayContaining(['Status', 'final']));
  });

  test("Summary: live formulas with the core's cached results (prorated rep A05)", () => {
    const n = sRow('A05');
    const at = (h: string) => summary.getCell(`${S(h)}${n}`).value;
    const c = (h: string) => `${S(h)}${n}`;
    // Started 2026-11-11: (30 − 11 + 1) / 30 days, from the start date and the period on the Scheme sheet.
    expect(formulaOf(at('Proration'))).toMatch(/^IF\(AND\(ISNUMBER\(F\d+\),F\d+>Scheme!\$L\$\d+\),IF\(F\d+>Scheme!\$L\$\d+,0,/);
    expect(formulaOf(at('Prorated base'))).toBe(`${c('Base bonus')}*${c('Proration')}`);
    expect(resultOf(at('Prorated base'))).toBeCloseTo(3333.3333333, 6); // 5,000 × 20/30
    expect(formulaOf(at('Score before deductions'))).toMatch(/^SUM\(Details!M\d+:M\d+\)$/);
    expect(formulaOf(at('Total score'))).toBe(`MAX(0,(${c('Score before deductions')}-(${c('Points off')}/100)))`);
    expect(formulaOf(at('Tier'))).toBe(`LOOKUP(${c('Total score')},Scheme!$G$2:$G$5,Scheme!$F$2:$F$5)`);
    expect(resultOf(at('Tier'))).toBe('Near plan');
    expect(formulaOf(at('Multiplier'))).toBe(`IF(${c('Bonus zeroed by')}<>"",0,MAX(0,MIN(LOOKUP(${c('Total score')},Scheme!$G$2:$G$5,Scheme!$I$2:$I$5),1.5)))`);
    expect(resultOf(at('Multiplier'))).toBe(0.8);
    // 3,333.33… × 0.8 = 2,666.666… → 2,666.67, under the bonus max payout on the Scheme sheet
    expect(formulaOf(at('Bonus'))).toMatch(new RegExp(`^ROUND\\(MIN\\(Scheme!\\$L\\$\\d+,\\(${c('Prorated base')}\\*${c('Multiplier')}\\)\\),2\\)$`));
    expect(resultOf(at('Bonus'))).toBe(2666.67);
    // Commission on Details' collected, by the tiers on the Scheme sheet: 20,000 × 1 % = 200
    expect(formulaOf(at('Commission'))).toContain('N(Details!F');
    expect(resultOf(at('Commission'))).toBe(200);
    expect(formulaOf(at('Deductions'))).toBe(`ROUND(MIN(${c('Amount off')},(${c('Bonus')}+${c('Commission')})),2)`);
    expect(formulaOf(at('Payout'))).toBe(`ROUND(((${c('Bonus')}+${c('Commission')})-${c('Deductions')}),2)`);
    expect(resultOf(at('Payout'))).toBe(2866.67);
  });

  test('Summary: formats, frozen header, autofilter, colour scale on total score', () => {
    expect(summary.getCell(`${S('Payout')}3`).numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(summary.getCell(`${S('Total score')}3`).numFmt).toBe('0.0%');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(summary.autoFilter).toBe(`A2:${S('Note')}9`);
    const cf = (summary as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0]!.type])).toEqual([[`${S('Total score')}3:${S('Total score')}9`, 'colorScale']]);
  });

  test('Details: achievement, score and weighted score are formulas; actual has a provenance note', () => {
    // Row 2 = A01 revenue: 84,000 / 60,000 = 140 %; linear above target: 1 + 0.5 × 24,000/30,000 = 1.4
    expect(details.getCell('D2').value).toBe('revenue');
    expect(formulaOf(details.getCell('J2').value)).toBe('F2/G2');
    expect(resultOf(details.getCell('J2').value)).toBe(1.4);
    expect(formulaOf(details.getCell('K2').value)).toContain('IF(F2<H2,0,');
    expect(resultOf(details.getCell('K2').value)).toBeCloseTo(1.4, 12);
    expect(formulaOf(details.getCell('M2').value)).toBe('L2*K2');
    const note = details.getCell('F2').note as unknown;
    const text = typeof note === 'string' ? note : JSON.stringify(note);
    expect(text).toContain('Source: sales (data/sales.csv)');
    expect(text).toContain('Filter: stage = Won AND amount > 0');
    expect(text).toContain('Rows: 14');
    // Lower is better (days to collect): target / actual, 30/24 = 1.25
    expect(formulaOf(details.getCell('J6').value)).toBe('G6/F6'); // written only where there is an achievement (actual > 0)
    const cf = (details as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf[0]!.ref).toMatch(/^J2:J\d+$/);
    expect(cf[0]!.rules).toHaveLength(3);
  });

  test('Details: a rep with no data gets values, not formulas that would divide by nothing', () => {
    const first = 2 + 6 * 7; // 6 reps × 7 metrics before A06
    expect(details.getCell(`A${first}`).value).toBe('A06');
    expect(details.getCell(`F${first}`).value).toBeNull();
    expect(details.getCell(`J${first}`).value).toBeNull();
    expect(details.getCell(`K${first}`).value).toBe(0);
  });

  test('untrusted strings are plain text, never formulas or hyperlinks', () => {
    const name = summary.getCell(`C${sRow('A03')}`);
    expect(name.value).toBe("=cmd|' /C calc'!A0");
    expect(name.formula).toBeUndefined();
    expect(name.numFmt).toBe('@');
    const issues = wb.getWorksheet('Data issues')!;
    const values = [2, 3, 4].map((r) => issues.getCell(`E${r}`).value);
    expect(values).toContain('=HYPERLINK("http://evil","x")');
    expect(values).toContain('@SUM(1)');
    for (const r of [2, 3, 4]) expect(issues.getCell(`E${r}`).formula).toBeUndefined();
    expect(issues.getCell('A1').value).toBe('File');
    expect(issues.getCell('C2').value).toBe(17);
  });

  test('Scheme echoes weights and tiers; Run lists inputs with SHA-256 and no clock time', () => {
    const scheme = wb.getWorksheet('Scheme')!;
    expect([scheme.getCell('F2').value, scheme.getCell('G2').value, scheme.getCell('I5').value]).toEqual(['Below plan', 0, 1.5]);
    expect([scheme.getCell('A2').value, scheme.getCell('B2').value, scheme.getCell('C2').value]).toEqual(['account_executive', 'revenue', 0.4]);
    const run = wb.getWorksheet('Run')!;
    const cells: unknown[] = [];
    run.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('a'.repeat(64));
    expect(cells).toContain('kpi 0.1.0');
    expect(cells).toContain('2026-11');
    expect(wb.created.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    expect(zipEntry(bytes, 'docProps/core.xml')).toContain('2026-11-30T00:00:00Z');
  });

  test('raw XML: the hostile name is a shared string, and no formula mentions it', () => {
    expect(zipEntry(bytes, 'xl/sharedStrings.xml')).toMatch(/<t[^>]*>=cmd\|/);
    for (const sheet of ['sheet1', 'sheet2', 'sheet3']) {
      const xml = zipEntry(bytes, `xl/worksheets/${sheet}.xml`)!;
      expect(xml).not.toMatch(/<f>[^<]*(cmd|HYPERLINK)/);
      expect(xml).not.toContain('<hyperlink');
    }
  });

  test('a figure no formula reproduces is written as the value, with a note saying so', async () => {
    const r = makeFixture();
    const a01 = r.reps[0]!;
    // Pretend a payout cap cut A01 to 8,000: bonus + commission − deductions (8,980) no longer equals the payout.
    r.reps[0] = { ...a01, payout: 8000, rounded: { ...a01.rounded, payout: 8000 } };
    const w = await readWorkbook(await reportBytes(r, ctx));
    const cell = w.getWorksheet('Summary')!.getCell(`${S('Payout')}3`);
    expect(cell.value).toBe(8000);
    expect(JSON.stringify(cell.note)).toContain('Value from kpi, not a formula');
  });
});

describe('determinism', () => {
  test('same inputs give byte-identical files', async () => {
    const again = await reportBytes(makeFixture(), ctx);
    expect(again.equals(bytes)).toBe(true);
  });
  test('every zip entry carries the fixed 1980-01-01 00:00 timestamp, in the central directory and the local headers', () => {
    // DOS date (0 << 9) | (1 << 5) | 1 = 33, time 0: central directory entries at +12/+14, local headers at +10/+12.
    const entries = (signature: number[], at: number) => {
      const out: [number, number][] = [];
      for (let p = bytes.indexOf(Buffer.from(signature)); p >= 0; p = bytes.indexOf(Buffer.from(signature), p + 4)) {
        out.push([bytes.readUInt16LE(p + at), bytes.readUInt16LE(p + at + 2)]);
      }
      return out;
    };
    const central = entries([0x50, 0x4b, 0x01, 0x02], 12);
    const local = entries([0x50, 0x4b, 0x03, 0x04], 10);
    expect(central.length).toBeGreaterThan(5);
    expect(local.length).toBe(central.length);
    for (const [time, date] of [...central, ...local]) expect([time, date]).toEqual([0, 33]);
  });
});

describe('writeReport', () => {
  test('writes the file atomically', async () => {
    const target = path.join(dir, 'report.xlsx');
    await writeReport(result, ctx, target);
    // The file is the report built in memory plus the scheme's path from where it was written (for kpi verify).
    expect(readFileSync(target).equals(await reportBytes(result, { ...ctx, schemeFromReport: schemeFromReport(ctx.schemeFile, target) }))).toBe(true);
  });
  test('refuses to overwrite an input file', async () => {
    const input = path.join(dir, 'sales.xlsx');
    writeFileSync(input, 'data');
    const c = { ...ctx, model: { ...fixtureModel, sources: [{ ...fixtureModel.sources[0]!, file: input }] } };
    const err = await writeReport(result, c, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect(readFileSync(input, 'utf8')).toBe('data');
  });
});
