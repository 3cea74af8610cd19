// "reading sales.csv  412,000 rows  38 MB/s" on stderr for reads that take more than about a second.
// Silent when stderr is not a terminal (pipes, CI, tests).

import type { Progress } from './types.js';

const DELAY_MS = 1000;
const EVERY_MS = 100;

export interface ProgressLine {
  update(p: Progress): void;
  done(): void;
}

export function createProgress(
  label: string,
  // process.stderr when not given, read only once a read has taken DELAY_MS: node makes the stream when it is first
  // read, and a run that says nothing on stderr then makes none (commands/stdio.ts).
  given?: { isTTY?: boolean; write(s: string): boolean },
  // process.hrtime, not performance.now(): the first use of `performance` loads node's perf_hooks (2-8 ms).
  now: () => number = () => Number(process.hrtime.bigint()) / 1e6,
): ProgressLine {
  const start = now();
  let last = -Infinity;
  let shown = false;
  let out: { isTTY?: boolean; write(s: string): boolean } | undefined;
  return {
    update(p) {
      if (out !== undefined && !out.isTTY) return;
      const t = now();
      if (t - start < DELAY_MS || t - last < EVERY_MS) return;
      out ??= given ?? process.stderr;
      if (!out.isTTY) return;
      last = t;
      shown = true;
      const mbps = p.bytesRead / 1e6 / ((t - start) / 1000);
      const pct = p.totalBytes > 0 ? `  ${Math.floor((100 * p.bytesRead) / p.totalBytes)}%` : '';
      out.write(`\r\x1b[Kreading ${label}  ${p.rowsRead.toLocaleString('en-US')} rows  ${mbps.toFixed(0)} MB/s${pct}`);
    },
    done() {
      if (shown) out?.write('\r\x1b[K');
    },
  };
}
