// A scoring method is its module and one line of the registry (docs/rules.md): the model's ScoringSpec, the
// scheme's choices and options, building the spec, its range checks and warnings, scoring, explaining and the
// formula all go through the table. A scratch method registered here at run time, with nothing else, works
// end to end; the compiler derives its spec and refuses a module registered under another name.
import { describe, expect, it } from 'vitest';
import { registry, SCORING_METHODS, type SpecsOf } from '../../src/core/rules/scoring/methods.js';
import type { ScoringRule } from '../../src/core/rules/scoring/rule.js';
import { lit } from '../../src/core/formula.js';
import { BASE } from '../scheme/base.js';
import { problem } from '../../src/messages/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `flat`: a fixed score whatever the actual (option `score`, required). */
type FlatSpec = { method: 'flat'; cap: number; score: number };
const flat: ScoringRule<FlatSpec> = {
  name: 'flat',
  options: { score: { kind: 'score', required: true } },
  build: (cap, read) => ({ method: 'flat', cap, score: read.score('score', 0) }),
  needsTarget: false,
  highest: (spec) => spec.score,
  value: ({ spec }) => ({ raw: spec.score }),
  explain: ({ spec }) => `flat ${spec.score}`,
  inverse: ({ spec }, score, current) => (score <= spec.score ? (current ?? 0) : null),
  formula: ({ spec }) => lit(spec.score),
  // Its own check of its settings: a flat score of 0 pays nothing (said with an existing code, for the test).
  lint: (spec) =>
    spec.score === 0 ? [{ severity: 'warning', path: ['scoring', 'score'], problem: problem('KPI5243', { score: '0%', prev: '0%', metric: 'x' }) }] : [],
};

describe('a scoring method is its module and one registry line', () => {
  it('the compiler derives the spec from the table, and refuses an entry whose spec has another name', () => {
    const methods = registry({ ...SCORING_METHODS, flat });
    const spec: SpecsOf<typeof methods> = { method: 'flat', cap: 1.5, score: 0.8 };
    expect(
      methods.flat.value({ spec: spec as FlatSpec, direction: 'higher_is_better', target: { target: null, threshold: null, stretch: null } as never }, 5).raw,
    ).toBe(0.8);
    // @ts-expect-error registered as `level`, but its spec says method: 'flat'
    registry({ level: flat });
    // @ts-expect-error a spec union without the method does not take its spec
    const old: SpecsOf<typeof SCORING_METHODS> = { method: 'flat', cap: 1.5, score: 0.8 };
    expect(old).toBeDefined();
  });

  it('registered at run time with nothing else, the scheme reads it, checks it, and the core scores it', async () => {
    Object.assign(SCORING_METHODS, { flat });
    // Loaded after the registration: the scheme's schema is made from the table when it is first imported.
    const { loadSchemeText } = await import('../../src/scheme/load.js');
    const { scoreMetric, scoreLine, highestScore } = await import('../../src/core/rules/scoring/index.js');
    const load = (scoring: string) =>
      loadSchemeText(BASE.replace('    target: 10\n', `    target: 10\n    scoring: ${scoring}\n`), '/tmp/s/scheme.yaml', 'scheme.yaml');

    const ok = load('{ method: flat, score: 80% }');
    expect(ok.diagnostics.map((d) => d.code)).toEqual([]);
    const deals = ok.model!.metrics.find((m) => m.name === 'deals')!;
    expect(deals.scoring).toEqual({ method: 'flat', cap: 1.5, score: 0.8 });
    const t = { target: null, threshold: null, stretch: null } as never;
    expect(scoreMetric(deals, 3, t).score).toBe(0.8);
    expect(scoreLine(deals, 3, t, 0.8, 0.8)).toMatchObject({ values: { method: 'flat' } });
    expect(highestScore(deals.scoring)).toBe(0.8);

    // What every method gets from the scheme, by the option's kind: required, range-checked, the cap warned.
    expect(load('{ method: flat }').diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['KPI5211 method "flat" needs "score"']);
    expect(load('{ method: flat, score: 5000 }').diagnostics.map((d) => d.code)).toEqual(['KPI5605']);
    expect(load('{ method: flat, score: 80%, cap: 150% }').diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'KPI5210 cap 150% can never be reached: flat scoring gives at most 80%',
    ]);
    // What the module's lint finds is reported at its path under the metric.
    expect(load('{ method: flat, score: 0 }').diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`)).toEqual(['KPI5243 35:37']);
    // Its option on a metric of another method is refused, not ignored.
    expect(load('{ method: ratio, score: 80% }').diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'KPI5209 "score" only applies to method: flat (this metric uses ratio)',
    ]);
  });

  it("no code outside the scoring modules names a method: the scheme's checks ask the module (lint, options)", () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith(path.join('core', 'rules', 'scoring')));
    const names = ['ratio', 'linear', 'binary', 'bands'];
    const naming = new RegExp(`method\\s*[!=]==\\s*'(${names.join('|')})'`);
    const found = files.flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (naming.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
