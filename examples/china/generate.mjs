#!/usr/bin/env node
// Writes the China sample data (examples/china/data/*.csv) from a fixed seed: Chinese headers, a GB18030
// sales export (as a Chinese-locale Excel or CRM writes it), a UTF-8-with-BOM roster, a plain UTF-8
// collections file. Deterministic, no dependencies: Node can decode GB18030 but not encode it, so the
// encoder below is built by inverting Node's own decoder (TextDecoder('gb18030')) for the characters we use.
//
//   node examples/china/generate.mjs [OUT_DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, day, isoOf } from '../seeded.mjs';

// An optional argument writes elsewhere (tests regenerate into a temp folder and compare with data/).
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), 'data');

const rand = mulberry32(8888);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

/** Chinese-locale Excel writes 2026/11/5; a few rows (typed in by hand) are ISO. */
const cnDate = (d) => {
  if (rand() < 0.05) return isoOf(d);
  const [y, m, dd] = isoOf(d).split('-');
  return `${y}/${+m}/${+dd}`;
};

const MONTHS = [
  { label: '2026-10', start: day('2026-10-01'), end: day('2026-10-31') },
  { label: '2026-11', start: day('2026-11-01'), end: day('2026-11-30') },
];
const NOV = '2026-11';

// ---------------------------------------------------------------------------------------------------------
// GB18030 encoding by inverting the decoder: every 2-byte code (GBK area) and the 4-byte codes of the BMP.
let gbTable = null;
function gbTableBuild() {
  const dec = new TextDecoder('gb18030', { fatal: true });
  const map = new Map();
  const add = (bytes) => {
    let ch;
    try {
      ch = dec.decode(Uint8Array.from(bytes));
    } catch {
      return;
    }
    if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, bytes);
  };
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) add([a, b]);
  for (let a = 0x81; a <= 0x84; a++) for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) add([a, b, c, d]);
  return map;
}
function encodeGb18030(text) {
  gbTable ??= gbTableBuild();
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const bytes = gbTable.get(ch);
    if (!bytes) throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
    out.push(...bytes);
  }
  const buf = Buffer.from(out);
  if (new TextDecoder('gb18030').decode(buf) !== text) throw new Error('GB18030 round trip failed');
  return buf;
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(name, header, rows, { encoding = 'utf-8', bom = false, eol = '\r\n' } = {}) {
  const text = [header, ...rows].map((r) => r.map(csvField).join(',')).join(eol) + eol;
  const bytes = encoding === 'gb18030' ? encodeGb18030(text) : Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
  writeFileSync(join(OUT, name), bytes);
  return rows.length;
}

/** ¥12,345.00 — as the CRM exports it; the odd row without the symbol or without decimals. */
function yuan(fen, style = 'symbol') {
  const whole = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = String(fen % 100).padStart(2, '0');
  if (style === 'plain') return `${whole}.${frac}`;
  if (style === 'nodecimals' && frac === '00') return `¥${whole}`;
  return `¥${whole}.${frac}`;
}
const messyYuanStyle = () => {
  const r = rand();
  return r < 0.06 ? 'plain' : r < 0.1 ? 'nodecimals' : 'symbol';
};

// ---------------------------------------------------------------------------------------------------------
// Roster: base = monthly target bonus in fen. role: sales_rep (销售代表) or key_account (大客户经理).
const REPS = [
  { id: 'XS001', name: '张伟', team: '华东', role: 'key_account', base: 1800000, start: '2018-03-12' },
  { id: 'XS002', name: '王芳', team: '华东', role: 'sales_rep', base: 1000000, start: '2021-07-01' },
  { id: 'XS003', name: '李娜', team: '华东', role: 'sales_rep', base: 900000, start: '2023-02-20' },
  { id: 'XS004', name: '刘洋', team: '华东', role: 'sales_rep', base: 800000, start: '2024-09-02' },
  { id: 'XS005', name: '陈静', team: '华南', role: 'key_account', base: 2000000, start: '2016-11-07' },
  { id: 'XS006', name: '杨磊', team: '华南', role: 'sales_rep', base: 1000000, start: '2020-05-18' },
  { id: 'XS007', name: '赵敏', team: '华南', role: 'sales_rep', base: 900000, start: '2022-10-10' },
  { id: 'XS008', name: '黄强', team: '华南', role: 'sales_rep', base: 800000, start: '2025-03-03' },
  { id: 'XS009', name: '周婷', team: '华北', role: 'key_account', base: 1600000, start: '2019-06-24' },
  { id: 'XS010', name: '吴昊', team: '华北', role: 'sales_rep', base: 1000000, start: '2021-01-04' },
  { id: 'XS011', name: '徐丽', team: '华北', role: 'sales_rep', base: 900000, start: '2023-08-14' },
  { id: 'XS012', name: '孙浩', team: '华北', role: 'sales_rep', base: 800000, start: '2025-04-21' },
  { id: 'XS013', name: '欧阳娜娜', team: '华东', role: 'key_account', base: 1500000, start: '2020-12-01' },
  { id: 'XS014', name: '马超', team: '华北', role: 'sales_rep', base: 800000, start: '2024-02-26' },
];
const TARGET = { sales_rep: 300000, key_account: 500000 };

// November plan: f = revenue / target, wr = win rate, n = distinct customers won, c = collection rate.
const PLAN = {
  XS001: { f: 1.6, wr: 0.5, n: 6, c: 1.0 }, // 卓越 ×1.6; revenue over ¥400,000 → retroactive 1.5 % on all of it
  XS002: { f: 1.15, wr: 0.4, n: 6, c: 0.95 }, // 超额 ×1.3
  XS003: { f: 0.95, wr: 0.35, n: 5, c: 0.9 }, // 达标 ×1.0
  XS004: { f: 0.6, wr: 0.25, n: 3, c: 0.85 }, // 未达标 ×0
  XS005: { f: 1.05, wr: 0.36, n: 5, c: 0.92 }, // 达标 ×1.0; revenue just over ¥500,000
  XS006: { f: 0.82, wr: 0.3, n: 4, c: 0.88 }, // 基本达标 ×0.6
  XS007: { f: 1.3, wr: 0.45, n: 6, c: 0.97 }, // 超额 ×1.3
  XS008: { f: 0.5, wr: 0.2, n: 2, c: 0.8 }, // 未达标 ×0
  XS009: { f: 0.9, wr: 0.33, n: 4, c: 0.9 }, // 达标 or 基本达标 (close to the 90 % line)
  XS010: { f: 1.0, wr: 0.36, n: 5, c: 0.93 }, // 达标 ×1.0
  XS011: { f: 0.75, wr: 0.28, n: 4, c: 0.86 }, // 基本达标 ×0.6
  XS012: { f: 0.62, wr: 0.3, n: 3, c: 0.9 }, // 基本达标 / 未达标
  XS013: { f: 1.2, wr: 0.4, n: 6, c: 0.98 }, // 超额 ×1.3
  XS014: { f: 1.5, wr: 0.5, n: 7, c: 1.0 }, // 卓越 ×1.6
};
// October: a little below target (targets sit above last month and within 1.5 × of it).
const historyPlan = () => ({ f: 0.72 + rand() * 0.24, wr: 0.27 + rand() * 0.06, n: int(4, 5), c: 0.8 + rand() * 0.09 });

const CITY = ['上海', '杭州', '南京', '苏州', '广州', '深圳', '厦门', '北京', '天津', '青岛', '济南', '宁波'];
const WORD = ['华信', '恒通', '鼎盛', '瑞丰', '新宇', '东方', '金桥', '汇通', '长城', '海纳', '中科', '博远', '天成', '永泰'];
const KIND = ['科技有限公司', '贸易有限公司', '电子股份有限公司', '物流有限公司', '医疗器械有限公司', '食品有限公司'];
const usedNames = new Set();
function customerName() {
  for (;;) {
    let n = `${pick(CITY)}${pick(WORD)}${pick(KIND)}`;
    if (rand() < 0.04) n = n.replace('有限公司', '有限公司（分公司）');
    if (!usedNames.has(n)) {
      usedNames.add(n);
      return n;
    }
  }
}
const pools = new Map(REPS.map((r) => [r.id, Array.from({ length: 12 }, customerName)]));

function split(total, k) {
  const w = Array.from({ length: k }, () => 0.6 + rand());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.round((total * x) / sum / 10000) * 10000); // whole hundreds of yuan
  parts[k - 1] = total - parts.slice(0, k - 1).reduce((a, b) => a + b, 0);
  return parts;
}

const deals = [];
const invoices = [];
function genRepMonth(rep, month, plan) {
  const size = rep.role === 'key_account' ? 90000 : 50000;
  const target = TARGET[rep.role];
  const total = Math.round(plan.f * target) * 100;
  const won = Math.max(plan.n, Math.round((plan.f * target) / size));
  const lost = Math.round((won * (1 - plan.wr)) / plan.wr);
  const pool = pools.get(rep.id);
  const closeDay = () => int(month.start, month.end);
  const createdFor = (closed) => closed - int(7, 40);
  const amounts = split(total, won);
  const wonDeals = amounts.map((fen, i) => {
    const closed = closeDay();
    // The first n deals go to n different customers; the rest are repeat orders from them.
    return {
      rep,
      customer: i < plan.n ? pool[i] : pool[int(0, plan.n - 1)],
      status: '已成交',
      fen,
      created: createdFor(closed),
      closed,
      style: messyYuanStyle(),
    };
  });
  deals.push(...wonDeals);
  for (let i = 0; i < lost; i++) {
    const closed = closeDay();
    deals.push({
      rep,
      customer: pick(pool),
      status: '已丢单',
      fen: Math.round(size * (0.4 + rand())) * 100,
      created: createdFor(closed),
      closed,
      style: messyYuanStyle(),
    });
  }
  if (month.label === NOV) {
    for (let i = int(1, 3); i > 0; i--) {
      deals.push({
        rep,
        customer: pick(pool),
        status: '跟进中',
        fen: Math.round(size * (0.5 + rand())) * 100,
        created: closeDay(),
        closed: day('2026-12-05') + int(0, 50),
        style: messyYuanStyle(),
      });
    }
  }
  const monthInvoices = wonDeals.map((d) => ({ rep, invoiced: d.fen, collected: 0, date: Math.min(d.closed + int(0, 3), month.end), paid: null }));
  let left = Math.round(monthInvoices.reduce((a, x) => a + x.invoiced, 0) * plan.c);
  for (const inv of monthInvoices) {
    if (left <= 0) break;
    inv.collected = Math.min(inv.invoiced, left);
    left -= inv.collected;
    inv.paid = inv.date + int(10, 40);
  }
  invoices.push(...monthInvoices);
}
for (const month of MONTHS) for (const rep of REPS) genRepMonth(rep, month, month.label === NOV ? PLAN[rep.id] : historyPlan());

// 回款 beyond the months above: older invoices paid late in November (aging 31–60, 61–90 and over 90 days) and
// a partial payment. No random draws here (the CSV writers below draw for date styles), so the rows above keep
// their values.
const late = [
  { id: 'XS002', invoiced: 4800000, share: 1, date: '2026-09-20', paid: '2026-11-06' }, // 47 days → 80 %
  { id: 'XS006', invoiced: 3600000, share: 1, date: '2026-08-28', paid: '2026-11-12' }, // 76 days → 50 %
  { id: 'XS010', invoiced: 2500000, share: 1, date: '2026-07-15', paid: '2026-11-16' }, // 124 days → 0
  { id: 'XS005', invoiced: 9000000, share: 0.4, date: '2026-10-28', paid: '2026-11-20' }, // partial, 23 days → 100 %
];
for (const x of late) {
  const rep = REPS.find((r) => r.id === x.id);
  invoices.push({ rep, invoiced: x.invoiced, collected: Math.round(x.invoiced * x.share), date: day(x.date), paid: day(x.paid) });
  // Late payers: another invoice of that month is still open (so those months' 回款率 is no easy benchmark).
  if (x.share === 1) invoices.push({ rep, invoiced: x.invoiced, collected: 0, date: day(x.date), paid: null });
}

// 红线 (violations): rule broken and the reason, one row each; finance's UTF-8 export.
const VIOLATIONS = [
  ['XS002', '2026-11-04', '迟报', '11月第1周周报未按时提交'],
  ['XS006', '2026-11-13', '违规折扣', '订单超权限折扣 8%'],
  ['XS007', '2026-11-18', '客户投诉', '客户投诉：交付延误'],
  ['XS012', '2026-11-25', '虚假报单', '虚报成交订单一笔（一票否决）'],
  ['XS003', '2026-10-15', '迟报', '10月周报未按时提交'],
];

// ---------------------------------------------------------------------------------------------------------
deals.forEach((d, i) => {
  d.index = i;
});
const sorted = [...deals].sort((a, b) => a.created - b.created || a.index - b.index);
mkdirSync(OUT, { recursive: true });
const counts = {};

// GB18030, CRLF: a Chinese-locale Excel "CSV (逗号分隔)" export.
counts['sales.csv'] = writeCsv(
  'sales.csv',
  ['订单编号', '工号', '销售代表', '客户名称', '区域', '状态', '金额', '下单日期', '日期'],
  sorted.map((d, i) => [
    `DD2026${String(i + 1).padStart(5, '0')}`,
    d.rep.id,
    d.rep.name,
    d.customer,
    d.rep.team,
    d.status,
    yuan(d.fen, d.style),
    cnDate(d.created),
    cnDate(d.closed),
  ]),
  { encoding: 'gb18030' },
);

// Excel "CSV UTF-8 (逗号分隔)": UTF-8 with a byte-order mark.
counts['reps.csv'] = writeCsv(
  'reps.csv',
  ['工号', '姓名', '团队', '岗位', '目标奖金', '入职日期'],
  REPS.map((r) => [r.id, r.name, r.team, r.role, yuan(r.base), cnDate(day(r.start))]),
  { bom: true },
);

// Finance system export: plain UTF-8, LF.
invoices.forEach((x, i) => {
  x.index = i;
});
counts['collections.csv'] = writeCsv(
  'collections.csv',
  ['发票号', '工号', '开票金额', '回款金额', '开票日期', '回款日期'],
  [...invoices]
    .sort((a, b) => a.date - b.date || a.index - b.index)
    .map((x, i) => [`FP${String(i + 1).padStart(6, '0')}`, x.rep.id, yuan(x.invoiced), yuan(x.collected), isoOf(x.date), x.paid === null ? '' : isoOf(x.paid)]),
  { eol: '\n' },
);

counts['violations.csv'] = writeCsv('violations.csv', ['工号', '日期', '违规类型', '说明'], VIOLATIONS, { eol: '\n' });

for (const [file, n] of Object.entries(counts)) process.stdout.write(`${join('data', file)}: ${n} rows\n`);
