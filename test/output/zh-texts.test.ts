// A Chinese run of every shipped example is Chinese: `kpi explain` for every rep, the report (Details and the other
// sheets but three: texts and the notes on cells) and every scorecard hold no English word except the words the
// user wrote (metric names and labels, sources, columns, filter values, roles, teams, reps, tiers, the reasons in
// the deductions file), codes and file names.
// The English run of the same outputs keeps its English (the goldens hold it byte for byte). The feature-matrix
// scheme of the pay tests (every component, 红线 kind, a clawback, paid to date and the YTD true-up) is held to the
// same: its pay lines are in no shipped example.
import { describe, expect, test } from 'vitest';
import type { Cell, Worksheet } from 'exceljs';
import { prepareRun, score, type Prepared } from '../../src/commands/pipeline.js';
import { explainText } from '../../src/commands/explain.js';
import { outputContext } from '../../src/commands/score.js';
import { reportExtras } from '../../src/commands/report-extras.js';
import { buildReport } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { translator } from '../../src/messages/index.js';
import type { RunResult } from '../../src/core/results.js';

const zh = translator('zh-CN');
/** A name, its scheme and the period to score. */
const RUNS: [string, string, string | undefined][] = [
  ...(['acme', 'teams', 'china'] as const).map((x): [string, string, undefined] => [`examples/${x}`, `examples/${x}/scheme.yaml`, undefined]),
  ['the feature matrix, 2026-11', 'test/fixtures/pay/scheme.yaml', '2026-11'],
  ['the feature matrix, YTD true-up', 'test/fixtures/pay/scheme.yaml', '2026-11-YTD'],
];

/** Keys whose values are the scheme's vocabulary (sum, ratio, zero_bonus …), which an output must translate. */
const VOCABULARY = new Set([
  'kind',
  'fn',
  'op',
  'method',
  'direction',
  'unit',
  'category',
  'of',
  'effect',
  'mode',
  'per',
  'split',
  'compare',
  'type',
  'proration',
  'basis',
  'scale',
  'locale',
  'moneyDisplay',
  'onBadRow',
  'encoding',
  'rounding',
]);
/** Every text the user wrote in the scheme, its roster and data that the outputs repeat (longest first). */
function usersTexts(run: Prepared, result: RunResult): string[] {
  const texts = new Set<string>();
  const walk = (x: unknown, key?: string): void => {
    if (key !== undefined && VOCABULARY.has(key)) return;
    if (typeof x === 'string') texts.add(x);
    else if (x instanceof Map)
      for (const [k, v] of x) {
        walk(k);
        walk(v);
      }
    else if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  walk(run.model);
  for (const r of result.reps) {
    walk(r.rep);
    walk(r.deductionReasons);
  }
  // The text cells of the data (the rows behind a figure repeat them) and the scheme's keys of a role's plan,
  // which explain names as written (plans.kam: bonus, commission …).
  for (const t of [...run.tables.values(), run.deductions, run.paidToDate]) {
    for (const c of t?.columns.values() ?? []) if (c.type === 'string') for (const v of c.values) if (v) texts.add(v);
  }
  for (const plan of run.model.plans?.values() ?? []) for (const k of ['plans', ...Object.keys(plan)]) texts.add(k === 'redLines' ? 'deduction_rules' : k);
  return [...texts].filter((x) => /[A-Za-z]/.test(x)).sort((a, b) => b.length - a.length);
}

/** The English words left in `text` once the user's own texts, codes, file names, periods (2026-11-YTD) and kpi's own name are taken out. */
function english(text: string, users: readonly string[]): string[] {
  let rest = text.replace(/[\w./-]+\.(xlsx|csv|yaml|tsv)\b|KPI\d{4}|SHA-256|\b\d{4}-\d{2}-YTD\b|\bkpi( [a-z]+)?\b|--[a-z-]+/g, ' ');
  for (const u of users) if (rest.includes(u)) rest = rest.split(u).join(' ');
  return rest.match(/\b[A-Za-z]{2,}\b/g) ?? [];
}

function textsOf(ws: Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c: Cell) => {
      if (typeof c.value === 'string') out.push(c.value);
      if (c.note) out.push(typeof c.note === 'string' ? c.note : JSON.stringify(c.note));
    }),
  );
  return out;
}

async function exampleRun(name: string, scheme: string, period: string | undefined) {
  const p = await prepareRun(scheme, period);
  if (!p.ok) throw new Error(`${name} failed to load`);
  const result = score(p.run);
  return { run: p.run, result, users: usersTexts(p.run, result) };
}

describe.each(RUNS)('%s in Chinese', async (name, scheme, period) => {
  const { run, result, users } = await exampleRun(name, scheme, period);
  const ctx = { ...outputContext(run), ...reportExtras(run, result), locale: 'zh-CN' as const };
  const left = (texts: string[]) => [...new Set(texts.flatMap((s) => english(s, users).map((w) => `${w} ← ${s.slice(0, 160)}`)))];

  test('kpi explain, for every rep: no English sentence', () => {
    const texts = result.reps.flatMap((r) => explainText(result, r, r.metrics, true, zh).split('\n'));
    expect(left(texts)).toEqual([]);
    // …and in English it says the same in English.
    const en = explainText(result, result.reps[0]!, result.reps[0]!.metrics, true, translator('en-US'));
    expect(en).toMatch(/actual = /);
  });

  test('the report: Details and every other sheet, texts and the notes on cells', () => {
    const wb = buildReport(result, ctx);
    expect(wb.getWorksheet(zh('sheet.details'))).toBeDefined();
    // Not here: the Data issues sheet (problems not coded yet), the Run sheet's labels (kpi verify reads them back,
    // the same in every language) and the Scheme sheet (the scheme's own keys and values, as written).
    const skip = new Set([zh('sheet.issues'), zh('sheet.run'), zh('sheet.scheme')]);
    const sheets = wb.worksheets.filter((ws) => !skip.has(ws.name));
    expect(sheets.length).toBeGreaterThan(3);
    expect(left(sheets.flatMap(textsOf))).toEqual([]);
  });

  test('every scorecard', () => {
    const texts = result.reps.flatMap((r) => buildScorecard(result, r, ctx).worksheets.flatMap(textsOf));
    expect(left(texts)).toEqual([]);
  });
});
