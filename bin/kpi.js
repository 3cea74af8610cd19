#!/usr/bin/env node
// CommonJS (bin/package.json says so): node starts a CommonJS main without loading its ES module loader, which a
// short run would pay for (about ten of node's own modules, and an async module job before the first line runs).
// dist/kpi-main.cjs: dist/ bundled into one script by `npm run build` (scripts/bundle.mjs), compiled with V8's
// code cache for start-up time (src/start/code-cache.ts, bundled for this file as dist/kpi-start.cjs).
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { loadBundle } = require('../dist/kpi-start.cjs');
const dist = path.join(__dirname, '..', 'dist');

// `kpi score` over a large CSV: the parallel read's worker thread boots on the other core from now on, while this
// one loads the bundle and the scheme (src/start/early-worker.ts; a guess that decides nothing else). Any other
// command pays only the comparison.
const early =
  process.argv[2] === 'score' ? require('../dist/kpi-early.cjs').startForScore(process.argv, pathToFileURL(path.join(dist, 'kpi-csv-worker.cjs'))) : null;

// The bundle requires with this file's require (bin/ and dist/ find the same packages): node:module's
// createRequire would load node's ES module loader.
const kpi = loadBundle(pathToFileURL(path.join(dist, 'kpi-main.cjs')), process.env, require);
const { guardStdio, handOver, main, outputIdle, stdoutFailed } = kpi.exports;
if (early !== null) handOver(early);

// `kpi score … | head` closes the pipe early: stop printing, but finish the run (the report and scorecards
// still get written) instead of crashing with EPIPE. Any other failed write to stdout (`> /dev/full`, a full
// disk) is one line on stderr and exit 1, never a stack trace.
guardStdio();

main(process.argv).then(
  (code) => {
    process.exitCode = stdoutFailed() ? 1 : code;
    // The first run without a fitting cache keeps its bytecode for the next (no cache is ever written otherwise).
    kpi.save();
    // Everything is done and said: exit, instead of letting V8 first finish the garbage collection it started (a
    // short run such as `kpi validate` spent 20-30 ms of cpu on it after its last line). After the write errors
    // still due (the guard above sets the exit code), and only when nothing printed is still on its way (a pipe
    // is written asynchronously on some systems).
    setImmediate(() => {
      if (outputIdle()) process.exit();
    });
  },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err?.message ? err.message : String(err)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 70;
  },
);
