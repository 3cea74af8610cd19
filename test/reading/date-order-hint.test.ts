// A US export (month first) read with date_order: dmy: 11/02/2026 reads as 11 February, 11/13/2026 is no date. When
// every date the column cannot read is a date the other way, and so is every date it kept, the problem says which
// order to set (KPI2120) instead of only "not a valid date" (KPI2127).
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { setChunkBytesForTests } from '../../src/reading/csv.js';
import * as parallel from '../../src/reading/csv-parallel.js';
import { sameWhenSplit, spec, values, writeFixture } from './helpers.js';
import { handXlsx, row } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'day', header: 'Date', type: 'date' },
];
let n = 0;
async function read(days: string[], dateOrder: 'dmy' | 'mdy') {
  const text = `Rep,Date\n${days.map((d) => `R1,${d}`).join('\n')}\n`;
  const r = await readSource(spec(writeFixture(`order-${++n}.csv`, text), { columns: COLS, rep: 'rep', date: 'day', dateOrder }), { minorUnit: 2 });
  return { r, issues: r.issues.map((i) => [i.code, i.row, i.severity, i.action]) };
}

describe('dates written in the other order than date_order', () => {
  it('m/d/y read as dmy: the impossible dates say set date_order: mdy', async () => {
    const { r, issues } = await read(['11/02/2026', '11/13/2026', '11/30/2026', '10/05/2026'], 'dmy');
    expect(values(r.table.columns.get('day'))).toEqual(['2026-02-11', '2026-05-10']);
    expect(issues).toEqual([
      ['KPI2120', 3, 'error', 'skipped'],
      ['KPI2120', 4, 'error', 'skipped'],
    ]);
    expect(r.issues[0]!.reason).toBe(
      '"11/13/2026" is not a valid date read as day/month/year (date_order: dmy), but it is one read as month/day/year, and so is every date of this column (2 are valid only that way): these read as month/day/year: set date_order: mdy',
    );
    expect(r.issues[0]!.params).toMatchObject({ order: 'dmy', other: 'mdy', count: 2 });
  });

  it('d/m/y read as mdy: set date_order: dmy', async () => {
    const { issues, r } = await read(['02/11/2026', '25/11/2026'], 'mdy');
    expect(issues).toEqual([['KPI2120', 3, 'error', 'skipped']]);
    expect(r.issues[0]!.params).toMatchObject({ other: 'dmy' });
  });

  it('KPI2127 as before when a kept date does not read the other way, or an impossible one does not either', async () => {
    // 25/01/2026 is a day/month date: the file is dmy, 01/13/2026 is a typo
    expect((await read(['25/01/2026', '01/13/2026'], 'dmy')).issues.map((i) => i[0])).toEqual(['KPI2127']);
    // 13/13/2026 is no date either way
    expect((await read(['11/02/2026', '11/13/2026', '13/13/2026'], 'dmy')).issues.map((i) => i[0])).toEqual(['KPI2127', 'KPI2127']);
  });

  it('ISO dates beside them (day 20) do not hide it: they read the same in either order', async () => {
    const { issues } = await read(['11/2/2026', '11/13/2026', '2026-11-20', '11/5/2026'], 'dmy');
    expect(issues).toEqual([['KPI2120', 3, 'error', 'skipped']]);
    // A year-first date with a slash proves nothing either; a day first date beyond 12 does.
    expect((await read(['2026/11/20', '11/13/2026'], 'dmy')).issues.map((i) => i[0])).toEqual(['KPI2120']);
    expect((await read(['20/11/2026', '11/13/2026'], 'dmy')).issues.map((i) => i[0])).toEqual(['KPI2127']);
  });

  it('a workbook: text dates beside a date cell of day 20 (serial 46346), and a day-first text date that proves dmy', async () => {
    const readBook = async (texts: (string | number)[]) => {
      const data = [row(1, ['Rep', 'Date']), ...texts.map((t, k) => row(k + 2, ['R1', t]))].join('');
      const file = writeFixture(`order-${++n}.xlsx`, await handXlsx({ sheets: [{ name: 'S', data }] }));
      return (await readSource(spec(file, { columns: COLS, rep: 'rep', date: 'day', dateOrder: 'dmy' }), { minorUnit: 2 })).issues.map((i) => i.code);
    };
    expect(await readBook(['11/2/2026', 46346, '11/13/2026'])).toEqual(['KPI2120']);
    expect(await readBook(['20/11/2026', '11/13/2026'])).toEqual(['KPI2127']);
  });

  it('a period column of US dates read as dmy: 11/13/2026 says set date_order: mdy, not "no month 13"', async () => {
    const cols: ColumnSpec[] = [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'month', header: 'Month', type: 'string' },
    ];
    const readLabels = async (labels: string[]) => {
      const text = `Rep,Month\n${labels.map((d) => `R1,${d}`).join('\n')}\n`;
      const r = await readSource(spec(writeFixture(`order-${++n}.csv`, text), { columns: cols, rep: 'rep', period: 'month', dateOrder: 'dmy' }), {
        minorUnit: 2,
      });
      return r.issues;
    };
    const found = await readLabels(['11/2/2026', '11/13/2026', '2026-11', '11/30/2026']);
    expect(found.map((i) => [i.code, i.row, i.column])).toEqual([
      ['KPI2120', 3, 'Month'],
      ['KPI2120', 5, 'Month'],
    ]);
    expect(found[0]!.params).toMatchObject({ value: '11/13/2026', order: 'dmy', other: 'mdy', count: 2 });
    // 20/10/2026 is day first: the file is dmy, and 11/13/2026 is a typo
    expect((await readLabels(['20/10/2026', '11/13/2026'])).map((i) => i.code)).toEqual(['KPI2133']);
  });

  describe('read in parts', () => {
    afterEach(() => {
      setChunkBytesForTests(undefined);
      parallel.setSplitForTests();
    });
    it('impossible dates on either side of the split', async () => {
      const lines = ['Rep,Date'];
      for (let i = 0; i < 120; i++) lines.push(`R${i % 3},${i === 3 || i === 110 ? '11/13/2026' : `1${i % 3}/0${(i % 9) + 1}/2026`}`);
      const path = writeFixture(`order-par-${++n}.csv`, `${lines.join('\n')}\n`);
      const readIt = async () => {
        const r = await readSource(spec(path, { columns: COLS, rep: 'rep', date: 'day', dateOrder: 'dmy' }), { minorUnit: 2 });
        return r.issues.map((i) => [i.code, i.row, i.reason]);
      };
      const one = await sameWhenSplit(readIt);
      expect(one.map((i) => i.slice(0, 2))).toEqual([
        ['KPI2120', 5],
        ['KPI2120', 112],
      ]);
    });

    it('a day-first date after the split still proves the order for an impossible date before it', async () => {
      const lines = ['Rep,Date'];
      for (let i = 0; i < 120; i++) lines.push(`R${i % 3},${i === 3 ? '11/13/2026' : i === 110 ? '25/01/2026' : `1${i % 3}/0${(i % 9) + 1}/2026`}`);
      const path = writeFixture(`order-par-${++n}.csv`, `${lines.join('\n')}\n`);
      const readIt = async () => {
        const r = await readSource(spec(path, { columns: COLS, rep: 'rep', date: 'day', dateOrder: 'dmy' }), { minorUnit: 2 });
        return r.issues.map((i) => [i.code, i.row]);
      };
      expect(await sameWhenSplit(readIt)).toEqual([['KPI2127', 5]]);
    });
  });
});
