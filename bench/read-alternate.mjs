// The CSV read alone, in one process, for builds side by side (issue 14): each build's RowSink and CsvTokenizer (from
// its dist/) read the same decoded text, in turn, many rounds, and each read's thread cpu is taken from
// /proc/thread-self/schedstat. On a shared 2-core machine whole runs swing with the load; per-round ratios of reads
// that alternate within a few hundred milliseconds do not (much), so judge by their median and how often one wins.
//
//   node bench/read-alternate.mjs <sales.csv> <scheme.yaml> <rounds> <fraction> <build> <build> ...
//   e.g. node bench/read-alternate.mjs bench/out/kpi-1000000/data/sales.csv bench/out/kpi-1000000/scheme-sales.yaml \
//        40 0.2 /tmp/old .      (a build: a checkout with `npm run build` done; /tmp/old from `git archive <commit>`)
//
// The file is decoded once, in 64 KB reads cut after their last line feed as src/reading/csv.ts does; `fraction` of
// those chunks is read per round (0.2: 200k rows of the 1M file, so more rounds). No file, no hash, no second thread.
// Each build's table is fingerprinted once: the builds must read the same table.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, schemeFile, roundsArg = '20', fractionArg = '1', ...builds] = process.argv.slice(2);
if (file === undefined || schemeFile === undefined || builds.length === 0) {
  console.error('usage: node bench/read-alternate.mjs <csv> <scheme.yaml> <rounds> <fraction> <build>...');
  process.exit(2);
}
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;

const readers = [];
for (const build of builds) {
  const load = (p) => import(pathToFileURL(resolve(build, 'dist', p)).href);
  const { RowSink } = await load('reading/row-sink.js');
  const { CsvTokenizer } = await load('reading/csv-tokenizer.js');
  const { loadScheme } = await load('scheme/load.js');
  const { narrowedToUse } = await load('core/columns-used.js');
  const { model } = await loadScheme(schemeFile);
  if (model === undefined) throw new Error(`${build}: the scheme does not load`);
  const source = model.sources.find((s) => s.name === 'sales') ?? model.sources[0];
  readers.push({ build, RowSink, CsvTokenizer, model, spec: narrowedToUse(model, source) });
}

const bytes = readFileSync(file);
const chunks = [];
const decoder = new TextDecoder();
for (let at = 0; at < bytes.length; ) {
  let end = Math.min(bytes.length, at + 64 * 1024);
  if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
  chunks.push(decoder.decode(bytes.subarray(at, end)));
  at = end;
}
const upTo = Math.ceil(chunks.length * Number(fractionArg));

/** The table's row numbers, columns (text columns as their values) and issues, hashed. */
function fingerprint(table, issues) {
  const h = createHash('sha256');
  h.update(new Uint8Array(table.rowNumbers.buffer, table.rowNumbers.byteOffset, table.rowCount * 4));
  for (const [name, col] of table.columns) {
    h.update(name);
    if (col.type === 'string') h.update(JSON.stringify(col.values.slice(0, table.rowCount)));
    else h.update(new Uint8Array(col.values.buffer, col.values.byteOffset, table.rowCount * 8));
  }
  h.update(JSON.stringify(issues));
  return h.digest('hex').slice(0, 12);
}

function readOnce(r) {
  const sink = new r.RowSink(r.spec, { minorUnit: r.model.currency.minorUnit, currency: r.model.currency });
  const t0 = cpuMs();
  sink.delimiter = ',';
  const tokenizer = new r.CsvTokenizer(',', (rec) => {
    if (!sink.inHeader) sink.csvRow(rec);
    else sink.offerHeader(rec.texts(), rec.row);
  });
  for (let i = 0; i < upTo; i++) {
    tokenizer.push(chunks[i]);
    if (i === 0) sink.expectRows((upTo * bytes.length) / chunks.length / 64, bytes.length);
  }
  tokenizer.end();
  const table = sink.finish();
  return { ms: cpuMs() - t0, table, issues: sink.issues };
}

const rounds = Number(roundsArg);
const ms = readers.map(() => []);
for (let round = 0; round < rounds; round++) {
  // Each build takes each place in the order in turn.
  for (let k = 0; k < readers.length; k++) {
    const i = (k + round) % readers.length;
    const { ms: t, table, issues } = readOnce(readers[i]);
    ms[i].push(t);
    if (round === 0) console.log(`${readers[i].build}: table ${fingerprint(table, issues)}, ${table.rowCount} rows`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [i, r] of readers.entries()) {
  console.log(`${r.build}: cpu ms min ${Math.min(...ms[i]).toFixed(0)}, median ${median(ms[i]).toFixed(0)}`);
}
for (let i = 1; i < readers.length; i++) {
  const ratios = ms[i].map((t, k) => t / ms[0][k]);
  const geomean = Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length);
  const wins = ratios.filter((x) => x < 1).length;
  console.log(
    `${readers[i].build} ÷ ${readers[0].build}: per-round median ${median(ratios).toFixed(3)}, geomean ${geomean.toFixed(3)}, faster in ${wins} of ${rounds}`,
  );
}
