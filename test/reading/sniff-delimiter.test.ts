// The separator sniffing counts separators outside quotes by UTF-16 unit (a loop over charCodeAt), not by
// character: the same counts, since the quote and the separators are ASCII and never half of a surrogate pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../src/reading/decode.js';

/** The separator by character, as it was counted before (for…of over the line). */
function byCharacter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/, 30)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';', '|']) {
    const freq = new Map<number, number>();
    for (const l of lines) {
      let n = 0;
      let quoted = false;
      for (const ch of l) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [count, lines] of freq) score = Math.max(score, lines * 1000 + count);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

describe('sniffDelimiter', () => {
  it('picks what counting by character picks, on any text of separators, quotes, line ends, CJK and emoji', () => {
    const piece = fc.constantFrom(',', '\t', ';', '|', '"', '\n', '\r\n', 'a', '1', ' ', '销售', '😀', '\ud83d');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        expect(sniffDelimiter(text)).toBe(byCharacter(text));
      }),
      { numRuns: 3000 },
    );
  });
  it('semicolons with quoted commas', () => {
    expect(sniffDelimiter('a;b;"1,5"\nc;d;"2,5"\n')).toBe(';');
  });
});
