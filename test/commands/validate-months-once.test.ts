// `kpi validate` looks back on the months before the one it checks twice, over one engine (validate-data.ts): the
// plan replay (validate-history.ts) and the "on tiptoe" targets. Each month's metric values are computed once there:
// the replay's, with the month's blank values said, serve the targets as they are.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import type * as Kinds from '../../src/core/rules/metrics/index.js';

/** "metric period" of each metric value computed (core/metrics.ts computes through kindValues). */
const computed: string[] = [];
vi.mock('../../src/core/rules/metrics/index.js', async (original) => {
  const real = await original<typeof Kinds>();
  return {
    ...real,
    kindValues: (spec: Parameters<typeof real.kindValues>[0], x: Parameters<typeof real.kindValues>[1]) => {
      computed.push(`${spec.name} ${x.period.label}`);
      return real.kindValues(spec, x);
    },
  };
});
const { prepareRun, score } = await import('../../src/commands/pipeline.js');
const { dataDiagnostics } = await import('../../src/commands/validate-data.js');

const ROOT = path.resolve(import.meta.dirname, '../..');

// The Acme example without its growth metric: a growth metric makes each month it compares with one whose blank
// values are said (engine.compared) from its first computation on, which hid the second computation.
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-months-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
const SCHEME = path.join(dir, 'scheme.yaml');
const growth = /\n {2}revenue_growth:\n(?: {4}.*\n)+/;
writeFileSync(SCHEME, readFileSync(SCHEME, 'utf8').replace(growth, '\n'));

it('the SMART history checks compute each earlier month once (the Acme example: three months of history)', async () => {
  expect(readFileSync(SCHEME, 'utf8')).not.toContain('revenue_growth');
  const prepared = await prepareRun(SCHEME, undefined, { allColumns: true, hash: false });
  if (!prepared.ok) throw new Error('the example did not prepare');
  const result = score(prepared.run, false);
  computed.length = 0;
  const diagnostics = dataDiagnostics(prepared.run, result);
  expect(diagnostics.length).toBeGreaterThan(0);
  const months = new Set(computed.map((k) => k.split(' ')[1]));
  expect([...months].sort()).toEqual(['2026-08', '2026-09', '2026-10']);
  expect(computed.filter((k, i) => computed.indexOf(k) !== i)).toEqual([]);
});
