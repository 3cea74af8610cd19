// A bonus or commission mode is its module and one line of its registry (issue #11): outputs, plan commands and
// the scheme's checks ask the registry (named tiers or points, its rows, its lint) instead of naming a mode, so a
// new mode brings everything with it. The scheme reader (src/scheme/build.ts) alone reads each mode's own keys.
// Likewise a metric kind and a pay component bring the scheme's checks of their definition (their `check`), and a
// metric kind says which rows and columns it reads (`rowsRead`), whether it is one plain aggregate and what it
// compares with: nothing outside the kind modules asks which kind a metric is.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BONUS_MODES, scoreBands } from '../../src/core/rules/bonus/index.js';
import { COMMISSION_MODES } from '../../src/core/rules/commission/index.js';
import { linearBonus, stepBonus } from '../core/helpers.js';
import { METRIC_KINDS } from '../../src/core/rules/metrics/index.js';
import { COMPONENT_RULES } from '../../src/core/rules/components/index.js';

describe('bonus and commission modes', () => {
  it('no code outside their modules names a mode', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const own = [path.join('core', 'rules', 'bonus'), path.join('core', 'rules', 'commission'), path.join('scheme', 'build.ts')];
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !own.some((o) => f.startsWith(o)));
    const names = [...Object.keys(BONUS_MODES), ...Object.keys(COMMISSION_MODES)];
    const naming = new RegExp(`mode\\s*[!=]==?\\s*['"](${names.join('|')})['"]|['"](${names.join('|')})['"]\\s*[!=]==?\\s*[\\w.]*mode\\b`);
    const found = files.flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (naming.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it('say what the outputs ask: named tiers or points, their rows ascending, the bands to count reps in', () => {
    const step = stepBonus([
      ['Below', 0, 0],
      ['On', 0.8, 1],
      ['Stretch', 1.2, 1.5],
    ]);
    const linear = linearBonus();
    expect(BONUS_MODES.step.named).toBe(true);
    expect(BONUS_MODES.step.tiers(step).map((t) => t.label)).toEqual(['Below', 'On', 'Stretch']);
    expect(BONUS_MODES.step.rows(step).map((r) => [r.label, r.from, r.to, r.at.join('.')])).toEqual([
      ['Below', 0, 0.8, 'tiers.0.from'],
      ['On', 0.8, 1.2, 'tiers.1.from'],
      ['Stretch', 1.2, null, 'tiers.2.from'],
    ]);
    expect(BONUS_MODES.linear.named).toBe(false);
    expect(BONUS_MODES.linear.tiers(linear)).toEqual([]);
    expect(BONUS_MODES.linear.rows(linear).map((r) => [r.label, r.from, r.at.join('.')])).toEqual([
      [null, 0.5, 'points.0.score'],
      [null, 1, 'points.1.score'],
      [null, 1.5, 'points.2.score'],
    ]);
    expect(scoreBands(linear)).toEqual([
      { from: 0, to: 0.5 },
      { from: 0.5, to: 1 },
      { from: 1, to: 1.5 },
      { from: 1.5, to: null },
    ]);
    // Where pay starts and where it tops out: a step tier's start; for points, the last point paying nothing.
    expect(BONUS_MODES.step.reach(step, (m) => m)).toEqual({ threshold: 0.8, top: 1.2 });
    expect(BONUS_MODES.linear.reach(linear, (m) => Math.min(m, 1.5))).toEqual({ threshold: 0.5, top: 1.5 });
  });

  it("the scheme's checks have no case per metric kind or component kind: each kind's module checks itself", () => {
    const root = path.resolve(import.meta.dirname, '../../src/scheme');
    // The readers (build.ts, build-plan.ts) read each kind's own keys from the YAML; the checks ask the kind.
    const files = (readdirSync(root) as string[]).filter((f) => f.endsWith('.ts') && !['build.ts', 'build-plan.ts'].includes(f));
    const kinds = [...Object.keys(METRIC_KINDS), ...Object.keys(COMPONENT_RULES)];
    const naming = new RegExp(`case ['"](${kinds.join('|')})['"]|switch \\([\\w.]*kind\\)`);
    const found = files.flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (naming.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(files).toContain('checks.ts');
    expect(found).toEqual([]);
  });
});

describe('metric kinds', () => {
  it('no code outside the kind modules asks which kind a metric is: it asks the kind (rowsRead, plainAggregate, …)', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const own = [
      path.join('core', 'rules', 'metrics'),
      // The reader: each kind's own keys from the YAML.
      path.join('scheme', 'build.ts'),
      // Drafts of a scheme to write (an aggregate or a rate of two), its own shapes, not the model's metric kinds.
      path.join('commands', 'init-from'),
    ];
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !own.some((o) => f.startsWith(o)));
    const kinds = Object.keys(METRIC_KINDS).join('|');
    const naming = new RegExp(
      `kind\\s*[!=]==?\\s*['"](${kinds})['"]|['"](${kinds})['"]\\s*[!=]==?\\s*[\\w.?]*kind\\b|case ['"](${kinds})['"]|\\bdef\\??\\.kind\\b`,
    );
    // What it caught before the kinds were asked (session 7's switches over kinds).
    for (const line of [
      "if (d.kind === 'aggregate') fromAggregate(d);",
      "else if (d.kind === 'input' && d.source === source.name) used.add(d.column);",
      "if (m.def.kind !== 'growth' || !counts.has(m.name)) continue;",
      "if (def?.kind !== 'aggregate' || def.source !== spec.name) continue;",
      "case 'ratio':",
      'switch (spec.def.kind) {',
    ])
      expect(naming.test(line), line).toBe(true);
    for (const line of ["if (c.kind !== 'collection') continue;", "const inputs = d.kind === 'days_between' ? [d.from, d.to] : [];"])
      expect(naming.test(line), line).toBe(false);
    const found = files.flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (naming.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(path.join('core', 'columns-used.ts'));
    expect(found).toEqual([]);
  });
});
