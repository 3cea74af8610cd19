// The CSV kernel (src/reading/csv-kernel.ts) against kpi's JavaScript read, in one process (issue 14): rounds
// alternate a kernel read of the file and the JS read (RowSink + CsvTokenizer, as bench/read-alternate.mjs), each
// read's thread cpu from /proc/thread-self/schedstat. As the prototype's driver measured it (bench/wasm-kernel/
// driver.mjs, commit 4650ab8): the kernel read reads the file itself (64 KB readSync into the kernel's input, from
// the page cache) and copies each run's output into growing columns, texts made for new codes; the JS read is given
// the decoded text (no I/O, no decoding). Declined lines are only counted (the read hands them to JS).
//
//   node bench/csv-kernel.mjs <sales.csv> <scheme.yaml> <rounds>   (after npm run build)
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

const [file, schemeFile, roundsArg = '10'] = process.argv.slice(2);
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const dist = new URL('../dist/', import.meta.url);
const { RowSink } = await import(new URL('reading/row-sink.js', dist));
const { CsvTokenizer } = await import(new URL('reading/csv-tokenizer.js', dist));
const { CsvKernel, STOP_DONE, STOP_DECLINED, K_TEXT, K_CASH, K_DAY } = await import(new URL('reading/csv-kernel.js', dist));
const { loadScheme } = await import(new URL('scheme/load.js', dist));
const { narrowedToUse } = await import(new URL('core/columns-used.js', dist));
const { symbolCode } = await import(new URL('reading/values.js', dist));
const { model } = await loadScheme(schemeFile);
const source = model.sources.find((s) => s.name === 'sales') ?? model.sources[0];
const spec = narrowedToUse(model, source);
const opts = { minorUnit: model.currency.minorUnit, currency: model.currency };

const bytes = readFileSync(file);
const chunks = [];
const decoder = new TextDecoder();
for (let at = 0; at < bytes.length; ) {
  let end = Math.min(bytes.length, at + 64 * 1024);
  if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
  chunks.push(decoder.decode(bytes.subarray(at, end)));
  at = end;
}

function jsRead() {
  const sink = new RowSink(spec, opts);
  sink.delimiter = ',';
  const tokenizer = new CsvTokenizer(',', (rec) => {
    if (!sink.inHeader) sink.csvRow(rec);
    else sink.offerHeader(rec.texts(), rec.row);
  });
  for (let i = 0; i < chunks.length; i++) {
    tokenizer.push(chunks[i]);
    if (i === 0) sink.expectRows(bytes.length / 64, bytes.length);
  }
  tokenizer.end();
  return sink.finish().rowCount;
}

// The kernel's setup, as the read will take it from RowSink (its lineActs; the rep's and the date's fields required).
const header = bytes.subarray(0, bytes.indexOf(10)).toString('latin1').replace(/\r$/, '');
const probe = new RowSink(spec, opts);
probe.offerHeader(header.split(','), 1);
const acts = probe.lineActs;
const required = new Uint8Array(acts.length);
for (const col of [probe.repCol, probe.dateCol]) if (col >= 0) required[probe.positions[col]] = 1;
const [py, pm] = model.period.split('-').map(Number);
const day = (y, m, d) => Date.UTC(y, m - 1, d) / 864e5;
const setup = {
  acts,
  required,
  delimiter: 44,
  point: 46,
  group: 44,
  symbol: symbolCode(model.currency),
  scale: model.currency.minorUnit,
  declared: false,
  period: probe.dateCol >= 0 ? { field: probe.positions[probe.dateCol], first: day(py, pm, 1), last: day(py, pm + 1, 1) - 1 } : null,
  chunkBytes: 64 * 1024,
};

function kernelRead() {
  const k = new CsvKernel(setup);
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  let cap = 1 << 16;
  const grow = (a, n) => {
    const b = new a.constructor(Math.max(cap, n));
    b.set(a);
    return b;
  };
  let rowNo = new Int32Array(cap);
  let hashes = new Int32Array(cap);
  let period = new Int32Array(cap);
  const cols = new Map();
  for (let f = 0; f < acts.length; f++) {
    if (acts[f] === K_TEXT) cols.set(f, { codes: new Int32Array(cap), texts: [null] });
    else if (acts[f] === K_CASH || acts[f] === K_DAY) cols.set(f, { numbers: new Float64Array(cap) });
  }
  let n = 0;
  let nPeriod = 0;
  let declined = 0;
  let pos = bytes.indexOf(10) + 1;
  let fill = 0;
  let row = 1;
  for (;;) {
    const input = k.input();
    const got = readSync(fd, input, fill, setup.chunkBytes - fill, pos + fill);
    fill += got;
    const final = pos + fill >= size;
    let from = 0;
    let r;
    for (;;) {
      r = k.run(from, fill, final, row);
      row += r.records;
      if (n + r.rows > cap) {
        cap = Math.max(cap * 2, n + r.rows);
        rowNo = grow(rowNo, cap);
        hashes = grow(hashes, cap);
        period = grow(period, cap);
        for (const c of cols.values()) {
          if (c.codes) c.codes = grow(c.codes, cap);
          else c.numbers = grow(c.numbers, cap);
        }
      }
      rowNo.set(k.rowNumbers(), n);
      hashes.set(k.hashes(), n);
      const p = k.periodRows();
      for (let i = 0; i < p.length; i++) period[nPeriod + i] = p[i] + n;
      nPeriod += p.length;
      for (const [f, c] of cols) {
        if (c.codes) {
          c.codes.set(k.codes(f), n);
          for (let code = c.texts.length; code <= k.codeCount(f); code++) c.texts.push(k.text(f, code));
        } else c.numbers.set(k.numbers(f), n);
      }
      n += r.rows;
      if (r.stop !== STOP_DECLINED) break;
      declined++;
      row++;
      from = r.next;
    }
    if (r.stop !== STOP_DONE) throw new Error(`stop ${r.stop} at ${pos + r.end}`);
    const used = r.end;
    if (final && used === fill) break;
    input.copyWithin(0, used, fill);
    pos += used;
    fill -= used;
  }
  closeSync(fd);
  return { rows: n, declined, period: nPeriod, records: row };
}

const rounds = Number(roundsArg);
const ms = { kernel: [], js: [] };
let last;
for (let round = 0; round < rounds; round++) {
  for (const which of round % 2 === 0 ? ['kernel', 'js'] : ['js', 'kernel']) {
    const t = cpuMs();
    const r = which === 'kernel' ? kernelRead() : jsRead();
    ms[which].push(cpuMs() - t);
    if (which === 'kernel') last = r;
    else last = { ...last, jsRows: r };
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`kernel read: ${JSON.stringify(last)}`);
for (const w of ['kernel', 'js']) console.log(`${w} cpu ms: median ${median(ms[w]).toFixed(0)} [${ms[w].map((x) => x.toFixed(0)).join(' ')}]`);
const ratios = ms.kernel.map((x, i) => x / ms.js[i]);
console.log(
  `kernel ÷ JS per round: median ${median(ratios).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}, n ${ratios.length}`,
);
