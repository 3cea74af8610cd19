// Which encoding a text file is in, and which separator it uses.

import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../core/model.js';
import { problem, type Problem } from '../messages/index.js';

export type Concrete = Exclude<Encoding, 'auto'>;

export interface Sniffed {
  encoding: Concrete;
  /** True when the choice came from a byte-order mark or the scheme, not a guess. */
  certain: boolean;
}

/** Looks at the first bytes: BOM, then UTF-16 without BOM (NULs in every other byte), then valid UTF-8. */
export function sniffEncoding(head: Uint8Array, declared: Encoding): Sniffed {
  if (declared !== 'auto') return { encoding: declared, certain: true };
  const bom = byteOrderMark(head);
  if (bom === 'utf-8' || bom === 'utf-16le' || bom === 'utf-16be') return { encoding: bom, certain: true };
  const pattern = utf16Pattern(head);
  if (pattern !== null) return { encoding: pattern, certain: false };
  return { encoding: validUtf8Prefix(head) ? 'utf-8' : 'gb18030', certain: false };
}

/**
 * True when `bytes` is valid UTF-8, allowing a sequence cut off at the very end: the same as firstInvalidUtf8 finding
 * nothing before the last three bytes, checked by node (buffer.isUtf8) on the bytes without 0–3 at the end. The
 * sample is up to 64 KB and runs once per file: in JavaScript that loop ran cold, a few ms of every small run.
 */
export function validUtf8Prefix(bytes: Uint8Array): boolean {
  for (let cut = 0; cut <= 3 && cut <= bytes.length; cut++) if (isUtf8(bytes.subarray(0, bytes.length - cut))) return true;
  return false;
}

/** Offset of the first byte that is not valid UTF-8, or -1. A sequence cut off at the end counts as invalid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need > n - 1) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * Picks the separator that splits the first lines most consistently: the one whose per-line count
 * (outside quotes) is the same non-zero number on the most lines. Ties go to the earlier candidate.
 */
export function sniffDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/, 30)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, lines] of freq) score = Math.max(score, lines * 1000 + count);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  // By UTF-16 unit, not by character: the quote and the separators are ASCII, never half of a surrogate pair.
  const sep = d.charCodeAt(0);
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === sep && !quoted) n++;
  }
  return n;
}

/** The byte-order mark at the start of `head`, if any. UTF-32 marks are checked first (FF FE 00 00 starts like UTF-16LE's). */
function byteOrderMark(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | null {
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return 'utf-32le';
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return 'utf-32be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a BOM: NULs in every other byte (the high byte of ASCII: separators, digits, line ends). A Chinese
 * character can have a NUL byte of its own (U+9500 销 is 00 95 in UTF-16LE), so the other side may hold a few.
 */
function utf16Pattern(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul > units / 8 && evenNul * 8 <= oddNul) return 'utf-16le';
  if (evenNul > units / 8 && oddNul * 8 <= evenNul) return 'utf-16be';
  return null;
}

/** Characters of `head` that are multi-byte UTF-8 when all of it reads as UTF-8 (0 when it does not), and the first few. */
function utf8Text(head: Uint8Array): { count: number; sample: string } {
  if (!validUtf8Prefix(head)) return { count: 0, sample: '' };
  let count = 0;
  let first = -1;
  for (let i = 0; i < head.length; i++) {
    if ((head[i] as number) >= 0xc2) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (count === 0) return { count, sample: '' };
  const text = new TextDecoder('utf-8').decode(head.subarray(first, Math.min(head.length, first + 120)));
  const sample = [...(/[^\p{ASCII}]+/u.exec(text)?.[0] ?? '')].slice(0, 12).join('');
  return { count, sample };
}

/** A GB18030 file whose first bytes read as UTF-8 with this many multi-byte characters is UTF-8 (GB text is not valid UTF-8 that long). */
const UTF8_CHARACTERS = 4;

const NAMES: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };

/**
 * What the first bytes say against the scheme: a UTF-32 file (not read at all), or a byte-order mark or UTF-16
 * byte pattern that contradicts a declared `encoding:`. The reason, or null when nothing contradicts.
 */
export function encodingContradiction(head: Uint8Array, declared: Encoding, file: string): Problem | null {
  const bom = byteOrderMark(head);
  if (bom === 'utf-32le' || bom === 'utf-32be') return problem('KPI2611', { file, bom: bom === 'utf-32le' ? 'UTF-32LE' : 'UTF-32BE' });
  if (declared === 'auto') return null;
  if (bom !== null && bom !== declared) return problem('KPI2612', { file, bom: NAMES[bom]!, declared, encoding: bom });
  const pattern = bom === null ? utf16Pattern(head) : null;
  if (pattern !== null && pattern !== declared) return problem('KPI2613', { file, pattern: NAMES[pattern]!, declared, encoding: pattern });
  if (declared === 'gb18030' && bom === null && pattern === null) {
    // encoding: gbk on a UTF-8 file reads every Chinese header as mojibake; say what the file is instead.
    const u = utf8Text(head);
    if (u.count >= UTF8_CHARACTERS) return problem('KPI2689', { file, sample: u.sample, declared, encoding: 'utf-8' });
  }
  return null;
}
