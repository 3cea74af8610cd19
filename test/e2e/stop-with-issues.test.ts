// A run that stops on an error found after the data was read (KPI1203: no row in the period) says the data issues
// that may explain it, as kpi validate lists them: dates written month first under date_order: dmy read as other
// months, or skipped, leave November empty.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, kpi, ROOT } from './run.js';

function teamsWrittenMonthFirst(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-stop-'));
  cpSync(path.join(ROOT, 'examples/teams'), dir, { recursive: true });
  const sales = path.join(dir, 'data/sales.csv');
  writeFileSync(sales, readFileSync(sales, 'utf8').replace(/(\d{4})-(\d{2})-(\d{2})/g, '$2/$3/$1'));
  const scheme = path.join(dir, 'scheme.yaml');
  writeFileSync(scheme, readFileSync(scheme, 'utf8').replace('    split: {', '    date_order: dmy\n    split: {'));
  return dir;
}

describe('a run stopped by a period without rows', () => {
  it('lists the data issues read before it (the date_order hint), in English and Chinese', () => {
    const dir = teamsWrittenMonthFirst();
    const r = kpi(['score', 'scheme.yaml'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/KPI1203 no source has any row in 2026-11/);
    expect(lines[1]).toBe('17 data issues (17 rows skipped) found while reading the data; they may explain the error:');
    expect(lines[2]).toMatch(/^ {2}data\/sales\.csv, row 2, column "Close Date": KPI2120 "01\/15\/2025" is not a valid date .*: set date_order: mdy$/);
    expect(lines.slice(7, 9)).toEqual(['  … and 12 more', 'kpi score: stopped; fix the errors above (kpi validate lists them all)']);
    const zh = kpi(['score', 'scheme.yaml', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.stderr.split('\n')[1]).toMatch(/^读取数据时发现 17 .*，可能就是出错的原因：$/);
    expect(zh.stderr).toMatch(/KPI2120 .*date_order: mdy/);
  });
});
