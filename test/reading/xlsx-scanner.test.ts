// The sheet scanner reads bytes as they inflate, in chunks cut anywhere (inside a tag, a multi-byte character,
// a comment or a CDATA section), and feeds typed sinks (numbers, shared-string indexes) as well as plain ones.
// Property: neither where the chunks are cut nor which sink reads changes a single cell.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src/reading/xlsx/shared-strings.js';
import { CellProblem, SheetScanner, type CellSink, type CellValue } from '../../src/reading/xlsx/sheet.js';

const TEXTS = ['Won', 'R0001', '受注', ' spaced ', 'a&b', '😀', ''];
const table = (): SharedStrings => {
  const all = TEXTS.join('');
  const offsets = new Uint32Array(TEXTS.length + 1);
  TEXTS.forEach((t, i) => {
    offsets[i + 1] = (offsets[i] as number) + t.length;
  });
  return new SharedStrings(all, offsets, TEXTS.length);
};

const shown = (v: CellValue): string =>
  v instanceof CellProblem
    ? `problem ${v.ref}: ${v.reason.code} ${v.reason.text} [${v.shown}]`
    : v instanceof Date
      ? `date ${v.toISOString()}`
      : `${typeof v} ${String(v)}`;

/** Every event the scanner sends, as text; `typed`: the sink takes numbers and shared strings by their own calls. */
function record(xml: Buffer, cuts: number[], want: Uint8Array | null, typed: boolean): string[] {
  const events: string[] = [];
  const sink: CellSink = {
    want,
    wantFrom: want === null ? 0 : want.length,
    cell: (col, v, format) => void events.push(`${col} ${format} ${shown(v)}`),
    endRow: (row, other) => {
      events.push(`row ${row} other=${other}`);
      return false;
    },
  };
  if (typed) {
    sink.number = (col, n, format) => void events.push(`${col} ${format} ${shown(n)}`);
    sink.sharedString = (col, t, i, format) => void events.push(`${col} ${format} ${shown(t.get(i) as string)}`);
  }
  const scanner = new SheetScanner(sink, { sharedStrings: table(), styles: new Uint8Array([0, 0, 1]) });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.push(xml.subarray(at, cut));
    at = cut;
  }
  scanner.push(xml.subarray(at));
  scanner.end();
  for (const m of scanner.merges) events.push(`merge ${m.ref}`);
  return events;
}

// Cells in the shapes real writers emit, and in some they could.
const cellArb = fc.oneof(
  fc.nat(TEXTS.length - 1).map((i) => (r: string) => `<c r="${r}" t="s"><v>${i}</v></c>`),
  fc.constantFrom('12.5', '-0.25', '46251', '1e3', '007', '123456789012345678').map((v) => (r: string) => `<c r="${r}" s="2"><v>${v}</v></c>`),
  fc.constantFrom('1', '0').map((v) => (r: string) => `<c r='${r}' t = 'b'><v>${v}</v></c>`),
  fc.constant((r: string) => `<c r="${r}" t="inlineStr"><is><r><t>1,2</t></r><r><rPr><b/></rPr><t xml:space="preserve">00.00 é</t></r></is></c>`),
  fc.constant((r: string) => `<c r="${r}" t="inlineStr"><is><t><![CDATA[R<1> & 中]]></t></is></c>`),
  fc.constant((r: string) => `<c r="${r}" t="str"><f>A1&amp;"x"</f><v>x&lt;y</v></c>`),
  fc.constant((r: string) => `<c r="${r}"><f t="shared" si="0"/><v>3</v></c>`),
  fc.constant((r: string) => `<c r="${r}"><f>SUM(A1:A2)</f></c>`),
  fc.constant((r: string) => `<c r="${r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`),
  fc.constant((r: string) => `<c r="${r}" t="d"><v>2026-11-03T00:00:00</v></c>`),
  fc.constant((r: string) => `<c r="${r}" s="1"/>`),
  fc.constant((r: string) => `<c r="${r}" s="2">\r\n  <v>45000</v>\r\n</c>`),
  fc.constant((r: string) => `<!-- <c r="${r}"><v>9</v></c> --><c r="${r}"><v>_x0041_</v></c>`),
);

const LETTERS = 'ABCDEFGH';

const sheetArb = fc
  .record({
    rows: fc.array(fc.array(fc.option(cellArb, { nil: null }), { maxLength: LETTERS.length }), { minLength: 1, maxLength: 12 }),
    prefix: fc.constantFrom('', 'x:'),
    merge: fc.boolean(),
    prolog: fc.boolean(),
  })
  .map(({ rows, prefix, merge, prolog }) => {
    const p = prefix;
    const body = rows
      .map((cells, i) => {
        const r = i + 2;
        const xml = cells.map((c, j) => (c === null ? '' : c(`${LETTERS[j]}${r}`))).join('');
        return `<row r="${r}" spans="1:8">${xml}</row>`.replace(/<(\/?)(c|v|f|is|r|t|rPr|b)([\s>/])/g, `<$1${p}$2$3`);
      })
      .join('\n');
    const ns =
      p === '' ? 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' : 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const merges = merge ? `<${p}mergeCells count="1"><${p}mergeCell ref="B2:C3"/></${p}mergeCells>` : '';
    return Buffer.from(
      `${prolog ? '<?xml version="1.0" encoding="UTF-8"?>\r\n' : ''}<${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData>${merges}</${p}worksheet>`,
      'utf8',
    );
  });

describe('sheet scanner', () => {
  it('reads the same cells however the bytes are cut into chunks, and whichever kind of sink reads them', () => {
    fc.assert(
      fc.property(
        sheetArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.option(fc.uint8Array({ minLength: 8, maxLength: 8, min: 0, max: 1 }), { nil: null }),
        (xml, fractions, want) => {
          const whole = record(xml, [], want, false);
          const cuts = fractions.map((f) => Math.floor(f * xml.length));
          expect(record(xml, cuts, want, false)).toEqual(whole);
          expect(record(xml, cuts, want, true)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cut at every byte: a comment, CDATA, CR LF and a four-byte character across the cut', () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?>\r\n<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]>😀</t></is></c>' +
        '<!-- x --><c r="B1"><v>1.5</v></c></row>\r\n<row r="3"><c r="C3" t="s"><v>2</v></c></row></sheetData>' +
        '<mergeCells><mergeCell ref="A5:B6"/></mergeCells></worksheet>',
      'utf8',
    );
    const whole = record(xml, [], null, false);
    expect(whole).toEqual(['0 0 string a<b😀', '1 0 number 1.5', 'row 1 other=false', '2 0 string 受注', 'row 3 other=false', 'merge A5:B6']);
    // The prolog's chunk is rewritten as text (it holds <?xml and CR LF); the chunks after it are scanned as bytes.
    const prolog = xml.indexOf('<worksheet');
    for (let cut = 0; cut <= xml.length; cut++) {
      expect(record(xml, [cut], null, cut % 2 === 0)).toEqual(whole);
      if (cut > prolog) expect(record(xml, [prolog, cut], null, cut % 2 === 1)).toEqual(whole);
    }
  });

  it('a shared-string index past the table or not a whole number is a damaged cell, never another text', () => {
    const xml = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1" t="s"><v>1.5</v></c></row></sheetData></worksheet>');
    expect(record(xml, [], null, true)).toEqual([
      '0 0 problem A1: KPI2405 cell A1 should hold an entry of the table of texts but holds "7": the file may be damaged [7]',
      '1 0 problem B1: KPI2405 cell B1 should hold an entry of the table of texts but holds "1.5": the file may be damaged [1.5]',
      'row 1 other=false',
    ]);
  });
});
