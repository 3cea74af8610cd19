// A Chinese run of every shipped example is Chinese: `kpi explain` for every rep, the report (Details and the other
// sheets but three: texts and the notes on cells) and every scorecard hold no English word except the words the
// user wrote (metric names and labels, sources, columns, filter values, roles, teams, reps, tiers, the reasons in
// the deductions file), codes and file names.
// The English run of the same outputs keeps its English (the goldens hold it byte for byte).
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
const EXAMPLES = ['acme', 'teams', 'china'] as const;

/** Keys whose values are the scheme's vocabulary (sum, ratio, zero_bonus …), which an output must translate. */
const VOCABULARY = new Set(['kind', 'fn', 'op', 'method', 'direction', 'unit', 'category', 'of', 'effect', 'mode', 'per', 'split',
  'compare', 'type', 'proration', 'basis', 'scale', 'locale', 'moneyDisplay', 'onBadRow', 'encoding', 'rounding']);
/** Every text the user wrote in the scheme, its roster and data that the outputs repeat (longest first). */
function usersTexts(run: Prepared, result: RunResult): string[] {
  const texts = new Set<string>();
  const walk = (x: unknown, key?: string): void => {
    if (key !== undefined && VOCABULARY.has(key)) return;
    if (typeof x === 'string') texts.add(x);
    else if (x instanceof Map) for (const [k, v] of x) { walk(k); walk(v); }
    else if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  walk(run.model);
  for (const r of result.reps) { walk(r.rep); walk(r.deductionReasons); }
  return [...texts].filter((x) => /[A-Za-z]/.test(x)).sort((a, b) => b.length - a.length);
}

/** The English words left in `text` once the user's own texts, codes, file names and kpi's own name are taken out. */
function english(text: string, users: readonly string[]): string[] {
  let rest = text.replace(/[\w./-]+\.(xlsx|csv|yaml|tsv)\b|KPI\d{4}|SHA-256|\bkpi( [a-z]+)?\b|--[a-z-]+/g, ' ');
  for (const u of users) if (rest.includes(u)) rest = rest.split(u).join(' ');
  if (KNOWN_ENGLISH.some((k) => k.test(text))) return [];
  return rest.match(/\b[A-Za-z]{2,}\b/g) ?? [];
}

/**
 * Sentences still written as English text, to be turned into sentences (src/core/says.ts) next: the pay lines of
 * components, 红线, clawbacks and true-up (core/pay-rows.ts, rules/components, rules/red-lines), and the
 * scorecard's line for a coefficient basis. Listed here so that nothing else slips through.
 */
const KNOWN_ENGLISH = [/cash collected/, /^\s*row \d+: invoice /, /红线 /, /^\s*payout = .*\(/, /true-up:/, /refunds of earlier orders/,
  /^coefficient \S+ at /, /what it takes: /];

function textsOf(ws: Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c: Cell) => {
    if (typeof c.value === 'string') out.push(c.value);
    if (c.note) out.push(typeof c.note === 'string' ? c.note : JSON.stringify(c.note));
  }));
  return out;
}

async function exampleRun(name: string) {
  const p = await prepareRun(`examples/${name}/scheme.yaml`, undefined);
  if (!p.ok) throw new Error(`examples/${name} failed to load`);
  const result = score(p.run);
  return { run: p.run, result, users: usersTexts(p.run, result) };
}

describe.each(EXAMPLES)('examples/%s in Chinese', async (name) => {
  const { run, result, users } = await exampleRun(name);
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
