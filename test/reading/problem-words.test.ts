// The values inside a problem's text are words too: why a file cannot be opened, why a workbook's XML cannot be
// read, why an aggregate cannot be taken, which headers are closest. A Chinese run says them in Chinese; the
// English keeps its words.
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { scoreRun } from '../../src/core/score.js';
import { english, problemText, say, translator } from '../../src/messages/index.js';
import { cannotOpen } from '../../src/reading/errors.js';
import { missingHeadersProblem } from '../../src/reading/header.js';
import { readSource } from '../../src/reading/index.js';
import { metric, model, period, rep, source, table } from '../core/helpers.js';
import { failure, spec, writeFixture } from './helpers.js';
import { handXlsx, row } from './xlsx-parts.js';

const zh = translator('zh-CN');

describe("inner values of problems, in the run's language", () => {
  it('KPI2605: why the system could not open a file, in words and by its code', () => {
    const e = (code: string | undefined) => cannotOpen(Object.assign(new Error('x'), code === undefined ? {} : { code }), 'sales.csv', 'data');
    expect(problemText(e('ELOOP'), '', zh)).toBe('sales.csv：无法打开（符号链接层数过多，ELOOP）');
    expect(problemText(e('ELOOP'), '', english)).toBe('sales.csv: cannot be opened (too many symbolic links, ELOOP)');
    expect(problemText(e('EWHATEVER'), '', zh)).toBe('sales.csv：无法打开（系统错误，EWHATEVER）');
    expect(e('EWHATEVER').message).toBe('sales.csv: cannot be opened (a system error, EWHATEVER)');
  });

  it("KPI2648: why a workbook's XML cannot be read, with the row it broke in", async () => {
    const header = row(1, ['Rep', 'Amount']);
    const data = header + row(3, ['R1', 1]) + row(2, ['R2', 2]);
    const file = writeFixture('rows-backwards.xlsx', await handXlsx({ sheets: [{ name: 'S', data }] }));
    const cols: ColumnSpec[] = [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'amount', header: 'Amount', type: 'money' },
    ];
    const e = await failure(readSource(spec(file, { columns: cols, rep: 'rep' }), { minorUnit: 2 }));
    expect(e.code).toBe('KPI2648');
    expect(e.message).toMatch(/could not be read as an \.xlsx workbook: row number 2 is out of order or out of range \(after row 3\)\.$/);
    expect(problemText(e, '', zh)).toMatch(/无法作为 \.xlsx 工作簿读取：行号 2 顺序错乱或超出范围（在第 3 行之后）。$/);
  });

  it("KPI2668: the columns in the user's words, the closest headers in the run's language", () => {
    const col = (name: string, header: string): ColumnSpec => ({ name, header, type: 'string' });
    const p = missingHeadersProblem(
      'sales.csv',
      [{ column: col('order_id', 'Order ID'), suggestion: 'Order Id' }, { column: col('amount', 'Amt') }],
      ['Order Id', 'Rep'],
      1,
    );
    expect(p.text).toBe(
      'sales.csv: 2 columns the scheme maps are not in the header row: "Order ID" (order_id), "Amt" (amount) (the closest headers: "Order ID" → "Order Id"). Headers found on row 1: "Order Id", "Rep".',
    );
    expect(problemText(p, '', zh)).toBe(
      'sales.csv：方案映射的 2 列不在表头行中："Order ID" (order_id), "Amt" (amount)（最接近的表头："Order ID" → "Order Id"）。第 1 行的表头："Order Id", "Rep"。',
    );
    const none = missingHeadersProblem('sales.csv', [{ column: col('a', 'Xyz') }, { column: col('b', 'Qrs') }], ['Rep'], 1);
    expect(problemText(none, '', zh)).toContain('"Xyz" (a), "Qrs" (b)（没有与之接近的表头）。');
  });

  it('KPI2730: why an aggregate cannot be taken, in the issue and in the explain step', () => {
    const m = metric('deals', { kind: 'aggregate', source: 'sales', fn: 'sum', column: 'stage', filter: [] }, { unit: 'number' });
    const sales = table('sales', { rep: ['string', ['R1']], date: ['date', ['2026-11-10']], stage: ['string', ['Won']] });
    const r = scoreRun({
      model: model({ sources: [source('sales')], metrics: [m], weights: { ae: { deals: 1 } } }),
      period: period('2026-11'),
      reps: [rep('R1')],
      tables: new Map([['sales', sales]]),
    });
    const issue = r.issues.find((i) => i.code === 'KPI2730')!;
    expect(issue.reason).toBe('deals: cannot take sum of text column "stage"');
    expect(problemText(issue, issue.reason, zh)).toBe('deals：不能对文本列“stage”取 sum');
    const steps = r.reps[0]!.metrics[0]!.provenance.steps;
    expect(steps.map((s) => say(s, zh))).toContain('deals：不能对文本列“stage”取 sum：无数据');
    expect(steps.map((s) => say(s, english))).toContain('deals: cannot take sum of text column "stage": no data');
  });
});
