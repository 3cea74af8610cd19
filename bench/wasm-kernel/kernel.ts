// Prototype CSV row kernel (issue 14 experiment): kpi's RowSink.csvLine fast path, on bytes, in wasm.
// Every line is a row (numbered as kpi does). A row is committed when every mapped value takes its fast path;
// otherwise it is declined: (row, file start, file end) listed for JS's general path. A line whose record may not end
// at its LF (a quote left open, a lone CR) stops the kernel (status HARD): JS reads that record and resumes.

// ---- layout, set by setup() -----------------------------------------------------------------------------------
let IN: usize = 0; // input bytes; a sentinel LF is written at IN[len]
let CLASS: usize = 0; // 256 bytes: 0 plain, 1 delim, 2 LF, 3 CR, 4 quote
let ACTS: usize = 0; // per header field: i32 kind | slot << 4 | REQUIRED
let MONTHS: usize = 0; // (1900..2299)*12 entries: i32 first day number, i32 days in month
let KEYBUF: usize = 0; // the last key, copied out of IN between runs (256 bytes)
let TAB: usize = 0; // text tables: TSLOTS slots × 16 bytes per text slot
let POOL: usize = 0; // bytes of every interned text
let CODES: usize = 0; // per text slot: MAXCODES × (i32 pool offset, i32 length)
let TEXTOUT: usize = 0; // 4 pointers: i32 code per row
let NUMOUT: usize = 0; // 4 pointers: f64 per row
let ROWNO: usize = 0; // i32 row number per committed row
let HASHES: usize = 0; // i32 key hash per committed row
let PLIST: usize = 0; // i32 committed-row index per row dated in the period
let DECL: usize = 0; // declines: (i32 row, f64 file start, f64 file end) = 20 bytes each
let capRows: i32 = 0;
let capDecl: i32 = 0;
let poolCap: i32 = 0;

const TBITS: i32 = 17;
const TSLOTS: i32 = 1 << TBITS;
const MAXCODES: i32 = 65536;

const SKIP: i32 = 0;
const KEY: i32 = 1;
const TEXT: i32 = 2;
const CASH: i32 = 3;
const DAY: i32 = 4;
const REQUIRED: i32 = 0x100; // a blank here declines (the rep, the date: endRow reports them)

// ---- state --------------------------------------------------------------------------------------------------
let nFields: i32 = 0;
let dateSlot: i32 = -1;
let pStart: f64 = 0;
let pEnd: f64 = 0;
export let n: i32 = 0; // rows committed
export let row: i32 = 0; // rows seen (the last row's number)
export let nDecl: i32 = 0;
export let nPeriod: i32 = 0;
export let status: i32 = 0; // 0 ok, 1 HARD (record at `stopAt` is JS's), 2 FULL (rows or declines), 3 TOO MANY TEXTS
export let stopAt: i32 = 0;
export let base: f64 = 0; // file offset of IN[0]
export let ordered: i32 = 1;
export let breakRow: i32 = -1; // committed-row index where the order broke
export let dotRow: i32 = 0;
export let dbgA: i32 = 0;
export let dbgBuf: i32 = 0;
export let dbgB: i32 = 0;
export let dbgP: i32 = 0; // first row with a decimal point in a money column (SeparatorWatch), 0: none yet
let prevPtr: usize = 0;
let prevLen: i32 = -1; // -1: no key yet
let poolLen: i32 = 0;
const nCodes = new StaticArray<i32>(4);

export function setup(
  inPtr: usize, classPtr: usize, actsPtr: usize, fields: i32, monthsPtr: usize, keybuf: usize, tab: usize, pool: usize, pcap: i32,
  codes: usize, textout: usize, numout: usize, rowno: usize, hashes: usize, plist: usize, decl: usize, rows: i32, decls: i32,
  dslot: i32, ps: f64, pe: f64, firstRow: i32,
): void {
  IN = inPtr; CLASS = classPtr; ACTS = actsPtr; nFields = fields; MONTHS = monthsPtr; KEYBUF = keybuf; TAB = tab; POOL = pool;
  poolCap = pcap; CODES = codes; TEXTOUT = textout; NUMOUT = numout; ROWNO = rowno; HASHES = hashes; PLIST = plist;
  DECL = decl; capRows = rows; capDecl = decls; dateSlot = dslot; pStart = ps; pEnd = pe; row = firstRow;
  n = 0; nDecl = 0; nPeriod = 0; status = 0; ordered = 1; breakRow = -1; dotRow = 0; prevLen = -1; poolLen = 0;
  for (let t = 0; t < 4; t++) nCodes[t] = 0;
  memory.fill(TAB, 0, <usize>(4 * TSLOTS * 16));
}

/** Columns moved (JS grew them): new pointers and capacity. */
export function relocate(textout: usize, numout: usize, rowno: usize, hashes: usize, plist: usize, rows: i32): void {
  TEXTOUT = textout; NUMOUT = numout; ROWNO = rowno; HASHES = hashes; PLIST = plist; capRows = rows;
}
export function codes(t: i32): i32 { return nCodes[t]; }
export function poolUsed(): i32 { return poolLen; }

// ---- values -------------------------------------------------------------------------------------------------

/** kpi's plainMoney on bytes, point '.', group ',', symbol `sym`, scale 2, not declared. NaN: decline. */
@inline function money(s: usize, e: usize, sym: i32): f64 {
  let i = s;
  let last = e - 1;
  let neg = false;
  if (load<u8>(i) == 40) { // (
    if (load<u8>(last) != 41) return NaN;
    neg = true; i++; last--;
  }
  if (i <= last && load<u8>(i) == 45) { // -
    if (neg) return NaN;
    neg = true; i++;
  }
  if (i <= last && <i32>load<u8>(i) == sym) i++;
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
    } else if (c == 46 && frac < 0 && digits > 0) {
      if (grouped && run != 3) return NaN;
      frac = 0;
    } else if (c == 44 && frac < 0) {
      if (grouped ? run != 3 : digits == 0 || digits > 3 || load<u8>(i - digits) == 48) return NaN;
      grouped = true;
      run = 0;
    } else return NaN;
  }
  if (digits == 0 || digits > 15 || frac == 0 || frac > 2) return NaN;
  if (grouped && frac < 0) return NaN; // not declared: 1,500 reads two ways
  if (frac < 0) acc *= 100;
  else if (frac == 1) acc *= 10;
  const v = <f64>acc;
  return neg && acc != 0 ? -v : v;
}

@inline function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** kpi's isoDayFast on bytes: yyyy-mm-dd by table, yyyy-m-d / yyyy/m/d / yyyy.m.d by loop. NaN: decline. */
@inline function day(s: usize, e: usize): f64 {
  const len = <i32>(e - s);
  if (len == 10 && load<u8>(s + 4) == 45 && load<u8>(s + 7) == 45) {
    const y0 = <i32>load<u8>(s) - 48, y1 = <i32>load<u8>(s + 1) - 48, y2 = <i32>load<u8>(s + 2) - 48, y3 = <i32>load<u8>(s + 3) - 48;
    const m0 = <i32>load<u8>(s + 5) - 48, m1 = <i32>load<u8>(s + 6) - 48, d0 = <i32>load<u8>(s + 8) - 48, d1 = <i32>load<u8>(s + 9) - 48;
    if ((<u32>(y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1)) <= 9) {
      const m = m0 * 10 + m1;
      const at = (y0 * 1000 + y1 * 100 + y2 * 10 + y3 - 1900) * 12 + m - 1;
      const d = d0 * 10 + d1;
      if (m >= 1 && m <= 12 && at >= 0 && at < 4800 && d >= 1 && d <= load<i32>(MONTHS + (<usize>at << 3) + 4)) {
        return <f64>(load<i32>(MONTHS + (<usize>at << 3)) + d - 1);
      }
    }
  }
  if (len < 8 || len > 10) return NaN;
  const y0 = <i32>load<u8>(s) - 48, y1 = <i32>load<u8>(s + 1) - 48, y2 = <i32>load<u8>(s + 2) - 48, y3 = <i32>load<u8>(s + 3) - 48;
  if (<u32>(y0 | y1 | y2 | y3) > 9) return NaN;
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
  if (y < 2300) return <f64>(load<i32>(MONTHS + (<usize>((y - 1900) * 12 + m - 1) << 3)) + d - 1);
  const yy = m <= 2 ? y - 1 : y; // days_from_civil
  const era = yy / 400;
  const yoe = yy - era * 400;
  const doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
  return <f64>(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468);
}

/** Plain text as kpi stores it straight (bytes 0x01..0x7e, first and last above space); non-ASCII is JS's. */
@inline function plain(s: usize, e: usize): bool {
  if (load<u8>(s) <= 32 || load<u8>(e - 1) <= 32) return false;
  for (let i = s; i < e; i++) if (load<u8>(i) >= 0x7f) return false;
  return true;
}

/** The text's code in slot t (≥ 1), new texts added to the pool; -1 when the slot is full (kpi would switch to strings). */
function intern(t: i32, s: usize, len: i32): i32 {
  let key: u64;
  if (len <= 8) {
    key = load<u64>(s);
    if (len < 8) key &= (<u64>1 << (<u64>len << 3)) - 1;
  } else {
    key = 0xcbf29ce484222325;
    for (let i = 0; i < len; i++) key = (key ^ <u64>load<u8>(s + i)) * 0x100000001b3;
  }
  const tab = TAB + (<usize>t * <usize>TSLOTS << 4);
  let i = <i32>(((key ^ <u64>len) * 0x9e3779b97f4a7c15) >> (64 - TBITS));
  for (;;) {
    const slot = tab + (<usize>i << 4);
    const c = load<i32>(slot, 12);
    if (c == 0) break;
    if (load<u64>(slot) == key && load<i32>(slot, 8) == len) {
      if (len <= 8) return c;
      const at = POOL + <usize>load<i32>(CODES + ((<usize>t * MAXCODES + c) << 3));
      if (memory.compare(at, s, len) == 0) return c;
    }
    i = (i + 1) & (TSLOTS - 1);
  }
  const code = nCodes[t] + 1;
  if (code >= MAXCODES || poolLen + len > poolCap) return -1;
  nCodes[t] = code;
  const slot = tab + (<usize>i << 4);
  store<u64>(slot, key);
  store<i32>(slot, len, 8);
  store<i32>(slot, code, 12);
  const ce = CODES + ((<usize>t * MAXCODES + code) << 3);
  store<i32>(ce, poolLen);
  store<i32>(ce, len, 4);
  memory.copy(POOL + poolLen, s, len);
  poolLen += len;
  return code;
}

// ---- rows ---------------------------------------------------------------------------------------------------

// The current row's deferred texts (interned once the row is known good, as csvLine does).
const tSlot = new StaticArray<i32>(8);
const tS = new StaticArray<usize>(8);
const tLen = new StaticArray<i32>(8);
const numV = new StaticArray<f64>(4);

function decline(r: i32, s: usize, e: usize): bool {
  if (nDecl == capDecl) return false;
  const d = DECL + <usize>nDecl * 20;
  store<i32>(d, r);
  store<f64>(d, base + <f64>(s - IN), 4);
  store<f64>(d, base + <f64>(e - IN), 12);
  nDecl++;
  return true;
}

// The structural bytes (, LF CR ") of the 64 bytes from mBase, one bit each (SIMD compares).
let mBase: usize = 0;
let mBits: u64 = 0;

@inline function block(b: usize): u64 {
  const C = i8x16.splat(44), L = i8x16.splat(10), R = i8x16.splat(13), Q = i8x16.splat(34);
  const v0 = v128.load(b), v1 = v128.load(b, 16), v2 = v128.load(b, 32), v3 = v128.load(b, 48);
  const m0 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v0, C), i8x16.eq(v0, L)), v128.or(i8x16.eq(v0, R), i8x16.eq(v0, Q))));
  const m1 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v1, C), i8x16.eq(v1, L)), v128.or(i8x16.eq(v1, R), i8x16.eq(v1, Q))));
  const m2 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v2, C), i8x16.eq(v2, L)), v128.or(i8x16.eq(v2, R), i8x16.eq(v2, Q))));
  const m3 = <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v3, C), i8x16.eq(v3, L)), v128.or(i8x16.eq(v3, R), i8x16.eq(v3, Q))));
  return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
}

/** The first structural byte at or after p (the sentinel LF at the buffer's end stops every search). */
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

@inline function cls(p: usize): i32 { return <i32>load<u8>(CLASS + <usize>load<u8>(p)); }

/**
 * Reads the rows in IN[0, len); returns how far it got (the start of the first row not read). `final`: the bytes end
 * the file (a last line without LF is a row).
 */
export function run(from: i32, len: i32, final: i32, sym: i32, maxRows: i32): i32 {
  const end = IN + <usize>len;
  store<u8>(end, 10); // sentinel
  let p = IN + <usize>from;
  status = 0;
  mBase = 0;
  mBits = 0;
  let lines: i32 = 0;
  while (p < end && lines < maxRows) {
    lines++;
    if (n == capRows || nDecl == capDecl) { status = 2; break; }
    const lineStart = p;
    const savedPtr = prevPtr;
    const savedLen = prevLen;
    let ok = true;
    let any = false;
    let texts: i32 = 0;
    let keyHash: i32 = 0;
    let f: i32 = 0;
    let lineEnd: usize = 0; // where the record's text ends (before CR LF / LF)
    let next: usize = 0; // start of the next record
    for (;; f++) {
      // One field: [s, e), then p at the delimiter or the line end.
      let s = p;
      let e: usize;
      p = seek(p);
      let c = cls(p);
      if (c == 4 && p == s) {
        // quoted: the value between the quotes, read in place when nothing but a separator or the line end follows
        s = p + 1;
        let q = seek(s);
        for (;;) {
          const k = cls(q);
          if (k == 4) {
            if (load<u8>(q + 1) == 34) { ok = false; q = seek(q + 2); continue; } // "" inside: the general path's
            break;
          }
          if (k == 2) { // LF inside quotes (or the buffer's end): the record may span lines
            if (q == end && !final) { prevPtr = savedPtr; prevLen = savedLen; return <i32>(lineStart - IN); }
            status = 1; stopAt = <i32>(lineStart - IN); ordered = 0;
            return stopAt;
          }
          if (k == 3) ok = false; // a CR inside: not csvLine's
          q = seek(q + 1);
        }
        e = q;
        p = q + 1;
        c = cls(p);
        if (c != 1 && c != 2 && c != 3) {
          ok = false; // text after the closing quote
          while (c == 0 || c == 4) { p = seek(c == 0 ? p : p + 1); c = cls(p); }
        }
      } else {
        if (c == 4) {
          ok = false; // a quote inside an unquoted field: literal, the general path's
          while (c == 4) { p = seek(p + 1); c = cls(p); }
        }
        e = p;
      }
      // p: at a delimiter (1), LF (2) or CR (3). The buffer's end (the sentinel) before the file's: the line is incomplete,
      // nothing of it read (its key not compared, no flag set): the next run reads it whole.
      if (!final && (p == end || (c == 3 && p + 1 == end))) { prevPtr = savedPtr; prevLen = savedLen; return <i32>(lineStart - IN); }
      if (f >= nFields) ok = false;
      else {
        const act = load<i32>(ACTS + (<usize>f << 2));
        const kind = act & 15;
        // After a decline only the key is read: it stays in the order's sequence (see keepKey's note in the README).
        if (kind != SKIP && (ok || kind == KEY)) {
          if (e == s) {
            if (act & REQUIRED) ok = false;
            else if (kind == TEXT) { unchecked(tSlot[texts] = -(act >> 4 & 15) - 1); texts++; }
            else if (kind == CASH || kind == DAY) unchecked(numV[act >> 4 & 15] = NaN);
          } else if (kind == KEY) {
            // compared with the last key (kept in sequence even if the row declines later: see README), and hashed
            const len = <i32>(e - s);
            if (load<u8>(s) <= 32 || load<u8>(e - 1) <= 32) { ok = false; ordered = 0; }
            else {
              let h: u32 = 0x811c9dc5;
              let cmp: i32 = 0;
              const pl = prevLen;
              for (let i = 0; i < len; i++) {
                const b = <i32>load<u8>(s + i);
                if (b >= 0x7f) { ok = false; ordered = 0; break; }
                h = (h ^ <u32>b) * 0x01000193;
                if (cmp == 0 && i < pl) cmp = b - <i32>load<u8>(prevPtr + i);
              }
              if (ok) {
                keyHash = <i32>(h | 1);
                if (ordered && pl >= 0) {
                  if (cmp == 0) cmp = len - pl;
                  if (cmp <= 0) { ordered = 0; breakRow = n; memory.copy(<usize>dbgBuf, prevPtr, pl); memory.copy(<usize>dbgBuf + 256, s, len); dbgA = pl; dbgB = len; dbgP = <i32>prevPtr; }
                }
                prevPtr = s;
                prevLen = len;
              }
            }
            any = true;
          } else if (kind == TEXT) {
            if (!plain(s, e)) ok = false;
            else {
              unchecked(tSlot[texts] = act >> 4 & 15);
              unchecked(tS[texts] = s);
              unchecked(tLen[texts] = <i32>(e - s));
              texts++;
              any = true;
            }
          } else if (kind == CASH) {
            const v = money(s, e, sym);
            if (v != v) ok = false;
            else {
              unchecked(numV[act >> 4 & 15] = v);
              if (dotRow == 0) { for (let i = s; i < e; i++) if (load<u8>(i) == 46) { dotRow = row + 1; break; } } // SeparatorWatch
              any = true;
            }
          } else {
            const v = day(s, e);
            if (v != v) ok = false;
            else { unchecked(numV[act >> 4 & 15] = v); any = true; }
          }
        }
      }
      if (c == 1) { p++; continue; }
      if (c == 2) {
        if (p == end && !final) { prevPtr = savedPtr; prevLen = savedLen; return <i32>(lineStart - IN); } // incomplete: the next chunk completes it
        lineEnd = p;
        next = p == end ? p : p + 1; // the file's last line may end without LF
        break;
      }
      // CR: the line's end only before LF; a lone CR ends a record in kpi's reading: JS's
      if (load<u8>(p + 1) == 10 && p + 1 < end) { lineEnd = p; next = p + 2; break; } // CR LF
      if (p + 1 == end && !final) { prevPtr = savedPtr; prevLen = savedLen; return <i32>(lineStart - IN); }
      status = 1; stopAt = <i32>(lineStart - IN); ordered = 0; prevPtr = savedPtr; prevLen = savedLen;
      return stopAt;
    }
    row++;
    if (ok && f == nFields - 1 && any) {
      // commit: texts interned, values stored
      for (let t = 0; t < texts; t++) {
        const slot = unchecked(tSlot[t]);
        if (slot < 0) { store<i32>(load<usize>(TEXTOUT + (<usize>(-slot - 1) << 2)) + (<usize>n << 2), 0); continue; }
        const code = intern(slot, unchecked(tS[t]), unchecked(tLen[t]));
        if (code < 0) { status = 3; stopAt = <i32>(lineStart - IN); row--; return stopAt; }
        store<i32>(load<usize>(TEXTOUT + (<usize>slot << 2)) + (<usize>n << 2), code);
      }
      for (let m = 0; m < 4; m++) {
        const out = load<usize>(NUMOUT + (<usize>m << 2));
        if (out != 0) store<f64>(out + (<usize>n << 3), unchecked(numV[m]));
      }
      store<i32>(ROWNO + (<usize>n << 2), row);
      store<i32>(HASHES + (<usize>n << 2), keyHash);
      if (dateSlot >= 0) {
        const d = unchecked(numV[dateSlot]);
        store<i32>(PLIST + (<usize>nPeriod << 2), n);
        nPeriod += <i32>(d >= pStart) & <i32>(d <= pEnd);
      }
      n++;
    } else decline(row, lineStart, lineEnd);
    p = next;
  }
  return <i32>(p - IN);
}

/** Before IN is refilled: the last key is copied out of it. */
export function keepKey(): void {
  if (prevLen > 0 && prevLen <= 256 && prevPtr != KEYBUF) {
    memory.copy(KEYBUF, prevPtr, prevLen);
    prevPtr = KEYBUF;
  } else if (prevLen > 256) ordered = 0;
}

/** JS read a record the kernel stopped at (`rows` rows): counted, resumed after it. */
export function skipRows(rows: i32): void { row += rows; }

/** Floor: the class-table byte loop alone over IN[0, len) (fields counted). */
export function scanOnly(len: i32): i32 {
  const end = IN + <usize>len;
  let fields = 0;
  for (let p = IN; p < end; p++) fields += <i32>(load<u8>(CLASS + <usize>load<u8>(p)) != 0);
  return fields;
}

// ---- the bench's shape, specialised (an upper bound for code generated per header) ----------------------------
// Order ID (key), Sales Rep ID (text 0, required), Customer ID, Region, Stage (text 1), Amount (money 0, maybe quoted),
// Created, Close Date (day 1, required), LF or CR LF. Any other line, or any value off its fast path: status 4, the line
// at stopAt is the generic reader's (run with maxRows 1), nothing of it read here.

/** intern, its first probe inline for a text of at most 8 bytes (the common hit). */
@inline function internFast(t: i32, s: usize, len: i32): i32 {
  if (len <= 8) {
    let key = load<u64>(s);
    if (len < 8) key &= (<u64>1 << (<u64>len << 3)) - 1;
    const i = <i32>(((key ^ <u64>len) * 0x9e3779b97f4a7c15) >> (64 - TBITS));
    const slot = TAB + (<usize>t * <usize>TSLOTS << 4) + (<usize>i << 4);
    if (load<u64>(slot) == key && load<i32>(slot, 8) == len) return load<i32>(slot, 12);
  }
  return intern(t, s, len);
}

@inline function comma(p: usize): bool { return load<u8>(p) == 44; }

export function runFixed(from: i32, len: i32, final: i32, sym: i32): i32 {
  const end = IN + <usize>len;
  store<u8>(end, 10); // sentinel
  let p = IN + <usize>from;
  status = 0;
  mBase = 0;
  mBits = 0;
  const rep = load<usize>(TEXTOUT);
  const stg = load<usize>(TEXTOUT + 4);
  const amt = load<usize>(NUMOUT);
  const cls = load<usize>(NUMOUT + 4);
  let ls = p;
  let going = true;
  while (going) {
    if (p >= end) return <i32>(p - IN);
    ls = p;
    if (n == capRows) { status = 2; return <i32>(ls - IN); }
    // key
    p = seek(p);
    if (!comma(p) || p == ls) break;
    const ke = p;
    const rs = ++p;
    p = seek(p);
    if (!comma(p)) break;
    const re = p;
    p = seek(p + 1);
    if (!comma(p)) break;
    p = seek(p + 1);
    if (!comma(p)) break;
    const ss = ++p;
    p = seek(p);
    if (!comma(p)) break;
    const se = p;
    let as = ++p;
    let ae: usize = 0;
    if (load<u8>(p) == 34) {
      as = p + 1;
      p = seek(as);
      while (comma(p)) p = seek(p + 1); // group marks inside the quotes
      if (load<u8>(p) != 34 || !comma(p + 1)) break;
      ae = p;
      p++;
    } else {
      p = seek(p);
      if (!comma(p)) break;
      ae = p;
    }
    p = seek(p + 1);
    if (!comma(p)) break;
    const ds = ++p;
    p = seek(p);
    let de = p;
    let nx: usize = 0;
    const b = load<u8>(p);
    if (b == 10) { if (p == end) break; nx = p + 1; }
    else if (b == 13 && load<u8>(p + 1) == 10 && p + 1 < end) nx = p + 2;
    else break;
    // values
    if (re == rs || ae == as || de == ds) break;
    if (!plain(rs, re) || (se > ss && !plain(ss, se))) break;
    const v = money(as, ae, sym);
    if (v != v) break;
    const d = day(ds, de);
    if (d != d) break;
    if (dotRow == 0) { for (let i = as; i < ae; i++) if (load<u8>(i) == 46) { dotRow = row + 1; break; } }
    // key: plain, compared with the last
    const klen = <i32>(ke - ls);
    if (load<u8>(ls) <= 32 || load<u8>(ke - 1) <= 32) break;
    let cmp: i32 = 0;
    let bad = false;
    const pl = prevLen;
    const pp = prevPtr;
    for (let i = 0; i < klen; i++) {
      const c = <i32>load<u8>(ls + i);
      if (c >= 0x7f) { bad = true; break; }
      if (cmp == 0 && i < pl) cmp = c - <i32>load<u8>(pp + i);
    }
    if (bad) break;
    if (ordered) {
      if (pl >= 0) {
        if (cmp == 0) cmp = klen - pl;
        if (cmp <= 0) { ordered = 0; breakRow = n; }
      }
    }
    if (!ordered) {
      let h: u32 = 0x811c9dc5;
      for (let i = 0; i < klen; i++) h = (h ^ <u32>load<u8>(ls + i)) * 0x01000193;
      store<i32>(HASHES + (<usize>n << 2), <i32>(h | 1));
    }
    prevPtr = ls;
    prevLen = klen;
    // commit
    row++;
    const rc = internFast(0, rs, <i32>(re - rs));
    const sc = se > ss ? internFast(1, ss, <i32>(se - ss)) : 0;
    if (rc < 0 || sc < 0) { status = 3; stopAt = <i32>(ls - IN); row--; return stopAt; }
    store<i32>(rep + (<usize>n << 2), rc);
    store<i32>(stg + (<usize>n << 2), sc);
    store<f64>(amt + (<usize>n << 3), v);
    store<f64>(cls + (<usize>n << 3), d);
    store<i32>(ROWNO + (<usize>n << 2), row);
    store<i32>(PLIST + (<usize>nPeriod << 2), n);
    nPeriod += <i32>(d >= pStart) & <i32>(d <= pEnd);
    n++;
    p = nx;
  }
  // a line for the generic reader: nothing of it read here
  status = 4;
  stopAt = <i32>(ls - IN);
  return stopAt;
}
