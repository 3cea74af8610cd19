// One read in a fresh process, as a real run does (cold code, fresh memory): the kernel from bytes (mode g or f) or
// kpi's JS read from decoded text (mode j; the decoding and the module loading are done before the clock starts).
// Prints thread cpu, wall, process cpu (all threads: V8's compile threads too) and minor faults of the read alone.
import { readFileSync } from 'node:fs';
const mode = process.argv[2];
const file = '/work/main/bench/out/kpi-1000000/data/sales.csv';
process.argv.splice(2, process.argv.length, file, '0', ...(mode === 'j' ? ['/work/main', '/work/main/bench/out/kpi-1000000/scheme-sales.yaml'] : []));
const stat = () => readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const d = await import('./driver.mjs'); // compiles and instantiates the kernel; loads kpi's modules and decodes for j
const f0 = Number(stat()[7]);
const u0 = process.cpuUsage();
const t0 = cpu();
const w0 = performance.now();
if (mode === 'j') d.jsRead(); else d.readKernel(mode === 'f');
const t = cpu() - t0;
const w = performance.now() - w0;
const u = process.cpuUsage(u0);
console.log(JSON.stringify({ mode, cpu: +t.toFixed(1), wall: +w.toFixed(1), proc: +((u.user + u.system) / 1000).toFixed(1), faults: Number(stat()[7]) - f0 }));
