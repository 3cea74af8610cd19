// Row by row: the kernel (generic and specialised) against kpi's own read of the same file (RowSink, csvRow/csvLine).
const file = process.argv[2] ?? '/tmp/kernel/odd.csv';
process.argv.splice(2, process.argv.length, file, '1', '/work/main', '/work/main/bench/out/kpi-1000000/scheme-sales.yaml');
const d = await import('./driver.mjs');
const { table, issues } = d.last.js;
const kpiRows = new Map();
const col = (name) => table.columns.get(name);
const get = (c, i) => (c.type === 'string' ? c.values ? c.values[i] : null : c.values[i]);
const rep = col('rep'), stage = col('stage'), amount = col('amount'), closed = col('closed');
const text = (c, i) => (typeof c.at === 'function' ? c.at(i) : c.values?.[i] ?? (c.codes ? c.known[c.codes[i]] : undefined));
for (let i = 0; i < table.rowCount; i++) kpiRows.set(table.rowNumbers[i], { rep: text(rep, i), stage: text(stage, i), amount: amount.values[i], closed: closed.values[i] });
for (const fixed of [false, true]) {
  const r = d.readKernel(fixed);
  const buf = d.memory.buffer;
  const reps = d.texts(0), stages = d.texts(1);
  const rowno = new Int32Array(buf, r.c.rowno, r.n), rc = new Int32Array(buf, r.c.rep, r.n), sc = new Int32Array(buf, r.c.stage, r.n);
  const am = new Float64Array(buf, r.c.amount, r.n), cl = new Float64Array(buf, r.c.closed, r.n);
  const dv = new DataView(buf);
  const declined = new Set();
  for (let i = 0; i < r.declines; i++) declined.add(dv.getInt32(d.DECL + i * 20, true));
  let bad = 0;
  const seen = new Set();
  for (let i = 0; i < r.n; i++) {
    seen.add(rowno[i]);
    const want = kpiRows.get(rowno[i]);
    const got = { rep: reps[rc[i]], stage: stages[sc[i]] ?? null, amount: am[i], closed: cl[i] };
    if (want === undefined) { bad++; console.log('kernel committed a row kpi skips', rowno[i], got); continue; }
    for (const kname of ['rep', 'stage', 'amount', 'closed']) {
      const same = Object.is(want[kname], got[kname]) || (want[kname] == null && got[kname] == null);
      if (!same) { bad++; console.log('row', rowno[i], kname, 'kpi', want[kname], 'kernel', got[kname]); }
    }
  }
  const kpiOnly = [...kpiRows.keys()].filter((x) => !seen.has(x));
  const notDeclined = kpiOnly.filter((x) => !declined.has(x));
  console.log(`${fixed ? 'specialised' : 'generic'}: rows ${r.rows}, committed ${r.n} (all equal to kpi's: ${bad === 0}), declined ${r.declines} [${[...declined].slice(0, 40).join(' ')}], hard ${r.hard}; kpi rows ${table.rowCount}, kept by kpi but declined ${kpiOnly.length}, kept by kpi and neither committed nor declined ${notDeclined.length} [${notDeclined.slice(0, 10).join(' ')}]; ordered ${d.k.ordered.value} breakRow ${d.k.breakRow.value}`);
}
console.log('kpi issues:', issues.map((i) => `${i.row}:${i.code}`).join(' '));
console.log('kpi key order kept:', table.columns.get('order_id') ? 'column' : 'n/a', JSON.stringify(Object.keys(table)));
