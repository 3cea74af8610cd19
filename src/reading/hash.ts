// The SHA-256 of a file's bytes, as `sha256sum` prints it: what the report's Run sheet records for every input
// (reading/xlsx.ts) and what `kpi verify` checks it against.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** What says a file is the one that was opened: the same file, untouched since. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A file hashed by a thread of its own read (hash-worker.ts): its SHA-256, the bytes read and the file then. */
export interface Hashed extends FileIdentity {
  sha256: string;
  bytes: number;
}

/**
 * As hashFile, synchronously, with the file as it was once read to its end: what the parallel CSV read's worker does
 * once its part is read (csv-worker.ts). The same as hash-worker.ts's thread, which runs without our code.
 */
export function hashFileSync(path: string): Hashed {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const block = Buffer.allocUnsafe(1 << 20);
    let bytes = 0;
    for (;;) {
      const got = readSync(fd, block, 0, block.length, null);
      if (got === 0) break;
      hash.update(block.subarray(0, got));
      bytes += got;
    }
    const s = fstatSync(fd);
    return { sha256: hash.digest('hex'), bytes, dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } finally {
    closeSync(fd);
  }
}
