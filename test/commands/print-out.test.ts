// kpi validate and --version write stdout themselves while node has made no stream for it (commands/stdio.ts
// printOut): a pipe that would block takes the rest through process.stdout, so what was not written must be exactly
// the bytes after those that were.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeUntilBlocked } from '../../src/commands/stdio.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-print-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('a write to stdout that would block', () => {
  it('stops at EAGAIN and says how much was written: the pipe holds exactly those bytes', () => {
    const fifo = path.join(tmp, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const w = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    try {
      // More than a pipe holds (64 KB on Linux, less elsewhere), every byte telling its place.
      const bytes = Buffer.alloc(1 << 20);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
      const n = writeUntilBlocked(w, bytes);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(bytes.length);
      const got = Buffer.alloc(bytes.length);
      let m = 0;
      for (;;) {
        let k = 0;
        try {
          k = readSync(r, got, m, got.length - m, null);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
          throw e;
        }
        if (k === 0) break;
        m += k;
      }
      expect(m).toBe(n);
      expect(got.subarray(0, m).equals(bytes.subarray(0, n))).toBe(true);
      // Emptied, the pipe takes the rest.
      expect(writeUntilBlocked(w, bytes.subarray(n, n + 100))).toBe(100);
    } finally {
      closeSync(w);
      closeSync(r);
    }
  });

  it('throws any other failure (a closed fd) for the caller to say', () => {
    const fd = openSync(path.join(tmp, 'closed'), 'w');
    closeSync(fd);
    expect(() => writeUntilBlocked(fd, Buffer.from('x'))).toThrow(/EBADF/);
  });
});
