// How a command reports a failure that stops it: diagnostics one per line, then a one-line reason.
import { formatDiagnostic } from '../scheme/diagnostics.js';
import type { Failure } from './pipeline.js';

export function reportFailure(command: string, f: Failure): number {
  for (const d of f.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (f.message) process.stderr.write(`kpi ${command}: ${f.message}\n`);
  else if (f.diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`kpi ${command}: stopped; fix the errors above (kpi validate lists them all)\n`);
  }
  return f.code;
}
