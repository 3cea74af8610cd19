// Streams a CSV file through the decoder and tokenizer into a RowSink, hashing the bytes on the way.

import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { TextDecoder } from 'node:util';
import type { SourceSpec } from '../core/model.js';
import { CsvTokenizer, MAX_RECORD_CHARS, RecordTooLong, type CsvRecord, type UnclosedQuote } from './csv-tokenizer.js';
import { rejectLatinAsGb } from './latin-as-gb.js';
import { encodingContradiction, firstInvalidUtf8, sniffDelimiter, sniffEncoding, type Concrete } from './decode.js';
import { DataError, cannotOpen, changedWhileRead, isFolder, notRegular } from './errors.js';
import { Utf8Decoder } from './utf8.js';
import { hashInBackground, sameFile, type BackgroundHash } from './hash-worker.js';
import { prestartHelper, type Pending, type Prestarted, type Split } from './csv-parallel.js';
import { kernelFor, type KernelLines } from './kernel-lines.js';
import type { Progress } from './types.js';
import { problem, type Problem } from '../messages/index.js';

/**
 * Read size. Small enough that each decoded chunk stays out of V8's large-object space (freed only by full
 * GCs, which pushed peak RSS past 400 MB with 1 MB chunks), large enough that per-chunk costs vanish.
 */
const CHUNK = 64 * 1024;

const LF_BYTE = 10;

/** The read size in use: CHUNK, or a tiny one in tests that put every chunk edge everywhere. */
let chunkBytes = CHUNK;

/** Tests only: read `bytes` at a time (undefined: back to CHUNK). */
export function setChunkBytesForTests(bytes: number | undefined): void {
  chunkBytes = bytes ?? CHUNK;
}

/** Thrown when a file guessed to be UTF-8 turns out not to be: read it again as GB18030. */
export class NotUtf8 extends Error {}

/** Internal: the header row is all that was asked for. */
class HeaderFound extends Error {}

/**
 * What scanCsv feeds: the RowSink (score, validate), or a profiler that reads every column without a scheme
 * (peek). Records go to offerHeader while inHeader is true, then to csvRow.
 */
export interface CsvSink {
  readonly inHeader: boolean;
  readonly headersOnly: boolean;
  /** The separator in use; set by scanCsv once sniffed. */
  delimiter: string;
  /** Set by scanCsv once a NUL character has been seen anywhere. */
  sawNul: boolean;
  /** Set by scanCsv when the file is read as GB18030 because it is not UTF-8 (no encoding declared). */
  guessedGb18030: boolean;
  /** Offers a record as the header; true once the header is known. */
  offerHeader(cells: string[], row: number): boolean;
  csvRow(rec: CsvRecord): void;
  /** A hint: about this many data rows are coming. */
  expectRows(rows: number, totalBytes: number): void;
  /** A problem with the text of a row itself (an unclosed quote at the end of the file). */
  badRecord(row: number, line: number, raw: string, reason: Problem): void;
  /** Once past the header: the kernel that reads whole lines of bytes for it (kernel-lines.ts); null: none. */
  startKernel?(chunkBytes: number): KernelLines | null;
}

export interface CsvScan {
  /** '' while `hashed` is still to come. */
  sha256: string;
  /**
   * With `hashLater`, for a file hashed on another thread: its SHA-256, still being computed when the scan returns
   * (rejects with KPI2608 for a file that changed while read).
   */
  hashed?: Promise<string>;
  encoding: Concrete;
  /** The file as opened: a second read that stops part way checks that it is still the same (reading/index.ts). */
  opened?: Stats;
}

/**
 * `hashLater`: a large file's SHA-256 may be left to come (CsvScan.hashed) when the rows are read, so that its thread
 * hashes while this one goes on (the merge, scoring) instead of beside the two threads reading the rows. `hashing`
 * false: no SHA-256 at all (sha256 ''; ReadOptions.hash).
 */
export async function scanCsv(
  spec: SourceSpec,
  sink: CsvSink,
  onProgress: ((p: Progress) => void) | undefined,
  encodingOverride?: Concrete,
  hashLater = false,
  hashing = true,
): Promise<CsvScan> {
  const file = spec.fileAsWritten;
  // Synchronous, as every other call on the file: the first asynchronous one would start libuv's thread pool.
  let info: Stats;
  try {
    info = statSync(spec.file);
  } catch (e) {
    throw cannotOpen(e as NodeJS.ErrnoException, file, dirname(spec.file));
  }
  if (info.isDirectory()) throw isFolder(file);
  if (!info.isFile()) throw notRegular(file);
  const totalBytes = info.size;
  if (totalBytes === 0) throw new DataError(problem('KPI2607', { file }), { file });

  const hash: Hash | null = hashing ? createHash('sha256') : null;
  let fd: number;
  try {
    fd = openSync(spec.file, 'r');
  } catch (e) {
    throw cannotOpen(e as NodeJS.ErrnoException, file, dirname(spec.file));
  }
  const opened = fstatSync(fd);
  /**
   * A large file is read on two threads (csv-parallel.ts): its worker starts now, so that its code loads while this
   * thread reads the header and the first rows; it takes a part once ready. (Not in an encoding it cannot read.)
   */
  let early: Prestarted | null =
    (encodingOverride ?? spec.encoding) === 'auto' || (encodingOverride ?? spec.encoding) === 'utf-8' ? prestartHelper(sink, totalBytes) : null;
  // A large file is hashed on another thread meanwhile (hash-worker.ts); a header-only read needs no hash. Beside a
  // worker for the rows, that thread starts once the worker has its part (startHash): the two would share the
  // free core while loading, and the rows' worker is the one the main thread waits for.
  let background: BackgroundHash | null = null;
  /** The hash is still to start: bytes read meanwhile are not hashed here. */
  let unhashed = false;
  if (hashing && early !== null) unhashed = true;
  else if (hashing && !sink.headersOnly) background = hashInBackground(spec.file, file, opened.size);
  /** The hash's thread runs on when this scan returns (CsvScan.hashed): the file stays open for its checks. */
  let handedOn = false;
  let decoder: TextDecoder | Utf8Decoder | null = null;
  let encoding: Concrete = 'utf-8';
  let certain = true;
  let tokenizer = null as CsvTokenizer | null; // set by feed()
  const rowsSeen = (): number => tokenizer?.rowsSeen ?? 0;
  /** The kernel reading whole lines of bytes (kernel-lines.ts): undefined until tried, once past the header. */
  let kernel: KernelLines | null | undefined = kernelFor(totalBytes) && sink.startKernel !== undefined ? undefined : null;
  let bytesRead = 0;
  /** A large file is read on two threads (csv-parallel.ts): a worker starts, and takes a part once ready. */
  let pending: Pending | null = null;
  /** The part this thread reads: up to `limit`, the worker's from there. */
  let split: Split | null = null;
  let limit = Number.POSITIVE_INFINITY;
  /** Where this thread's part began once split: bytes read when the worker took its part. */
  let partFrom = 0;

  const onRecord = (rec: CsvRecord): void => {
    if (!sink.inHeader) sink.csvRow(rec);
    else if (sink.offerHeader(rec.texts(), rec.row) && sink.headersOnly) throw new HeaderFound();
  };

  /** The tokenizer, made at the first text: its separator sniffed from it. */
  const tokenizerFor = (text: string): CsvTokenizer => {
    if (tokenizer === null) {
      sink.delimiter = spec.delimiter ?? sniffDelimiter(text.slice(0, 64 * 1024));
      tokenizer = new CsvTokenizer(sink.delimiter, onRecord);
    }
    return tokenizer;
  };
  const feed = (text: string): void => {
    const t = tokenizerFor(text);
    if (!sink.sawNul && text.includes('\0')) sink.sawNul = true;
    t.push(text);
  };
  /**
   * The first read (the whole file, for most files the kernel is used on): its lines up to the header fed one by one,
   * then the rest read by the kernel from its bytes, or fed. `text` is `chunk` decoded; the chunk ends at a line feed.
   */
  const feedFirst = (text: string, chunk: Buffer): void => {
    const t = tokenizerFor(text);
    let at = 0;
    let lines = 0;
    while ((sink.inHeader || !t.atRecordStart) && at < text.length) {
      const lf = text.indexOf('\n', at);
      if (lf === -1) break;
      feed(text.slice(at, lf + 1));
      at = lf + 1;
      lines++;
    }
    if (at === text.length) return;
    if (!sink.inHeader && t.atRecordStart) {
      kernel = sink.startKernel?.(chunkBytes) ?? null;
      // Where the rest starts in the bytes: after as many line feeds (a byte 0x0A is a line feed in UTF-8).
      let byte = -1;
      for (let i = 0; i < lines; i++) byte = chunk.indexOf(LF_BYTE, byte + 1);
      if (kernel?.read(chunk.subarray(byte + 1), t) === true) return;
    }
    feed(text.slice(at));
  };

  /** The text of `bytes`; null when they are not in the encoding (then `refuse` them). */
  const decodePart = (bytes: Buffer): string | null => {
    try {
      return (decoder as TextDecoder | Utf8Decoder).decode(bytes, { stream: true });
    } catch {
      return null;
    }
  };
  /** Bytes read from file offset `at` on that are not in the encoding: read again as GB18030, or stop saying where. */
  const refuse = async (bytes: Buffer, at: number): Promise<never> => {
    if (!certain && encoding === 'utf-8') throw new NotUtf8();
    throw await badEncoding(spec, encoding, at, bytes);
  };

  /** The hash is the parallel read's worker's (made once its part is read: no third thread beside the two readers). */
  let byWorker = false;
  /**
   * The deferred hash, after `bytesRead` bytes were read unhashed: by the parallel read's worker, on a thread of its
   * own, or on this one from here on.
   */
  const startHash = (): void => {
    unhashed = false;
    background = split?.hash() ?? null;
    byWorker = background !== null;
    if (background === null) background = hashInBackground(spec.file, file, opened.size);
    if (background === null && hash !== null) hashFrom(fd, hash, 0, bytesRead, opened, file);
  };

  try {
    // Plain synchronous reads into one buffer: a stream's async iteration and thread-pool round trips cost
    // more than the reads themselves here (the whole file is read before anything else happens anyway).
    // In UTF-8 and GB18030 a byte 0x0A is always a line feed, so each read is decoded up to its last line feed
    // and the bytes after it wait at the front of the buffer for the next read: the tokenizer then gets text
    // that ends with a whole record and keeps no tail to join to the next text. A joined string (tail + text)
    // is a V8 cons string, and every charCodeAt on it measured about half as slow again as on a flat one.
    const size = chunkBytes;
    const block = Buffer.allocUnsafe(size);
    let held = 0; // bytes at the front of `block` carried from the last read
    for (;;) {
      // At `bytesRead` (the parts merged after a split are not read here).
      const got = readSync(fd, block, held, Math.min(size - held, limit - bytesRead), bytesRead);
      if (got === 0 && split !== null && bytesRead === limit) {
        // The hash starts here at the latest (usually in the last tenth of this part): the worker's core is free soon.
        if (unhashed) startHash();
        // Up to the split: merge the parts after it (then the file is read), or read on here after those merged.
        const rest = await split.join(tokenizer as CsvTokenizer);
        split = null;
        limit = Number.POSITIVE_INFINITY;
        if (rest === null && byWorker) {
          // Nothing merged: the worker was stopped before its hash was made.
          (background as BackgroundHash | null)?.cancel();
          startHash();
        }
        if (rest === null) continue;
        // A file too small for the hashing thread (tests) or without one: the merged parts are hashed here.
        if (background === null && hash !== null) hashFrom(fd, hash, bytesRead, bytesRead + rest.bytes, opened, file);
        bytesRead += rest.bytes;
        if (rest.done) break;
        continue;
      }
      if (got === 0) break;
      const fresh = block.subarray(held, held + got);
      if (decoder === null) {
        rejectBinary(fresh, file);
        const contradiction = encodingContradiction(fresh, spec.encoding, file);
        if (contradiction !== null) throw new DataError(contradiction, { file });
        const sniffed = sniffEncoding(fresh, encodingOverride ?? spec.encoding);
        encoding = sniffed.encoding;
        certain = sniffed.certain;
        // UTF-8 (most files) through our own decoder: the same text or the same refusal, five times faster.
        decoder = encoding === 'utf-8' ? new Utf8Decoder() : new TextDecoder(encoding, { fatal: true });
        if (encoding === 'gb18030' && spec.encoding === 'auto') {
          sink.guessedGb18030 = true;
          await rejectMixed(spec);
          await rejectLatinAsGb(spec, CHUNK);
        }
      }
      if (background === null && !unhashed) hash?.update(fresh);
      const filled = held + got;
      let upTo = filled;
      if (encoding === 'utf-8' || encoding === 'gb18030') {
        const lf = block.lastIndexOf(LF_BYTE, filled - 1);
        // A line longer than half the buffer (or none yet): decode it all, as the decoders carry cut characters.
        if (lf >= 0 && filled - lf - 1 < size >> 1) upTo = lf + 1;
      }
      const chunk = block.subarray(0, upTo);
      if (kernel === undefined && tokenizer !== null && !sink.inHeader && encoding === 'utf-8') kernel = sink.startKernel?.(size) ?? null;
      // Whole lines of bytes read by the kernel, or decoded for the tokenizer.
      let read = kernel?.read(chunk, tokenizer as CsvTokenizer) === true;
      const text = read ? '' : (decodePart(chunk) ?? (await refuse(chunk, bytesRead - held)));
      const first = bytesRead === 0;
      bytesRead += got;
      held = filled - upTo;
      // The first read, when the kernel may read this file: read now, before the next read's bytes move in.
      if (!read && tokenizer === null && kernel === undefined && encoding === 'utf-8' && block[upTo - 1] === LF_BYTE) {
        feedFirst(text, chunk);
        read = true;
      }
      if (held > 0) block.copyWithin(0, upTo, filled);
      if (!read) feed(text);
      if (first && early !== null) {
        // The worker takes a part of a UTF-8 file whose header is in the first read; else it stops now.
        if (encoding === 'utf-8' && !sink.inHeader && bytesRead < totalBytes && rowsSeen() > 0)
          pending = early.begin(sink, fd, sink.delimiter, bytesRead, rowsSeen(), size);
        else early.cancel();
        early = null;
      }
      if (first && bytesRead < totalBytes && rowsSeen() > 0) {
        // Rows in the first chunk × chunks in the file, plus a margin: one allocation per column.
        if (pending === null) sink.expectRows(((rowsSeen() * totalBytes) / bytesRead) * 1.05, totalBytes);
      }
      if (pending !== null) {
        split = pending.poll(bytesRead, rowsSeen(), unhashed);
        if (split !== null) {
          limit = split.at;
          partFrom = bytesRead;
        }
        if (pending.settled) pending = null;
      }
      // The hash starts once the worker has its part (or will have none), or a quarter of the file is read without it.
      // Left to come (hashLater): in the last tenth of this thread's part, so that it is made while this thread merges
      // and scores (at 10M rows ~0.55 s of hashing; the merge and a fast score about as long), not beside two readers.
      const late = (limit - bytesRead) * 10 <= limit - partFrom;
      if (unhashed && (pending !== null ? bytesRead * 4 >= totalBytes : split === null || !hashLater || late)) startHash();
      // On two threads, this one's share of its part stands for the whole (the worker says nothing until it is done).
      const share = split === null ? 1 : totalBytes / split.at;
      onProgress?.({ rowsRead: Math.round(rowsSeen() * share), bytesRead: Math.round(bytesRead * share), totalBytes });
    }
    // The file ended before the split it had when the read began.
    if (split !== null) throw changedWhileRead(file);
    if (unhashed) {
      // Read before the hash's thread had a reason to start (defensive: startHash runs by a quarter of the file).
      unhashed = false;
      if (hash !== null) hashFrom(fd, hash, 0, bytesRead, opened, file);
    }
    // The last line, without a line feed after it.
    if (held > 0) {
      const chunk = block.subarray(0, held);
      feed(decodePart(chunk) ?? (await refuse(chunk, bytesRead - held)));
    }
    let tail: string;
    try {
      tail = (decoder as TextDecoder | Utf8Decoder).decode();
    } catch {
      if (!certain && encoding === 'utf-8') throw new NotUtf8();
      throw await badEncoding(spec, encoding, bytesRead, Buffer.alloc(0));
    }
    if (tail !== '') feed(tail);
    const open = tokenizer?.end() ?? null;
    if (open !== null) reportUnclosed(open, sink, file);
    if (background !== null) {
      const digest = background.digest(fd, opened, bytesRead);
      if (!hashLater) return { sha256: await digest, encoding, opened };
      const still = fd;
      handedOn = true;
      return { sha256: '', hashed: digest.finally(() => closeSync(still)), encoding, opened };
    }
  } catch (e) {
    if (e instanceof HeaderFound) return { sha256: '', encoding };
    if (e instanceof RecordTooLong) {
      throw new DataError(
        e.quoted
          ? problem('KPI2614', { file, row: e.row, line: e.line })
          : problem('KPI2615', { file, row: e.row, line: e.line, max: MAX_RECORD_CHARS.toLocaleString('en-US') }),
        { file, row: e.row },
      );
    }
    throw e;
  } finally {
    early?.cancel();
    pending?.cancel();
    split?.cancel();
    if (!handedOn) {
      background?.cancel();
      closeSync(fd);
    }
  }
  return { sha256: hash?.digest('hex') ?? '', encoding, opened };
}

/** Hashes bytes [from, to) of the file (read again: the worker read them for its part), refusing a file that changed. */
function hashFrom(fd: number, hash: Hash, from: number, to: number, opened: Stats, file: string): void {
  const block = Buffer.allocUnsafe(CHUNK);
  for (let at = from; at < to; ) {
    const got = readSync(fd, block, 0, Math.min(CHUNK, to - at), at);
    if (got === 0) throw changedWhileRead(file);
    hash.update(block.subarray(0, got));
    at += got;
  }
  const now = fstatSync(fd);
  if (!sameFile(now, opened)) throw changedWhileRead(file);
}

/** A workbook or other binary file given as CSV gets a plain answer, not a page of garbage values. */
function rejectBinary(head: Buffer, file: string): void {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // The format follows the file name's extension (there is no format key).
    throw new DataError(problem('KPI2616', { file }), { file });
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new DataError(problem('KPI2617', { file }), { file });
  }
}

/** Where the bytes stop being valid: line and byte offset, so the user can find it. */
async function badEncoding(spec: SourceSpec, encoding: Concrete, before: number, chunk: Buffer): Promise<DataError> {
  const file = spec.fileAsWritten;
  if (encoding === 'utf-8') {
    const at = (await locateInvalidUtf8(spec.file)) ?? before;
    const line = (await countLines(spec.file, at)) + 1;
    return new DataError(problem('KPI2618', { file, line, byte: at }), { file, row: line });
  }
  void chunk;
  if (encoding === 'gb18030' && spec.encoding === 'auto') {
    // Guessed GB18030 because it was not UTF-8, and it is not GB18030 either: point at the first byte that
    // is not UTF-8 (what the user most likely meant).
    const at = await locateInvalidUtf8(spec.file);
    const line = at === null ? 1 : (await countLines(spec.file, at)) + 1;
    return new DataError(at === null ? problem('KPI2620', { file, line }) : problem('KPI2619', { file, line, byte: at }), { file, row: line });
  }
  const line = (await countLines(spec.file, before)) + 1;
  const name = encoding === 'gb18030' ? 'GB18030' : encoding.toUpperCase();
  return new DataError(problem('KPI2621', { file, line, byte: before, encoding: name }), { file, row: line });
}

/** Offset of the first byte that is not UTF-8, or null. Streams, carrying a sequence cut by a chunk edge. */
async function locateInvalidUtf8(path: string): Promise<number | null> {
  let base = 0;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const i = firstInvalidUtf8(buf);
    if (i >= 0 && i < buf.length - 3) return base + i;
    const keep = i >= 0 ? i : buf.length;
    carry = buf.subarray(keep);
    base += keep;
  }
  return carry.length > 0 && firstInvalidUtf8(carry) >= 0 ? base + firstInvalidUtf8(carry) : null;
}

/**
 * A file guessed to be GB18030 that also has UTF-8 lines (rows pasted from another export) would have those
 * lines turned into mojibake without a word. A line that is valid UTF-8 throughout and holds a 3- or 4-byte
 * sequence (Chinese in UTF-8), beside a line that is not UTF-8 at all: stop and say which. The whole line must
 * be valid: GB18030 text often holds a run that happens to be a valid 3-byte sequence (青岛 = c7 e0 b5 ba).
 */
async function rejectMixed(spec: SourceSpec): Promise<void> {
  let line = 1;
  let utf8Line = 0;
  let otherLine = 0;
  // The line being read: has it a multi-byte UTF-8 sequence, and a byte that is not UTF-8?
  let multi = false;
  let invalid = false;
  const endLine = (): void => {
    if (invalid) {
      if (otherLine === 0) otherLine = line;
    } else if (multi && utf8Line === 0) utf8Line = line;
    multi = false;
    invalid = false;
  };
  const check = (): void => {
    if (utf8Line > 0 && otherLine > 0) {
      const file = spec.fileAsWritten;
      throw new DataError(problem('KPI2622', { file, utf8Line, otherLine }), { file, row: Math.max(utf8Line, otherLine) });
    }
  };
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(spec.file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let i = 0;
    const n = b.length;
    while (i < n) {
      const c = b[i] as number;
      if (c < 0x80) {
        if (c === 10) {
          endLine();
          check();
          line++;
        }
        i++;
        continue;
      }
      const need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xc2 && c <= 0xdf ? 1 : -1;
      if (need > 0 && i + need >= n) break; // finish it with the next chunk
      let ok = need > 0;
      for (let k = 1; ok && k <= need; k++) ok = ((b[i + k] as number) & 0xc0) === 0x80;
      if (ok) {
        if (need >= 2) multi = true;
        i += need + 1;
      } else {
        invalid = true;
        i++;
      }
    }
    carry = b.subarray(i);
  }
  if (carry.length > 0) invalid = true;
  endLine();
  check();
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

/** Every line swallowed by an unclosed quote is a lost row: each is reported (or the run stops at the first). */
function reportUnclosed(open: UnclosedQuote, sink: CsvSink, file: string): void {
  const lines = open.text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const last = open.line + lines.length - 1;
  const reason = last > open.line ? problem('KPI2005', { open: open.line, last }) : problem('KPI2006', { open: open.line });
  if (sink.inHeader) throw new DataError(problem('KPI2623', { file, open: open.line }), { file, row: open.row });
  lines.forEach((text, k) => {
    if (k > 0 && text.trim() === '') return;
    const why = k === 0 ? reason : problem('KPI2007', { open: open.line });
    sink.badRecord(open.row + k, open.line + k, text.slice(0, 200), why);
  });
}
