// Per-rep file names from untrusted rep ids and names: safe on Windows, macOS and Linux, unique, and inside the
// output folder whatever the roster says (a rep named "../../x" or "CON" must not escape or break anything).
import path from 'node:path';
import { OutputError } from './errors.js';
import { problem } from '../messages/index.js';

/** Bytes allowed for the name before the extension; well under every file system's 255-byte limit. */
export const MAX_STEM_BYTES = 120;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Control chars, C1 controls, Windows-forbidden chars, path separators, and bidi overrides that disguise names.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u202a-\u202e\u2066-\u2069\u200b\ufeff]/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const encoder = new TextEncoder();

function utf8Bytes(s: string): number {
  return encoder.encode(s).length;
}

/** Cut to at most `max` UTF-8 bytes on a grapheme boundary (never half an emoji or a combining sequence). */
export function truncateUtf8(s: string, max: number): string {
  if (utf8Bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const n = utf8Bytes(segment);
    if (used + n > max) break;
    out += segment;
    used += n;
  }
  return out;
}

function cleanStem(raw: string): string {
  let s = raw.normalize('NFC').replace(UNSAFE, '_');
  s = s.replace(/\.{2,}/g, '_'); // no ".." anywhere
  s = s.replace(/\s+/g, ' ').replace(/_{2,}/g, '_');
  s = s.replace(/^[\s.]+/, ''); // no hidden files, no leading dot
  s = s.replace(/[\s.]+$/, ''); // Windows drops trailing dots/spaces
  return s;
}

function fixStem(stem: string, maxBytes: number): string {
  let s = truncateUtf8(stem, maxBytes).replace(/[\s.]+$/, '');
  if (s === '' || /^_+$/.test(s)) s = 'rep';
  // "CON", "con.txt", "Lpt1 " are reserved on Windows whatever the extension.
  const first = s.split('.')[0]!.trim();
  if (RESERVED.test(first)) s = `_${s}`;
  return s;
}

/** "A01-Alice Chen.xlsx" made safe. */
export function safeFileName(repId: string, repName: string, ext = '.xlsx'): string {
  const id = cleanStem(repId);
  const name = cleanStem(repName);
  const stem = id && name && id !== name ? `${id}-${name}` : id || name;
  return fixStem(stem, MAX_STEM_BYTES) + ext;
}

/** Hands out unique, safe file names inside one folder (case-insensitive: Windows and macOS fold case). */
export class FileNamer {
  private readonly taken = new Set<string>();
  private readonly root: string;

  constructor(
    dir: string,
    private readonly ext = '.xlsx',
  ) {
    this.root = path.resolve(dir);
  }

  /** Returns the file name and its absolute path. */
  next(repId: string, repName: string): { name: string; path: string } {
    const base = safeFileName(repId, repName, this.ext).slice(0, -this.ext.length);
    let name = base + this.ext;
    for (let n = 2; this.taken.has(foldKey(name)); n++) {
      const suffix = `-${n}`;
      name = fixStem(base, MAX_STEM_BYTES - suffix.length) + suffix + this.ext;
    }
    this.taken.add(foldKey(name));
    const full = path.resolve(this.root, name);
    if (path.dirname(full) !== this.root) {
      throw new OutputError(problem('KPI3041', { name: JSON.stringify(name), dir: this.root }), full);
    }
    return { name, path: full };
  }
}

function foldKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
