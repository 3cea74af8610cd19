// Finds duplicate keys (order ids) among the kept rows, once, after reading. Hash every key, radix-sort the
// row indices by hash, compare neighbours: sequential memory access throughout. A hash table probed per
// row measured ~0.2 s per million rows here (a cache miss each); a JS Map ~0.7 s and ~60 MB.

export interface Duplicate {
  /** Index (0-based, among kept rows) of the repeated key and of its first occurrence. */
  index: number;
  first: number;
}

export function findDuplicates(values: ArrayLike<string | number | null>, n: number): Duplicate[] {
  if (strictlyIncreasing(values, n)) return []; // ids in export order: all different, nothing to sort
  const hashes = new Int32Array(n);
  let order: Int32Array = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    hashes[i] = hashKey(v);
    order[m++] = i;
  }
  order = order.subarray(0, m);
  order = radixSortByHash(order, hashes);
  const dups: Duplicate[] = [];
  for (let a = 0; a < m; ) {
    const h = hashes[order[a] as number];
    let b = a + 1;
    while (b < m && hashes[order[b] as number] === h) b++;
    if (b - a > 1) {
      // Same hash: group by the actual key; rows are in ascending order (the sort is stable).
      const firstOf = new Map<string | number, number>();
      for (let k = a; k < b; k++) {
        const i = order[k] as number;
        const key = values[i] as string | number;
        const first = firstOf.get(key);
        if (first === undefined) firstOf.set(key, i);
        else dups.push({ index: i, first });
      }
    }
    a = b;
  }
  return dups.sort((x, y) => x.index - y.index);
}

/** Every non-blank key greater than the one before (blanks skipped): then no two are equal. */
function strictlyIncreasing(values: ArrayLike<string | number | null>, n: number): boolean {
  let prev: string | number | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (prev !== null && (typeof v !== typeof prev || !(v > prev))) return false;
    prev = v;
  }
  return true;
}

/**
 * Rows whose hashes are equal, from per-row hashes where 0 marks a blank key: groups of two or more row
 * indices, each ascending, for the caller to compare by their text. (Equal keys always have equal hashes.)
 */
export function sameHashGroups(hashes: Int32Array, n: number): Int32Array[] {
  let order: Int32Array = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (hashes[i] !== 0) order[m++] = i;
  order = radixSortByHash(order.subarray(0, m), hashes);
  const groups: Int32Array[] = [];
  for (let a = 0; a < m; ) {
    const h = hashes[order[a] as number];
    let b = a + 1;
    while (b < m && hashes[order[b] as number] === h) b++;
    if (b - a > 1) groups.push(order.slice(a, b));
    a = b;
  }
  return groups;
}

/** FNV-1a over the UTF-16 code units of buf[start, end), made odd so that 0 can mark a blank key. */
export function hashRange(buf: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf.charCodeAt(i), 0x01000193);
  return h | 1;
}

/**
 * Stable LSD radix sort of row indices by their (unsigned) 32-bit hash, 16 bits per pass. The hashes travel
 * with the indices so every pass reads sequentially.
 */
function radixSortByHash(order: Int32Array, hashes: Int32Array): Int32Array {
  const n = order.length;
  let idx: Int32Array = order;
  let key: Int32Array = new Int32Array(n);
  for (let k = 0; k < n; k++) key[k] = hashes[order[k] as number] as number;
  let idx2: Int32Array = new Int32Array(n);
  let key2: Int32Array = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let k = 0; k < n; k++) {
      const d = ((key[k] as number) >>> shift) & 65535;
      count[d] = (count[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const h = key[k] as number;
      const d = (h >>> shift) & 65535;
      const to = count[d] as number;
      count[d] = to + 1;
      idx2[to] = idx[k] as number;
      key2[to] = h;
    }
    [idx, idx2] = [idx2, idx];
    [key, key2] = [key2, key];
  }
  return idx;
}

/** FNV-1a over UTF-16 code units; numbers hash their text. */
function hashKey(key: string | number): number {
  const s = typeof key === 'string' ? key : String(key);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
