// kpi validate with no period to check the data in (KPI1304): a coded SMART (time-bound) warning at the scheme's
// period when it has one, the rest of the scheme still checked; in the run's language.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, kpi, ROOT } from './run.js';

function acme(period: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-period-'));
  cpSync(path.join(ROOT, 'examples/acme'), dir, { recursive: true });
  const scheme = path.join(dir, 'scheme.yaml');
  const text = readFileSync(scheme, 'utf8');
  writeFileSync(scheme, period === null ? text.replace(/^period: 2026-11\n/m, '') : text.replace(/^period: 2026-11$/m, `period: ${period}`));
  return dir;
}

type Json = { valid: boolean; diagnostics: { code: string; severity: string; line: number; col: number; smart?: string; message: string; hint: string }[] };

describe('kpi validate without a period to check the data in', () => {
  it('no period set: KPI1304, a time-bound warning; still valid', () => {
    const r = kpi(['validate', 'scheme.yaml', '--format', 'json'], { cwd: acme(null) });
    expectNoStack(r);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    const d = j.diagnostics.filter((x) => x.code === 'KPI1304');
    expect(d.map((x) => `${x.code} ${x.severity} ${x.line}:${x.col} ${x.smart}`)).toEqual(['KPI1304 warning 0:0 time-bound']);
    expect(d[0]!.message).toMatch(/; the data checks that need a period were skipped$/);
    // Every diagnostic has a code and a hint.
    expect(j.diagnostics.filter((x) => !/^KPI\d{4}$/.test(x.code) || !x.hint)).toEqual([]);
  });

  it('a scheme period that is not one: KPI1304 at its line, in Chinese', () => {
    const r = kpi(['validate', 'scheme.yaml', '--lang', 'zh-CN'], { cwd: acme('2026-13') });
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scheme\.yaml:6:9 {2}KPI1304 .*；需要期间的数据检查已跳过$/m);
  });
});
