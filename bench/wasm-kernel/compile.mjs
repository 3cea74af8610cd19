// Compile/instantiate cost of kernel.wasm and the first read's cost, per V8 tiering mode (flags on the command line).
import { readFileSync } from 'node:fs';
const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const proc = () => { const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const bytes = readFileSync(new URL('./kernel.wasm', import.meta.url));
const u0 = process.cpuUsage();
let t = cpu();
const mod = new WebAssembly.Module(bytes);
const compile = cpu() - t;
t = cpu();
const inst = new WebAssembly.Instance(mod, { env: { abort() {} } });
const instantiate = cpu() - t;
await new Promise((r) => setTimeout(r, 200));
console.log(`${process.execArgv.join(' ') || 'default'}: ${bytes.length} B, compile ${compile.toFixed(2)} ms, instantiate ${instantiate.toFixed(2)} ms (main thread cpu); process cpu (all threads) ${((process.cpuUsage(u0).user + process.cpuUsage(u0).system) / 1000).toFixed(2)} ms`);
