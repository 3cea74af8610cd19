// The table of texts is read from its UTF-8 bytes as they inflate, chunks cut anywhere (inside a tag, an entity,
// a multi-byte character, a comment). Plain items are copied as bytes, the others read by the general rules.
// Property: neither the cuts nor which path reads an item changes a single text, or which index it has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSharedStrings, type SharedStrings } from '../../src/reading/xlsx/shared-strings.js';

/** An item as a writer may put it (with `P` for the namespace prefix) and the text Excel shows for it. */
const ITEMS: [string, string][] = [
  ['<P:si><P:t>Won</P:t></P:si>', 'Won'],
  ['<P:si><P:t>受注 R0001</P:t></P:si>', '受注 R0001'],
  ['<P:si><P:t>😀 emoji</P:t></P:si>', '😀 emoji'],
  ['<P:si><P:t xml:space="preserve"> spaced </P:t></P:si>', ' spaced '],
  ['<P:si><P:t>a&amp;b &lt;c&gt;</P:t></P:si>', 'a&b <c>'],
  ['<P:si><P:t>_x0041_B</P:t></P:si>', 'AB'],
  ['<P:si><P:t>snake_case</P:t></P:si>', 'snake_case'],
  ['<P:si><P:r><P:t>1,2</P:t></P:r><P:r><P:rPr><P:b/></P:rPr><P:t>00.00</P:t></P:r></P:si>', '1,200.00'],
  ['<P:si><P:t>受注</P:t><P:rPh sb="0" eb="2"><P:t>ジュチュウ</P:t></P:rPh></P:si>', '受注'],
  ['<P:si/>', ''],
  ['<P:si><P:t/></P:si>', ''],
  ['<P:si><P:t></P:t></P:si>', ''],
  ['<P:si><P:t><![CDATA[R<1> & 中]]></P:t></P:si>', 'R<1> & 中'],
  ['<P:si>\r\n  <P:t>line\r\nbreak</P:t>\r\n</P:si>', 'line\nbreak'],
  ['<!-- <P:si><P:t>not an item</P:t></P:si> --><P:si><P:t>after a comment</P:t></P:si>', 'after a comment'],
];

function xmlOf(picks: number[], prefix: string): { xml: Buffer; texts: string[] } {
  const p = (s: string): string => (prefix === '' ? s.replace(/P:/g, '') : s.replace(/P:/g, `${prefix}:`));
  const ns =
    prefix === ''
      ? 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
      : `xmlns:${prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
  const body = picks.map((i) => p((ITEMS[i] as [string, string])[0])).join('');
  const root = prefix === '' ? 'sst' : `${prefix}:sst`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${root} ${ns} count="${picks.length}">${body}</${root}>`;
  return { xml: Buffer.from(xml, 'utf8'), texts: picks.map((i) => (ITEMS[i] as [string, string])[1]) };
}

async function read(xml: Buffer, cuts: number[]): Promise<SharedStrings> {
  const parts: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parts.push(xml.subarray(at, cut));
    at = cut;
  }
  parts.push(xml.subarray(at));
  return readSharedStrings(
    (async function* () {
      for (const part of parts) yield part;
    })(),
  );
}

const all = (t: SharedStrings): (string | undefined)[] => Array.from({ length: t.count }, (_, i) => t.get(i));

describe('table of texts', () => {
  it('reads every item as Excel shows it, however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(ITEMS.length - 1), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('', 'x'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        async (picks, prefix, fractions) => {
          const { xml, texts } = xmlOf(picks, prefix);
          const table = await read(
            xml,
            fractions.map((f) => Math.floor(f * xml.length)),
          );
          expect(all(table)).toEqual(texts);
          expect(table.get(texts.length)).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cut at every byte of a table holding each kind of item', async () => {
    const { xml, texts } = xmlOf(
      ITEMS.map((_, i) => i),
      '',
    );
    for (let cut = 0; cut <= xml.length; cut++) expect(all(await read(xml, [cut]))).toEqual(texts);
  });

  it('a byte that is not UTF-8 spoils only its own text, never the index of the others', async () => {
    const xml = Buffer.concat([
      Buffer.from('<sst><si><t>R0001</t></si><si><t>bad '),
      Buffer.from([0xe5, 0x8f]), // a three-byte character cut short
      Buffer.from('</t></si><si><t>受注</t></si><si><t>a'),
      Buffer.from([0x8f]), // a lone continuation byte: one character more than its bytes announce
      Buffer.from('</t></si><si><t>b'),
      Buffer.from([0xf0, 0x9f, 0x98]), // a four-byte character cut short: one less (together they even out)
      Buffer.from('</t></si><si><t>Won</t></si></sst>'),
    ]);
    expect(all(await read(xml, []))).toEqual(['R0001', 'bad \uFFFD', '受注', 'a\uFFFD', 'b\uFFFD', 'Won']);
  });

  it('a part with no <sst> element is refused', async () => {
    await expect(read(Buffer.from('<table><si><t>a</t></si></table>'), [])).rejects.toThrow('no <sst> element');
  });
});
