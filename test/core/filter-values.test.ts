// Filter values that match no row (issue 9): a typo or a case difference in a filter zeroes a metric for
// everyone, so it is said, with the values that do occur. Scheme values and data text compare after the same
// cleaning (NFC, invisible characters removed).
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { runStatus } from '../../src/output/status.js';
import { repLookup, attributeRows } from '../../src/core/attribution.js';
import { metric, model, period, rep, source, table, target } from './helpers.js';

const sales = table('sales', {
  rep: ['string', ['A', 'A', 'B', 'B', 'B']],
  date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-10-05']],
  stage: ['string', ['Won', 'Won', 'Lost', 'Won', 'Wonn-ish']],
  amount: ['money', [100, 50, 30, 20, 999]],
});

function run(filter: Condition[]) {
  const rev = metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter }, { unit: 'money', target: target({ default: 100 }) });
  return scoreRun({
    model: model({
      sources: [source('sales', { columns: [{ name: 'stage', header: 'Stage', type: 'string' }] })],
      metrics: [rev],
      weights: { ae: { rev: 1 } },
    }),
    period: period('2026-11'),
    reps: [rep('A'), rep('B')],
    tables: new Map([['sales', sales]]),
  });
}
const said = (r: ReturnType<typeof run>) => r.issues.map((i) => [i.column, i.value, i.reason]);

describe('a filter value that matches no row in the period', () => {
  it.each([
    ['won', '"Won"'],
    ['WON', '"Won"'],
    ['Wonn', '"Won"'],
  ])('%s: warned, naming the metric, the value and %s', (value, near) => {
    const r = run([{ column: 'stage', op: 'eq', value }]);
    expect(said(r)).toEqual([
      [
        'Stage',
        value,
        `metric rev: the filter value "${value}" for stage matches no row of sales in 2026-11, so the metric is 0 or blank for everyone; closest values that occur: ${near}`,
      ],
    ]);
    expect(r.issues[0]).toMatchObject({ file: 'sales.csv', source: 'sales', severity: 'warning', action: 'kept' });
  });

  it('nothing alike: the values that do occur are listed', () => {
    const r = run([{ column: 'stage', op: 'in', values: ['Won', 'Signed'] }]);
    expect(said(r)).toEqual([
      [
        'Stage',
        'Signed',
        'metric rev: the filter value "Signed" for stage matches no row of sales in 2026-11, so it selects nothing (the other values of the list still do); values that occur include "Won", "Lost"',
      ],
    ]);
  });

  it('every value of an in list missing: the metric is 0 for everyone', () => {
    const r = run([{ column: 'stage', op: 'in', values: ['won', 'Signed'] }]);
    expect(said(r).map((x) => x[2])).toEqual([
      'metric rev: the filter value "won" for stage matches no row of sales in 2026-11, so the metric is 0 or blank for everyone; closest values that occur: "Won"',
      'metric rev: the filter value "Signed" for stage matches no row of sales in 2026-11, so the metric is 0 or blank for everyone; values that occur include "Won", "Lost"',
    ]);
  });

  it('a typo in a value to exclude (ne, not_in) counts the rows meant to be left out: warned', () => {
    const ne = run([{ column: 'stage', op: 'ne', value: 'Lsot' }]);
    expect(ne.reps.map((x) => x.metrics[0]!.actual)).toEqual([150, 50]);
    expect(said(ne)).toEqual([
      [
        'Stage',
        'Lsot',
        'metric rev: the filter value "Lsot" for stage matches no row of sales in 2026-11, so it leaves nothing out: rows it was meant to exclude are counted; values that occur include "Won", "Lost"',
      ],
    ]);
    expect(said(run([{ column: 'stage', op: 'not_in', values: ['Lost', 'lost'] }])).map((x) => x[1])).toEqual(['lost']);
  });

  it('contains: a text no value holds zeroes the metric, warned; one that some value holds, no word', () => {
    expect(said(run([{ column: 'stage', op: 'contains', value: 'won' }])).map((x) => x[1])).toEqual(['won']);
    expect(run([{ column: 'stage', op: 'contains', value: 'Wo' }]).issues).toEqual([]);
  });

  it('a value that matches: no word; the figures are as filtered', () => {
    const r = run([{ column: 'stage', op: 'eq', value: 'Won' }]);
    expect(r.issues).toEqual([]);
    expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([150, 20]);
  });

  it('invisible characters and decomposed accents in a scheme value compare as the plain text, with a warning', () => {
    const r = run([{ column: 'stage', op: 'eq', value: 'Won\u200b' }]);
    expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([150, 20]);
    expect(said(r)).toEqual([['Stage', 'Won<U+200B>', 'metric rev: the filter value "Won<U+200B>" for stage holds invisible characters; compared as "Won"']]);
    const t = table('sales', { rep: ['string', ['A']], date: ['date', ['2026-11-02']], stage: ['string', ['Ganó']], amount: ['money', [7]] });
    const m = metric(
      'rev',
      { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [{ column: 'stage', op: 'eq', value: 'Gano\u0301' }] },
      { target: target({ default: 1 }) },
    );
    const r2 = scoreRun({
      model: model({ sources: [source('sales')], metrics: [m], weights: { ae: { rev: 1 } } }),
      period: period('2026-11'),
      reps: [rep('A')],
      tables: new Map([['sales', t]]),
    });
    expect(r2.reps[0]!.metrics[0]!.actual).toBe(7);
  });
});

describe('rep ids', () => {
  it('roster ids and data ids compare after the same cleaning (a zero-width space does not lose the rows)', () => {
    const t = table('sales', { rep: ['string', ['A\u200b', 'B']] });
    expect(Array.from(attributeRows(t, 'rep', repLookup([rep('A'), rep('B\u00a0')])))).toEqual([0, 1]);
  });

  it('an unknown id that a spreadsheet mangled (leading zeros) gets a hint, and is still not counted', () => {
    const t = table('sales', { rep: ['string', ['007']], date: ['date', ['2026-11-02']], stage: ['string', ['Won']], amount: ['money', [5]] });
    const m = metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] }, { target: target({ default: 1 }) });
    const r = scoreRun({
      model: model({ sources: [source('sales')], metrics: [m], weights: { ae: { rev: 1 } } }),
      period: period('2026-11'),
      reps: [rep('7')],
      tables: new Map([['sales', t]]),
    });
    expect(r.reps[0]!.metrics[0]!.actual).toBe(0);
    expect(r.issues.map((i) => i.reason)).toEqual([
      'rep id "007" is not in the roster: 1 row in 2026-11 (first on row 2) not counted for anyone (the roster has "7": leading zeros were lost on one side; keep ids as text: quote them in YAML (\'007\'), format the column as Text in Excel)',
    ]);
  });

  it('an id written as a decimal number (1001.0, as pandas writes an id column with blanks) gets a hint', () => {
    const t = table('sales', { rep: ['string', ['1001.0']], date: ['date', ['2026-11-02']], stage: ['string', ['Won']], amount: ['money', [5]] });
    const m = metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] }, { target: target({ default: 1 }) });
    const r = scoreRun({
      model: model({ sources: [source('sales')], metrics: [m], weights: { ae: { rev: 1 } } }),
      period: period('2026-11'),
      reps: [rep('1001')],
      tables: new Map([['sales', t]]),
    });
    expect(r.reps[0]!.metrics[0]!.actual).toBe(0);
    expect(r.issues.map((i) => i.reason)).toEqual([
      'rep id "1001.0" is not in the roster: 1 row in 2026-11 (first on row 2) not counted for anyone (the roster has "1001": the id was written as a decimal number; pandas does this to a number column with blanks: write the ids as text)',
    ]);
  });
});

describe('a filter value that matches, beside rows that differ from it only in case, width or spacing (red team)', () => {
  // CRM data merged from two imports: "Won" and "WON"/"won"/"Ｗｏｎ". The exact filter counted only "Won" and the run
  // looked final; the rows that read the same to a person must be said.
  const mixed = table('sales', {
    rep: ['string', ['A', 'A', 'B', 'B', 'B', 'A']],
    date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-10-05']],
    stage: ['string', ['Won', 'won', 'WON', 'Ｗｏｎ', 'Lost', 'WON ']],
    amount: ['money', [100, 50, 30, 20, 10, 999]],
  });
  /** Revenue of reps A and B filtered by `filter`, over `sales` (by default the mixed table), its stage under `header`. */
  const runOn = (filter: Condition[], sales = mixed, header = 'Stage') => {
    const rev = metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter }, { unit: 'money', target: target({ default: 100 }) });
    return scoreRun({
      model: model({
        sources: [source('sales', { columns: [{ name: 'stage', header, type: 'string' }] })],
        metrics: [rev],
        weights: { ae: { rev: 1 } },
      }),
      period: period('2026-11'),
      reps: [rep('A'), rep('B')],
      tables: new Map([['sales', sales]]),
    });
  };

  it('eq: counted exactly as written, and the look-alikes are reported with their first row', () => {
    const r = runOn([{ column: 'stage', op: 'eq', value: 'Won' }]);
    expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([100, 0]);
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.reason])).toEqual([
      [
        3,
        'Stage',
        'WON',
        'metric rev: 3 rows of sales in 2026-11 (first on row 3) hold "WON", "won", "Ｗｏｎ" for stage, which differ from the filter value "Won" only in case, width, spacing or letters of another script drawn alike (Cyrillic о for o) or Traditional and Simplified Chinese (簽 for 签): the filter compares exactly, so they are not counted. Write them as "Won" in the data, or list "WON", "won", "Ｗｏｎ" in the filter',
      ],
    ]);
  });

  it('a Latin value typed with a Cyrillic or Greek letter (Wоn, WΟN) is a look-alike, shown with the letter by code (red team 35)', () => {
    const cyr = table('sales', {
      rep: ['string', ['A', 'B', 'B', 'A']],
      date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']],
      stage: ['string', ['Won', 'W\u043en', 'W\u039fN', 'Вон']],
      amount: ['money', [100, 1200, 30, 5]],
    });
    const r = runOn([{ column: 'stage', op: 'eq', value: 'Won' }], cyr);
    expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([100, 0]);
    expect(r.issues.map((i) => [i.row, i.value, i.reason])).toEqual([
      [
        3,
        'W<U+039F>N',
        'metric rev: 2 rows of sales in 2026-11 (first on row 3) hold "W<U+039F>N", "W<U+043E>n" for stage, which differ from the filter value "Won" only in case, width, spacing or letters of another script drawn alike (Cyrillic о for o) or Traditional and Simplified Chinese (簽 for 签): the filter compares exactly, so they are not counted. Write them as "Won" in the data, or list "W<U+039F>N", "W<U+043E>n" in the filter',
      ],
    ]);
  });

  it("a status in Traditional Chinese (已簽約) beside the filter's Simplified 已签约 is a look-alike, shown as written (red team)", () => {
    const zh = table('sales', {
      rep: ['string', ['A', 'B', 'B', 'A']],
      date: ['date', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']],
      stage: ['string', ['已签约', '已簽約', '已簽约', '未签约']],
      amount: ['money', [100, 1200, 30, 5]],
    });
    const run = (value: string) => runOn([{ column: 'stage', op: 'eq', value }], zh, '状态');
    const r = run('已签约');
    expect(r.reps.map((x) => x.metrics[0]!.actual)).toEqual([100, 0]);
    expect(r.issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([['KPI2725', 3, '状态', '已簽約']]);
    expect(r.issues[0]!.reason).toContain('2 rows of sales in 2026-11 (first on row 3) hold "已簽約", "已簽约" for stage');
    // The other way round too; 未签约 is another word.
    expect(run('已簽約').issues.map((i) => [i.code, i.value])).toEqual([['KPI2725', '已签约']]);
    expect(run('未签约').issues).toEqual([]);
  });

  it('values listed in the filter are not look-alikes; ne says the rows are not left out', () => {
    expect(runOn([{ column: 'stage', op: 'in', values: ['Won', 'won', 'WON', 'Ｗｏｎ'] }]).issues).toEqual([]);
    const ne = runOn([{ column: 'stage', op: 'ne', value: 'Lost' }]);
    expect(ne.issues).toEqual([]);
    const lost = runOn([{ column: 'stage', op: 'not_in', values: ['won'] }]);
    expect(lost.issues.map((i) => i.reason)).toEqual([
      'metric rev: 3 rows of sales in 2026-11 (first on row 2) hold "WON", "Won", "Ｗｏｎ" for stage, which differ from the filter value "won" only in case, width, spacing or letters of another script drawn alike (Cyrillic о for o) or Traditional and Simplified Chinese (簽 for 签): the filter compares exactly, so they are not left out. Write them as "won" in the data, or list "WON", "Won", "Ｗｏｎ" in the filter',
    ]);
  });
});

describe('the period a growth metric compares with says its filter and spelling warnings too', () => {
  // October's rows, read only as the comparison for November's growth: a won deal written "won" (not counted, so
  // October looks smaller and November's growth larger), one customer in two spellings (October's count too high),
  // and no "Signed" row at all (KPI2727: KPI2726 with the values that do occur). Before, each was said only when October itself was scored: never in November's run,
  // and never in a backtest that had first computed October as November's comparison.
  const sales = table('sales', {
    rep: ['string', ['A', 'A', 'A', 'A', 'A', 'A']],
    date: ['date', ['2026-10-02', '2026-10-03', '2026-10-04', '2026-11-02', '2026-11-03', '2026-11-04']],
    stage: ['string', ['won', 'Won', 'Won', 'Won', 'Won', 'Signed']],
    customer: ['string', ['C1', 'ACME', 'Acme', 'ACME', 'C2', 'C3']],
    amount: ['money', [100, 200, 50, 300, 100, 10]],
  });
  const won = [{ column: 'stage', op: 'eq' as const, value: 'Won' }];
  const input = {
    model: model({
      sources: [source('sales', { columns: [{ name: 'stage', header: 'Stage', type: 'string' }] })],
      metrics: [
        metric('rev', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: won }, { unit: 'money' }),
        metric('rev_growth', { kind: 'growth', metric: 'rev', compare: 'previous_period' }, { unit: 'percent' }),
        metric('customers', { kind: 'aggregate', source: 'sales', fn: 'count_distinct', column: 'customer', filter: [] }),
        metric('customer_growth', { kind: 'growth', metric: 'customers', compare: 'previous_period' }, { unit: 'percent' }),
        metric('signed', { kind: 'aggregate', source: 'sales', fn: 'count', filter: [{ column: 'stage', op: 'eq', value: 'Signed' }] }),
        metric('signed_growth', { kind: 'growth', metric: 'signed', compare: 'previous_period' }, { unit: 'percent' }),
      ],
    }),
    reps: [rep('A')],
    tables: new Map([['sales', sales]]),
  };
  // Said in a November run, each names the growth metric that compares November with October.
  const compared = (growth: string) => `2026-10 (compared with 2026-11 by metric ${growth})`;
  const october = [
    ['KPI2725', 2, expect.stringContaining(`metric rev: 1 row of sales in ${compared('rev_growth')} (first on row 2) holds "won" for stage`)],
    ['KPI2745', 4, expect.stringContaining(`metric customers: customer of sales in ${compared('customer_growth')} holds one value in several spellings`)],
    [
      'KPI2727',
      undefined,
      expect.stringContaining(`metric signed: the filter value "Signed" for stage matches no row of sales in ${compared('signed_growth')},`),
    ],
  ];
  const ownRun = [
    ['KPI2725', 2, expect.stringContaining('metric rev: 1 row of sales in 2026-10 (first on row 2) holds "won" for stage')],
    ['KPI2745', 4, expect.stringContaining('metric customers: customer of sales in 2026-10 holds one value in several spellings')],
    ['KPI2727', undefined, expect.stringContaining('metric signed: the filter value "Signed" for stage matches no row of sales in 2026-10,')],
  ];
  const warnings = (r: ReturnType<typeof scoreRun>) =>
    r.issues.filter((i) => ['KPI2725', 'KPI2726', 'KPI2727', 'KPI2745'].includes(i.code)).map((i) => [i.code, i.row, i.reason]);

  it('scoring November: said for October, with its period, and the run is not final', () => {
    const r = scoreRun({ ...input, period: period('2026-11') });
    expect(warnings(r)).toEqual(october);
    expect(runStatus(r.issues).final).toBe(false);
  });

  it("a backtest that first computed October as the comparison of November: said once, in November's run", () => {
    const [nov, oct] = scorePeriods(input, [period('2026-11'), period('2026-10')]);
    expect(warnings(nov!)).toEqual(october);
    expect(warnings(oct!)).toEqual([]);
    // Scored first, October says them in its own run.
    const [oct2, nov2] = scorePeriods(input, [period('2026-10'), period('2026-11')]);
    expect(warnings(oct2!)).toEqual(ownRun);
    expect(warnings(nov2!)).toEqual([]);
  });
});
