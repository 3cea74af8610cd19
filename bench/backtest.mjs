// Issue 15's bench case: a 12-month backtest over 1M sales rows per month (12M rows, Dec 2025 – Nov 2026) reads the
// data once and scores each month from it; the anchor is what an analyst would do without it, 12 separate
// `kpi score --period` runs on the same export, each reading all of it. Reported as a ratio of wall times measured
// in the same bench run (backtest, the 12 runs, backtest again: a busy machine stretches both), after checking
// that each month's payout in the backtest equals that month's `kpi score` total.
//
//   node bench/backtest.mjs [ROWS_PER_MONTH]    generates bench/out/backtest-<ROWS>/ only (default 1000000)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { day, isoOf, mulberry32 } from '../examples/seeded.mjs';
import { money, OUT_ROOT, REPS, roster, salesOnlyScheme, writeLines } from './generate.mjs';

const SEED = 20261201;
export const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const FIRST_DAY = day('2025-12-01');
const DAYS = day('2026-11-30') - FIRST_DAY + 1;
const TARGET = { account_executive: 60000, senior_ae: 90000 };

const SCHEME = salesOnlyScheme({
  title: 'Bench (issue 15): sales only, 12 months of closed deals; one revenue metric, step tiers.',
  name: 'Bench backtest',
  period: '2026-11',
  columns: ['order_id', 'rep', 'stage', 'amount', 'closed'],
  startDate: false,
  tiers: [
    '{ label: Below plan, from: 0, to: 80%, multiplier: 0 }',
    '{ label: Near plan, from: 80%, to: 100%, multiplier: 0.8 }',
    '{ label: On plan, from: 100%, multiplier: 1.2 }',
  ],
});

/** Closed deals spread evenly over the 12 months (rows of fields); a rep's monthly revenue lands near target × perf. */
function* salesRows(rows, reps) {
  const rand = mulberry32(SEED);
  const wonPerRepMonth = (rows * 0.325) / (REPS * 12);
  const avgWon = Object.fromEntries(Object.entries(TARGET).map(([k, v]) => [k, v / Math.max(wonPerRepMonth, 0.5)]));
  const dates = Array.from({ length: DAYS }, (_, i) => isoOf(FIRST_DAY + i));
  for (let i = 1; i <= rows; i++) {
    const rep = reps[Math.floor(rand() * REPS)];
    const stage = rand() < rep.winRate ? 'Won' : 'Lost';
    const cents = Math.max(100, Math.round(avgWon[rep.role] * rep.perf * (0.4 + rand() * 1.2) * 100));
    yield [`SO-${String(i).padStart(9, '0')}`, rep.id, stage, `"${money(cents, 'plain')}"`, dates[Math.floor(rand() * DAYS)]];
  }
}

/** bench/out/backtest-<perMonth>/ (scheme.yaml, data/sales.csv, data/reps.csv), reused while this file is unchanged. */
export async function generateYear(perMonth, { log = () => {}, root = OUT_ROOT } = {}) {
  const dir = join(root, `backtest-${perMonth}`);
  const sales = join(dir, 'data', 'sales.csv');
  const manifest = join(dir, 'manifest.json');
  const params = JSON.stringify({
    perMonth,
    generator: createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex')
      .slice(0, 16),
  });
  if (existsSync(manifest) && readFileSync(manifest, 'utf8') === params && existsSync(sales)) return { dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const reps = roster();
  writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
  writeFileSync(
    join(dir, 'data', 'reps.csv'),
    'Rep ID,Name,Team,Role,Target Incentive\n' + reps.map((r) => `${r.id},"${r.name}",${r.team},${r.role},${money(r.baseCents, 'bare')}\n`).join(''),
  );
  const t0 = performance.now();
  await writeLines(sales, ['Order ID', 'Sales Rep ID', 'Stage', 'Amount', 'Close Date'], salesRows(perMonth * 12, reps));
  log(`generated backtest-${perMonth}/data/sales.csv (${(statSync(sales).size / 1e6).toFixed(0)} MB, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  writeFileSync(manifest, params);
  return { dir };
}

/** Each month's payout in the backtest against that month's own `kpi score` total. */
export function backtestAgrees(backtestJson, scoreJsons) {
  let bt;
  try {
    bt = JSON.parse(backtestJson);
  } catch {
    return { ok: false, why: 'the backtest did not print JSON' };
  }
  for (const [i, month] of MONTHS.entries()) {
    const p = bt.periods?.find((x) => x.period?.label === month);
    let s;
    try {
      s = JSON.parse(scoreJsons[i]);
    } catch {
      return { ok: false, why: `kpi score --period ${month} did not print JSON` };
    }
    if (!p) return { ok: false, why: `the backtest has no ${month}` };
    if (p.cost.payout !== s.totals.payout) return { ok: false, why: `${month}: backtest ${p.cost.payout}, kpi score ${s.totals.payout}` };
  }
  return { ok: true, why: `12 months, each month's payout equal to its kpi score run's` };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Backtest, the 12 separate runs, backtest again (`rounds` times the pair of the middle and the last): medians
 * of the backtest's samples against the 12 runs' summed times. Returns the goal row (as goals.mjs prints them),
 * the load average around it and a check note.
 */
export async function measureBacktest({ measureOnce, cli, perMonth = 1_000_000, rounds = 1, log = () => {} }) {
  const { dir } = await generateYear(perMonth, { log });
  const loadBefore = loadavg()[0];
  const scheme = join(dir, 'scheme.yaml');
  const scratch = join(OUT_ROOT, 'backtest-runs');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const run = (args) => {
    const r = measureOnce([cli, ...args], scratch);
    if (r.status !== 0) throw new Error(`kpi ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stderr.split('\n').slice(-20).join('\n')}`);
    return r;
  };
  const backtest = () => run(['backtest', scheme, '--from', MONTHS[0], '--to', MONTHS[11], '--format', 'json']);
  const tag = perMonth >= 1e6 ? `${perMonth / 1e6}M` : `${perMonth / 1e3}k`;
  log(`backtest: 12 months × ${tag} rows, kpi backtest, then 12 × kpi score --period, then kpi backtest (${rounds} round${rounds === 1 ? '' : 's'})`);
  const bt = [backtest()];
  const separate = [];
  for (let k = 0; k < rounds; k++) {
    const runs = MONTHS.map((m) => run(['score', scheme, '--period', m, '--format', 'json']));
    separate.push({ wall: runs.reduce((a, r) => a + r.wall, 0), cpu: runs.reduce((a, r) => a + r.cpu, 0), rssMB: Math.max(...runs.map((r) => r.rssMB)), runs });
    bt.push(backtest());
  }
  const kpi = { wall: median(bt.map((r) => r.wall)), cpu: median(bt.map((r) => r.cpu)), rssMB: median(bt.map((r) => r.rssMB)), walls: bt.map((r) => r.wall) };
  const anchor = {
    wall: median(separate.map((s) => s.wall)),
    cpu: median(separate.map((s) => s.cpu)),
    rssMB: median(separate.map((s) => s.rssMB)),
    walls: separate.map((s) => s.wall),
  };
  const agree = backtestAgrees(
    bt[bt.length - 1].stdout,
    separate[separate.length - 1].runs.map((r) => r.stdout),
  );
  const what = `12-month backtest, ${tag} rows/month ÷ 12 × kpi score --period`;
  return {
    loadBefore,
    loadAfter: loadavg()[0],
    goals: [
      {
        what,
        kpi,
        anchor,
        value: kpi.wall / anchor.wall,
        cpuRatio: kpi.cpu / anchor.cpu,
        unit: '×',
        limit: 0.25,
        note: agree.ok ? `peak RSS ${kpi.rssMB.toFixed(0)} MB against ${anchor.rssMB.toFixed(0)} MB` : 'not comparable: results differ',
      },
    ],
    note: `backtest: ${agree.ok ? 'agrees' : 'DISAGREES'} (${agree.why})`,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const perMonth = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  generateYear(perMonth, { log: (s) => console.log(s) }).then(
    ({ dir }) => console.log(`data in ${dir}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
