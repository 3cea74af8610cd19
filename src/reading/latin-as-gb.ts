// A CSV that is not UTF-8 is read as GB18030 (what Chinese Excel and WPS save). Western European text saved by
// Excel outside China ("CSV (Comma delimited)": Windows-1252; "CSV (Macintosh)": Mac Roman) is not UTF-8 either,
// and GB18030 often reads it without an error: each accented letter and the letter after it become one Chinese
// character ("Müller" → "M黮ler", "São" → "S鉶"). Rep ids, filter values and names would then be compared as
// that text, so it is refused instead, naming the line.

import { createReadStream } from 'node:fs';
import { DataError } from './errors.js';
import { problem } from '../messages/index.js';
import type { SourceSpec } from '../core/model.js';

const isLetter = (c: number): boolean => c < 0x80 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * Counts GB18030's multi-byte characters in bytes fed in order, and those that sit inside a Latin word: a second
 * byte that is an ASCII letter, with an ASCII letter before the first byte or after the second ("M\xfcller",
 * "\xc1ngel"). Chinese text puts its characters next to each other, most with a second byte above 0x80; a
 * character of GBK's extension (華 is C8 41) between two Latin letters is all but unknown.
 */
export class LatinAsGb {
  total = 0;
  latin = 0;
  /** Line (1-based) and the text as GB18030 reads it around the first character inside a Latin word. */
  firstLine = 0;
  firstText = '';
  private line = 1;
  private prev = 0;
  private carry: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    const b = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    const n = b.length;
    let i = 0;
    while (i < n) {
      const c = b[i] as number;
      if (c < 0x81 || c === 0xff) {
        if (c === 0x0d && i + 1 === n) {
          // A CR at the chunk's end: a line end of its own (Mac) or the first half of CR LF.
          this.carry = Buffer.from(b.subarray(i));
          return;
        }
        if (c === 0x0a || (c === 0x0d && b[i + 1] !== 0x0a)) this.line++;
        this.prev = c;
        i++;
        continue;
      }
      const d = b[i + 1];
      const four = d !== undefined && d >= 0x30 && d <= 0x39;
      if (i + (four ? 4 : 3) > n) {
        // A character (and the byte after it) cut by the chunk's end: read with the next chunk.
        this.carry = Buffer.from(b.subarray(i));
        return;
      }
      this.total++;
      if (four) {
        // A four-byte sequence: never a Latin letter's.
        this.prev = 0x80;
        i += 4;
        continue;
      }
      if (isLetter(d as number) && (isLetter(this.prev) || isLetter(b[i + 2] as number))) {
        this.latin++;
        if (this.firstLine === 0) {
          this.firstLine = this.line;
          this.firstText = wordAt(b, i);
        }
      }
      this.prev = 0x80; // a character, not the letter its second byte would be alone
      i += 2;
    }
  }

  /** After the last chunk: a character held back for the byte after it is read as at the end of a line. */
  end(): void {
    if (this.carry.length > 0) this.feed(Buffer.from([0x0a]));
  }

  /** Most of its multi-byte characters sit inside Latin words: Western European text, not Chinese. */
  get western(): boolean {
    return this.latin > 0 && this.latin * 2 >= this.total;
  }
}

/** The word around the character at `at`, as GB18030 reads it (ASCII letters before it, letters and characters after). */
function wordAt(b: Buffer, at: number): string {
  let from = at;
  while (from > 0 && at - from < 20 && isLetter(b[from - 1] as number)) from--;
  let to = at;
  while (to < b.length && to - at < 30) {
    const c = b[to] as number;
    if (c >= 0x81 && c !== 0xff) to += 2;
    else if (isLetter(c)) to++;
    else break;
  }
  return new TextDecoder('gb18030').decode(b.subarray(from, Math.min(to, b.length)));
}

/**
 * For a CSV guessed GB18030 (not UTF-8, no `encoding:` in the scheme): reads it once and refuses it, naming the
 * first line, when it is Western European text that GB18030 would read as Chinese characters (KPI2180).
 */
export async function rejectLatinAsGb(spec: SourceSpec, chunkSize: number): Promise<void> {
  const count = new LatinAsGb();
  for await (const chunk of createReadStream(spec.file, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) count.feed(chunk);
  count.end();
  if (!count.western) return;
  const file = spec.fileAsWritten;
  throw new DataError(problem('KPI2180', { file, line: count.firstLine, text: count.firstText }), { file, row: count.firstLine });
}
