// kpi score --format json writes its text in pieces (commands/stdio.ts writeInPieces): a 1.2 MB JSON written whole
// to a pipe was first encoded into a buffer of its own. The pieces must be the text, byte for byte, in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeInPieces } from '../../src/commands/stdio.js';

/** The pieces written. */
function written(text: string, piece: number): string[] {
  const pieces: string[] = [];
  writeInPieces({ write: (s: string) => pieces.push(s) }, text, piece);
  return pieces;
}

describe('a long text written in pieces', () => {
  it('is the same bytes, and no piece ends between the two halves of a character outside the BMP', () => {
    const unit = fc.constantFrom('a', '"', '\n', 'é', '张', '😀', '𠮷', '\uFEFF');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 200 }), fc.integer({ min: 1, max: 9 }), (units, piece) => {
        const text = units.join('');
        const pieces = written(text, piece);
        expect(Buffer.concat(pieces.map((p) => Buffer.from(p, 'utf8')))).toEqual(Buffer.from(text, 'utf8'));
        for (const p of pieces) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(Math.max(piece, 2));
          const last = p.charCodeAt(p.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
      }),
      { numRuns: 3_000 },
    );
  });
  it('writes 1.2 MB in pieces of 64 K characters, and an empty text not at all', () => {
    const text = '{"x": "R0001 Tomás"}\n'.repeat(60_000);
    const pieces = written(text, 64 * 1024);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBe(Math.ceil(text.length / (64 * 1024)));
    expect(written('', 64 * 1024)).toEqual([]);
  });
});
