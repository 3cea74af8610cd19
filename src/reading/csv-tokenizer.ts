// RFC 4180 tokenizer over decoded text chunks. Hand-written because it measured faster than papaparse and
// csv-parse here, and because it knows each record's row number (as Excel shows it) and its first line
// (as a text editor shows it) even when quoted fields hold line breaks.
//
// Fields are handed out as offsets into the current text, so numbers and dates can be parsed without
// first copying each field into a string of its own.
//
// Lenient where Excel is: a quote inside an unquoted field is literal, text after a closing quote is kept,
// CRLF, LF and lone CR all end a record.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A record longer than this is almost surely an unclosed quote swallowing the file. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** One record; reused between records: read what you need inside the handler. */
export class CsvRecord {
  /** Text the offsets point into. */
  buf = '';
  n = 0;
  /** Excel's row number: records counted from 1, blank lines included. */
  row = 0;
  /** First line of the record in a text editor. */
  line = 0;
  /** False for an empty line or a line of empty fields. */
  content = false;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** True when no field has a string of its own (`quoted` is not filled in then): every record of the fast path. */
  plain = true;
  /** The unescaped value of a quoted field with "" or text after its closing quote; null otherwise (read buf). */
  quoted: (string | null)[] = [];
  /** The separator's char code (set by the tokenizer). */
  delim = 44;
  /**
   * Set by the consumer (RowSink, once past the header): offered each record that is one line of text before it is
   * split into fields. It reads the line whole or declines, and then the record is split and handed out as usual.
   */
  lineReader: LineReader | null = null;

  text(i: number): string {
    const q = this.plain ? null : this.quoted[i];
    return q !== null && q !== undefined ? q : this.buf.slice(this.starts[i], this.ends[i]);
  }

  /** All fields as strings (header rows, messages). */
  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.text(i));
    return out;
  }

  push(start: number, end: number, quoted: string | null): void {
    this.quoted[this.n] = quoted;
    this.pushPlain(start, end);
  }

  /** A field read in place (a record of the fast path: `plain`). */
  pushPlain(start: number, end: number): void {
    const n = this.n;
    if (n === this.starts.length) {
      const s = new Int32Array(n * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(n * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[n] = start;
    this.ends[n] = end;
    this.n = n + 1;
  }
}

/**
 * Reads a record that is one whole line (no CR inside, not blank) straight from the text, without the split into
 * fields: true once it has kept the row; false, having changed nothing it will not redo, to have the record split
 * and handed to onRecord as any other.
 */
export interface LineReader {
  /**
   * The line is buf[start, end) (without its line end); `row` is its record number, as CsvRecord.row; `quote` the
   * first quote at or after `start` (-1: none in the rest of the text); `delim` the separator.
   */
  csvLine(buf: string, start: number, end: number, row: number, quote: number, delim: string): boolean;
}

export interface UnclosedQuote {
  row: number;
  line: number;
  /** The text from the opening quote's record to the end of the file. */
  text: string;
}

export class CsvTokenizer {
  private readonly delim: number;
  private readonly delimChar: string;
  private rest = '';
  private row = 0;
  private line = 1;
  private readonly rec = new CsvRecord();

  constructor(
    delimiter: string,
    private readonly onRecord: (rec: CsvRecord) => void,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.delimChar = delimiter[0] ?? ',';
    this.rec.delim = this.delim;
  }

  get rowsSeen(): number {
    return this.row;
  }

  /** The line the next record starts on (a text editor's numbering). */
  get nextLine(): number {
    return this.line;
  }

  /** Nothing held back: the text pushed so far ended where a record ends (the parallel read's split check). */
  get atRecordStart(): boolean {
    return this.rest === '';
  }

  /** The records and lines of parts read by other readers and merged (csv-parallel.ts): counted as if read here. */
  moveOn(records: number, lines: number): void {
    this.row += records;
    this.line += lines;
  }

  /** Tokenizes every complete record; keeps an incomplete tail for the next chunk. */
  push(text: string): void {
    const buf = this.rest === '' ? text : this.rest + text;
    const used = this.scan(buf, false);
    this.rest = used < buf.length ? buf.slice(used) : '';
    if (this.rest.length > MAX_RECORD_CHARS) throw new RecordTooLong(this.row + 1, this.line, this.rest.includes('"'));
  }

  /**
   * Flushes the last record. Returns the unclosed quote, if the file ends inside one. A DOS end-of-file mark (0x1A,
   * Ctrl-Z) as the very last character is not text: old DOS and ERP exports end with one after the last line.
   */
  end(): UnclosedQuote | null {
    const buf = this.rest.endsWith('\x1a') ? this.rest.slice(0, -1) : this.rest;
    this.rest = '';
    if (buf === '') return null;
    const used = this.scan(buf, true);
    if (used < buf.length) {
      return { row: this.row + 1, line: this.line, text: buf.slice(used) };
    }
    return null;
  }

  /** Returns how far it consumed: the start of the first incomplete record. */
  private scan(buf: string, final: boolean): number {
    const len = buf.length;
    const delim = this.delim;
    const rec = this.rec;
    rec.buf = buf;
    // Next quote / CR at or after pos: looked up once and reused, so the fast path stays linear.
    let nextQuote = -2;
    let nextCR = -2;
    let nextDelim = -2;
    const delimChar = this.delimChar;
    let pos = 0;
    while (pos < len) {
      const recLine = this.line;
      rec.n = 0;
      rec.plain = true;
      // Fast paths: a line with no CR inside is offered whole to the line reader, if there is one (quotes and all: it
      // declines what it cannot read); a record with no quote and no CR before its LF is split with indexOf.
      const eol = buf.indexOf('\n', pos);
      if (eol !== -1) {
        if (nextCR !== -1 && nextCR < pos) nextCR = buf.indexOf('\r', pos);
        const oneLine = nextCR === -1 || nextCR >= eol - 1;
        const end = nextCR === eol - 1 ? eol - 1 : eol;
        if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
        const reader = rec.lineReader;
        if (oneLine && reader !== null && end > pos && reader.csvLine(buf, pos, end, this.row + 1, nextQuote, this.delimChar)) {
          pos = eol + 1;
          this.row++;
          this.line = recLine + 1;
          continue;
        }
        if (oneLine && (nextQuote === -1 || nextQuote > eol)) {
          let start = pos;
          for (;;) {
            if (nextDelim !== -1 && nextDelim < start) nextDelim = buf.indexOf(delimChar, start);
            const d = nextDelim;
            if (d === -1 || d >= end) {
              rec.pushPlain(start, end);
              break;
            }
            rec.pushPlain(start, d);
            start = d + 1;
          }
          pos = eol + 1;
          this.row++;
          this.line = recLine + 1;
          rec.row = this.row;
          rec.line = recLine;
          rec.content = end > rec.n - 1 + rec.starts[0]!;
          this.onRecord(rec);
          continue;
        }
      } else if (!final) return pos; // no complete line left
      const after = this.slowRecord(buf, pos, final, delim);
      if (after < 0) return pos; // incomplete
      pos = after;
    }
    return pos;
  }

  /** Any record: quotes, embedded line breaks, lone CRs. Returns the position after it, or -1 if incomplete. */
  private slowRecord(buf: string, recStart: number, final: boolean, delim: number): number {
    const len = buf.length;
    const rec = this.rec;
    const recLine = this.line;
    let pos = recStart;
    let lines = 0;
    let content = false;
    rec.n = 0;
    rec.plain = false;
    for (;;) {
      if (pos < len && buf.charCodeAt(pos) === QUOTE) {
        content = true;
        let acc = '';
        const open = pos + 1;
        let from = open;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 >= len && !final)) return -1; // incomplete (or, when final, unclosed)
          if (buf.charCodeAt(q + 1) === QUOTE) {
            acc += buf.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (from !== open) acc += buf.slice(from, q); // only a value with "" needs a string of its own
          pos = q + 1;
          break;
        }
        const after = pos; // text after the closing quote ("a"b) is kept, as Excel does
        while (pos < len) {
          const c = buf.charCodeAt(pos);
          if (c === delim || c === LF || c === CR) break;
          pos++;
        }
        if (from === open && pos === after) {
          // No "" inside and nothing after the closing quote: the value is the text between the quotes, read in
          // place like an unquoted field ("1,234.56" needs no string of its own).
          const close = after - 1;
          for (let i = buf.indexOf('\n', open); i !== -1 && i < close; i = buf.indexOf('\n', i + 1)) lines++;
          rec.push(open, close, null);
        } else {
          if (from === open) acc = buf.slice(open, after - 1);
          if (pos > after) acc += buf.slice(after, pos);
          for (let i = acc.indexOf('\n'); i !== -1; i = acc.indexOf('\n', i + 1)) lines++;
          rec.push(0, 0, acc);
        }
      } else {
        const start = pos;
        while (pos < len) {
          const c = buf.charCodeAt(pos);
          if (c === delim || c === LF || c === CR) break;
          pos++;
        }
        if (pos > start) content = true;
        rec.push(start, pos, null);
      }
      if (pos >= len) {
        if (!final) return -1;
        break;
      }
      const c = buf.charCodeAt(pos);
      if (c === delim) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= len && !final) return -1; // a LF may follow in the next chunk
        pos += buf.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else pos++;
      break;
    }
    this.row++;
    this.line = recLine + lines + 1;
    rec.row = this.row;
    rec.line = recLine;
    rec.content = content;
    this.onRecord(rec);
    return pos;
  }
}

export class RecordTooLong extends Error {
  constructor(
    readonly row: number,
    readonly line: number,
    /** A quote was seen in the record: most likely one that is never closed. Else simply no line break. */
    readonly quoted: boolean,
  ) {
    super('record too long');
  }
}
