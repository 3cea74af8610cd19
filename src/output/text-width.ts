// Display width of terminal and spreadsheet text: the columns a terminal gives it (a Chinese character takes two,
// colour codes and combining marks none), measured with string-width. The one measure for every table kpi prints.
import stringWidth from 'string-width';

/** Printable ASCII only: one column a character, as string-width counts it, without its segmenting (slow). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(s: string): number {
  return PRINTABLE_ASCII.test(s) ? s.length : stringWidth(s);
}

/** `s` cut to at most `width` columns, the cut marked with "…". */
export function truncateToWidth(s: string, width: number): string {
  if (stringWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
