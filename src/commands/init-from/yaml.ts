// Writing YAML by hand (for the comments): a text value plain when that is unambiguous, else double-quoted
// with escapes, so that headers such as "Amount: USD", "007", "true", " Stage" or "Won\u200b" load back
// exactly as they are in the file.

import stringWidth from 'string-width';

const KEYWORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/** Plain in block and flow context: starts with a letter or _, then letters, digits, spaces and . ( ) - / &. */
const PLAIN = /^[\p{L}_][\p{L}\p{N}\p{M}_ .()（）\-/&]*$/u;

/** Characters written as escapes inside double quotes: controls, odd spaces, zero-width marks, BOM. */
const ESCAPE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/** A relative path (data/sales.csv, ../exports/2026.xlsx): plain too, even from a dot or a digit. */
const PLAIN_PATH = /^[\p{L}\p{N}_.][\p{L}\p{N}\p{M}_ .()（）\-/&]*\/[\p{L}\p{N}\p{M}_ .()（）\-/&]*$/u;

export function yamlText(s: string): string {
  if ((PLAIN.test(s) || PLAIN_PATH.test(s)) && !s.endsWith(' ') && !KEYWORDS.has(s.toLowerCase())) return s;
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(ESCAPE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${body}"`;
}

/** A key: logical names are generated plain, but a header-derived one may need quotes too. */
const yamlKey = yamlText;

/** `{ a: 1, b: c }` */
export function flow(entries: [string, string][]): string {
  return `{ ${entries.map(([k, v]) => `${yamlKey(k)}: ${v}`).join(', ')} }`;
}

/** A line with a trailing comment, the comment aligned at `column` when the line is shorter. */
export function commented(line: string, comment: string | undefined, column = 48): string {
  if (comment === undefined || comment === '') return line;
  const text = comment.replace(/\s*\n\s*/g, ' ');
  return `${line}${' '.repeat(Math.max(1, column - stringWidth(line)))}# ${text}`;
}
