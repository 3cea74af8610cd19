// The terminal table fits the terminal: measured in display columns (a Chinese character takes two), for both
// shipped examples, at 80 and 120 columns; --wide shows actual / target, one line a rep, never squeezed.
import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { prepareRun, score } from '../../src/commands/pipeline.js';
import { renderTable } from '../../src/output/terminal.js';
import { truncateToWidth as truncate } from '../../src/output/text-width.js';
import { formatMoneyAs } from '../../src/output/numbers.js';
import { unitsOf } from '../../src/output/view.js';
import type { RunResult } from '../../src/core/results.js';
import type { Unit } from '../../src/core/model.js';
import { translator } from '../../src/messages/index.js';

async function example(name: string): Promise<{ result: RunResult; units: ReadonlyMap<string, Unit> }> {
  const p = await prepareRun(`examples/${name}/scheme.yaml`, undefined);
  if (!p.ok) throw new Error(`examples/${name} failed to load`);
  return { result: score(p.run), units: unitsOf(p.run.model) };
}
const examples = { acme: await example('acme'), china: await example('china') };
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

describe.each(Object.entries(examples))('%s example at a terminal', (_name, { result, units }) => {
  test.each([80, 120])('the compact table fits %i columns, in colour too, and its columns line up', (width) => {
    for (const color of [false, true]) {
      const out = renderTable(result, { color, units, width });
      for (const l of lines(out)) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
    }
    // The acme run has data issues: its NOT FINAL banner lines frame the table.
    const out = lines(renderTable(result, { color: false, units, width })).filter((l) => !l.startsWith('NOT FINAL'));
    // Header and every rep row end where the payout column ends (a CJK name measured as one column would not).
    const table = out.slice(1, 3 + result.reps.length).filter((l) => !l.startsWith('─'));
    expect(new Set(table.map((l) => stringWidth(l))).size).toBe(1);
    expect(out[1]).toMatch(/^ *# +Rep +Team +M1 /);
    for (const r of result.reps) expect(out.some((l) => l.includes(r.rounded.payout.toLocaleString('en-US', { minimumFractionDigits: 2 })))).toBe(true);
  });

  test.each([80, 120])('in Chinese the compact table fits %i columns too, with Chinese headings and notes', (width) => {
    const text = translator('zh-CN');
    const out = lines(renderTable(result, { color: false, units, width, text }));
    for (const l of out) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
    expect(out.some((l) => /^ *# +销售 +团队 +M1 /.test(l))).toBe(true);
    expect(out.some((l) => l.startsWith('各指标达成率：M1 '))).toBe(true);
    expect(out).toContain(text('table.wider'));
    // A run with data issues says so in Chinese too (acme has two).
    if (result.issues.length) expect(out[0]).toMatch(/^非最终结果：/);
  });

  test.each([80, 120])('--wide shows actual / target, one line a rep however narrow the terminal (%i): never squeezed', (width) => {
    const out = renderTable(result, { color: false, units, width, layout: 'wide' });
    expect(out).toContain(' / ');
    // Every rep's payout on the line that names the rep: no figure is pushed onto a line of its own.
    const ls = lines(out);
    for (const r of result.reps) {
      const line = ls.find((l) => l.includes(`(${r.rep.id})`));
      expect(line).toContain(r.rounded.payout.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    }
    // As wide as it needs: the same table at 80 as at 200 columns (only the NOT FINAL banner fits itself to the width).
    const table = (s: string) => lines(s).filter((l) => !l.startsWith('NOT FINAL'));
    expect(table(out)).toEqual(table(renderTable(result, { color: false, units, width: 200, layout: 'wide' })));
  });
});

describe('compact table', () => {
  test('shortens names with an ellipsis, by display width', () => {
    expect(truncate("Siobhán O'Brien", 8)).toBe('Siobhán…');
    expect(truncate('欧阳娜娜', 5)).toBe('欧阳…');
    expect(stringWidth(truncate('欧阳娜娜', 5))).toBeLessThanOrEqual(5);
    expect(truncate('Li', 8)).toBe('Li');
  });

  test('achievements keep one decimal when there is room, and lose it before names are cut', () => {
    const { result, units } = examples.acme;
    expect(renderTable(result, { color: false, units, width: 120 })).toContain('150.0%');
    const narrow = renderTable(result, { color: false, units, width: 80 });
    expect(narrow).toMatch(/ 150% /);
    expect(narrow).toContain('130.8%'); // the total score keeps its decimal
  });

  test('money_display wan: amounts from 10,000 up in 万', () => {
    const cny = { code: 'CNY', minorUnit: 2, symbol: '¥' };
    expect(formatMoneyAs(40_800, cny, 'wan')).toBe('¥4.08万');
    expect(formatMoneyAs(219_865, cny, 'wan')).toBe('¥21.99万');
    expect(formatMoneyAs(9_999.99, cny, 'wan')).toBe('¥9,999.99');
    expect(formatMoneyAs(-12_345, cny, 'wan')).toBe('-¥1.23万');
    expect(formatMoneyAs(40_800, cny, 'standard')).toBe('¥40,800.00');
    const { result, units } = examples.china;
    expect(renderTable(result, { color: false, units, width: 80, moneyDisplay: 'wan' })).toContain('¥5.75万');
  });
});
