// From profiled files to a draft scheme: what each file is (sales, collections, a roster, a targets file …),
// a logical name for every column, the rep and date columns, the values of the status column, and a starter
// set of metrics with weights summing to 100. Pure: no I/O. The draft is a start for the user, who checks
// every line marked TODO; it must still load and score as it stands.

import type { FileProfile, ProfiledColumn } from '../../reading/profile/profile.js';
import { chineseHeaders, hasCjk, meaningOf, normal, type Meaning } from '../../reading/profile/header-names.js';

export type SchemeType = 'string' | 'number' | 'money' | 'percent' | 'date';

export interface DraftColumn {
  logical: string;
  header: string;
  type: SchemeType;
  column: ProfiledColumn;
  meaning?: Meaning;
}

export type FileRole = 'sales' | 'collections' | 'customers' | 'roster' | 'targets' | 'deductions' | 'other';

export interface DraftFile {
  profile: FileProfile;
  /** Path as written in the scheme: relative to the scheme's folder, with forward slashes. */
  file: string;
  role: FileRole;
  /** Source name (for roster/targets/deductions: the key it is written under). */
  name: string;
  columns: DraftColumn[];
  /** Columns left out, and why. */
  left: { column: ProfiledColumn; why: 'duplicate' | 'blank' | 'fixed' }[];
  rep?: string;
  date?: string;
  period?: string;
  key?: string;
  dateOrder?: { order: 'mdy' | 'dmy'; ambiguous: boolean };
  /** Declared when score needs it: numbers written 1.234,56, or values such as 1.500 that read two ways. */
  decimal?: { mark: '.' | ','; guessed: boolean };
}

export interface Aggregate {
  source: string;
  fn: 'sum' | 'count';
  column?: string;
  /** Column → the values it must equal (one) or be among (several). */
  filter?: { column: string; values: string[] };
}

export interface DraftMetric {
  name: 'revenue' | 'won_deals' | 'win_rate' | 'collection_rate' | 'collected' | 'records';
  unit: 'money' | 'count' | 'percent';
  category: 'financial' | 'process';
  def: { kind: 'aggregate'; agg: Aggregate } | { kind: 'ratio'; numerator: string | Aggregate; denominator: Aggregate };
  /** The status column's values, when the metric filters on it (for a comment listing them). */
  status?: { source: string; column: DraftColumn; won?: string[]; lost?: string[] };
}

export interface Draft {
  files: DraftFile[];
  sources: DraftFile[];
  roster?: DraftFile;
  targets?: DraftFile;
  deductions?: DraftFile;
  metrics: DraftMetric[];
  /** Metric → weight (percent points), summing to 100. */
  weights: [string, number][];
  currency: { code: string; guessed: boolean };
  /** Chinese headers: labels, comments and the locale in Chinese. */
  chinese: boolean;
}

const ID_MEANINGS: ReadonlySet<Meaning> = new Set(['rep_id', 'rep_name', 'name', 'customer', 'customer_name', 'order_id', 'invoice']);
const MONEY_MEANINGS: ReadonlySet<Meaning> = new Set(['amount', 'collected', 'invoiced', 'base_bonus']);
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** The values of a status column that mean a won or a lost deal (compared without case, spaces or width). */
const WON = new Set([
  'won',
  'closedwon',
  'win',
  'wins',
  'booked',
  'signed',
  '成交',
  '已成交',
  '赢单',
  '已赢单',
  '签约',
  '已签约',
  '成功',
  '已完成',
  '完成',
  '赢',
]);
const LOST = new Set(['lost', 'closedlost', 'lose', 'loss', 'dead', '丢单', '已丢单', '输单', '失败', '已失败', '流失', '已流失', '输']);

function schemeType(c: ProfiledColumn, meaning: Meaning | undefined): SchemeType {
  if (meaning !== undefined && ID_MEANINGS.has(meaning)) return 'string';
  if (meaning !== undefined && MONEY_MEANINGS.has(meaning) && (c.type === 'number' || c.type === 'money')) return 'money';
  switch (c.type) {
    case 'text':
    case 'period':
      return 'string';
    default:
      return c.type;
  }
}

/** A logical name for a header kpi does not recognise: snake_case ASCII, the header itself (Chinese), or col_x. */
function nameFor(c: ProfiledColumn): string {
  const ascii = c.header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (/^[a-z][a-z0-9_]*$/.test(ascii) && ascii.length <= 40 && !hasCjk(c.header)) return ascii;
  const bare = c.header.normalize('NFKC');
  if (/^[\p{L}][\p{L}\p{N}_]*$/u.test(bare) && bare.length <= 20) return bare;
  return `col_${c.letter.toLowerCase()}`;
}

/** Meaning → logical name in each kind of file (rosters, targets and deductions have fixed names). */
function logicalFor(meaning: Meaning, role: FileRole): string | undefined {
  if (role === 'roster') {
    const m: Partial<Record<Meaning, string>> = {
      rep_id: 'id',
      rep_name: 'name',
      name: 'name',
      team: 'team',
      role: 'role',
      base_bonus: 'base_bonus',
      start_date: 'start_date',
    };
    return m[meaning];
  }
  if (role === 'targets') {
    const m: Partial<Record<Meaning, string>> = { rep_id: 'rep', rep_name: 'rep', metric: 'metric', period: 'period', target: 'target' };
    return m[meaning];
  }
  if (role === 'deductions') {
    const m: Partial<Record<Meaning, string>> = {
      rep_id: 'rep',
      rep_name: 'rep',
      date: 'date',
      period: 'period',
      points: 'points',
      amount: 'amount',
      reason: 'reason',
    };
    return m[meaning];
  }
  // In an ordinary source a note is a note, not a deduction's reason: only the rep id gets a fixed name.
  if (meaning === 'reason' || meaning === 'points' || meaning === 'metric' || meaning === 'target') return undefined;
  return meaning === 'rep_id' ? 'rep' : meaning;
}

function roleOf(meanings: ReadonlySet<Meaning>): FileRole {
  const has = (m: Meaning): boolean => meanings.has(m);
  const rep = has('rep_id') || has('rep_name');
  if (has('metric') && has('target') && rep) return 'targets';
  // A roster file needs every column a scheme requires of one: id, name, team, role, base bonus.
  if (has('rep_id') && (has('name') || has('rep_name')) && has('team') && has('role') && has('base_bonus')) return 'roster';
  if (rep && (has('points') || (has('reason') && has('amount'))) && !has('status') && !has('order_id') && !has('invoice') && !has('collected'))
    return 'deductions';
  // An order export with what was collected on each order (ERP 订单 with 回款金额) is still a sales file.
  const ordersWithCollected = has('amount') && (has('status') || has('order_id')) && !has('invoiced') && !has('invoice');
  if ((has('collected') || has('invoiced')) && !ordersWithCollected) return 'collections';
  if (has('amount') || has('status')) return 'sales';
  if ((has('customer') || has('customer_name')) && rep) return 'customers';
  return 'other';
}

/** A source name from a file name: `sales` from "Sales 2026.csv"; `source_2` when nothing usable is left. */
function nameFromFile(file: string, index: number): string {
  const stem =
    file
      .split('/')
      .pop()
      ?.replace(/\.[^.]*$/, '') ?? '';
  const ascii = stem
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z][a-z0-9_]*$/.test(ascii) ? ascii.slice(0, 40) : `source_${index + 1}`;
}

function draftFile(profile: FileProfile, file: string, index: number): DraftFile {
  const meanings = new Map<ProfiledColumn, Meaning | undefined>();
  for (const c of profile.columns) meanings.set(c, c.header === '' ? undefined : meaningOf(c.header));
  const role = roleOf(new Set([...meanings.values()].filter((m): m is Meaning => m !== undefined)));
  const fixed = role === 'roster' || role === 'targets' || role === 'deductions';

  const out: DraftFile = { profile, file, role, name: role === 'other' ? nameFromFile(file, index) : role, columns: [], left: [] };
  const taken = new Set<string>();
  const headerCount = new Map<string, number>();
  for (const c of profile.columns) headerCount.set(c.header, (headerCount.get(c.header) ?? 0) + 1);
  // A rep id column wins the name `rep`; without one, the rep name column is the rep.
  const hasRepId = [...meanings.values()].includes('rep_id');
  for (const c of profile.columns) {
    if (c.header === '') {
      out.left.push({ column: c, why: 'blank' });
      continue;
    }
    if ((headerCount.get(c.header) ?? 0) > 1) {
      out.left.push({ column: c, why: 'duplicate' });
      continue;
    }
    let meaning = meanings.get(c);
    if (meaning === 'rep_name' && !hasRepId && role !== 'roster') meaning = 'rep_id';
    let logical = meaning !== undefined ? logicalFor(meaning, role) : undefined;
    if (logical !== undefined && taken.has(logical)) logical = undefined;
    if (logical === undefined) {
      if (fixed) {
        out.left.push({ column: c, why: 'fixed' });
        continue;
      }
      logical = nameFor(c);
      for (let k = 2; taken.has(logical) || RESERVED.has(logical); k++) logical = `${nameFor(c)}_${k}`;
    }
    taken.add(logical);
    out.columns.push({ logical, header: c.header, type: schemeType(c, meaning), column: c, ...(meaning !== undefined ? { meaning } : {}) });
  }

  const by = (logical: string): DraftColumn | undefined => out.columns.find((c) => c.logical === logical);
  if (!fixed || role === 'targets' || role === 'deductions') {
    const rep = by('rep');
    if (rep) out.rep = rep.logical;
  }
  if (!fixed) {
    const dates = out.columns.filter((c) => c.type === 'date');
    const prefer: string[] = role === 'collections' ? ['invoice_date', 'date', 'paid_date', 'due_date'] : ['date', 'created', 'invoice_date', 'paid_date'];
    const date = prefer.map(by).find((c) => c !== undefined && c.type === 'date') ?? dates[0];
    if (date) out.date = date.logical;
    else {
      const period = out.columns.find((c) => c.column.type === 'period');
      if (period) out.period = period.logical;
    }
    const keyCol = ['order_id', 'invoice', ...(role === 'customers' ? ['customer'] : [])].map(by).find((c) => c !== undefined);
    if (keyCol && keyCol.column.distinct === keyCol.column.values && !keyCol.column.distinctCapped && keyCol.column.blank === 0) out.key = keyCol.logical;
  }
  const ordered = out.columns.find((c) => c.type === 'date' && c.column.dateOrder !== 'ymd');
  if (ordered) {
    const note = ordered.column.notes.find((n) => n.code === 'date-order');
    out.dateOrder = { order: ordered.column.dateOrder as 'mdy' | 'dmy', ambiguous: note?.code === 'date-order' && note.ambiguous };
  }
  if (profile.decimal === ',') out.decimal = { mark: ',', guessed: false };
  else if (profile.decimalNeeded) out.decimal = profile.decimalNeeded.reason === 'comma' ? { mark: ',', guessed: false } : { mark: '.', guessed: true };
  return out;
}

const isNumeric = (c: DraftColumn): boolean => c.type === 'money' || c.type === 'number';

/** The status values that mean won and lost, in the order the column lists them (most frequent first). */
function statusValues(c: DraftColumn): { won: string[]; lost: string[] } {
  const values = c.column.top.map((t) => t.value);
  return { won: values.filter((v) => WON.has(normal(v))), lost: values.filter((v) => LOST.has(normal(v))) };
}

/** The currency of the first file whose amounts show one; a guess for $ and ¥ (many dollars; yuan or yen). */
function currencyOf(files: readonly DraftFile[], chinese: boolean): { code: string; guessed: boolean } {
  const marked = files.find((f) => f.profile.currency.mark !== undefined)?.profile.currency;
  if (marked?.mark !== undefined) {
    const ambiguous = marked.mark === '$' || ((marked.mark === '¥' || marked.mark === '￥') && !chinese);
    return { code: marked.code, guessed: ambiguous };
  }
  return { code: chinese ? 'CNY' : 'USD', guessed: true };
}

/** Spread 100 percent points over the metrics by their base weights, largest remainder, so they add up. */
export function spreadWeights(base: [string, number][]): [string, number][] {
  const total = base.reduce((s, [, w]) => s + w, 0);
  const exact = base.map(([m, w]) => [m, (w * 100) / total] as const);
  const floors = exact.map(([m, x]) => [m, Math.floor(x)] as [string, number]);
  let left = 100 - floors.reduce((s, [, w]) => s + w, 0);
  const order = exact.map(([, x], i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    (floors[i] as [string, number])[1]++;
    left--;
  }
  return floors;
}

const BASE_WEIGHT: Record<DraftMetric['name'], number> = { revenue: 40, won_deals: 20, win_rate: 20, collection_rate: 20, collected: 20, records: 100 };

export function draftScheme(inputs: readonly { profile: FileProfile; file: string }[]): Draft {
  const files = inputs.map((x, i) => draftFile(x.profile, x.file, i));
  // One roster, one targets file, one deductions file; more of each are drafted as ordinary sources.
  const firstOf = (role: FileRole): DraftFile | undefined => files.find((f) => f.role === role);
  const roster = firstOf('roster');
  const targets = firstOf('targets');
  const deductions = firstOf('deductions');
  // Sales first, then collections and customers, then the rest, each in the order given.
  const rank: Record<FileRole, number> = { sales: 0, collections: 1, customers: 2, other: 3, roster: 4, targets: 4, deductions: 4 };
  const sources = files.filter((f) => f !== roster && f !== targets && f !== deductions).sort((a, b) => rank[a.role] - rank[b.role]);
  for (const f of files)
    if ((f.role === 'roster' || f.role === 'targets' || f.role === 'deductions') && sources.includes(f)) f.name = nameFromFile(f.file, files.indexOf(f));
  const used = new Set<string>();
  for (const s of sources) {
    let name = s.name;
    for (let k = 2; used.has(name); k++) name = `${s.name}_${k}`;
    s.name = name;
    used.add(name);
  }

  const metrics: DraftMetric[] = [];
  const col = (f: DraftFile, logical: string): DraftColumn | undefined => f.columns.find((c) => c.logical === logical);
  const sales = sources.find((s) => s.role === 'sales' && s.rep !== undefined);
  if (sales) {
    const amount = col(sales, 'amount');
    const status = col(sales, 'status');
    const sv = status ? statusValues(status) : { won: [], lost: [] };
    const wonFilter = status && sv.won.length > 0 ? { column: status.logical, values: sv.won } : undefined;
    const statusInfo = status
      ? { source: sales.name, column: status, ...(sv.won.length ? { won: sv.won } : {}), ...(sv.lost.length ? { lost: sv.lost } : {}) }
      : undefined;
    if (amount && (amount.type === 'money' || amount.type === 'number')) {
      metrics.push({
        name: 'revenue',
        unit: 'money',
        category: 'financial',
        def: { kind: 'aggregate', agg: { source: sales.name, fn: 'sum', column: amount.logical, ...(wonFilter ? { filter: wonFilter } : {}) } },
        ...(statusInfo ? { status: statusInfo } : {}),
      });
    }
    if (wonFilter && statusInfo) {
      metrics.push({
        name: 'won_deals',
        unit: 'count',
        category: 'financial',
        def: { kind: 'aggregate', agg: { source: sales.name, fn: 'count', filter: wonFilter } },
        status: statusInfo,
      });
      if (sv.lost.length > 0 && status) {
        metrics.push({
          name: 'win_rate',
          unit: 'percent',
          category: 'process',
          def: {
            kind: 'ratio',
            numerator: 'won_deals',
            denominator: { source: sales.name, fn: 'count', filter: { column: status.logical, values: [...sv.won, ...sv.lost] } },
          },
          status: statusInfo,
        });
      }
    }
    // Collected per order, without a collections file: the share of the (won) orders' amount collected.
    const collected = col(sales, 'collected');
    const ownCollections = !sources.some((s) => s.role === 'collections' && s.rep !== undefined);
    if (ownCollections && amount && collected && isNumeric(amount) && isNumeric(collected)) {
      const filter = wonFilter ? { filter: wonFilter } : {};
      metrics.push({
        name: 'collection_rate',
        unit: 'percent',
        category: 'financial',
        def: {
          kind: 'ratio',
          numerator: { source: sales.name, fn: 'sum', column: collected.logical, ...filter },
          denominator: { source: sales.name, fn: 'sum', column: amount.logical, ...filter },
        },
        ...(statusInfo ? { status: statusInfo } : {}),
      });
    }
  }
  const collections = sources.find((s) => s.role === 'collections' && s.rep !== undefined);
  if (collections) {
    const collected = col(collections, 'collected');
    const invoiced = col(collections, 'invoiced');
    const numeric = (c: DraftColumn | undefined): c is DraftColumn => c !== undefined && isNumeric(c);
    if (numeric(collected) && numeric(invoiced)) {
      metrics.push({
        name: 'collection_rate',
        unit: 'percent',
        category: 'financial',
        def: {
          kind: 'ratio',
          numerator: { source: collections.name, fn: 'sum', column: collected.logical },
          denominator: { source: collections.name, fn: 'sum', column: invoiced.logical },
        },
      });
    } else if (numeric(collected)) {
      metrics.push({
        name: 'collected',
        unit: 'money',
        category: 'financial',
        def: { kind: 'aggregate', agg: { source: collections.name, fn: 'sum', column: collected.logical } },
      });
    }
  }
  if (metrics.length === 0) {
    // Nothing recognised to measure: count each rep's rows in the first source that names reps.
    const any = sources.find((s) => s.rep !== undefined);
    if (any) metrics.push({ name: 'records', unit: 'count', category: 'process', def: { kind: 'aggregate', agg: { source: any.name, fn: 'count' } } });
  }
  const chinese = files.some((f) => chineseHeaders(f.profile.columns));
  return {
    files,
    sources,
    ...(roster ? { roster } : {}),
    ...(targets ? { targets } : {}),
    ...(deductions ? { deductions } : {}),
    metrics,
    weights: spreadWeights(metrics.map((m) => [m.name, BASE_WEIGHT[m.name]])),
    currency: currencyOf(files, chinese),
    chinese,
  };
}
