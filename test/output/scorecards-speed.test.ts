// 500 scorecards at once: one file per rep, all distinct. Their speed is measured by `npm run bench`, not here.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import { writeScorecards } from '../../src/output/scorecards.js';
import { fixtureInputs, fixtureModel, makeFixture } from './fixture.js';

function synthetic(n: number): RunResult {
  const base = makeFixture();
  const reps = Array.from({ length: n }, (_, i) => {
    const r = base.reps[i % base.reps.length]!;
    return { ...r, rank: i + 1, rep: { ...r.rep, id: `R${String(i + 1).padStart(4, '0')}`, name: `${r.rep.name} ${i + 1}` } };
  });
  return { ...base, reps };
}

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-cards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('500 scorecards: one workbook per rep, none lost to a name collision', async () => {
  const result = synthetic(500);
  const ctx = { schemeFile: fixtureModel.schemeFile, inputs: fixtureInputs, issues: [], toolVersion: '0.1.0', model: fixtureModel };
  const t0 = performance.now();
  const files = await writeScorecards(result, ctx, dir);
  const ms = performance.now() - t0;
  console.log(`500 scorecards: ${Math.round(ms)} ms (${(ms / 500).toFixed(1)} ms each)`);
  expect(files).toHaveLength(500);
  expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx'))).toHaveLength(500);
});
