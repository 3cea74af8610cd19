// Streams a CSV file through the decoder and tokenizer into a RowSink, hashing the bytes on the way.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { SourceSpec } from '../core/model.js';
import { CsvTokenizer, RecordTooLong, type CsvRecord } from './csv-tokenizer.js';
import { firstInvalidUtf8, sniffDelimiter, sniffEncoding, type Concrete } from './decode.js';
import { DataError } from './errors.js';
import type { RowSink } from './rows.js';
import type { Progress } from './types.js';

/**
 * Read size. Small enough that each decoded chunk stays out of V8's large-object space (freed only by full
 * GCs, which pushed peak RSS past 400 MB with 1 MB chunks), large enough that per-chunk costs vanish.
 */
const CHUNK = 64 * 1024;

/** Thrown when a file guessed to be UTF-8 turns out not to be: read it again as GB18030. */
export class NotUtf8 extends Error {}

/** Internal: the header row is all that was asked for. */
class HeaderFound extends Error {}

export interface CsvScan {
  sha256: string;
  encoding: Concrete;
}

export async function scanCsv(
  spec: SourceSpec,
  sink: RowSink,
  onProgress: ((p: Progress) => void) | undefined,
  encodingOverride?: Concrete,
): Promise<CsvScan> {
  const file = spec.fileAsWritten;
  const totalBytes = (await stat(spec.file).catch((e: NodeJS.ErrnoException) => {
    throw new DataError(`${file}: cannot open the file (${e.code ?? e.message}).`, { file });
  })).size;
  if (totalBytes === 0) throw new DataError(`${file} is empty (0 bytes).`, { file });

  const hash = createHash('sha256');
  const stream = createReadStream(spec.file, { highWaterMark: CHUNK });
  let decoder: TextDecoder | null = null;
  let encoding: Concrete = 'utf-8';
  let certain = true;
  let tokenizer = null as CsvTokenizer | null; // set by feed()
  const rowsSeen = (): number => tokenizer?.rowsSeen ?? 0;
  let bytesRead = 0;

  const onRecord = (rec: CsvRecord): void => {
    if (!sink.inHeader) sink.csvRow(rec);
    else if (sink.offerHeader(rec.texts(), rec.row) && sink.headersOnly) throw new HeaderFound();
  };

  const feed = (text: string): void => {
    if (tokenizer === null) {
      sink.delimiter = spec.delimiter ?? sniffDelimiter(text.slice(0, 64 * 1024));
      tokenizer = new CsvTokenizer(sink.delimiter, onRecord);
    }
    if (!sink.sawNul && text.includes('\0')) sink.sawNul = true;
    tokenizer.push(text);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (decoder === null) {
        rejectBinary(chunk, file);
        const sniffed = sniffEncoding(chunk, encodingOverride ?? spec.encoding);
        encoding = sniffed.encoding;
        certain = sniffed.certain;
        decoder = new TextDecoder(encoding, { fatal: true });
      }
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        if (!certain && encoding === 'utf-8') throw new NotUtf8();
        throw await badEncoding(spec, encoding, bytesRead, chunk);
      }
      const first = bytesRead === 0;
      bytesRead += chunk.length;
      feed(text);
      if (first && bytesRead < totalBytes && rowsSeen() > 0) {
        // Rows in the first chunk × chunks in the file, plus a margin: one allocation per column.
        sink.expectRows(((rowsSeen() * totalBytes) / bytesRead) * 1.05);
      }
      onProgress?.({ rowsRead: rowsSeen(), bytesRead, totalBytes });
    }
    let tail: string;
    try {
      tail = (decoder as TextDecoder).decode();
    } catch {
      if (!certain && encoding === 'utf-8') throw new NotUtf8();
      throw await badEncoding(spec, encoding, bytesRead, Buffer.alloc(0));
    }
    if (tail !== '') feed(tail);
    const open = tokenizer?.end() ?? null;
    if (open !== null) {
      const reason = `a quoted value opened on line ${open.line} is never closed, so lines ${open.line}–${open.lastLine} read as one value`;
      if (sink.inHeader) throw new DataError(`${file}: ${reason}.`, { file, row: open.row });
      sink.badRecord(open.row, open.line, open.text.slice(0, 200), reason);
    }
  } catch (e) {
    if (e instanceof HeaderFound) return { sha256: '', encoding };
    if (e instanceof RecordTooLong) {
      throw new DataError(
        `${file} row ${e.row} (line ${e.line}): a quoted value is never closed; the rest of the file reads as one value.`,
        { file, row: e.row },
      );
    }
    throw e;
  } finally {
    stream.destroy();
  }
  return { sha256: hash.digest('hex'), encoding };
}

/** A workbook or other binary file given as CSV gets a plain answer, not a page of garbage values. */
function rejectBinary(head: Buffer, file: string): void {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new DataError(`${file} is a zip file (an .xlsx workbook?), not CSV text: set format: xlsx for this source.`, { file });
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new DataError(
      `${file} is an old-style Excel (.xls) or password-protected file, not CSV text: save it as CSV UTF-8 or .xlsx.`,
      { file },
    );
  }
}

/** Where the bytes stop being valid: byte offset and line, so the user can find it. */
async function badEncoding(spec: SourceSpec, encoding: Concrete, before: number, chunk: Buffer): Promise<DataError> {
  const file = spec.fileAsWritten;
  let offset = before;
  if (encoding === 'utf-8') {
    const i = firstInvalidUtf8(chunk);
    if (i >= 0) offset += i;
  }
  const line = (await countLines(spec.file, offset)) + 1;
  const hint = encoding === 'utf-8' ? ' (set encoding: gb18030 if it was saved by Chinese Excel/WPS, or auto)' : '';
  return new DataError(
    `${file}: the bytes at offset ${offset} (line ${line}) are not valid ${encoding}${hint}.`,
    { file, row: line },
  );
}

async function countLines(path: string, upTo: number): Promise<number> {
  let n = 0;
  let seen = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const part = seen + chunk.length > upTo ? chunk.subarray(0, upTo - seen) : chunk;
    for (let i = part.indexOf(10); i !== -1; i = part.indexOf(10, i + 1)) n++;
    seen += chunk.length;
    if (seen >= upTo) break;
  }
  return n;
}
