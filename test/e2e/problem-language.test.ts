// A problem read from a data file is shown by its code in the run's language: a Chinese run says why a value
// cannot be read in Chinese (kpi score, kpi validate, kpi peek), with the same code and place as in English.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCase, runCli } from '../corpus/harness.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function badNumberCase(): string {
  // sales.csv row 3 holds the amount "1.2.3".
  const { root, dir } = prepareCase('zh-reasons', 'num-1.2.3');
  roots.push(root);
  return dir;
}

describe("data problems in the run's language", () => {
  it('kpi score --lang zh-CN: the reason in Chinese, after its code and place', async () => {
    const dir = badNumberCase();
    const zh = await runCli(['score', 'scheme.yaml', '--lang', 'zh-CN'], dir);
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain('  sales.csv，第 3 行，列“Amount”：KPI2102 “1.2.3”中有不止一个小数点\n');
    const en = await runCli(['score', 'scheme.yaml'], dir);
    expect(en.stderr).toContain('  sales.csv, row 3, column "Amount": KPI2102 "1.2.3" has more than one decimal point\n');
    // JSON keeps the English reason and gives the code and what to do, whatever the language.
    const json = JSON.parse((await runCli(['score', 'scheme.yaml', '--lang', 'zh-CN', '--format', 'json'], dir)).stdout);
    expect(json.issues).toEqual([
      expect.objectContaining({
        file: 'sales.csv',
        row: 3,
        column: 'Amount',
        code: 'KPI2102',
        reason: '"1.2.3" has more than one decimal point',
        hint: 'Correct the number: it can have one decimal point at most.',
      }),
    ]);
  });

  it('kpi validate --lang zh-CN: the data issue in Chinese; --format json with its hint', async () => {
    const dir = badNumberCase();
    const text = await runCli(['validate', 'scheme.yaml', '--lang', 'zh-CN'], dir);
    expect(text.stdout).toContain('sales.csv:3  KPI2102 警告：列“Amount”、值“1.2.3”：“1.2.3”中有不止一个小数点（已跳过该行）\n');
    const json = JSON.parse((await runCli(['validate', 'scheme.yaml', '--lang', 'zh-CN', '--format', 'json'], dir)).stdout);
    expect(json.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'sales.csv',
        line: 3,
        code: 'KPI2102',
        hint: '改正该数字：小数点最多只能有一个。',
      }),
    );
  });

  it('kpi peek --lang zh-CN: each unreadable value says why in Chinese', async () => {
    const dir = badNumberCase();
    const zh = await runCli(['peek', 'sales.csv', '--lang', 'zh-CN'], dir);
    expect(zh.stdout).toContain('  第 3 行，Amount：“1.2.3”中有不止一个小数点\n');
    const json = JSON.parse((await runCli(['peek', 'sales.csv', '--lang', 'zh-CN', '--format', 'json'], dir)).stdout);
    const amount = json.columns.find((c: { header: string }) => c.header === 'Amount');
    expect(amount.unreadableExamples).toEqual([{ row: 3, value: '1.2.3', reason: '“1.2.3”中有不止一个小数点', code: 'KPI2102' }]);
  });
});
