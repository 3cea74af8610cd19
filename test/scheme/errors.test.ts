import { describe, expect, it } from 'vitest';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { BASE } from './base.js';

function run(text: string) {
  const r = loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml');
  return { ...r, lines: r.diagnostics.map(formatDiagnostic) };
}
const errorsOf = (text: string) => run(text).lines.filter((l) => !l.includes('warning'));

function replace(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`base scheme has no ${from}`);
  return BASE.replace(from, to);
}

describe('the base scheme', () => {
  it('is valid with no diagnostics at all', () => {
    const r = run(BASE);
    expect(r.lines).toEqual([]);
    expect(r.model?.metrics.map((m) => m.name)).toEqual(['revenue', 'deals']);
    expect(r.model?.weights.get('ae')?.get('revenue')).toBeCloseTo(0.7, 12);
  });
});

describe('each error kind points at the offending node', () => {
  it('unknown key, with a suggestion', () => {
    expect(errorsOf(replace('    label: Revenue', '    lable: Revenue'))).toEqual([
      'scheme.yaml:20:5  KPI1001 unknown key "lable" (did you mean "label"?); allowed here: label, description, unit, category, direction, range, type, target, scoring, source, aggregate, column, filter',
    ]);
  });

  it('a range whose low end is not below its high end, and one that is not two numbers', () => {
    expect(errorsOf(replace('    label: Revenue\n', '    label: Revenue\n    range: [5, 1]\n'))).toEqual([
      expect.stringMatching(/^scheme\.yaml:21:12 {2}KPI5203 range \[5, 1\]: the low end must be below the high end/),
    ]);
    expect(errorsOf(replace('    label: Revenue\n', '    label: Revenue\n    range: [1, high]\n'))).toEqual([
      expect.stringMatching(/^scheme\.yaml:21:\d+ {2}/),
    ]);
    const ok = run(replace('    label: Revenue\n', '    label: Revenue\n    range: [0, 100%]\n'));
    expect(ok.model?.metrics[0]?.range).toEqual({ min: 0, max: 1 });
  });

  it('scale: a power of ten on a money or number column, never beside chinese_numbers (the unit of 万元 amounts)', () => {
    const col = (c: string) => replace('amount: { header: Amount, type: money }', `amount: { header: Amount, ${c} }`);
    expect(run(col('type: money, scale: 10000')).model?.sources[0]?.columns.find((c) => c.name === 'amount')?.scale).toBe(10000);
    expect(errorsOf(col('type: money, scale: 1'))).toEqual([]);
    expect(errorsOf(col('type: number, scale: 1000'))).toEqual([]);
    expect(errorsOf(col('type: money, scale: 1500'))).toEqual([
      'scheme.yaml:12:53  KPI5118 scale must be a power of ten from 1 to 1000000000 (10000 for 万元, 1000 for 千元 or (000), 1000000 for millions), not 1500',
    ]);
    expect(errorsOf(col('type: money, scale: 0.01')).map((l) => l.slice(0, 30))).toEqual(['scheme.yaml:12:53  KPI5118 sca']);
    expect(errorsOf(col('type: percent, scale: 100'))).toEqual([
      'scheme.yaml:12:55  KPI5117 scale applies to money and number columns; "amount" is a percent column',
    ]);
    expect(errorsOf(col('type: money, chinese_numbers: true, scale: 10000'))).toEqual([
      'scheme.yaml:12:76  KPI5119 "amount" reads 万 and 亿 itself (chinese_numbers): a scale would count them twice over',
    ]);
  });

  it('unknown top-level key', () => {
    expect(errorsOf(BASE + 'bonsu: {}\n')).toEqual([expect.stringMatching(/^scheme\.yaml:43:1 {2}KPI1001 unknown key "bonsu" \(did you mean "bonus"\?\)/)]);
  });

  it('wrong type', () => {
    expect(errorsOf(replace('ae: { revenue: 70, deals: 30 }', 'ae: { revenue: seventy, deals: 30 }'))).toEqual([
      'scheme.yaml:36:18  KPI5304 expected a weight in percent like 40 or "40%", got "seventy"',
    ]);
  });

  it('a wrong enum value names the choices and the closest', () => {
    expect(errorsOf(replace('aggregate: sum', 'aggregate: summ'))).toEqual([
      'scheme.yaml:24:16  KPI1004 "summ" is not one of: sum, count, count_distinct, avg, min, max (did you mean "sum"?)',
    ]);
  });

  it('weights of a role not summing to 100', () => {
    expect(errorsOf(replace('deals: 30 }', 'deals: 20 }'))).toEqual(['scheme.yaml:36:3  KPI5323 weights of role ae add up to 90, not 100']);
  });

  it('overlapping tier bands', () => {
    expect(errorsOf(replace('{ from: 100%, multiplier: 1.5 }', '{ from: 90%, multiplier: 1.5 }'))).toEqual([
      'scheme.yaml:42:15  KPI5414 tiers overlap: 90%–100% is in two tiers (a tier includes its "from" and excludes its "to")',
    ]);
  });

  it('gapped tier bands', () => {
    expect(errorsOf(replace('{ from: 100%, multiplier: 1.5 }', '{ from: 110%, multiplier: 1.5 }'))).toEqual([
      'scheme.yaml:42:15  KPI5413 gap between tiers: values from 100% up to 110% fall in no tier',
    ]);
  });

  it('tiers that do not start at 0, and a closed last tier', () => {
    expect(
      errorsOf(replace('{ from: 0, to: 80%', '{ from: 50%, to: 80%').replace('{ from: 100%, multiplier: 1.5 }', '{ from: 100%, to: 200%, multiplier: 1.5 }')),
    ).toEqual([
      'scheme.yaml:40:15  KPI5410 scores below 50% fall in no tier: the first tier should start at 0',
      'scheme.yaml:42:25  KPI5415 values of 200% and above fall in no tier: leave out "to" on the last tier',
    ]);
  });

  it('a metric referring to an unknown source', () => {
    expect(errorsOf(replace('source: sales\n    aggregate: sum', 'source: sale\n    aggregate: sum'))).toEqual([
      'scheme.yaml:23:13  KPI5127 unknown source "sale" (did you mean "sales"?)',
    ]);
  });

  it('a metric referring to an unknown column', () => {
    expect(errorsOf(replace('column: amount', 'column: amout'))).toEqual([
      'scheme.yaml:25:13  KPI5120 "amout" is not a column of source "sales" (did you mean "amount"?)',
    ]);
  });

  it('a filter on an unknown column', () => {
    expect(errorsOf(replace('filter: { stage: Won }', 'filter: { stag: Won }'))).toEqual([
      'scheme.yaml:26:15  KPI5120 "stag" is not a column of source "sales" (did you mean "stage"?)',
    ]);
  });

  it('a metric referring to an unknown metric', () => {
    const text = BASE.replace('weights:', '  aov:\n    label: AOV\n    unit: money\n    type: derived\n    formula: revenue / deal\nweights:');
    expect(errorsOf(text)).toEqual(['scheme.yaml:39:14  KPI5221 unknown metric "deal" in formula (did you mean "deals"?)']);
  });

  it('a cycle among derived metrics', () => {
    const text = BASE.replace('weights:', '  a:\n    type: derived\n    formula: b + 1\n  b:\n    type: derived\n    formula: a * 2\nweights:');
    expect(errorsOf(text)).toEqual(['scheme.yaml:35:3  KPI5225 metrics refer to each other in a cycle: a → b → a']);
  });

  it('a formula with something other than arithmetic', () => {
    const text = BASE.replace('weights:', '  a:\n    type: derived\n    formula: revenue.constructor\nweights:');
    expect(errorsOf(text)).toEqual([
      'scheme.yaml:37:14  KPI5112 "MemberExpression" is not allowed in a formula (use + - * /, names, numbers, min/max/abs/round) (at character 1 of "revenue.constructor")',
    ]);
  });

  it('a role with no weights', () => {
    expect(errorsOf(replace('team: West, role: ae', 'team: West, role: a'))).toEqual([
      'scheme.yaml:17:44  KPI5324 role "a" has no weights (did you mean "ae"?)',
    ]);
  });

  it('a target missing for a weighted metric', () => {
    expect(errorsOf(replace('    target: 10\n', ''))).toEqual([
      'scheme.yaml:35:22  KPI5321 "deals" is weighted for role ae but has no target (add a default target, or one under by_role for ae)',
    ]);
  });

  it('a missing required choice says which key and what it may be', () => {
    expect(errorsOf(replace('    aggregate: sum\n', ''))).toEqual([
      'scheme.yaml:20:5  KPI5023 missing "aggregate": one of sum, count, count_distinct, avg, min, max',
    ]);
  });

  it('a misspelt key is not also reported as missing', () => {
    expect(errorsOf(replace('    aggregate: sum\n', '    agregate: sum\n'))).toEqual([
      expect.stringMatching(/^scheme\.yaml:24:5 {2}KPI1001 unknown key "agregate" \(did you mean "aggregate"\?\)/),
    ]);
  });

  it('roster ids that differ only by case', () => {
    expect(errorsOf(replace('{ id: R2, name: Bob', '{ id: r1, name: Bob'))).toEqual(['scheme.yaml:17:11  KPI5302 rep id "r1" differs from "R1" only by case']);
  });

  it('a missing required section', () => {
    expect(errorsOf(BASE.replace(/\nbonus:[\s\S]*$/, '\n'))).toEqual([
      'scheme.yaml:1:1  KPI5401 missing required key "bonus" (tiers that turn the total score into a multiplier)',
    ]);
  });

  it('all errors at once, not just the first', () => {
    const text = replace('column: amount', 'column: amout').replace('deals: 30 }', 'deals: 20 }').replace('    label: Revenue', '    lable: Revenue');
    expect(errorsOf(text)).toHaveLength(3);
  });
});

describe('hostile YAML', () => {
  it('a syntax error gives line and column', () => {
    expect(errorsOf('name: [unclosed\nsources: {}\n')[0]).toMatch(/^scheme\.yaml:\d+:\d+ {2}KPI5011 YAML: /);
  });

  it('a duplicate key is an error', () => {
    expect(errorsOf(BASE.replace('name: Test scheme', 'name: A\nname: B'))[0]).toBe(
      'scheme.yaml:3:1  KPI5012 YAML: a key appears twice in the same map; YAML keeps only one of them',
    );
  });

  it('an alias bomb is refused without expanding', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const r = run(bomb.join('\n') + '\n');
    expect(r.model).toBeUndefined();
    expect(r.lines[0]).toMatch(/^scheme\.yaml:1:1 {2}KPI5014 YAML: .*alias/i);
  });

  it('__proto__ and constructor keys are refused', () => {
    expect(errorsOf(replace('  revenue:\n', '  __proto__: { polluted: true }\n  revenue:\n'))).toEqual([
      'scheme.yaml:19:3  KPI5017 "__proto__" is not allowed as a key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorsOf(replace('  sales:\n', '  constructor: {}\n  sales:\n'))).toEqual(['scheme.yaml:6:3  KPI5017 "constructor" is not allowed as a key']);
  });

  it('__proto__ reached through an alias key is refused too', () => {
    const text = 'k: &k __proto__\n' + BASE.replace('  sales:\n', '  *k : { polluted: true }\n  sales:\n');
    expect(errorsOf(text)).toEqual(['scheme.yaml:7:3  KPI5017 "__proto__" is not allowed as a key']);
  });

  it('a YAML merge key (<<) is named as unsupported, in a map of settings and in the map of metrics', () => {
    const text = 'base: &base { rep: rep }\n' + BASE.replace('  sales:\n', '  sales:\n    <<: *base\n');
    expect(errorsOf(text)).toEqual(['scheme.yaml:8:5  KPI5020 YAML: "<<" (a merge key) is not supported; its keys would not be merged in']);
    // Under metrics it would otherwise be a metric named "<<".
    expect(errorsOf(replace('  revenue:\n', '  <<: {}\n  revenue:\n'))).toEqual([
      'scheme.yaml:19:3  KPI5020 YAML: "<<" (a merge key) is not supported; its keys would not be merged in',
    ]);
    // A quoted "<<" is an ordinary (unknown) key.
    expect(errorsOf(replace('  sales:\n', '  sales:\n    "<<": x\n'))[0]).toMatch(/KPI1001 unknown key "<<"/);
  });

  it('invalid UTF-8 is located at its line and column', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { loadScheme } = await import('../../src/scheme/load.js');
    const file = `${mkdtempSync(`${tmpdir()}/kpi-`)}/scheme.yaml`;
    writeFileSync(file, Buffer.concat([Buffer.from('version: 1\nname: A\nperiod: 2026'), Buffer.from([0xff]), Buffer.from('\n')]));
    const r = await loadScheme(file, 'scheme.yaml');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(['scheme.yaml:3:13  KPI5008 scheme is not valid UTF-8 text: save it as UTF-8']);
  });

  it('an unknown tag is an error, not a silent change', () => {
    expect(errorsOf(BASE.replace('name: Test scheme', 'name: !evil Test'))[0]).toBe(
      'scheme.yaml:2:7  KPI5013 YAML: unknown tag !evil: it would change the value silently',
    );
  });

  it('deep nesting is refused', () => {
    const deep = 'x: ' + '['.repeat(60) + ']'.repeat(60) + '\n';
    expect(errorsOf(deep)[0]).toMatch(/nested more than 40 levels/);
  });

  it('a document that is not a map', () => {
    expect(errorsOf('- just\n- a list\n')).toEqual(['scheme.yaml:1:1  KPI5015 a scheme is a YAML map with sources, reps, metrics, weights and bonus']);
  });
});

describe('SMART warnings', () => {
  const warningsOf = (text: string) => run(text).lines.filter((l) => l.includes('warning'));
  it('a weight of 0 is not relevant', () => {
    expect(warningsOf(replace('ae: { revenue: 70, deals: 30 }', 'ae: { revenue: 100, deals: 0 }'))).toEqual([
      'scheme.yaml:36:30  KPI5320 warning (SMART: relevant): weight 0: "deals" does not count for role ae; drop it or give it a weight',
    ]);
  });
  it('a weighted metric without a unit is not specific', () => {
    expect(warningsOf(replace('    unit: count\n', ''))).toEqual([
      'scheme.yaml:28:3  KPI5229 warning (SMART: specific): "deals" has no unit (money, count, percent, number, days, score)',
    ]);
  });
  it('a weighted metric without a label is not specific', () => {
    expect(warningsOf(replace('    label: Deals\n', ''))).toEqual([
      'scheme.yaml:28:3  KPI5230 warning (SMART: specific): "deals" has no label: say in words what it measures',
    ]);
  });
  it('a source with no date is not time-bound', () => {
    expect(warningsOf(replace('    date: closed\n', ''))).toEqual([
      'scheme.yaml:18:3  KPI5231 warning (SMART: time-bound): "revenue" reads a source with no "date" or "period" column, so it is not limited to the period',
      'scheme.yaml:27:3  KPI5231 warning (SMART: time-bound): "deals" reads a source with no "date" or "period" column, so it is not limited to the period',
    ]);
  });
});

describe('every number in a scheme has a sane range (issue 9, item 6)', () => {
  it('a base bonus too large to keep payouts exact to the cent', () => {
    expect(errorsOf(replace('base_bonus: 1000 }\n  - { id: R2', 'base_bonus: 1e308 }\n  - { id: R2'))).toEqual([
      'scheme.yaml:16:60  KPI5602 1e+308 is too large for a base bonus: at most 1,000,000,000,000, so that every payout stays exact to the cent',
    ]);
    // The limit is 10^14 minor units: a trillion at 2 decimals, 100 trillion for a currency without decimals.
    expect(errorsOf(replace('base_bonus: 1000 }\n  - { id: R2', 'base_bonus: 1000000000000 }\n  - { id: R2'))).toEqual([]);
    expect(errorsOf(replace('currency: USD', 'currency: JPY').replace('base_bonus: 1000 }', 'base_bonus: 100000000000000 }'))).toEqual([]);
    expect(errorsOf(replace('currency: USD', 'currency: JPY').replace('base_bonus: 1000 }', 'base_bonus: 100000000000001 }'))).toHaveLength(1);
  });
  it('a cap written as percent points is an error that says how to write it', () => {
    expect(errorsOf(replace('target: { default: 1000 }', 'target: { default: 1000 }\n    scoring: { cap: 150 }'))).toEqual([
      'scheme.yaml:28:21  KPI5605 150 means 15000% here, but a cap is at most 1000%; write "150%" if you meant 150 percent',
    ]);
    expect(errorsOf(replace('target: { default: 1000 }', 'target: { default: 1000 }\n    scoring: { cap: 10 }'))).toEqual([]);
  });
  it('a target, bound or gate level of a percentage metric written as percent points (80 for 80 %) is an error (red team)', () => {
    // A percentage metric's actual is a fraction: target 80 would score a 30 % win rate at 0.4 % and pay the lowest tier.
    const rate = '  win_rate:\n    label: Win rate\n    unit: percent\n    numerator: revenue\n    denominator: revenue\n';
    const withRate = (target: string, gate = '') =>
      replace('metrics:\n', `metrics:\n${rate}    target: ${target}\n`) + (gate ? `gates:\n  - { metric: win_rate, level: ${gate} }\n` : '');
    expect(errorsOf(withRate('80'))).toEqual([
      expect.stringMatching(
        /^scheme\.yaml:\d+:\d+ {2}KPI5228 a target of 80 means 8,000% for the percentage metric "win_rate" \(its actual is a fraction: 30% is 0\.3\); write 0\.8 or "80%" if you meant 80 percent$/,
      ),
    ]);
    expect(errorsOf(withRate('{ default: 0.8, by_team: { East: 75 }, threshold: 60, stretch: 70 }', '80'))).toEqual([
      expect.stringMatching(/a target of 75 means 7,500% .*write 0\.75 or "75%"/),
      expect.stringMatching(/a threshold of 60 means 6,000% .*write 0\.6 if you meant 60 percent$/),
      expect.stringMatching(/a stretch of 70 means 7,000% /),
      expect.stringMatching(/a gate level of 80 means 8,000% .*write 0\.8 or "80%"/),
    ]);
    // Fractions, percentages and growth up to 1000 % are fine.
    expect(errorsOf(withRate('"80%"', '0.5'))).toEqual([]);
    expect(errorsOf(withRate('{ default: 0.3, by_rep: { R1: 10 }, threshold: 0.2, stretch: 150% }'))).toEqual([]);
  });
  it('a number with a thousands comma inside { } is named as such, not as an unknown key "0" (red team)', () => {
    const text = replace('target: 10\n', 'target: { default: 60,000, threshold: 50% }\n');
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /KPI1005 a number with a thousands separator inside \{ \} \(such as 60,000\)\? .*a key "0" with no value; write the number without separators/,
      ),
    ]);
    // A key that is only misspelt keeps its own message.
    expect(errorsOf(replace('target: 10\n', 'target: { default: 10, treshold: 50% }\n'))).toEqual([
      expect.stringMatching(/KPI1001 unknown key "treshold" \(did you mean "threshold"\?\)/),
    ]);
  });
  it('an amount or a count written with a thousands dot (5.000, 150.000) is an error naming both readings (red team)', () => {
    // YAML reads 150.000 as 150: a European writer's 150,000 target would be 1000× too easy, silently.
    expect(
      errorsOf(
        replace('target: { default: 1000 }', 'target: { default: 150.000, by_team: { East: 2.500 } }').replace('base_bonus: 1000 }', 'base_bonus: 5.000 }'),
      ),
    ).toEqual([
      'scheme.yaml:16:60  KPI5616 5.000 reads as 5 (in YAML a dot marks decimals): if the base bonus is 5000, write 5000; if it is 5, write 5',
      expect.stringMatching(
        /^scheme\.yaml:\d+:\d+ {2}KPI5616 150\.000 reads as 150 \(in YAML a dot marks decimals\): if the target is 150000, write 150000; if it is 150, write 150$/,
      ),
      expect.stringMatching(/2\.500 reads as 2\.5 .*if the target is 2500, write 2500; if it is 2\.5, write 2\.5$/),
    ]);
    // Three real decimals, rates, multipliers and weights are not amounts: no error.
    expect(errorsOf(replace('base_bonus: 1000 }', 'base_bonus: 5.001 }').replace('multiplier: 1.5 }', 'multiplier: 1.250 }'))).toEqual([]);
  });
  it('a day the calendar does not have (2026-11-31) in a start date or a date filter is an error (red team)', () => {
    // It was taken as valid: a start date that prorates nothing or something else, a filter no row can pass.
    expect(errorsOf(replace('base_bonus: 1000 }', 'base_bonus: 1000, start_date: 2026-11-31 }'))).toEqual([
      'scheme.yaml:16:78  KPI5040 not a date of the calendar (check the day of the month)',
    ]);
    expect(errorsOf(replace('filter: { stage: Won }', 'filter: { stage: Won, closed: { between: [2026-11-01, 2026-02-29] } }'))).toEqual([
      expect.stringMatching(
        /^scheme\.yaml:\d+:\d+ {2}KPI5132 2026-02-29 is not a date of the calendar \(check the day of the month\): no row could be compared with it$/,
      ),
    ]);
    expect(errorsOf(replace('base_bonus: 1000 }', 'base_bonus: 1000, start_date: 2028-02-29 }'))).toEqual([]);
  });
  it('a multiplier meant as a percentage', () => {
    expect(errorsOf(replace('multiplier: 1.5 }', 'multiplier: 150 }'))).toEqual([
      expect.stringMatching(/^scheme\.yaml:42:\d+ {2}KPI5609 a multiplier of 150 pays 150 × the base bonus; it is at most 10 \(write 1\.5 for 150 %\)$/),
    ]);
  });
  it('targets, bounds, filter and formula numbers within ±10^15', () => {
    const lines = errorsOf(
      replace('target: 10', 'target: { default: 1e300, threshold: 5000%, stretch: 1e20 }\n    scoring: { method: linear }').replace(
        'filter: { stage: Won }',
        'filter: { amount: { gt: 1e300 } }',
      ),
    );
    expect(lines).toEqual([
      'scheme.yaml:26:23  KPI5610 1e+300 is out of range for a number in a filter: at most 1,000,000,000,000,000 either side of 0',
      expect.stringMatching(/^scheme\.yaml:34:\d+ {2}KPI5610 1e\+300 is out of range for a target/),
      expect.stringMatching(/^scheme\.yaml:34:\d+ {2}KPI5606 5000%: a threshold relative to the target is at most 1000%$/),
      expect.stringMatching(/^scheme\.yaml:34:\d+ {2}KPI5610 100,000,000,000,000,000,000 is out of range for a stretch/),
    ]);
    expect(
      errorsOf(BASE.replace(/ {2}deals:\n[\s\S]*?target: 10\n/, '  deals:\n    label: Deals\n    unit: count\n    formula: revenue * 1e300\n    target: 10\n')),
    ).toEqual([expect.stringMatching(/1e\+300 is out of range for a number in a formula/)]);
  });
  it('commission rates and amounts, payout caps, weights', () => {
    const text = BASE + 'commission:\n  metric: revenue\n  tiers:\n    - { from: 0, to: 1e13, rate: 5 }\n    - { from: 1e13, rate: 1% }\n  max_payout: 1e15\n';
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/10,000,000,000,000 is too large for a commission tier bound/),
      expect.stringMatching(/rate 5 means 500% of the amount: a commission rate is at most 100%; write "5%" if you meant 5 percent$/),
      expect.stringMatching(/10,000,000,000,000 is too large for a commission tier bound/),
      expect.stringMatching(/1,000,000,000,000,000 is too large for max_payout/),
    ]);
    // A bare 1 is 100 % of the amount, nearly always meant as 1 %; "100%" and 1% are taken as written.
    for (const one of ['1', '1.0']) {
      expect(errorsOf(BASE + `commission:\n  metric: revenue\n  tiers:\n    - { from: 0, to: 1000, rate: ${one} }\n    - { from: 1000, rate: 1% }\n`)).toEqual([
        expect.stringMatching(/KPI5617 rate 1 means 100% of the amount .*write "1%" if you meant one percent, "100%" if you mean all of it$/),
      ]);
    }
    expect(errorsOf(BASE + 'commission:\n  metric: revenue\n  tiers:\n    - { from: 0, to: 1000, rate: 100% }\n    - { from: 1000, rate: 0.01 }\n')).toEqual(
      [],
    );
    expect(errorsOf(replace('ae: { revenue: 70, deals: 30 }', 'ae: { revenue: 170, deals: -70 }'))).toEqual([
      'scheme.yaml:36:18  KPI5614 a weight of 170 is more than 100 (weights are percent points and add up to 100 per role)',
      'scheme.yaml:36:30  KPI5305 a weight must not be negative',
    ]);
  });
});

describe('inline roster ids are text as written (issue 9)', () => {
  it('id: 007 is "007", not the number 7; quoted ids are untouched', () => {
    const r = run(replace('{ id: R1,', '{ id: 007,').replace('{ id: R2,', "{ id: '0012',"));
    expect(r.lines).toEqual([]);
    expect(r.model?.roster.kind === 'inline' && r.model.roster.reps.map((x) => x.id)).toEqual(['007', '0012']);
  });
});

describe('a scheme path that is not a regular file (issue 9)', () => {
  it('/dev/zero is refused at once, not read until memory runs out', async () => {
    const { loadScheme } = await import('../../src/scheme/load.js');
    const r = await loadScheme('/dev/zero');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      '/dev/zero  KPI5003 cannot read scheme: not a regular file (a pipe, device or socket); save the scheme to a file',
    ]);
  });
});
