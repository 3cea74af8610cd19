#!/usr/bin/env node
import { main } from '../dist/cli.js';
import { guardStdio, stdoutFailed } from '../dist/commands/stdio.js';

// `kpi score … | head` closes the pipe early: stop printing, but finish the run (the report and scorecards
// still get written) instead of crashing with EPIPE. Any other failed write to stdout (`> /dev/full`, a full
// disk) is one line on stderr and exit 1, never a stack trace.
guardStdio();

main(process.argv).then(
  (code) => { process.exitCode = stdoutFailed() ? 1 : code; },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err?.message ? err.message : String(err)}\n` +
      'Please report this with the command you ran.\n');
    process.exitCode = 70;
  },
);
