// The CSV reader's UTF-8 decoder (src/reading/utf8.ts) must read every byte sequence exactly as
// `new TextDecoder('utf-8', { fatal: true })` does, however the file is cut into chunks: the same text, or an
// error where TextDecoder throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Decoder } from '../../src/reading/utf8.js';

type Outcome = { text: string } | { error: true };

function decodeAll(make: () => { decode(c?: Uint8Array, o?: { stream?: boolean }): string }, bytes: Uint8Array, cuts: number[]): Outcome {
  const d = make();
  let text = '';
  try {
    let at = 0;
    for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
      text += d.decode(bytes.subarray(at, cut), { stream: true });
      at = cut;
    }
    text += d.decode(bytes.subarray(at), { stream: true });
    text += d.decode();
    return { text };
  } catch {
    return { error: true };
  }
}

const reference = () => new TextDecoder('utf-8', { fatal: true });
const ours = () => new Utf8Decoder();

/** Bytes worth testing: valid text (ASCII, CJK, emoji, a BOM), raw bytes, and the two mixed. */
const bytesArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  // ASCII alone (control characters and NUL too): decoded as Latin-1, the same text.
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(`\uFEFF${s}`, 'utf8'))),
  fc.uint8Array({ maxLength: 24 }),
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.uint8Array({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
    .map(([a, raw, b]) => new Uint8Array(Buffer.concat([Buffer.from(a, 'utf8'), Buffer.from(raw), Buffer.from(b, 'utf8')]))),
  fc
    .constantFrom(
      [0xef],
      [0xef, 0xbb],
      [0xef, 0xbb, 0xbf],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41],
      [0xc0, 0x80], // overlong NUL
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xe4, 0xb8], // cut at the end of the file
      [0x41, 0xf0, 0x9f, 0x98, 0x80, 0x42],
    )
    .map((a) => new Uint8Array(a)),
);

describe('Utf8Decoder reads as TextDecoder (fatal) does', () => {
  it('any bytes, any chunk cuts: the same text or the same refusal', () => {
    fc.assert(
      fc.property(bytesArb, fc.array(fc.nat(48), { maxLength: 6 }), (bytes, cuts) => {
        expect(decodeAll(ours, bytes, cuts)).toEqual(decodeAll(reference, bytes, cuts));
      }),
      { numRuns: 3000 },
    );
  });

  it('hand-picked: a BOM is dropped only at the start; a 4-byte character cut three ways; a cut sequence at the end is refused', () => {
    const b = Buffer.from('\uFEFFa\uFEFF😀中', 'utf8');
    for (let i = 0; i <= b.length; i++) expect(decodeAll(ours, b, [i, i + 1, i + 2])).toEqual({ text: 'a\uFEFF😀中' });
    expect(decodeAll(ours, new Uint8Array([0x41, 0xe4, 0xb8]), [])).toEqual({ error: true });
    expect(decodeAll(ours, new Uint8Array([0x41, 0xff, 0x42]), [1, 2])).toEqual({ error: true });
  });
});
