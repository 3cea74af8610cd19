import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/reading/progress.js';

function fakeErr(isTTY: boolean) {
  const lines: string[] = [];
  return {
    out: {
      isTTY,
      write: (s: string) => {
        lines.push(s);
        return true;
      },
    },
    lines,
  };
}

describe('progress on stderr', () => {
  it('silent for the first second, then rows and MB/s; cleared at the end', () => {
    let now = 0;
    const { out, lines } = fakeErr(true);
    const p = createProgress('sales.csv', out, () => now);
    now = 500;
    p.update({ rowsRead: 1000, bytesRead: 1e6, totalBytes: 63e6 });
    expect(lines).toEqual([]);
    now = 2000; // 38 MB in 2 s = 19 MB/s
    p.update({ rowsRead: 412_000, bytesRead: 38e6, totalBytes: 63e6 });
    expect(lines).toEqual(['\r\x1b[Kreading sales.csv  412,000 rows  19 MB/s  60%']);
    now = 2050; // throttled: at most every 100 ms
    p.update({ rowsRead: 413_000, bytesRead: 39e6, totalBytes: 63e6 });
    expect(lines).toHaveLength(1);
    p.done();
    expect(lines.at(-1)).toBe('\r\x1b[K');
  });

  it('silent when stderr is not a terminal', () => {
    let now = 0;
    const { out, lines } = fakeErr(false);
    const p = createProgress('sales.csv', out, () => now);
    now = 5000;
    p.update({ rowsRead: 1, bytesRead: 1, totalBytes: 1 });
    p.done();
    expect(lines).toEqual([]);
  });
});
