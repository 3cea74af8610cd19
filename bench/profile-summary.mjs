// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, the most inclusive
// time, and self time per file, so "where the time goes" can be named without opening DevTools.
//
//   node bench/profile-summary.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function where(frame, root) {
  let url = frame.url || '';
  if (url.startsWith('file://')) url = relative(root, fileURLToPath(url));
  else if (url.startsWith('node:')) url = url.slice(5);
  return url || '(native)';
}

/** node_modules/<package>, dist/<folder>, node internals, or native (GC, I/O, idle). */
function areaOf(f) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
  if (pkg) return `node_modules/${pkg[1]}`;
  const dist = /(?:^|\/)dist\/([^/]+)\//.exec(f);
  if (dist) return `dist/${dist[1]}`;
  if (f === '(native)') return f;
  return f.startsWith('internal/') || !f.includes('/') ? 'node internals' : f;
}

/** Returns { rows, text }: rows are { name, file, selfMs, totalMs } sorted by self time. */
export function summarise(file, { top = 20, root = process.cwd() } = {}) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}\t${where(n.callFrame, root)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const total = new Map();
  const perFile = new Map();
  const perArea = new Map();
  let all = 0;
  // Depth-first with the keys on the current stack, so a recursive function's time counts once in its total.
  const walk = (id, onStack) => {
    const n = byId.get(id);
    const k = keyOf(n);
    const s = selfUs.get(id) ?? 0;
    all += s;
    self.set(k, (self.get(k) ?? 0) + s);
    const f = where(n.callFrame, root);
    perFile.set(f, (perFile.get(f) ?? 0) + s);
    const a = areaOf(f);
    perArea.set(a, (perArea.get(a) ?? 0) + s);
    let sub = s;
    const fresh = !onStack.has(k);
    if (fresh) onStack.add(k);
    for (const c of n.children ?? []) sub += walk(c, onStack);
    if (fresh) {
      onStack.delete(k);
      total.set(k, (total.get(k) ?? 0) + sub);
    }
    return sub;
  };
  walk(prof.nodes[0].id, new Set());
  const ms = (us) => us / 1000;
  const rows = [...self.entries()]
    .map(([k, s]) => {
      const [name, loc] = k.split('\t');
      return { name, file: loc, selfMs: ms(s), totalMs: ms(total.get(k) ?? s) };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
  const pct = (x) => `${((100 * x) / ms(all)).toFixed(1).padStart(5)}%`;
  const out = [`sampled ${ms(all).toFixed(0)} ms`, '', 'self time (top functions):'];
  for (const r of rows.slice(0, top)) out.push(`  ${r.selfMs.toFixed(0).padStart(7)} ms ${pct(r.selfMs)}  ${r.name}  ${r.file}`);
  out.push('', 'inclusive time (top functions, excluding the program root):');
  const inclusive = [...rows].filter((r) => !['(root)', '(program)'].includes(r.name)).sort((a, b) => b.totalMs - a.totalMs);
  for (const r of inclusive.slice(0, top)) out.push(`  ${r.totalMs.toFixed(0).padStart(7)} ms ${pct(r.totalMs)}  ${r.name}  ${r.file}`);
  out.push('', 'self time by area (package, or folder of dist/):');
  for (const [f, s] of [...perArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${ms(s).toFixed(0).padStart(7)} ms ${pct(ms(s))}  ${f}`);
  out.push('', 'self time by file:');
  for (const [f, s] of [...perFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${ms(s).toFixed(0).padStart(7)} ms ${pct(ms(s))}  ${f}`);
  return { rows: rows.slice(0, top), text: out.join('\n') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  console.log(summarise(process.argv[2], { top: Number(process.argv[3]) || 20 }).text);
}
