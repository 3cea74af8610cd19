// kpi verify: an untouched report passes; any edited figure and any changed input byte fails, named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import JSZip from 'jszip';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkedRun } from '../../src/commands/pipeline.js';
import { runStatus } from '../../src/output/status.js';
import { outputContext } from '../../src/commands/score.js';
import { reportExtras } from '../../src/commands/report-extras.js';
import { writeReport } from '../../src/output/report.js';
import { verifyReport, type VerifyOutcome } from '../../src/commands/verify-report.js';
import { cellRef, compareCells, readReportCells, type SheetCells } from '../../src/plan/report-cells.js';
import { readRunSheet, NotAReport } from '../../src/plan/run-sheet.js';
import { Workbook } from '../../src/reading/xlsx/workbook.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let report: string;
let reportBytes: Buffer;
let stored: SheetCells[];

async function cellsOf(file: string): Promise<SheetCells[]> {
  const book = await Workbook.open(file, path.basename(file));
  try {
    return await readReportCells(book);
  } finally {
    book.close();
  }
}

function expectCompared(o: VerifyOutcome): Extract<VerifyOutcome, { kind: 'compared' }> {
  if (o.kind !== 'compared') throw new Error(`expected a comparison, got ${JSON.stringify(o)}`);
  return o;
}

/** The sheet XML part of each sheet name (workbook.xml → its relationships). */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = target.get(m[2]!)!.replace(/^\/?xl\//, '');
    out.set(m[1]!.replace(/&amp;/g, '&'), `xl/${t}`);
  }
  return out;
}

/** The report with one cell's stored number replaced (and its formula dropped, as typing over it does). */
async function edited(sheet: string, ref: string, value: number, dropFormula: boolean): Promise<Buffer> {
  const zip = await JSZip.loadAsync(reportBytes);
  const part = (await sheetParts(zip)).get(sheet)!;
  const xml = await zip.file(part)!.async('string');
  const cell = new RegExp(`<c r="${ref}"([^>]*?)(/>|>(.*?)</c>)`).exec(xml);
  if (cell === null) throw new Error(`no ${sheet}!${ref} in ${part}`);
  const inner = cell[3] ?? '';
  const f = dropFormula ? '' : (/<f>.*?<\/f>/.exec(inner)?.[0] ?? '');
  const attrs = cell[1]!.replace(/\s+t="[^"]*"/, '');
  const replaced = `<c r="${ref}"${attrs}>${f}<v>${value}</v></c>`;
  zip.file(part, xml.slice(0, cell.index) + replaced + xml.slice(cell.index + cell[0].length));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-verify-'));
  cpSync(path.join(ROOT, 'examples/acme'), path.join(dir, 'acme'), { recursive: true });
  mkdirSync(path.join(dir, 'reports'));
  // Written as kpi score writes it (test/e2e/plan.test.ts runs the CLI itself).
  const c = await checkedRun(path.join(dir, 'acme/scheme.yaml'), '2026-11');
  if (!c.ok) throw new Error('the example does not score');
  const { run, result, runIssues, issues } = c.checked;
  report = path.join(dir, 'reports/2026-11.xlsx');
  await writeReport(result, { ...outputContext(run, runIssues, runStatus(issues)), ...reportExtras(run, result) }, report);
  reportBytes = readFileSync(report);
  stored = await cellsOf(report);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Run sheet', () => {
  it('names the scheme by its path from the report, every input with its SHA-256, the period and language', () => {
    const r = readRunSheet(stored, 'r.xlsx');
    expect(r).toMatchObject({
      sheet: 'Run',
      schemeFile: 'scheme.yaml',
      schemeFromReport: '../acme/scheme.yaml',
      period: '2026-11',
      locale: 'en-US',
      toolVersion: '0.1.0',
      status: 'NOT FINAL',
    });
    expect(r.schemeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.inputs.map((i) => [i.source, i.file])).toEqual([
      ['sales', 'data/sales.csv'],
      ['customers', 'data/customers.csv'],
      ['collections', 'data/collections.csv'],
      ['csat', 'data/csat.csv'],
      ['reps', 'data/reps.csv'],
      ['targets', 'data/targets.csv'],
      ['deductions', 'data/penalties.csv'],
    ]);
  });

  it('a workbook without one is not a kpi report', () => {
    const other: SheetCells[] = [
      {
        name: 'Sales',
        cells: new Map([
          ['A1', { value: 'Scheme' }],
          ['B1', { value: 'x' }],
        ]),
      },
    ];
    expect(() => readRunSheet(other, 'sales.xlsx')).toThrow(NotAReport);
  });
});

describe('kpi verify', () => {
  it('an untouched report: every cell matches', async () => {
    const o = expectCompared(await verifyReport(report));
    expect(o.differences).toEqual([]);
    expect(o.cells).toBe(stored.reduce((n, s) => n + s.cells.size, 0));
    expect(o.inputs).toBe(7);
  }, 120_000);

  it('property: any edited figure is the one difference, at its sheet and cell', async () => {
    const figures = stored.flatMap((s) => [...s.cells].filter(([, c]) => typeof c.value === 'number').map(([ref, c]) => ({ sheet: s.name, ref, cell: c })));
    expect(figures.length).toBeGreaterThan(1000);
    const edits = path.join(dir, 'edited.xlsx');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: figures.length - 1 }), fc.constantFrom(0.01, 1, -1, 1000, 0.5), fc.boolean(), async (i, delta, dropFormula) => {
        const { sheet, ref, cell } = figures[i]!;
        const value = (cell.value as number) + delta === cell.value ? (cell.value as number) + 1 : (cell.value as number) + delta;
        writeFileSync(edits, await edited(sheet, ref, value, dropFormula && cell.formula !== undefined));
        const d = compareCells(stored, await cellsOf(edits));
        expect(d.map((x) => cellRef(x.sheet, x.ref))).toEqual([cellRef(sheet, ref)]);
        expect(d[0]!.found).toContain(String(value));
      }),
      { numRuns: 40 },
    );
  }, 300_000);

  it('an edited figure fails the whole command, and a formula typed over with its own value is found too', async () => {
    const summary = stored.find((s) => s.name === 'Summary')!;
    const [ref, cell] = [...summary.cells].find(([, c]) => c.formula !== undefined && typeof c.value === 'number')!;
    const edits = path.join(dir, 'reports/edited.xlsx');
    writeFileSync(edits, await edited('Summary', ref, (cell.value as number) + 0.01, false));
    const o = expectCompared(await verifyReport(edits));
    expect(o.differences).toEqual([{ sheet: 'Summary', ref, what: 'value', expected: String(cell.value), found: String((cell.value as number) + 0.01) }]);
    writeFileSync(edits, await edited('Summary', ref, cell.value as number, true));
    const d = compareCells(stored, await cellsOf(edits));
    expect(d).toEqual([{ sheet: 'Summary', ref, what: 'formula', expected: `=${cell.formula}`, found: '(a value)' }]);
  }, 120_000);

  it('property: any changed byte of an input or of the scheme is named, with both hashes', async () => {
    const files = ['scheme.yaml', ...readRunSheet(stored, 'r').inputs.map((i) => i.file)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.nat(), fc.integer({ min: 1, max: 255 }), async (file, at, xor) => {
        const full = path.join(dir, 'acme', file);
        const original = readFileSync(full);
        const changed = Buffer.from(original);
        const i = at % changed.length;
        changed[i] = changed[i]! ^ xor;
        writeFileSync(full, changed);
        try {
          const o = await verifyReport(report);
          expect(o.kind).toBe('files');
          if (o.kind !== 'files') return;
          expect(o.problems).toHaveLength(1);
          expect(o.problems[0]).toMatchObject({ problem: 'changed', file: path.relative(process.cwd(), full) });
          expect(o.problems[0]!.found).not.toBe(o.problems[0]!.expected);
        } finally {
          writeFileSync(full, original);
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);

  it('a missing input is named; moved inputs are found with --inputs or --input, a moved scheme with --scheme', async () => {
    const sales = path.join(dir, 'acme/data/sales.csv');
    const moved = path.join(dir, 'archive');
    mkdirSync(moved);
    renameSync(sales, path.join(moved, 'sales.csv'));
    try {
      const gone = await verifyReport(report);
      expect(gone).toMatchObject({ kind: 'files', problems: [{ what: 'sales', problem: 'missing', file: path.relative(process.cwd(), sales) }] });
      expect(expectCompared(await verifyReport(report, { input: [`sales=${path.join(moved, 'sales.csv')}`] })).differences).toEqual([]);
      expect(await verifyReport(report, { input: ['nope=x.csv'] })).toMatchObject({ kind: 'usage', message: expect.stringContaining('no input "nope"') });
    } finally {
      renameSync(path.join(moved, 'sales.csv'), sales);
    }
    // The whole folder of data moved, and the scheme renamed elsewhere.
    cpSync(path.join(dir, 'acme/data'), path.join(moved, 'data'), { recursive: true });
    cpSync(path.join(dir, 'acme/scheme.yaml'), path.join(moved, 'plan-2026.yaml'));
    renameSync(path.join(dir, 'acme'), path.join(dir, 'acme-old'));
    try {
      expect(await verifyReport(report)).toMatchObject({
        kind: 'files',
        problems: expect.arrayContaining([expect.objectContaining({ what: 'scheme', problem: 'missing' })]),
      });
      const o = expectCompared(await verifyReport(report, { scheme: path.join(moved, 'plan-2026.yaml'), inputs: path.join(moved, 'data') }));
      expect(o.differences).toEqual([]);
    } finally {
      renameSync(path.join(dir, 'acme-old'), path.join(dir, 'acme'));
    }
  }, 300_000);

  it('a file that is not a kpi report is a usage error', async () => {
    writeFileSync(path.join(dir, 'notes.xlsx'), 'not a workbook\n');
    expect(await verifyReport(path.join(dir, 'notes.xlsx'))).toMatchObject({
      kind: 'usage',
      message: expect.stringContaining('is not a kpi report: it is not an .xlsx workbook'),
    });
    const data = path.join(ROOT, 'test/fixtures/xlsx/libreoffice.xlsx');
    expect(await verifyReport(data)).toMatchObject({ kind: 'usage', message: expect.stringContaining('is not a kpi report: it has no Run sheet') });
    expect(await verifyReport(path.join(dir, 'missing.xlsx'))).toMatchObject({ kind: 'usage', message: expect.stringContaining('no such file') });
  });
});
