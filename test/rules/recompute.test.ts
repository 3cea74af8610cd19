// Every figure the scheme computes is a live formula, and LibreOffice recomputes each to the CLI's figure: the
// shipped examples and a feature-matrix scheme that uses every rule kind at least once (checked against the
// registries, so a new kind must be covered here). Skipped, visibly, only when soffice is absent outside CI.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { outputContext } from '../../src/commands/score.js';
import { prepareRun, score, type Prepared } from '../../src/commands/pipeline.js';
import type { RunResult } from '../../src/core/results.js';
import { METRIC_KINDS } from '../../src/core/rules/metrics/index.js';
import { SCORING_METHODS } from '../../src/core/rules/scoring/index.js';
import { GATE_EFFECTS, GATE_OF } from '../../src/core/rules/gates.js';
import { BONUS_MODES } from '../../src/core/rules/bonus/index.js';
import { COMMISSION_MODES } from '../../src/core/rules/commission/index.js';
import { DEDUCTION_KINDS } from '../../src/core/rules/deductions.js';
import { PRORATIONS } from '../../src/core/rules/proration.js';
import { COMPONENT_RULES } from '../../src/core/rules/components/index.js';
import { RED_LINE_KINDS } from '../../src/core/rules/red-lines/index.js';
import type { PayLine } from '../../src/core/results.js';
import type { BonusSpec } from '../../src/core/model.js';
import { readWorkbook, workbookToBuffer, type Workbook, type Worksheet } from '../../src/output/excel.js';
import { reportBytes } from '../../src/output/report.js';
import { buildScorecard } from '../../src/output/scorecards.js';
import { payLineRows } from '../../src/output/pay-lines.js';
import { SUMMARY_HEADER_ROW, summaryRow } from '../../src/output/sheets/common.js';
import { outputLocale } from '../../src/output/locale.js';
import { translator, type MessageKey } from '../../src/messages/index.js';
import { compareFormulas as compare, recalcAllWithLibreOffice, sofficePath } from '../output/libreoffice.js';

const soffice = sofficePath();
const run = soffice !== null || Boolean(process.env.CI);
const title = run
  ? 'LibreOffice recomputes every figure'
  : 'LibreOffice recomputes every figure (SKIPPED: soffice not found; apt-get install -y libreoffice-calc-nogui)';
if (!run) console.warn(`[test/rules] ${title}`);

const ROOT = path.resolve(import.meta.dirname, '../..');
const CASES = [
  { name: 'acme', scheme: 'examples/acme/scheme.yaml', period: '2026-11' },
  { name: 'china', scheme: 'examples/china/scheme.yaml', period: '2026-11' },
  { name: 'feature matrix (step, marginal)', scheme: 'test/fixtures/rules/feature-matrix/scheme.yaml', period: '2026-11' },
  { name: 'feature matrix (linear, retroactive)', scheme: 'test/fixtures/rules/feature-matrix/scheme-linear.yaml', period: '2026-11' },
  // The plan rules of issue 12: plans per role, bonus basis, components, 红线, clawback; and the YTD true-up.
  { name: 'plan rules (month)', scheme: 'test/fixtures/pay/scheme.yaml', period: '2026-11' },
  { name: 'plan rules (YTD true-up)', scheme: 'test/fixtures/pay/scheme.yaml', period: '2026-11-YTD' },
  // A refund of an earlier order netted in the commission base (a negative row the metric counts): added back to
  // the base of the rep and of the team lead on the rollup, and clawed back instead (Summary commission + the number).
  { name: 'refund netted in the base', scheme: 'test/fixtures/pay/netted.yaml', period: '2026-11' },
  // Split credit (money to the cent, counts by share), team and manager rollups, targets split from a year by seasonality.
  { name: 'teams (split credit, rollups, decomposed targets)', scheme: 'examples/teams/scheme.yaml', period: '2026-11' },
];

/**
 * Figures the scheme computes that are written as values on purpose, each with why (the cell's note says so too).
 * A figure written as a value that is not listed here fails the test.
 */
const VALUES_BY_DESIGN: Record<string, string> = {
  'china: Summary XS012 col.bonusZeroedBy': 'a 红线 zero_bonus row of the violations file (一票否决) zeroes the bonus: its reason, not a gate',
};

/** Every kind of pay line a run can write (the compiler checks the list against PayLine['kind']). */
const PAY_LINE_KINDS = { commission: 1, spiff: 1, kicker: 1, collection: 1, clawback: 1, red_line: 1, paid_to_date: 1 } satisfies Record<PayLine['kind'], 1>;
/** What the bonus tiers are keyed on, and whether the multiplier is also × the total score. */
const BONUS_BASES = { 'total score': 1, "a metric's achievement": 1 };
const BONUS_FORMS = { multiplier: 1, 'multiplier × total score': 1 };
/** Every cap and floor, each binding for some rep (a cap that never binds recomputes the same with a wrong formula). */
const CAPS_THAT_BIND = {
  'metric score cap': 1,
  max_multiplier: 1,
  'bonus max_payout': 1,
  'commission max_payout': 1,
  'component max_payout': 1,
  'points floor at 0': 1,
  'amount off at most bonus + commission': 1,
  proration: 1,
};

interface Case {
  name: string;
  prepared: Prepared;
  result: RunResult;
  report: Buffer;
  scorecards: Buffer[];
}

async function prepare(c: (typeof CASES)[number]): Promise<Case> {
  const p = await prepareRun(path.join(ROOT, c.scheme), c.period);
  if (!p.ok) throw new Error(`${c.scheme}: ${JSON.stringify(p.diagnostics)}`);
  const result = score(p.run);
  const ctx = { ...outputContext(p.run), toolVersion: '0.0.0-test' };
  const scorecards = await Promise.all(result.reps.map((r) => workbookToBuffer(buildScorecard(result, r, ctx))));
  return { name: c.name, prepared: p.run, result, report: await reportBytes(result, ctx), scorecards };
}

const headerMap = (ws: Worksheet, row = 1): Map<string, number> => {
  const m = new Map<string, number>();
  ws.getRow(row).eachCell((c, i) => m.set(String(c.value), i));
  return m;
};
const isFormula = (v: unknown): boolean => v !== null && typeof v === 'object' && 'formula' in (v as object);

/** The figures the scheme computes that are written as values instead of formulas (should be none). */
function valuesWhereFormulas(c: Case, wb: Workbook): string[] {
  const out: string[] = [];
  const model = c.prepared.model;
  // Sheets and columns by their names in the run's language (the Chinese example's report is in Chinese).
  const t = translator(outputLocale(model).locale) as (key: MessageKey) => string;
  const summary = wb.getWorksheet(t('sheet.summary'))!;
  const sh = headerMap(summary, SUMMARY_HEADER_ROW);
  const must: MessageKey[] = ['col.proratedBase', 'col.scoreBeforeDeductions', 'col.totalScore', 'col.multiplier', 'col.bonus', 'col.deductions', 'col.payout'];
  if (model.bonus.proration !== 'none') must.push('col.proration');
  if (model.commission) must.push('col.commission');
  if (model.gates.some((g) => g.effect === 'zero_bonus')) must.push('col.bonusZeroedBy');
  if (BONUS_MODES[model.bonus.mode].named) must.push('col.tier');
  c.result.reps.forEach((r, i) => {
    for (const h of must) {
      if (h === 'col.tier' && !r.tier) continue;
      if (!isFormula(summary.getCell(summaryRow(i), sh.get(t(h))!).value)) out.push(`Summary ${r.rep.id} ${h}`);
    }
  });
  const details = wb.getWorksheet(t('sheet.details'))!;
  const dh = headerMap(details);
  let row = 2;
  for (const r of c.result.reps) {
    for (const m of r.metrics) {
      const spec = model.metrics.find((x) => x.name === m.metric)!;
      const cell = (h: MessageKey) => details.getCell(row, dh.get(t(h))!).value;
      const where = `Details ${r.rep.id} ${m.metric}`;
      if (!isFormula(cell('col.weightedScore')) && r.hasData) out.push(`${where} Weighted score`);
      if (m.achievement !== null && !isFormula(cell('col.achievement'))) out.push(`${where} Achievement`);
      const scored = m.actual !== null && (m.target !== null || spec.scoring.method === 'bands');
      if (scored && r.hasData && !isFormula(cell('col.score'))) out.push(`${where} Score`);
      const fromMetrics = spec.def.kind === 'derived' || (spec.def.kind === 'ratio' && 'metric' in spec.def.numerator && 'metric' in spec.def.denominator);
      if (fromMetrics && m.actual !== null && !isFormula(cell('col.actual'))) out.push(`${where} Actual`);
      for (const b of ['col.threshold', 'col.stretch'] as const) {
        const bound = b === 'col.threshold' ? spec.target.threshold : spec.target.stretch;
        if (bound?.kind === 'relative' && m.target !== null && m.targetOrigin !== 'file' && !isFormula(cell(b))) out.push(`${where} ${b}`);
      }
      row++;
    }
  }
  // Pay lines: every component's amount (tiered commissions too, their tiers written into the formula).
  const payLines = wb.getWorksheet(t('sheet.payLines'));
  for (const [r, rows] of payLineRows(c.result)) {
    for (const { line, row } of rows) {
      if (!(line.kind in COMPONENT_RULES)) continue;
      if (!payLines || !isFormula(payLines.getCell(row, 7).value)) out.push(`Pay lines ${r.rep.id} ${line.name} Amount`);
    }
    // The true-up's carried balance, on the row after the rep's lines: earned − paid to date over the Summary's cells.
    const after = (rows.at(-1)?.row ?? 0) + 1;
    if (r.trueUp && r.trueUp.carried < 0 && !isFormula(payLines?.getCell(after, 7).value)) out.push(`Pay lines ${r.rep.id} balance carried`);
  }
  return out;
}

describe.skipIf(!run)(title, async () => {
  const cases = await Promise.all(CASES.map(prepare));
  // One LibreOffice start for every workbook: the reports and every scorecard.
  const all = cases.flatMap((c) => [c.report, ...c.scorecards]);
  const recomputed = recalcAllWithLibreOffice(soffice ?? 'soffice', all);
  let k = 0;
  const back = cases.map((c) => ({ report: recomputed[k++]!, scorecards: c.scorecards.map(() => recomputed[k++]!) }));

  test.each(cases.map((c, i) => [c.name, i] as const))('%s: every formula of the report recomputes to the CLI figure', async (_name, i) => {
    const c = cases[i]!;
    const ours = await readWorkbook(c.report);
    const { formulas, mismatches } = compare(ours, await readWorkbook(back[i]!.report));
    expect(mismatches).toEqual([]);
    expect(formulas).toBeGreaterThan(10 * c.result.reps.length);
    expect(valuesWhereFormulas(c, ours).filter((x) => !(`${c.name}: ${x}` in VALUES_BY_DESIGN))).toEqual([]);
  });

  test.each(cases.map((c, i) => [c.name, i] as const))('%s: every formula of every scorecard recomputes to the CLI figure', async (_name, i) => {
    const c = cases[i]!;
    const bad: string[] = [];
    const t = translator(outputLocale(c.prepared.model).locale) as (key: MessageKey) => string;
    for (let j = 0; j < c.scorecards.length; j++) {
      const ours = await readWorkbook(c.scorecards[j]!);
      const { mismatches } = compare(ours, await readWorkbook(back[i]!.scorecards[j]!));
      const id = c.result.reps[j]!.rep.id;
      bad.push(...mismatches.map((m) => `${id}: ${m}`));
      // Deductions and payout are live formulas on every card (as on the Summary): a value cannot be recomputed.
      const ws = ours.worksheets[0]!;
      for (const h of ['col.deductions', 'col.payout'] as const) {
        let at = 0;
        ws.eachRow((row, n) => {
          if (row.getCell(1).value === t(h)) at = n;
        });
        if (at === 0 || !isFormula(ws.getCell(at, 2).value)) bad.push(`${id}: scorecard ${h} is a value`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the netted refund is really recomputed: the Summary commission of the rep and of the lead adds it back', async () => {
    const c = cases[CASES.findIndex((x) => x.scheme.endsWith('netted.yaml'))]!;
    const summary = (await readWorkbook(c.report)).getWorksheet('Summary')!;
    const col = headerMap(summary, SUMMARY_HEADER_ROW).get('Commission')!;
    const added = c.result.reps.flatMap((r) => (r.commissionAddedBack ? [`${r.rep.id} ${r.commissionAddedBack}`] : []));
    expect(added.sort()).toEqual(['A1 8000', 'L1 8000']);
    c.result.reps.forEach((r, i) => {
      const f = (summary.getCell(summaryRow(i), col).value as { formula?: string }).formula ?? '(value)';
      if (r.commissionAddedBack) expect(f).toMatch(/Details!F\d+\+8000\b/);
    });
  });

  test('the feature matrix uses every rule kind of every registry', () => {
    const used = new Map<string, Set<string>>();
    const add = (table: string, kind: string) => used.set(table, (used.get(table) ?? new Set()).add(kind));
    for (const c of cases) {
      const m = c.prepared.model;
      for (const x of m.metrics) {
        add('metric kinds', x.def.kind);
        add('scoring methods', x.scoring.method);
      }
      for (const g of m.gates) {
        add('gate of', g.of);
        add('gate effects', g.effect);
      }
      const bonuses: BonusSpec[] = [m.bonus, ...[...(m.plans?.values() ?? [])].flatMap((p) => (p.bonus ? [p.bonus] : []))];
      for (const b of bonuses) {
        add('bonus modes', b.mode);
        add('prorations', b.proration);
        add('bonus bases', b.basis === undefined ? 'total score' : "a metric's achievement");
        add('bonus forms', b.timesScore ? 'multiplier × total score' : 'multiplier');
      }
      if (m.commission) add('commission modes', m.commission.mode);
      // A tiered component's commission is a formula of its mode too (the tiers written into it).
      for (const comp of [...(m.components ?? []), ...[...(m.plans?.values() ?? [])].flatMap((p) => p.components ?? [])]) {
        if (comp.kind === 'commission' && comp.commission.tiers.length > 1) add('tiered component modes', comp.commission.mode);
        if (comp.kind === 'collection' && comp.tiers.length > 1) add('tiered component modes', comp.mode);
      }
      for (const r of c.result.reps) {
        const bonus = m.plans?.get(r.rep.role)?.bonus ?? m.bonus;
        const plus = (r.lines ?? []).filter((l) => l.sign > 0);
        const bind = (what: keyof typeof CAPS_THAT_BIND, binds: boolean) => binds && add('caps that bind', what);
        for (const x of r.metrics) {
          const cap = m.metrics.find((s) => s.name === x.metric)!.scoring.cap;
          bind('metric score cap', x.actual !== null && x.weight > 0 && x.score >= cap - 1e-12);
        }
        bind('max_multiplier', bonus.maxMultiplier !== undefined && !r.bonusZeroedBy && r.multiplier >= bonus.maxMultiplier - 1e-12);
        bind('bonus max_payout', bonus.maxPayout !== undefined && r.bonus === bonus.maxPayout && r.proratedBase * r.multiplier > bonus.maxPayout);
        bind('commission max_payout', r.commissionBeforeCap > r.commission - plus.reduce((s, l) => s + l.amount, 0) + 1e-9);
        for (const l of plus) {
          const comp = (m.plans?.get(r.rep.role)?.components ?? m.components ?? []).find((x) => x.name === l.name);
          const cap =
            comp?.kind === 'commission' || comp?.kind === 'collection' ? (comp.kind === 'commission' ? comp.commission.maxPayout : comp.maxPayout) : undefined;
          bind('component max_payout', cap !== undefined && l.amount === cap && (l.basis ?? 0) * (l.rate ?? 0) > cap);
        }
        bind('points floor at 0', r.scoreBeforeDeductions - r.deductionPoints / 100 < 0);
        bind('amount off at most bonus + commission', r.deductionAmount > r.bonus + r.commission);
        bind('proration', r.proration < 1);
        if (r.deductionPoints > 0) add('deduction kinds', 'points');
        if (r.deductionAmount > 0) add('deduction kinds', 'amount');
        // Components, 红线 rules, clawback and the true-up reach the payout as pay lines: each kind paid to someone.
        for (const l of r.lines ?? []) {
          if (l.amount === 0 && !l.redLine) continue;
          add('pay line kinds', l.kind);
          if (l.kind in COMPONENT_RULES) add('components', l.kind);
          if (l.redLine) add('红线 kinds', l.redLine.kind);
        }
      }
    }
    const registries: Record<string, object> = {
      'metric kinds': METRIC_KINDS,
      'scoring methods': SCORING_METHODS,
      'gate of': GATE_OF,
      'gate effects': GATE_EFFECTS,
      'bonus modes': BONUS_MODES,
      'commission modes': COMMISSION_MODES,
      'tiered component modes': COMMISSION_MODES,
      'deduction kinds': DEDUCTION_KINDS,
      prorations: PRORATIONS,
      components: COMPONENT_RULES,
      '红线 kinds': RED_LINE_KINDS,
      'pay line kinds': PAY_LINE_KINDS,
      'bonus bases': BONUS_BASES,
      'bonus forms': BONUS_FORMS,
      'caps that bind': CAPS_THAT_BIND,
    };
    for (const [name, registry] of Object.entries(registries)) expect([...(used.get(name) ?? [])].sort(), name).toEqual(Object.keys(registry).sort());
  });
});
