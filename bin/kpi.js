#!/usr/bin/env node
// dist/kpi-main.cjs: dist/ bundled into one script by `npm run build` (scripts/bundle.mjs), compiled with V8's
// code cache for start-up time (src/start/code-cache.ts).
import { loadBundle } from '../dist/start/code-cache.js';

const kpi = loadBundle(new URL('../dist/kpi-main.cjs', import.meta.url));
const { guardStdio, main, stdoutFailed } = kpi.exports;

// `kpi score … | head` closes the pipe early: stop printing, but finish the run (the report and scorecards
// still get written) instead of crashing with EPIPE. Any other failed write to stdout (`> /dev/full`, a full
// disk) is one line on stderr and exit 1, never a stack trace.
guardStdio();

main(process.argv).then(
  (code) => {
    process.exitCode = stdoutFailed() ? 1 : code;
    // The first run without a fitting cache keeps its bytecode for the next (no cache is ever written otherwise).
    kpi.save();
  },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err?.message ? err.message : String(err)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 70;
  },
);
