// The report's Dashboard: the charts' cached points are the run's figures, the chart tables are live formulas
// over Summary/Details, and every chart part follows the schema's element order.
import { describe, expect, test } from 'vitest';
import { readWorkbook } from '../../src/output/excel.js';
import { reportBytes, type ReportContext } from '../../src/output/report.js';
import { PAYOUT_CHART_MAX } from '../../src/output/sheets/dashboard.js';
import { entryText, readZip } from '../../src/output/zip.js';
import type { RunResult } from '../../src/core/results.js';
import { schemaOrderErrors } from './chart-schema.js';
import { child, findAll, parseXml, type XmlNode } from './xml-tree.js';
import { fixtureInputs, fixtureIssues, fixtureModel, fixtureSchemeText, makeFixture } from './fixture.js';

const ctx: ReportContext = {
  schemeFile: fixtureModel.schemeFile,
  schemeText: fixtureSchemeText,
  inputs: fixtureInputs,
  issues: fixtureIssues,
  toolVersion: '0.1.0',
  model: fixtureModel,
};
const result = makeFixture();
const bytes = await reportBytes(result, ctx);
const parts = new Map(readZip(bytes).map((e) => [e.name, entryText(e)]));
const chart = (n: number) => parseXml(parts.get(`xl/charts/chart${n}.xml`)!);

interface Series {
  name: string;
  f: string | undefined;
  categories: string[];
  values: (number | null)[];
}
function series(root: XmlNode): Series[] {
  return findAll(root, 'c:ser').map((s) => {
    const count = Number(findAll(child(s, 'c:val')!, 'c:ptCount')[0]!.attrs.val);
    const values: (number | null)[] = new Array<number | null>(count).fill(null);
    for (const pt of findAll(child(s, 'c:val')!, 'c:pt')) values[Number(pt.attrs.idx)] = Number(findAll(pt, 'c:v')[0]!.text);
    return {
      name: findAll(child(s, 'c:tx')!, 'c:v')[0]!.text,
      f: findAll(child(s, 'c:val')!, 'c:f')[0]?.text,
      categories: findAll(child(s, 'c:cat')!, 'c:v').map((v) => v.text),
      values,
    };
  });
}
const title = (root: XmlNode) =>
  findAll(child(child(root, 'c:chart')!, 'c:title')!, 'a:t')
    .map((t) => t.text)
    .join('');

describe('Dashboard', () => {
  test('the report opens on the Dashboard, which holds the four charts', async () => {
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets[0]!.name).toBe('Dashboard');
    expect(parts.get('xl/workbook.xml')).toMatch(/<sheets><sheet [^>]*name="Dashboard"/);
    const dashboardPart = [...parts.keys()].find((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k) && parts.get(k)!.includes('<drawing r:id='));
    expect(dashboardPart).toBeDefined();
    expect(parts.get('xl/drawings/drawing1.xml')!.match(/<xdr:twoCellAnchor/g)).toHaveLength(4);
    for (const n of [1, 2, 3, 4]) expect(schemaOrderErrors(chart(n))).toEqual([]);
    expect(schemaOrderErrors(parseXml(parts.get('xl/drawings/drawing1.xml')!))).toEqual([]);
  });

  test('payout by rep: every rep, highest payout first, the rounded payouts', () => {
    const [s] = series(chart(1));
    const expected = [...result.reps].sort((a, b) => b.rounded.payout - a.rounded.payout || a.rank - b.rank);
    expect(title(chart(1))).toBe('Payout by rep');
    expect(s!.categories).toEqual(expected.map((r) => r.rep.name.normalize('NFC')));
    expect(s!.values).toEqual(expected.map((r) => r.rounded.payout));
    expect(s!.f).toMatch(/^'Dashboard'!\$B\$\d+:\$B\$\d+$/);
  });

  test('reps per tier: counts by the tier of the total score', () => {
    const [s] = series(chart(2));
    const tiers = fixtureModel.bonus.tiers.map((t) => t.label);
    expect(s!.categories).toEqual(tiers);
    expect(s!.values).toEqual(tiers.map((t) => result.reps.filter((r) => r.tier?.label === t).length));
    expect(s!.values.reduce((a, b) => a! + b!, 0)).toBe(result.reps.length);
  });

  test("average score by team: the core's team averages", () => {
    const [s] = series(chart(3));
    expect(s!.categories).toEqual(result.teams.map((t) => t.team));
    expect(s!.values).toEqual(result.teams.map((t) => t.averageScore));
  });

  test('achievement per metric: mean over reps with the metric weighted and a value, and the share at target', () => {
    const [mean, share] = series(chart(4));
    const weighted = ['revenue', 'win_rate', 'new_customers', 'collection_rate', 'days_to_collect', 'csat'];
    expect(mean!.categories).toEqual(weighted.map((m) => fixtureModel.metrics.find((x) => x.name === m)!.label));
    weighted.forEach((m, i) => {
      const achs = result.reps.flatMap((r) => r.metrics.filter((x) => x.metric === m && x.weight > 0 && x.achievement !== null).map((x) => x.achievement!));
      expect(mean!.values[i]).toBeCloseTo(achs.reduce((a, b) => a + b, 0) / achs.length, 12);
      expect(share!.values[i]).toBeCloseTo(achs.filter((a) => a >= 1).length / achs.length, 12);
    });
  });

  test('the sheet the report opens on says whether the run is final (row 6, above the charts)', async () => {
    const ws = (await readWorkbook(bytes)).getWorksheet('Dashboard')!;
    expect(ws.getCell('A6').value).toMatch(/^NOT FINAL: \d+ data issues?/);
  });

  test('the chart tables are formulas over Summary and Details, with the figures cached', async () => {
    const ws = (await readWorkbook(bytes)).getWorksheet('Dashboard')!;
    const cells: { address: string; formula: string; result: unknown }[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as { formula?: string; result?: unknown };
        if (v && typeof v === 'object' && v.formula) cells.push({ address: c.address, formula: v.formula, result: v.result });
      }),
    );
    // The Summary's reps start on row 3 (row 1 is the run's status, row 2 the headers).
    expect(cells.find((c) => c.formula.startsWith('ROUND(SUM(Summary!$T$3:$T$'))?.result).toBe(result.totalPayout);
    expect(cells.filter((c) => /^Summary!T\d+$/.test(c.formula))).toHaveLength(result.reps.length);
    expect(cells.filter((c) => c.formula.includes('EXACT(Details!$D$2:$D$')).length).toBe(2 * 6);
  });

  test('a large roster shows the highest payouts only, and says so', async () => {
    const many: RunResult = {
      ...result,
      reps: Array.from({ length: 60 }, (_, i) => ({
        ...result.reps[i % result.reps.length]!,
        rep: { ...result.reps[i % result.reps.length]!.rep, id: `R${i}`, name: `Rep ${i}` },
        rank: i + 1,
        rounded: { ...result.reps[0]!.rounded, payout: 1000 + i },
      })),
    };
    const p = new Map(readZip(await reportBytes(many, ctx)).map((e) => [e.name, entryText(e)]));
    const c = parseXml(p.get('xl/charts/chart1.xml')!);
    expect(title(c)).toBe(`Payout by rep (top ${PAYOUT_CHART_MAX} of 60)`);
    expect(series(c)[0]!.values).toHaveLength(PAYOUT_CHART_MAX);
    expect(series(c)[0]!.values[0]).toBe(1059);
  });
});
