// The column profiler behind `kpi peek` and `kpi init --from`: type inference on the columns real exports
// have, with counts checked by hand.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { profileFile, readRow, type FileProfile, type ProfiledColumn } from '../../src/reading/profile/profile.js';
import { visible } from '../../src/reading/profile/visible.js';
import { isMoneyHeader, meaningOf } from '../../src/reading/profile/header-names.js';
import { dir, writeFixture } from './helpers.js';

const opts = { firstRows: 10, top: 10, minorUnit: 2 };

async function csv(name: string, text: string | Uint8Array, over = {}): Promise<FileProfile> {
  return profileFile(writeFixture(name, text), name, { ...opts, ...over });
}

function column(p: FileProfile, header: string): ProfiledColumn {
  const c = p.columns.find((x) => x.header === header);
  if (!c) throw new Error(`no column ${header}: ${p.columns.map((x) => x.header).join(', ')}`);
  return c;
}

/** One column's values, profiled: `name` the header, each value a line. */
async function one(values: string[], header = 'X'): Promise<ProfiledColumn> {
  const body = values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join('\n');
  const p = await csv(
    `col-${Math.random().toString(36).slice(2)}.csv`,
    `Key,${header}\n${values
      .map((_, i) => `k${i}`)
      .map((k, i) => `${k},${body.split('\n')[i]}`)
      .join('\n')}\n`,
  );
  return column(p, header);
}

describe('type inference on tricky columns', () => {
  it('ids with leading zeros stay text (a number would drop the zeros), and say why', async () => {
    const c = await one(['007', '008', '010', '7']);
    expect(c.type).toBe('text');
    expect(c.notes).toContainEqual({ code: 'leading-zeros', count: 3, example: '007' });
    expect(c.top.map((t) => t.value)).toEqual(['007', '008', '010', '7']);
  });

  it('ids longer than 15 digits stay text (a number would lose digits)', async () => {
    const c = await one(['110101199003071234', '110101199003071235']);
    expect(c.type).toBe('text');
    expect(c.notes[0]).toMatchObject({ code: 'long-digits', count: 2 });
  });

  it('blank cells (empty and spaces) are counted as blank, not as unreadable', async () => {
    const c = await one(['1', '', '2', '   ', '3.5']);
    expect(c).toMatchObject({ type: 'number', values: 3, blank: 2, unreadable: 0, min: '1', max: '3.5' });
  });

  it('¥1,234 is money (exact to the cent), with the currency sign noted', async () => {
    const c = await one(['¥1,234', '¥56.70', '(¥1,000.00)', '0.1']);
    expect(c).toMatchObject({ type: 'money', unreadable: 0, min: '-1000.00', max: '1234.00', currency: '¥' });
  });

  it('a money header makes plain numbers money; without it they are numbers', async () => {
    expect((await one(['15347', '200.5'], '金额')).type).toBe('money');
    expect((await one(['15347', '200.5'], 'Amount')).type).toBe('money');
    expect((await one(['15347', '200.5'], 'Quantity')).type).toBe('number');
  });

  it('12% is a percent (read as 0.12); a value without % in it is named (15 is 1500 %)', async () => {
    const all = await one(['12%', '15.5%', '100%']);
    expect(all).toMatchObject({ type: 'percent', min: '0.12', max: '1', unreadable: 0 });
    const mixed = await one(['12%', '15%', '15']);
    expect(mixed.type).toBe('percent');
    expect(mixed.notes).toContainEqual({ code: 'percent-mixed', without: 1, example: '15' });
  });

  it('a column of numbers with one text is a number column with one unreadable value, named by row', async () => {
    const c = await one(['1', '2', '3', 'n/a', '5']);
    expect(c).toMatchObject({ type: 'number', values: 5, unreadable: 1 });
    expect(c.unreadableExamples.map((e) => ({ ...e, reason: e.reason.text, code: e.reason.code }))).toEqual([
      { row: 5, value: 'n/a', reason: '"n/a" is not a number', code: 'KPI2101' },
    ]);
    // Half text is a text column.
    expect((await one(['1', 'a', '2', 'b'])).type).toBe('text');
  });

  it('dates: ISO, 2026/11/1, 2026年11月1日 and a bare Excel serial among them', async () => {
    const c = await one(['2026-11-01', '2026/11/2', '2026年11月3日', '46000']);
    expect(c).toMatchObject({ type: 'date', unreadable: 0, min: '2025-12-09', max: '2026-11-03' });
    expect(c.notes).toContainEqual({ code: 'date-serials', count: 1, example: '46000' });
    // Bare numbers alone are numbers, not serial dates.
    expect((await one(['46000', '45999'])).type).toBe('number');
  });

  it('day/month or month/day from the values; ambiguous when no day is above 12', async () => {
    const dmy = await one(['13/01/2026', '02/11/2026']);
    expect(dmy).toMatchObject({ type: 'date', dateOrder: 'dmy', min: '2026-01-13', max: '2026-11-02' });
    const mdy = await one(['01/13/2026', '11/02/2026']);
    expect(mdy).toMatchObject({ type: 'date', dateOrder: 'mdy', min: '2026-01-13', max: '2026-11-02' });
    const unsure = await one(['01/02/2026', '11/12/2026']);
    expect(unsure.dateOrder).toBe('mdy');
    expect(unsure.notes).toContainEqual({ code: 'date-order', order: 'mdy', ambiguous: true });
  });

  it('period labels (2026-11, 2026-Q4) are periods, with their range', async () => {
    const c = await one(['2026-11', '2026-Q4', '2026-09', '2026/10']);
    // Ranges go by the period's start: 2026-Q4 starts before 2026-11.
    expect(c).toMatchObject({ type: 'period', min: '2026-09', max: '2026-11', unreadable: 0 });
  });

  it('values as a filter must match them: trimmed, invisible characters removed, case variants named', async () => {
    const c = await one(['Won', ' Won ', 'Won\u200b', 'won', 'Lost']);
    expect(c.type).toBe('text');
    // As score reads them: trimmed, and the zero-width space removed (score warns once per column).
    expect(c.top).toEqual([
      { value: 'Won', count: 3 },
      { value: 'won', count: 1 },
      { value: 'Lost', count: 1 },
    ]);
    expect(c.notes).toContainEqual({ code: 'trimmed', count: 1, example: { row: 3, value: ' Won ' } });
    expect(c.notes).toContainEqual({ code: 'invisible', count: 1, example: { row: 4, value: 'Won\u200b' } });
    expect(c.notes).toContainEqual({ code: 'case-variants', values: ['Won', 'won'] });
    expect(visible('Won\u200b')).toBe('Won\\u200b');
    expect(visible(' a\u00a0b ')).toBe('␠a\\u00a0b␠');
  });

  it('a decimal comma in a semicolon file', async () => {
    const p = await csv('comma.csv', 'Rep;Betrag\nR1;1.234,56\nR2;12,5\nR3;7\n');
    expect(p.csv?.separator).toBe(';');
    expect(p.decimal).toBe(',');
    expect(column(p, 'Betrag')).toMatchObject({ type: 'number', min: '7', max: '1234.56' });
  });

  it('1.500 reads as 1.5 or 1500: with nothing in the column to tell, score stops until decimal is declared, and peek says so', async () => {
    const p = await csv('two-ways.csv', 'Rep,Amount\nR1,1.500\nR2,2.000\n');
    expect(p.decimalNeeded).toEqual({ reason: 'two-ways', column: 'Amount', row: 2, value: '1.500' });
    // A column that shows a decimal point elsewhere settles it: no declaration needed.
    expect((await csv('settled.csv', 'Rep,Amount\nR1,1.500\nR2,2.25\n')).decimalNeeded).toBeUndefined();
  });

  it('the currency of the amounts is the first one they show; an amount in another currency is unreadable, as score reads it', async () => {
    const p = await csv('currency.csv', 'Rep,Amount\nR1,¥1200\nR2,300元\nR3,$5\nR4,7\n');
    expect(p.currency).toEqual({ code: 'CNY', mark: '¥', row: 2 });
    expect(column(p, 'Amount')).toMatchObject({
      type: 'money',
      unreadable: 1,
      unreadableExamples: [{ row: 4, value: '$5', reason: { code: 'KPI2115', text: '"$5" is in dollars ($), not in the scheme\'s currency CNY' } }],
    });
  });

  it('a typed column counts its values as read: one date or amount written two ways is one value', async () => {
    const p = await csv(
      'two-ways.csv',
      'Rep,Amount,Closed,Share,Month\nR1,"1,009.48",2026/7/7,30%,Nov 2026\nR2,1009.48,2026-07-07,30.0%,2026-11\nR3,$5,2026-07-08,0.5%,2026-12\nR4,12O,2026-07-08,1%,2026-12\n',
    );
    expect(column(p, 'Amount')).toMatchObject({
      type: 'money',
      distinct: 3,
      top: [
        { value: '1009.48', count: 2 },
        { value: '5.00', count: 1 },
        { value: '12O', count: 1 },
      ],
    });
    expect(column(p, 'Closed')).toMatchObject({
      type: 'date',
      distinct: 2,
      top: [
        { value: '2026-07-07', count: 2 },
        { value: '2026-07-08', count: 2 },
      ],
    });
    expect(column(p, 'Share')).toMatchObject({
      type: 'percent',
      distinct: 3,
      top: [
        { value: '0.3', count: 2 },
        { value: '0.005', count: 1 },
        { value: '0.01', count: 1 },
      ],
    });
    expect(column(p, 'Month')).toMatchObject({
      type: 'period',
      distinct: 2,
      top: [
        { value: '2026-11', count: 2 },
        { value: '2026-12', count: 2 },
      ],
    });
    // Text is counted as written (trimmed): the values a filter matches.
    expect(column(p, 'Rep')).toMatchObject({ type: 'text', distinct: 4 });
  });

  it('distinct values are capped, and the cap is said', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `k${i},v${i}`).join('\n');
    const p = await csv('many.csv', `Key,V\n${rows}\n`);
    // 200,000 shared by 2 columns is over the 10,000 per column: every value counted.
    expect(column(p, 'V')).toMatchObject({ distinct: 1200, distinctCapped: false });
    const wide = Array.from({ length: 400 }, (_, i) => `C${i}`).join(',');
    const data = Array.from({ length: 1100 }, (_, r) => Array.from({ length: 400 }, (_, i) => `r${r}c${i}`).join(',')).join('\n');
    const w = await csv('wide.csv', `${wide}\n${data}\n`);
    expect(column(w, 'C0')).toMatchObject({ distinct: 1000, distinctCapped: true, values: 1100 });
  });
});

describe('the header row and what score skips', () => {
  it('a title block above the header', async () => {
    const p = await csv('title.csv', 'Sales report,,\nExported 2026-12-01,,\n,,\nRep,Amount,Date\nR1,10,2026-11-01\nR2,20,2026-11-02\n');
    expect(p.header).toEqual({
      row: 4,
      reason: { code: 'after-title', labels: 3, width: 3, from: 1, to: 2, filled: 1 },
      cells: ['Rep', 'Amount', 'Date'],
    });
    expect(p.rows).toBe(2);
    expect(p.first.map((r) => r.row)).toEqual([5, 6]);
  });

  it('--header-row wins; an empty header row is refused', async () => {
    const p = await csv('given.csv', 'a,b\nc,d\n1,2\n', { headerRow: 2 });
    expect(p.header.cells).toEqual(['c', 'd']);
    expect(p.rows).toBe(1);
    await expect(csv('empty-header.csv', 'a,b\n,\n1,2\n', { headerRow: 2 })).rejects.toThrow('empty-header.csv: the header row 2 is empty.');
  });

  it('rows with too few fields, or values past the header, are reported as score skips them', async () => {
    const p = await csv('ragged.csv', 'Rep,Amount\nR1,10\nR2\nR3,30,extra\nR4,40,\n');
    expect(p.rows).toBe(2);
    expect(p.skipped.count).toBe(2);
    expect(p.skipped.examples.map((s) => s.row)).toEqual([3, 4]);
  });

  it('a quote left open at the end of a short file: its rows are reported as score skips them, not the file refused', async () => {
    const p = await csv('unclosed.csv', 'Rep,Amount\nR1,10\n"R2,20\nR3,30\n');
    expect(p.header.row).toBe(1);
    expect(p.rows).toBe(1);
    expect(p.skipped.examples.map((s) => [s.row, s.reason.code, s.reason.text])).toEqual([
      [3, 'KPI2005', 'a quoted value opened on line 3 is never closed, so lines 3–4 read as one value'],
      [4, 'KPI2007', 'inside the quoted value opened on line 3 that is never closed'],
    ]);
  });

  it('headers: blank inside the table, duplicated, spaces and full-width characters', async () => {
    const p = await csv('headers.csv', ' Rep ,,金额（元）,Rep\nR1,x,10,R1\n');
    expect(p.columns.map((c) => [c.header, c.headerNotes.map((n) => n.code)])).toEqual([
      ['Rep', ['spaces', 'duplicate']],
      ['', ['blank']],
      ['金额（元）', ['full-width']],
      ['Rep', ['duplicate']],
    ]);
    expect(column(p, '金额（元）').type).toBe('money');
  });

  it('a GB18030 file is read as GB18030 (the shipped China example)', async () => {
    const p = await profileFile(join(import.meta.dirname, '../../examples/china/data/sales.csv'), 'sales.csv', opts);
    expect(p.csv).toEqual({ encoding: 'gb18030', bom: false, guessed: true, separator: ',' });
    expect(column(p, '状态').top.map((t) => t.value)).toEqual(['已丢单', '已成交', '跟进中']);
  });
});

describe('workbooks', () => {
  it('Excel serial dates by format, percent cells, numbers stored as text, an error cell, a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Old', { state: 'hidden' }).addRow(['x']);
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Rep', 'Closed', 'Rate', 'Code', 'Amount']);
    ws.addRow(['R1', 46327, 0.25, '0042', 10]);
    ws.addRow(['R2', 46328, 0.5, '0043', { error: '#DIV/0!' }]);
    ws.addRow(['R3', 46329, 0.125, '0044', 30.25]);
    for (let r = 2; r <= 4; r++) {
      ws.getCell(`B${r}`).numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell(`C${r}`).numFmt = '0.0%';
    }
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);
    const p = await profileFile(path, 'book.xlsx', opts);
    expect(p.workbook).toMatchObject({
      sheet: 'Data',
      sheets: [
        { name: 'Old', visibility: 'hidden' },
        { name: 'Data', visibility: 'visible' },
      ],
    });
    // Serial 46327 − 25569 (1970-01-01) = day 20758 = 2026-11-01.
    expect(column(p, 'Closed')).toMatchObject({ type: 'date', min: '2026-11-01', max: '2026-11-03' });
    expect(column(p, 'Rate')).toMatchObject({ type: 'percent', min: '0.125', max: '0.5' });
    expect(column(p, 'Code')).toMatchObject({ type: 'text' });
    expect(column(p, 'Amount')).toMatchObject({
      type: 'money',
      unreadable: 1,
      unreadableExamples: [{ row: 3, value: '#DIV/0!', reason: { code: 'KPI2402', text: 'cell E3 shows the error #DIV/0!' } }],
    });
    expect(readRow(p, p.first[0]?.values ?? []).map((c) => c.value)).toEqual(['R1', 20758, 0.25, '0042', 1000]);
  });
});

describe('what a header means', () => {
  it('English and Chinese headers', () => {
    const cases: [string, string | undefined][] = [
      ['Sales Rep ID', 'rep_id'],
      ['工号', 'rep_id'],
      ['销售员', 'rep_name'],
      ['业务员', 'rep_name'],
      ['负责人', 'rep_name'],
      ['日期', 'date'],
      ['下单日期', 'created'],
      ['Close Date', 'date'],
      ['金额', 'amount'],
      ['销售额', 'amount'],
      ['销售金额（元）', 'amount'],
      ['回款金额', 'collected'],
      ['开票金额', 'invoiced'],
      ['状态', 'status'],
      ['Stage', 'status'],
      ['客户', 'customer'],
      ['客户名称', 'customer_name'],
      ['发票号', 'invoice'],
      ['回款日期', 'paid_date'],
      ['Email', undefined],
    ];
    for (const [header, meaning] of cases) expect([header, meaningOf(header)]).toEqual([header, meaning]);
    expect(isMoneyHeader('Target Incentive')).toBe(true);
    expect(isMoneyHeader('Region')).toBe(false);
  });
});
