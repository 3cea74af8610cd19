// The anchor for reading speed (issue 14): DuckDB doing the work `kpi score scheme-sales.yaml` does on the same
// sales CSV. Every field read as text (kpi reads text too), amounts stripped of `$ , ( )` and cast to cents,
// dates parsed in both written styles, then closed-won revenue per rep in the period: the same sums kpi reports.
// Prints one JSON object per line, {rep, cents, rows}, sorted by rep, so the bench can check that the two agree
// before it compares their times.
//
//   node bench/duckdb-baseline.mjs SALES.csv PERIOD        e.g. data/sales.csv 2026-11
import { DuckDBInstance } from '@duckdb/node-api';

const [file, period] = process.argv.slice(2);
if (!file || !/^\d{4}-\d{2}$/.test(period ?? '')) {
  console.error('usage: node bench/duckdb-baseline.mjs SALES.csv YYYY-MM');
  process.exit(2);
}
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
const start = `${period}-01`;

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const sql = `
WITH raw AS (
  SELECT "Sales Rep ID" AS rep, "Stage" AS stage, "Amount" AS amount, "Close Date" AS closed
  FROM read_csv(${quote(file)}, header = true, all_varchar = true)
), typed AS (
  SELECT trim(rep) AS rep, trim(stage) AS stage,
    try_cast(regexp_replace(amount, '[$,()]', '', 'g') AS DECIMAL(18, 2))
      * (CASE WHEN trim(amount) LIKE '(%)' THEN -1 ELSE 1 END) AS amount,
    try_strptime(trim(closed), ['%Y-%m-%d', '%Y/%m/%d']) AS closed
  FROM raw
)
SELECT rep, CAST(sum(amount) * 100 AS BIGINT) AS cents, count(*) AS rows
FROM typed
WHERE stage = 'Won' AND amount IS NOT NULL
  AND closed >= DATE ${quote(start)} AND closed < DATE ${quote(start)} + INTERVAL 1 MONTH
GROUP BY rep
ORDER BY rep`;
const result = await con.runAndReadAll(sql);
const out = result.getRowObjectsJson().map((r) => JSON.stringify({ rep: r.rep, cents: Number(r.cents), rows: Number(r.rows) }));
process.stdout.write(out.join('\n') + '\n');
