#!/usr/bin/env node
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code between runs (in the OS temp folder); older Nodes have no such API.
module.enableCompileCache?.();
// dist/kpi-main.js: dist/ bundled into a few files by `npm run build` (scripts/bundle.mjs), for start-up time.
const { guardStdio, main, stdoutFailed } = await import('../dist/kpi-main.js');

// `kpi score … | head` closes the pipe early: stop printing, but finish the run (the report and scorecards
// still get written) instead of crashing with EPIPE. Any other failed write to stdout (`> /dev/full`, a full
// disk) is one line on stderr and exit 1, never a stack trace.
guardStdio();

main(process.argv).then(
  (code) => {
    process.exitCode = stdoutFailed() ? 1 : code;
  },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err?.message ? err.message : String(err)}\n` + 'Please report this with the command you ran.\n');
    process.exitCode = 70;
  },
);
