// The roster file is read before the sources (pipeline.ts prepareRun: read after a large source, its few rows threw
// away the read's optimised code). What the run says must not move: the roster's issues, its input and its errors
// still come after the sources', as when it was read last.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../src/commands/pipeline.js';
import { BASE } from '../scheme/base.js';

// The base scheme with its roster in a file instead of inline.
const SCHEME = BASE.replace(
  /reps:\n(?: {2}- .*\n)+/,
  'reps:\n  file: reps.csv\n  columns: { id: Rep ID, name: Name, team: Team, role: Role, base_bonus: { header: Target Incentive, type: money } }\n',
);

function folder(sales: string, reps: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-roster-first-'));
  writeFileSync(path.join(dir, 'scheme.yaml'), SCHEME);
  writeFileSync(path.join(dir, 'sales.csv'), sales);
  writeFileSync(path.join(dir, 'reps.csv'), reps);
  return path.join(dir, 'scheme.yaml');
}

const REPS = 'Rep ID,Name,Team,Role,Target Incentive,\nR1,Ann,East,ae,5000,\nR2,Bo,West,ae,5000,shifted\n';
const SALES = 'Rep,Amount,Stage,Closed\nR1,100,Won,2026-11-02\nR2,1O0,Won,2026-11-03\nR1,50,Won,2026-11-04\n';

describe('the roster, read before the sources, is said after them', () => {
  it("its issues and its input come after the sources', as before", async () => {
    const p = await prepareRun(folder(SALES, REPS), undefined);
    if (!('run' in p)) throw new Error(JSON.stringify(p));
    expect(p.run.inputs.map((i) => path.basename(i.file))).toEqual(['sales.csv', 'reps.csv']);
    const files = p.run.readIssues.map((i) => `${path.basename(i.file ?? '')}:${i.row}`);
    expect(files).toEqual(['sales.csv:3', 'reps.csv:3']);
  });

  it("its errors come after the sources'", async () => {
    const p = await prepareRun(folder('Rep,Amount,Stage\nR1,100,Won\n', 'Rep ID,Name,Team\nR1,Ann,East\n'), undefined);
    if ('run' in p) throw new Error('expected the run to stop');
    const shown = p.diagnostics.filter((d) => d.severity === 'error').map((d) => path.basename(d.file ?? ''));
    expect(shown).toEqual(['sales.csv', 'reps.csv']);
  });
});
