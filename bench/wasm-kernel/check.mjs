// Correctness: the kernel's per-rep Won revenue in 2026-11 and row counts against kpi's score (expected.json, made from
// `kpi score … --format json`), and its declined rows against the rows kpi skipped.
import { readFileSync } from 'node:fs';
process.argv.splice(2, 0, process.argv[2] ?? '/work/main/bench/out/kpi-1000000/data/sales.csv', '1');
const d = await import('./driver.mjs');
const exp = JSON.parse(readFileSync(new URL('./expected.json', import.meta.url)));
const s = d.score(d.last.r);
let same = 0, diff = 0;
const got = {};
s.reps.forEach((id, code) => { if (code > 0) got[id] = [s.sum[code], s.rows[code]]; });
for (const [id, [cents, rows]] of Object.entries(exp)) {
  const g = got[id] ?? [0, 0];
  if (g[0] === cents && g[1] === rows) same++;
  else { diff++; if (diff < 10) console.log('differs', id, 'kpi', cents, rows, 'kernel', g); }
}
for (const id of Object.keys(got)) if (!(id in exp) && got[id][1] > 0) console.log('kernel only', id, got[id]);
console.log(`reps: ${same} same, ${diff} differ; total kpi ${Object.values(exp).reduce((a, v) => a + v[0], 0)} kernel ${Object.values(got).reduce((a, v) => a + v[0], 0)}`);
const r = d.last.r;
const dv = new DataView(d.memory.buffer);
const declined = [];
for (let i = 0; i < r.declines; i++) declined.push(dv.getInt32(d.DECL + i * 20, true));
const kpi = JSON.parse(readFileSync(new URL('./kpi.json', import.meta.url))).issues.filter((i) => i.action === 'skipped').map((i) => i.row);
console.log('declined rows', declined.join(' '));
console.log('kpi skipped  ', kpi.join(' '), declined.join() === kpi.join() ? '(same)' : '(DIFFER)');
