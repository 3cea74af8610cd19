// Reader benchmark: generates sales files (CSV at 100k and 1M rows, XLSX at 100k), then for each runs a child
// process that reads the file with src/reading (built into dist/) and sums Amount by rep, reporting the
// whole-process wall time, rows/s and peak RSS.
//
//   npx tsc -p . && node bench/reading-bench.mjs            # CSV 100k, 1M; XLSX 100k
//   node bench/reading-bench.mjs --xlsx-1m                  # also XLSX at 1M rows (~30 s+)
//
// generateSales() is exported for bench/run.mjs.
//
// Measured on the 2-core build machine, load 3–4 from parallel work (wall = whole child process):
//   sales-100000.csv      6.5 MB   0.37 s  peak  83 MB
//   sales-1000000.csv    65.2 MB   1.32–1.40 s  peak 246–248 MB   (target ≤ 1.5 s, < 300 MB)
//   XLSX: see docs/benchmark.md (npm run bench measures kpi and exceljs on the same file in one run).

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 as rng } from '../examples/seeded.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = join(here, 'out');
const DIST = resolve(here, '..', 'dist', 'reading', 'index.js');

const REGIONS = ['North', 'South', 'East', 'West', '华东', '华南'];
const STAGES = ['won', 'won', 'won', 'lost', 'open'];
const HEADERS = ['Order ID', 'Sales Rep ID', 'Customer ID', 'Region', 'Stage', 'Amount', 'Created', 'Close Date'];

/** Deterministic pseudo-random numbers (mulberry32) so every run reads the same bytes. */

function* salesRows(rows) {
  const r = rng(42);
  const day0 = Date.UTC(2026, 0, 1);
  for (let i = 1; i <= rows; i++) {
    const created = new Date(day0 + Math.floor(r() * 300) * 86400000);
    const closed = new Date(created.getTime() + Math.floor(r() * 60) * 86400000);
    yield [
      `SO-${String(i).padStart(7, '0')}`,
      `R${String(1 + Math.floor(r() * 200)).padStart(3, '0')}`,
      `C${String(Math.floor(r() * 50000)).padStart(6, '0')}`,
      REGIONS[Math.floor(r() * REGIONS.length)],
      STAGES[Math.floor(r() * STAGES.length)],
      (Math.floor(r() * 5_000_000) / 100).toFixed(2),
      created.toISOString().slice(0, 10),
      closed.toISOString().slice(0, 10),
    ];
  }
}

/** Writes bench/out/sales-<rows>.<format> unless it exists; returns its path. */
export async function generateSales(rows, format = 'csv') {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `sales-${rows}.${format}`);
  if (existsSync(file)) return file;
  if (format === 'csv') {
    const out = createWriteStream(file + '.tmp');
    let buf = HEADERS.join(',') + '\n';
    for (const row of salesRows(rows)) {
      buf += row.join(',') + '\n';
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
        buf = '';
      }
    }
    out.write(buf);
    await new Promise((res, rej) => out.end((e) => (e ? rej(e) : res())));
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file + '.tmp', useSharedStrings: true });
    const ws = wb.addWorksheet('Sales');
    ws.addRow(HEADERS).commit();
    for (const row of salesRows(rows)) {
      const [id, rep, cust, region, stage, amount, created, closed] = row;
      const c = ws.addRow([id, rep, cust, region, stage, Number(amount), new Date(created), new Date(closed)]);
      c.getCell(7).numFmt = 'yyyy-mm-dd';
      c.getCell(8).numFmt = 'yyyy-mm-dd';
      c.commit();
    }
    ws.commit();
    await wb.commit();
  }
  const { renameSync } = await import('node:fs');
  renameSync(file + '.tmp', file);
  return file;
}

export function salesSpec(file, format) {
  const col = (name, header, type = 'string') => ({ name, header, type });
  return {
    name: 'sales',
    file,
    fileAsWritten: file.split(/[\\/]/).pop(),
    format,
    ...(format === 'xlsx' ? { sheet: 'Sales' } : {}),
    encoding: 'auto',
    decimal: '.',
    dateOrder: 'ymd',
    onBadRow: 'skip',
    columns: [
      col('order_id', 'Order ID'),
      col('rep', 'Sales Rep ID'),
      col('customer', 'Customer ID'),
      col('region', 'Region'),
      col('stage', 'Stage'),
      col('amount', 'Amount', 'money'),
      col('created', 'Created', 'date'),
      col('closed', 'Close Date', 'date'),
    ],
    rep: 'rep',
    date: 'closed',
    key: 'order_id',
    derived: [],
  };
}

/** Child process body: read + group by rep, print one JSON line. format 'bare': exceljs alone, for comparison. */
async function child(file, format) {
  if (format === 'bare') return bareExceljs(file);
  const { readSource } = await import(pathToFileURL(DIST).href);
  const t0 = performance.now();
  const { table, issues } = await readSource(salesSpec(file, format), { minorUnit: 2 });
  const t1 = performance.now();
  const reps = table.columns.get('rep').values;
  const amounts = table.columns.get('amount').values;
  const byRep = new Map();
  for (let i = 0; i < table.rowCount; i++) {
    const r = reps[i];
    byRep.set(r, (byRep.get(r) ?? 0) + amounts[i]);
  }
  const t2 = performance.now();
  let total = 0;
  for (const v of byRep.values()) total += v;
  console.log(
    JSON.stringify({
      rows: table.rowCount,
      issues: issues.length,
      reps: byRep.size,
      totalCents: total,
      readMs: Math.round(t1 - t0),
      groupMs: Math.round(t2 - t1),
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/** exceljs's own streaming read of every row, nothing else: the yardstick for the XLSX goal (kpi ≥ 5× faster). */
async function bareExceljs(file) {
  const { default: ExcelJS } = await import('exceljs');
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { styles: 'cache', sharedStrings: 'cache', worksheets: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const row of ws) if (row.values.length > 0) rows++;
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      rows: rows - 1,
      issues: 0,
      reps: 0,
      readMs: Math.round(performance.now() - t0),
      groupMs: 0,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

export function runOne(file, format) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, format], { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench child failed:\n${r.stderr}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...res, wallMs: Math.round(wallMs), rowsPerSec: Math.round(res.rows / (wallMs / 1000)) };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2]);
  if (!existsSync(DIST)) {
    console.error('dist/reading/index.js is missing: run `npx tsc -p .` first.');
    process.exit(2);
  }
  const plan = [[100_000, 'csv'], [1_000_000, 'csv'], [100_000, 'xlsx'], ...(args.includes('--xlsx-1m') ? [[1_000_000, 'xlsx']] : [])];
  console.log(`${'file'.padEnd(36)}     size     wall     read      cpu    rows/s   peak RSS  rows`);
  for (const [rows, format] of plan.flatMap(([n, f]) =>
    f === 'xlsx'
      ? [
          [n, f],
          [n, 'bare'],
        ]
      : [[n, f]],
  )) {
    const file = await generateSales(rows, format === 'bare' ? 'xlsx' : format);
    const r = runOne(file, format);
    const mb = (statSync(file).size / 1e6).toFixed(1);
    const name = file.split(/[\\/]/).pop() + (format === 'bare' ? ' (exceljs alone)' : '');
    console.log(
      `${name.padEnd(36)} ${`${mb} MB`.padStart(8)} ${`${(r.wallMs / 1000).toFixed(2)} s`.padStart(8)} ` +
        `${`${(r.readMs / 1000).toFixed(2)} s`.padStart(8)} ${`${(r.cpuMs / 1000).toFixed(2)} s`.padStart(8)} ` +
        `${String(r.rowsPerSec).padStart(9)} ${`${r.maxRssMB} MB`.padStart(10)}  ${r.rows} (${r.issues} issues, ${r.reps} reps)`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
