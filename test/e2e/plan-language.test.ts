// The plan-design commands speak the run's language: `kpi backtest`, `kpi targets` and `kpi diff` on the Chinese
// example print tables, notes and workbooks in Chinese, with no English word but the user's own (metric names,
// ids, file names, codes); `--lang en-US` gives the English; JSON stays English whatever the language.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kpi, expectNoStack, ROOT } from './run.js';
import { readWorkbook } from '../../src/output/excel.js';

const CHINA = 'examples/china/scheme.yaml';
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-plan-zh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The user's own words in the Chinese example: metric names, ids, the currency code, paths, scheme keys (`period:`);
 * and a CSV's run_status value (final / NOT FINAL: a machine value, as in kpi score's CSV).
 */
const USERS =
  /examples\/china\/[\w./-]+|[\w/.-]+\.(yaml|xlsx|csv)\b|\b(revenue|win_rate|customers_won|collection_rate|deal_cycle|won_deals)\b|\bmetrics\.[\w.]+|\bCNY\b|\bXS\d+\b|kpi diff|KPI\d{4}|--[a-z-]+( json)?|SHA-256|\b[a-z_]+:(?= )|,(final|NOT FINAL)\r?$/gm;
function english(text: string): string[] {
  return [...new Set(text.replace(USERS, ' ').match(/\b[A-Za-z]{2,}\b/g) ?? [])];
}

async function sheetTexts(file: string): Promise<string[]> {
  const wb = await readWorkbook(readFileSync(file));
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string') out.push(c.value);
      }),
    );
  });
  return out;
}

describe('plan commands in Chinese (examples/china, locale zh-CN)', () => {
  it('kpi backtest: the table and the workbook are Chinese; --lang en-US is English; JSON is English', async () => {
    const xlsx = path.join(dir, 'bt.xlsx');
    const r = kpi(['backtest', CHINA, '--from', '2026-10', '--xlsx', xlsx]);
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('成本');
    expect(r.stdout).toContain('各档人数');
    expect(english(r.stdout)).toEqual([]);
    expect(r.stderr).toContain('已写出回测');
    expect(english((await sheetTexts(xlsx)).join('\n'))).toEqual([]);
    const en = kpi(['backtest', CHINA, '--from', '2026-10', '--lang', 'en-US']);
    expect(en.stdout).toContain('Reach per metric, over all 2 months (rep-months with data and a target)');
    const json = JSON.parse(kpi(['backtest', CHINA, '--from', '2026-10', '--format', 'json']).stdout);
    expect(json.periods[0].period.label).toBe('2026-10');
    expect(JSON.stringify(json)).not.toMatch(/成本|达成比例|各档人数/);
  });

  it('kpi backtest: reps without data are in no tier but in a column of their own (every rep counted once)', () => {
    const r = kpi(['backtest', CHINA, '--from', '2026-07', '--lang', 'en-US']);
    expect(r.code).toBe(3); // the sales export starts in October: July–September are NOT FINAL
    // July–September: one rep has rows; the other 13 are not "below plan", they have no data.
    expect(r.stdout).toMatch(/reps per tier +未达标 +达标 +超额 +卓越 +no data\n2026-07 +1 +0 +0 +0 +13\n/);
  });

  it('kpi backtest: a range without data is refused in Chinese', () => {
    const r = kpi(['backtest', CHINA, '--from', '2026-06']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2026-06 没有数据');
  });

  it("kpi targets: the table, the notes and the file's explanations are Chinese; the file starts with a BOM", () => {
    const out = path.join(dir, 'targets.csv');
    const r = kpi(['targets', CHINA, '--for', '2027-Q1', '--out', out]);
    expectNoStack(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('建议目标');
    expect(english(r.stdout)).toEqual([]);
    expect(english(r.stderr)).toEqual([]);
    const file = readFileSync(out, 'utf8');
    expect(file.charCodeAt(0)).toBe(0xfeff);
    // The header is the scheme's targets-file columns (the user's words); every explanation is Chinese.
    const body = file.split('\r\n').slice(1).join('\n');
    expect(english(body)).toEqual([]);
    const json = JSON.parse(kpi(['targets', CHINA, '--for', '2027-Q1', '--format', 'json']).stdout);
    expect(json.suggestions[0].explanation).toMatch(/^average /);
  });

  it("kpi targets: a period after the scheme's own (not over) is not history, and it says so", () => {
    const r = kpi(['targets', CHINA, '--for', '2027-Q1', '--lang', 'en-US']);
    expect(r.stderr).toContain("note: 2026-12 comes after the scheme's period 2026-11 and may not be over: not used as history");
    // The history is October and November only: December's pipeline deals (expected dates there) are no month of zero sales.
    expect(r.stdout).toMatch(/XS001 +revenue +¥589,710\.50/);
  });

  it('kpi diff: two schemes compared in Chinese, the reasons per rep too; --xlsx in Chinese', async () => {
    const scheme = readFileSync(path.join(ROOT, CHINA), 'utf8');
    const changed = path.join(ROOT, 'examples/china/scheme-diff-test.yaml');
    writeFileSync(changed, scheme.replace('default: 300000', 'default: 330000'));
    try {
      const xlsx = path.join(dir, 'diff.xlsx');
      const r = kpi(['diff', CHINA, 'examples/china/scheme-diff-test.yaml', '--xlsx', xlsx]);
      expectNoStack(r);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('方案改动（1 处）');
      expect(r.stdout).toContain('规则：revenue 目标 300,000 → 330,000');
      expect(english(r.stdout)).toEqual([]);
      expect(english((await sheetTexts(xlsx)).join('\n'))).toEqual([]);
      const json = JSON.parse(kpi(['diff', CHINA, 'examples/china/scheme-diff-test.yaml', '--format', 'json']).stdout);
      expect(json.reps.find((x: { id: string }) => x.id === 'XS006').causes).toEqual([{ kind: 'rules', text: 'revenue target 300,000 → 330,000' }]);
    } finally {
      rmSync(changed, { force: true });
    }
  });
});
