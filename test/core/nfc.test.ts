// nfc (src/core/text.ts) leaves a text whose characters are all below U+0300 as it is, without asking normalize:
// the rule is normalize('NFC') itself, for every pair of such characters and for any text at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nfc } from '../../src/core/text.js';

describe('nfc: normalize("NFC"), by a shortcut for text below U+0300', () => {
  it('every character and every pair of characters below U+0300 is already NFC', () => {
    for (let a = 0; a < 0x300; a++) {
      const one = String.fromCharCode(a);
      expect(one.normalize('NFC')).toBe(one);
      for (let b = 0; b < 0x300; b++) {
        const two = one + String.fromCharCode(b);
        if (two.normalize('NFC') !== two) expect.fail(`U+${a.toString(16)} U+${b.toString(16)} changes under NFC`);
      }
    }
  });

  it('any text, combining marks, compatibility characters and lone surrogates among it', () => {
    const special = fc.constantFrom(
      'e\u0301',
      '\u0301',
      'A\u030a',
      '\u212b',
      '\u2126',
      '\uf900',
      '\u1100\u1161',
      '\ud800',
      '\udc00',
      '\u0344',
      'Chlo\u00e9',
      '金额',
      '\u0374',
      '\u037e',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }), fc.string(), special), { maxLength: 6 }),
        (parts) => {
          const s = parts.join('');
          expect(nfc(s)).toBe(s.normalize('NFC'));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a text that NFC changes is changed', () => {
    expect(nfc('Chloe\u0301')).toBe('Chlo\u00e9');
    expect(nfc('\u212b')).toBe('\u00c5');
  });
});
