// The encoding sniffer's UTF-8 check (src/reading/decode.ts validUtf8Prefix) is node's buffer.isUtf8 on the sample
// without 0–3 bytes at its end; held here to the rule it replaced: no invalid byte before the last three, by
// firstInvalidUtf8 (the reader's own UTF-8 scan, which reports where a file stops being UTF-8).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, validUtf8Prefix } from '../../src/reading/decode.js';

const byRule = (b: Uint8Array): boolean => {
  const bad = firstInvalidUtf8(b);
  return bad === -1 || bad >= b.length - 3;
};

// Bytes that make UTF-8 and near misses: ASCII, valid characters of every length, lone continuation bytes, leads
// that never start a character (C0, C1, F5–FF), overlong forms, surrogates, code points above U+10FFFF.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => [...Buffer.from(s, 'utf8')]),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]),
  fc.constantFrom([0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x80, 0x80, 0xaf], [0xe4, 0xb8], [0xf0, 0x9f]),
);
const sample = fc.array(piece, { maxLength: 40 }).map((ps) => Uint8Array.from(ps.flat()));

describe('the sniffer reads a sample as UTF-8 exactly when no byte before its last three breaks UTF-8', () => {
  it('any bytes', () => {
    fc.assert(
      fc.property(sample, (b) => {
        expect(validUtf8Prefix(b)).toBe(byRule(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('a character cut off by the end of the sample is allowed; one broken before it is not', () => {
    const han = Buffer.from('金额', 'utf8'); // two three-byte characters
    for (let end = 0; end <= han.length; end++) expect(validUtf8Prefix(han.subarray(0, end))).toBe(true);
    expect(validUtf8Prefix(Buffer.from([0x61, 0xff, 0x61, 0x61, 0x61, 0x61]))).toBe(false);
    expect(validUtf8Prefix(Buffer.from([0x61, 0x61, 0x61, 0xff]))).toBe(true);
    expect(validUtf8Prefix(Buffer.from([0xed, 0xa0, 0x80, 0x61, 0x61, 0x61, 0x61]))).toBe(false); // a surrogate
    expect(validUtf8Prefix(new Uint8Array(0))).toBe(true);
  });
});
