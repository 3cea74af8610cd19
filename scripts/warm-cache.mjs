// Writes dist/kpi-main.cache (scripts/bundle.mjs runs this): the bundle loaded without a cache, the example
// validated and scored as a user would, then V8's bytecode of everything that ran.

import { readFileSync } from 'node:fs';
import { builtCacheFile, loadBundle, writeCache } from '../dist/start/code-cache.js';

const bundle = new URL('../dist/kpi-main.cjs', import.meta.url);
const kpi = loadBundle(bundle, { ...process.env, KPI_CODE_CACHE: 'off' });
const example = new URL('../examples/acme/scheme.yaml', import.meta.url).pathname;

// stdout is not a terminal here: what is printed is of no interest, only the code that printed it.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
try {
  for (const args of [
    ['validate', example],
    ['score', example],
    ['score', example, '--format', 'json'],
  ])
    await kpi.exports.main(['node', 'kpi', ...args]);
} finally {
  process.stdout.write = write;
}
writeCache(builtCacheFile(bundle), readFileSync(bundle), kpi.cachedData());
