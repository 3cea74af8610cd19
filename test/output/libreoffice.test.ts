// LibreOffice recomputes the report (and a scorecard) headless; every formula must give the CLI's figure:
// money to the cent, scores and rates to 1e-12. Skipped, visibly, only when soffice is absent outside CI.
// CI installs it: apt-get update && apt-get install -y libreoffice-calc-nogui
import { describe, expect, test } from 'vitest';
import { createWorkbook, readWorkbook, setFormula, workbookToBuffer } from '../../src/output/excel.js';
import { reportBytes } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { readZip } from '../../src/output/zip.js';
import { fixtureInputs, fixtureIssues, fixtureModel, fixtureSchemeText, makeFixture } from './fixture.js';
import { compareFormulas as compare, recalcWithLibreOffice, sofficePath } from './libreoffice.js';

const soffice = sofficePath();
const run = soffice !== null || Boolean(process.env.CI);
const title = run ? 'LibreOffice recalculation' : 'LibreOffice recalculation (SKIPPED: soffice not found; apt-get install -y libreoffice-calc-nogui)';
if (!run) console.warn(`[test/output] ${title}`);

const ctx = {
  schemeFile: fixtureModel.schemeFile,
  schemeText: fixtureSchemeText,
  inputs: fixtureInputs,
  issues: fixtureIssues,
  toolVersion: '0.1.0',
  model: fixtureModel,
};

describe.skipIf(!run)(title, () => {
  test('LibreOffice really recalculates on load (a wrong cached value gets corrected)', async () => {
    const wb = createWorkbook(new Date(0), 'kpi test');
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 2;
    setFormula(ws.getCell('A2'), 'A1*3', 999); // deliberately wrong cache
    const lo = await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', await workbookToBuffer(wb)));
    expect((lo.getWorksheet('S')!.getCell('A2').value as { result: number }).result).toBe(6);
  });

  test('every formula in the report recomputes to the CLI figure', async () => {
    const bytes = await reportBytes(makeFixture(), ctx);
    const ours = await readWorkbook(bytes);
    const saved = recalcWithLibreOffice(soffice ?? 'soffice', bytes);
    const theirs = await readWorkbook(saved);
    // LibreOffice read the four Dashboard charts (it saves only the charts it understood).
    expect(readZip(saved).filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name))).toHaveLength(4);
    const { formulas, mismatches } = compare(ours, theirs);
    expect(mismatches).toEqual([]);
    // The comparison can fail: a cached payout off by one cent is caught.
    const cell = ours.getWorksheet('Summary')!.getCell('T3'); // Payout
    cell.value = { formula: 'ROUND(((P3+Q3)-S3),2)', result: 8980.01 } as never;
    expect(compare(ours, theirs).mismatches).toHaveLength(1);
    // 7 reps × 7 metrics × up to 3 formulas + 7 × 8 Summary formulas + subtotals: far more than a token few.
    expect(formulas).toBeGreaterThan(150);
  });

  test('every formula in a scorecard recomputes to the CLI figure', async () => {
    const result = makeFixture();
    for (const id of ['A05', 'A04', 'A06']) {
      const r = result.reps.find((x) => x.rep.id === id)!;
      const bytes = await workbookToBuffer(buildScorecard(result, r, ctx));
      const { formulas, mismatches } = compare(await readWorkbook(bytes), await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', bytes)));
      expect(mismatches).toEqual([]);
      expect(formulas).toBeGreaterThan(10);
    }
  });
});
