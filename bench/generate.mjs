// Benchmark data: 500 reps and sales / customers / collections exports of any size, shaped like the Acme
// example (same headers, same money and date styles) so examples/acme/scheme.yaml scores them unchanged.
// Deterministic: seeded PRNG (mulberry32), no clock, no Math.random. A small manifest records what each file
// was generated from (row count, seed, a hash of this file and of the Acme scheme), so re-runs reuse files.
//
//   node bench/generate.mjs [ROWS] [--xlsx]     writes bench/out/kpi-<ROWS>/ (default 100000)
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, day } from '../examples/seeded.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const OUT_ROOT = join(here, 'out');
const ACME_SCHEME = resolve(here, '..', 'examples', 'acme', 'scheme.yaml');
export const REPS = 500;
const SEED = 20261130;
const PERIOD = '2026-11';

// ---------------------------------------------------------------------------------------------------------
// PRNG and calendar helpers

// Whole days since 1970-01-01, UTC only: no time zone can move a date.
const DAY0 = day('2015-01-01');
const DAY_END = day('2027-12-31');
// Formatting a date is the hot path of generation: precompute both written styles once.
const ISO = [];
const SLASH = [];
for (let d = DAY0; d <= DAY_END; d++) {
  const iso = new Date(d * 86400000).toISOString().slice(0, 10);
  ISO.push(iso);
  SLASH.push(`${iso.slice(0, 4)}/${+iso.slice(5, 7)}/${+iso.slice(8, 10)}`);
}
const isoOf = (d) => ISO[d - DAY0];
const HISTORY_START = day('2026-08-01'); // three history months before the scored November
const NOV_START = day('2026-11-01');
const NOV_END = day('2026-11-30');
const SPAN = NOV_END - HISTORY_START + 1; // 122 days, four months

/** "12,345.67" (the CRM's usual export); "$12,345.67" or "12345.67" now and then. Negative in brackets. */
export function money(cents, style) {
  const neg = cents < 0;
  const abs = neg ? -cents : cents;
  const whole = String(Math.floor(abs / 100));
  const c = abs % 100;
  const frac = c < 10 ? '0' + c : String(c);
  let grouped = whole;
  if (style !== 'bare' && whole.length > 3) {
    grouped = '';
    let i = whole.length % 3 || 3;
    grouped = whole.slice(0, i);
    for (; i < whole.length; i += 3) grouped += ',' + whole.slice(i, i + 3);
  }
  const s = (style === 'dollar' ? '$' : '') + grouped + '.' + frac;
  return neg ? `(${s})` : s;
}
const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// ---------------------------------------------------------------------------------------------------------
// The roster: 500 reps in three teams, every fifth a senior AE. perf spreads the reps over every bonus tier;
// collect is each rep's collection rate (a few fall under the 80% gate).
const FIRST = [
  'Olivia',
  'Marcus',
  'Priya',
  'Daniel',
  'Siobhán',
  'Ethan',
  'Grace',
  'Tomás',
  'Hannah',
  'Jamal',
  'Emily',
  'Lucas',
  'Aisha',
  'Chloé',
  'Ryan',
  'Sofia',
  'Erik',
  'Fatima',
  'Noah',
  'Mei',
  'Viktor',
  'Zoe',
  'Samuel',
  'Ingrid',
];
const LAST = [
  'Bennett',
  'Reid',
  'Raman',
  'Kowalski',
  "O'Brien",
  'Brooks',
  'Liu',
  'Herrera',
  'Schmidt',
  'Carter',
  'Novak',
  'Ferreira',
  'Mensah',
  'Dubois',
  'Mitchell',
  'Rossi',
  'Lindqvist',
  'Zahra',
  'Peterson',
  'Tanaka',
  'Petrov',
  'Adams',
  'Okafor',
  'Larsen',
  'Nakamura',
  'García',
];
const TEAMS = ['East', 'West', 'North'];
const TARGET = { account_executive: 60000, senior_ae: 90000 }; // the Acme scheme's revenue targets, in dollars

export function roster() {
  const rand = mulberry32(SEED);
  const reps = [];
  for (let i = 1; i <= REPS; i++) {
    const role = i % 5 === 0 ? 'senior_ae' : 'account_executive';
    // Mostly long-standing; about 2% join during November (prorated), one has no start date.
    const r = rand();
    const start = i === 7 ? '' : r < 0.02 ? isoOf(NOV_START + Math.floor(rand() * 28)) : isoOf(day('2015-01-05') + Math.floor(rand() * 3800));
    reps.push({
      id: `R${String(i).padStart(4, '0')}`,
      name: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 11) % LAST.length]}`,
      team: TEAMS[i % 3],
      role,
      baseCents: (role === 'senior_ae' ? 1000000 : 500000) + Math.floor(rand() * 8) * 50000,
      start,
      perf: 0.45 + rand() * 1.15,
      collect: 0.72 + rand() * 0.28,
      winRate: 0.15 + rand() * 0.35,
      csat: Math.round((3.8 + rand() * 1.2) * 10) / 10,
    });
  }
  return reps;
}

// ---------------------------------------------------------------------------------------------------------
// Row generators. Each yields arrays of strings (CSV) and, for sales, typed values for XLSX.
// A handful of deliberate bad rows (a typo in an amount) keep the data-issue path honest: one per ~100k rows.
const BAD_EVERY = 100_003;

/** Sales: closed dates over Aug–Nov 2026, amounts scaled so a rep's monthly revenue lands near target × perf. */
export function* salesRows(rows, reps) {
  const rand = mulberry32(SEED + 1);
  const wonShare = 0.85 * 0.325; // closed deals × the mean win rate
  const wonPerRepMonth = (rows * wonShare) / (REPS * 4);
  const avgWonDollars = Object.fromEntries(Object.entries(TARGET).map(([k, v]) => [k, v / Math.max(wonPerRepMonth, 0.5)]));
  const customers = Math.max(1000, rows);
  for (let i = 1; i <= rows; i++) {
    const rep = reps[Math.floor(rand() * REPS)];
    // 15% open pipeline closing after November; closed deals won at the rep's win rate.
    const stage = rand() < 0.15 ? 'Open' : rand() < rep.winRate ? 'Won' : 'Lost';
    const closed = stage === 'Open' ? day('2026-12-01') + Math.floor(rand() * 60) : HISTORY_START + Math.floor(rand() * SPAN);
    const created = closed - 3 - Math.floor(rand() * 60);
    const cents = Math.max(100, Math.round(avgWonDollars[rep.role] * rep.perf * (0.4 + rand() * 1.2) * 100));
    const s = rand();
    const style = s < 0.05 ? 'dollar' : s < 0.1 ? 'bare' : 'plain';
    const slash = rand() < 0.03;
    const bad = i % BAD_EVERY === 7;
    yield {
      csv: [
        `SO-${String(i).padStart(8, '0')}`,
        rep.id,
        `C${String(1 + Math.floor(rand() * customers)).padStart(7, '0')}`,
        rand() < 0.05 ? TEAMS[Math.floor(rand() * 3)] : rep.team,
        stage,
        bad ? '"12,4O0.00"' : csvField(money(cents, style)),
        slash ? SLASH[created - DAY0] : ISO[created - DAY0],
        slash ? SLASH[closed - DAY0] : ISO[closed - DAY0],
      ],
      cents: bad ? null : cents,
      created,
      closed,
    };
  }
}

const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
const COMPANY_A = ['Northwind', 'Bluebird', 'Summit', 'Harbor', 'Cedar', 'Orion', 'Pioneer', 'Redwood', 'Beacon'];
const COMPANY_B = ['Logistics', 'Foods', 'Dental Group', 'Analytics', 'Health', 'Builders', 'Labs', 'Energy'];
const ODD = ['Smith, Jones & Partners', 'Bob\'s "Best" Bakery', 'Müller Maschinenbau GmbH', 'Café Olé, Inc.'];

/** Customers: about four signed per rep per month in Aug–Nov 2026, the rest long-standing accounts. */
export function* customerRows(rows, reps) {
  const rand = mulberry32(SEED + 2);
  const recentShare = Math.min(1, (REPS * 4 * 4) / rows);
  const old0 = day('2019-01-01');
  const oldSpan = day('2025-06-30') - old0;
  for (let i = 1; i <= rows; i++) {
    const rep = reps[Math.floor(rand() * REPS)];
    const signed = rand() < recentShare ? HISTORY_START + Math.floor(rand() * SPAN) : old0 + Math.floor(rand() * oldSpan);
    const n = rand();
    const name = n < 0.01 ? ODD[Math.floor(rand() * ODD.length)] : `${COMPANY_A[Math.floor(rand() * 9)]} ${COMPANY_B[Math.floor(rand() * 8)]}`;
    yield [`C${String(i).padStart(7, '0')}`, csvField(name), rep.id, SEGMENTS[Math.floor(rand() * 3)], isoOf(signed)];
  }
}

/** Collections: invoices over Aug–Nov 2026; the rep's collection rate decides how much was paid. */
export function* collectionRows(rows, reps) {
  const rand = mulberry32(SEED + 3);
  const perRepMonth = rows / (REPS * 4);
  for (let i = 1; i <= rows; i++) {
    const rep = reps[Math.floor(rand() * REPS)];
    const invoiced = Math.max(100, Math.round((TARGET[rep.role] / Math.max(perRepMonth, 0.5)) * (0.5 + rand()) * 100));
    const date = HISTORY_START + Math.floor(rand() * SPAN);
    const paid = rand() < rep.collect;
    // Part-payments now and then, so collected is not always all or nothing.
    const collected = !paid ? 0 : rand() < 0.1 ? Math.round(invoiced * (0.3 + rand() * 0.6)) : invoiced;
    const paidOn = paid ? date + 10 + Math.floor(rand() * 40) : null;
    yield [
      `INV-${String(i).padStart(8, '0')}`,
      rep.id,
      csvField(money(invoiced, 'plain')),
      csvField(money(collected, 'plain')),
      isoOf(date),
      paidOn === null ? '' : isoOf(paidOn),
    ];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writers
/** A CSV file from rows of fields (or { csv: fields }), written in 1 MB pieces to a temporary file, then renamed. */
export async function writeLines(file, header, rows, { eol = '\n', bom = false } = {}) {
  const out = createWriteStream(file + '.tmp');
  let buf = (bom ? '\uFEFF' : '') + header.join(',') + eol;
  for (const r of rows) {
    buf += (Array.isArray(r) ? r : r.csv).join(',') + eol;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((res, rej) => out.end((e) => (e ? rej(e) : res())));
  renameSync(file + '.tmp', file);
}

const SALES_HEADER = ['Order ID', 'Sales Rep ID', 'Customer ID', 'Region', 'Stage', 'Amount', 'Created', 'Close Date'];

/** The sales rows as an XLSX sheet "Sales": numbers as numbers, dates as date cells (exceljs streaming writer). */
async function writeSalesXlsx(file, rows, reps) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file + '.tmp', useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Sales');
  ws.addRow(SALES_HEADER).commit();
  const asDate = (d) => new Date(d * 86400000);
  for (const r of salesRows(rows, reps)) {
    const [id, rep, customer, region, stage] = r.csv;
    const row = ws.addRow([id, rep, customer, region, stage, r.cents === null ? '12,4O0.00' : r.cents / 100, asDate(r.created), asDate(r.closed)]);
    row.getCell(6).numFmt = '#,##0.00';
    row.getCell(7).numFmt = 'yyyy-mm-dd';
    row.getCell(8).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  renameSync(file + '.tmp', file);
}

const csvOf = (cells) => cells.map((c) => csvField(String(c))).join(',');

/** The small files: roster, CSAT, target overrides, deductions. */
function writeSmallFiles(dir, reps) {
  const lines = (header, rows, eol = '\n') => [header, ...rows].map(csvOf).join(eol) + eol;
  writeFileSync(
    join(dir, 'reps.csv'),
    lines(
      ['Rep ID', 'Name', 'Team', 'Role', 'Target Incentive', 'Start Date', 'Email'],
      reps.map((r) => [r.id, r.name, r.team, r.role, money(r.baseCents, 'plain'), r.start, `${r.id.toLowerCase()}@acme.example`]),
    ),
  );
  const csat = [];
  for (const m of ['2026-08', '2026-09', '2026-10', '2026-11']) {
    for (const r of reps) if (r.id !== 'R0011') csat.push([r.id, m, r.csat.toFixed(1)]); // one rep never surveyed
  }
  writeFileSync(join(dir, 'csat.csv'), lines(['Rep ID', 'Month', 'CSAT'], csat));
  writeFileSync(
    join(dir, 'targets.csv'),
    lines(
      ['Rep ID', 'Metric', 'Period', 'Target'],
      reps.filter((_, i) => i % 25 === 3).map((r) => [r.id, 'revenue', PERIOD, String(Math.round(TARGET[r.role] * 1.2))]),
    ),
  );
  writeFileSync(
    join(dir, 'penalties.csv'),
    lines(
      ['Rep ID', 'Date', 'Points', 'Amount', 'Reason'],
      reps.filter((_, i) => i % 50 === 9).map((r, k) => [r.id, isoOf(NOV_START + k), k % 2 ? '' : '5', k % 2 ? '250.00' : '', 'Late CRM updates']),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Schemes: the Acme scheme unchanged (its paths are data/…, relative to the scheme), an XLSX variant reading
// sales from data/sales.xlsx, and a sales-only scheme (CSV and XLSX) to compare with the DuckDB GROUP BY and
// the bare exceljs read baselines.
function schemes(dir) {
  const acme = readFileSync(ACME_SCHEME, 'utf8');
  writeFileSync(join(dir, 'scheme.yaml'), acme);
  const xlsx = acme.replace(/^(\s+)file: data\/sales\.csv$/m, '$1file: data/sales.xlsx\n$1sheet: Sales');
  if (xlsx === acme) throw new Error('examples/acme/scheme.yaml no longer has "file: data/sales.csv": update bench/generate.mjs');
  writeFileSync(join(dir, 'scheme-xlsx.yaml'), xlsx);
  writeFileSync(join(dir, 'scheme-sales.yaml'), SALES_ONLY);
  writeFileSync(join(dir, 'scheme-sales-xlsx.yaml'), SALES_ONLY.replace('file: data/sales.csv', 'file: data/sales.xlsx\n    sheet: Sales'));
}

/** The sales file's columns as a scheme maps them (bench/backtest.mjs writes a subset). */
const SALES_COLUMNS = {
  order_id: 'Order ID',
  rep: 'Sales Rep ID',
  customer: 'Customer ID',
  region: 'Region',
  stage: 'Stage',
  amount: '{ header: Amount, type: money }',
  created: '{ header: Created, type: date }',
  closed: '{ header: Close Date, type: date }',
};

/**
 * A scheme over the sales file alone: closed-won revenue against the Acme targets, step tiers. `columns` names the
 * sales file's columns (keys of SALES_COLUMNS, in file order); `tiers` are YAML flow maps.
 */
export function salesOnlyScheme({ title, name, period, columns, startDate, tiers }) {
  return `# ${title}
version: 1
name: ${name}
currency: { code: USD, minor_unit: 2, symbol: "$" }
period: ${period}
sources:
  sales:
    file: data/sales.csv
    rep: rep
    date: closed
    key: order_id
    columns:
${columns.map((c) => `      ${c}: ${SALES_COLUMNS[c]}\n`).join('')}reps:
  file: data/reps.csv
  columns:
    id: Rep ID
    name: Name
    team: Team
    role: Role
    base_bonus: { header: Target Incentive, type: money }
${startDate ? '    start_date: { header: Start Date, type: date }\n' : ''}metrics:
  revenue:
    label: Closed-won revenue
    unit: money
    type: aggregate
    source: sales
    aggregate: sum
    column: amount
    filter: { stage: Won }
    target: { default: 60000, by_role: { senior_ae: 90000 } }
    scoring: { method: ratio, cap: 150% }
weights:
  account_executive: { revenue: 100 }
  senior_ae: { revenue: 100 }
bonus:
  mode: step
  tiers:
${tiers.map((t) => `    - ${t}\n`).join('')}`;
}

const SALES_ONLY = salesOnlyScheme({
  title: 'Sales only: one 1M-row file read and grouped by rep, like the DuckDB baseline in issue 3.',
  name: 'Bench sales only',
  period: PERIOD,
  columns: Object.keys(SALES_COLUMNS),
  startDate: true,
  tiers: ['{ label: Below plan, from: 0, to: 80%, multiplier: 0 }', '{ label: On plan, from: 80%, multiplier: 1 }'],
});

// ---------------------------------------------------------------------------------------------------------
// Manifest and entry point

const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * Makes bench/out/kpi-<rows>/ (or <root>/kpi-<rows>/) (scheme.yaml, scheme-xlsx.yaml, scheme-sales.yaml, data/…) unless the manifest
 * says it is already there from the same generator, seed and Acme scheme. Returns the folder and whether it
 * generated anything. salesOnly: the sales file and the small files, not customers and collections.
 */
export async function generate(rows, { xlsx = false, salesOnly = false, log = () => {}, root = OUT_ROOT } = {}) {
  const dir = join(root, `kpi-${rows}`);
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const params = {
    rows,
    reps: REPS,
    seed: SEED,
    generator: hash(readFileSync(fileURLToPath(import.meta.url))),
    scheme: hash(readFileSync(ACME_SCHEME)),
  };
  let manifest = {};
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    // no manifest yet: generate everything
  }
  const fresh = (name) => {
    const m = manifest[name];
    return m && JSON.stringify(m.params) === JSON.stringify(params) && existsSync(join(dir, name)) && statSync(join(dir, name)).size === m.bytes;
  };
  const record = (name) => {
    manifest[name] = { params, bytes: statSync(join(dir, name)).size };
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  };
  const reps = roster();
  let generated = false;
  const step = async (name, make) => {
    if (fresh(name)) return;
    const t0 = performance.now();
    await make(join(dir, name));
    record(name);
    generated = true;
    log(`generated ${join('kpi-' + rows, name)} (${(statSync(join(dir, name)).size / 1e6).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
  await step('scheme.yaml', async () => {
    schemes(dir);
    writeSmallFiles(data, reps);
  });
  await step('data/sales.csv', (f) => writeLines(f, SALES_HEADER, salesRows(rows, reps)));
  if (salesOnly) return { dir, generated }; // scheme-sales.yaml needs nothing more (the 10M-row reading goal)
  await step('data/customers.csv', (f) =>
    writeLines(f, ['Customer ID', 'Customer Name', 'Account Owner', 'Segment', 'Signed On'], customerRows(rows, reps), { bom: true }),
  );
  await step('data/collections.csv', (f) =>
    writeLines(f, ['Invoice No', 'Rep ID', 'Invoiced Amount', 'Collected Amount', 'Invoice Date', 'Paid Date'], collectionRows(rows, reps), { eol: '\r\n' }),
  );
  if (xlsx) await step('data/sales.xlsx', (f) => writeSalesXlsx(f, rows, reps));
  return { dir, generated };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
  generate(rows, { xlsx: process.argv.includes('--xlsx'), log: (s) => console.log(s) }).then(
    ({ dir }) => console.log(`data in ${dir}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
