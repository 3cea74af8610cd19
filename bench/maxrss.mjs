// Preload (node --import) used when /usr/bin/time is not installed: when the process exits, writes what
// GNU time's "%M %U %S" would (peak RSS in KB, user and system CPU seconds) to $KPI_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.KPI_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`);
  });
}
