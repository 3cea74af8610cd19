// Failures of the shell's own streams. A closed pipe (`kpi score … | head`) ends the printing quietly and the run
// still writes its files; any other failed write to stdout (`> /dev/full`, a full disk, a terminal gone) is one
// line on stderr and exit 1, never a stack trace. A failed write to stderr has nowhere left to be told.

let failed = false;

/** Why a write failed, in words. */
function cause(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EROFS':
      return 'the disk is read-only (EROFS)';
    case 'EIO':
      return 'an input/output error (EIO)';
    case 'EBADF':
      return 'stdout is closed (EBADF)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.code})`;
    default:
      return e.code ?? e.message;
  }
}

export function guardStdio(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    process.exitCode = 1;
    if (failed) return;
    failed = true;
    try {
      process.stderr.write(`kpi: cannot write the output: ${cause(err)}; nothing after that was printed\n`);
    } catch {
      // stderr is gone too
    }
  });
  process.stderr.on('error', () => undefined);
}

/** Whether a write to stdout failed (the run's exit code is then 1, whatever the command returned). */
export function stdoutFailed(): boolean {
  return failed;
}
