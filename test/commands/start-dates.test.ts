// Rows dated before their rep's start date (KPI2790) are looked for among the rows the scoring listed for the
// period (commands/period-rows-cache.ts), their rep decided per text code, instead of in every row of the table:
// the same rows, counts and first rows as the pass over every row (tables the scoring never listed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { periodRowsCache } from '../../src/commands/period-rows-cache.js';
import { rowsBeforeStart } from '../../src/commands/checks/start-dates.js';
import { periodKey } from '../../src/core/period-rows.js';
import { SALES_SOURCE, schemeHead, STEP_BONUS } from './helpers.js';

const scheme = (period: string) => `${schemeHead(period)}sources:
${SALES_SOURCE}reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
  - { id: R2, name: Bo, team: East, role: ae, base_bonus: 5000, start_date: 2026-11-10 }
  - { id: R3, name: Cy, team: East, role: ae, base_bonus: 5000, start_date: 2026-10-05 }
  - { id: R4, name: Di, team: East, role: ae, base_bonus: 5000, start_date: 2026-12-20 }
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, target: 100 }
weights:
  ae: { revenue: 100 }
${STEP_BONUS}`;

// Reps with and without start dates, one unknown, one written in lower case (matched as R2).
const REPS = ['R1', 'R2', 'R3', 'R4', 'R9', 'r2'];
const row = fc.record({
  rep: fc.constantFrom(...REPS),
  // Days from 1 September 2026 to 31 December: before, inside and after the periods scored; often a start date
  // (R3 day 34, R2 day 70, R4 day 110), the day before it, or a month's first or last day.
  day: fc.oneof(fc.integer({ min: 0, max: 121 }), fc.constantFrom(33, 34, 69, 70, 109, 110, 29, 30, 60, 61, 90, 91)),
  bad: fc.boolean(),
});

function salesCsv(rows: { rep: string; day: number; bad: boolean }[]): string {
  const iso = (d: number) => new Date(Date.UTC(2026, 8, 1) + d * 86_400_000).toISOString().slice(0, 10);
  return `Rep,Amount,Close Date\n${rows.map((r, i) => `${r.rep},${i + 1}.00,${r.bad && i % 3 === 0 ? 'not a day' : iso(r.day)}`).join('\n')}\n`;
}

describe('rows before a rep’s start date, from the rows listed for the period', () => {
  it('the same findings as the pass over every row, whatever the rows', async () => {
    let listedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), fc.constantFrom('2026-11', '2026-Q4', '2026-10'), async (rows, period) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'kpi-start-dates-'));
        writeFileSync(path.join(dir, 'scheme.yaml'), scheme(period));
        writeFileSync(path.join(dir, 'sales.csv'), salesCsv(rows));
        const p = await prepareRun(path.join(dir, 'scheme.yaml'), undefined);
        if (!p.ok) throw new Error('the run should prepare');
        const run = p.run;
        score(run);
        if (periodRowsCache(run.tables).has(periodKey('sales', run.period))) listedRuns++;
        const listed = rowsBeforeStart(run);
        // Tables of their own: nothing listed for them, every row is read.
        const everyRow = rowsBeforeStart({ ...run, tables: new Map(run.tables) });
        expect(JSON.stringify(listed)).toBe(JSON.stringify(everyRow));
      }),
      { numRuns: 40 },
    );
    expect(listedRuns).toBe(40);
  });

  it('R2 (from 2026-11-10) credited with rows of 3 and 5 November: one finding, first row and count', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-start-dates-'));
    writeFileSync(path.join(dir, 'scheme.yaml'), scheme('2026-11'));
    writeFileSync(
      path.join(dir, 'sales.csv'),
      'Rep,Amount,Close Date\nR1,1.00,2026-11-01\nR2,2.00,2026-10-03\nr2,3.00,2026-11-05\nR2,4.00,2026-11-03\nR2,5.00,2026-11-12\n',
    );
    const p = await prepareRun(path.join(dir, 'scheme.yaml'), undefined);
    if (!p.ok) throw new Error('the run should prepare');
    score(p.run);
    const found = rowsBeforeStart(p.run);
    expect(found.map((f) => [f.row, f.value, f.problem.params])).toEqual([
      [4, '2026-11-05', expect.objectContaining({ n: 2, rep: 'R2', row: 4, date: '2026-11-05' })],
    ]);
  });
});
