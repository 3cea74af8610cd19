// The parts of `kpi init --from` that decide what the draft says: YAML quoting, weights, rounded targets,
// and what each column and file is taken to be.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftScheme, spreadWeights } from '../../src/commands/init-from/draft.js';
import { roundTarget } from '../../src/commands/init-from/run.js';
import { yamlText } from '../../src/commands/init-from/yaml.js';
import { profileFile } from '../../src/reading/profile/profile.js';
import { writeFixture } from '../reading/helpers.js';

describe('YAML text', () => {
  it('loads back exactly what the file holds', () => {
    const tricky = [
      'Order ID',
      '订单编号',
      '金额（元）',
      'Amount: USD',
      '# of deals',
      '007',
      '2026-11',
      'true',
      'No',
      'null',
      '~',
      ' Stage',
      'Stage ',
      'Won\u200b',
      'a "quoted" \\ value',
      '- dash',
      '[x]',
      '{y}',
      'a, b',
      'tab\there',
      'line\nbreak',
      '1e3',
      '@home',
      '%pct',
      '*star',
      '&amp',
      '!tag',
      'data/sales.csv',
      '../exports/2026 sales.xlsx',
      '__proto__',
      '',
    ];
    for (const s of tricky) expect([s, parse(`k: ${yamlText(s)}\n`).k]).toEqual([s, s]);
    expect(yamlText('Order ID')).toBe('Order ID');
    expect(yamlText('data/sales.csv')).toBe('data/sales.csv');
    expect(yamlText('007')).toBe('"007"');
    expect(yamlText('Won\u200b')).toBe('"Won\\u200b"');
  });
});

describe('weights and targets', () => {
  it('weights add up to exactly 100', () => {
    expect(
      spreadWeights([
        ['a', 40],
        ['b', 20],
        ['c', 20],
        ['d', 20],
      ]),
    ).toEqual([
      ['a', 40],
      ['b', 20],
      ['c', 20],
      ['d', 20],
    ]);
    expect(
      spreadWeights([
        ['a', 40],
        ['b', 20],
        ['c', 20],
      ]),
    ).toEqual([
      ['a', 50],
      ['b', 25],
      ['c', 25],
    ]);
    expect(
      spreadWeights([
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ]),
    ).toEqual([
      ['a', 34],
      ['b', 33],
      ['c', 33],
    ]);
    expect(
      spreadWeights([
        ['a', 40],
        ['b', 20],
      ]).reduce((s, [, w]) => s + w, 0),
    ).toBe(100);
  });

  it('targets rounded near the average: 3 significant digits of money, whole counts, whole percent', () => {
    expect(roundTarget('money', 50187.01)).toEqual({ text: '50200', shown: '50,187.01' });
    expect(roundTarget('money', 42.4)).toEqual({ text: '42', shown: '42.40' });
    expect(roundTarget('count', 3.45)).toEqual({ text: '3', shown: '3.5' });
    expect(roundTarget('count', 0.2)).toEqual({ text: '1', shown: '0.2' });
    expect(roundTarget('percent', 0.237)).toEqual({ text: '"24%"', shown: '23.7%' });
    expect(roundTarget('money', 0)).toBeUndefined();
    expect(roundTarget('percent', Number.NaN)).toBeUndefined();
  });
});

describe('what the files are', () => {
  it('a Chinese sales export with only a salesperson name: the name is the rep; 成交 is won, 输单 is lost', async () => {
    const file = writeFixture('订单.csv', '业务员,下单日期,销售额,状态,客户,备注\n张伟,2026/11/3,"¥1,200",成交,甲公司,\n李娜,2026/11/4,800,输单,乙公司,急\n');
    const draft = draftScheme([{ profile: await profileFile(file, '订单.csv', { firstRows: 0, top: 50, minorUnit: 2 }), file: 'data/订单.csv' }]);
    const sales = draft.sources[0];
    expect(sales?.name).toBe('sales');
    expect(sales?.columns.map((c) => [c.logical, c.header, c.type])).toEqual([
      ['rep', '业务员', 'string'],
      ['created', '下单日期', 'date'],
      ['amount', '销售额', 'money'],
      ['status', '状态', 'string'],
      ['customer', '客户', 'string'],
      ['备注', '备注', 'string'],
    ]);
    expect([sales?.rep, sales?.date]).toEqual(['rep', 'created']);
    expect(draft.metrics.map((m) => m.name)).toEqual(['revenue', 'won_deals', 'win_rate']);
    expect(draft.metrics[2]?.def).toEqual({
      kind: 'ratio',
      numerator: 'won_deals',
      denominator: { source: 'sales', fn: 'count', filter: { column: 'status', values: ['成交', '输单'] } },
    });
    expect(draft.currency).toEqual({ code: 'CNY', guessed: false });
    expect(draft.chinese).toBe(true);
  });

  it('a status column without a value that reads as won: revenue over every row, no won deals', async () => {
    const file = writeFixture('deals.csv', 'Rep,Amount,Stage,Date\nR1,10,Negotiation,2026-11-01\nR2,20,Proposal,2026-11-02\n');
    const draft = draftScheme([{ profile: await profileFile(file, 'deals.csv', { firstRows: 0, top: 50, minorUnit: 2 }), file: 'deals.csv' }]);
    expect(draft.metrics.map((m) => m.name)).toEqual(['revenue']);
    expect(draft.metrics[0]?.def).toEqual({ kind: 'aggregate', agg: { source: 'sales', fn: 'sum', column: 'amount' } });
  });

  it('duplicate and blank headers are left out (a scheme cannot map them), and said', async () => {
    const file = writeFixture('dups.csv', 'Rep,Amount,,Amount,Date\nR1,1,x,2,2026-11-01\n');
    const draft = draftScheme([{ profile: await profileFile(file, 'dups.csv', { firstRows: 0, top: 50, minorUnit: 2 }), file: 'dups.csv' }]);
    expect(draft.sources[0]?.columns.map((c) => c.logical)).toEqual(['rep', 'date']);
    expect(draft.sources[0]?.left.map((l) => [l.column.letter, l.why])).toEqual([
      ['B', 'duplicate'],
      ['C', 'blank'],
      ['D', 'duplicate'],
    ]);
  });
});
