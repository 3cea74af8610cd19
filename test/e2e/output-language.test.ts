// An output that cannot be written stops the command with its code (KPI3xxx) and says why in the run's language:
// the scheme's locale, or --lang. Nothing is printed on stdout, so --format json gives no half result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kpi, ROOT } from './run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-out-lang-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const china = path.join(ROOT, 'examples/china/scheme.yaml');
const missing = path.join(tmp, 'no', 'r.xlsx');

/** The last line of stderr: the one that says why the command stopped (warnings of the scheme come before it). */
const last = (s: string) => s.trimEnd().split('\n').pop();

describe("output problems in the run's language", () => {
  it('kpi score --xlsx in a folder that does not exist: Chinese for a zh-CN scheme, English with --lang en', () => {
    const zh = kpi(['score', china, '--xlsx', missing]);
    expect(zh.code).toBe(1);
    expect(last(zh.stderr)).toBe(`kpi score: KPI3012 无法写入 ${missing}：文件夹 ${path.dirname(missing)} 不存在`);
    const en = kpi(['score', china, '--xlsx', missing, '--lang', 'en']);
    expect(last(en.stderr)).toBe(`kpi score: KPI3012 cannot write ${missing}: folder ${path.dirname(missing)} does not exist`);
    const json = kpi(['score', china, '--xlsx', missing, '--format', 'json']);
    expect([json.code, json.stdout]).toEqual([1, '']);
    expect(last(json.stderr)).toMatch(/^kpi score: KPI3012 无法写入/);
  });

  it('the report over an input file, and a report path that is a folder (checked before the scheme is read)', () => {
    const input = kpi(['score', china, '--xlsx', path.join(ROOT, 'examples/china/data/sales.csv')]);
    expect(input.code).toBe(1);
    expect(last(input.stderr)).toMatch(/^kpi score: KPI3005 拒绝写入 .*sales\.csv：它是输入文件（.*sales\.csv）；请换一个输出路径$/);
    const folder = kpi(['score', china, '--xlsx', tmp + path.sep]);
    expect(folder.code).toBe(2);
    expect(last(folder.stderr)).toMatch(/^kpi score: KPI3001 --xlsx .* 是文件夹；请给报表一个文件名/);
  });

  it('the scorecard folder holding the data: KPI3004 in Chinese, exit 2', () => {
    const r = kpi(['score', china, '--scorecards', path.join(ROOT, 'examples/china/data')]);
    expect(r.code).toBe(2);
    expect(last(r.stderr)).toMatch(/^kpi score: KPI3004 --scorecards .* 中有 \d+ 个不是 kpi 写入的文件/);
  });

  it('kpi targets --out, kpi backtest --xlsx, kpi diff --xlsx: the same problems, in Chinese', () => {
    const targets = kpi(['targets', china, '--for', '2026-12', '--out', china]);
    expect(targets.code).toBe(1);
    expect(last(targets.stderr)).toMatch(/^kpi targets: KPI3005 拒绝写入/);
    const backtest = kpi(['backtest', china, '--from', '2026-08', '--xlsx', missing]);
    expect(last(backtest.stderr)).toMatch(/^kpi backtest: KPI3012 无法写入/);
    const diff = kpi(['diff', china, china, '--xlsx', missing]);
    expect(last(diff.stderr)).toMatch(/^kpi diff: KPI3012 无法写入/);
  });
});
