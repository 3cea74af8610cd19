// The CSV read's WebAssembly kernel (AssemblyScript; built by `npm run build` into dist/csv-kernel.wasm, driven by
// src/reading/csv-kernel.ts, whose comments and docs/kernel-api.md say what each result means). It keeps a line only
// where RowSink.csvLine would keep it, storing what csvLine stores; it stops at any other line, for JS to read.
// One instance per kernel: its memory is laid out once by init() (fresh pages: zeros, nothing filled) and never grows.

const SKIP: i32 = 0;
const KEY: i32 = 1;
const TEXT: i32 = 2;
const CASH: i32 = 3;
const REQUIRED: i32 = 8; // in ACTS beside the kind: a blank declines the line

const STOP_DONE: i32 = 0;
const STOP_DECLINED: i32 = 1;
const STOP_SPANS: i32 = 2;
const STOP_FULL: i32 = 3;

// Byte classes (CLASS): the structural bytes the SIMD search finds.
const PLAIN: i32 = 0;
const DELIM: i32 = 1;
const LF: i32 = 2;
const CR: i32 = 3;
const QUOTE: i32 = 4;

/** The interning table: 2^18 slots of 16 bytes, at most half full: u64 key (a text of up to 8 bytes itself, else its
 *  FNV-1a), u32 text index << 20 | length, u32 the code (up to 8 bytes) or entry + 1 (0: an empty slot). */
const HBITS: i32 = 18;
const HSLOTS: i32 = 1 << HBITS;
/** Texts interned in all (ENT: u32 pool offset, i32 length, i32 header field, i32 code), and their bytes. */
export const MAX_TEXTS: i32 = 1 << 17;
export const POOL_BYTES: i32 = 4 << 20;
/** Past the input: the sentinel LF and the 64 bytes the last SIMD load may read. */
const PAD: i32 = 128;

// ---- layout (init) ------------------------------------------------------------------------------------------------
export let IN: usize = 0; // the input area: chunk bytes + PAD
let CLASS: usize = 0; // 256 bytes
let MONTHS: usize = 0; // 1900-01 … 2299-12: i32 first day number, i32 days
export let ACTS: usize = 0; // per header field: u8 kind | REQUIRED
let OUTP: usize = 0; // per header field: its output column (i32 codes or f64 numbers, capRows long), 0 for none
let TSLOT: usize = 0; // per header field: its text index (TEXT), or its money index (CASH)
let CODEN: usize = 0; // per text index: codes given
let PEND: usize = 0; // the line's texts waiting to be interned: (i32 field, u32 start, i32 length)
let DOTS: usize = 0; // the line's money values with a point: (i32 money index, u32 start, u32 end)
export let FP: usize = 0; // per money index: (i32 kept row or -1, i32 record, u32 start, u32 end): firstPoint
let CASHF: usize = 0; // per money index: its header field
let HT: usize = 0;
let ENT: usize = 0;
let POOL: usize = 0;
export let ROWNO: usize = 0;
export let HASHES: usize = 0;
export let PLIST: usize = 0;
export let RES: usize = 0; // the run's results, i32 each: see run()

let nFields: i32 = 0;
let nTexts: i32 = 0;
let nCash: i32 = 0;
let capRows: i32 = 0;
let POINT: i32 = 46;
let GROUP: i32 = 44;
let SYM: i32 = -1;
let SCALE: i32 = 2;
let DECLARED: bool = false;
let pOut: usize = 0; // the period's day column, 0: none
let pFirst: f64 = 0;
let pLast: f64 = 0;
export let nEnt: i32 = 0;
let OUTP_BASE: usize = 0; // where the read fields' output columns start (prepare)
let DELIM_BYTE: i32 = 44;
let poolLen: i32 = 0;

/** The memory up to `top` (fresh pages: zeros). */
function grow(top: usize): void {
  const pages = <i32>((top + 0xffff) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
}

@inline function align(at: usize): usize {
  return (at + 63) & ~(<usize>63);
}

/**
 * Lays the memory out for `fields` header fields and runs of at most `chunk` bytes; returns ACTS, where JS writes the
 * fields' acts (u8 kind | 8 for required) before calling prepare().
 */
export function init(fields: i32, chunk: i32, delim: i32, point: i32, group: i32, symbol: i32, scale: i32, declared: i32): usize {
  nFields = fields;
  POINT = point;
  GROUP = group;
  SYM = symbol > 0x7e ? -1 : symbol; // a symbol beyond ASCII: its UTF-8 bytes are no digit, the value declines
  SCALE = scale;
  DECLARED = declared != 0;
  // A kept row takes at least fields + 1 bytes (separators, a value, LF), the file's last one fields bytes.
  capRows = chunk / (fields + 1) + 2;
  const f = <usize>fields;
  const cap = <usize>capRows;
  let at = align(__heap_base);
  IN = at;
  at = align(at + <usize>chunk + PAD);
  CLASS = at;
  at += 256;
  MONTHS = at;
  at += 4800 * 8;
  ACTS = at;
  at = align(at + f);
  OUTP = at;
  at += f << 2;
  TSLOT = at;
  at += f << 2;
  CODEN = at;
  at += f << 2;
  PEND = at;
  at += f * 12;
  DOTS = at;
  at += f * 12;
  FP = at;
  at += f << 4;
  CASHF = at;
  at = align(at + (f << 2));
  HT = at;
  at += <usize>HSLOTS << 4;
  ENT = at;
  at += <usize>MAX_TEXTS << 4;
  POOL = at;
  at = align(at + <usize>POOL_BYTES);
  ROWNO = at;
  at = align(at + (cap << 2));
  HASHES = at;
  at = align(at + (cap << 2));
  PLIST = at;
  at = align(at + (cap << 2));
  RES = at;
  at += 64;
  OUTP_BASE = at; // the read fields' output columns follow (prepare)
  grow(at);
  store<u8>(CLASS + <usize>delim, <u8>DELIM);
  store<u8>(CLASS + 10, <u8>LF);
  store<u8>(CLASS + 13, <u8>CR);
  store<u8>(CLASS + 34, <u8>QUOTE);
  DELIM_BYTE = delim;
  for (let k = 0; k < 4800; k++) {
    const y = 1900 + k / 12;
    const m = (k % 12) + 1;
    store<i32>(MONTHS + (<usize>k << 3), civil(y, m, 1));
    store<i32>(MONTHS + (<usize>k << 3), daysInMonth(y, m), 4);
  }
  return ACTS;
}

/**
 * Once the acts are written: each read field's output column, the period. Returns 0, or 1 when more than one field
 * is the key, 2 when there are more text fields than the table can tell apart (4096).
 */
export function prepare(periodField: i32, first: f64, last: f64): i32 {
  let keys = 0;
  const cap = <usize>capRows;
  let at = OUTP_BASE;
  for (let f = 0; f < nFields; f++) {
    const kind = <i32>load<u8>(ACTS + <usize>f) & 7;
    // a text's codes (i32) or a number (f64) per row
    const bytes: usize = kind == TEXT ? cap << 2 : kind >= CASH ? cap << 3 : 0;
    store<usize>(OUTP + (<usize>f << 2), bytes > 0 ? at : 0);
    at = align(at + bytes);
    if (kind == KEY) keys++;
    else if (kind == TEXT) store<i32>(TSLOT + (<usize>f << 2), nTexts++);
    else if (kind == CASH) {
      store<i32>(CASHF + (<usize>nCash << 2), f);
      store<i32>(TSLOT + (<usize>f << 2), nCash++);
    }
  }
  grow(at);
  if (keys > 1) return 1;
  if (nTexts > 4095) return 2;
  if (periodField >= 0) {
    pOut = load<usize>(OUTP + (<usize>periodField << 2));
    pFirst = first;
    pLast = last;
  }
  return 0;
}

/** A field's output column (an offset into memory), 0 when it has none. */
export function outputOf(field: i32): usize {
  return load<usize>(OUTP + (<usize>field << 2));
}

/** The g-th text interned: its entry (u32 pool offset, i32 length, i32 header field, i32 code); JS reads the pool. */
export function entryOf(g: i32): usize {
  return ENT + (<usize>g << 4);
}
export function poolAt(): usize {
  return POOL;
}
export function codeCount(field: i32): i32 {
  return load<i32>(CODEN + (<usize>load<i32>(TSLOT + (<usize>field << 2)) << 2));
}

// ---- values -------------------------------------------------------------------------------------------------------

function civil(y: i32, m: i32, d: i32): i32 {
  // H. Hinnant's days_from_civil (values.ts daysFromCivil), for years ≥ 1: the divisions are floors
  const yy = m <= 2 ? y - 1 : y;
  const era = yy / 400;
  const yoe = yy - era * 400;
  const doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

@inline function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** A money value had the decimal point (set by money()). */
let sawPoint: bool = false;

/** values.ts plainMoney on bytes [s, e) (not empty), with init's settings. NaN: JS reads the line. */
@inline function money(s: usize, e: usize): f64 {
  let i = s;
  let last = e - 1;
  let neg = false;
  if (load<u8>(i) == 40) {
    if (load<u8>(last) != 41) return NaN;
    neg = true;
    i++;
    last--;
  }
  // (JS reads one character past the value where i > last: no outcome changes, no digit follows.)
  if (i <= last && load<u8>(i) == 45) {
    if (neg) return NaN;
    neg = true;
    i++;
  }
  if (i <= last && <i32>load<u8>(i) == SYM) i++;
  let acc: i64 = 0;
  let digits: i32 = 0;
  let frac: i32 = -1;
  let run: i32 = -1;
  let grouped = false;
  for (; i <= last; i++) {
    const c = <i32>load<u8>(i);
    const d = c - 48;
    if (<u32>d <= 9) {
      acc = acc * 10 + d;
      digits++;
      if (frac >= 0) frac++;
      else if (run >= 0) run++;
    } else if (c == POINT && frac < 0 && digits > 0) {
      if (grouped && run != 3) return NaN;
      frac = 0;
    } else if (c == GROUP && frac < 0) {
      if (grouped ? run != 3 : digits == 0 || digits > 3 || load<u8>(i - <usize>digits) == 48) return NaN;
      grouped = true;
      run = 0;
    } else return NaN;
  }
  if (digits == 0 || digits > 15 || frac == 0 || frac > SCALE) return NaN;
  if (grouped && frac < 0 && (run != 3 || !DECLARED)) return NaN;
  if (!DECLARED && frac == 3) return NaN;
  const n = <f64>acc * pow10(SCALE - (frac > 0 ? frac : 0));
  if (!(n <= 9007199254740991)) return NaN;
  sawPoint = frac >= 0;
  return neg && n != 0 ? -n : n;
}

@inline function pow10(k: i32): f64 {
  let p: f64 = 1;
  for (let j = 0; j < k; j++) p *= 10;
  return p;
}

/** c - 48 is a digit's value (unsigned: a byte below '0' is large). Not (a | b | …) <= 9: 2 | 9 is 11. */
@inline function digit(d: i32): bool {
  return <u32>d <= 9;
}

/** values.ts isoDayFast on bytes: yyyy-mm-dd by table, yyyy-m-d / yyyy/m/d / yyyy.m.d by loop. NaN: JS reads it. */
@inline function day(s: usize, e: usize): f64 {
  const len = <i32>(e - s);
  if (len == 10 && load<u8>(s + 4) == 45 && load<u8>(s + 7) == 45) {
    const y0 = <i32>load<u8>(s) - 48;
    const y1 = <i32>load<u8>(s + 1) - 48;
    const y2 = <i32>load<u8>(s + 2) - 48;
    const y3 = <i32>load<u8>(s + 3) - 48;
    const m0 = <i32>load<u8>(s + 5) - 48;
    const m1 = <i32>load<u8>(s + 6) - 48;
    const d0 = <i32>load<u8>(s + 8) - 48;
    const d1 = <i32>load<u8>(s + 9) - 48;
    if (digit(y0) & digit(y1) & digit(y2) & digit(y3) & digit(m0) & digit(m1) & digit(d0) & digit(d1)) {
      const m = m0 * 10 + m1;
      const at = (y0 * 1000 + y1 * 100 + y2 * 10 + y3 - 1900) * 12 + m - 1;
      const d = d0 * 10 + d1;
      if (m >= 1 && m <= 12 && at >= 0 && at < 4800 && d >= 1 && d <= load<i32>(MONTHS + (<usize>at << 3), 4)) {
        return <f64>(load<i32>(MONTHS + (<usize>at << 3)) + d - 1);
      }
    }
  }
  if (len < 8 || len > 10) return NaN;
  const y0 = <i32>load<u8>(s) - 48;
  const y1 = <i32>load<u8>(s + 1) - 48;
  const y2 = <i32>load<u8>(s + 2) - 48;
  const y3 = <i32>load<u8>(s + 3) - 48;
  if (!(digit(y0) & digit(y1) & digit(y2) & digit(y3))) return NaN;
  const sep = <i32>load<u8>(s + 4);
  const dash = sep == 45;
  if (!dash && sep != 47 && sep != 46) return NaN;
  let i = s + 5;
  let m: i32 = 0;
  let digits: i32 = 0;
  for (; i < e && digits < 3; i++) {
    const c = <i32>load<u8>(i) - 48;
    if (<u32>c > 9) break;
    m = m * 10 + c;
    digits++;
  }
  if (digits == 0 || digits > 2 || i >= e) return NaN;
  const sep2 = <i32>load<u8>(i);
  if (dash ? sep2 != 45 : sep2 != 47 && sep2 != 46) return NaN;
  let d: i32 = 0;
  digits = 0;
  for (i++; i < e; i++) {
    const c = <i32>load<u8>(i) - 48;
    if (<u32>c > 9) return NaN;
    d = d * 10 + c;
    digits++;
  }
  if (digits == 0 || digits > 2) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN; // JS reports it (KPI2121)
  return <f64>civil(y, m, d);
}

/** A text csvLine stores as it is: first and last byte above space, every byte 0x01–0x7e (non-ASCII, DEL and NUL: JS). */
@inline function plain(s: usize, e: usize): bool {
  if (load<u8>(s) <= 32 || load<u8>(e - 1) <= 32) return false;
  for (let i = s; i < e; i++) if (<u32>load<u8>(i) - 1 >= 0x7e) return false;
  return true;
}

/** The code of a text of up to 8 bytes already interned in text index t, 0 if it is new. */
@inline function known(t: i32, s: usize, len: i32): i32 {
  let key = load<u64>(s);
  if (len < 8) key &= (<u64>1 << (<u64>len << 3)) - 1;
  const lt = (<u32>t << 20) | <u32>len;
  let i = <i32>(((key ^ (<u64>lt << 29)) * 0x9e3779b97f4a7c15) >> (64 - HBITS));
  let slot = HT + (<usize>i << 4);
  let v = load<i32>(slot, 12);
  while (v != 0 && (load<u64>(slot) != key || load<u32>(slot, 8) != lt)) {
    i = (i + 1) & (HSLOTS - 1);
    slot = HT + (<usize>i << 4);
    v = load<i32>(slot, 12);
  }
  return v;
}

/** Text field `f` (text index t)'s code for bytes [s, s + len), a new one given (there is room: run checked). */
function intern(t: i32, f: i32, s: usize, len: i32): i32 {
  let key: u64;
  if (len <= 8) {
    key = load<u64>(s); // the input is padded: the bytes past the text are masked off
    if (len < 8) key &= (<u64>1 << (<u64>len << 3)) - 1;
  } else {
    key = 0xcbf29ce484222325;
    for (let i = 0; i < len; i++) key = (key ^ <u64>load<u8>(s + <usize>i)) * 0x100000001b3;
  }
  const lt = (<u32>t << 20) | (<u32>len & 0xfffff);
  let i = <i32>(((key ^ (<u64>lt << 29)) * 0x9e3779b97f4a7c15) >> (64 - HBITS));
  for (;;) {
    const slot = HT + (<usize>i << 4);
    const v = load<i32>(slot, 12);
    if (v == 0) break;
    if (load<u64>(slot) == key && load<u32>(slot, 8) == lt) {
      if (len <= 8) return v; // the text is its key: the slot holds its code
      const ent = ENT + (<usize>(v - 1) << 4);
      if (load<i32>(ent, 4) == len && memory.compare(POOL + <usize>load<u32>(ent), s, <usize>len) == 0) return load<i32>(ent, 12);
    }
    i = (i + 1) & (HSLOTS - 1);
  }
  const counter = CODEN + (<usize>t << 2);
  const code = load<i32>(counter) + 1;
  store<i32>(counter, code);
  const g = nEnt++;
  const slot = HT + (<usize>i << 4);
  store<u64>(slot, key);
  store<u32>(slot, lt, 8);
  store<i32>(slot, len <= 8 ? code : g + 1, 12);
  const ent = ENT + (<usize>g << 4);
  store<u32>(ent, <u32>poolLen);
  store<i32>(ent, len, 4);
  store<i32>(ent, f, 8);
  store<i32>(ent, code, 12);
  memory.copy(POOL + <usize>poolLen, s, <usize>len);
  poolLen += len;
  return code;
}

// ---- the structural search ----------------------------------------------------------------------------------------

// The structural bytes (separator, LF, CR, ") of the 64 bytes from mBase, one bit each.
let mBase: usize = 0;
let mBits: u64 = 0;

@inline function block(b: usize): u64 {
  const S = i8x16.splat(<i8>DELIM_BYTE);
  const L = i8x16.splat(10);
  const R = i8x16.splat(13);
  const Q = i8x16.splat(34);
  const v0 = v128.load(b);
  const v1 = v128.load(b, 16);
  const v2 = v128.load(b, 32);
  const v3 = v128.load(b, 48);
  const m0 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v0, S), i8x16.eq(v0, L)), v128.or(i8x16.eq(v0, R), i8x16.eq(v0, Q))));
  const m1 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v1, S), i8x16.eq(v1, L)), v128.or(i8x16.eq(v1, R), i8x16.eq(v1, Q))));
  const m2 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v2, S), i8x16.eq(v2, L)), v128.or(i8x16.eq(v2, R), i8x16.eq(v2, Q))));
  const m3 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v3, S), i8x16.eq(v3, L)), v128.or(i8x16.eq(v3, R), i8x16.eq(v3, Q))));
  return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
}

/** The first structural byte at or after p (≤ the sentinel LF, which stops every search). */
@inline function seek(p: usize): usize {
  const off = p - mBase;
  if (off < 64) {
    const m = mBits >> <u64>off;
    if (m != 0) return p + <usize>ctz(m);
    p = mBase + 64;
  }
  let m = block(p);
  while (m == 0) {
    p += 64;
    m = block(p);
  }
  mBase = p;
  mBits = m;
  return p + <usize>ctz(m);
}

@inline function cls(p: usize): i32 {
  return <i32>load<u8>(CLASS + <usize>load<u8>(p));
}

// ---- the lines ----------------------------------------------------------------------------------------------------

/**
 * Reads the lines of IN[from, len) (see csv-kernel.ts run). Results in RES (i32): stop, end, lineEnd, next, records,
 * rows, period rows, keyBreak, first key's start and length (-1: none), last key's start and length.
 */
export function run(from: i32, len: i32, final: i32, rowBefore: i32): void {
  const end = IN + <usize>len;
  const after = load<u8>(end); // the input's byte there, put back at the end: the read may have written past len
  store<u8>(end, 10); // the sentinel
  const fin = final != 0;
  let p = IN + <usize>from;
  mBase = 0;
  mBits = 0;
  let records: i32 = 0;
  let rows: i32 = 0;
  let nPer: i32 = 0;
  let keyBreak: i32 = -1;
  let firstS: usize = 0;
  let firstLen: i32 = -1;
  let prevS: usize = 0;
  let prevLen: i32 = -1;
  for (let m = 0; m < nCash; m++) store<i32>(FP + (<usize>m << 4), -1);
  let stop = STOP_DONE;
  let stopAt = end;
  let declEnd = end;
  let declNext = end;
  while (p < end) {
    const lineStart = p;
    let ok = true;
    let any = false;
    let texts: i32 = 0;
    let dots: i32 = 0;
    let keyS: usize = 0;
    let keyLen: i32 = 0;
    let keyHash: i32 = 0;
    let keyCmp: i32 = 0;
    let code: i32 = 0;
    let f: i32 = 0;
    let lineEnd: usize = 0;
    let next: usize = 0;
    let incomplete = false;
    let spans = false;
    for (;; f++) {
      // One field: its value [s, e), then p at the separator, LF or CR after it.
      let s = p;
      let e: usize;
      p = seek(p);
      let c = cls(p);
      if (c == QUOTE && p == s) {
        // Quoted: read in place when no "" is inside and nothing but a separator or the line end follows.
        s = p + 1;
        let q = seek(s);
        for (;;) {
          const k = cls(q);
          if (k == QUOTE) {
            if (load<u8>(q + 1) != 34) break;
            ok = false; // "" inside: JS's
            q = seek(q + 2);
            continue;
          }
          if (k == LF) {
            // an LF inside quotes: the record may span lines (or, at the input's end, is not all here yet)
            if (q == end && !fin) incomplete = true;
            else spans = true;
            break;
          }
          if (k == CR) ok = false; // a CR inside quotes: one record, JS's
          q = seek(q + 1);
        }
        if (incomplete || spans) break;
        e = q;
        p = q + 1;
        c = cls(p);
        if (c == PLAIN || c == QUOTE) {
          ok = false; // text after the closing quote (kept by the tokenizer, as Excel does): JS's
          while (c == PLAIN || c == QUOTE) {
            p = seek(c == PLAIN ? p : p + 1);
            c = cls(p);
          }
        }
      } else {
        e = p;
        if (c == QUOTE) {
          ok = false; // a quote inside an unquoted field: literal, JS's
          while (c == QUOTE) {
            p = seek(p + 1);
            c = cls(p);
          }
        }
      }
      if (f >= nFields) ok = false;
      else if (ok) {
        const a = <i32>load<u8>(ACTS + <usize>f);
        const kind = a & 7;
        if (kind != SKIP) {
          const out = load<usize>(OUTP + (<usize>f << 2));
          if (e == s) {
            // a blank, as csvLine stores it; the rep's or the date's is JS's to report
            if (a & REQUIRED) ok = false;
            else if (kind == TEXT) store<i32>(out + (<usize>rows << 2), 0);
            else if (kind >= CASH) store<f64>(out + (<usize>rows << 3), NaN);
          } else if (kind == TEXT) {
            if (!plain(s, e)) ok = false;
            else if (e - s <= 8 && (code = known(load<i32>(TSLOT + (<usize>f << 2)), s, <i32>(e - s))) != 0) {
              store<i32>(out + (<usize>rows << 2), code); // a text seen before: nothing to intern
              any = true;
            } else {
              // interned once the line is known to be kept
              const t = PEND + <usize>texts * 12;
              store<i32>(t, f);
              store<u32>(t, <u32>(s - IN), 4);
              store<i32>(t, <i32>(e - s), 8);
              texts++;
              any = true;
            }
          } else if (kind == KEY) {
            if (load<u8>(s) <= 32 || load<u8>(e - 1) <= 32) ok = false;
            else {
              // hashed and, while the run's keys are in order, compared with the last kept one (bytes: = UTF-16 order)
              let h: u32 = 0x811c9dc5;
              let cmp: i32 = 0;
              const len = <i32>(e - s);
              const shorter = keyBreak < 0 && prevLen >= 0 ? (len < prevLen ? len : prevLen) : 0;
              for (let i = 0; i < len; i++) {
                const b = <u32>load<u8>(s + <usize>i);
                if (b - 1 >= 0x7e) {
                  ok = false;
                  break;
                }
                h = (h ^ b) * 0x01000193;
                if (cmp == 0 && i < shorter) cmp = <i32>b - <i32>load<u8>(prevS + <usize>i);
              }
              keyS = s;
              keyLen = len;
              keyHash = <i32>(h | 1);
              keyCmp = cmp != 0 ? cmp : len - prevLen;
              any = true;
            }
          } else if (kind == CASH) {
            sawPoint = false;
            const v = money(s, e);
            if (v != v) ok = false;
            else {
              store<f64>(out + (<usize>rows << 3), v);
              if (sawPoint) {
                const m = load<i32>(TSLOT + (<usize>f << 2));
                if (load<i32>(FP + (<usize>m << 4)) < 0) {
                  const d = DOTS + <usize>dots * 12;
                  store<i32>(d, m);
                  store<u32>(d, <u32>(s - IN), 4);
                  store<u32>(d, <u32>(e - IN), 8);
                  dots++;
                }
              }
              any = true;
            }
          } else {
            const v = day(s, e);
            if (v != v) ok = false;
            else {
              store<f64>(out + (<usize>rows << 3), v);
              any = true;
            }
          }
        }
      }
      if (c == DELIM) {
        p++;
        continue;
      }
      if (c == LF) {
        if (p == end) {
          // the input's end: the file's last line (no LF), or the rest of the line is still to come
          if (!fin) incomplete = true;
          lineEnd = p;
          next = p;
        } else {
          lineEnd = p;
          next = p + 1;
        }
        break;
      }
      // CR: a line's end only before LF; a lone CR ends a record in the tokenizer's reading: JS's
      if (p + 1 < end && load<u8>(p + 1) == 10) {
        lineEnd = p;
        next = p + 2;
      } else if (p + 1 == end && !fin) incomplete = true;
      else spans = true;
      break;
    }
    if (incomplete) {
      stopAt = lineStart; // [lineStart, len) waits for the next run
      break;
    }
    if (spans) {
      stop = STOP_SPANS;
      stopAt = lineStart;
      break;
    }
    if (lineEnd == lineStart) {
      // an empty line: a record with nothing to keep
      records++;
      p = next;
      continue;
    }
    // The file's last line ending in Ctrl-Z (0x1a): the tokenizer drops that byte, JS reads it.
    if (!ok || f != nFields - 1 || !any || (fin && lineEnd == end && next == end && load<u8>(end - 1) == 0x1a)) {
      stop = STOP_DECLINED;
      stopAt = lineStart;
      declEnd = lineEnd;
      declNext = next;
      break;
    }
    if (texts > 0) {
      // Room for every text of the line, or none interned: a table is full.
      let bytes: i32 = 0;
      for (let t = 0; t < texts; t++) bytes += load<i32>(PEND + <usize>t * 12, 8);
      if (nEnt + texts > MAX_TEXTS || poolLen + bytes > POOL_BYTES) {
        stop = STOP_FULL;
        stopAt = lineStart;
        break;
      }
      for (let t = 0; t < texts; t++) {
        const pt = PEND + <usize>t * 12;
        const tf = load<i32>(pt);
        const given = intern(load<i32>(TSLOT + (<usize>tf << 2)), tf, IN + <usize>load<u32>(pt, 4), load<i32>(pt, 8));
        store<i32>(load<usize>(OUTP + (<usize>tf << 2)) + (<usize>rows << 2), given);
      }
    }
    store<i32>(HASHES + (<usize>rows << 2), keyLen > 0 ? keyHash : 0);
    if (keyLen > 0) {
      if (prevLen < 0) {
        firstS = keyS;
        firstLen = keyLen;
      } else if (keyBreak < 0 && keyCmp <= 0) keyBreak = rows; // not above the last key: the order breaks here
      prevS = keyS;
      prevLen = keyLen;
    }
    for (let d = 0; d < dots; d++) {
      const pd = DOTS + <usize>d * 12;
      const fp = FP + (<usize>load<i32>(pd) << 4);
      if (load<i32>(fp) < 0) {
        store<i32>(fp, rows);
        store<i32>(fp, rowBefore + records + 1, 4);
        store<u32>(fp, load<u32>(pd, 4), 8);
        store<u32>(fp, load<u32>(pd, 8), 12);
      }
    }
    store<i32>(ROWNO + (<usize>rows << 2), rowBefore + records + 1);
    if (pOut != 0) {
      const d = load<f64>(pOut + (<usize>rows << 3));
      store<i32>(PLIST + (<usize>nPer << 2), rows);
      nPer += <i32>(d >= pFirst) & <i32>(d <= pLast);
    }
    records++;
    rows++;
    if (rows == capRows) unreachable(); // cannot be: capRows bounds the rows of a chunk
    p = next;
  }
  store<u8>(end, after);
  store<i32>(RES, stop);
  store<i32>(RES, <i32>(stopAt - IN), 4);
  store<i32>(RES, <i32>(declEnd - IN), 8);
  store<i32>(RES, <i32>(declNext - IN), 12);
  store<i32>(RES, records, 16);
  store<i32>(RES, rows, 20);
  store<i32>(RES, nPer, 24);
  store<i32>(RES, keyBreak, 28);
  store<i32>(RES, <i32>(firstS - IN), 32);
  store<i32>(RES, firstLen, 36);
  store<i32>(RES, <i32>(prevS - IN), 40);
  store<i32>(RES, prevLen, 44);
}
