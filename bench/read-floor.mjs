// The floor for reading (issue 14): node reading a file in 64 KB chunks and decoding it as UTF-8, nothing else.
// No CSV reader written in JavaScript can read and decode the file faster than this; kpi's time on the same file
// is compared with it.
//
//   node bench/read-floor.mjs FILE        prints the bytes read and the characters decoded
import { createReadStream } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/read-floor.mjs FILE');
  process.exit(2);
}
const decoder = new TextDecoder('utf-8', { fatal: true });
let bytes = 0;
let chars = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
  bytes += chunk.length;
  chars += decoder.decode(chunk, { stream: true }).length;
}
chars += decoder.decode().length;
console.log(JSON.stringify({ bytes, chars }));
