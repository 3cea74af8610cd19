// What bin/kpi.js needs, in one module: the bundle (scripts/bundle.mjs) starts here.
export { main } from './cli.js';
export { guardStdio, outputIdle, stdoutFailed } from './commands/stdio.js';
export { handOver } from './start/early-worker.js';
