// `kpi score --wide` at a terminal narrower than the table: the table goes through a pager that scrolls sideways
// (`less -S`, as git and psql do), so every rep stays on one line and no line wraps in the middle of a cell.
// KPI_PAGER names another pager (run by the shell); KPI_PAGER=cat or an empty KPI_PAGER prints as it is.
import { spawn } from 'node:child_process';

/** How `text` reaches the terminal: printed as it is, or through a pager command. */
export type PagerChoice = { kind: 'print' } | { kind: 'default' } | { kind: 'shell'; command: string };

/** The default pager: chop long lines (→/← scroll), keep colours, quit at once when it fits, leave it on screen. */
const DEFAULT_PAGER = ['less', '-FRSX'] as const;

/**
 * Whether a table `widest` display columns wide needs a pager on a terminal `columns` wide. Only at a terminal
 * (both stdin and stdout: a pager reads keys) and only when it is wider; KPI_PAGER overrides the default pager.
 */
export function pagerFor(widest: number, columns: number | undefined, ttys: { stdin: boolean; stdout: boolean }, env: NodeJS.ProcessEnv): PagerChoice {
  if (!ttys.stdout || !ttys.stdin || columns === undefined || widest <= columns) return { kind: 'print' };
  const chosen = env.KPI_PAGER;
  if (chosen === undefined) return { kind: 'default' };
  const command = chosen.trim();
  return command === '' || command === 'cat' ? { kind: 'print' } : { kind: 'shell', command };
}

/**
 * Shows `text` through the pager and waits for the user to leave it. Ctrl-C belongs to the pager meanwhile (as in
 * git). Returns false when the pager could not start (no `less`): the caller prints the text itself.
 */
export function page(text: string, choice: Exclude<PagerChoice, { kind: 'print' }>): Promise<boolean> {
  return new Promise((resolve) => {
    const child =
      choice.kind === 'default'
        ? spawn(DEFAULT_PAGER[0], DEFAULT_PAGER.slice(1), { stdio: ['pipe', 'inherit', 'inherit'] })
        : spawn(choice.command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'] });
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    let started = true;
    child.on('error', () => {
      started = false; // ENOENT: no such pager; nothing was shown
    });
    // The user may quit before reading everything: a closed pipe is not an error.
    child.stdin.on('error', ignore);
    child.on('close', () => {
      process.off('SIGINT', ignore);
      resolve(started);
    });
    child.stdin.end(text);
  });
}
