// The run checks count a source's rows in the period from the list the scoring made of them (commands/
// period-rows-cache.ts), not by reading all its dates again: the same counts, the same checks.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { periodRowsCache } from '../../src/commands/period-rows-cache.js';
import { runChecks } from '../../src/commands/checks/run-checks.js';
import { rowsInPeriod } from '../../src/core/attribution.js';
import { periodKey, periodRows } from '../../src/core/period-rows.js';

describe('rows of the period, listed once', () => {
  it.each([
    ['acme', '2026-11'],
    ['acme', '2026-Q4'],
    ['teams', '2026-11'],
  ])('%s %s: scoring lists each source’s rows; the checks count them and say the same', async (example, label) => {
    const p = await prepareRun(resolve('examples', example, 'scheme.yaml'), label);
    if (!p.ok) throw new Error('the example should prepare');
    const run = p.run;
    const result = score(run);
    const cache = periodRowsCache(run.tables);
    for (const spec of run.model.sources) {
      const table = run.tables.get(spec.name);
      if (!table) continue;
      expect(cache.get(periodKey(spec.name, run.period))?.count).toBe(rowsInPeriod(table, spec, run.period));
    }
    // Tables of their own: nothing listed for them, so the checks read the dates themselves.
    const alone = { ...run, tables: new Map(run.tables) };
    expect(periodRowsCache(alone.tables).size).toBe(0);
    expect(JSON.stringify(runChecks(run, result))).toBe(JSON.stringify(runChecks(alone, result)));
  });

  it.each([
    ['acme', '2026-11'],
    ['acme', '2026-Q4'],
    ['china', '2026-11'],
  ])('%s %s: each dated source’s rows listed by its read, as the core lists them, before the score', async (example, label) => {
    const p = await prepareRun(resolve('examples', example, 'scheme.yaml'), label);
    if (!p.ok) throw new Error('the example should prepare');
    const run = p.run;
    const cache = periodRowsCache(run.tables);
    let dated = 0;
    for (const spec of run.model.sources) {
      const table = run.tables.get(spec.name);
      if (!table || spec.date === undefined) continue;
      dated++;
      const listed = cache.get(periodKey(spec.name, run.period));
      const core = periodRows(table, spec, run.period);
      expect(listed).toBeDefined();
      expect({ ...listed, rows: Array.from(listed?.rows ?? []) }).toEqual({ ...core, rows: Array.from(core.rows ?? []) });
    }
    expect(dated).toBeGreaterThan(0);
    // Only the period read for: another one is listed by the core when asked.
    expect([...cache.keys()].every((k) => k.endsWith(`\u0000${run.period.label}`))).toBe(true);
  });
});
