// The XLSX reader's fast paths (numbers handed over unboxed, shared texts stored in place from the table of
// texts: scanner → SinkFeed → RowSink.xlsxRow) against its general path (every cell a plain value through
// unwrapCell, cleanText and the typed parsers). Property: on any sheet, both read the same table with the same
// issues: texts with entities, kept spaces, invisible characters and CJK, inline rich text, numbers and dates
// in text columns and texts in number columns, shared and plain formulas with and without results, errors,
// booleans, ISO dates, merged cells, cells of unused columns and right of the header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec, SourceSpec } from '../../src/core/model.js';
import { RowSink } from '../../src/reading/row-sink.js';
import { MergedCellsFound, scanXlsx } from '../../src/reading/xlsx.js';
import type { Merge } from '../../src/reading/xlsx/workbook.js';
import { spec, values, writeFixture } from './helpers.js';
import { handXlsx } from './xlsx-parts.js';

const COLS: ColumnSpec[] = [
  { name: 'rep', header: 'Rep', type: 'string' },
  { name: 'note', header: 'Note', type: 'string' },
  { name: 'amount', header: 'Amount', type: 'money' },
  { name: 'qty', header: 'Qty', type: 'number' },
  { name: 'closed', header: 'Closed', type: 'date' },
];
// Column F has a header the scheme does not map; G has none.
const HEADERS = ['Rep', 'Note', 'Amount', 'Qty', 'Closed', 'Extra'];

const TEXTS = [
  'R1',
  'R2',
  ' R3 ',
  'Won',
  '受注',
  '张三 李四',
  'a & b <c>',
  '1,234.50',
  '$12.00',
  '(5.00)',
  '2026-11-03',
  '2026/11/3',
  'Nov 2026',
  '2026-11',
  'R\u200b4',
  '\ufeffR5',
  'e\u0301',
  'x_x000D_y',
  'TRUE',
  '12.5%',
  '😀',
  'a\tb',
  '',
  '   ',
  '\u00a0R6',
  'SO-00000001',
];
const NUMBERS = [0, 12.34, -5, 1e-7, 46000, 46000.5, 123456789.123, 60, -1, 3e15, 0.1 + 0.2, 2958466];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Cell = (ref: string, sst: string[]) => string;
const shared =
  (si: string): Cell =>
  (ref, sst) =>
    `<c r="${ref}" t="s"><v>${sst.push(si) - 1}</v></c>`;
const text = fc.constantFrom(...TEXTS);
const num = fc.constantFrom(...NUMBERS);
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  text.map((t) => shared(`<t>${esc(t)}</t>`)),
  text.map((t) => shared(`<t xml:space="preserve">${esc(t)}</t>`)),
  text.map((t) => shared(`<r><t>${esc(t.slice(0, 1))}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${esc(t.slice(1))}</t></r>`)),
  text.map((t) => shared(`<t>${esc(t)}</t><rPh sb="0" eb="1"><t>ヨミ</t></rPh>`)),
  text.map(
    (t): Cell =>
      (ref) =>
        `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(t)}</t></is></c>`,
  ),
  fc.tuple(num, fc.constantFrom('', ' s="1"', ' s="2"', ' s="3"')).map(
    ([n, s]): Cell =>
      (ref) =>
        `<c r="${ref}"${s}><v>${n}</v></c>`,
  ),
  num.map(
    (n): Cell =>
      (ref) =>
        `<c r="${ref}" s="1"><f>A1+1</f><v>${n}</v></c>`,
  ),
  num.map(
    (n): Cell =>
      (ref) =>
        `<c r="${ref}"><f t="shared" si="0"/><v>${n}</v></c>`,
  ),
  fc.constant<Cell>((ref) => `<c r="${ref}"><f>A1*2</f></c>`),
  fc.constantFrom('0', '1').map(
    (b): Cell =>
      (ref) =>
        `<c r="${ref}" t="b"><v>${b}</v></c>`,
  ),
  fc.constantFrom('#N/A', '#DIV/0!').map(
    (e): Cell =>
      (ref) =>
        `<c r="${ref}" t="e"><f>1/0</f><v>${e}</v></c>`,
  ),
  text.map(
    (t): Cell =>
      (ref) =>
        `<c r="${ref}" t="str"><f>A1</f><v>${esc(t)}</v></c>`,
  ),
  fc.constantFrom('2026-11-03T00:00:00', '2026-02-30').map(
    (d): Cell =>
      (ref) =>
        `<c r="${ref}" t="d"><v>${d}</v></c>`,
  ),
  fc.constant<Cell>((ref) => `<c r="${ref}" s="1"/>`),
);

const sheetArb = fc.record({
  rows: fc.array(fc.array(fc.option(cellArb, { freq: 3, nil: null }), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 15 }),
  merge: fc.option(fc.constantFrom('B3:B4', 'C2:D2', 'A4:E5'), { nil: null }),
  variant: fc.constantFrom('date', 'period', 'key'),
});

async function workbook(s: { rows: (Cell | null)[][]; merge: string | null }): Promise<Buffer> {
  const sst: string[] = [];
  const header = `<row r="1">${HEADERS.map((h, i) => shared(`<t>${h}</t>`)(`${'ABCDEFG'[i]}1`, sst)).join('')}</row>`;
  const data = s.rows
    .map((cells, k) => `<row r="${k + 2}">${cells.map((c, i) => (c === null ? '' : c(`${'ABCDEFG'[i]}${k + 2}`, sst))).join('')}</row>`)
    .join('');
  return handXlsx({
    sheets: [{ name: 'S', data: header + data, ...(s.merge ? { after: `<mergeCells count="1"><mergeCell ref="${s.merge}"/></mergeCells>` } : {}) }],
    sst,
    xfs: [0, 14, 10, 49],
  });
}

/** What readSource does, with the fast paths on or off. */
async function read(src: SourceSpec, plain: boolean) {
  const once = async (merges?: readonly Merge[]) => {
    const sink = new RowSink(src, { minorUnit: 2 });
    await scanXlsx(src, sink, undefined, merges, plain);
    return sink;
  };
  let sink: RowSink;
  try {
    sink = await once();
  } catch (e) {
    if (!(e instanceof MergedCellsFound)) throw e;
    sink = await once(e.merges);
  }
  const table = sink.finish();
  return {
    table: Object.fromEntries(src.columns.map((c) => [c.name, c.name === src.key && src.keyOnly ? null : values(table.columns.get(c.name))])),
    rows: Array.from(table.rowNumbers),
    keys: sink.keyRowsToRead(),
    issues: sink.issues,
  };
}

let n = 0;
describe('XLSX fast paths', () => {
  it('read every sheet exactly as the general path does', async () => {
    await fc.assert(
      fc.asyncProperty(sheetArb, async (s) => {
        const path = writeFixture(`fast-${++n}.xlsx`, await workbook(s));
        const src =
          s.variant === 'date'
            ? spec(path, { columns: COLS, rep: 'rep', date: 'closed' })
            : s.variant === 'period'
              ? spec(path, { columns: COLS, rep: 'rep', period: 'note' })
              : spec(path, { columns: COLS, rep: 'rep', key: 'note', keyOnly: true });
        const fast = await read(src, false);
        expect(fast).toEqual(await read(src, true));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
