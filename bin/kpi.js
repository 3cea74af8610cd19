#!/usr/bin/env node
import { main } from '../dist/cli.js';

// `kpi score … | head` closes the pipe early: stop printing, but finish the run (the report and scorecards
// still get written) instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) return;
    throw err;
  });
}

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err?.message ? err.message : String(err)}\n` +
      'Please report this with the command you ran.\n');
    process.exitCode = 70;
  },
);
