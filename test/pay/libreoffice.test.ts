// LibreOffice recomputes the report and scorecards of the plan-rules feature matrix (test/fixtures/pay): every
// formula — including each pay line's (components, clawback, 红线) and the basis-keyed multiplier — must give
// the CLI's figure. And the kinds are really there as formulas, not values.
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWorkbook, workbookToBuffer } from '../../src/output/excel.js';
import { SUMMARY_HEADER_ROW } from '../../src/output/sheets/common.js';
import { reportBytes } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { compareFormulas, recalcWithLibreOffice, sofficePath } from '../output/libreoffice.js';

const SCHEME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pay/scheme.yaml');
const soffice = sofficePath();
const on = soffice !== null || Boolean(process.env.CI);
const title = on ? 'LibreOffice recalculation of the plan rules' : 'LibreOffice recalculation of the plan rules (SKIPPED: soffice not found)';
if (!on) console.warn(`[test/pay] ${title}`);

async function prepared(period?: string) {
  const p = await prepareRun(SCHEME, period);
  if (!p.ok) throw new Error(JSON.stringify(p));
  const result = score(p.run);
  const ctx = { schemeFile: SCHEME, inputs: p.run.inputs, issues: p.run.readIssues, toolVersion: '0.1.0', model: p.run.model };
  return { result, ctx };
}

describe('pay lines in the report', () => {
  test('each kind has a live formula where the rule gives one', async () => {
    const { result, ctx } = await prepared();
    const wb = await readWorkbook(await reportBytes(result, ctx));
    const ws = wb.getWorksheet('Pay lines')!;
    const formulas = new Map<string, string>();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.getCell(7).value as { formula?: string } | null;
      formulas.set(`${String(row.getCell(1).value)} ${String(row.getCell(3).value)}`, v && typeof v === 'object' && v.formula ? v.formula : '(value)');
    });
    expect(formulas.get('A1 Renewals 1%')).toMatch(/^E\d+\*F\d+$/);
    expect(formulas.get('A1 New key account')).toMatch(/^E\d+\*F\d+$/);
    expect(formulas.get('A1 120% kicker')).toMatch(/^IF\(AND\(ISNUMBER\(Details!J\d+\),Details!J\d+>=1\.2\),F\d+,0\)$/);
    expect(formulas.get('A1 回款提成')).toMatch(/^E\d+\*F\d+$/);
    expect(formulas.get('A1 Clawback A0')).toMatch(/^MAX\(0,MIN\(J\d+,\(K\d+-L\d+\)\)\)\*F\d+$/);
    expect(formulas.get('A1 红线 complaint')).toMatch(/^MIN\(\(E\d+\*F\d+\),E\d+\)$/);
    expect(formulas.get('B2 红线 discount_breach')).toMatch(/^F\d+$/);
    // The multiplier keyed on revenue achievement (a Details cell) × the total score.
    const summary = wb.getWorksheet('Summary')!;
    const n = [1, 2, 3, 4, 5].map((r) => SUMMARY_HEADER_ROW + r).find((r) => summary.getCell(`B${r}`).value === 'A1')!;
    const k = [1, 2, 3, 4, 5].map((r) => SUMMARY_HEADER_ROW + r).find((r) => summary.getCell(`B${r}`).value === 'K3')!;
    expect(String(summary.getCell(`E${k}`).note)).toMatch(/plan of role kam/);
    expect(summary.getCell(`E${n}`).note).toBeUndefined();
    let mult = 0;
    summary.getRow(SUMMARY_HEADER_ROW).eachCell((c, i) => {
      if (c.value === 'Multiplier') mult = i;
    });
    expect((summary.getCell(n, mult).value as { formula: string }).formula).toMatch(/^IF\([A-Z]+\d+<>"",0,.*LOOKUP\(Details!J\d+,Scheme!.*\*[A-Z]+\d+\)?\)$/);
  });
});

describe.skipIf(!on)(title, () => {
  test('every formula in the report recomputes to the CLI figure (month and YTD true-up)', async () => {
    for (const period of [undefined, '2026-11-YTD']) {
      const { result, ctx } = await prepared(period);
      const bytes = await reportBytes(result, ctx);
      const { formulas, mismatches } = compareFormulas(await readWorkbook(bytes), await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', bytes)));
      expect(mismatches).toEqual([]);
      expect(formulas).toBeGreaterThan(30);
    }
  }, 300_000);
  test('every formula in each scorecard recomputes to the CLI figure', async () => {
    const { result, ctx } = await prepared();
    for (const r of result.reps) {
      const bytes = await workbookToBuffer(buildScorecard(result, r, ctx));
      const { formulas, mismatches } = compareFormulas(await readWorkbook(bytes), await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', bytes)));
      expect(mismatches).toEqual([]);
      expect(formulas).toBeGreaterThan(5);
    }
  }, 300_000);
});

describe('the Summary adds up the pay lines and looks up each plan', () => {
  const col = (ws: import('../../src/output/excel.js').Worksheet, name: string): number => {
    let k = 0;
    ws.getRow(SUMMARY_HEADER_ROW).eachCell((c, i) => {
      if (c.value === name) k = i;
    });
    return k;
  };
  const formulaOf = (v: unknown): string => (v && typeof v === 'object' && 'formula' in v ? String((v as { formula: string }).formula) : '(value)');

  test('commission = the commission formula + the components on Pay lines; amount off = the lines taken off; a kam rep looks up the kam tiers', async () => {
    const { result, ctx } = await prepared();
    const wb = await readWorkbook(await reportBytes(result, ctx));
    const summary = wb.getWorksheet('Summary')!;
    const row = (id: string) => [1, 2, 3, 4, 5].map((r) => SUMMARY_HEADER_ROW + r).find((r) => summary.getCell(`B${r}`).value === id)!;
    // B2: the default commission on revenue plus each component's rounded amount.
    const b2 = formulaOf(summary.getCell(row('B2'), col(summary, 'Commission')).value);
    expect(b2).toMatch(/ROUND\(.*Details!F\d+.*\)\+'Pay lines'!H\d+\)*\+'Pay lines'!H\d+/);
    // K3 (kam): no commission of its own plan, only its SPIFF line.
    expect(formulaOf(summary.getCell(row('K3'), col(summary, 'Commission')).value)).toMatch(/^'Pay lines'!H\d+$/);
    // Amount off: the 红线 lines (and clawbacks, paid to date) on the Pay lines sheet.
    expect(formulaOf(summary.getCell(row('B2'), col(summary, 'Amount off')).value)).toMatch(/'Pay lines'!G\d+/);
    // K3's multiplier from the kam plan's own table, below the default's on the Scheme sheet.
    const k3 = formulaOf(summary.getCell(row('K3'), col(summary, 'Multiplier')).value);
    const at = /LOOKUP\(Details!J\d+,Scheme!\$G\$(\d+):/.exec(k3);
    expect(at).not.toBeNull();
    expect(Number(at![1])).toBeGreaterThan(6);
    expect(wb.getWorksheet('Scheme')!.getCell(`F${Number(at![1]) - 2}`).value).toBe('Plan of role kam');
  });

  test('a zh-CN run: the Pay lines sheet, its headings and how each line was computed are in Chinese', async () => {
    const { result, ctx } = await prepared();
    const wb = await readWorkbook(await reportBytes(result, { ...ctx, locale: 'zh-CN' }));
    const ws = wb.getWorksheet('计酬明细')!;
    expect(ws).toBeDefined();
    expect(ws.getCell('C1').value).toBe('项目');
    const how: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) how.push(`${String(r.getCell(3).value)} | ${String(r.getCell(13).value)}`);
    });
    expect(how.some((x) => /^红线 complaint \| 红线 complaint：奖金的 10(\.0)?% = /.test(x))).toBe(true);
    expect(how.some((x) => /^追回 A0 \| 追回：订单 A0/.test(x))).toBe(true);
    expect(how.join('\n')).not.toMatch(/clawback:|paid to date|off the payout|points off/);
  });
});
