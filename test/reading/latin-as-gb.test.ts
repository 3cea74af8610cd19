// A CSV that is not UTF-8 is read as GB18030. Western European text (Excel outside China: Windows-1252 or Mac
// Roman) is often valid GB18030 too, and was read as Chinese characters glued to Latin letters: "Müller" as
// "M黮ler", a filter's "Annulée" matching nothing, with no word about the encoding. It is refused (KPI2180).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LatinAsGb } from '../../src/reading/latin-as-gb.js';
import { readSource } from '../../src/reading/index.js';
import { failure, spec, values, writeFixture } from './helpers.js';

const opts = { minorUnit: 2, currency: { code: 'USD', symbol: '$' } };
const read = (name: string, bytes: Uint8Array, over = {}) => readSource(spec(writeFixture(name, bytes), over), opts);
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const gb = (s: string): Buffer => {
  // Node has no GB18030 encoder: the bytes of each character, found by decoding every two-byte pair once.
  const table = new Map<string, number>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Buffer.from([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, (a << 8) | b);
    }
  const out: number[] = [];
  for (const ch of s) {
    const code = table.get(ch);
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else if (code === undefined) throw new Error(`no GBK code for ${ch}`);
    else out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
};
const western = (bytes: Buffer, chunk = bytes.length): boolean => {
  const c = new LatinAsGb();
  for (let i = 0; i < bytes.length; i += chunk) c.feed(bytes.subarray(i, i + chunk));
  c.end();
  return c.western;
};

describe('Western European text is told from Chinese', () => {
  // Each of these is valid GB18030: no byte tells it from Chinese.
  const WESTERN = [
    'Kunde,Ort\r\nM\xfcller GmbH,D\xfcsseldorf\r\nStra\xdfenbau AG,M\xfcnchen\r\n', // Windows-1252, German
    'Client,Statut\r\nG\xe9n\xe9rale,Annul\xe9e\r\nFran\xe7ois,Gagn\xe9e\r\n', // French (no accent before a comma or a space)
    'Cliente,Cidade\r\nJo\xe3o,S\xe3o Paulo\r\n\xc1ngel,Bras\xedlia\r\n', // Portuguese, an accent starting a word
    'Customer,City\rM\x8enard,Z\x9frich\r', // Mac Roman ("CSV (Macintosh)": CR line ends)
    'Client,Statut\r\nDupont,Gagn\xe9e', // its only accent at the very end, with no line end after it
  ];
  it.each(WESTERN.map((s) => [s.split(/\r\n?/)[1]!, s]))('%s', (_, s) => {
    expect(new TextDecoder('gb18030', { fatal: true }).decode(latin1(s))).not.toBe(s);
    expect(western(latin1(s))).toBe(true);
    expect(western(latin1(s), 3)).toBe(true); // the same, fed in pieces that cut characters
  });

  it('Chinese text is not, Traditional characters (GBK extension, 華 is C8 41) and Latin letters beside them too', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const example = readFileSync(path.join(here, '../../examples/china/data/sales.csv'));
    expect(western(example)).toBe(false);
    const mixed = gb('客戶,區域,業務員,金額\r\n華碩電腦股份有限公司,臺灣,陳ABC,100\r\n鴻海精密Foxconn,華東,張偉,200\r\niPhone專賣店,華南,王a,300\r\n');
    expect(western(mixed)).toBe(false);
    expect(western(mixed, 5)).toBe(false);
  });
});

describe('a CSV of Western European text guessed GB18030 is refused, naming the line (KPI2180)', () => {
  const body = 'Order ID,Rep,Amount,Close Date\r\nSO-1,R1,1.00,2026-11-01\r\nSO-2,M\xfcller,2.00,2026-11-02\r\n';

  it('in the first bytes read', async () => {
    const e = await failure(read('western.csv', latin1(body)));
    expect([e.code, e.row]).toEqual(['KPI2180', 3]);
    expect(e.message).toBe(
      'western.csv: line 3 reads as Western European text (Windows-1252 or Mac Roman, as Excel outside China saves "CSV (Comma delimited)" or "CSV (Macintosh)"), not as Chinese: read as GB18030 it would be "M黮ler". Save the file as "CSV UTF-8" and run again.',
    );
  });

  it('first seen after the first megabyte (the file read again as GB18030)', async () => {
    const rows = ['Order ID,Rep,Amount,Close Date'];
    for (let i = 1; i <= 40_000; i++) rows.push(`SO-${i},R${i % 7},${i}.00,2026-11-01`);
    rows.push('SO-40001,J\xfcrgen,5.00,2026-11-01');
    const e = await failure(read('late-western.csv', latin1(rows.join('\r\n') + '\r\n')));
    expect([e.code, e.row]).toEqual(['KPI2180', 40_002]);
  });

  it('read as the scheme says when it declares encoding: gb18030; a Chinese file guessed GB18030 is read as before', async () => {
    const r = await read('western.csv', latin1(body), { encoding: 'gb18030' });
    expect(values(r.table.columns.get('rep'))).toEqual(['R1', 'M黮ler']);
    const chinese = await read('chinese.csv', gb('Order ID,Rep,Amount,Close Date\r\nSO-1,王芳,1.00,2026-11-01\r\nSO-2,華東Li,2.00,2026-11-02\r\n'));
    expect(values(chinese.table.columns.get('rep'))).toEqual(['王芳', '華東Li']);
  });
});
