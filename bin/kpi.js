#!/usr/bin/env node
import { main } from '../dist/cli.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Last-resort guard: a bug, not bad input. Keep the message short and actionable.
    process.stderr.write(`kpi: internal error: ${err && err.message ? err.message : String(err)}\n` +
      'Please report this with the command you ran.\n');
    process.exitCode = 70;
  },
);
