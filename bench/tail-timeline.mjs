// The serial tail of `kpi score … --format json` after the read, phase by phase, for builds side by side: each
// build's bundle copied with marks patched in at the phases (its code cache made again for the patched bundle), then
// runs in alternating order, each noting at every mark the main thread's cpu (/proc/thread-self/schedstat), the
// process's minor page faults and the wall time. Prints each phase's medians per build and, against the first
// build, the median of the round-by-round differences and in how many rounds the build was lower. Thread cpu is
// the figure to trust on a loaded machine; a mark costs ~10 µs. First, per build: the main thread's cpu up to the end of
// the read, the process's cpu and the wall time at exit (medians, and paired against the first build).
//
//   node bench/tail-timeline.mjs [--rounds 12] [--scheme FILE] BUILD_DIR [BUILD_DIR …]
//
// A BUILD_DIR is a checkout with `npm run build` done (node_modules beside it or above). The marks follow the
// bundle's text (esbuild keeps the names): when a phase's anchor is not found once, the script stops and says which.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const rounds = Number(opt('--rounds', '12'));
const scheme = resolve(opt('--scheme', 'bench/out/kpi-1000000/scheme-sales.yaml'));
const builds = args.map((a) => resolve(a));
if (builds.length === 0) {
  console.error('usage: node bench/tail-timeline.mjs [--rounds 12] [--scheme FILE] BUILD_DIR [BUILD_DIR …]');
  process.exit(2);
}

const M = (label) => `globalThis.__kpiMark&&__kpiMark(${JSON.stringify(label)});`;
/** [anchor in the bundle, its text with the mark]: each anchor must occur once. */
const MARKS = [
  ['let reps=[];', `${M('read')}let reps=[];`],
  ['const targets=model.targetsFile?', `${M('roster')}const targets=model.targetsFile?`],
  ['const{engine,minor}=run;for(const[name,s]of engine.sources)', `const{engine,minor}=run;${M('score: engine')}for(const[name,s]of engine.sources)`],
  [
    'for(const i2 of engine.rollups.issues)addIssue(engine,i2);const fromFile',
    `${M('score: attribution')}for(const i2 of engine.rollups.issues)addIssue(engine,i2);const fromFile`,
  ],
  ['const metricsFrom=metricInputs(', `${M('score: targets')}const metricsFrom=metricInputs(`],
  ['const{hasData,partlyCovered}=metricsFrom;', `${M('score: metric values')}const{hasData,partlyCovered}=metricsFrom;`],
  ['const results=reps.map((rep2,r)=>{', `${M('score: plans')}const results=reps.map((rep2,r)=>{`],
  ['for(const[metric2,list]of partlyCovered)', `${M("score: the reps' steps")}for(const[metric2,list]of partlyCovered)`],
  [
    'const checks=runChecks(run,result);if(checks.diagnostics.some',
    `${M('score: rank, hash awaited')}const checks=runChecks(run,result);${M('checks')}if(checks.diagnostics.some`,
  ],
  [
    'function toJson(result,status,run){return JSON.stringify(toJsonValue(result,status,run),null,2)+"\\n"}',
    `function toJson(result,status,run){${M('to the JSON')}const v=toJsonValue(result,status,run);${M('the JSON value')}const s=JSON.stringify(v,null,2)+"\\n";${M('JSON.stringify')}return s}`,
  ],
  ['summariseIssues(issues,status,opts.xlsx,t);', `${M('the write')}summariseIssues(issues,status,opts.xlsx,t);${M('stderr')}`],
];

const work = mkdtempSync(join(tmpdir(), 'kpi-tail-'));
const preload = join(work, 'marks.cjs');
writeFileSync(
  preload,
  `const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const marks = [];
const cpu = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
globalThis.__kpiMark = (label) => { if (isMainThread) marks.push([label, performance.now(), cpu(), process.resourceUsage().minorPageFault]); };
if (isMainThread) process.on('exit', () => { const u = process.cpuUsage(); marks.push(['exit', performance.now(), cpu(), process.resourceUsage().minorPageFault, (u.user + u.system) / 1000]); fs.appendFileSync(process.env.KPI_TAIL_MARKS, JSON.stringify(marks) + '\\n'); });
`,
);

/** A copy of the build with the marks in its bundle and a code cache made for that bundle. */
function marked(dir, k) {
  const copy = join(work, `build-${k}`);
  for (const part of ['bin', 'dist', 'package.json', 'scripts', 'examples']) cpSync(join(dir, part), join(copy, part), { recursive: true });
  let modules = dir;
  while (!existsSync(join(modules, 'node_modules')) && modules !== '/') modules = resolve(modules, '..');
  symlinkSync(join(modules, 'node_modules'), join(copy, 'node_modules'));
  const file = join(copy, 'dist', 'kpi-main.cjs');
  let code = readFileSync(file, 'utf8');
  for (const [from, to] of MARKS) {
    const n = code.split(from).length - 1;
    if (n !== 1) throw new Error(`tail-timeline: "${from}" is in ${dir}'s bundle ${n} times, not once; update bench/tail-timeline.mjs`);
    code = code.replace(from, () => to);
  }
  writeFileSync(file, code);
  const warm = spawnSync(process.execPath, [join(copy, 'scripts', 'warm-cache.mjs')], { cwd: copy, encoding: 'utf8' });
  if (warm.status !== 0) throw new Error(`tail-timeline: the code cache of ${dir}'s marked bundle failed:\n${warm.stderr}`);
  return copy;
}

const once = (copy, out) =>
  new Promise((done, fail) => {
    const p = spawn(process.execPath, ['-r', preload, join(copy, 'bin', 'kpi.js'), 'score', scheme, '--format', 'json'], {
      env: { ...process.env, KPI_TAIL_MARKS: out },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    p.stdout.resume();
    p.on('error', fail);
    p.on('close', (code) => (code === 0 || code === 3 ? done() : fail(new Error(`tail-timeline: kpi score exited ${code} (${copy})`))));
  });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  const copies = builds.map(marked);
  const files = copies.map((_, k) => join(work, `marks-${k}.jsonl`));
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < copies.length; j++) {
      const k = (j + r) % copies.length;
      await once(copies[k], files[k]);
    }
    process.stderr.write(`round ${r + 1} of ${rounds}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  }
  const runs = files.map((f) =>
    readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );
  const labels = runs[0][0].map((m) => m[0]).filter((l) => l !== 'exit');
  const between = (ms, a, b, field) => ms.find((m) => m[0] === b)[field] - ms.find((m) => m[0] === a)[field];
  const spans = [...labels.slice(0, -1).map((a, i) => [a, labels[i + 1]]), ['read', 'stderr']];
  for (const [k, rs] of runs.entries()) {
    const atRead = rs.map((ms) => ms.find((m) => m[0] === 'read')[2]);
    const proc = rs.map((ms) => ms.find((m) => m[0] === 'exit')[4]);
    const wall = rs.map((ms) => ms.find((m) => m[0] === 'exit')[1]);
    let line = `${builds[k]}: main thread cpu up to the end of the read ${median(atRead).toFixed(0)} ms, process cpu ${median(proc).toFixed(0)} ms, wall ${median(wall).toFixed(0)} ms`;
    if (k > 0) {
      const d = (xs, ys) => xs.map((x, i) => x - ys[i]);
      const base = runs[0];
      const dr = d(
        atRead,
        base.map((ms) => ms.find((m) => m[0] === 'read')[2]),
      );
      const dp = d(
        proc,
        base.map((ms) => ms.find((m) => m[0] === 'exit')[4]),
      );
      const dw = d(
        wall,
        base.map((ms) => ms.find((m) => m[0] === 'exit')[1]),
      );
      line += `; paired Δ read ${median(dr).toFixed(1)} (lower ${dr.filter((x) => x < 0).length}/${dr.length}), process ${median(dp).toFixed(1)} (lower ${dp.filter((x) => x < 0).length}/${dp.length}), wall ${median(dw).toFixed(1)} (lower ${dw.filter((x) => x < 0).length}/${dw.length})`;
    }
    console.log(line);
  }
  console.log(`main-thread cpu ms (page faults) per phase, medians of ${rounds} runs per build; Δ: against ${builds[0]}, paired by round`);
  for (const [a, b] of spans) {
    const name = a === 'read' && b === 'stderr' ? 'ALL after the read' : b;
    const cells = runs.map((rs, k) => {
      const cpu = rs.map((ms) => between(ms, a, b, 2));
      const faults = median(rs.map((ms) => between(ms, a, b, 3)));
      let cell = `${median(cpu).toFixed(1)} (${faults})`;
      if (k > 0) {
        const d = cpu.map((x, i) => x - between(runs[0][i], a, b, 2));
        cell += ` Δ ${median(d).toFixed(1)}, lower ${d.filter((x) => x < 0).length}/${d.length}`;
      }
      return cell;
    });
    console.log(`${name.padEnd(28)} ${cells.join(' | ')}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
