// The measurements behind the XLSX reader's choice of parts (issue 10), on the bench's sales.xlsx:
//   unzip: yauzl (Node's zlib) against fflate (pure JS; measured only when installed: npm i --no-save fflate)
//   sheet XML: saxes (the streaming XML parser exceljs uses, events only, no cell handling) against kpi's
//   scanner (dist/reading/xlsx: typed cells of every column)
//
//   npm run build && node bench/xlsx-parsers.mjs [bench/out/kpi-100000/data/sales.xlsx]
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(process.argv[2] ?? join(here, 'out', 'kpi-100000', 'data', 'sales.xlsx'));
const require = createRequire(import.meta.url);
const dist = (p) => import(pathToFileURL(join(here, '..', 'dist', 'reading', 'xlsx', p)).href);

async function time(label, fn) {
  const t0 = performance.now();
  const detail = await fn();
  console.log(`${label.padEnd(52)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s  ${detail}`);
}

const { Zip } = await dist('zip.js');
const sheetPart = 'xl/worksheets/sheet1.xml';

await time('unzip every entry: yauzl + node:zlib', async () => {
  const zip = await Zip.open(file, 'sales.xlsx');
  let n = 0;
  for (const name of zip.names) for await (const s of zip.chunks(name)) n += s.length;
  zip.close();
  return `${(n / 1e6).toFixed(1)} M chars`;
});

let fflate = null;
try {
  fflate = require('fflate');
} catch {
  console.log('unzip every entry: fflate                             (not installed: npm i --no-save fflate)');
}
if (fflate) {
  await time('unzip every entry: fflate unzipSync', async () => {
    const out = fflate.unzipSync(readFileSync(file));
    return `${(Object.values(out).reduce((a, b) => a + b.length, 0) / 1e6).toFixed(1)} MB`;
  });
}

// The sheet once, so both parsers see the same chunks: as text for saxes, as UTF-8 bytes for kpi's scanner.
const zip = await Zip.open(file, 'sales.xlsx');
const chunks = [];
for await (const s of zip.chunks(sheetPart)) chunks.push(s);
const byteChunks = [];
for await (const b of zip.utf8(sheetPart)) byteChunks.push(b);
const { readSharedStrings } = await dist('shared-strings.js');
const sst = await readSharedStrings(zip.utf8('xl/sharedStrings.xml'));
zip.close();

await time('sheet XML: saxes, events only', async () => {
  const { SaxesParser } = require(require.resolve('saxes', { paths: [require.resolve('exceljs')] }));
  const p = new SaxesParser();
  let cells = 0;
  p.on('opentag', (t) => {
    if (t.name === 'c') cells++;
  });
  for (const c of chunks) p.write(c);
  p.close();
  return `${cells} cells`;
});

await time("sheet XML: kpi's scanner, typed cells of every column", async () => {
  const { SheetScanner } = await dist('sheet.js');
  let cells = 0;
  const scanner = new SheetScanner(
    { want: null, wantFrom: 0, cell: () => void cells++, endRow: () => false },
    { sharedStrings: sst, styles: new Uint8Array([0, 0, 1]) },
  );
  for (const c of byteChunks) scanner.push(c);
  scanner.end();
  return `${cells} cells`;
});
