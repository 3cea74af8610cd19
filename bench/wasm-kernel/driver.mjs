// Drives kernel.wasm over a sales CSV: reads the file in 64 KB chunks straight into wasm memory, runs the kernel,
// counts its declines, sums Won amounts per rep in the period. Optionally alternates with kpi's own JS read
// (RowSink + CsvTokenizer from <build>/dist, as bench/read-alternate.mjs) for same-minute paired figures.
//
//   node driver.mjs <sales.csv> <rounds> [<build> <scheme.yaml>]
import { closeSync, openSync, readFileSync, readSync, fstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, roundsArg = '10', build, schemeFile] = process.argv.slice(2);
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const now = () => performance.now();

// ---- compile ----------------------------------------------------------------------------------------------
const wasmBytes = readFileSync(new URL('./kernel.wasm', import.meta.url));
let c0 = cpuMs();
let w0 = now();
const mod = new WebAssembly.Module(wasmBytes);
const compileMs = { cpu: cpuMs() - c0, wall: now() - w0 };
c0 = cpuMs();
w0 = now();
const inst = new WebAssembly.Instance(mod, { env: { abort: () => { throw new Error('abort'); } } });
const instMs = { cpu: cpuMs() - c0, wall: now() - w0 };
const k = inst.exports;
const memory = k.memory;

// ---- layout -----------------------------------------------------------------------------------------------
const CHUNK = 64 * 1024;
const IN_CAP = 1024 * 1024 + CHUNK; // a record longer than 1 MB: JS's (not in this prototype)
const MAXCODES = 65536;
const TSLOTS = 1 << 17;
let top = 1024 * 1024;
const take = (bytes, align = 8) => {
  top = Math.ceil(top / align) * align;
  const at = top;
  top += bytes;
  return at;
};
const CLASS = take(256);
const ACTS = take(64 * 4);
const MONTHS = take(4800 * 8);
const KEYBUF = take(256);
const TEXTOUT = take(16);
const NUMOUT = take(16);
const IN = take(IN_CAP + 256);
const TAB = take(4 * TSLOTS * 16);
const POOL_CAP = 1 << 20;
const POOL = take(POOL_CAP);
const CODES = take(4 * MAXCODES * 8);
const CAP_DECL = 65536;
const DECL = take(CAP_DECL * 20);
const fixedTop = top;
const ensure = (bytes) => {
  const need = Math.ceil((bytes - memory.buffer.byteLength) / 65536);
  if (need > 0) memory.grow(need);
};
ensure(fixedTop);
{
  const u8 = new Uint8Array(memory.buffer);
  u8[CLASS + 44] = 1;
  u8[CLASS + 10] = 2;
  u8[CLASS + 13] = 3;
  u8[CLASS + 34] = 4;
  const dv = new DataView(memory.buffer);
  const civil = (y, m, d) => {
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  };
  const dim = (y, m) => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
  for (let at = 0; at < 4800; at++) {
    const y = 1900 + Math.floor(at / 12);
    const m = (at % 12) + 1;
    dv.setInt32(MONTHS + at * 8, civil(y, m, 1), true);
    dv.setInt32(MONTHS + at * 8 + 4, dim(y, m), true);
  }
}
const FIXED_ENV = process.env.FIXED === '1';
const PERIOD = { start: Date.UTC(2026, 10, 1) / 864e5, end: Date.UTC(2026, 10, 30) / 864e5 };

// The bench's mapping (scheme-sales.yaml narrowed to what the score uses): key-only, rep, stage, amount, close date.
const MAPPING = { 'Order ID': { kind: 1 }, 'Sales Rep ID': { kind: 2, slot: 0, required: true }, Stage: { kind: 2, slot: 1 }, Amount: { kind: 3, slot: 0 }, 'Close Date': { kind: 4, slot: 1, required: true } };
for (const drop of (process.env.DROP ?? '').split(',').filter(Boolean)) delete MAPPING[drop];

/** One whole read of the file; returns the columns (views into wasm memory, valid until the next read). */
function readKernel(FIXED = FIXED_ENV) {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  let u8 = new Uint8Array(memory.buffer);
  // header: the first line, read by JS
  let fill = readSync(fd, u8, IN, CHUNK, 0);
  let filePos = fill;
  const lf = u8.subarray(IN, IN + fill).indexOf(10);
  const header = Buffer.from(u8.buffer, IN, lf).toString('latin1').replace(/\r$/, '').split(',');
  const dv = new DataView(memory.buffer);
  let dateSlot = -1;
  header.forEach((h, f) => {
    const m = MAPPING[h];
    const act = m === undefined ? 0 : m.kind | ((m.slot ?? 0) << 4) | (m.required ? 0x100 : 0);
    dv.setInt32(ACTS + f * 4, act, true);
    if (m?.kind === 4 && h === 'Close Date') dateSlot = m.slot;
  });
  // rows estimated from the first chunk's lines, as kpi's expectRows
  let lines = 0;
  for (let i = IN + lf + 1; i < IN + fill; i++) lines += u8[i] === 10 ? 1 : 0;
  let cap = Math.ceil((size / Math.max(1, fill - lf - 1)) * Math.max(lines, 1) * 1.1) + 1024;
  const cols = () => {
    top = fixedTop;
    const c = { rep: take(cap * 4), stage: take(cap * 4), amount: take(cap * 8), closed: take(cap * 8), rowno: take(cap * 4), hashes: take(cap * 4), plist: take(cap * 4), cap4: cap * 4 };
    ensure(top);
    return c;
  };
  let c = cols();
  const pointers = () => {
    const d = new DataView(memory.buffer);
    d.setUint32(TEXTOUT, c.rep, true);
    d.setUint32(TEXTOUT + 4, c.stage, true);
    d.setUint32(NUMOUT, c.amount, true);
    d.setUint32(NUMOUT + 4, c.closed, true);
    d.setUint32(NUMOUT + 8, 0, true);
    d.setUint32(NUMOUT + 12, 0, true);
  };
  pointers();
  k.dbgBuf.value = DECL + CAP_DECL * 20 - 1024;
  k.setup(IN, CLASS, ACTS, header.length, MONTHS, KEYBUF, TAB, POOL, POOL_CAP, CODES, TEXTOUT, NUMOUT, c.rowno, c.hashes, c.plist, DECL, cap, CAP_DECL, dateSlot, PERIOD.start, PERIOD.end, 1);
  u8 = new Uint8Array(memory.buffer);
  u8.copyWithin(IN, IN + lf + 1, IN + fill);
  fill -= lf + 1;
  k.base.value = lf + 1;
  let hard = 0;
  for (;;) {
    const got = filePos < size && fill < CHUNK ? readSync(fd, u8, IN + fill, CHUNK, filePos) : 0;
    fill += got;
    filePos += got;
    const final = filePos >= size ? 1 : 0;
    let used = 0;
    let st = 0;
    for (;;) {
      used = FIXED ? k.runFixed(used, fill, final, 36) : k.run(used, fill, final, 36, 1 << 30);
      st = k.status.value;
      if (st === 4) {
        // a line off the specialised path: the generic reader's
        const u2 = k.run(used, fill, final, 36, 1);
        st = k.status.value;
        if (st === 0 && u2 === used) break; // incomplete: more bytes first
        used = u2;
        if (st === 0) continue;
      }
      if (st === 0) break;
      if (st === 2) {
        // columns full: bigger ones, the rows so far copied over (kpi's grow)
        const old = c;
        const n = k.n.value;
        cap = Math.ceil(cap * 1.5);
        top = old.plist + old.cap4 + 64; // new columns after the old ones
        const nc = { rep: take(cap * 4), stage: take(cap * 4), amount: take(cap * 8), closed: take(cap * 8), rowno: take(cap * 4), hashes: take(cap * 4), plist: take(cap * 4), cap4: cap * 4 };
        ensure(top);
        u8 = new Uint8Array(memory.buffer);
        for (const [name, size] of [['rep', 4], ['stage', 4], ['amount', 8], ['closed', 8], ['rowno', 4], ['hashes', 4], ['plist', 4]]) {
          u8.copyWithin(nc[name], old[name], old[name] + (name === 'plist' ? k.nPeriod.value : n) * size);
        }
        c = nc;
        pointers();
        k.relocate(TEXTOUT, NUMOUT, c.rowno, c.hashes, c.plist, cap);
        continue;
      }
      if (st === 1) {
        // a record the kernel does not read line by line: JS's (here only skipped over and counted)
        const end = recordEnd(u8, IN + used, IN + fill, final);
        if (end >= 0) {
          hard++;
          k.skipRows(1);
          used = end - IN;
          continue;
        }
        if (final) throw new Error('unclosed quote at the end');
        break;
      }
      throw new Error(`kernel status ${st}`);
    }
    k.keepKey();
    u8.copyWithin(IN, IN + used, IN + fill);
    fill -= used;
    k.base.value += used;
    if (final && fill === 0) break;
    if (final && st === 0) throw new Error(`left ${fill} bytes`);
    if (fill > IN_CAP - CHUNK) throw new Error('record longer than 1 MB');
  }
  closeSync(fd);
  return { c, n: k.n.value, rows: k.row.value, declines: k.nDecl.value, hard, periodRows: k.nPeriod.value };
}

/** End of a quoted record (kpi's slowRecord: "" inside quotes, a lone CR ends it); -1 when incomplete. */
function recordEnd(u8, p, end, final) {
  let inq = false;
  for (; p < end; p++) {
    const b = u8[p];
    if (inq) {
      if (b === 34) {
        if (p + 1 < end && u8[p + 1] === 34) p++;
        else inq = false;
      }
    } else if (b === 34) inq = true;
    else if (b === 10) return p + 1;
    else if (b === 13) return u8[p + 1] === 10 ? p + 2 : p + 1;
  }
  return final ? end : -1;
}

/** The texts of slot t's codes (index = code), from the pool. */
function texts(t) {
  const u8 = new Uint8Array(memory.buffer);
  const dv = new DataView(memory.buffer);
  const out = [null];
  for (let code = 1; code <= k.codes(t); code++) {
    const e = CODES + (t * MAXCODES + code) * 8;
    const at = POOL + dv.getInt32(e, true);
    out.push(Buffer.from(u8.buffer, at, dv.getInt32(e + 4, true)).toString('latin1'));
  }
  return out;
}

/** Per rep: Won amounts closed in the period (cents) and their rows. */
function score(r) {
  const buf = memory.buffer;
  const rep = new Int32Array(buf, r.c.rep, r.n);
  const stage = new Int32Array(buf, r.c.stage, r.n);
  const amount = new Float64Array(buf, r.c.amount, r.n);
  const plist = new Int32Array(buf, r.c.plist, r.periodRows);
  const stages = texts(1);
  const won = stages.indexOf('Won');
  const sum = new Float64Array(k.codes(0) + 1);
  const rows = new Int32Array(k.codes(0) + 1);
  for (let j = 0; j < plist.length; j++) {
    const i = plist[j];
    if (stage[i] !== won) continue;
    sum[rep[i]] += amount[i];
    rows[rep[i]]++;
  }
  return { sum, rows, reps: texts(0) };
}

// ---- kpi's JS read (as bench/read-alternate.mjs), for same-minute pairs ------------------------------------
let jsRead = null;
if (build !== undefined) {
  const load = (p) => import(pathToFileURL(resolve(build, 'dist', p)).href);
  const { RowSink } = await load('reading/row-sink.js');
  const { CsvTokenizer } = await load('reading/csv-tokenizer.js');
  const { loadScheme } = await load('scheme/load.js');
  const { narrowedToUse } = await load('core/columns-used.js');
  const { model } = await loadScheme(schemeFile);
  const source = model.sources.find((s) => s.name === 'sales');
  const spec = narrowedToUse(model, source);
  const bytes = readFileSync(file);
  const chunks = [];
  const decoder = new TextDecoder();
  for (let at = 0; at < bytes.length; ) {
    let end = Math.min(bytes.length, at + 64 * 1024);
    if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
    chunks.push(decoder.decode(bytes.subarray(at, end)));
    at = end;
  }
  jsRead = () => {
    const sink = new RowSink(spec, { minorUnit: model.currency.minorUnit, currency: model.currency });
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
    return { table: sink.finish(), issues: sink.issues };
  };
}

// ---- rounds: the generic kernel (g), the specialised one (f) and kpi's JS read (j), alternating ------------------
const rounds = Number(roundsArg);
const ms = { g: [], f: [], j: [] };
const sms = [];
let last;
const first = [];
const variants = jsRead === null ? ['g', 'f'] : ['g', 'f', 'j'];
for (let round = 0; round < rounds; round++) {
  for (let v = 0; v < variants.length; v++) {
    const which = variants[(v + round) % variants.length];
    if (which === 'j') {
      const t = cpuMs();
      const r = jsRead();
      ms.j.push(cpuMs() - t);
      if (round === 0) last = { ...last, js: r };
    } else {
      const t = cpuMs();
      const w = now();
      const r = readKernel(which === 'f');
      const took = cpuMs() - t;
      ms[which].push(took);
      if (first.length < 4) first.push({ which, cpu: took, wall: now() - w });
      const t2 = cpuMs();
      const s = score(r);
      sms.push(cpuMs() - t2);
      last = { ...last, r, s };
    }
  }
}
if (rounds > 0) report();
function report() {
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const q = (xs) => { const s = [...xs].sort((a, b) => a - b); return `median ${s[s.length >> 1].toFixed(0)} (q1 ${s[Math.floor(s.length / 4)].toFixed(0)}, q3 ${s[Math.floor((3 * s.length) / 4)].toFixed(0)}, min ${s[0].toFixed(0)})`; };
console.log(`wasm ${wasmBytes.length} bytes: compile cpu ${compileMs.cpu.toFixed(2)} ms (wall ${compileMs.wall.toFixed(2)}), instantiate ${instMs.cpu.toFixed(2)} ms`);
console.log(`kernel first reads cpu: ${first.map((f) => `${f.which} ${f.cpu.toFixed(0)}`).join(', ')} ms`);
console.log(`kernel read: rows ${last.r.rows}, committed ${last.r.n}, declined ${last.r.declines}, hard ${last.r.hard}, in period ${last.r.periodRows}, ordered ${k.ordered.value}, dotRow ${k.dotRow.value}`);
for (const v of variants) console.log(`${{ g: 'kernel generic', f: 'kernel specialised', j: 'kpi JS read (decoded text)' }[v]} cpu ms: ${q(ms[v])}`);
console.log(`score over the kernel's columns: median ${median(sms).toFixed(2)} ms`);
if (ms.j.length > 0) {
  for (const v of ['g', 'f']) {
    const ratios = ms[v].map((x, i) => x / ms.j[i]);
    console.log(`${v} ÷ JS per round: median ${median(ratios).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}, n ${ratios.length}`);
  }
}
}
export { last, readKernel, score, texts, k, memory, KEYBUF, IN, DECL, CAP_DECL, jsRead };
