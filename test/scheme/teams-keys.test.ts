// Scheme keys of issue 12 items 6 and 8: split credit, rollups, target decomposition. Each error at its node.
import { describe, expect, it } from 'vitest';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { BASE } from './base.js';

const lines = (text: string) => loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml').diagnostics.map(formatDiagnostic);
const errorsOf = (text: string) => lines(text).filter((l) => !l.includes('warning'));
function replace(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`scheme has no ${from}`);
  return text.replace(from, to);
}
const withSplit = (split: string, extra = '') =>
  replace('    columns:\n      rep: Rep\n', `    ${split}\n    columns:\n      rep: Rep\n      order: Order\n${extra}`);

describe('split credit in a source', () => {
  it('loads with an order and a share column', () => {
    expect(lines(withSplit('split: { order: order, share: share }', '      share: { header: Share, type: percent }\n'))).toEqual([]);
  });
  it('an unmapped column, with a suggestion', () => {
    expect(errorsOf(withSplit('split: { order: orders, share: share }', '      share: { header: Share, type: percent }\n'))).toEqual([
      'scheme.yaml:10:21  KPI5120 "orders" is not a column of source "sales" (did you mean "order"?)',
    ]);
  });
  it('a share column that is not a number', () => {
    expect(errorsOf(withSplit('split: { order: order, share: share }', '      share: Share\n'))).toEqual([
      'scheme.yaml:10:35  KPI5122 the share column "share" must be a percent or number column (it is string)',
    ]);
  });
  it('a misspelt key inside split', () => {
    expect(errorsOf(withSplit('split: { order: order, shares: share }', '      share: { header: Share, type: percent }\n'))[0]).toMatch(
      /scheme.yaml:10:\d+ .*"shares"/,
    );
  });
});

describe('rollups', () => {
  const lead = (rollups: string, manager = '') =>
    replace(
      'weights:\n  ae: { revenue: 70, deals: 30 }\n',
      `weights:\n  ae: { revenue: 70, deals: 30 }\n  lead: { revenue: 100 }\nrollups:\n${rollups}`,
      replace(
        '  - { id: R2, name: Bob, team: West, role: ae, base_bonus: 1000 }\n',
        `  - { id: R2, name: Bob, team: West, role: ae, base_bonus: 1000${manager} }\n  - { id: L1, name: Lee, team: West, role: lead, base_bonus: 1000 }\n`,
      ),
    );
  it('loads a team rollup and a manager rollup', () => {
    expect(lines(lead('  lead: team\n'))).toEqual([]);
    expect(lines(lead('  lead: manager\n', ', manager: L1'))).toEqual([]);
  });
  it('a rolled-up role without weights', () => {
    expect(errorsOf(lead('  lead: team\n  boss: team\n'))).toEqual(['scheme.yaml:41:3  KPI5325 role "boss" has no weights: add weights.boss']);
  });
  it('a manager rollup without any manager', () => {
    expect(errorsOf(lead('  lead: manager\n'))).toEqual([
      'scheme.yaml:40:3  KPI5327 a manager rollup needs "manager" on the reps who report to someone (manager: rep id)',
    ]);
  });
  it('a basis other than team or manager', () => {
    expect(errorsOf(lead('  lead: region\n'))[0]).toMatch(/scheme.yaml:40:9 .*"region" is not one of: team, manager/);
  });
});

describe('target decomposition', () => {
  it('loads per and split on a sum', () => {
    expect(lines(replace('    target: { default: 1000 }', '    target: { default: 12000, per: year, split: seasonality, threshold: 60% }'))).toEqual([]);
  });
  it('per on a metric that does not add up over months', () => {
    const ratio = replace(
      'weights:',
      '  rate:\n    label: Rate\n    unit: percent\n    numerator: revenue\n    denominator: deals\n    target: { default: 30%, per: year }\nweights:',
    );
    expect(errorsOf(ratio)).toEqual([
      'scheme.yaml:40:34  KPI5226 per: year splits a target into months, which only works for a sum or a count; a rate or an average has the same target every month: drop "per"',
    ]);
  });
  it('per with an absolute threshold', () => {
    expect(errorsOf(replace('    target: { default: 1000 }', '    target: { default: 12000, per: quarter, threshold: 500 }'))).toEqual([
      'scheme.yaml:27:56  KPI5227 with per: quarter, write threshold as a percentage of the target (e.g. "60%"): an absolute threshold cannot be split into months',
    ]);
  });
});
