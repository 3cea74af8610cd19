// kpi validate on the plan keys of issue #12: every mistake is an error at its file:line:col, with the words to
// fix it; a scheme without the new keys loads exactly as before.
import { describe, expect, it } from 'vitest';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { BASE } from '../scheme/base.js';

const run = (extra: string) => loadSchemeText(BASE + extra, '/tmp/s/scheme.yaml', 'scheme.yaml').diagnostics.map(formatDiagnostic);
const errors = (extra: string) => run(extra).filter((l) => !l.includes('warning'));
const withBonus = (extra: string) => BASE.replace('bonus:\n  mode: step\n', `bonus:\n  mode: step\n${extra}`);

describe('plan keys: positions and words', () => {
  it('a plan for a role without weights', () => {
    expect(errors('plans:\n  kam: { commission: none }\n')).toEqual([
      'scheme.yaml:44:3  KPI5329 role "kam" has no weights, so no rep is paid under this plan (did you mean "ae"?)',
    ]);
  });
  it('a basis that is not a metric', () => {
    const r = loadSchemeText(withBonus('  basis: revenu\n'), '/tmp/s/scheme.yaml', 'scheme.yaml').diagnostics.map(formatDiagnostic);
    expect(r).toEqual(['scheme.yaml:39:10  KPI5520 unknown metric "revenu" (did you mean "revenue"?); write total_score (the default) or a metric name']);
  });
  it('component kind, metric, rate and tiers', () => {
    expect(
      errors(
        [
          'components:',
          '  - { name: a, kind: bonus_pool, amount: 1 }',
          '  - { name: b, kind: spiff, metric: dels, amount: 500 }',
          '  - { name: c, kind: commission, metric: revenue, rate: 3%, tiers: [{ from: 0, rate: 1% }] }',
          '  - { name: b, kind: kicker, when: [{ metric: revenue, level: 120% }], amount: 100 }',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      'scheme.yaml:44:22  KPI5504 unknown component kind "bonus_pool"; expected one of: commission, spiff, kicker, collection',
      'scheme.yaml:45:37  KPI5220 unknown metric "dels" (did you mean "deals"?)',
      'scheme.yaml:46:5  KPI5507 give either "rate" or "tiers", not both',
      'scheme.yaml:47:13  KPI5502 component "b" appears twice (also item 2): each pay line needs its own name',
    ]);
  });
  it('a 回款 component: column types and aging bands', () => {
    expect(
      errors(
        [
          'components:',
          '  - name: cash',
          '    kind: collection',
          '    source: sales',
          '    paid: stage',
          '    paid_date: closed',
          '    invoice_date: closd',
          '    rate: 2%',
          '    aging: [{ up_to: 60, coefficient: 1 }, { up_to: 30, coefficient: 0.5 }, { up_to: 90, coefficient: 0 }]',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      'scheme.yaml:47:11  KPI5137 "stage" must be a money column (it is string)',
      'scheme.yaml:49:19  KPI5120 "closd" is not a column of source "sales" (did you mean "closed"?)',
      'scheme.yaml:51:53  KPI5509 "up_to" must increase: 30 is not above 60',
      'scheme.yaml:51:86  KPI5511 payments later than 90 days fall in no band: leave out "up_to" on the last band',
    ]);
  });
  it('红线 rules: a missing value, a share over 100 %, and a rule column with no rules', () => {
    expect(
      errors(
        [
          'deductions:',
          '  file: penalties.csv',
          '  columns: { rep: Rep, rule: Rule, reason: Reason }',
          '  rules:',
          '    late: { kind: points }',
          '    complaint: { kind: percent_of_bonus, value: 150% }',
          '    fraud: { kind: zero_bonus, value: 1 }',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      'scheme.yaml:47:11  KPI5513 missing required key "value" (percent points off the total score)',
      'scheme.yaml:48:49  KPI5514 a share of the bonus is between 0 and 100% (got 150%)',
      'scheme.yaml:49:39  KPI5512 zero_bonus takes no value: the whole bonus is lost',
    ]);
    expect(errors('deductions:\n  file: p.csv\n  columns: { rep: Rep, rule: Rule }\n')).toEqual([
      'scheme.yaml:45:24  KPI5525 a "rule" column needs "rules" under deductions: what each broken rule costs (points, amount, percent_of_bonus or zero_bonus)',
    ]);
  });
  it('a clawback on a column the source does not have', () => {
    expect(errors('commission:\n  metric: revenue\n  tiers: [{ from: 0, rate: 1% }]\n  clawback: { order: order_id }\n')).toEqual([
      'scheme.yaml:46:22  KPI5120 "order_id" is not a column of source "sales"',
    ]);
  });
  it("a plan's own bonus is checked like the default, at its own place", () => {
    expect(errors('plans:\n  ae:\n    bonus:\n      tiers:\n        - { from: 10%, multiplier: 1 }\n')).toEqual([
      'scheme.yaml:47:19  KPI5410 scores below 10% fall in no tier: the first tier should start at 0',
    ]);
  });
  it('a scheme without the new keys has none of them in its model', () => {
    const m = loadSchemeText(BASE, '/tmp/s/scheme.yaml', 'scheme.yaml').model!;
    expect([m.plans, m.components, m.redLines, m.paidToDate, m.bonus.basis, m.bonus.timesScore]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
