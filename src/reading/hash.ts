// The SHA-256 of a file's bytes, as `sha256sum` prints it: what the report's Run sheet records for every input
// (reading/xlsx.ts) and what `kpi verify` checks it against.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
