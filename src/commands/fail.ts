// How a command reports a failure that stops it: diagnostics one per line, then a one-line reason.
import { formatDiagnostic } from '../scheme/diagnostics.js';
import type { Failure } from './pipeline.js';
import { english, say, type Translate } from '../messages/index.js';
import { issueCount, runStatus } from '../output/status.js';
import { writeIssueLines } from './issue-lines.js';

export function reportFailure(command: string, f: Failure, t: Translate = english): number {
  for (const d of f.diagnostics) process.stderr.write(formatDiagnostic(d, t) + '\n');
  // The data issues behind an error such as a period without rows (its dates read as another month): said with it,
  // not only by kpi validate. A problem that stopped part of the run is an error above already.
  const issues = (f.issues ?? []).filter((i) => i.severity !== 'note' && i.action !== 'stopped');
  if (issues.length > 0) {
    process.stderr.write(`${t('run.issuesBeforeStop', { count: issueCount(runStatus(issues), t) })}\n`);
    writeIssueLines(issues, t);
  }
  if (f.message) process.stderr.write(`kpi ${command}: ${say(f.message, t)}\n`);
  else if (f.diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`kpi ${command}: ${t('run.stopped')}\n`);
  }
  return f.code;
}

/** A usage error (exit 2): the command and what is wrong with how it was called, on one line. */
export function usageError(command: string, message: string): 2 {
  process.stderr.write(`kpi ${command}: ${message}\n`);
  return 2;
}
