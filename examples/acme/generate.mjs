#!/usr/bin/env node
// Writes the Acme sample data (examples/acme/data/*.csv) from a fixed seed.
// Deterministic: no clock, no Math.random, no dependencies. Running it again reproduces the committed files
// byte for byte, so a change to this file shows up as a diff in the data.
//
//   node examples/acme/generate.mjs [OUT_DIR]
//
// The story: 24 reps in three teams, sales from 2026-08 to 2026-11, scored for 2026-11. History months
// (Aug–Oct) sit a little below each target so the SMART "on tiptoe" checks pass: targets are above the
// rep's historical average and within 1.5 × their best month. November is planned per rep (PLAN below) so the
// ranked table spreads over every bonus tier. Deliberate quirks are listed in QUIRKS and in examples/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, day, isoOf } from '../seeded.mjs';

// An optional argument writes elsewhere (tests regenerate into a temp folder and compare with data/).
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), 'data');

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers
const rand = mulberry32(20261130);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const round1 = (x) => Math.round(x * 10) / 10;

// Calendar days as whole numbers since 1970-01-01 (UTC arithmetic only: no time zone can shift a date).
/** A few dates are written the way a CRM's "local format" export writes them: 2026/11/3. */
const slashOf = (d) => {
  const [y, m, dd] = isoOf(d).split('-');
  return `${y}/${+m}/${+dd}`;
};

const MONTHS = [
  { label: '2026-08', start: day('2026-08-01'), end: day('2026-08-31') },
  { label: '2026-09', start: day('2026-09-01'), end: day('2026-09-30') },
  { label: '2026-10', start: day('2026-10-01'), end: day('2026-10-31') },
  { label: '2026-11', start: day('2026-11-01'), end: day('2026-11-30') },
];
const NOV = '2026-11';

// ---------------------------------------------------------------------------------------------------------
// CSV writing: RFC 4180 quoting, fixed line ending per file.
function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(name, header, rows, { eol = '\n', bom = false } = {}) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  const text = (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
  writeFileSync(join(OUT, name), text, 'utf8');
  return rows.length;
}

/** Money as "12,345.67" (the CRM's usual export), with the odd "$12,345.67", "12345.67" or "12,000". */
function money(cents, style = 'plain') {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString();
  const frac = String(abs % 100).padStart(2, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let s;
  if (style === 'dollar') s = `$${grouped}.${frac}`;
  else if (style === 'bare') s = `${whole}.${frac}`;
  else if (style === 'nocents' && frac === '00') s = grouped;
  else s = `${grouped}.${frac}`;
  return neg ? `(${s})` : s;
}
function messyMoneyStyle() {
  const r = rand();
  return r < 0.08 ? 'dollar' : r < 0.14 ? 'bare' : r < 0.18 ? 'nocents' : 'plain';
}
const messyDate = (d) => (rand() < 0.04 ? slashOf(d) : isoOf(d));

// ---------------------------------------------------------------------------------------------------------
// The roster. base = monthly target incentive in cents.
const REPS = [
  // East
  { id: 'R101', name: 'Olivia Bennett', team: 'East', role: 'senior_ae', base: 1100000, start: '2019-03-04' },
  { id: 'R102', name: 'Marcus Reid', team: 'East', role: 'account_executive', base: 550000, start: '2023-06-12' },
  { id: 'R103', name: 'Priya Raman', team: 'East', role: 'senior_ae', base: 1400000, start: '2017-09-18' },
  { id: 'R104', name: 'Daniel Kowalski', team: 'East', role: 'account_executive', base: 500000, start: '2025-02-03' },
  { id: 'R105', name: "Siobhán O'Brien", team: 'East', role: 'account_executive', base: 600000, start: '2021-11-15' },
  { id: 'R106', name: 'Ethan Brooks', team: 'East', role: 'account_executive', base: 550000, start: '2024-03-04', startWritten: '2024/3/4' },
  { id: 'R107', name: 'Grace Liu', team: 'East', role: 'account_executive', base: 600000, start: '2022-08-22' },
  { id: 'R108', name: 'Tomás Herrera', team: 'East', role: 'account_executive', base: 500000, start: '2025-07-01' },
  // West
  { id: 'R109', name: 'Hannah Schmidt', team: 'West', role: 'senior_ae', base: 1000000, start: '2018-05-07' },
  { id: 'R110', name: 'Jamal Carter', team: 'West', role: 'account_executive', base: 650000, start: '2020-01-13' },
  { id: 'R111', name: 'Emily Novak', team: 'West', role: 'account_executive', base: 550000, start: '2023-10-02' },
  { id: 'R112', name: 'Lucas Ferreira', team: 'West', role: 'account_executive', base: 500000, start: '2026-11-09' },
  { id: 'R113', name: 'Aisha Mensah', team: 'West', role: 'senior_ae', base: 1100000, start: '2016-04-25' },
  { id: 'R114', name: 'Chloé Dubois', team: 'West', role: 'account_executive', base: 550000, start: '2022-02-14' },
  { id: 'R115', name: 'Ryan Mitchell', team: 'West', role: 'account_executive', base: 600000, start: '' },
  { id: 'R116', name: 'Sofia Rossi', team: 'West', role: 'account_executive', base: 500000, start: '2024-09-09' },
  // North
  { id: 'R117', name: 'Erik Lindqvist', team: 'North', role: 'senior_ae', base: 1000000, start: '2019-08-19' },
  { id: 'R118', name: 'Fatima Zahra', team: 'North', role: 'account_executive', base: 650000, start: '2021-03-29' },
  { id: 'R119', name: 'Noah Peterson', team: 'North', role: 'account_executive', base: 600000, start: '2022-11-07' },
  { id: 'R120', name: 'Mei Tanaka', team: 'North', role: 'account_executive', base: 500000, start: '2024-01-08' },
  { id: 'R121', name: 'Viktor Petrov', team: 'North', role: 'senior_ae', base: 1200000, start: '2018-10-01' },
  { id: 'R122', name: 'Zoe Adams', team: 'North', role: 'account_executive', base: 500000, start: '2025-05-19' },
  { id: 'R123', name: 'Samuel Okafor', team: 'North', role: 'account_executive', base: 550000, start: '2023-01-23' },
  { id: 'R124', name: 'Ingrid Larsen', team: 'North', role: 'account_executive', base: 500000, start: '2026-11-16' },
];

// November revenue targets: the scheme's defaults, and the per-rep overrides written to targets.csv.
const DEFAULT_TARGET = { account_executive: 60000, senior_ae: 90000 };
const TARGET_OVERRIDES = [
  ['R103', 'revenue', NOV, 110000], // top senior: raised quota
  ['R109', 'revenue', NOV, 80000], // two key accounts moved to R113 in October
  ['R112', 'revenue', NOV, 30000], // new hire ramp
  ['R124', 'revenue', NOV, 20000], // new hire ramp
  ['R103', 'revenue', '2026-10', 100000], // another period: must not apply to 2026-11
];
const novTarget = (rep) => TARGET_OVERRIDES.find(([id, m, p]) => id === rep.id && m === 'revenue' && p === NOV)?.[3] ?? DEFAULT_TARGET[rep.role];

// November plan per rep. f = revenue / target, wr = win rate, n = new customers, c = collection rate,
// d = average days to collect, s = CSAT (null = no survey). The comment is the tier the plan aims at.
const PLAN = {
  R101: { f: 1.1, wr: 0.33, n: 4, c: 0.96, d: 27, s: 4.6 }, // On plan
  R102: { f: 0.95, wr: 0.28, n: 3, c: 0.92, d: 32, s: 4.6 }, // Near plan
  R103: { f: 1.45, wr: 0.4, n: 6, c: 0.99, d: 22, s: 4.8 }, // Stretch; bonus above max_payout
  R104: { f: 0.65, wr: 0.2, n: 1, c: 0.88, d: 38, s: 4.2 }, // Below plan
  R105: { f: 1.32, wr: 0.38, n: 6, c: 0.98, d: 22, s: 4.6 }, // Stretch, 5-point deduction drops to On plan
  R106: { f: 0.9, wr: 0.3, n: 4, c: 0.93, d: 30, s: 4.3 }, // Near plan (+ the malformed-amount row)
  R107: { f: 1.15, wr: 0.32, n: 5, c: 0.95, d: 28, s: 4.5 }, // On plan (+ a credit note)
  R108: { f: 0.5, wr: 0.18, n: 2, c: 0.91, d: 35, s: 4.0 }, // Below plan
  R109: { f: 0.92, wr: 0.29, n: 3, c: 0.93, d: 31, s: 4.5 }, // Near plan
  R110: { f: 1.5, wr: 0.42, n: 7, c: 1.0, d: 18, s: 4.7 }, // Stretch
  R111: { f: 0.85, wr: 0.27, n: 3, c: 0.95, d: 31, s: 4.5 }, // Near plan
  R112: { f: 1.0, wr: 0.3, n: 2, c: 0.9, d: 25, s: null }, // Near plan, new hire (prorated), no CSAT yet
  R113: { f: 1.2, wr: 0.35, n: 5, c: 0.97, d: 26, s: 4.7 }, // On plan
  R114: null, // on leave all November: no rows anywhere
  R115: { f: 1.08, wr: 0.3, n: 4, c: 0.96, d: 26, s: 4.6 }, // On plan
  R116: { f: 0.78, wr: 0.25, n: 3, c: 0.92, d: 33, s: 4.5 }, // Below plan, amount deduction
  R117: { f: 0.88, wr: 0.26, n: 2, c: 0.9, d: 33, s: 4.6 }, // Near plan
  R118: { f: 1.38, wr: 0.37, n: 6, c: 0.98, d: 23, s: 4.6 }, // Stretch
  R119: { f: 1.1, wr: 0.31, n: 4, c: 0.95, d: 28, s: 4.5 }, // On plan
  R120: { f: 0.7, wr: 0.22, n: 2, c: 0.86, d: 40, s: 4.1 }, // Below plan
  R121: { f: 1.25, wr: 0.34, n: 5, c: 0.74, d: 36, s: 4.6 }, // On plan by score, but collection gate fails
  R122: { f: 0.72, wr: 0.24, n: 3, c: 0.9, d: 34, s: 4.4 }, // Below plan
  R123: { f: 0.97, wr: 0.3, n: 4, c: 0.95, d: 30, s: 4.4 }, // Near plan
  R124: { f: 0.55, wr: 0.2, n: 1, c: 0.85, d: 24, s: null }, // Below plan, new hire (prorated), no CSAT yet
};

/** History months: a little under target, so targets are "on tiptoe" (above average, within reach of the best). */
function historyPlan(rep) {
  const west = rep.team === 'West';
  return {
    f: 0.7 + rand() * 0.26,
    wr: 0.2 + rand() * 0.07,
    n: west ? int(2, 3) : int(3, 4),
    c: 0.86 + rand() * 0.08,
    d: int(32, 42),
    s: round1(3.9 + rand() * 0.55),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Generation
const customers = []; // { ref, name, owner, segment, signed, messyDate }
const deals = []; // { rep, customer, region, stage, cents, created, closed, style }
const invoices = []; // { rep, invoiced, collected, date, paid }
const csat = []; // [rep, month, score]

const COMPANY_A = [
  'Northwind',
  'Bluebird',
  'Summit',
  'Harbor',
  'Cedar',
  'Ironclad',
  'Silverline',
  'Maple',
  'Granite',
  'Orion',
  'Pioneer',
  'Redwood',
  'Beacon',
  'Lakeside',
  'Crescent',
  'Evergreen',
  'Falcon',
  'Keystone',
  'Meridian',
  'Riverbend',
  'Sterling',
  'Tidewater',
  'Vanguard',
  'Willow',
];
const COMPANY_B = [
  'Logistics',
  'Foods',
  'Dental Group',
  'Manufacturing',
  'Analytics',
  'Outfitters',
  'Health',
  'Builders',
  'Labs',
  'Hospitality',
  'Energy',
  'Legal LLP',
  'Media',
  'Robotics',
  'Clinics',
  'Realty',
];
// Names a CRM really holds: commas, quotes, ampersands, accents. They sit in an unmapped column.
const ODD_NAMES = [
  'Smith, Jones & Partners',
  'Bob\'s "Best" Bakery',
  'Müller Maschinenbau GmbH',
  'Café Olé, Inc.',
  'Łódź Trading Sp. z o.o.',
  'AT&T Reseller #42',
];
const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
let oddName = 0;
function newCustomer(rep, signed) {
  const name = rand() < 0.03 && oddName < ODD_NAMES.length ? ODD_NAMES[oddName++] : `${pick(COMPANY_A)} ${pick(COMPANY_B)}`;
  const c = { owner: rep.id, name, segment: pick(SEGMENTS), signed };
  customers.push(c);
  return c;
}

// Existing accounts, ten per rep (new hires inherit accounts too), all signed before 2025-07: more than a year
// before the scored month, so they do not count as new customers in any month the SMART history looks at.
const pools = new Map();
for (const rep of REPS) {
  const pool = [];
  for (let i = 0; i < 10; i++) pool.push(newCustomer(rep, day('2023-01-02') + int(0, 900)));
  pools.set(rep.id, pool);
}

/** Splits `totalCents` into `k` positive parts that add up exactly. */
function split(totalCents, k) {
  const w = Array.from({ length: k }, () => 0.6 + rand());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.round((totalCents * x) / sum / 100) * 100); // whole dollars, like most quotes
  parts[k - 1] = totalCents - parts.slice(0, k - 1).reduce((a, b) => a + b, 0);
  return parts;
}

function genRepMonth(rep, month, plan) {
  const first = rep.start ? Math.max(month.start, day(rep.start)) : month.start;
  const last = month.end;
  const target = novTarget(rep);
  const size = rep.role === 'senior_ae' ? 21000 : 12500;
  const total = Math.round(plan.f * target) * 100;
  const won = Math.max(plan.n, 1, Math.round((plan.f * target) / size));
  const lost = Math.max(0, Math.round((won * (1 - plan.wr)) / plan.wr));
  const cycleMean = rep.role === 'senior_ae' ? 45 : 28;
  const region = rep.team;
  const closeDay = () => int(first, last);
  // A rep who joined this month cannot have opened a deal before joining.
  const earliest = first > month.start ? first : -Infinity;
  const createdFor = (closed) => Math.max(closed - Math.max(3, cycleMean + int(-15, 15)), earliest);
  const pool = pools.get(rep.id);

  const wonAmounts = split(total, won);
  const wonDeals = [];
  for (let i = 0; i < won; i++) {
    const closed = closeDay();
    const customer = i < plan.n ? newCustomer(rep, closed) : pick(pool);
    wonDeals.push({
      rep: rep.id,
      customer,
      region: rand() < 0.05 ? pick(['East', 'West', 'North']) : region,
      stage: 'Won',
      cents: wonAmounts[i],
      created: createdFor(closed),
      closed,
      style: messyMoneyStyle(),
    });
  }
  deals.push(...wonDeals);
  for (let i = 0; i < lost; i++) {
    const closed = closeDay();
    deals.push({
      rep: rep.id,
      customer: pick(pool),
      region,
      stage: 'Lost',
      cents: Math.round(size * (0.4 + rand() * 1.2)) * 100,
      created: createdFor(closed),
      closed,
      style: messyMoneyStyle(),
    });
  }
  if (month.label === NOV) {
    // Open pipeline: expected close dates after November, so open deals never land in a scored period.
    for (let i = int(1, 3); i > 0; i--) {
      const created = int(first, last);
      deals.push({
        rep: rep.id,
        customer: pick(pool),
        region,
        stage: 'Open',
        cents: Math.round(size * (0.5 + rand())) * 100,
        created,
        closed: day('2026-12-01') + int(0, 60),
        style: messyMoneyStyle(),
      });
    }
  }

  // One invoice per won deal, dated in the same month; the rep's collection rate decides how much was paid.
  const monthInvoices = wonDeals.map((d) => ({ rep: rep.id, invoiced: d.cents, collected: 0, date: Math.min(d.closed + int(0, 2), last), paid: null }));
  const invoicedTotal = monthInvoices.reduce((a, x) => a + x.invoiced, 0);
  let toCollect = Math.round(invoicedTotal * plan.c);
  for (const inv of monthInvoices) {
    if (toCollect <= 0) break;
    inv.collected = Math.min(inv.invoiced, toCollect);
    toCollect -= inv.collected;
    inv.paid = inv.date + Math.max(5, plan.d + int(-6, 6));
  }
  invoices.push(...monthInvoices);

  if (plan.s !== null) csat.push([rep.id, month.label, plan.s]);
}

for (const month of MONTHS) {
  for (const rep of REPS) {
    if (month.label !== NOV) {
      if (rep.start && day(rep.start) > month.end) continue;
      genRepMonth(rep, month, historyPlan(rep));
    } else if (PLAN[rep.id]) {
      genRepMonth(rep, month, PLAN[rep.id]);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Quirks a real export has. Each one is documented in examples/README.md; tests assert them.
const QUIRKS = {
  // A credit note booked as a won order with a negative amount in accounting brackets: it counts as a won deal
  // but the revenue filter (amount > 0) leaves it out.
  creditNote: {
    rep: 'R107',
    customer: pools.get('R107')[0],
    region: 'East',
    stage: 'Won',
    cents: -125000,
    created: day('2026-11-20'),
    closed: day('2026-11-20'),
    style: 'plain',
  },
  // A rep id nobody has on the roster (a leaver still owning an order): reported as an unknown rep.
  unknownRep: {
    rep: 'R130',
    customer: pools.get('R101')[1],
    region: 'East',
    stage: 'Won',
    cents: 840000,
    created: day('2026-10-19'),
    closed: day('2026-11-06'),
    style: 'plain',
  },
  // A typo in the amount (letter O for zero): reported as a malformed value, the row skipped.
  malformed: {
    rep: 'R106',
    customer: pools.get('R106')[2],
    region: 'East',
    stage: 'Won',
    cents: 1240000,
    created: day('2026-10-27'),
    closed: day('2026-11-18'),
    style: 'plain',
    raw: '12,4O0.00',
  },
};
deals.push(QUIRKS.creditNote, QUIRKS.unknownRep, QUIRKS.malformed);

// ---------------------------------------------------------------------------------------------------------
// Ids follow creation order, as a CRM numbers them.
customers.forEach((c, i) => {
  c.index = i;
});
[...customers]
  .sort((a, b) => a.signed - b.signed || a.index - b.index)
  .forEach((c, i) => {
    c.id = `C${1001 + i}`;
  });
deals.forEach((d, i) => {
  d.index = i;
});
const sortedDeals = [...deals].sort((a, b) => a.created - b.created || a.index - b.index);
sortedDeals.forEach((d, i) => {
  d.id = `SO-${26000 + i + 1}`;
});

mkdirSync(OUT, { recursive: true });
const counts = {};

counts['reps.csv'] = writeCsv(
  'reps.csv',
  ['Rep ID', 'Name', 'Team', 'Role', 'Target Incentive', 'Start Date', 'Email'],
  REPS.map((r) => [
    r.id,
    r.name,
    r.team,
    r.role,
    money(r.base),
    r.startWritten ?? r.start,
    `${r.name
      .split(' ')[0]
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}@acme.example`,
  ]),
);

counts['sales.csv'] = writeCsv(
  'sales.csv',
  ['Order ID', 'Sales Rep ID', 'Customer ID', 'Region', 'Stage', 'Amount', 'Created', 'Close Date'],
  sortedDeals.map((d) => [d.id, d.rep, d.customer.id, d.region, d.stage, d.raw ?? money(d.cents, d.style), messyDate(d.created), messyDate(d.closed)]),
);

// Excel's "CSV UTF-8" export: a byte-order mark, and an extra unmapped column with awkward names.
counts['customers.csv'] = writeCsv(
  'customers.csv',
  ['Customer ID', 'Customer Name', 'Account Owner', 'Segment', 'Signed On'],
  [...customers].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [c.id, c.name, c.owner, c.segment, messyDate(c.signed)]),
  { bom: true },
);

// The ERP export uses Windows line endings.
invoices.forEach((x, i) => {
  x.index = i;
});
const sortedInvoices = [...invoices].sort((a, b) => a.date - b.date || a.index - b.index);
counts['collections.csv'] = writeCsv(
  'collections.csv',
  ['Invoice No', 'Rep ID', 'Invoiced Amount', 'Collected Amount', 'Invoice Date', 'Paid Date'],
  sortedInvoices.map((x, i) => [
    `INV-${String(i + 1).padStart(5, '0')}`,
    x.rep,
    money(x.invoiced),
    money(x.collected),
    messyDate(x.date),
    x.paid === null ? '' : messyDate(x.paid),
  ]),
  { eol: '\r\n' },
);

counts['csat.csv'] = writeCsv(
  'csat.csv',
  ['Rep ID', 'Month', 'CSAT'],
  csat.map(([rep, m, s]) => [rep, m, Number.isInteger(s) ? String(s) : s.toFixed(1)]),
);

counts['targets.csv'] = writeCsv('targets.csv', ['Rep ID', 'Metric', 'Period', 'Target'], TARGET_OVERRIDES);

counts['penalties.csv'] = writeCsv(
  'penalties.csv',
  ['Rep ID', 'Date', 'Points', 'Amount', 'Reason'],
  [
    ['R105', '2026-11-12', '5', '', 'Late CRM updates on 3 deals'],
    // Starts with "-": outputs must write it as text, never as a formula.
    ['R116', '2026-11-20', '', '250.00', '-10% discount given without approval'],
    // October: outside the scored period, must not apply to 2026-11.
    ['R107', '2026-10-15', '10', '500.00', 'Expense policy breach'],
  ],
);

for (const [file, n] of Object.entries(counts)) process.stdout.write(`${join('data', file)}: ${n} rows\n`);
