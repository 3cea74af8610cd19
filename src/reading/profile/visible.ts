// A value as a person must type it to match: characters that cannot be seen (zero-width spaces, no-break
// spaces, tabs, line breaks, a stray byte-order mark) written as escapes, so "Won\u200b" does not pass for
// "Won" in a filter. Ordinary spaces inside the text stay; spaces at either end are shown as ␠ (kpi trims
// them when it reads a value, but a header or a value copied with them is worth seeing).

/** Characters shown as escapes: controls, odd spaces, zero-width and direction marks, BOM. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u115f\u1160\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u3000\u3164\ufeff\ufff9-\ufffb]/g;

function escaped(ch: string): string {
  switch (ch) {
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** True when `s` holds a character a reader cannot see. */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s);
}

/** `s` with invisible characters escaped, a backslash doubled, and spaces at either end shown as ␠. */
export function visible(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(INVISIBLE, escaped);
  const lead = /^ +/.exec(body)?.[0].length ?? 0;
  if (lead === body.length) return '␠'.repeat(lead);
  const trail = / +$/.exec(body)?.[0].length ?? 0;
  return '␠'.repeat(lead) + body.slice(lead, body.length - trail) + '␠'.repeat(trail);
}

/** Full-width forms of ASCII (（ ） ： ， ０-９ Ａ-Ｚ …): they look like ASCII and do not match it. */
export function hasFullWidth(s: string): boolean {
  return /[\uff01-\uff5e]/.test(s);
}
