// The CSV read's hot function (RowSink.csvLine, with what it inlines) is compiled by V8's optimising compiler once
// per reading thread, not again after a deopt (issue 14). Each compile of it is 40–100 ms of a compile thread's cpu,
// in the read's first quarter, when both cores are busy reading. It was thrown away (and compiled again) by a branch
// first taken after the compile, with no type feedback: a line with no quote after it in its chunk (`end + 1`) and the
// 4,097th key of a sorted key column (the kept keys' end, which also changed a field's type). V8's own tracing says so
// (`--trace-opt --trace-deopt`). With the CSV kernel (kernel-lines.ts) reading the rows csvLine read, the read's hot
// JavaScript is the storing of the kernel's rows (StringColumn.appendCodes, per row of each text column); csvLine
// reads only the lines the kernel declines. A hole in the kernel's texts by code threw appendCodes away once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { generate } from '../../bench/generate.mjs';
import { BIN } from './run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kpi-optimised-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the CSV read compiled once per thread', () => {
  it('the read (appendCodes, csvLine) is never deoptimised on a large sorted file with quoted amounts and a roster', async () => {
    // Large enough for two threads; sorted order ids, ~4 % of amounts quoted ("1,009.48"), a 500-rep roster file.
    const { dir } = await generate(270_000, { root: tmp, salesOnly: true });
    const r = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', BIN, 'score', 'scheme-sales.yaml', '--format', 'json'], {
      cwd: dir,
      // Traced flags do not match the built code cache: no cache read or written anywhere.
      env: { ...process.env, KPI_CODE_CACHE: 'off', XDG_CACHE_HOME: tmp, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      timeout: 120_000,
    });
    expect(r.status).toBe(3); // the generator's deliberate bad amounts, skipped and said
    const lines = r.stdout.split('\n');
    const thrown = (name: string) =>
      lines.filter((l) => (l.startsWith('[bailout') || l.startsWith('[aborted optimizing')) && l.includes(`<JSFunction ${name} `));
    const compiled = lines.filter((l) => l.startsWith('[completed compiling') && l.includes('<JSFunction appendCodes '));
    expect(compiled.length).toBeGreaterThanOrEqual(1);
    expect(thrown('csvLine')).toEqual([]);
    // Once at most, for a second kernel in one thread (the main thread reading the back of the worker's part): its
    // exports are other functions than those the code was compiled with. Nothing else throws it away.
    const appendCodes = thrown('appendCodes');
    expect(appendCodes.length).toBeLessThanOrEqual(1);
    for (const l of appendCodes) expect(l).toContain('reason: wrong call target');
    expect(compiled.length).toBeLessThanOrEqual(4); // each of the two threads, again after a second kernel at most
  }, 120_000);
});
