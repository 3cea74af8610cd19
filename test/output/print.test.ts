// The report and scorecards of both shipped examples, printed by LibreOffice to PDF: a scorecard is one page of the
// locale's paper, the Summary is one page wide, the report opens on the Dashboard; and LibreOffice recomputes every
// formula of the full report (team rollup, comparison, sign-off included) to the CLI's figures.
// Needs soffice and poppler-utils (pdfinfo, pdftotext); CI installs both. Skipped visibly without them elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { outputContext } from '../../src/commands/score.js';
import { cardExtras, reportExtras } from '../../src/commands/report-extras.js';
import { readWorkbook } from '../../src/output/excel.js';
import { reportBytes } from '../../src/output/report.js';
import { scorecardBytes } from '../../src/output/scorecards.js';
import { compareFormulas, printWithLibreOffice, recalcWithLibreOffice, sofficePath } from './libreoffice.js';
import { translator } from '../../src/messages/index.js';

// acme is in English (en-US, Letter); china in Chinese (zh-CN, A4): the words are checked in each language.
const words = { acme: translator('en-US'), china: translator('zh-CN') };

const soffice = sofficePath();
const poppler = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdfinfo']).status === 0;
const run = (soffice !== null && poppler) || Boolean(process.env.CI);
const title = run
  ? 'printed pages (LibreOffice)'
  : 'printed pages (SKIPPED: needs soffice and pdftotext; apt-get install -y libreoffice-calc-nogui poppler-utils)';
if (!run) console.warn(`[test/output] ${title}`);

interface Pdf {
  pages: string[];
  size: string;
}

function readPdf(bytes: Buffer): Pdf {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-pdftext-'));
  try {
    const file = path.join(dir, 'p.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pages: text.split('\f').filter((p) => p.trim() !== ''), size: /Page size:\s+(.*)/.exec(info)?.[1] ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sheet a page belongs to, from its footer (sheet name left, "Page n of N" right). */
const sheetOf = (page: string) => /\n\s*(\S.*?)\s{2,}(?:Page|第) /.exec(page.trimEnd().split('\n').slice(-1).join('\n').replace(/^/, '\n'))?.[1];

async function build(name: string, cards: string[]) {
  const p = await prepareRun(`examples/${name}/scheme.yaml`, undefined);
  if (!p.ok) throw new Error(`examples/${name} failed to load`);
  const result = score(p.run);
  const ctx = { ...outputContext(p.run), ...reportExtras(p.run, result) };
  const files = new Map<string, Uint8Array>([[`${name}-report`, await reportBytes(result, ctx)]]);
  for (const id of cards) files.set(`${name}-${id}`, await scorecardBytes(result, result.reps.find((r) => r.rep.id === id)!, ctx));
  return { result, files };
}

describe.skipIf(!run)(title, async () => {
  if (!run) return;
  // R112: prorated new hire with a long "what it takes"; R103: commission slices; XS004/XS001 likewise in CNY.
  const acme = await build('acme', ['R112', 'R103']);
  const china = await build('china', ['XS004', 'XS001']);
  // A team lead on a rollup (test/fixtures/pay/netted.yaml): the card, then the team's rows behind it.
  const netted = await prepareRun('test/fixtures/pay/netted.yaml', undefined);
  if (!netted.ok) throw new Error('test/fixtures/pay/netted.yaml failed to load');
  const nettedResult = score(netted.run);
  const lead = await scorecardBytes(nettedResult, nettedResult.reps.find((r) => r.rep.id === 'L1')!, {
    ...outputContext(netted.run),
    ...cardExtras(netted.run),
  });
  const pdfs = printWithLibreOffice(soffice ?? 'soffice', new Map([...acme.files, ...china.files, ['lead-L1', lead]]));
  const pdf = (n: string) => readPdf(pdfs.get(n)!);

  test.each([
    ['acme', 'R112', 'letter'],
    ['acme', 'R103', 'letter'],
    ['china', 'XS004', 'A4'],
    ['china', 'XS001', 'A4'],
  ])('%s scorecard %s: one %s page, nothing cut off', (ex, id, paper) => {
    const p = pdf(`${ex}-${id}`);
    expect(p.pages).toHaveLength(1);
    expect(p.size).toContain(`(${paper})`);
    // The longest labels and explanations are printed whole.
    const t = words[ex as 'acme' | 'china'];
    expect(p.pages[0]).toContain(t('card.totalHow'));
    expect(p.pages[0]).toContain(t('card.whatItTakes'));
    expect(p.pages[0]).toMatch(ex === 'acme' ? /Commission \S+ to / : /提成 \S+ (至|以上)/);
  });

  test('a team lead’s scorecard: the card on one page, then the team’s rows, one page wide, the header on each page', () => {
    const p = pdf('lead-L1');
    const sheets = p.pages.map(sheetOf);
    expect(sheets).toEqual(['Scorecard', 'Rows sales']);
    expect(p.pages[0]).toContain(words.acme('card.whatItTakes'));
    expect(p.pages[1]).toContain('This card is scored on team East');
    for (const id of ['A1', 'B2']) expect(p.pages[1]).toMatch(new RegExp(`\\b${id}\\b`));
  });

  test.each([
    ['acme', 'letter'],
    ['china', 'A4'],
  ])('%s report: opens on the Dashboard, Summary one page wide, sign-off last (%s)', (ex, paper) => {
    const p = pdf(`${ex}-report`);
    const { result } = ex === 'acme' ? acme : china;
    expect(p.size).toContain(`(${paper})`);
    const t = words[ex as 'acme' | 'china'];
    const sheets = p.pages.map(sheetOf);
    expect(sheets[0]).toBe(t('sheet.dashboard'));
    expect(sheets[p.pages.length - 1]).toBe(t('sheet.signoff'));
    const summary = p.pages.filter((_, i) => sheets[i] === t('sheet.summary'));
    expect(summary).toHaveLength(1);
    // First and last columns on the same page, and every rep on it.
    expect(summary[0]).toContain(t('col.rank'));
    expect(summary[0]).toContain(t('col.note'));
    for (const r of result.reps) expect(summary[0]).toContain(r.rep.id);
    expect(p.pages.filter((_, i) => sheets[i] === t('sheet.dashboard'))).toHaveLength(1);
    expect(p.pages.filter((_, i) => sheets[i] === t('sheet.signoff'))).toHaveLength(1);
  });

  test('LibreOffice recomputes every formula of the full report to the CLI figures', async () => {
    const bytes = acme.files.get('acme-report')!;
    const ours = await readWorkbook(bytes);
    expect(ours.worksheets.map((w) => w.name)).toEqual([
      'Dashboard',
      'Summary',
      'Teams',
      'vs 2026-10',
      'Details',
      'Rows sales',
      'Rows customers',
      'Rows collections',
      'Rows csat',
      'Data issues',
      'Scheme',
      'Run',
      'Sign-off',
    ]);
    const { formulas, mismatches } = compareFormulas(ours, await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', bytes)));
    expect(mismatches).toEqual([]);
    expect(formulas).toBeGreaterThan(500);
  });

  test('LibreOffice recomputes the Chinese report (sheet names in Chinese inside the formulas) to the CLI figures', async () => {
    const bytes = china.files.get('china-report')!;
    const ours = await readWorkbook(bytes);
    expect(ours.worksheets[0]!.name).toBe('概览');
    expect(ours.worksheets.map((w) => w.name)).toContain('明细');
    const { formulas, mismatches } = compareFormulas(ours, await readWorkbook(recalcWithLibreOffice(soffice ?? 'soffice', bytes)));
    expect(mismatches).toEqual([]);
    expect(formulas).toBeGreaterThan(100);
  });
});
