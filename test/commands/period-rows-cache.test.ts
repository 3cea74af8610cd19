// The run checks count a source's rows in the period from the list the scoring made of them (commands/
// period-rows-cache.ts), not by reading all its dates again: the same counts, the same checks.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { periodRowsCache } from '../../src/commands/period-rows-cache.js';
import { runChecks } from '../../src/commands/checks/run-checks.js';
import { rowsInPeriod } from '../../src/core/attribution.js';
import { periodKey } from '../../src/core/period-rows.js';

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
});
