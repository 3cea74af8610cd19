// `npm run build`'s second step: dist/ (tsc's output) bundled into a few files, dist/kpi-*.js, which bin/kpi.js
// loads. Node spends most of a short run's start-up finding, reading and compiling modules (validate loaded
// ~200 of them: ours, zod's and yaml's); the bundle keeps each command's code lazy (one chunk per command, shared
// code in shared chunks) but in a handful of files. exceljs stays outside: src/output/excel.ts patches one of its
// modules, which must be the one exceljs itself loads. The bundle sits in dist/ itself, so paths taken from
// import.meta.url (package.json, the examples) resolve as they do from dist/*.js.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
for (const f of readdirSync(dist)) if (/^kpi-.*\.js$/.test(f)) rmSync(join(dist, f));

const result = await build({
  entryPoints: { 'kpi-main': join(dist, 'bin-entry.js') },
  outdir: dist,
  chunkNames: 'kpi-chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'exceljs/*'],
  minifyWhitespace: true,
  // The CommonJS packages bundled (yaml, yauzl, commander …) require node's own modules at run time.
  banner: { js: "import { createRequire as kpiCreateRequire } from 'node:module'; const require = kpiCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
// Which modules each file of the bundle holds (test/e2e/startup.test.ts checks what a command loads with it).
const files = {};
for (const [out, o] of Object.entries(result.metafile.outputs)) files[out.replace(/^.*\//, '')] = Object.keys(o.inputs);
writeFileSync(join(dist, 'kpi-bundle.json'), JSON.stringify(files, null, 1));
