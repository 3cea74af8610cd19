// The floor for reading (issue 14): node reading a file in 64 KB chunks and decoding it as UTF-8, nothing else.
// No CSV reader written in JavaScript can read and decode the file faster than this; kpi's time on the same file
// is compared with it. Decoded the fastest way node has (and kpi's, src/reading/utf8.ts): buffer.isUtf8 checks
// the bytes and Buffer#toString makes the text; TextDecoder (through ICU on Node 20) took about five times longer.
//
//   node bench/read-floor.mjs FILE        prints the bytes read and the characters decoded
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/read-floor.mjs FILE');
  process.exit(2);
}
let bytes = 0;
let chars = 0;
let carry = Buffer.alloc(0);
for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
  bytes += chunk.length;
  const b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  // Keep a multi-byte character cut by the chunk's end for the next chunk.
  let end = b.length;
  let i = end - 1;
  while (i >= 0 && i > end - 4 && (b[i] & 0xc0) === 0x80) i--;
  if (i >= 0) {
    const need = b[i] >= 0xf0 ? 4 : b[i] >= 0xe0 ? 3 : b[i] >= 0xc0 ? 2 : 1;
    if (end - i < need) end = i;
  }
  carry = Buffer.from(b.subarray(end));
  const part = b.subarray(0, end);
  if (!isUtf8(part)) throw new Error(`${file}: not UTF-8`);
  chars += part.toString('utf8').length;
}
if (carry.length > 0) throw new Error(`${file}: ends inside a character`);
console.log(JSON.stringify({ bytes, chars }));
