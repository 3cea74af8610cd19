// The rows behind a lead's scorecard, for disputes: a team lead scored on a rollup lists the whole team's rows (each
// naming its rep), since the lead's figures are their sums. A rep's own rows stay on the report (README).
// The rows are written straight into the sheet XML (fillRows): read back, they are the cells exceljs would write.
import path from 'node:path';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { cardExtras } from '../../src/commands/report-extras.js';
import { outputContext } from '../../src/commands/score.js';
import { readWorkbook, type Worksheet } from '../../src/output/excel.js';
import { scorecardBytes } from '../../src/output/scorecards.js';
import { fixtureInputs, fixtureModel, fixtureRowsBehind, makeFixture } from './fixture.js';
import { kpi, ROOT } from '../e2e/run.js';

const SCHEME = path.join(ROOT, 'test/fixtures/pay/netted.yaml');

/** Rep id, row in file and the key column of every listed row, in order. */
function listed(ws: Worksheet): string[] {
  let head = 0;
  ws.eachRow((row, n) => {
    if (head === 0 && row.getCell(1).value === 'Rep ID') head = n;
  });
  const out: string[] = [];
  ws.eachRow((row, n) => {
    if (n > head) out.push(`${String(row.getCell(1).value)} ${String(row.getCell(3).value)} ${String(row.getCell(4).value)}`);
  });
  return out;
}
const texts = (ws: Worksheet) => {
  const out: string[] = [];
  ws.eachRow((r) =>
    r.eachCell((c) => {
      if (typeof c.value === 'string') out.push(c.value);
    }),
  );
  return out;
};

describe('scorecard rows (test/fixtures/pay/netted.yaml: Lee leads East, Ann and Bo; Kim is in KA)', async () => {
  const p = await prepareRun(SCHEME, undefined);
  if (!p.ok) throw new Error(JSON.stringify(p));
  const result = score(p.run);
  const ctx = { ...outputContext(p.run), ...cardExtras(p.run) };
  const card = async (id: string) => readWorkbook(await scorecardBytes(result, result.reps.find((r) => r.rep.id === id)!, ctx));

  test('the lead’s card lists every row of the team behind the figures, each with its rep', async () => {
    const wb = await card('L1');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Scorecard', 'Rows sales']);
    const ws = wb.getWorksheet('Rows sales')!;
    // Lee has no rows of his own; Ann's (rows 2–7 of sales.csv, the two October ones outside the period) and Bo's.
    expect(listed(ws)).toEqual(['A1 4 O1', 'A1 5 O2', 'A1 6 R1', 'A1 7 A0', 'B2 8 O5']);
    expect(texts(ws)).toContain('This card is scored on team East: these are the rows of its 3 reps (L1, A1, B2), each with the rep it belongs to.');
    // What each row did: the renewal is not counted by revenue, the refund row is (netted, then added back).
    const verdicts = new Map<string, unknown>();
    ws.eachRow((row) => verdicts.set(String(row.getCell(4).value), row.getCell(row.cellCount).value));
    expect(verdicts.get('R1')).toBe('not counted: needs stage in (Won, Refunded)');
    expect(verdicts.get('A0')).toBe('counted');
    // The amounts and dates as cells of their types: what the lead's 97,000 adds up from.
    let sum = 0;
    ws.eachRow((row) => {
      if (row.getCell(8).value === 'counted') sum += row.getCell(6).value as number;
    });
    expect(sum).toBe(result.reps.find((r) => r.rep.id === 'L1')!.metrics[0]!.actual);
  });

  test('a rep’s card has no Rows sheet: a rep’s own rows are on the report’s Rows sheets', async () => {
    expect((await card('A1')).worksheets.map((w) => w.name)).toEqual(['Scorecard']);
    expect((await card('K3')).worksheets.map((w) => w.name)).toEqual(['Scorecard']);
  });

  test('kpi score --scorecards writes them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-card-rows-'));
    try {
      const r = kpi(['score', SCHEME, '--scorecards', path.join(dir, 'cards')]);
      expect(r.code, r.stderr).toBe(0);
      const lee = readdirSync(path.join(dir, 'cards')).find((f) => f.includes('L1'))!;
      expect(listed((await readWorkbook(readFileSync(path.join(dir, 'cards', lee)))).getWorksheet('Rows sales')!)).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scorecard rows written into the XML read back as exceljs cells', async () => {
  const result = makeFixture();
  const reps = result.reps.map((r) => r.rep);
  const rows = fixtureRowsBehind(result, true);
  const ctx = { schemeFile: fixtureModel.schemeFile, inputs: fixtureInputs, issues: [], toolVersion: '0.1.0', model: fixtureModel, cardRows: () => rows };
  // A lead on a rollup (the rows are the fixture's own, not the team's: what is written is what cardRows gives).
  const lead = { ...result.reps[0]!, rollup: { basis: 'team' as const, members: reps.map((r) => r.id) } };
  const wb = await readWorkbook(await scorecardBytes(result, lead, ctx));
  const ws = wb.getWorksheet('Rows sales')!;
  const at = (key: string) => {
    let n = 0;
    ws.eachRow((r, i) => {
      if (r.getCell(4).value === key) n = i;
    });
    return ws.getRow(n);
  };

  test('text, numbers, dates, money and percentages in their formats; formula-like text stays text', () => {
    const a = at('SO-1');
    expect(a.getCell(1).value).toBe(reps[0]!.id);
    expect(a.getCell(2).value).toBe(reps[0]!.name);
    expect(a.getCell(3).value).toBe(12);
    expect(a.getCell(5).value).toEqual(new Date(Date.UTC(2026, 10, 3))); // serial 46329, a date cell
    expect(a.getCell(6).value).toBe(1500.5);
    expect(a.getCell(6).numFmt).toContain('#,##0.00');
    expect(a.getCell(8).value).toBe(0.6);
    expect(a.getCell(8).numFmt).toBe('0.0%');
    expect(a.getCell(9).value).toBe('counted');
    const b = at('=SO-2');
    expect(b.getCell(4).numFmt).toBe('@');
    expect(b.getCell(7).value).toBe('Lost & <lost>');
    expect(b.getCell(8).value).toBeNull();
    expect(b.getCell(9).value).toBe('not counted: needs stage = Won');
    const c = at(' padded ');
    expect(c.getCell(5).value).toBeNull();
    expect(c.getCell(6).value).toBe(-3.25);
    expect(c.getCell(9).value).toBe('not counted: blank stage');
  });

  test('the limit, the filter over every row, the header repeated on every printed page', () => {
    expect(texts(ws).some((x) => x.startsWith('Limit of 3 rows over all sources: 2 reps with 9 rows not listed'))).toBe(true);
    const head = at('SO-1').number - 1;
    expect(ws.autoFilter).toBe(`A${head}:I${head + 3}`);
    expect(ws.pageSetup.printTitlesRow).toBe(`${head}:${head}`);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    // No probe left behind.
    expect(texts(ws)).not.toContain('x');
    expect(texts(ws)).not.toContain('=x');
  });
});

describe('a lead paid 回款 on the team’s payments: the card lists the payments source too', async () => {
  // netted.yaml with a 回款 component on collections.csv (no metric reads that source): Lee is paid on Ann's and Bo's
  // payments, so his card carries them beside the sales rows, each with what decides whether it earns.
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-card-collections-'));
  cpSync(path.dirname(SCHEME), dir, { recursive: true });
  const scheme = readFileSync(path.join(dir, 'netted.yaml'), 'utf8')
    .replace(
      'reps:\n',
      [
        '  collections:',
        '    file: collections.csv',
        '    rep: rep',
        '    date: paid_on',
        '    columns:',
        '      rep: Rep ID',
        '      invoice: Invoice',
        '      invoiced: { header: Invoice Amount, type: money }',
        '      paid: { header: Paid, type: money }',
        '      invoiced_on: { header: Invoice Date, type: date }',
        '      paid_on: { header: Paid On, type: date }',
        'reps:',
        '',
      ].join('\n'),
    )
    .concat(
      'components:\n  - { name: cash, label: Cash 2%, kind: collection, source: collections, paid: paid, paid_date: paid_on, invoice_date: invoiced_on, invoice: invoice, invoice_amount: invoiced, rate: 2% }\n',
    );
  writeFileSync(path.join(dir, 'netted.yaml'), scheme);
  writeFileSync(
    path.join(dir, 'collections.csv'),
    [
      'Rep ID,Invoice,Invoice Amount,Paid,Invoice Date,Paid On',
      'A1,F1,50000,50000,2026-10-20,2026-11-09',
      'B2,F5,20000,5000,,2026-11-25',
      'K3,F7,9000,9000,2026-11-01,2026-11-03',
      '',
    ].join('\n'),
  );
  const p = await prepareRun(path.join(dir, 'netted.yaml'), undefined);
  rmSync(dir, { recursive: true, force: true });
  if (!p.ok) throw new Error(JSON.stringify(p));
  const result = score(p.run);
  const ctx = { ...outputContext(p.run), ...cardExtras(p.run) };
  const card = async (id: string) => readWorkbook(await scorecardBytes(result, result.reps.find((r) => r.rep.id === id)!, ctx));

  test('a Rows sheet for the payments: every payment of the team, the one without an invoice date not counted', async () => {
    const wb = await card('L1');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Scorecard', 'Rows sales', 'Rows collections']);
    const ws = wb.getWorksheet('Rows collections')!;
    expect(listed(ws)).toEqual(['A1 2 F1', 'B2 3 F5']);
    expect(texts(ws)).toContain('Cash 2%');
    const verdicts = new Map<string, unknown>();
    ws.eachRow((row) => verdicts.set(String(row.getCell(4).value), row.getCell(row.cellCount).value));
    expect(verdicts.get('F1')).toBe('counted');
    expect(verdicts.get('F5')).toBe('not counted: blank invoiced_on');
  });
});
