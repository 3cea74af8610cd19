// Why the CSV reader uses its own tokenizer: the same job (stream a 1M-row sales CSV, sum Amount by rep)
// done with our tokenizer, papaparse and csv-parse, each in a fresh process. Best of N runs.
//
//   npx tsc -p . && node bench/reading-parsers.mjs [rows=1000000] [runs=3]
//
// Measured 2026-11 on the 2-core build machine (load ~3 from parallel work), 1M rows / 65 MB, best of 3,
// whole process:
//   tokenizer (ours)  0.48 s  cpu 0.49 s   67 MB     <- chosen
//   papaparse         0.80 s  cpu 0.80 s   87 MB
//   csv-parse         2.28 s  cpu 2.25 s   66 MB
//   readSource        1.16 s  cpu 1.11 s  245 MB     (all 8 columns typed, SHA-256, duplicate keys, issues)

import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSales } from './reading-bench.mjs';

const self = fileURLToPath(import.meta.url);
const dist = (f) => pathToFileURL(resolve(self, '..', '..', 'dist', 'reading', f)).href;

const jobs = {
  async tokenizer(file) {
    const { CsvTokenizer } = await import(dist('csv-tokenizer.js'));
    const sums = new Map();
    let header = true;
    const tok = new CsvTokenizer(',', (rec) => {
      if (header) return void (header = false);
      const rep = rec.text(1);
      sums.set(rep, (sums.get(rep) ?? 0) + Number(rec.text(5)));
    });
    const dec = new TextDecoder();
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) tok.push(dec.decode(chunk, { stream: true }));
    tok.push(dec.decode());
    tok.end();
    return sums.size;
  },
  async papaparse(file) {
    const { default: Papa } = await import('papaparse');
    const sums = new Map();
    let header = true;
    await new Promise((res, rej) =>
      Papa.parse(createReadStream(file), {
        step: ({ data }) => {
          if (header) return void (header = false);
          sums.set(data[1], (sums.get(data[1]) ?? 0) + Number(data[5]));
        },
        complete: res,
        error: rej,
      }),
    );
    return sums.size;
  },
  async 'csv-parse'(file) {
    const { parse } = await import('csv-parse');
    const sums = new Map();
    const parser = createReadStream(file).pipe(parse({ from_line: 2, bom: true }));
    for await (const r of parser) sums.set(r[1], (sums.get(r[1]) ?? 0) + Number(r[5]));
    return sums.size;
  },
  async readSource(file) {
    const { readSource } = await import(dist('index.js'));
    const { salesSpec } = await import('./reading-bench.mjs');
    const { table } = await readSource(salesSpec(file, 'csv'), { minorUnit: 2 });
    const reps = table.columns.get('rep').values;
    const amounts = table.columns.get('amount').values;
    const sums = new Map();
    for (let i = 0; i < table.rowCount; i++) sums.set(reps[i], (sums.get(reps[i]) ?? 0) + amounts[i]);
    return sums.size;
  },
};

async function main() {
  const [mode, job, file] = process.argv.slice(2);
  if (mode === '--child') {
    const groups = await jobs[job](file);
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ groups, cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
    return;
  }
  const rows = Number(process.argv[2] ?? 1_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const csv = await generateSales(rows, 'csv');
  console.log(`${csv}: stream, parse, sum Amount by rep — best of ${runs}`);
  console.log('parser        wall      cpu   peak RSS');
  for (const name of Object.keys(jobs)) {
    let best = null;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [self, '--child', name, csv], { encoding: 'utf8' });
      const wallMs = performance.now() - t0;
      if (r.status !== 0) throw new Error(r.stderr);
      const res = { ...JSON.parse(r.stdout), wallMs };
      if (!best || res.wallMs < best.wallMs) best = res;
    }
    console.log(
      `${name.padEnd(11)} ${(best.wallMs / 1000).toFixed(2).padStart(6)} s ${(best.cpuMs / 1000).toFixed(2).padStart(6)} s ${String(best.maxRssMB).padStart(6)} MB`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
