// Text as compared everywhere (data cells, filter values, rep ids): NFC, without invisible characters, with
// look-alike spaces as plain spaces, trimmed. One definition so a value in the scheme and the same value in an
// export always compare equal, whichever program wrote them.

/**
 * Never meaningful in a data value and invisible on screen: zero-width space, word joiner, BOM, soft hyphen,
 * Mongolian vowel separator, left-to-right/right-to-left marks and embeddings.
 */
const ALWAYS_INVISIBLE = /[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * Zero-width (non-)joiners shape emoji and some scripts (Persian, Indic), so they are kept between two
 * non-ASCII characters and removed elsewhere (next to Latin letters, digits or at either end).
 */
const LOOSE_JOINER = /^[\u200c\u200d]+|[\u200c\u200d]+$|(?<=[\x00-\x7f])[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\x7f])/g;
/** Spaces that look like a space: no-break, narrow no-break, figure, thin, hair, en/em spaces. (U+3000 is kept.) */
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f]/g;

export interface Cleaned {
  text: string;
  /** Invisible characters were removed (worth a word: the value looked the same but was not). */
  removed: boolean;
}

/** True when `s` needs more than trimming: any character outside printable ASCII. */
function needsCare(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return true;
  return false;
}

/** A character NFC could change: U+0300 on (no character below it composes, decomposes or is a combining mark). */
const BEYOND_LATIN = /[^\u0000-\u02ff]/;

/**
 * `s` in NFC: as it is when every character is below U+0300 (already NFC), else normalize's. A 1M-row JSON shows
 * ~15,000 texts, nearly all ASCII; normalize copied each into ICU's form to find nothing to change.
 */
export function nfc(s: string): string {
  return BEYOND_LATIN.test(s) ? s.normalize('NFC') : s;
}

/** `s` as compared: NFC, invisible characters removed, odd spaces made plain, trimmed. */
export function cleanText(s: string): Cleaned {
  if (!needsCare(s)) return { text: s.trim(), removed: false };
  const nfc = s.normalize('NFC');
  const stripped = nfc.replace(ALWAYS_INVISIBLE, '').replace(LOOSE_JOINER, '');
  return { text: stripped.replace(ODD_SPACES, ' ').trim(), removed: stripped.length !== nfc.length };
}

/** Just the text of cleanText. */
export const clean = (s: string): string => cleanText(s).text;

/**
 * Blank to the eye: empty, spaces, or nothing but invisible characters (a lone zero-width space or byte-order mark
 * left in a cell by a copy from a web page or chat): as compared, such a value is "".
 */
export function blankText(s: string): boolean {
  return s.trim() === '' || (needsCare(s) && cleanText(s).text === '');
}

/** A value with its invisible characters shown, for messages: "Won\u200b" → "Won<U+200B>". */
export function showInvisible(s: string): string {
  return s.replace(
    /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00a0\u202f]/g,
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/** Levenshtein distance (for "did you mean" suggestions; short strings only). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
