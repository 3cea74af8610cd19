// The plan-design warnings of `kpi validate`: without data (scheme only) and against history.
import { describe, expect, it } from 'vitest';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { historyFindings, unreachablePayoutCap } from '../../src/plan/history-lint.js';
import { scorePeriods } from '../../src/plan/replay.js';
import { problemText, translator } from '../../src/messages/index.js';
import { BASE } from '../scheme/base.js';
import { metric, model, period, rep, source, stepBonus, table, target } from '../core/helpers.js';

const warnings = (text: string) =>
  loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml')
    .diagnostics.map(formatDiagnostic)
    .filter((l) => l.includes('warning'));
function replace(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`base scheme has no ${from}`);
  return BASE.replace(from, to);
}

describe('without data: the scheme alone', () => {
  it('the base scheme draws none of these warnings (a 50 % step is at the limit, not over it)', () => {
    expect(warnings(BASE)).toEqual([]);
  });

  it('a cliff: one point of score that pays more than smart.max_cliff of base at once', () => {
    const text = replace('    - { from: 100%, multiplier: 1.5 }', '    - { from: 100%, to: 120%, multiplier: 1.5 }\n    - { from: 120%, multiplier: 2.5 }');
    expect(warnings(text)).toEqual([
      'scheme.yaml:43:15  KPI5421 warning (SMART: achievable): crossing 120% (100%–120% → 120%–) pays 100% of the base bonus at once (multiplier 1.5 → 2.5), more than smart.max_cliff 50%: reps just below this edge gain by moving deals between periods',
    ]);
    expect(warnings(text + 'smart: { max_cliff: 100% }\n')).toEqual([]);
  });

  it('the step into the first paying tier is the threshold payout, not a cliff', () => {
    expect(warnings(replace('    - { from: 80%, to: 100%, multiplier: 1 }', '    - { from: 80%, to: 100%, multiplier: 1.2 }'))).toEqual([]);
  });

  it('pay that falls as achievement rises: linear bonus points, bands, linear scoring, retroactive commission', () => {
    const linear = replace(
      `  mode: step
  tiers:
    - { from: 0, to: 80%, multiplier: 0 }
    - { from: 80%, to: 100%, multiplier: 1 }
    - { from: 100%, multiplier: 1.5 }`,
      `  mode: linear
  points:
    - { score: 50%, multiplier: 0 }
    - { score: 100%, multiplier: 1.2 }
    - { score: 150%, multiplier: 1 }`,
    );
    expect(warnings(linear)).toEqual(['scheme.yaml:42:34  KPI5420 warning: multiplier 1 at 150% is lower than 1.2 at 100%: a higher score would pay less']);

    const bands = replace(
      '    target: 10\n',
      '    target: 10\n    scoring: { method: bands, bands: [ { from: 0, to: 5, score: 0 }, { from: 5, to: 10, score: 100% }, { from: 10, score: 80% } ] }\n',
    );
    expect(warnings(bands)).toEqual([expect.stringContaining('band score 80% is lower than the band below it (100%): a higher "deals" would score less')]);

    const scoring = replace(
      '    target: 10\n',
      '    target: { default: 10, threshold: 50%, stretch: 150% }\n    scoring: { method: linear, threshold_score: 120%, stretch_score: 90% }\n',
    );
    expect(warnings(scoring)).toEqual([
      expect.stringContaining('threshold_score 120% is above the 100% a rep scores at target: "deals" would score less the nearer the rep gets to target'),
      expect.stringContaining('stretch_score 90% is below the 100% a rep scores at target: "deals" would score less beyond target'),
    ]);

    const commission =
      BASE + 'commission:\n  metric: revenue\n  mode: retroactive\n  tiers:\n    - { from: 0, to: 1000, rate: 2% }\n    - { from: 1000, rate: 1% }\n';
    expect(warnings(commission)).toEqual([
      expect.stringContaining('rate 1% is lower than the tier below it (2%): with retroactive commission, reaching 1,000 would lower the whole commission'),
    ]);
    // Marginal: each slice at its own rate, so a lower rate higher up still pays more in total.
    expect(warnings(commission.replace('retroactive', 'marginal'))).toEqual([]);
  });

  it('caps that can never be reached: max_multiplier, a binary or bands cap, a bounded commission', () => {
    expect(warnings(BASE.replace('    - { from: 100%, multiplier: 1.5 }\n', '    - { from: 100%, multiplier: 1.5 }\n  max_multiplier: 2\n'))).toEqual([
      expect.stringContaining('max_multiplier 2 can never be reached: the highest tier pays 1.5'),
    ]);
    expect(warnings(BASE.replace('    - { from: 100%, multiplier: 1.5 }\n', '    - { from: 100%, multiplier: 1.5 }\n  max_multiplier: 1.5\n'))).toEqual([]);
    expect(warnings(replace('    target: 10\n', '    target: 10\n    scoring: { method: binary, cap: 120% }\n'))).toEqual([
      expect.stringContaining('KPI5210 warning: cap 120% can never be reached: binary scoring gives at most 100%'),
    ]);
    // The default cap (150 %) is not written, so a binary metric draws no warning.
    expect(warnings(replace('    target: 10\n', '    target: 10\n    scoring: { method: binary }\n'))).toEqual([]);
    expect(
      warnings(
        replace(
          '    target: 10\n',
          '    target: 10\n    scoring: { method: bands, cap: 130%, bands: [ { from: 0, to: 5, score: 0 }, { from: 5, score: 120% } ] }\n',
        ),
      ),
    ).toEqual([expect.stringContaining('KPI5210 warning: cap 130% can never be reached: bands scoring gives at most 120%')]);
    const bounded =
      BASE + 'commission:\n  metric: revenue\n  tiers:\n    - { from: 0, to: 1000, rate: 2% }\n    - { from: 1000, rate: 0% }\n  max_payout: 50\n';
    expect(warnings(bounded)).toEqual([
      expect.stringContaining('max_payout 50 can never be reached: the last commission tier pays 0%, so commission is at most 20'),
    ]);
  });

  it('smart settings are fractions within range', () => {
    const r = loadSchemeText(BASE + 'smart: { min_share_at_threshold: 120% }\n', '/tmp/s/scheme.yaml', 'scheme.yaml');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^scheme\.yaml:\d+:\d+ {2}KPI5306 min_share_at_threshold must be between 0 and 100%/),
    ]);
    const ok = loadSchemeText(
      BASE + 'smart: { min_share_at_threshold: 80%, max_share_at_target: 0.6, tier_edge_band: 3%, target_growth: 10% }\n',
      '/tmp/s/scheme.yaml',
      'scheme.yaml',
    );
    expect(ok.model?.smart).toMatchObject({
      minShareAtThreshold: 0.8,
      maxShareAtTarget: 0.6,
      tierEdgeBand: 0.03,
      targetGrowth: 0.1,
      maxCliff: 0.5,
      maxTargetOverBest: 1.5,
    });
  });
});

describe('against history', () => {
  // rev = sum of amount; target 100, threshold 90 % of it; ten reps over three months.
  const step = stepBonus([
    ['Below', 0, 0],
    ['On', 1, 1],
  ]);
  const rev = metric(
    'rev',
    { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'amount', filter: [] },
    { unit: 'money', target: target({ default: 100, threshold: { kind: 'relative', fraction: 0.9 } }), scoring: { method: 'ratio', cap: 2 } },
  );
  const m = model({ sources: [source('sales')], metrics: [rev], weights: { ae: { rev: 1 } }, bonus: step });
  const reps = Array.from({ length: 10 }, (_, i) => rep(`R${i}`));
  const months = ['2026-08', '2026-09', '2026-10'];
  /** amounts[k] is every rep's amount in month k. */
  const history = (amounts: (i: number, k: number) => number, over = m) => {
    const rows = months.flatMap((mo, k) => reps.map((r, i) => [r.id, `${mo}-10`, amounts(i, k)] as const));
    const sales = table('sales', { rep: ['string', rows.map((x) => x[0])], date: ['date', rows.map((x) => x[1])], amount: ['money', rows.map((x) => x[2])] });
    return scorePeriods({ model: over, reps, tables: new Map([['sales', sales]]) }, months.map(period));
  };

  it('a threshold few reached: 12 of 30 rep-months at 90 or more (40 % < 70 %)', () => {
    // Reps 0–3 reach 95 every month (12 rep-months); the others 50.
    const f = historyFindings(
      m,
      history((i) => (i < 4 ? 95 : 50)),
    );
    expect(f.map(({ problem, ...x }) => ({ ...x, code: problem.code, message: problem.text }))).toEqual([
      {
        path: ['metrics', 'rev', 'target', 'threshold'],
        atKey: true,
        smart: 'achievable',
        code: 'KPI1311',
        message:
          '"rev": only 40% reached the threshold in the last 3 months (2026-08 to 2026-10) (12 of 30 with data); about 90% should, and below 70% (smart.min_share_at_threshold) most reps earn nothing from it',
      },
    ]);
  });

  it('at the limit is no warning: 21 of 30 (70 %) reached the threshold', () => {
    expect(
      historyFindings(
        m,
        history((i, k) => (i < 7 ? 95 : 50) + k * 0),
      ),
    ).toEqual([]);
  });

  it('a target most reached: 24 of 30 rep-months at 100 or more (80 % > 70 %)', () => {
    const f = historyFindings(
      m,
      history((i) => (i < 8 ? 100 : 95)),
    );
    expect(f.map((x) => `${x.problem.code} ${x.problem.text}`)).toEqual([
      'KPI1312 "rev": 80% reached the target in the last 3 months (2026-08 to 2026-10) (24 of 30 with data); about 50% should, and above 70% (smart.max_share_at_target) the target is too easy',
    ]);
    expect(f[0]!.path).toEqual(['metrics', 'rev', 'target']);
  });

  it('a gate that would have zeroed many: 9 of 30 below 60 (30 % > 20 %)', () => {
    const gated = model({ ...m, gates: [{ metric: 'rev', of: 'actual', level: 60, effect: 'zero_bonus' }] });
    // Reps 0–2 sell 55 every month: below the gate (and the threshold); the rest 95.
    const f = historyFindings(
      gated,
      history((i) => (i < 3 ? 55 : 95), gated),
    );
    expect(f.map((x) => `${x.problem.code} ${x.problem.text}`)).toEqual([
      'KPI1313 the gate on "rev" would have zeroed the bonus of 30% of reps in the last 3 months (2026-08 to 2026-10) (9 of 30 with data), more than 20% (smart.max_share_zeroed_by_gate)',
    ]);
    expect(f[0]!.path).toEqual(['gates', 0]);
  });

  it('a zero_metric gate zeroes the contribution, said by the gate effect; in Chinese too', () => {
    const gated = model({ ...m, gates: [{ metric: 'rev', of: 'actual', level: 60, effect: 'zero_metric' }] });
    const f = historyFindings(
      gated,
      history((i) => (i < 3 ? 55 : 95), gated),
    );
    expect(f.map((x) => x.problem.text)).toEqual([
      'the gate on "rev" would have zeroed the "rev" contribution of 30% of reps in the last 3 months (2026-08 to 2026-10) (9 of 30 with data), more than 20% (smart.max_share_zeroed_by_gate)',
    ]);
    expect(problemText(f[0]!.problem, '', translator('zh-CN'))).toBe(
      '“rev”上的门槛在近 3 个月（2026-08 至 2026-10）会使 30% 的人“rev”的贡献归零（有数据的 30 人次中 9 人次），超过 20%（smart.max_share_zeroed_by_gate）',
    );
  });

  it('settings move the limits', () => {
    const strict = model({ ...m, smart: { ...m.smart, minShareAtThreshold: 0.95 } });
    expect(
      historyFindings(
        strict,
        history((i) => (i < 9 ? 95 : 50), strict),
      ).map((x) => `${x.problem.code} ${x.problem.text}`),
    ).toEqual([expect.stringContaining('only 90% reached the threshold')]);
  });

  it('too little history (under 10 rep-periods) draws nothing', () => {
    const few = history((i) => (i < 4 ? 95 : 50)).map((r) => ({ ...r, reps: r.reps.slice(0, 3) }));
    expect(historyFindings(m, few)).toEqual([]);
  });

  it('a payout cap above the largest bonus on the roster is never reached', () => {
    const capped = model({ ...m, bonus: { ...step, maxPayout: 5000 } });
    expect(unreachablePayoutCap(capped, [rep('A', { baseBonus: 2000 }), rep('B', { baseBonus: 3000 })])?.problem.text).toBe(
      'max_payout 5,000 can never be reached: the largest bonus on the roster is 3,000 (B, base 3,000 × 1)',
    );
    expect(unreachablePayoutCap(capped, [rep('A', { baseBonus: 6000 })])).toBeUndefined();
  });
});
