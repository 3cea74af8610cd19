// Data issues as lines on stderr: the first few, each with its file, row and column, and how many more.
import type { DataIssue } from '../core/table.js';
import { issueText, type Translate } from '../messages/index.js';
import { printable } from '../scheme/diagnostics.js';

const SHOWN = 5;

export function writeIssueLines(issues: readonly DataIssue[], t: Translate): void {
  for (const i of issues.slice(0, SHOWN)) {
    const where = [i.file, i.row ? t('score.issueRow', { row: i.row }) : '', i.column ? t('score.issueColumn', { column: i.column }) : '']
      .filter(Boolean)
      .join(t('score.whereSep'));
    const reason = issueText(i, t);
    const value = i.value !== undefined && !reason.includes(i.value) ? `"${i.value}": ` : '';
    const code = i.code ? `${i.code} ` : '';
    process.stderr.write(printable(t('score.issueLine', { where, text: `${code}${value}${reason}` })) + '\n');
  }
  if (issues.length > SHOWN) process.stderr.write(`${t('score.issuesMore', { n: issues.length - SHOWN })}\n`);
}
