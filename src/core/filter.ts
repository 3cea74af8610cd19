// Filters evaluated column-wise into row masks (no per-row objects), and their text for provenance.
import type { Condition, Scalar } from './model.js';
import type { Column, Table } from './table.js';
import { dayFromIso } from './period.js';
import { said, type Said } from './says.js';
import { toMinorUnits } from './money.js';
import { clean, cleanText, editDistance, showInvisible } from './text.js';
import { simplified } from './chinese-variants.js';
import { codeCounts, type CodeCounts, type PeriodRows } from './period-rows.js';

/** A condition value as a number in the column's own representation (minor units, DayNumber); NaN if none. */
function numericValue(col: Column, v: Scalar): number {
  if (typeof v === 'boolean') return NaN;
  if (col.type === 'date') {
    if (typeof v === 'number') return v;
    const d = dayFromIso(v);
    return d === null ? NaN : d;
  }
  const n = typeof v === 'number' ? v : Number(v.trim());
  if (!Number.isFinite(n)) return NaN;
  return col.type === 'money' ? toMinorUnits(n, col.scale) : n;
}

/** A scheme value as data text is compared: NFC, no invisible characters, trimmed (see core/text.ts). */
const text = (v: Scalar): string => clean(String(v));

/**
 * Rows of `table` that pass `cond` (1) or not (0). Strings compare exactly after trimming (the readers have
 * already made data text NFC and removed invisible characters; scheme values get the same here). Blank cells pass
 * only `blank`, `ne` and `not_in` (a blank is not equal to anything). null when the column is missing.
 */
export function conditionMask(table: Table, cond: Condition): Uint8Array | null {
  const col = table.columns.get(cond.column);
  if (!col) return null;
  const n = table.rowCount;
  const out = new Uint8Array(n);
  if (col.type === 'string' && col.coded) {
    const { codes, dict } = col.coded;
    const perCode = conditionPerCode(table, cond, dict);
    for (let i = 0; i < n; i++) out[i] = perCode[codes[i]!]!;
    return out;
  }
  if (col.type === 'string') {
    const vals = col.values;
    const isBlank = (s: string | null): boolean => s === null || s.trim() === '';
    switch (cond.op) {
      case 'blank':
      case 'not_blank': {
        const want = cond.op === 'blank';
        for (let i = 0; i < n; i++) out[i] = isBlank(vals[i]!) === want ? 1 : 0;
        return out;
      }
      case 'eq':
      case 'ne': {
        const t = text(cond.value);
        const eq = cond.op === 'eq' ? 1 : 0;
        for (let i = 0; i < n; i++) {
          const s = vals[i];
          out[i] = (s != null && s.trim() === t ? 1 : 0) === eq ? 1 : 0;
        }
        return out;
      }
      case 'in':
      case 'not_in': {
        const set = new Set(cond.values.map(text));
        const inn = cond.op === 'in' ? 1 : 0;
        for (let i = 0; i < n; i++) {
          const s = vals[i];
          out[i] = (s != null && set.has(s.trim()) ? 1 : 0) === inn ? 1 : 0;
        }
        return out;
      }
      case 'contains': {
        const t = text(cond.value);
        for (let i = 0; i < n; i++) out[i] = vals[i]?.includes(t) ? 1 : 0;
        return out;
      }
      default: {
        // gt/gte/lt/lte/between on text: numeric when the cells are numbers, else plain string order.
        const cmp = (s: string, v: number | string): number => {
          const a = Number(s);
          const b = typeof v === 'number' ? v : Number(v);
          if (s !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
          const bs = String(v);
          return s < bs ? -1 : s > bs ? 1 : 0;
        };
        for (let i = 0; i < n; i++) {
          const raw = vals[i];
          if (raw == null || raw.trim() === '') continue;
          const s = raw.trim();
          let ok: boolean;
          if (cond.op === 'between') ok = cmp(s, cond.min) >= 0 && cmp(s, cond.max) <= 0;
          else {
            const c = cmp(s, cond.value);
            ok = cond.op === 'gt' ? c > 0 : cond.op === 'gte' ? c >= 0 : cond.op === 'lt' ? c < 0 : c <= 0;
          }
          out[i] = ok ? 1 : 0;
        }
        return out;
      }
    }
  }
  const vals = col.values;
  switch (cond.op) {
    case 'blank':
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(vals[i]!) ? 1 : 0;
      return out;
    case 'not_blank':
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(vals[i]!) ? 0 : 1;
      return out;
    case 'eq':
    case 'ne': {
      const t = numericValue(col, cond.value);
      const eq = cond.op === 'eq' ? 1 : 0;
      for (let i = 0; i < n; i++) out[i] = (vals[i] === t ? 1 : 0) === eq ? 1 : 0;
      return out;
    }
    case 'in':
    case 'not_in': {
      const set = new Set(cond.values.map((v) => numericValue(col, v)));
      const inn = cond.op === 'in' ? 1 : 0;
      for (let i = 0; i < n; i++) out[i] = (set.has(vals[i]!) ? 1 : 0) === inn ? 1 : 0;
      return out;
    }
    case 'contains':
      return out; // text match on a numeric column never passes
    case 'between': {
      const lo = numericValue(col, cond.min);
      const hi = numericValue(col, cond.max);
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        out[i] = v >= lo && v <= hi ? 1 : 0; // NaN compares false
      }
      return out;
    }
    default: {
      const t = numericValue(col, cond.value);
      const op = cond.op;
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        out[i] = (op === 'gt' ? v > t : op === 'gte' ? v >= t : op === 'lt' ? v < t : v <= t) ? 1 : 0;
      }
      return out;
    }
  }
}

/** A condition on a coded column, decided once per distinct value (the same rules, over the values): 1 = passes. */
function conditionPerCode(table: Table, cond: Condition, dict: readonly (string | null)[]): Uint8Array {
  const byValue: Table = { ...table, rowCount: dict.length, columns: new Map([[cond.column, { type: 'string', values: [...dict] }]]) };
  return conditionMask(byValue, cond) as Uint8Array;
}

/**
 * A filter as its parts: each condition on a coded column as a flag per code (read per row through the code), the
 * others as one mask (null: none). A row passes when every part passes.
 */
export interface RowFilter {
  codes: Uint16Array[];
  flags: Uint8Array[];
  mask: Uint8Array | null;
}

/** The parts of `conds` on `table`; the first column missing from it, if one is. */
export function rowFilter(table: Table, conds: readonly Condition[]): RowFilter | { missing: string } {
  const out: RowFilter = { codes: [], flags: [], mask: null };
  for (const c of conds) {
    const col = table.columns.get(c.column);
    if (!col) return { missing: c.column };
    if (col.type === 'string' && col.coded) {
      out.codes.push(col.coded.codes);
      out.flags.push(conditionPerCode(table, c, col.coded.dict));
      continue;
    }
    const m = conditionMask(table, c)!;
    const acc = out.mask;
    if (acc === null) out.mask = m;
    else for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! & m[i]!;
  }
  return out;
}

const show = (v: Scalar): string => String(v);

function conditionText(c: Condition): Said {
  switch (c.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return said(`filter.${c.op}`, { column: c.column, value: show(c.value) });
    case 'in':
    case 'not_in':
      return said(`filter.${c.op}`, { column: c.column, values: c.values.map(show) });
    case 'between':
      return said('filter.between', { column: c.column, min: show(c.min), max: show(c.max) });
    case 'contains':
      return said('filter.contains', { column: c.column, value: c.value });
    case 'blank':
    case 'not_blank':
      return said(`filter.${c.op}`, { column: c.column });
  }
}

/** "stage = Won AND amount > 0" as a sentence; undefined for no filter. */
export function filterText(conds: readonly Condition[]): Said | undefined {
  const parts = conds.map(conditionText);
  if (parts.length === 0) return undefined;
  return parts.slice(1).reduce((left, right) => said('filter.and', { left, right }), parts[0]!);
}

/** A filter value of the scheme that matches no row of the period, with the values that come closest. */
export interface FilterMiss {
  column: string;
  value: string;
  /** Values that do occur in the period and look like it (case, a typo); else the most frequent ones. */
  near: string[];
  /** True when `near` holds look-alikes rather than just the most frequent values. */
  close: boolean;
  /**
   * What the miss does: `everyone` — the filter selects no row (eq, contains, or every value of an `in` list);
   * `list` — this value of an `in` list selects nothing, others do; `excludes` — a `ne`/`not_in` value that
   * removes nothing (a typo there counts rows meant to be left out); `variants` — the value does occur, but
   * `near` are values of other rows that differ from it only in case, width or spacing (`WON`, `won`, `Ｗｏｎ`
   * beside `Won`): the filter compares exactly, so those rows are silently treated as another value.
   */
  effect: 'everyone' | 'list' | 'excludes' | 'variants';
  /** `variants`: how many rows of the period hold them, and the first of them (index into the table). */
  rows?: number;
  first?: number;
  /** `variants`: whether the condition keeps matching rows (eq/in) or leaves them out (ne/not_in). */
  keeps?: boolean;
}

/** Scheme filter values with invisible characters (ignored when comparing): worth a word. */
export function invisibleInFilter(conds: readonly Condition[]): { column: string; value: string; text: string }[] {
  const out: { column: string; value: string; text: string }[] = [];
  for (const c of conds) {
    const vals: Scalar[] = 'value' in c ? [c.value] : 'values' in c ? c.values : [];
    for (const v of vals) {
      if (typeof v !== 'string') continue;
      const r = cleanText(v);
      if (r.removed) out.push({ column: c.column, value: showInvisible(v), text: r.text });
    }
  }
  return out;
}

/**
 * Values of `eq` / `in` conditions on text columns that no row in the period holds: such a filter zeroes the
 * metric for everyone, most often through a typo or a difference in case. Nothing when no row is in the period.
 */
export function filterMisses(
  table: Table,
  conds: readonly Condition[],
  inPeriod: PeriodRows,
  /** The codes' counts in the period of a coded column, when already taken (the engine keeps them per period). */
  countsOf?: (column: string) => CodeCounts | undefined,
): FilterMiss[] {
  const out: FilterMiss[] = [];
  for (const c of conds) {
    const vals = c.op === 'eq' || c.op === 'ne' || c.op === 'contains' ? [c.value] : c.op === 'in' || c.op === 'not_in' ? c.values : null;
    if (vals === null) continue;
    const col = table.columns.get(c.column);
    if (col?.type !== 'string') continue;
    const wanted = vals.map(text);
    let counts: Map<string, number> | null = null;
    const misses: FilterMiss[] = [];
    for (const w of wanted) {
      counts ??= valueCounts(col, inPeriod, countsOf?.(c.column));
      if (counts.size === 0) return out; // no rows in the period: another warning's business
      if (c.op !== 'contains' && counts.has(w)) {
        const variants = lookAlikes(w, counts, wanted);
        if (variants.length > 0) {
          const rows = variants.reduce((n, v) => n + (counts!.get(v) ?? 0), 0);
          misses.push({
            column: c.column,
            value: w,
            near: variants,
            close: true,
            effect: 'variants',
            rows,
            first: firstRowWith(col, inPeriod, new Set(variants)),
            keeps: c.op === 'eq' || c.op === 'in',
          });
        }
        continue;
      }
      if (c.op === 'contains' ? someContains(counts, w) : counts.has(w)) continue;
      const effect = c.op === 'ne' || c.op === 'not_in' ? 'excludes' : 'everyone';
      misses.push({ column: c.column, value: w, ...nearest(w, counts), effect });
    }
    const partial = c.op === 'in' && misses.filter((m) => m.effect !== 'variants').length < wanted.length;
    for (const m of misses) out.push(partial && m.effect === 'everyone' ? { ...m, effect: 'list' } : m);
  }
  return out;
}

/**
 * Cyrillic and Greek letters drawn like Latin ones (о for o, А for A, Ο for O): a value typed on another keyboard
 * layout, or pasted from a document in another script, looks the same on screen and is another value to a filter.
 */
const LOOK_ALIKE: Readonly<Record<string, string>> = Object.fromEntries(
  [
    // Cyrillic, lower then upper
    'аa вb еe ёe кk мm нh оo рp сc тt уy хx іi їi јj ѕs һh ԁd ӏl ԛq ԝw',
    'АA ВB ЕE ЁE КK МM НH ОO РP СC ТT УY ХX ІI ЇI ЈJ ЅS ҺH ԚQ ԜW',
    // Greek, lower then upper
    'αa βb εe ιi κk νv οo ρp τt υu χx',
    'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => [pair[0]!, pair[1]!]),
);
const LOOK_ALIKE_CHARS = new RegExp(`[${Object.keys(LOOK_ALIKE).join('')}]`, 'g');

/**
 * Text as a person reads it: full-width letters and digits as ASCII, look-alike letters as Latin, Traditional
 * Chinese characters as Simplified (已簽約 = 已签约), case and runs of spaces ignored.
 */
export const looks = (v: string): string =>
  simplified(v.normalize('NFKC'))
    .replace(LOOK_ALIKE_CHARS, (c) => LOOK_ALIKE[c]!)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A value for a message, its look-alike letters shown by code (W<U+043E>n) when it also holds Latin letters, since
 * on screen it reads as the filter value itself. A word wholly in Cyrillic or Greek is shown as it is, unless
 * `always` (an id beside its Latin twin: Е3 and E3).
 */
export function showLookAlike(v: string, always = false): string {
  if (!always && !/[A-Za-z]/.test(v)) return v;
  return v.replace(LOOK_ALIKE_CHARS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Values of the period other than `w` (and the other wanted values) that read the same as `w` to a person. */
function lookAlikes(w: string, counts: Map<string, number>, wanted: readonly string[]): string[] {
  const key = looks(w);
  const out: string[] = [];
  let seen = 0;
  for (const v of counts.keys()) {
    if (++seen > 100_000) break; // a column of ids: not worth comparing every value
    if (v !== w && !wanted.includes(v) && looks(v) === key) out.push(v);
  }
  return out.sort();
}

/** The first row of the period whose value is one of `values`. */
function firstRowWith(col: Column & { type: 'string' }, inPeriod: PeriodRows, values: ReadonlySet<string>): number {
  const rows = inPeriod.rows;
  for (let k = 0; k < inPeriod.count; k++) {
    const i = rows === null ? k : rows[k]!;
    const v = col.coded ? col.coded.dict[col.coded.codes[i]!] : col.values[i];
    if (v != null && values.has(v.trim())) return i;
  }
  return -1;
}

/** Whether some value contains `w`, compared as the filter compares (conditionMask's `contains`: case matters). */
function someContains(counts: Map<string, number>, w: string): boolean {
  for (const v of counts.keys()) if (v.includes(w)) return true;
  return false;
}

function valueCounts(col: Column & { type: 'string' }, inPeriod: PeriodRows, known?: CodeCounts): Map<string, number> {
  const counts = new Map<string, number>();
  if (col.coded) {
    const { codes, dict } = col.coded;
    const perCode = (known ?? codeCounts(codes, dict.length, inPeriod)).counts;
    dict.forEach((v, k) => {
      const t = v?.trim() ?? '';
      if (t !== '' && perCode[k]! > 0) counts.set(t, (counts.get(t) ?? 0) + perCode[k]!);
    });
    return counts;
  }
  const values = col.values;
  const rows = inPeriod.rows;
  for (let k = 0; k < inPeriod.count; k++) {
    const v = values[rows === null ? k : rows[k]!];
    if (v == null) continue;
    const t = v.trim();
    if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Look-alikes of `w` (same letters ignoring case and spaces, or a few edits away); else the most frequent values. */
function nearest(w: string, counts: Map<string, number>): { near: string[]; close: boolean } {
  const low = looks(w);
  const limit = Math.max(1, Math.floor(low.length / 3));
  const scored: { v: string; d: number; n: number }[] = [];
  let seen = 0;
  for (const [v, n] of counts) {
    if (++seen > 100_000) break; // a column of ids: not worth comparing every value
    const lv = looks(v);
    if (Math.abs(lv.length - low.length) > limit) continue;
    const d = lv === low ? 0 : editDistance(low, lv);
    if (d <= limit) scored.push({ v, d, n });
  }
  if (scored.length > 0) {
    scored.sort((a, b) => a.d - b.d || b.n - a.n || (a.v < b.v ? -1 : 1));
    return { near: scored.slice(0, 3).map((x) => x.v), close: true };
  }
  const common = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  return { near: common.map(([v]) => v), close: false };
}
